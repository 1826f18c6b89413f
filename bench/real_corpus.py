"""The realistic bench corpus: the files an office's scanners and copiers leave, each page's text known.

Generated here (nothing is downloaded) from the benchmark's dense Portuguese and English text
(``corpus.page_text``), A4 at 300 DPI, typed in three faces (DejaVu Serif and Sans, Liberation
Serif) at 9-11 pt. One set is 46 pages in ten files:

- ``office-gray.pdf`` (17): clean, faded copies, a copy of a copy, fed crooked from 2 to 12
  degrees (plain and two columns), sideways, upside down, a low-quality JPEG, a table;
- ``copier-jpeg.pdf`` (8): a copier's JPEG scans, faded and crooked 1-10 degrees, two columns,
  upside down;
- ``scanner-g4.pdf`` (8): an office scanner's bitonal PDF, 1-bit CCITT Group 4 images (img2pdf
  embeds the G4 data as it is, /CCITTFaxDecode), crooked, sideways, upside down, a table;
- ``scanner-tiff.tif`` (5): the same scanner's multi-page G4 TIFF;
- two JPEG and two PNG files (one page each), a phone's or a desktop scanner's images;
- ``scanner-layer.pdf`` (2): scans carrying the invisible text a scanner's OCR left when it read
  the page upside down (garbage a tool must not pass on);
- ``born-digital.pdf`` (2): a word processor's PDF with its real text.

``sets`` > 1 makes more of the same files with other texts and seeds (another 46 pages each).
Made once into ``bench/out/real-v<version>-<sets>/`` with ``truth.json``, then reused.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import corpus  # puts the project root on sys.path
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tests.pdfgen import A4, FONTS, Placed, faded_copy, images_pdf, layered_scan_pdf, page_image, text_pdf

DPI = 300
VERSION = 2  # bump when pages change, so cached corpora are remade
FACES = ("DejaVuSerif.ttf", "LiberationSerif-Regular.ttf", "DejaVuSans.ttf")

Make = Callable[[str, int], Image.Image]


@dataclass(frozen=True)
class CorpusFile:
    """One input file of the corpus and the known text of each of its pages, with their kinds."""

    path: Path
    kinds: tuple[str, ...]
    texts: tuple[str, ...]

    @property
    def is_image(self) -> bool:
        return self.path.suffix.lower() in (".tif", ".tiff", ".jpg", ".jpeg", ".png")


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
    """A 1-bit scan: the scanner's fixed threshold."""
    return image.point(lambda v: 255 if v > 150 else 0).convert("1")


def low_quality_jpeg(image: Image.Image) -> Image.Image:
    return faded_copy(image, 255, paper=255, quality=30)


def copier(image: Image.Image, contrast: int) -> Image.Image:
    """A copy of a copy: soft strokes, faded onto gray paper, saved as a poor JPEG."""
    return faded_copy(image.filter(ImageFilter.GaussianBlur(1.2)), contrast, quality=40)


def typed(text: str, seed: int, **kw: Any) -> Image.Image:
    """The page as typed in one of three faces at 9-11 pt (by ``seed``) and scanned at 300 DPI."""
    kw.setdefault("font_pt", (9.0, 10.0, 11.0)[seed % 3])
    return page_image(text, dpi=DPI, seed=seed, font=FACES[seed % len(FACES)], **kw)


