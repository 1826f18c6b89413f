"""Blank pages are told apart from pages with any mark at all, cheaply and without Tesseract."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageOps

from app.core.blank import looks_blank
from app.core.render import GrayImage
from tests.pdfgen import page_image


def scanned(image: Image.Image) -> GrayImage:
    """As a scanner stores it: JPEG, with its noise around every speck."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    buffer.seek(0)
    return GrayImage.from_pil(Image.open(buffer))


@pytest.mark.parametrize("dpi", [150, 300])
def test_a_blank_sheet_with_scanner_noise_is_blank(dpi: int) -> None:
    assert looks_blank(scanned(page_image("", dpi=dpi, seed=dpi)))


@pytest.mark.parametrize(
    ("what", "text", "dpi", "font_pt"),
    [
        ("a lone page number", "3", 150, 8),
        ("a full stop", ".", 300, 10),
        ("a short line", "Página 3 de 40", 300, 10),
    ],
)
def test_a_page_with_any_mark_is_not_blank(what: str, text: str, dpi: int, font_pt: float) -> None:
    assert not looks_blank(scanned(page_image(text, dpi=dpi, font_pt=font_pt))), what


def test_white_print_on_black_is_not_blank() -> None:
    negative = ImageOps.invert(page_image("Certidão de intimação", dpi=150))
    assert not looks_blank(scanned(negative))


def test_a_gray_sheet_is_blank_and_a_tiny_image_is_judged_without_error() -> None:
    assert looks_blank(scanned(Image.new("L", (1240, 1754), 200)))
    assert looks_blank(GrayImage(b"\xff" * 9, 3, 3, 3))
