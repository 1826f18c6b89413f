"""How crooked a page was fed, measured from its lines of print: the right angle, or none at all;
and a page turned straight keeps its words where they were."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageDraw, ImageFilter

from app.core.reading.deskew import MIN_STRAIGHTEN, Straightened, detect_skew, straighten, straightened
from app.core.reading.render import GrayImage
from app.core.results import Word
from tests.integration.corpus import lines_of_print
from tests.pdfgen import faded_copy, page_image

SKEWS = [0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 4.0, -4.0, 7.0, -7.0, 10.0, -10.0, 15.0, -15.0]
#: Typefaces, sizes and resolutions taken in turn, so no one page decides.
LOOKS = [
    ("DejaVuSerif.ttf", 11, 300),
    ("DejaVuSans.ttf", 10, 200),
    ("DejaVuSerif.ttf", 9, 300),
    ("DejaVuSans.ttf", 12, 150),
]


def measured(picture: Image.Image, dpi: int) -> float | None:
    return detect_skew(GrayImage.from_pil(picture), dpi)


@pytest.mark.parametrize("columns", [1, 2])
@pytest.mark.parametrize("skew", SKEWS)
def test_the_tilt_of_a_page_of_print_is_measured(skew: float, columns: int) -> None:
    # Given a page of print (one column, or two side by side) fed crooked by ``skew`` degrees
    font, font_pt, dpi = LOOKS[(SKEWS.index(skew) + columns) % len(LOOKS)]
    picture = page_image(
        lines_of_print(SKEWS.index(skew), 30 * columns),
        dpi=dpi,
        font=font,
        font_pt=font_pt,
        skew=skew,
        columns=columns,
        seed=SKEWS.index(skew),
    )
    # Then the tilt is measured within a third of a degree
    angle = measured(picture, dpi)
    assert angle is not None
    assert angle == pytest.approx(skew, abs=0.3)


@pytest.mark.parametrize(("rotate", "skew"), [(90, 4.0), (270, -7.0), (180, 3.0), (90, -12.0)])
def test_a_page_fed_sideways_or_upside_down_and_crooked_is_measured_modulo_90(
    rotate: int, skew: float
) -> None:
    # Given a page fed crooked, then turned sideways or upside down (its lines run down the page)
    picture = page_image(lines_of_print(rotate, 30), dpi=200, skew=skew, rotate=rotate, font="DejaVuSans.ttf")
    # Then its tilt is the same as had it been fed upright: the straightened page's lines are
    # level whichever way up it lies
    angle = measured(picture, 200)
    assert angle is not None
    assert angle == pytest.approx(skew, abs=0.3)


def test_a_table_is_measured_by_its_rules_and_cells() -> None:
    # Given a ruled table of short entries, fed 5 degrees crooked
    dpi = 200
    picture = Image.new("L", (1654, 2339), 245)
    draw = ImageDraw.Draw(picture)
    from PIL import ImageFont

    from tests.pdfgen import FONTS

    typeface = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 28)
    rng = random.Random(4)
    for row in range(30):
        y = 250 + row * 55
        draw.line((200, y, 1450, y), fill=60, width=2)
        for column in range(4):
            draw.text((215 + column * 310, y + 12), f"{rng.randrange(10**6):,} R$", fill=20, font=typeface)
    for column in range(5):
        draw.line((200 + column * 312, 250, 200 + column * 312, 250 + 29 * 55), fill=60, width=2)
    picture = picture.rotate(5.0, resample=Image.Resampling.BILINEAR, fillcolor=245)
    # Then the tilt is measured
    angle = measured(picture, dpi)
    assert angle is not None
    assert angle == pytest.approx(5.0, abs=0.3)


def test_print_beside_a_photograph_is_measured() -> None:
    # Given a page of print with a large photograph in its lower half, fed 3 degrees crooked
    picture = page_image(lines_of_print(5, 14), dpi=200, noise=False)
    picture.paste(_photograph(1254, 900, seed=2), (200, 1300))
    picture = picture.rotate(-3.0, resample=Image.Resampling.BILINEAR, fillcolor=255)
    # Then the lines of print, not the photograph, give the tilt
    angle = measured(picture, 200)
    assert angle is not None
    assert angle == pytest.approx(-3.0, abs=0.3)


def test_a_blank_page_has_no_tilt() -> None:
    # Given the back of a sheet: paper and scanner noise only
    picture = page_image("", dpi=200, seed=3)
    assert measured(picture, 200) is None
    assert measured(Image.new("L", (1654, 2339), 250), 200) is None


@pytest.mark.parametrize("contrast", [30, 40])
def test_a_copiers_faint_copy_fed_crooked_is_measured(contrast: int) -> None:
    # Given a copy of a copy: soft strokes faded to a few dozen gray levels, a poor JPEG, 8 degrees crooked
    picture = page_image(lines_of_print(12, 30), dpi=300, skew=-8.0, font="DejaVuSans.ttf", font_pt=10)
    faint = faded_copy(picture.filter(ImageFilter.GaussianBlur(1.2)), contrast, quality=40)
    # Then its tilt is still measured, though its darkest print lies ~20 levels below the paper
    angle = measured(faint, 300)
    assert angle is not None and abs(angle + 8.0) < 0.2


def test_a_faint_copy_of_a_blank_sheet_has_no_tilt() -> None:
    blank = page_image("", dpi=300, seed=5).filter(ImageFilter.GaussianBlur(1.2))
    assert measured(faded_copy(blank, 30, quality=40), 300) is None


@pytest.mark.parametrize("skew", [0.0, 6.0])
def test_a_photograph_alone_has_no_tilt(skew: float) -> None:
    # Given a page that is only a photograph, laid square or crooked on the glass
    picture = Image.new("L", (1654, 2339), 250)
    picture.paste(_photograph(1400, 2000, seed=7), (127, 170))
    picture = picture.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=250)
    # Then there are no lines of print to measure
    assert measured(picture, 200) is None


def test_a_straight_page_is_left_as_it_is() -> None:
    # Given a page fed straight
    image = GrayImage.from_pil(page_image(lines_of_print(9, 30), dpi=200))
    # Then it is not turned at all: the same pixels go on to be read
    same, straight = straightened(image, 200)
    assert straight is None and same is image


def test_a_crooked_page_is_turned_straight() -> None:
    # Given a page fed 6 degrees crooked
    image = GrayImage.from_pil(page_image(lines_of_print(10, 30), dpi=200, skew=6.0, font="DejaVuSans.ttf"))
    # When it is straightened
    level, straight = straightened(image, 200)
    # Then it was turned by the tilt measured, onto a canvas that holds all of it, and its lines
    # now lie level
    assert straight is not None and straight.skew == pytest.approx(6.0, abs=0.3)
    assert (level.width, level.height) == (straight.width, straight.height)
    assert level.width > image.width and level.height > image.height
    left = measured(level.to_pil(), 200)
    assert left is not None and abs(left) < MIN_STRAIGHTEN
    # And the corners it gained are paper, not black: no edge that could read as a line
    darkest, _ = level.to_pil().crop((0, 0, 40, 40)).getextrema()
    assert isinstance(darkest, int) and darkest > 200


@pytest.mark.parametrize("skew", [4.0, -9.0])
def test_a_point_of_the_straight_page_maps_back_onto_the_crooked_one(skew: float) -> None:
    # Given a page with one black dot, fed crooked
    picture = Image.new("L", (1200, 1600), 255)
    ImageDraw.Draw(picture).ellipse((300, 400, 320, 420), fill=0)
    crooked = picture.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    # When the page is turned straight by its tilt
    level, straight = straighten(GrayImage.from_pil(crooked), skew)
    # Then the dot's centre on the straight page maps back to its centre on the crooked one
    x, y = _ink_centre(level.to_pil())
    back = straight.to_source_fraction(x / level.width, y / level.height)
    expected = _ink_centre(crooked)
    assert back[0] * crooked.width == pytest.approx(expected[0], abs=1.5)
    assert back[1] * crooked.height == pytest.approx(expected[1], abs=1.5)


def test_a_word_box_moved_back_encloses_its_corners() -> None:
    # Given a word's box on a page straightened from 10 degrees
    straight = Straightened(10.0, 1400, 1800, 1200, 1600)
    word = Word("Petição", 0.4, 0.5, 0.6, 0.52, 90.0, 1, 1, 1)
    # When it is moved back onto the crooked page
    [moved] = straight.words_on_source([word])
    # Then the box holds all four of its corners there, and the word's text and place in the
    # reading order are kept
    for x in (word.x0, word.x1):
        for y in (word.y0, word.y1):
            cx, cy = straight.to_source_fraction(x, y)
            assert moved.x0 <= cx <= moved.x1 and moved.y0 <= cy <= moved.y1
    assert (moved.text, moved.conf, moved.block, moved.par, moved.line) == ("Petição", 90.0, 1, 1, 1)


def _photograph(width: int, height: int, seed: int) -> Image.Image:
    """A picture: soft blobs of every size and gray, then blurred like a printed photograph."""
    rng = random.Random(seed)
    photo = Image.new("L", (width, height), rng.randrange(90, 200))
    draw = ImageDraw.Draw(photo)
    for _ in range(150):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(10, 220)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(0, 256))
    return photo.filter(ImageFilter.GaussianBlur(6))


def _ink_centre(picture: Image.Image) -> tuple[float, float]:
    dark = picture.point(lambda level: 255 if level < 128 else 0)
    left, top, right, bottom = dark.getbbox() or (0, 0, 0, 0)
    return (left + right) / 2, (top + bottom) / 2


@pytest.mark.parametrize("size", [(1, 1), (1, 500), (500, 1), (3000, 40), (40, 3000)])
def test_slivers_and_specks_have_no_tilt(size: tuple[int, int]) -> None:
    # Given an image too thin or too small to hold a line of print, ruled with dark lines
    picture = Image.new("L", size, 255)
    draw = ImageDraw.Draw(picture)
    for y in range(0, size[1], 6):
        draw.line((0, y, size[0], y + size[0] // 20), fill=0)
    # Then it is read as it is, without a guess
    assert measured(picture, 300) is None
    assert measured(picture, 72) is None


@pytest.mark.parametrize("skew", [10.0, -6.0])
def test_a_crooked_page_exports_the_paragraphs_of_the_straight_one(skew: float) -> None:
    from app.core.export.txt import page_text
    from app.core.results import PageResult, PageSource

    # Given a page's words as read straight: paragraphs of full lines and a short last line,
    # apart by a blank line, all in one paragraph of the engine's (only the spacing tells them)
    words, row = [], 0
    for paragraph in range(4):
        for line in range(4):
            length = 3 if line == 3 else 9
            top = 0.1 + (row + paragraph) * 0.025
            for n in range(length):
                x = 0.12 + n * 0.085
                words.append(Word(f"p{paragraph}l{line}w{n}", x, top, x + 0.07, top + 0.012, 95.0, 1, 1, row))
            row += 1
    straight = PageResult(0, "", PageSource.OCR, 95.0, tuple(words), width_pt=595.0, height_pt=842.0)
    # When the same page lay crooked: its boxes enclose the tilted words on the page as scanned
    tilted = Straightened(skew, 595, 842, 595, 842).words_on_source(words)
    crooked = PageResult(0, "", PageSource.OCR, 95.0, tilted, width_pt=595.0, height_pt=842.0, skew=skew)
    # Then its text export has the straight page's four paragraphs: the boxes are laid level
    # first (read as they are, tilted counter-clockwise, a short last line's centre sits below
    # the line pitch and starts a paragraph of its own)
    assert page_text(crooked) == page_text(straight)
    assert page_text(straight).count("\n\n") == 3
