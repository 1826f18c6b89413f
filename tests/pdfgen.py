"""Real PDFs with known text, made by the tests themselves (nothing downloaded).

- ``scanned_pdf``: pages are grayscale images of rendered text, as a scanner makes them.
- ``text_pdf``: born-digital pages with a real text layer (Helvetica, WinAnsi encoding).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"

LETTER = (8.5, 11.0)  # inches
A4 = (8.27, 11.69)


def page_image(
    text: str,
    *,
    dpi: int = 200,
    size_in: tuple[float, float] = A4,
    font_pt: float = 12.0,
    rotate: int = 0,
    noise: bool = True,
    seed: int = 0,
    font: str = "DejaVuSerif.ttf",
    skew: float = 0.0,
    spacing: float = 1.5,
    columns: int = 1,
) -> Image.Image:
    """Render ``text`` (lines separated by newlines) as a scanned-looking grayscale page.

    ``rotate`` turns the finished page clockwise by 0/90/180/270 degrees, as a sheet fed
    sideways into a scanner would come out; ``skew`` turns it counter-clockwise by a few
    degrees first, as a sheet fed askew. ``font`` is a file in resources/fonts or a path;
    ``spacing`` is the line pitch in multiples of the type size. With ``columns`` > 1 the text's
    words are wrapped into that many columns side by side, filled one after the other (a court
    gazette, a newsletter); lines of neighbouring columns then lie level with each other.
    """
    width, height = int(size_in[0] * dpi), int(size_in[1] * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    typeface = ImageFont.truetype(str(FONTS / font), int(font_pt * dpi / 72))
    margin = int(dpi * 1.0)
    line_height = int(font_pt * dpi / 72 * spacing)
    if columns == 1:
        y = margin
        for line in text.splitlines():
            draw.text((margin, y), line, fill=0, font=typeface)
            y += line_height
    else:
        gap = dpi // 3
        column_width = (width - 2 * margin - (columns - 1) * gap) // columns
        lines = _wrapped(text, typeface, column_width)
        per_column = -(-len(lines) // columns)
        for index, line in enumerate(lines):
            column, row = divmod(index, per_column)
            draw.text(
                (margin + column * (column_width + gap), margin + row * line_height),
                line,
                fill=0,
                font=typeface,
            )
    if noise:
        rng = random.Random(seed)
        pixels = image.load()
        assert pixels is not None
        for _ in range(width * height // 400):
            x, yy = rng.randrange(width), rng.randrange(height)
            pixels[x, yy] = rng.choice((0, 90, 180))
        image = image.filter(ImageFilter.GaussianBlur(0.6))
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    if rotate:
        image = image.rotate(-rotate, expand=True)
    return image


def _wrapped(text: str, typeface: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """The words of ``text`` in lines no wider than ``width`` pixels."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and typeface.getlength(candidate) > width:
                lines.append(line)
                candidate = word
            line = candidate
        if line:
            lines.append(line)
    return lines


def scanned_pdf(path: Path, pages: Sequence[str], *, dpi: int = 200, rotate: int = 0, **kw: object) -> Path:
    """Write a PDF whose pages are scanned-looking images of ``pages`` (one string per page)."""
    images = [page_image(text, dpi=dpi, rotate=rotate, seed=i, **kw) for i, text in enumerate(pages)]  # type: ignore[arg-type]
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def raw_pdf(
    objects: Sequence[bytes], *, root: int = 1, xref_shift: int = 0, startxref: int | None = None
) -> bytes:
    """A PDF from numbered object bodies (object 1 is ``objects[0]``) with a classic xref table.

    ``xref_shift`` moves every offset in the table (a table that lies); ``startxref`` replaces
    the pointer to it (a table nobody can find). PDFium must rebuild both from the objects.
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % (offset + xref_shift)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref if startxref is None else startxref,
    )
    return bytes(out)


def text_pdf(path: Path, pages: Sequence[str], *, font_pt: float = 12.0) -> Path:
    """Write a born-digital PDF: each page has ``text`` as real, extractable text."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1
    objects.append(b"")  # placeholder for the page tree
    kids = []
    for text in pages:
        ops = [b"BT", b"/F1 %.1f Tf" % font_pt, b"%.1f TL" % (font_pt * 1.4), b"72 770 Td"]
        for line in text.splitlines():
            ops.append(_pdf_string(line) + b" Tj T*")
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)
            )
        )
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    path.write_bytes(raw_pdf(objects, root=catalog))
    return path


def encrypted_copy(source: Path, target: Path, password: str) -> Path:
    """Write ``source`` encrypted with a user password (AES-256)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, algorithm="AES-256")
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def char_error_rate(expected: str, actual: str) -> float:
    """Levenshtein distance over the expected length, ignoring whitespace differences."""
    a = " ".join(expected.split())
    b = " ".join(actual.split())
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / max(1, len(a))
