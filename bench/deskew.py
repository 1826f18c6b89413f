"""Crooked pages before and after deskew: CER, the tilt measured, and what deskew costs a page.

    uv run python bench/deskew.py                      # ~3 min on 2 cores (56 readings at 300 DPI)
    uv run python bench/deskew.py --dpi 200 --skews 4,10
    uv run --group bench python bench/deskew.py --ocrmypdf   # also OCRmyPDF --deskew (system Tesseract)

Pages are generated (nothing is downloaded): the benchmark's dense Portuguese/English text
(``corpus.page_text``), A4, one column or two, fed crooked by each angle with ``page_image``.
Each page is read in this process through ``read_pixels`` (the pipeline every page's pixels take,
one engine kept between pages) with ``deskew`` off, then on. Costs: detection (``detect_skew``)
and straightening (``straighten``) timed apart, median over the pages; recognition for scale.
Prints a Markdown report.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import corpus  # puts the project root on sys.path

from app.core.options import OcrOptions
from app.core.reading.deskew import detect_skew, straighten
from app.core.reading.pages import PageContext, PagePixels, read_pixels
from app.core.reading.render import GrayImage
from tests.pdfgen import A4, char_error_rate, page_image

SKEWS = (0.5, 1.0, 2.0, 4.0, 7.0, 10.0, 15.0)
LAYOUTS = {"plain": 1, "two-column": 2}


def pages(dpi: int, skews: list[float]) -> list[tuple[str, float, str, GrayImage]]:
    """(layout, skew, known text, pixels) for every layout and every skew, both signs."""
    made = []
    for index, (layout, columns) in enumerate(LAYOUTS.items()):
        for number, magnitude in enumerate(skews):
            for sign in (1, -1):
                seed = 100 * index + 2 * number + (sign < 0)
                text = corpus.page_text(seed)
                picture = page_image(
                    text, dpi=dpi, font_pt=11.0, skew=sign * magnitude, columns=columns, seed=seed
                )
                made.append((layout, sign * magnitude, text, GrayImage.from_pil(picture)))
    return made


def timed(function: object, *args: object) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args)  # type: ignore[operator]
    return time.perf_counter() - started, result


def ocrmypdf_texts(images: list[GrayImage], dpi: int) -> list[str]:
    """The pages through ``ocrmypdf --deskew`` (one PDF, two jobs), its sidecar split into pages."""
    with tempfile.TemporaryDirectory() as folder:
        source, sidecar = Path(folder) / "crooked.pdf", Path(folder) / "out.txt"
        pictures = [image.to_pil() for image in images]
        pictures[0].save(source, "PDF", resolution=dpi, save_all=True, append_images=pictures[1:])
        command = [
            str(Path(sys.executable).parent / "ocrmypdf"), "-q", "-j", "2", "-l", "por+eng", "--force-ocr",
            "--deskew", "--rotate-pages", "--output-type", "none", "--sidecar", str(sidecar), str(source), "-",
        ]  # fmt: skip
        subprocess.run(command, check=True)
        return sidecar.read_text(encoding="utf-8").split("\f")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--skews", default=",".join(str(s) for s in SKEWS), help="magnitudes, degrees")
    parser.add_argument("--ocrmypdf", action="store_true", help="also OCRmyPDF --deskew on the same pages")
    args = parser.parse_args()
    skews = [float(s) for s in args.skews.split(",")]
    made = pages(args.dpi, skews)
    context = PageContext()
    width_pt, height_pt = A4[0] * 72, A4[1] * 72
    rows, detect, rotate, recognize = [], [], [], []
    for layout, skew, text, image in made:
        spent, measured = timed(detect_skew, image, float(args.dpi))
        detect.append(spent)
        if isinstance(measured, float):
            rotate.append(timed(straighten, image, measured)[0])
        pixels = PagePixels(image, float(args.dpi), width_pt, height_pt)
        before = read_pixels(context, pixels, 0, OcrOptions(deskew=False), time.perf_counter())
        after = read_pixels(context, pixels, 0, OcrOptions(), time.perf_counter())
        recognize.append(after.timings.recognize)
        rows.append(
            (layout, skew, measured, char_error_rate(text, before.text), char_error_rate(text, after.text))
        )
    theirs = ocrmypdf_texts([m[3] for m in made], args.dpi) if args.ocrmypdf else None

    print(
        f"{len(made)} pages, A4 at {args.dpi} DPI, 11 pt, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    print()
    header = "| layout | skew ° | measured ° | CER deskew off | CER deskew on |"
    print(header + (" CER ocrmypdf --deskew |" if theirs else ""))
    print("|---|---|---|---|---|" + ("---|" if theirs else ""))
    for number, (layout, skew, measured, off, on) in enumerate(rows):
        seen = f"{measured:+.2f}" if isinstance(measured, float) else "none"
        line = f"| {layout} | {skew:+g} | {seen} | {off:.3f} | {on:.3f} |"
        if theirs is not None:
            got = theirs[number] if number < len(theirs) else ""
            line += f" {char_error_rate(made[number][2], got):.3f} |"
        print(line)
    print()
    for layout in LAYOUTS:
        mine = [r for r in rows if r[0] == layout]
        print(
            f"- {layout}: mean CER off {statistics.mean(r[3] for r in mine):.3f}, "
            f"on {statistics.mean(r[4] for r in mine):.3f}; "
            f"worst angle error {max(abs((r[2] or 0.0) - r[1]) for r in mine):.2f}°"
        )
    print(
        f"- per page, median: detection {statistics.median(detect) * 1000:.0f} ms "
        f"(max {max(detect) * 1000:.0f}), straightening {statistics.median(rotate) * 1000:.0f} ms, "
        f"recognition {statistics.median(recognize):.2f} s "
        f"(detection {statistics.median(detect) / statistics.median(recognize):.1%} of it)"
    )


if __name__ == "__main__":
    main()
