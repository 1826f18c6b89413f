"""Page previews for the review pane, rendered outside the GUI process.

The window never parses PDF content (DESIGN.md: a hostile PDF may crash a worker, never the
window), so it calls :func:`render_page_png` in a child process and only ever sees PNG bytes.
Qt-free on purpose: it runs in a plain ``spawn`` worker. An image document's page is decoded
there too (``image_page_png``), as the worker reads it.
"""

from __future__ import annotations

import io
from pathlib import Path

from app.core.kinds import DocumentKind, kind_of_file

#: Previews are small; this caps the render of a page with an absurd aspect ratio.
MAX_PREVIEW_PIXELS = 8_000_000


def render_page_png(path: Path, page: int, password: str | None, width_px: int) -> bytes:
    """Render one page (0-based) as a grayscale PNG ``width_px`` wide, as a viewer shows it.

    Raises:
        ValueError: ``page`` or ``width_px`` is out of range.
        pypdfium2.PdfiumError: the file cannot be opened (damaged, wrong password...).
    """
    import pypdfium2 as pdfium  # heavy: loaded only in the preview process

    if width_px <= 0:
        raise ValueError(f"width_px must be positive, not {width_px}")
    if kind_of_file(path) is DocumentKind.IMAGE:
        return image_page_png(path, page, width_px)
    document = pdfium.PdfDocument(str(path), password=password)
    try:
        if not 0 <= page < len(document):
            raise ValueError(f"page {page} is outside 0..{len(document) - 1}")
        pdf_page = document[page]
        try:
            # get_size() already swaps width and height for /Rotate 90/270 pages.
            width_pt, height_pt = pdf_page.get_size()
            scale = width_px / max(width_pt, 1.0)
            if width_pt * height_pt * scale * scale > MAX_PREVIEW_PIXELS:
                scale = (MAX_PREVIEW_PIXELS / max(width_pt * height_pt, 1.0)) ** 0.5
            bitmap = pdf_page.render(scale=scale, grayscale=True)
            try:
                image = bitmap.to_pil()
            finally:
                bitmap.close()
        finally:
            pdf_page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.convert("L").save(buffer, "PNG", optimize=False, compress_level=1)
    return buffer.getvalue()


def image_page_png(path: Path, page: int, width_px: int) -> bytes:
    """A frame of an image file as the worker reads it (gray, upright by its EXIF turn), as a PNG
    ``width_px`` wide.

    Raises:
        ValueError: ``page`` is out of range.
        ScribaError: the image cannot be decoded.
    """
    from app.core.images import FrameGeometry, frame_count, frame_pixels, open_image, seek_frame
    from app.core.options import OcrOptions

    with open_image(path) as image:
        count = frame_count(image)
        if not 0 <= page < count:
            raise ValueError(f"page {page} is outside 0..{count - 1}")
        seek_frame(image, page)
        geometry = FrameGeometry.of(image)
        dpi = max(1, round(width_px * geometry.dpi_x / max(geometry.width, 1)))
        pixels, _, _ = frame_pixels(image, OcrOptions(dpi=dpi, max_pixels=MAX_PREVIEW_PIXELS))
    preview = pixels.to_pil()
    if 0 < abs(preview.width - width_px) <= max(2, width_px // 50):  # the whole-DPI step, not the cap
        preview = preview.resize((width_px, max(1, round(preview.height * width_px / preview.width))))
    buffer = io.BytesIO()
    preview.save(buffer, "PNG", optimize=False, compress_level=1)
    return buffer.getvalue()