#: (kind, how the page is made from its text and a seed): what an office's pages look like.
KINDS: list[tuple[str, Make]] = [
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

COPIER: list[tuple[str, Make]] = [
    ("copier, faded to 50", lambda t, s: copier(typed(t, s), 50)),
    ("copier, crooked +1°", lambda t, s: copier(typed(t, s, skew=1), 70)),
    ("copier, crooked -5°", lambda t, s: copier(typed(t, s, skew=-5), 60)),
    ("copier, crooked +10°", lambda t, s: copier(typed(t, s, skew=10), 80)),
    ("copier, two columns -2°", lambda t, s: copier(typed(t, s, skew=-2, columns=2, font_pt=10), 70)),
    ("copier, upside down", lambda t, s: copier(typed(t, s, rotate=180), 70)),
    ("copier, faded 30 and crooked -8°", lambda t, s: copier(typed(t, s, skew=-8), 30)),
    ("copier, JPEG 30", lambda t, s: low_quality_jpeg(typed(t, s, skew=4))),
]


def _g4(make: Make) -> Make:
    return lambda t, s: bitonal(make(t, s))


G4: list[tuple[str, Make]] = [
    ("G4, clean", _g4(lambda t, s: typed(t, s, noise=False))),
    ("G4, crooked +5°", _g4(lambda t, s: typed(t, s, skew=5, noise=False))),
    ("G4, crooked -9°", _g4(lambda t, s: typed(t, s, skew=-9, noise=False))),
    ("G4, two columns +1°", _g4(lambda t, s: typed(t, s, skew=1, columns=2, font_pt=10, noise=False))),
    ("G4, faded copy 110", _g4(lambda t, s: faded_copy(typed(t, s), 110, paper=240))),
    ("G4, sideways", _g4(lambda t, s: typed(t, s, rotate=270, noise=False))),
    ("G4, upside down and crooked 2°", _g4(lambda t, s: typed(t, s, skew=2, rotate=180, noise=False))),
]

TIFF: list[tuple[str, Make]] = [
    ("G4 TIFF, clean", _g4(lambda t, s: typed(t, s, noise=False))),
    ("G4 TIFF, crooked -3°", _g4(lambda t, s: typed(t, s, skew=-3, noise=False))),
    ("G4 TIFF, sideways", _g4(lambda t, s: typed(t, s, rotate=90, noise=False))),
    ("G4 TIFF, two columns +6°", _g4(lambda t, s: typed(t, s, skew=6, columns=2, font_pt=10, noise=False))),
]

#: Single-page image files: (file suffix, kind, how it is made).
SINGLE_IMAGES: list[tuple[str, str, Make]] = [
    ("jpg", "JPEG file, crooked +6°", lambda t, s: typed(t, s, skew=6)),
    ("jpg", "JPEG file, faded copy 45", lambda t, s: faded_copy(typed(t, s), 45)),
    ("png", "PNG file, clean", lambda t, s: typed(t, s)),
    ("png", "PNG file, upside down", lambda t, s: typed(t, s, rotate=180)),
]


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


class _Maker:
    """Hands out page numbers (for texts and seeds) so that no two pages of a corpus repeat."""

    def __init__(self, first: int) -> None:
        self.number = first

    def pages(self, kinds: list[tuple[str, Make]]) -> tuple[list[str], list[str], list[Image.Image]]:
        names, texts, images = [], [], []
        for kind, make in kinds:
            text = corpus.page_text(self.number)
            names.append(kind)
            texts.append(text)
            images.append(make(text, self.number))
            self.number += 1
        return names, texts, images


def make_set(folder: Path, first: int, suffix: str = "") -> list[CorpusFile]:
    """One set of the corpus's files in ``folder``; page texts from ``corpus.page_text(first)`` on."""
    maker = _Maker(first)
    files: list[CorpusFile] = []

    def add(path: Path, kinds: list[str], texts: list[str]) -> None:
        files.append(CorpusFile(path, tuple(kinds), tuple(texts)))

    kinds, texts, images = maker.pages(KINDS)
    table_text, table = table_page(first)
    kinds.append("table")
    texts.append(table_text)
    images.append(table)
    add(
        images_pdf(folder / f"office-gray{suffix}.pdf", [i.convert("L") for i in images], dpi=DPI),
        kinds,
        texts,
    )

    kinds, texts, images = maker.pages(COPIER)
    add(images_pdf(folder / f"copier-jpeg{suffix}.pdf", images, dpi=DPI), kinds, texts)

    import img2pdf

    kinds, texts, images = maker.pages(G4)
    table_text, table = table_page(first + 1)
    kinds.append("G4, table")
    texts.append(table_text)
    images.append(bitonal(table))
    frames = []
    for number, image in enumerate(images):
        frame = folder / f"g4-frame-{number}.tif"
        image.save(frame, compression="group4", dpi=(DPI, DPI))
        frames.append(str(frame))
    g4_pdf = folder / f"scanner-g4{suffix}.pdf"
    g4_pdf.write_bytes(img2pdf.convert(frames))
    for frame in frames:
        Path(frame).unlink()
    add(g4_pdf, kinds, texts)

    kinds, texts, images = maker.pages(TIFF)
    table_text, table = table_page(first + 2)
    kinds.append("G4 TIFF, table")
    texts.append(table_text)
    images.append(bitonal(table))
    tiff = folder / f"scanner-tiff{suffix}.tif"
    images[0].save(tiff, compression="group4", dpi=(DPI, DPI), save_all=True, append_images=images[1:])
    add(tiff, kinds, texts)

    for number, (extension, kind, make) in enumerate(SINGLE_IMAGES):
        text = corpus.page_text(maker.number)
        image = make(text, maker.number)
        maker.number += 1
        path = folder / f"photo-{number + 1}{suffix}.{extension}"
        image.save(path, quality=85, dpi=(DPI, DPI)) if extension == "jpg" else image.save(
            path, dpi=(DPI, DPI)
        )
        add(path, [kind], [text])

    texts, pairs = [], []
    for seed in range(2):
        text = corpus.page_text(maker.number)
        maker.number += 1
        scan = page_image(text, dpi=DPI, font_pt=11, seed=41 + seed)
        texts.append(text)
        pairs.append((scan, upside_down_layer(scan)))
    layered = layered_scan_pdf(folder / f"scanner-layer{suffix}.pdf", pairs, dpi=DPI)
    add(layered, ["scan with a scanner's upside-down text layer"] * 2, texts)

    texts = [corpus.page_text(maker.number + n) for n in range(2)]
    add(text_pdf(folder / f"born-digital{suffix}.pdf", texts, font_pt=11.0), ["born-digital"] * 2, texts)
    return files


def build(sets: int = 1) -> list[CorpusFile]:
    """The corpus of ``sets`` sets (46 pages each), made once under ``bench/out/`` and reused."""
    folder = corpus.OUT / f"real-v{VERSION}-{sets}"
    truth = folder / "truth.json"
    if truth.exists():
        return [
            CorpusFile(folder / entry["file"], tuple(entry["kinds"]), tuple(entry["texts"]))
            for entry in json.loads(truth.read_text(encoding="utf-8"))
        ]
    print(f"generating the realistic corpus in {folder} ...", file=sys.stderr, flush=True)
    folder.mkdir(parents=True, exist_ok=True)
    files: list[CorpusFile] = []
    for number in range(sets):
        files += make_set(folder, 300 + 100 * number, f"-{number + 1}" if sets > 1 else "")
    entries = [{"file": f.path.name, "kinds": list(f.kinds), "texts": list(f.texts)} for f in files]
    truth.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    return files


if __name__ == "__main__":
    made = build(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    for item in made:
        print(f"{item.path}  {len(item.texts)} pages")
    print(f"{sum(len(f.texts) for f in made)} pages in {len(made)} files")
