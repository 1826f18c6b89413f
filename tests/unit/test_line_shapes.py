"""Which way up a page of print is, from the shape of its lines: right, or no answer at all."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageDraw

from app.core.reading.line_shapes import rotation_from_lines
from app.core.reading.render import GrayImage
from tests.integration.corpus import lines_of_print
from tests.pdfgen import page_image


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
@pytest.mark.parametrize(
    ("font", "font_pt", "dpi", "skew"),
    [
        ("DejaVuSerif.ttf", 11, 300, 0.0),
        ("DejaVuSans.ttf", 10, 200, 1.5),
        ("DejaVuSerif.ttf", 9, 400, -1.0),
        ("DejaVuSans.ttf", 14, 150, 0.5),
    ],
)
def test_the_lines_of_a_page_of_print_tell_how_it_was_fed(
    rotate: int, font: str, font_pt: int, dpi: int, skew: float
) -> None:
    # Given a page of print scanned turned clockwise by ``rotate``, a little askew
    picture = page_image(
        lines_of_print(rotate), dpi=dpi, font_pt=font_pt, font=font, skew=skew, rotate=rotate
    )
    # Then the shape of its lines tells how far to turn it back
    assert rotation_from_lines(GrayImage.from_pil(picture), dpi / 72) == rotate


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_all_capital_print_gets_no_answer(rotate: int) -> None:
    # Given a page in capitals only (old typewritten records): no ascenders, no descenders
    picture = page_image(lines_of_print(rotate).upper(), dpi=300, font_pt=11, rotate=rotate)
    # Then the lines do not guess: Tesseract's own check decides
    assert rotation_from_lines(GrayImage.from_pil(picture), 300 / 72) is None


def test_a_photograph_gets_no_answer() -> None:
    # Given a page that is a picture: soft shapes of every size, no lines of print
    rng = random.Random(3)
    picture = Image.new("L", (1654, 2339), 235)
    draw = ImageDraw.Draw(picture)
    for _ in range(120):
        x, y, r = rng.randrange(1654), rng.randrange(2339), rng.randrange(10, 200)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(0, 200))
    assert rotation_from_lines(GrayImage.from_pil(picture), 200 / 72) is None


def test_a_ruled_form_without_print_gets_no_answer() -> None:
    # Given an empty form: a grid of ruled lines and nothing written in it
    picture = Image.new("L", (1654, 2339), 250)
    draw = ImageDraw.Draw(picture)
    for y in range(300, 2100, 60):
        draw.line((200, y, 1450, y), fill=0, width=3)
    for x in range(200, 1500, 250):
        draw.line((x, 300, x, 2040), fill=0, width=3)
    assert rotation_from_lines(GrayImage.from_pil(picture), 200 / 72) is None


def test_a_blank_page_gets_no_answer() -> None:
    picture = page_image("", dpi=200)
    assert rotation_from_lines(GrayImage.from_pil(picture), 200 / 72) is None
