"""Page previews for the review pane, rendered outside the GUI process.

The window never parses PDF content (DESIGN.md: a hostile PDF may crash a worker, never the
window), so it calls :func:`render_page_png` in a child process and only ever sees PNG bytes.
Qt-free on purpose: it runs in a plain ``spawn`` worker.
"""

from __future__ import annotations

import io
from pathlib import Path

#: Previews are small; this caps the render of a page with an absurd aspect ratio.
MAX_PREVIEW_PIXELS = 8_000_000


def render_page_png(path: Path, page: int, password: str | None, width_px: int, turn: int = 0) -> bytes:
    """Render one page (0-based) as a grayscale PNG ``width_px`` wide, as a viewer shows it,
    then turned back by ``turn`` degrees (a page result's ``rotation``: how far its print lay
    turned clockwise), so a page read upright is shown upright.

    Raises:
        ValueError: ``page`` or ``width_px`` is out of range.
        pypdfium2.PdfiumError: the file cannot be opened (damaged, wrong password...).
    """
    import pypdfium2 as pdfium  # heavy: loaded only in the preview process

    if width_px <= 0:
        raise ValueError(f"width_px must be positive, not {width_px}")
    document = pdfium.PdfDocument(str(path), password=password)
    try:
        if not 0 <= page < len(document):
            raise ValueError(f"page {page} is outside 0..{len(document) - 1}")
        pdf_page = document[page]
        try:
            # get_size() already swaps width and height for /Rotate 90/270 pages.
            width_pt, height_pt = pdf_page.get_size()
            turn %= 360
            scale = width_px / max(height_pt if turn in (90, 270) else width_pt, 1.0)
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
    if turn in (90, 180, 270):
        image = image.rotate(turn, expand=True)  # counter-clockwise: undoes a clockwise turn
    buffer = io.BytesIO()
    image.convert("L").save(buffer, "PNG", optimize=False, compress_level=1)
    return buffer.getvalue()
