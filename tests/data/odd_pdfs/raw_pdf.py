"""Byte-exact PDF writing and the scan pages of the generated odd PDFs (used by make_odd.py).

RawPdf writes objects as given, so an oddity (a loop, a wrong offset) stays in the file where
pikepdf or pypdf would repair it on save. scan() draws the known text every generated page carries.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 200
PAGE_PT = (297.6, 420.0)  # A6 portrait in points
WORDS = "The quick brown fox jumps over the lazy dog"


def page_text(n: int) -> list[str]:
    """The lines drawn on scan page ``n`` (the expectations in odd_pdf_cases.py quote them)."""
    return [f"Odd corpus page {n}", WORDS, "Scriba reads every page", "Searchable output"]


def scan(n: int, *, sideways: bool = False) -> Image.Image:
    """A greyscale A6 scan of page_text(n) at DPI."""
    size = (round(PAGE_PT[0] / 72 * DPI), round(PAGE_PT[1] / 72 * DPI))
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 30)
    small = ImageFont.truetype(FONT, 20)
    y = 80
    for i, line in enumerate(page_text(n)):
        draw.text((50, y), line, fill=20, font=font if i == 0 else small)
        y += 60
    return img.rotate(90, expand=True) if sideways else img


def jpeg(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=60, dpi=(DPI, DPI))
    return buf.getvalue()


def ccitt_g4(img: Image.Image) -> tuple[bytes, str]:
    """The G4 data of a bitonal img and its DecodeParms, taken from img2pdf's output."""
    import img2pdf
    import pikepdf

    buf = io.BytesIO()
    img.convert("1").save(buf, "TIFF", compression="group4", dpi=(DPI, DPI))
    with pikepdf.open(io.BytesIO(img2pdf.convert(buf.getvalue()))) as pdf:
        image = next(iter(pdf.pages[0].Resources.XObject.values()))
        parms = image.DecodeParms
        parms = parms[0] if isinstance(parms, pikepdf.Array) else parms
        return image.read_raw_bytes(), (
            f"<< /K {int(parms.K)} /Columns {int(parms.Columns)} /Rows {int(parms.Rows)}"
            f" /BlackIs1 {'true' if bool(parms.get('/BlackIs1', False)) else 'false'} >>"
        )


class RawPdf:
    """Objects written as given, so every oddity stays in the file."""

    def __init__(self) -> None:
        self.objects: dict[int, bytes] = {}

    def add(self, num: int, body: str | bytes) -> None:
        self.objects[num] = body.encode("latin-1") if isinstance(body, str) else body

    def stream(self, num: int, keys: str, data: bytes) -> None:
        self.add(num, f"<< {keys} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")

    def body(self) -> tuple[bytes, dict[int, int]]:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = {}
        for num in sorted(self.objects):
            offsets[num] = len(out)
            out += f"{num} 0 obj\n".encode() + self.objects[num] + b"\nendobj\n"
        return bytes(out), offsets

    def write(self, *, root: int = 1, shift: int = 0, prev_self: bool = False) -> bytes:
        """The file with a classic xref table; ``shift`` moves every offset (a broken xref)."""
        out, offsets = self.body()
        size = max(offsets) + 1
        xref_at = len(out)
        table = [f"xref\n0 {size}\n0000000000 65535 f \n"]
        for num in range(1, size):
            if num in offsets:
                table.append(f"{offsets[num] + shift:010d} 00000 n \n")
            else:
                table.append("0000000000 00000 f \n")
        prev = f" /Prev {xref_at}" if prev_self else ""
        table.append(f"trailer\n<< /Size {size} /Root {root} 0 R{prev} >>\n")
        table.append(f"startxref\n{xref_at}\n%%EOF\n")
        return out + "".join(table).encode()


def scan_page(
    pdf: RawPdf,
    n: int,
    page: int,
    parent: int,
    *,
    extra: str = "",
    box: str | None = None,
    img: Image.Image | None = None,
    text_layer: str = "",
) -> None:
    """A page ``page`` with its content at page+1 and its image at page+2."""
    img = img if img is not None else scan(n)
    w, h = PAGE_PT if img.width < img.height else PAGE_PT[::-1]
    box = box if box is not None else f"/MediaBox [0 0 {w} {h}]"
    pdf.add(
        page,
        f"<< /Type /Page /Parent {parent} 0 R {box} /Contents {page + 1} 0 R"
        f" /Resources << /XObject << /Im0 {page + 2} 0 R >> /Font << /F1 << /Type /Font"
        f" /Subtype /Type1 /BaseFont /Helvetica >> >> >> {extra} >>",
    )
    content = f"q {w} 0 0 {h} 0 0 cm /Im0 Do Q\n"
    if text_layer:
        content += f"BT 3 Tr /F1 12 Tf 1 0 0 1 30 {h - 60} Tm ({text_layer}) Tj ET\n"
    pdf.stream(page + 1, "", content.encode())
    pdf.stream(
        page + 2,
        f"/Type /XObject /Subtype /Image /Width {img.width} /Height {img.height}"
        " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
        jpeg(img),
    )


def flat(pages: int = 1, **page_kw: str) -> RawPdf:
    """Catalog 1, Pages 2, pages at 10, 20, 30, ..."""
    pdf = RawPdf()
    pdf.add(1, "<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{10 * (i + 1)} 0 R" for i in range(pages))
    pdf.add(2, f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>")
    for i in range(pages):
        scan_page(pdf, i + 1, 10 * (i + 1), 2, **page_kw)  # type: ignore[arg-type]
    return pdf
