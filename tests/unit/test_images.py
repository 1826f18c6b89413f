"""Scanner images as documents: recognised by their bytes, every kind read by the real engine.

Each image is made here with Pillow from a page of known text; it goes through
``ImageDocument.read_page`` in this process (the worker's code, without the process around it).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from app.core.errors import ScribaError
from app.core.options import OcrOptions
from app.core.reading.document import check_file
from app.core.reading.images import MAX_IMAGE_PIXELS, ImageDocument, check_size, resolution
from app.core.reading.kinds import DocumentKind, kind_of, kind_of_file
from app.core.reading.pages import PageContext
from app.core.results import PageSource
from tests.pdfgen import char_error_rate, page_image, tiff_with_broken_frame

TEXT = "Certidão de intimação do réu\nA audiência foi marcada para março de 2024.\nNada mais havendo."
DPI = 200


@pytest.fixture(scope="module")
def context() -> PageContext:
    return PageContext()  # one engine for the whole module: loading it is the slow part


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return page_image(TEXT, dpi=DPI, size_in=(8.27, 3.5), font="DejaVuSans.ttf")


def _save(image: Image.Image, path: Path, **params: object) -> Path:
    image.save(path, **params)
    return path


def _rgb_with_colour(page: Image.Image) -> Image.Image:
    """A colour scan: cream paper, dark blue ink."""
    paper = Image.new("RGB", page.size, (245, 238, 215))
    return Image.composite(paper, Image.new("RGB", page.size, (20, 30, 110)), page)


def _palette(page: Image.Image) -> Image.Image:
    """A colour scan saved with a palette of 16 colours chosen for it, as scanners do."""
    return _rgb_with_colour(page).convert("P", palette=Image.Palette.ADAPTIVE, colors=16)


def _sixteen_bit(page: Image.Image) -> Image.Image:
    return page.convert("I").point(lambda value: value * 257).convert("I;16")


def _transparent(page: Image.Image) -> Image.Image:
    """Ink on a transparent sheet, as some tools export a scan: the paper must come out white."""
    ink = Image.new("RGBA", page.size, (0, 0, 0, 0))
    ink.putalpha(page.point(lambda value: 255 - value))
    return ink


KINDS: dict[str, tuple[str, Callable[[Image.Image, Path], Path]]] = {
    "tiff-g4": ("scan.tif", lambda p, f: _save(p.convert("1"), f, compression="group4", dpi=(DPI, DPI))),
    "tiff-g3": ("scan.tif", lambda p, f: _save(p.convert("1"), f, compression="group3", dpi=(DPI, DPI))),
    "tiff-lzw-gray": ("scan.tif", lambda p, f: _save(p, f, compression="tiff_lzw", dpi=(DPI, DPI))),
    "tiff-jpeg-rgb": (
        "scan.tif",
        lambda p, f: _save(_rgb_with_colour(p), f, compression="jpeg", quality=85, dpi=(DPI, DPI)),
    ),
    "tiff-cmyk": (
        "scan.tif",
        lambda p, f: _save(p.convert("CMYK"), f, compression="tiff_lzw", dpi=(DPI, DPI)),
    ),
    "tiff-palette": ("scan.tif", lambda p, f: _save(_palette(p), f, dpi=(DPI, DPI))),
    "tiff-1bit-raw": ("scan.tif", lambda p, f: _save(p.convert("1"), f, dpi=(DPI, DPI))),
    "jpeg-gray": ("scan.jpg", lambda p, f: _save(p, f, quality=80, dpi=(DPI, DPI))),
    "jpeg-rgb": ("scan.jpg", lambda p, f: _save(_rgb_with_colour(p), f, quality=80, dpi=(DPI, DPI))),
    "jpeg-cmyk": ("scan.jpg", lambda p, f: _save(p.convert("CMYK"), f, quality=90, dpi=(DPI, DPI))),
    "png-gray": ("scan.png", lambda p, f: _save(p, f, dpi=(DPI, DPI))),
    "png-palette": ("scan.png", lambda p, f: _save(_palette(p), f, dpi=(DPI, DPI))),
    "png-rgba": ("scan.png", lambda p, f: _save(_transparent(p), f, dpi=(DPI, DPI))),
    "png-16bit": ("scan.png", lambda p, f: _save(_sixteen_bit(p), f, dpi=(DPI, DPI))),
    "bmp-rgb": ("scan.bmp", lambda p, f: _save(_rgb_with_colour(p), f, dpi=(DPI, DPI))),
    "bmp-1bit": ("scan.bmp", lambda p, f: _save(p.convert("1"), f, dpi=(DPI, DPI))),
    "webp": ("scan.webp", lambda p, f: _save(_rgb_with_colour(p), f, quality=90)),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_of_scan_is_read_with_its_text(
    kind: str, page: Image.Image, context: PageContext, tmp_path: Path
) -> None:
    # Given a page of known text saved as this kind of image
    name, save = KINDS[kind]
    path = save(page, tmp_path / name)
    check_file(path)  # accepted by its bytes
    # When the worker reads it
    document = ImageDocument(path)
    result = document.read_page(context, 0, OcrOptions())
    # Then one page came out, with the text, at the page's size
    assert document.page_count == 1
    assert result.source is PageSource.OCR, result.error
    assert char_error_rate(TEXT, result.text) < 0.05, result.text
    if kind != "webp":  # WebP holds no resolution: its size is the A4 estimate's
        assert result.width_pt == pytest.approx(8.27 * 72, rel=0.02)


def test_magic_bytes_decide_never_the_name(page: Image.Image, tmp_path: Path) -> None:
    # Given a PNG named .jpg, a PDF named .png and a text file named .tif
    png = _save(page, tmp_path / "photo.jpg", format="PNG")
    pdf = tmp_path / "letter.png"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    text = tmp_path / "notes.tif"
    text.write_text("II not a tiff at all\n")
    # Then each is what its bytes say
    assert kind_of_file(png) is DocumentKind.IMAGE
    assert kind_of_file(pdf) is DocumentKind.PDF
    assert kind_of_file(text) is None
    with pytest.raises(ScribaError) as refused:
        check_file(text)
    assert refused.value.code == "not_document"
    assert str(refused.value) == "notes.tif: this is not a PDF or an image Scriba can read."
    assert "não é um PDF nem uma imagem" in refused.value.localized("pt_BR")


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", DocumentKind.IMAGE),
        (b"II*\x00\x08\x00\x00\x00", DocumentKind.IMAGE),
        (b"MM\x00*\x00\x00\x00\x08", DocumentKind.IMAGE),
        (b"II+\x00\x08\x00\x00\x00", DocumentKind.IMAGE),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", DocumentKind.IMAGE),
        (b"BM" + bytes(12) + struct.pack("<I", 40), DocumentKind.IMAGE),
        (b"BMW: a letter about a car, not a bitmap", None),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", None),
        (b"junk before the header %PDF-1.4", DocumentKind.PDF),
    ],
)
def test_signatures(head: bytes, kind: DocumentKind | None) -> None:
    assert kind_of(head) is kind


def test_a_png_named_jpg_is_read(page: Image.Image, context: PageContext, tmp_path: Path) -> None:
    path = _save(page, tmp_path / "scan.jpg", format="PNG", dpi=(DPI, DPI))
    result = ImageDocument(path).read_page(context, 0, OcrOptions())
    assert char_error_rate(TEXT, result.text) < 0.05, result.text


@pytest.mark.parametrize("tag", [6, 8, 3])
def test_the_exif_turn_is_honoured(tag: int, page: Image.Image, context: PageContext, tmp_path: Path) -> None:
    # Given a camera's JPEG: the pixels stored turned, the EXIF orientation saying how to show them
    stored = page.transpose(
        {6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270, 3: Image.Transpose.ROTATE_180}[tag]
    )
    exif = Image.Exif()
    exif[0x0112] = tag
    path = _save(stored, tmp_path / "phone.jpg", quality=85, dpi=(DPI, DPI), exif=exif)
    # When it is read without turning pages by their print
    result = ImageDocument(path).read_page(context, 0, OcrOptions(auto_rotate=False))
    # Then it was read upright, and the page is as wide as the upright sheet
    assert char_error_rate(TEXT, result.text) < 0.05, result.text
    assert result.width_pt > result.height_pt


def test_a_multipage_tiff_has_a_page_per_frame_in_order(context: PageContext, tmp_path: Path) -> None:
    texts = [f"Página {n} do processo\nCertidão de intimação número {n}" for n in (1, 2, 3)]
    frames = [page_image(t, dpi=150, size_in=(8.27, 3), seed=n).convert("1") for n, t in enumerate(texts)]
    path = tmp_path / "fax.tif"
    frames[0].save(path, compression="group4", dpi=(150, 150), save_all=True, append_images=frames[1:])
    document = ImageDocument(path)
    assert document.page_count == 3
    for index, text in enumerate(texts):
        assert char_error_rate(text, document.read_page(context, index, OcrOptions()).text) < 0.05


def test_a_broken_frame_fails_its_page_and_the_others_are_read(context: PageContext, tmp_path: Path) -> None:
    # Given a 3-page LZW TIFF whose second frame's data was overwritten
    texts = [f"Página {n} do processo" for n in (1, 2, 3)]
    path = tiff_with_broken_frame(tmp_path / "broken.tif", texts, broken=1)
    document = ImageDocument(path)
    # Then page 2 fails with a sentence, and pages 1 and 3 are read
    with pytest.raises(ScribaError) as failed:
        document.read_page(context, 1, OcrOptions())
    assert str(failed.value) == "the page is damaged and cannot be read"
    assert char_error_rate(texts[0], document.read_page(context, 0, OcrOptions()).text) < 0.05
    assert char_error_rate(texts[2], document.read_page(context, 2, OcrOptions()).text) < 0.05


def _png_declaring(width: int, height: int) -> bytes:
    """A valid tiny PNG whose header claims ``width`` x ``height``: a decompression bomb."""
    buffer = io.BytesIO()
    Image.new("L", (8, 8), 255).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


@pytest.mark.parametrize("size", [(100_000, 100_000), (13_000, 12_000)])
def test_a_bomb_is_refused_before_it_is_decoded(size: tuple[int, int], tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_declaring(*size))
    assert path.stat().st_size < 100
    with pytest.raises(ScribaError) as refused:
        ImageDocument(path)
    assert refused.value.code == "image_too_large"
    assert str(refused.value).startswith("bomb.png: the image is too large to be read (")


def test_a_frame_above_the_cap_is_refused(tmp_path: Path) -> None:
    side = int(MAX_IMAGE_PIXELS**0.5) + 10
    with pytest.raises(ScribaError) as refused:
        check_size(Image.new("1", (side, side)))
    assert refused.value.code == "image_too_large"


def test_a_truncated_jpeg_fails_the_document_in_one_sentence(
    page: Image.Image, context: PageContext, tmp_path: Path
) -> None:
    whole = _save(page, tmp_path / "whole.jpg", quality=85)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(ScribaError) as failed:
        ImageDocument(cut).read_page(context, 0, OcrOptions())
    assert failed.value.code == "image_damaged"
    assert str(failed.value) == "cut.jpg: the image is damaged or incomplete and cannot be read."


def test_the_resolution_is_the_files_or_an_a4_estimate() -> None:
    sheet = Image.new("L", (1654, 2339))  # A4 at 200 DPI
    sheet.info["dpi"] = (300, 300)
    assert resolution(sheet) == (300, 300)
    sheet.info["dpi"] = (72, 72)  # a camera's default, not the scan's
    assert resolution(sheet) == pytest.approx((200.1, 200.1), abs=0.5)
    del sheet.info["dpi"]
    assert resolution(sheet) == pytest.approx((200.1, 200.1), abs=0.5)
    assert resolution(Image.new("L", (300, 200))) == (150, 150)  # a thumbnail: clamped
    fax = Image.new("1", (1728, 1100))
    fax.info["dpi"] = (204, 98)  # a G3 fax's standard resolution: kept, the pixels are not square
    assert resolution(fax) == (204, 98)


def test_pixels_above_the_cap_are_read_smaller(
    page: Image.Image, context: PageContext, tmp_path: Path
) -> None:
    path = _save(page, tmp_path / "big.png", dpi=(DPI, DPI))
    cap = page.width * page.height // 4
    result = ImageDocument(path).read_page(context, 0, OcrOptions(max_pixels=cap))
    assert char_error_rate(TEXT, result.text) < 0.1, result.text
    assert result.width_pt == pytest.approx(8.27 * 72, rel=0.02)  # the page keeps its size
