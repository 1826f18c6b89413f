"""Exports of many scanned pages keep the export child's memory flat: the PDF/A does not grow
with the page count (it once held the whole file in memory two or three times over), and size
control holds no more than one compression step's new images (qpdf keeps an image it was given
until it writes the file), never the document's bytes or every step's.

A real measure, with generous bounds: the export child's own peak resident memory (the kernel's
``VmHWM``), exporting 10 and then 110 scanned pages at 300 DPI (~0.6 MB of JPEG each) in fresh
children. One more copy of the pages' images is ~60 MB; the bounds allow 40 MB more than the
one copy of recompressed images.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pikepdf
import pytest

from app.core.export.base import ExportDocument
from app.core.running.export_process import ExportJob, ExportProcess
from tests.big_scans import image_pages_pdf, jpeg_bytes
from tests.export_helpers import laid_out_page
from tests.pdfgen import page_image

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads VmHWM from /proc"),
]
DPI = 300
GROWTH = 40 * 1024 * 1024  # bytes more allowed for 100 more pages


@pytest.fixture(scope="module")
def jpeg() -> bytes:
    lines = "\n".join(f"Linha {n}: a audiência de conciliação foi marcada para março." for n in range(30))
    return jpeg_bytes(page_image(lines, dpi=DPI, font_pt=11), DPI)


def _document(folder: Path, jpeg: bytes, pages: int) -> ExportDocument:
    source = image_pages_pdf(folder / f"scan-{pages}.pdf", [jpeg], pages, DPI)
    with pikepdf.open(source) as pdf:
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    page = laid_out_page([[f"Linha {n} da audiência de conciliação" for n in range(30)]])
    page = dataclasses.replace(page, width_pt=width, height_pt=height)
    return ExportDocument(source, [dataclasses.replace(page, page=n) for n in range(pages)], dpi=DPI)


def _peak(job: ExportJob) -> tuple[int, int]:
    """The export child's peak resident bytes after ``job``, and before it (its imports)."""
    with ExportProcess() as process:
        status = Path(f"/proc/{process.start()}/status")
        process.export(ExportJob(job.doc, job.target.with_suffix(".txt"), "txt"))  # its imports done
        idle = _hwm(status)
        outcome = process.export(job)
        peak = _hwm(status)
    assert outcome.target is not None, outcome.error
    return peak, idle


def _count(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def _hwm(status: Path) -> int:
    line = next(line for line in status.read_text().splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


@pytest.mark.parametrize(
    ("fmt", "quality", "max_size"),
    [("pdfa", None, None), ("pdf", 75, None), ("pdfa", None, 5_000_000)],
    ids=["pdfa", "pdf --compress", "pdfa --max-size"],
)
def test_exporting_more_pages_needs_no_more_memory(
    tmp_path: Path, jpeg: bytes, fmt: str, quality: int | None, max_size: int | None
) -> None:
    peaks, sources = [], []
    for pages in (10, 110):
        # Given a scan of that many pages at 300 DPI, every page its own image
        doc = _document(tmp_path, jpeg, pages)
        target = tmp_path / f"out-{pages}.pdf"
        # When it is exported in the export child
        peak, idle = _peak(ExportJob(doc, target, fmt, jpeg_quality=quality, max_size=max_size))
        written = sorted(tmp_path.glob(f"out-{pages}*.pdf"))
        # Then every page was written, and the child's peak is what it was for ten pages
        assert sum(_count(part) for part in written) == pages
        peaks.append(peak)
        sources.append(doc.source.stat().st_size)
    # Recompressed images are never larger than the scan's (an image is replaced only when smaller)
    allowed = GROWTH + (sources[1] - sources[0] if quality or max_size else 0)
    assert peaks[1] - peaks[0] < allowed, [f"{peak / 2**20:.0f} MB" for peak in peaks]
