"""Rendering: a page that is only a scan is decoded from its own image, and looks exactly as a
viewer shows it; any other page goes through PDFium's full render."""

from __future__ import annotations

import zlib
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from app.core.reading.render import GrayImage, PdfiumRenderer, scan_pixels
from tests.pdfgen import Placed, layered_scan_pdf, page_image, raw_pdf

W, H = 300, 400  # image pixels; placed on a 216 x 288 pt page that is 100 DPI


def pattern() -> Image.Image:
    """An asymmetric picture, so a turned or mirrored copy cannot pass for the original."""
    image = Image.new("L", (W, H), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 120, 60), fill=0)
    draw.rectangle((200, 300, 280, 390), fill=100)
    draw.line((0, 0, W, H // 2), fill=30, width=5)
    return image


def image_pdf(
    *, rotate: int = 0, matrix: str = "216 0 0 288 0 0", image_extra: bytes = b"", stamp: bool = False
) -> bytes:
    pixels = zlib.compress(pattern().tobytes())
    content = b"q %s cm /Im0 Do Q" % matrix.encode()
    if stamp:
        content += b" BT /F1 24 Tf 30 30 Td (COPIA) Tj ET"
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 216 288] /Rotate %d "
            b"/Resources << /XObject << /Im0 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>" % rotate,
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode %s /Length %d >>\nstream\n"
            % (W, H, image_extra, len(pixels))
            + pixels
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def difference(a: GrayImage, b: Image.Image) -> float:
    """Mean absolute pixel difference (0-255) between two images of the same size."""
    assert (a.width, a.height) == b.size
    return ImageStat.Stat(ImageChops.difference(a.to_pil(), b.convert("L"))).mean[0]


def page_of(data: bytes | Path) -> tuple[pypdfium2.PdfDocument, pypdfium2.PdfPage]:
    document = pypdfium2.PdfDocument(data)
    return document, document[0]


SCALE = 100 / 72  # the page's own resolution


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_a_lone_scan_is_decoded_and_matches_what_a_viewer_shows(rotate: int) -> None:
    # Given a page that is one image filling it, shown turned by the page's /Rotate
    _, page = page_of(image_pdf(rotate=rotate))
    # When its pixels are taken straight from the image
    image = scan_pixels(page, SCALE)
    # Then they are the page as PDFium displays it, turned the same way, at the image's resolution
    assert image is not None
    shown = page.render(scale=SCALE, grayscale=True).to_pil()
    assert (image.width, image.height) == ((W, H) if rotate in (0, 180) else (H, W))
    assert difference(image, shown) < 2.0


def test_an_inverted_scan_comes_out_as_displayed() -> None:
    # Given an image whose /Decode array inverts it
    _, page = page_of(image_pdf(image_extra=b"/Decode [1 0]"))
    image = scan_pixels(page, SCALE)
    # Then the decoded pixels are inverted too (black rectangle shows white)
    assert image is not None
    assert difference(image, page.render(scale=SCALE, grayscale=True).to_pil()) < 2.0
    assert image.to_pil().getpixel((50, 40)) > 200


@pytest.mark.parametrize(
    ("what", "kwargs"),
    [
        ("a stamp drawn over the scan", {"stamp": True}),
        ("an image mirrored left to right", {"matrix": "-216 0 0 288 216 0"}),
        ("an image turned inside the page", {"matrix": "0 288 -216 0 216 0"}),
        ("an image with a white margin", {"matrix": "180 0 0 240 18 24"}),
    ],
)
def test_anything_but_a_plain_full_page_scan_is_rendered(what: str, kwargs: dict[str, object]) -> None:
    document, page = page_of(image_pdf(**kwargs))  # type: ignore[arg-type]
    assert scan_pixels(page, SCALE) is None, what
    # and the renderer then draws the whole page, as before
    image = PdfiumRenderer().render(document, Path("x.pdf"), None, 0, SCALE)
    assert difference(image, page.render(scale=SCALE, grayscale=True).to_pil()) < 1.0


def test_a_scan_wanted_at_another_resolution_is_rendered() -> None:
    # A 100 DPI scan is read at 150 DPI (the DPI policy's floor): PDFium must resample it
    _, page = page_of(image_pdf())
    assert scan_pixels(page, 150 / 72) is None


def fast_path_difference(path: Path) -> float:
    """Page 1 of ``path`` drawn at 150 DPI: asserts that the scan's own pixels were taken, and
    returns how far they lie from what a viewer shows."""
    document, page = page_of(path)
    image = PdfiumRenderer().render(document, path, None, 0, 150 / 72)
    assert scan_pixels(page, 150 / 72) is not None
    shown = page.render(scale=150 / 72, grayscale=True).to_pil()
    if shown.size != (image.width, image.height):  # PDFium rounds the page's width up by a pixel
        shown = shown.crop((0, 0, image.width, image.height))
    return difference(image, shown)


@pytest.mark.parametrize("mode", ["L", "1", "RGB"])
def test_scanner_pdfs_take_the_fast_path(tmp_path: Path, mode: str) -> None:
    # Given what scanners write: one JPEG (gray or colour) or CCITT (1-bit) image per page
    scan = page_image("Termo de audiência\nProcesso 1000/2024", dpi=150, noise=False).convert(mode)
    path = tmp_path / f"scan-{mode}.pdf"
    scan.save(path, "PDF", resolution=150)
    # When the page is rendered at its own resolution, then the image's pixels were used, and
    # they are what a viewer shows
    assert fast_path_difference(path) < 3.0


def test_a_scan_under_a_scanners_invisible_text_layer_takes_the_fast_path(tmp_path: Path) -> None:
    # Given a scanner's searchable PDF: the scan, and its OCR's words laid over it invisibly
    scan = page_image("Termo de audiência\nProcesso 1000/2024", dpi=150, noise=False)
    words = [Placed("Termo", 150, 150, 200, 40), Placed("Processo", 150, 240, 260, 40)]
    path = layered_scan_pdf(tmp_path / "layered.pdf", [(scan, words)], dpi=150)
    # Then the scan's own pixels are used (the layer draws nothing), as a viewer shows them
    assert fast_path_difference(path) < 1.0
