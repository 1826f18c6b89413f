"""Pages fed crooked read as well as straight ones, through the real engine; their word boxes lie
on the crooked page's words; ``--no-deskew`` reads them as scanned."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from app.core.options import OcrOptions
from app.core.reading.pages import PageContext, PagePixels, read_pixels
from app.core.reading.render import GrayImage
from app.core.results import PageResult
from tests.integration.corpus import SENTENCES, lines_of_print, page_events, run_cli
from tests.pdfgen import A4, FONTS, char_error_rate, page_image, scanned_pdf


@pytest.fixture(scope="module")
def context() -> PageContext:
    return PageContext()


def read(context: PageContext, picture: Image.Image, dpi: int, options: OcrOptions) -> PageResult:
    pixels = PagePixels(GrayImage.from_pil(picture), dpi, picture.width * 72 / dpi, picture.height * 72 / dpi)
    return read_pixels(context, pixels, 0, options, time.perf_counter())


@pytest.mark.parametrize(
    ("columns", "skew", "font"),
    [
        (1, -4.0, "DejaVuSerif.ttf"),
        (2, 4.0, "DejaVuSans.ttf"),
        (1, 10.0, "DejaVuSans.ttf"),
        (2, -10.0, "DejaVuSerif.ttf"),
    ],
)
def test_a_crooked_page_reads_as_well_as_a_straight_one(
    context: PageContext, columns: int, skew: float, font: str
) -> None:
    # Given a page of print, one column or two, fed crooked by 4 or 10 degrees
    text = lines_of_print(int(skew) + columns, 20 * columns)
    picture = page_image(text, dpi=200, font=font, font_pt=11, skew=skew, columns=columns)
    # When it is read with the default options
    page = read(context, picture, 200, OcrOptions())
    # Then it was straightened by its tilt, and its text (both columns in order) reads back
    assert page.skew == pytest.approx(skew, abs=0.3)
    assert page.rotation == 0
    assert char_error_rate(text, page.text) < 0.02, page.text


def test_without_deskew_a_crooked_page_is_read_as_scanned(context: PageContext) -> None:
    # Given a page fed 10 degrees crooked
    text = lines_of_print(3, 20)
    picture = page_image(text, dpi=200, font_pt=11, skew=-10.0)
    # When it is read with deskew turned off
    page = read(context, picture, 200, OcrOptions(deskew=False))
    # Then it was not straightened, and Tesseract alone makes little of it
    assert page.skew == 0.0
    assert char_error_rate(text, page.text) > 0.3, page.text


@pytest.mark.parametrize(("skew", "rotate"), [(6.0, 0), (-5.0, 90)])
def test_word_boxes_lie_on_the_words_of_the_crooked_page(
    context: PageContext, skew: float, rotate: int
) -> None:
    # Given a page fed crooked (and, the second time, sideways too), and where some of its words'
    # ink lies on it
    page_picture, inks = _page_with_known_words(skew, rotate)
    # When it is read
    page = read(context, page_picture, 200, OcrOptions())
    assert page.skew == pytest.approx(skew, abs=0.3)
    assert page.rotation == rotate
    # Then each of those words' boxes, on the page as scanned, covers its ink and not much more
    for text, (left, top, right, bottom) in inks.items():
        [word] = [w for w in page.words if w.text == text]
        box = (
            word.x0 * page_picture.width,
            word.y0 * page_picture.height,
            word.x1 * page_picture.width,
            word.y1 * page_picture.height,
        )
        slack = 4  # pixels: Tesseract's boxes hug the ink it binarised, a pixel or two either way
        assert box[0] <= left + slack and box[1] <= top + slack, (text, box, (left, top, right, bottom))
        assert box[2] >= right - slack and box[3] >= bottom - slack, (text, box, (left, top, right, bottom))
        ink_area = (right - left) * (bottom - top)
        assert (box[2] - box[0]) * (box[3] - box[1]) < 2.0 * ink_area, (text, box, (left, top, right, bottom))


@pytest.mark.slow
def test_scriba_ocr_straightens_pages_and_reports_their_skew(tmp_path: Path) -> None:
    # Given a scanned PDF of two crooked pages: one plain at 4 degrees, one two-column at -7
    texts = [lines_of_print(21, 20), lines_of_print(22, 40)]
    images = [
        page_image(texts[0], dpi=200, font_pt=11, skew=4.0, seed=1),
        page_image(texts[1], dpi=200, font_pt=10, skew=-7.0, columns=2, seed=2, font="DejaVuSans.ttf"),
    ]
    pdf = tmp_path / "torto.pdf"
    images[0].save(pdf, "PDF", resolution=200, save_all=True, append_images=images[1:])
    # When scriba ocr reads it, with worker processes, by default and with --no-deskew
    straight = run_cli("ocr", pdf, "-o", tmp_path / "straight.txt", "--progress", "json", "--no-cache")
    crooked = run_cli(
        "ocr", pdf, "-o", tmp_path / "crooked.txt", "--progress", "json", "--no-cache", "--no-deskew"
    )
    assert straight.returncode == 0, straight.stderr
    assert crooked.returncode == 0, crooked.stderr
    # Then the default run reports each page's tilt and reads both pages
    skews = {e["page"]: e["skew"] for e in page_events(straight.stdout)}
    assert skews[1] == pytest.approx(4.0, abs=0.3) and skews[2] == pytest.approx(-7.0, abs=0.3)
    pages = (tmp_path / "straight.txt").read_text(encoding="utf-8").split("\f")
    for expected, actual in zip(texts, pages, strict=True):
        assert char_error_rate(expected, actual) < 0.02, actual
    # And --no-deskew leaves the pages as they were scanned
    assert {e["skew"] for e in page_events(crooked.stdout)} == {0.0}


def _page_with_known_words(
    skew: float, rotate: int
) -> tuple[Image.Image, dict[str, tuple[int, int, int, int]]]:
    """A page of print at 200 DPI fed ``skew`` degrees crooked and turned ``rotate`` degrees
    clockwise, and the ink box, on that page, of each line's longest word (where it is found once)."""
    dpi, width, height = 200, int(A4[0] * 200), int(A4[1] * 200)
    typeface = ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), int(11 * dpi / 72))
    rng = random.Random(5)
    lines = [f"{sentence} {rng.randrange(10_000, 100_000)}" for sentence in SENTENCES]  # each once
    words = " ".join(lines).split()
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    masks: dict[str, Image.Image] = {}
    for row, line in enumerate(lines):
        y = dpi + row * int(11 * dpi / 72 * 1.5)
        draw.text((dpi, y), line, fill=0, font=typeface)
        longest = max(line.split(), key=len)
        if words.count(longest) == 1 and len(longest) >= 7:
            mask = Image.new("L", (width, height), 0)
            x = dpi + typeface.getlength(line[: line.index(longest)])
            ImageDraw.Draw(mask).text((x, y), longest, fill=255, font=typeface)
            masks[longest] = mask
    inks = {}
    for text, mask in masks.items():
        turned = mask.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=0)
        if rotate:
            turned = turned.rotate(-rotate, expand=True)
        box = turned.point(lambda level: 255 if level >= 128 else 0).getbbox()
        assert box is not None
        inks[text] = box
    page = page.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    if rotate:
        page = page.rotate(-rotate, expand=True)
    assert len(inks) >= 3
    return page, inks


