"""Page previews for the review pane, rendered outside the GUI process.

The window never parses PDF content (docs/ARCHITECTURE.md: a hostile PDF may crash a worker, never the
window), so it calls :func:`render_page_png` in a child process and only ever sees PNG bytes.
Qt-free on purpose: it runs in a plain ``spawn`` worker. An image document's page is decoded
there too (``_image_frame``), as the worker reads it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.reading.kinds import DocumentKind, kind_of_file

if TYPE_CHECKING:
    from PIL import Image

#: Previews are small; this caps the render of a page with an absurd aspect ratio.
MAX_PREVIEW_PIXELS = 8_000_000


def render_page_png(path: Path, page: int, password: str | None, width_px: int, turn: int = 0) -> bytes:
    """Render one page (0-based) as a grayscale PNG ``width_px`` wide, as a viewer shows it,
    then turned back by ``turn`` degrees (a page result's ``rotation``: how far its print lay
    turned clockwise), so a page read upright is shown upright.

    Raises:
        ValueError: ``page`` or ``width_px`` is out of range.
        pypdfium2.PdfiumError: the file cannot be opened (damaged, wrong password...).
        ScribaError: an image file cannot be decoded.
    """
    if width_px <= 0:
        raise ValueError(f"width_px must be positive, not {width_px}")
    turn %= 360
    sideways = turn in (90, 270)
    if kind_of_file(path) is DocumentKind.IMAGE:
        image = _image_frame(path, page, width_px)
        if sideways:  # turned, its height becomes the width
            image = image.resize((max(1, round(image.width * width_px / image.height)), width_px))
    else:
        image = _pdf_page(path, page, password, width_px, sideways)
    if turn in (90, 180, 270):
        image = image.rotate(turn, expand=True)  # counter-clockwise: undoes a clockwise turn
    buffer = io.BytesIO()
    image.convert("L").save(buffer, "PNG", optimize=False, compress_level=1)
    return buffer.getvalue()


def _pdf_page(path: Path, page: int, password: str | None, width_px: int, sideways: bool) -> Image.Image:
    """A PDF page drawn ``width_px`` wide (``sideways``: that high, to be shown turned)."""
    from app.core.reading.passwords import open_pdfium  # PDFium is heavy: loaded only in the preview process

    document, _ = open_pdfium(path, password)
    try:
        if not 0 <= page < len(document):
            raise ValueError(f"page {page} is outside 0..{len(document) - 1}")
        pdf_page = document[page]
        try:
            # get_size() already swaps width and height for /Rotate 90/270 pages.
            width_pt, height_pt = pdf_page.get_size()
            scale = width_px / max(height_pt if sideways else width_pt, 1.0)
            if width_pt * height_pt * scale * scale > MAX_PREVIEW_PIXELS:
                scale = (MAX_PREVIEW_PIXELS / max(width_pt * height_pt, 1.0)) ** 0.5
            bitmap = pdf_page.render(scale=scale, grayscale=True)
            try:
                image: Image.Image = bitmap.to_pil()
                return image
            finally:
                bitmap.close()
        finally:
            pdf_page.close()
    finally:
        document.close()


def _image_frame(path: Path, page: int, width_px: int) -> Image.Image:
    """A frame of an image file as the worker reads it (gray, upright by its EXIF turn),
    ``width_px`` wide.

    Raises:
        ValueError: ``page`` is out of range.
        ScribaError: the image cannot be decoded.
    """
    from app.core.options import OcrOptions
    from app.core.reading.images import FrameGeometry, frame_count, frame_pixels, open_image, seek_frame

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
    return preview
