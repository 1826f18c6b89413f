"""PDF/A export: seconds and bytes per page, with and without size control, against OCRmyPDF.

    uv run --group bench python bench/pdfa_export.py [--pages 10] [--reps 1]

Inputs (generated into bench/out/pdfa/): A4 pages at 300 DPI, 30 lines of Portuguese text each,
as two scans: gray JPEG (as most office scanners store them) and 1-bit (an archive scanner's
black-and-white mode, Flate). Each goes through, with 2 workers and no cache:

- ``scriba ocr IN --format pdfa -o OUT``, and the same with ``--compress`` (JPEG 75, G4, <=300 DPI);
- ``ocrmypdf -j 2 -l por+eng --force-ocr --output-type pdfa IN OUT`` (its default --optimize 1).

Whole commands are timed (reading + writing). The export alone (``split.sized_files`` on the
pages recognised once) is timed in this process too. Every output is checked with pikepdf's
PDF/A-2b validator (veraPDF rules); OCRmyPDF's files say PDF/A-2B as well.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.export_helpers import recognise_pdf  # noqa: E402
from tests.pdfgen import page_image  # noqa: E402

OUT = ROOT / "bench" / "out" / "pdfa"
WORDS = (
    "o processo judicial foi distribuído à vara do trabalho para audiência de conciliação e julgamento "
    "nos termos da lei com intimação das partes e do ministério público sobre a sentença proferida"
).split()


def _text(seed: int) -> str:
    rng = random.Random(seed)
    return "\n".join(" ".join(rng.choice(WORDS) for _ in range(11)) for _ in range(30))


def make_inputs(pages: int) -> dict[str, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    gray_path, bitonal_path = OUT / f"gray-{pages}.pdf", OUT / f"bitonal-{pages}.pdf"
    if not gray_path.exists() or not bitonal_path.exists():
        images = [page_image(_text(n), dpi=300, seed=n, font_pt=11) for n in range(pages)]
        images[0].save(gray_path, "PDF", resolution=300, save_all=True, append_images=images[1:])
        bitonal = [image.point(lambda v: 255 if v > 150 else 0).convert("1") for image in images]
        bitonal[0].save(bitonal_path, "PDF", resolution=300, save_all=True, append_images=bitonal[1:])
        _store_with_flate(bitonal_path)
    return {"gray JPEG": gray_path, "1-bit": bitonal_path}


def _store_with_flate(path: Path) -> None:
    """Pillow writes 1-bit pages as G4 already; many scanners' drivers use Flate instead."""
    import zlib

    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            for _, image in page.obj.Resources.XObject.items():
                pixels = pikepdf.PdfImage(image).as_pil_image().convert("1")
                image.write(zlib.compress(pixels.tobytes()), filter=pikepdf.Name.FlateDecode)
                image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceGray, 1
        pdf.save(path)


def _run(command: list[str]) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=1800)
    return time.perf_counter() - started


def _valid(path: Path) -> str:
    import pikepdf.pdfa

    report = pikepdf.pdfa.validate_written(path, "2b")
    return "pass" if report.passed else report.verdict.value


def _export_alone(source: Path, quality: int | None) -> tuple[float, int]:
    import tempfile

    from app.core.export.base import ExportDocument, ExportOptions
    from app.core.export.split import sized_files

    pages = recognise_pdf(source, dpi=300)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        doc, options = ExportDocument(source, pages), ExportOptions(jpeg_quality=quality)
        before, files = sized_files(doc, "pdfa", options, Path(folder))
        return time.perf_counter() - started, files[0].stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--no-ocrmypdf", action="store_true")
    args = parser.parse_args()
    scriba = [sys.executable, "-m", "app", "ocr"]
    ocrmypdf = shutil.which("ocrmypdf") or str(Path(sys.executable).parent / "ocrmypdf")
    rows = []
    for label, source in make_inputs(args.pages).items():
        tools = {
            "Scriba pdfa": [*scriba, source, "--format", "pdfa", "-o", "{out}"],
            "Scriba pdfa --compress": [*scriba, source, "--format", "pdfa", "--compress", "-o", "{out}"],
            "Scriba pdfa --jpeg-quality 50": [
                *scriba,
                source,
                "--format",
                "pdfa",
                "--jpeg-quality",
                "50",
                "-o",
                "{out}",
            ],
            "Scriba pdfa --max-size 1.5MB": [
                *scriba,
                source,
                "--format",
                "pdfa",
                "--max-size",
                "1.5MB",
                "-o",
                "{out}",
            ],
        }
        if not args.no_ocrmypdf:
            tools["OCRmyPDF --output-type pdfa"] = [
                ocrmypdf, "-q", "-j", "2", "-l", "por+eng", "--force-ocr", "--output-type", "pdfa", source, "{out}",
            ]  # fmt: skip
        common = ["--workers", "2", "--no-cache", "--progress", "none"]
        for name, template in tools.items():
            out = OUT / f"{label.split()[0]}-{name.split()[0]}-{len(name)}.pdf"
            command = [str(out) if part == "{out}" else str(part) for part in template]
            if name.startswith("Scriba"):
                command += common
            for old in OUT.glob(out.stem + "*.pdf"):
                old.unlink()
            seconds = min(_run(command) for _ in range(args.reps))
            parts = sorted(OUT.glob(out.stem + "-*.pdf")) or [out]
            size = sum(part.stat().st_size for part in parts)
            verdicts = {_valid(part) for part in parts}
            valid = "/".join(sorted(verdicts)) + (
                f" ({len(parts)} parts, largest {max(p.stat().st_size for p in parts) / 1e6:.2f} MB)"
                if len(parts) > 1
                else ""
            )
            rows.append((label, name, seconds / args.pages, size / args.pages, valid))
            print(rows[-1], flush=True)
        for quality in (None, 75):
            seconds, size = _export_alone(source, quality)
            name = "Scriba export alone" + (" --compress" if quality else "")
            rows.append((label, name, seconds / args.pages, size / args.pages, "-"))
            print(rows[-1], flush=True)
    print(f"\n{args.pages} pages per input, A4 300 DPI, 2 workers; load {os.getloadavg()[0]:.1f}\n")
    print("| input | tool | s/page | KB/page | pikepdf PDF/A-2b validator |")
    print("|---|---|---|---|---|")
    for label, name, seconds, size, valid in rows:
        print(f"| {label} | {name} | {seconds:.2f} | {size / 1000:.0f} | {valid} |")


if __name__ == "__main__":
    main()