@pytest.mark.parametrize("skew", [6.0, -4.0])
def test_the_searchable_pdf_of_a_crooked_scan_lays_its_text_on_the_words(
    context: PageContext, tmp_path: Path, skew: float
) -> None:
    import pypdfium2  # type: ignore[import-untyped]

    from app.core.export import ExportDocument, export_document
    from app.core.reading.pages import process_page

    # Given a scan fed crooked, read by the whole page pipeline
    text = lines_of_print(30 + int(skew), 20)
    source = scanned_pdf(tmp_path / "torto.pdf", [text], dpi=200, skew=skew, font_pt=11)
    document = pypdfium2.PdfDocument(source)
    try:
        page = process_page(context, document, source, None, 0, OcrOptions())
    finally:
        document.close()
    assert page.skew == pytest.approx(skew, abs=0.3)
    # When it is exported as a searchable PDF
    out = export_document(ExportDocument(source, [page]), tmp_path / "out.pdf")
    # Then its text layer reads back in order, and every letter of it lies inside the box of a
    # recognised word (boxes shown elsewhere here to cover their ink on the crooked page): the
    # layer is tilted with the print, not laid level across it
    exported = pypdfium2.PdfDocument(out)
    try:
        layer = exported[0].get_textpage()
        width, height = exported[0].get_size()
        assert char_error_rate(text, layer.get_text_range()) < 0.02
        inside = total = 0
        for index in range(layer.count_chars()):
            if not layer.get_text_range(index, 1).strip():
                continue
            left, bottom, right, top = layer.get_charbox(index)
            x, y = (left + right) / 2 / width, 1 - (bottom + top) / 2 / height
            total += 1
            inside += any(w.x0 <= x <= w.x1 and w.y0 <= y <= w.y1 for w in page.words)
    finally:
        exported.close()
    assert total > 400 and inside >= 0.98 * total, (inside, total)
