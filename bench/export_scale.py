"""Exports of a large scanned document: seconds, CPU and peak memory of the export child, per format.

    uv run python bench/export_scale.py [--pages 100 900] [--dpi 300] [--max-size 10MB] [--validate]

The source is a PDF of N real image pages at scanner size (A4, gray JPEG at ``--dpi``, each page
its own image object, as a scanner writes them). Nothing is OCRed N times: a few distinct pages
(``--distinct``) are drawn with tests/pdfgen.py and read once with the app's own page reader
(``process_page``, real Tesseract), and their ``PageResult`` stands for every page that shows the
same image (as bench/cache_reopen.py does). Each export then runs as ``scriba ocr --format X`` and
the window run it: an ``ExportJob`` sent to a fresh ``ExportProcess`` child (the registry's
writers, the workers' memory cap). Measured per export, in the child: wall seconds of the
``export`` call (pickling the pages to the child included), CPU seconds, peak RSS (the kernel's
``VmHWM``, exact) and peak PSS (sampled every 50 ms, bench/proctree.py's ``tree_pss``); the idle
child's RSS (its imports) is printed apart. With two or more ``--pages`` the last column is the peak's growth
per 100 pages between the smallest and the largest run: flat memory is ~0.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import psutil  # noqa: E402
from pdfa_export import _text  # noqa: E402
from proctree import SAMPLE_SECONDS, tree_pss  # noqa: E402

from tests.big_scans import image_pages_pdf, jpeg_bytes  # noqa: E402

FORMATS = ("txt", "alto", "hocr", "docx", "pdf", "pdfa", "pdfa --compress", "pdfa --max-size")
MB = 1024 * 1024


def sample_pages(work: Path, distinct: int, dpi: int) -> tuple[list[bytes], list[object]]:
    """``distinct`` scanned pages as JPEG bytes, and each one's PageResult read by the app."""
    from app.core.options import OcrOptions
    from app.core.reading.document import open_pdf
    from app.core.reading.pages import PageContext, process_page
    from app.core.running.worker import with_text_laid_out
    from tests.pdfgen import page_image

    jpegs = [jpeg_bytes(page_image(_text(n), dpi=dpi, seed=n, font_pt=11), dpi) for n in range(distinct)]
    sample = image_pages_pdf(work / "sample.pdf", jpegs, distinct, dpi)
    document, opened_with = open_pdf(sample, None)
    context = PageContext()
    results = [  # as a worker sends them: with their text laid out once (``PageResult.layout``)
        with_text_laid_out(process_page(context, document, sample, opened_with, n, OcrOptions(dpi=dpi)))
        for n in range(distinct)
    ]
    return jpegs, results


@dataclasses.dataclass
class Row:
    fmt: str
    pages: int
    wall: float
    cpu: float
    peak_rss: int  # bytes, the child's VmHWM
    peak_pss: int  # bytes, the largest sample
    idle_rss: int  # the idle child's, before the export
    out_bytes: int
    files: int
    valid: str = "-"


def _status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    return 0


def run_export(doc: object, target: Path, fmt: str, max_size: int) -> Row:
    from app.core.running.export_process import ExportJob, ExportProcess

    name, _, flag = fmt.partition(" ")
    quality = 75 if flag == "--compress" else None
    limit = max_size if flag == "--max-size" else None
    job = ExportJob(doc, target, name, jpeg_quality=quality, max_size=limit)  # type: ignore[arg-type]
    with ExportProcess() as process:
        pid = process.start()
        child = psutil.Process(pid)
        while _status_kb(pid, "VmRSS") == 0 or child.cpu_times().user == 0:
            time.sleep(0.05)
        time.sleep(0.5)  # the child's imports at start
        idle_rss, idle_pss = _status_kb(pid, "VmHWM"), tree_pss(child)[0]
        cpu_before = sum(child.cpu_times()[:2])
        peak = [idle_pss]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], tree_pss(child)[0])
                done.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.perf_counter()
        outcome = process.export(job)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        cpu = sum(child.cpu_times()[:2]) - cpu_before
        hwm = _status_kb(pid, "VmHWM")
    if outcome.target is None:  # a row all the same: "memory" is a finding
        return Row(fmt, len(doc.pages), wall, cpu, hwm, peak[0], idle_rss, 0, 0, f"failed: {outcome.code}")  # type: ignore[attr-defined]
    parts = list(outcome.parts) or [outcome.target]
    size = sum(part.stat().st_size for part in parts)
    return Row(fmt, len(doc.pages), wall, cpu, hwm, peak[0], idle_rss, size, len(parts))  # type: ignore[attr-defined]


