"""Size control: bitonal images become CCITT G4 losslessly, gray and colour ones JPEG at most
300 DPI, never enlarged; sizes are parsed as the courts' portals count them."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from app.core.export.compress import Compression, compress, ladder, placements
from app.core.export.split import human_size, parse_size
from tests.pdfgen import page_image


def _one_image_pdf(image: Image.Image, dpi: int) -> pikepdf.Pdf:
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=dpi)
    buffer.seek(0)
    return pikepdf.open(buffer)


def _the_image(pdf: pikepdf.Pdf) -> pikepdf.Stream:
    [image] = [xobject for _, xobject in pdf.pages[0].Resources.XObject.items()]
    return image


@pytest.mark.parametrize(
    ("text", "size"),
    [("1.5MB", 1_500_000), ("2MB", 2_000_000), ("500KB", 500_000), ("3 mb", 3_000_000), ("1,5MB", 1_500_000)],
)
def test_sizes_are_read_in_decimal_units(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "-1MB", "1.5TB", "lots", "0KB"])
def test_what_is_not_a_size_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_sizes_are_named_as_the_portals_name_them() -> None:
    assert (
        human_size(1_500_000) == "1.5 MB"
        and human_size(500_000) == "500 KB"
        and human_size(3_000_000) == "3 MB"
    )


def test_a_bitonal_page_is_stored_as_ccitt_g4_without_losing_a_pixel() -> None:
    # Given a 1-bit scan at 300 DPI stored with Flate (as Pillow writes it)
    bitonal = (
        page_image("Certidão de publicação\nintimação das partes", dpi=300)
        .point(lambda v: 255 if v > 128 else 0)
        .convert("1")
    )
    pdf = _one_image_pdf(bitonal, 300)
    before = len(_the_image(pdf).read_raw_bytes())
    # When it is compressed
    assert compress(pdf, Compression()) == 1
    # Then it is one G4 strip with the parameters that decode it, smaller, pixel for pixel equal
    image = _the_image(pdf)
    assert image.Filter == pikepdf.Name.CCITTFaxDecode
    parms = image.DecodeParms
    assert int(parms.K) == -1 and int(parms.Columns) == bitonal.width and int(parms.Rows) == bitonal.height
    assert "/BlackIs1" in parms
    assert len(image.read_raw_bytes()) < before
    decoded = pikepdf.PdfImage(image).as_pil_image().convert("1")
    assert decoded.tobytes() == bitonal.tobytes()


def test_a_gray_page_that_only_holds_black_and_white_is_stored_as_g4() -> None:
    # Given a black-and-white scan stored as 8-bit gray with Flate (some scanners' drivers do)
    gray = page_image("Despacho\ncumpra-se", dpi=200, noise=False).point(lambda v: 255 if v > 128 else 0)
    pdf = _one_image_pdf(gray, 200)
    _the_image(pdf).write(zlib.compress(gray.tobytes()), filter=pikepdf.Name.FlateDecode)
    # When it is compressed, then it is G4
    compress(pdf, Compression())
    assert _the_image(pdf).Filter == pikepdf.Name.CCITTFaxDecode


def test_a_600_dpi_gray_scan_is_brought_down_to_300_dpi_jpeg() -> None:
    # Given an A4 gray scan at 600 DPI
    scan = page_image("Petição inicial\nvalor da causa", dpi=600)
    pdf = _one_image_pdf(scan, 600)
    # When it is compressed
    compress(pdf, Compression(quality=60))
    # Then it is a JPEG of half the pixels each way: 300 DPI at the size it is drawn
    image = _the_image(pdf)
    assert image.Filter == pikepdf.Name.DCTDecode
    assert abs(int(image.Width) - scan.width // 2) <= 1 and abs(int(image.Height) - scan.height // 2) <= 1
    assert image.ColorSpace == pikepdf.Name.DeviceGray


def test_a_low_resolution_colour_scan_is_never_enlarged() -> None:
    scan = page_image("Laudo pericial", dpi=150).convert("RGB")
    pdf = _one_image_pdf(scan, 150)
    compress(pdf, Compression())
    image = _the_image(pdf)
    assert (int(image.Width), int(image.Height)) == scan.size
    assert image.ColorSpace == pikepdf.Name.DeviceRGB and image.Filter == pikepdf.Name.DCTDecode


def test_the_drawn_size_comes_from_the_drawing_matrix(tmp_path: Path) -> None:
    pdf = _one_image_pdf(page_image("x", dpi=100, size_in=(4.0, 2.0)), 100)
    [(name, (width, height))] = placements(pdf.pages[0]).items()
    assert (round(width), round(height)) == (288, 144)  # 4 x 2 inches in points


def test_smaller_steps_follow_the_users_choice() -> None:
    assert ladder(Compression(80)) == [Compression(80, 300), Compression(50, 200), Compression(35, 150)]
    assert ladder(Compression(30, 150)) == [Compression(30, 150)]
