"""Blank pages are told apart from pages with any mark at all, even faint print, without Tesseract."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageOps

from app.core.reading.blank import holds_faint_print, looks_blank
from app.core.reading.render import GrayImage
from tests.integration.corpus import PT_PAGES, lines_of_print
from tests.pdfgen import faded_copy, page_image


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


# -- the second look: faint print ------------------------------------------------------------------


def lit_unevenly(dpi: int, seed: int) -> Image.Image:
    """A blank sheet under uneven light (215 to 245 across the page) with strong sensor noise."""
    from PIL import ImageChops

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    light = Image.linear_gradient("L").resize((width, height)).point(lambda v: 215 + v * 30 // 255)
    noise = ImageChops.subtract(Image.effect_noise((width, height), 12), Image.new("L", (width, height), 128))
    return ImageChops.add(light, noise, 1, 0)


def shining_through(dpi: int, seed: int) -> Image.Image:
    """The back of a printed sheet: the front's print, mirrored and blurred, 10 levels deep."""
    from PIL import ImageFilter

    front = page_image(lines_of_print(seed), dpi=dpi, seed=seed)
    return faded_copy(
        front.transpose(Image.Transpose.FLIP_LEFT_RIGHT).filter(ImageFilter.GaussianBlur(2)), 10
    )


@pytest.mark.parametrize("dpi", [150, 300])
@pytest.mark.parametrize("contrast", [20, 30, 45, 60])
@pytest.mark.parametrize("kind", ["letter", "full page", "lone page number"])
def test_a_faded_copy_is_not_blank(kind: str, contrast: int, dpi: int) -> None:
    # Given a faded photocopy: print 20-60 gray levels below a gray paper, as JPEG
    text = {"letter": PT_PAGES[0], "full page": lines_of_print(contrast), "lone page number": "Página 3"}[
        kind
    ]
    copy = GrayImage.from_pil(
        faded_copy(
            page_image(text, dpi=dpi, seed=contrast, font_pt=9 if kind == "lone page number" else 12),
            contrast,
        )
    )
    # Then the quick look misses its print, and the second look finds it
    assert looks_blank(copy)
    assert holds_faint_print(copy, dpi)


@pytest.mark.parametrize("dpi", [150, 300])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_noise_light_and_show_through_are_not_print(dpi: int, seed: int) -> None:
    sheets = {
        "scanner noise on gray paper": faded_copy(page_image("", dpi=dpi, seed=seed), 60),
        "scanner noise on white paper": scanned(page_image("", dpi=dpi, seed=seed)).to_pil(),
        "uneven light and sensor noise": faded_copy(lit_unevenly(dpi, seed), 255, paper=255, quality=50),
        "the other side shining through": shining_through(dpi, seed),
    }
    for what, sheet in sheets.items():
        image = GrayImage.from_pil(sheet)
        assert looks_blank(image), what
        assert not holds_faint_print(image, dpi), what


def test_faint_white_print_on_black_is_found() -> None:
    negative = ImageOps.invert(faded_copy(page_image(PT_PAGES[1], dpi=150), 30))
    assert holds_faint_print(GrayImage.from_pil(negative), 150)


def test_tiny_images_are_judged_without_error() -> None:
    assert not holds_faint_print(GrayImage(b"\xff" * 9, 3, 3, 3), 300)
    assert not holds_faint_print(GrayImage(b"\xe0" * 400, 20, 20, 20), 25)
