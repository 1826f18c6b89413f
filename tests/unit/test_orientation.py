"""Which way up a page is: the quick look before reading, and the direction of sideways lines."""

from __future__ import annotations

import random

import pytest
from PIL import Image

from app.core.reading.engines import PixelWord, Recognized, TesserocrEngine
from app.core.reading.line_shapes import rotation_from_lines
from app.core.reading.orientation import (
    from_page_fraction,
    quick_rotation,
    sideways_turn,
    to_page_fraction,
    upright,
)
from app.core.reading.render import GrayImage
from tests.integration.corpus import PT_PAGES, lines_of_print
from tests.pdfgen import page_image


@pytest.fixture(scope="module")
def engine() -> TesserocrEngine:
    return TesserocrEngine("por+eng")


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_the_quick_look_finds_how_a_full_page_was_fed(engine: TesserocrEngine, rotate: int) -> None:
    # Given a page of text at 300 DPI, scanned turned clockwise by ``rotate``
    image = GrayImage.from_pil(page_image(lines_of_print(rotate), dpi=300, font_pt=11, rotate=rotate))
    # When Scriba takes its quick look before reading it
    # Then it knows how far to turn the page back
    assert quick_rotation(engine, image, 300 / 72) == rotate


def test_the_quick_look_leaves_a_short_letter_to_the_full_check(engine: TesserocrEngine) -> None:
    # Given a short letter fed upside down: three lines, far from the middle band OSD looks at
    image = GrayImage.from_pil(page_image(PT_PAGES[0], dpi=150, rotate=180))
    # Then neither its few lines nor OSD guess (the page is turned after reading badly instead)
    assert rotation_from_lines(image, 150 / 72) is None
    assert quick_rotation(engine, image, 150 / 72) == 0


def words_along(dx: int, dy: int, *, tall: bool) -> Recognized:
    """Ten words of one line, each ``dx, dy`` pixels from the last."""
    w, h = (20, 90) if tall else (90, 20)
    words = tuple(
        PixelWord(f"palavra{i}", 500 + i * dx, 500 + i * dy, w, h, 95.0, 1, 1, 1) for i in range(10)
    )
    return Recognized(" ".join(word.text for word in words), 95.0, words)


def test_lines_running_down_the_page_mean_it_was_turned_clockwise() -> None:
    assert sideways_turn(words_along(0, 100, tall=True)) == 90
    assert sideways_turn(words_along(0, -100, tall=True)) == 270


def test_lines_running_across_the_page_are_not_sideways() -> None:
    assert sideways_turn(words_along(100, 0, tall=False)) == 0


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
@pytest.mark.parametrize("sideways", [0, 90, 270])
def test_a_page_turned_before_reading_and_read_sideways_adds_both_turns(turned: int, sideways: int) -> None:
    # Words found on an image turned by ``turned`` and read by Tesseract lying ``sideways`` go onto
    # the displayed page through ``turned``; reading order then undoes ``turned + sideways`` at once.
    for point in ((0.1, 0.2), (0.7, 0.35), (0.5, 0.9)):
        on_page = to_page_fraction(*point, turned)
        in_reading_order = from_page_fraction(*on_page, (turned + sideways) % 360)
        assert in_reading_order == pytest.approx(from_page_fraction(*point, sideways))


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_turning_a_page_upright_matches_pillow(rotation: int) -> None:
    # Given a small page whose pixels all differ, and one with padding at the end of each row
    rng = random.Random(rotation)
    pixels = bytes(rng.randrange(256) for _ in range(7 * 5))
    packed = GrayImage(pixels, 7, 5, 7)
    padded = GrayImage(b"".join(pixels[r * 7 : r * 7 + 7] + b"\0" for r in range(5)), 7, 5, 8)
    turn = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}
    expected = packed.to_pil().transpose(turn[rotation]).tobytes()
    # Then turning it upright gives Pillow's pixels, whichever way it is done
    for image in (packed, padded):
        turned = upright(image, rotation)
        assert turned.to_pil().tobytes() == expected
