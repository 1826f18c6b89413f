"""Real PDFs with known text, made by the tests themselves (nothing downloaded).

- ``scanned_pdf``: pages are grayscale images of rendered text, as a scanner makes them.
- ``text_pdf``: born-digital pages with a real text layer (Helvetica, WinAnsi encoding).
- ``layered_scan_pdf``: scanned pages carrying an invisible text layer, right or wrong.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
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
    if columns == 1:
        for (x, y), line in zip(_line_origins(text, dpi, font_pt, spacing), text.splitlines(), strict=True):
            draw.text((x, y), line, fill=0, font=typeface)
    else:
        margin = int(dpi * 1.0)
        line_height = int(font_pt * dpi / 72 * spacing)
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


def faded_copy(image: Image.Image, contrast: int, *, paper: int = 232, quality: int = 75) -> Image.Image:
    """``image`` as a faded photocopy stores it: print only ``contrast`` gray levels below a gray
    ``paper``, saved as a JPEG (its noise around every stroke)."""
    import io

    levels = [round(paper - contrast + value * contrast / 255) for value in range(256)]
    buffer = io.BytesIO()
    image.convert("L").point(levels).save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def images_pdf(path: Path, images: Sequence[Image.Image], *, dpi: int = 200) -> Path:
    """Write a PDF with one page per image, each image filling its page at ``dpi``."""
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=list(images[1:]))
    return path


def _line_origins(text: str, dpi: int, font_pt: float, spacing: float) -> list[tuple[int, int]]:
    """Where ``page_image`` draws each line: the top left of its ascender box, in pixels."""
    margin = int(dpi * 1.0)
    line_height = int(font_pt * dpi / 72 * spacing)
    return [(margin, margin + i * line_height) for i in range(len(text.splitlines()))]


@dataclass(frozen=True)
class Placed:
    """A run of invisible text laid over a scanned page, in the page image's pixels: its left
    edge, baseline (from the top), width and type size. The builder stretches the run to the
    width, as OCR tools that write a text layer do."""

    text: str
    left: float
    baseline: float
    width: float
    size: float

    def moved(self, dx: float, dy: float) -> Placed:
        return Placed(self.text, self.left + dx, self.baseline + dy, self.width, self.size)


def line_placements(
    text: str,
    *,
    dpi: int = 200,
    font_pt: float = 12.0,
    font: str = "DejaVuSerif.ttf",
    spacing: float = 1.5,
) -> list[Placed]:
    """Each line of ``text`` where ``page_image`` (same arguments) draws it: the exact layer an
    OCR tool that read the page right would lay over it."""
    typeface = ImageFont.truetype(str(FONTS / font), int(font_pt * dpi / 72))
    ascent = typeface.getmetrics()[0]
    return [
        Placed(line, x, y + ascent, typeface.getlength(line), typeface.size)
        for (x, y), line in zip(_line_origins(text, dpi, font_pt, spacing), text.splitlines(), strict=True)
        if line.strip()
    ]


def layered_scan_pdf(
    path: Path, pages: Sequence[tuple[Image.Image, Sequence[Placed]]], *, dpi: int = 200
) -> Path:
    """Write a PDF of scanned pages, each carrying an invisible text layer (render mode 3) as
    scanners' and OCR tools' searchable PDFs do: the image fills the page, the text runs lie
    where ``Placed`` says, in a serif font whose widths are DejaVu Serif's (so the runs' letters
    fall on the printed letters when the layer is right)."""
    import zlib

    metrics = ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), 1000)
    codes = range(32, 256)
    widths = [round(metrics.getlength(bytes([c]).decode("cp1252", errors="replace"))) for c in codes]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /DejaVuSerif /Flags 34 /FontBBox [-770 -347 2105 1109] "
        b"/ItalicAngle 0 /Ascent 928 /Descent -236 /CapHeight 729 /StemV 80 >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /TrueType /BaseFont /DejaVuSerif /FirstChar 32 /LastChar 255 "
        b"/Widths [%s] /Encoding /WinAnsiEncoding /FontDescriptor %d 0 R >>"
        % (b" ".join(b"%d" % w for w in widths), descriptor)
    )
    pages_id = add(b"")  # the page tree, filled in below
    kids = []
    for image, runs in pages:
        gray = image.convert("L")
        w_pt, h_pt = gray.width * 72 / dpi, gray.height * 72 / dpi
        data = zlib.compress(gray.tobytes(), 6)
        picture = add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
            % (gray.width, gray.height, len(data))
            + data
            + b"\nendstream"
        )
        ops = [b"q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q" % (w_pt, h_pt), b"BT 3 Tr"]
        for run in runs:
            raw = run.text.encode("cp1252", errors="replace")
            natural = sum(widths[c - 32] for c in raw if c >= 32) / 1000 * run.size
            stretch = 100.0 * run.width / natural if natural else 100.0
            size_pt = run.size * 72 / dpi
            x_pt, y_pt = run.left * 72 / dpi, h_pt - run.baseline * 72 / dpi
            ops.append(
                b"/F1 %.2f Tf %.2f Tz 1 0 0 1 %.2f %.2f Tm " % (size_pt, stretch, x_pt, y_pt)
                + _pdf_bytes(raw)
                + b" Tj"
            )
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im0 %d 0 R >> >> >>"
                % (pages_id, w_pt, h_pt, content, font, picture)
            )
        )
    return _write_page_tree(path, objects, pages_id, kids)


def _write_page_tree(path: Path, objects: list[bytes], pages_id: int, kids: list[int]) -> Path:
    """Fill in the page tree object ``pages_id`` with ``kids``, add the catalog and write the PDF."""
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    path.write_bytes(raw_pdf(objects, root=len(objects)))
    return path


def tiff_with_broken_frame(path: Path, texts: Sequence[str], broken: int) -> Path:
    """A multi-page LZW TIFF of short pages of ``texts`` whose frame ``broken`` has its data
    overwritten (its strips all 0xFF), as a failing disk or a cut transfer leaves one."""
    frames = [page_image(t, dpi=150, size_in=(8.27, 2), seed=n) for n, t in enumerate(texts)]
    frames[0].save(path, compression="tiff_lzw", dpi=(150, 150), save_all=True, append_images=frames[1:])
    with Image.open(path) as image:
        image.seek(broken)
        strips = list(zip(image.tag_v2[273], image.tag_v2[279], strict=True))
    data = bytearray(path.read_bytes())
    for offset, count in strips:
        data[offset : offset + count] = b"\xff" * count
    path.write_bytes(bytes(data))
    return path


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
    return _pdf_bytes(text.encode("cp1252"))


def _pdf_bytes(raw: bytes) -> bytes:
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
    return _write_page_tree(path, objects, pages_id, kids)


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
