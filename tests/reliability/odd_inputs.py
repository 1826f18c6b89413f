"""Odd and hostile PDFs, made on the spot from known text (nothing downloaded).

Every maker writes one file and returns its path. The structural ones (huge pages, 1-bit
images, JBIG2, broken cross-reference tables) are written object by object so the tests
control exactly which bytes a parser meets.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests.pdfgen import FONTS, raw_pdf, scanned_pdf

#: What the readable odd inputs say; short and distinctive so OCR can be checked by words.
WORDS = "Invoice number 4711\nThe quick brown fox jumps over the lazy dog."


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def image_page_pdf(image_dict: bytes, data: bytes, width_pt: float, height_pt: float) -> bytes:
    """One page filled by one image XObject (the shape of every scanner's output)."""
    content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (width_pt, height_pt)
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 4 0 R"
            b" /Resources << /XObject << /Im0 5 0 R >> >> >>" % (width_pt, height_pt),
            stream(b"", content),
            stream(b"/Type /XObject /Subtype /Image " + image_dict, data),
        ]
    )


def text_image(text: str, size: tuple[int, int], *, font_px: int, mode: str = "L") -> Image.Image:
    """``text`` drawn black on white at ``font_px`` pixels per em, from the top-left margin."""
    image = Image.new(mode, size, 255 if mode != "CMYK" else (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), font_px)
    ink = 0 if mode != "CMYK" else (0, 0, 0, 255)
    y = font_px * 2
    for line in text.splitlines():
        draw.text((font_px * 2, y), line, fill=ink, font=font)
        y += font_px * 3 // 2
    return image


# -- damage ---------------------------------------------------------------------------------
def truncated(source: Path, target: Path, fraction: float) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: max(1, int(len(data) * fraction))])
    return target


def garbage_after_header(target: Path, seed: int, size: int = 20_000) -> Path:
    rng = random.Random(seed)
    target.write_bytes(b"%PDF-1.4\n" + rng.randbytes(size))
    return target


def bit_flips(source: Path, target: Path, seed: int, flips: int) -> Path:
    """``flips`` single-bit errors at seeded positions past the header (a bad disk or cable)."""
    rng = random.Random(seed)
    data = bytearray(source.read_bytes())
    for _ in range(flips):
        at = rng.randrange(16, len(data))
        data[at] ^= 1 << rng.randrange(8)
    target.write_bytes(bytes(data))
    return target


def broken_xref(target: Path, how: str) -> Path:
    """A born-digital page whose cross-reference table is wrong (``shifted``), lost or absent."""
    from tests.pdfgen import _pdf_string

    ops = b"BT /F1 14 Tf 18 TL 72 760 Td " + b" ".join(
        _pdf_string(line) + b" Tj T*" for line in WORDS.splitlines()
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"", ops + b" ET"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if how == "shifted":
        data = raw_pdf(objects, xref_shift=37)
    elif how == "lost":
        data = raw_pdf(objects, startxref=999_999)
    elif how == "absent":
        data = raw_pdf(objects)
        data = data[: data.index(b"xref\n")] + b"%%EOF\n"
    else:
        raise ValueError(how)
    target.write_bytes(data)
    return target


# -- unusual but valid ----------------------------------------------------------------------
def giant_page(target: Path, inches: float = 200.0) -> Path:
    """The largest page PDF allows (14400 pt square) with one line of big real text on it."""
    side = inches * 72
    ops = b"BT /F1 160 Tf 200 TL 400 %.0f Td " % (side - 600)
    from tests.pdfgen import _pdf_string

    ops += b" ".join(_pdf_string(line) + b" Tj T*" for line in WORDS.splitlines()) + b" ET"
    target.write_bytes(
        raw_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.0f %.0f] /Contents 4 0 R"
                b" /Resources << /Font << /F1 5 0 R >> >> >>" % (side, side),
                stream(b"", ops),
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            ]
        )
    )
    return target


def huge_monochrome(target: Path, side_px: int = 30_000, dpi: int = 300) -> Path:
    """A ``side_px`` square 1-bit scan (Flate), built row by row: 900 megapixels never sit in memory here.

    The text is drawn in a strip at the top, big enough to survive the pixel cap's downscale.
    """
    strip = text_image(WORDS, (side_px, 2400), font_px=300, mode="1")
    strip_rows = strip.tobytes()  # mode "1" packs 8 pixels a byte, 1 = white
    row_bytes = (side_px + 7) // 8
    white = b"\xff" * row_bytes
    packer = zlib.compressobj(9)
    chunks = [packer.compress(strip_rows)]
    blank_block = white * 1000
    remaining = side_px - strip.height
    while remaining:
        rows = min(remaining, 1000)
        chunks.append(packer.compress(blank_block if rows == 1000 else white * rows))
        remaining -= rows
    chunks.append(packer.flush())
    size_pt = side_px / dpi * 72
    image_dict = b"/Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode" % (
        side_px,
        side_px,
    )
    target.write_bytes(image_page_pdf(image_dict, b"".join(chunks), size_pt, size_pt))
    return target


