"""Realistic pages through Scriba and OCRmyPDF ``--deskew --rotate-pages``: CER of both, and wall time.

    uv run --group bench python bench/real_pages.py          # ~4 min on 2 cores
    uv run --group bench python bench/real_pages.py --no-ocrmypdf

The pages are generated here (nothing is downloaded) from the benchmark's dense Portuguese and
English text (``corpus.page_text``), A4 at 300 DPI, as an office's scanner or copier leaves them:
clean, faded copies, a copy of a copy, fed crooked from 2 to 12 degrees (plain and two columns),
sideways and upside down, a table, a low-quality JPEG and a bitonal (1-bit) scan; typed in three
faces (DejaVu Serif and Sans, Liberation Serif) at 9-11 pt. They make one scanned PDF, read
whole by each tool with two workers. A second PDF carries the invisible text layer a scanner's OCR
leaves when it reads the page upside down (the garbage a user would otherwise get back), read
by Scriba as it comes and by OCRmyPDF with ``--force-ocr`` (its default refuses a page with text).
CER is over the whole page text, whitespace ignored, in each tool's own reading order.
Prints a Markdown report.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import corpus  # puts the project root on sys.path
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tests.pdfgen import (
    A4,
    FONTS,
    Placed,
    char_error_rate,
    faded_copy,
    images_pdf,
    layered_scan_pdf,
    page_image,
)

DPI = 300
ROOT = Path(__file__).resolve().parents[1]


def table_page(seed: int) -> tuple[str, Image.Image]:
    """A court's table of hearings: ruled cells, one row of text each."""
    rows = [("Processo", "Vara", "Data", "Situação")]
    for n in range(14):
        rows.append(
            (f"{5000 + 37 * n + seed}-12.2024", f"{n % 9 + 1} Vara Cível", f"{n + 3:02d}/05/2025", "Concluso")
        )
    image = Image.new("L", (int(A4[0] * DPI), int(A4[1] * DPI)), 255)
    draw = ImageDraw.Draw(image)
    typeface = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), int(10 * DPI / 72))
    left, top, widths, height = (
        DPI,
        DPI,
        (int(1.9 * DPI), int(1.6 * DPI), int(1.2 * DPI), int(1.3 * DPI)),
        DPI // 3,
    )
    for r, row in enumerate(rows):
        x = left
        for width, cell in zip(widths, row, strict=True):
            draw.rectangle((x, top + r * height, x + width, top + (r + 1) * height), outline=0, width=3)
            draw.text((x + DPI // 20, top + r * height + DPI // 12), cell, fill=0, font=typeface)
            x += width
    return "\n".join(" ".join(row) for row in rows), image


def bitonal(image: Image.Image) -> Image.Image:
    return image.point(lambda v: 255 if v > 150 else 0).convert("1")


def low_quality_jpeg(image: Image.Image) -> Image.Image:
    return faded_copy(image, 255, paper=255, quality=30)


def copier(image: Image.Image, contrast: int) -> Image.Image:
    """A copy of a copy: soft strokes, faded onto gray paper, saved as a poor JPEG."""
    return faded_copy(image.filter(ImageFilter.GaussianBlur(1.2)), contrast, quality=40)


FACES = ("DejaVuSerif.ttf", "LiberationSerif-Regular.ttf", "DejaVuSans.ttf")


def typed(text: str, seed: int, **kw: Any) -> Image.Image:
    """The page as typed in one of three faces at 9-11 pt (by ``seed``) and scanned at 300 DPI."""
    kw.setdefault("font_pt", (9.0, 10.0, 11.0)[seed % 3])
    return page_image(text, dpi=DPI, seed=seed, font=FACES[seed % len(FACES)], **kw)


#: (name, how the page is made from its text and a seed): what an office's pages look like.
KINDS: list[tuple[str, Callable[[str, int], Image.Image]]] = [
    ("clean", lambda t, s: typed(t, s)),
    ("faded copy, 45 levels", lambda t, s: faded_copy(typed(t, s), 45)),
    ("faded copy, 25 levels", lambda t, s: faded_copy(typed(t, s), 25)),
    ("copier: blurred, faded to 35, JPEG 40", lambda t, s: copier(typed(t, s), 35)),
    ("crooked +2°", lambda t, s: typed(t, s, skew=2)),
    ("crooked -4°", lambda t, s: typed(t, s, skew=-4)),
    ("crooked +7°", lambda t, s: typed(t, s, skew=7)),
    ("crooked -12°", lambda t, s: typed(t, s, skew=-12)),
    ("faded 40 and crooked -3°", lambda t, s: faded_copy(typed(t, s, skew=-3), 40)),
    ("two columns, +3°", lambda t, s: typed(t, s, skew=3, columns=2, font_pt=10)),
    ("two columns, -6°", lambda t, s: typed(t, s, skew=-6, columns=2, font_pt=9)),
    ("sideways", lambda t, s: typed(t, s, rotate=90)),
    ("upside down", lambda t, s: typed(t, s, rotate=180)),
    ("sideways and crooked 3°", lambda t, s: typed(t, s, skew=3, rotate=270)),
    ("JPEG at quality 30", lambda t, s: low_quality_jpeg(typed(t, s))),
    ("bitonal (1-bit)", lambda t, s: bitonal(typed(t, s, noise=False))),
]


def make_corpus(folder: Path) -> tuple[Path, list[tuple[str, str]], Path, str]:
    """The realistic PDF and its pages' (kind, known text); the garbage-layer PDF and its text."""
    known: list[tuple[str, str]] = []
    images = []
    for number, (kind, make) in enumerate(KINDS):
        text = corpus.page_text(300 + number)
        images.append(make(text, number))
        known.append((kind, text))
    table_text, table = table_page(7)
    images.append(table)
    known.append(("table", table_text))
    realistic = images_pdf(folder / "realistic.pdf", [i.convert("L") for i in images], dpi=DPI)
    layered_text = corpus.page_text(401)
    scan = page_image(layered_text, dpi=DPI, font_pt=11, seed=41)
    layered = layered_scan_pdf(folder / "scanner-layer.pdf", [(scan, upside_down_layer(scan))], dpi=DPI)
    return realistic, known, layered, layered_text


def upside_down_layer(image: Image.Image) -> list[Placed]:
    """What a scanner's OCR leaves as a page's layer when it read the page upside down."""
    from app.core.reading.engines import make_engine
    from app.core.reading.render import GrayImage

    words = make_engine("tesserocr", "por+eng").recognize(GrayImage.from_pil(image.rotate(180)), DPI).words
    width, height = image.size
    return [
        Placed(w.text, width - w.left - w.width, height - w.top, w.width, w.height)
        for w in words
        if w.text.strip()
    ]


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
    return time.perf_counter() - started


def scriba(pdf: Path, out: Path, root: Path = ROOT) -> tuple[float, list[str]]:
    """Scriba from the checkout at ``root`` (another one: an older version, for before and after)."""
    command = [sys.executable, "-m", "app", "ocr", str(pdf), "-o", str(out), "--no-cache", "--workers", "2"]
    seconds = run(command, cwd=root)
    return seconds, out.read_text(encoding="utf-8").split("\f")


def ocrmypdf(pdf: Path, out: Path, *extra: str) -> tuple[float, list[str]]:
    sidecar = out.with_suffix(".txt")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    seconds = run(
        [
            sys.executable,
            "-m",
            "ocrmypdf",
            "-l",
            "por+eng",
            "--jobs",
            "2",
            "--optimize",
            "0",
            "--output-type",
            "pdf",
            "--sidecar",
            str(sidecar),
            *extra,
            str(pdf),
            str(out),
        ],
        env,
    )
    return seconds, sidecar.read_text(encoding="utf-8").split("\f")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--no-ocrmypdf", action="store_true", help="Scriba alone")
    parser.add_argument("--scriba-root", type=Path, default=ROOT, help="the checkout whose Scriba is run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        realistic, known, layered, layered_text = make_corpus(folder)
        s_seconds, s_pages = scriba(realistic, folder / "scriba.txt", args.scriba_root)
        s_layer_seconds, s_layer = scriba(layered, folder / "scriba-layer.txt", args.scriba_root)
        if not args.no_ocrmypdf:
            o_seconds, o_pages = ocrmypdf(
                realistic, folder / "ocrmypdf.pdf", "--force-ocr", "--deskew", "--rotate-pages"
            )
            o_layer_seconds, o_layer = ocrmypdf(
                layered, folder / "ocrmypdf-layer.pdf", "--force-ocr", "--deskew", "--rotate-pages"
            )
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"# Realistic pages, {when}, load {os.getloadavg()[0]:.1f}, Scriba from {args.scriba_root}\n")
    print("| page | Scriba CER | OCRmyPDF --deskew --rotate-pages CER |")
    print("|---|---|---|")
    s_cers, o_cers = [], []
    for index, (kind, text) in enumerate(known):
        s_cer = char_error_rate(text, s_pages[index] if index < len(s_pages) else "")
        s_cers.append(s_cer)
        o_cell = "—"
        if not args.no_ocrmypdf:
            o_cer = char_error_rate(text, o_pages[index] if index < len(o_pages) else "")
            o_cers.append(o_cer)
            o_cell = f"{o_cer:.3f}"
        print(f"| {kind} | {s_cer:.3f} | {o_cell} |")
    layer_s = char_error_rate(layered_text, s_layer[0])
    layer_o = (
        "—" if args.no_ocrmypdf else f"{char_error_rate(layered_text, o_layer[0]):.3f} (with --force-ocr)"
    )
    print(f"| scan with a scanner's upside-down text layer | {layer_s:.3f} | {layer_o} |")
    print(f"\n- mean CER over the {len(known)} pages: Scriba {sum(s_cers) / len(s_cers):.3f}", end="")
    if o_cers:
        print(f", OCRmyPDF {sum(o_cers) / len(o_cers):.3f}")
        print(
            f"- pages with CER > 5 %: Scriba {sum(c > 0.05 for c in s_cers)}, OCRmyPDF {sum(c > 0.05 for c in o_cers)}"
        )
        print(
            f"- wall, {len(known)} pages, 2 workers each: Scriba {s_seconds:.1f} s, OCRmyPDF {o_seconds:.1f} s "
            f"(ratio {s_seconds / o_seconds:.2f}); layered page: {s_layer_seconds:.1f} s vs {o_layer_seconds:.1f} s"
        )
    else:
        print(f"\n- wall, {len(known)} pages, 2 workers: Scriba {s_seconds:.1f} s")


if __name__ == "__main__":
    main()