def _validate(row: Row, target: Path) -> str:
    import pikepdf.pdfa

    parts = sorted(target.parent.glob(f"{target.stem}*.pdf"))
    verdicts = {pikepdf.pdfa.validate_written(part, "2b").passed for part in parts}
    return "pass" if verdicts == {True} else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 900])
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--distinct", type=int, default=4, help="pages drawn and OCRed for real")
    parser.add_argument("--max-size", default="10MB", help="the size-controlled PDF/A's limit")
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), help=f"of {FORMATS}")
    parser.add_argument("--validate", action="store_true", help="PDF/A-2b check of every PDF/A (slow)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    from app.core.export.base import ExportDocument
    from app.core.export.split import parse_size

    work = Path(tempfile.mkdtemp(prefix="scriba-export-scale-"))
    os.environ.setdefault("SCRIBA_CACHE_DIR", str(work / "cache"))
    os.environ.setdefault("SCRIBA_LOG_DIR", str(work / "logs"))
    limit = parse_size(args.max_size)
    started = time.perf_counter()
    jpegs, results = sample_pages(work, args.distinct, args.dpi)
    words = sum(len(r.words) for r in results) / len(results)  # type: ignore[attr-defined]
    print(
        f"{args.distinct} distinct pages read in {time.perf_counter() - started:.1f} s; {words:.0f} words a page"
    )
    rows: list[Row] = []
    try:
        for count in args.pages:
            source = image_pages_pdf(work / f"scan-{count}.pdf", jpegs, count, args.dpi)
            pages = [dataclasses.replace(results[n % len(results)], page=n) for n in range(count)]  # type: ignore[type-var]
            doc = ExportDocument(source, pages, dpi=args.dpi)  # type: ignore[arg-type]
            for fmt in args.formats:
                name = fmt.split()[0]
                suffix = {"alto": ".alto.xml", "hocr": ".hocr", "pdfa": ".pdf"}.get(name, "." + name)
                target = work / f"out-{count}-{fmt.replace(' ', '').replace('-', '')}{suffix}"
                row = run_export(doc, target, fmt, limit)
                if args.validate and name == "pdfa" and row.files:
                    row.valid = _validate(row, target)
                rows.append(row)
                print(
                    f"{count} pages {fmt}: {row.wall:.2f} s, cpu {row.cpu:.2f} s, +{row.peak_rss / MB:.0f} MB RSS",
                    flush=True,
                )
                for part in target.parent.glob(f"{target.stem}*"):
                    part.unlink()
            source.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows, args)


def print_table(rows: list[Row], args: argparse.Namespace) -> None:
    cpu = platform.processor() or platform.machine()
    print(
        f"\n{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()} ({cpu}, {os.cpu_count()} cores), "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"
    )
    print(f"`uv run python bench/export_scale.py --pages {' '.join(map(str, args.pages))} --dpi {args.dpi}`")
    idle = max(row.idle_rss for row in rows) / MB if rows else 0
    print(
        f"A4 gray JPEG at {args.dpi} DPI; size control: --max-size {args.max_size}; idle export child {idle:.0f} MB RSS\n"
    )
    sizes = sorted(set(args.pages))
    growth = len(sizes) > 1
    print(
        "| format | pages | wall s | CPU s | ms/page | peak RSS MB | peak PSS MB | output MB | files | PDF/A |"
        + (" RSS MB per 100 pages |" if growth else "")
    )
    print("|---|---|---|---|---|---|---|---|---|---|" + ("---|" if growth else ""))
    by = {(row.fmt, row.pages): row for row in rows}
    for row in rows:
        line = (
            f"| {row.fmt} | {row.pages} | {row.wall:.2f} | {row.cpu:.2f} | {1000 * row.wall / row.pages:.1f} | "
            f"{row.peak_rss / MB:.0f} | {row.peak_pss / MB:.0f} | {row.out_bytes / 1e6:.1f} | {row.files} | {row.valid} |"
        )
        if growth:
            low, high = by.get((row.fmt, sizes[0])), by.get((row.fmt, sizes[-1]))
            slope = (high.peak_rss - low.peak_rss) / MB / (sizes[-1] - sizes[0]) * 100 if low and high else 0
            line += f" {slope:.1f} |" if row.pages == sizes[-1] else " |"
        print(line)


if __name__ == "__main__":
    main()