def ccitt_scan(target: Path, dpi: int = 300) -> Path:
    """A fax-style 1-bit scan: Pillow writes mode "1" images as CCITT Group 4 when it has libtiff."""
    image = text_image(WORDS, (int(8.27 * dpi), int(11.69 * dpi)), font_px=dpi // 6, mode="1")
    image.save(target, "PDF", resolution=dpi)
    if b"CCITTFaxDecode" not in target.read_bytes():
        raise RuntimeError("Pillow wrote no CCITT image (no libtiff?)")
    return target


def cmyk_jpeg_scan(target: Path, dpi: int = 200) -> Path:
    """A colour scan stored as a CMYK JPEG (Adobe-style inverted, with a /Decode array)."""
    image = text_image(WORDS, (int(8.27 * dpi), int(11.69 * dpi)), font_px=dpi // 6, mode="CMYK")
    image.save(target, "PDF", resolution=dpi)
    return target


def _g4(image: Image.Image) -> bytes:
    """The bare CCITT Group 4 (MMR) coding of a mode "1" image, cut out of a one-strip TIFF."""
    buffer = io.BytesIO()
    image.save(buffer, "TIFF", compression="group4", strip_size=((image.width + 7) // 8) * image.height)
    tiff = Image.open(io.BytesIO(buffer.getvalue()))
    [offset], [count] = tiff.tag_v2[273], tiff.tag_v2[279]  # StripOffsets, StripByteCounts
    return buffer.getvalue()[offset : offset + count]


def _jbig2_segment(number: int, kind: int, data: bytes) -> bytes:
    # header: number, flags (type; 1-byte page association), no referred segments, page 1, length
    return struct.pack(">IBBBI", number, kind, 0, 1, len(data)) + data


def jbig2_scan(target: Path, dpi: int = 300) -> Path:
    """A JBIG2 scan made without an encoder: a generic region coded with MMR is CCITT G4 inside
    JBIG2 segments (ITU T.88 6.2.6), so Pillow's G4 output wrapped in three segment headers is a
    real JBIG2Decode stream that sends PDFium through its JBIG2 decoder.
    """
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = text_image(WORDS, (width, height), font_px=dpi // 6, mode="1")
    # JBIG2 says 1 is black; G4 codes the run of 0s as white: invert so ink is 1.
    inked = image.point(lambda v: 255 - v, mode="1")
    page_info = struct.pack(">IIIIBH", width, height, dpi, dpi, 0, 0)
    region_info = struct.pack(">IIIIB", width, height, 0, 0, 0)
    generic = region_info + b"\x01" + _g4(inked)  # flags: MMR=1, template 0, no TPGDON
    data = (
        _jbig2_segment(0, 48, page_info)  # page information
        + _jbig2_segment(1, 38, generic)  # immediate generic region
        + _jbig2_segment(2, 49, b"")  # end of page
    )
    image_dict = b"/Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode" % (
        width,
        height,
    )
    target.write_bytes(image_page_pdf(image_dict, data, width / dpi * 72, height / dpi * 72))
    return target


def form_pdf(target: Path) -> Path:
    """A born-digital form (AcroForm) whose text field holds a filled-in value."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    from tests.pdfgen import text_pdf

    base = text_pdf(target.with_suffix(".base.pdf"), [WORDS])
    writer = PdfWriter(clone_from=base)
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("customer"),
            NameObject("/V"): TextStringObject(""),
            NameObject("/DA"): TextStringObject("/Helv 14 Tf 0 g"),
            NameObject("/F"): NumberObject(4),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (72, 600, 400, 630)]),
        }
    )
    ref = writer._add_object(field)
    page = writer.pages[0]
    page[NameObject("/Annots")] = ArrayObject([ref])
    field[NameObject("/P")] = page.indirect_reference
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject([ref]),
            NameObject("/DA"): TextStringObject("/Helv 14 Tf 0 g"),
            NameObject("/DR"): DictionaryObject(
                {
                    NameObject("/Font"): DictionaryObject(
                        {
                            NameObject("/Helv"): DictionaryObject(
                                {
                                    NameObject("/Type"): NameObject("/Font"),
                                    NameObject("/Subtype"): NameObject("/Type1"),
                                    NameObject("/BaseFont"): NameObject("/Helvetica"),
                                }
                            )
                        }
                    )
                }
            ),
        }
    )
    writer.update_page_form_field_values(page, {"customer": "Maria Conceição"}, auto_regenerate=False)
    with target.open("wb") as handle:
        writer.write(handle)
    base.unlink()
    return target


def encrypted(source: Path, target: Path, password: str, algorithm: str) -> Path:
    """``source`` under a user password with ``algorithm`` (RC4-40, RC4-128, AES-128, AES-256)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm=algorithm)
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def zero_pages(target: Path) -> Path:
    from pypdf import PdfWriter

    with target.open("wb") as handle:
        PdfWriter().write(handle)
    return target


def scan_of_words(target: Path) -> Path:
    return scanned_pdf(target, [WORDS], dpi=150)


def joined(target: Path, *sources: Path) -> Path:
    """One PDF with the pages of ``sources`` in order."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for source in sources:
        for page in PdfReader(source).pages:
            writer.add_page(page)
    with target.open("wb") as handle:
        writer.write(handle)
    return target
