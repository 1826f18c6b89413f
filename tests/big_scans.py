"""Large scanned PDFs made fast: every page draws its own image object, the JPEG bytes of a few
drawn pages reused (as a scanner writes them: one image per page, none shared), so a 900-page
scan at 300 DPI takes seconds to make. For the export-at-scale test and bench/export_scale.py."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from PIL import Image


def jpeg_bytes(image: Image.Image, dpi: int, quality: int = 75) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, dpi=(dpi, dpi))
    return buffer.getvalue()


def image_pages_pdf(path: Path, jpegs: Sequence[bytes], pages: int, dpi: int) -> Path:
    """A PDF of ``pages`` pages, page ``n`` drawing its own gray JPEG image object holding
    ``jpegs[n % len(jpegs)]``, each page the image's size at ``dpi``."""
    import pikepdf

    width, height = Image.open(io.BytesIO(jpegs[0])).size
    page_w, page_h = width * 72 / dpi, height * 72 / dpi
    pdf = pikepdf.new()
    for number in range(pages):
        image = pikepdf.Stream(pdf, jpegs[number % len(jpegs)])
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = width, height, 8
        image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.DCTDecode
        content = f"q {page_w:.2f} 0 0 {page_h:.2f} 0 0 cm /Im0 Do Q".encode()
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, page_w, page_h],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
            Contents=pikepdf.Stream(pdf, content),
        )
        pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path
