"""Page previews for the review pane, rendered outside the GUI process.

The window never parses PDF content (docs/ARCHITECTURE.md: a hostile PDF may crash a worker, never the
window), so it calls :func:`render_page_png` in a child process and only ever sees PNG bytes.
Qt-free on purpose: it runs in a plain ``spawn`` worker. An image document's page is decoded
there too (``_image_frame``), as the worker reads it.

A preview shows the page as it was read: turned upright by its ``rotation`` and, when it lay
crooked, turned straight by its ``skew`` about its centre (the canvas keeps its size; the corners
get the paper's gray). ``preview_boxes`` puts the page's word boxes on that picture, so boxes drawn
over it land on the words: the stored boxes (fractions of the page as displayed, enclosing the
tilted words) are laid level (``deskew.level_words``, as the text rebuild does) and turned upright.
Page-list thumbnails are drawn here too, several per call (``render_pages_png``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.reading.deskew import level_words
from app.core.reading.kinds import DocumentKind, kind_of_file
from app.core.reading.orientation import upright_words
from app.core.reading.render import histogram_level
from app.core.results import PageResult

if TYPE_CHECKING:
    import pypdfium2
    from PIL import Image

#: One page a thumbnail call draws: (0-based page, width in pixels, turn, skew).
PageDrawing = tuple[int, int, int, float]

#: Previews are small; this caps the render of a page with an absurd aspect ratio.
MAX_PREVIEW_PIXELS = 8_000_000


def render_page_png(
    path: Path, page: int, password: str | None, width_px: int, turn: int = 0, skew: float = 0.0
) -> bytes:
    """Render one page (0-based) as a grayscale PNG ``width_px`` wide, as a viewer shows it,
    turned straight by ``skew`` (a page result's ``skew``: degrees its lines rose to the right),
    then turned back by ``turn`` degrees (its ``rotation``: how far its print lay turned
    clockwise), so a page is shown upright and level, as it was read.

    Raises:
        ValueError: ``page`` or ``width_px`` is out of range.
        pypdfium2.PdfiumError: the file cannot be opened (damaged, wrong password...).
        ScribaError: an image file cannot be decoded.
    """
    if width_px <= 0:
        raise ValueError(f"width_px must be positive, not {width_px}")
    if kind_of_file(path) is DocumentKind.IMAGE:
        turn %= 360
        image = _image_frame(path, page, width_px)
        if turn in (90, 270):  # turned, its height becomes the width
            image = image.resize((max(1, round(image.width * width_px / image.height)), width_px))
        return _finished(image, turn, skew)
    from app.core.reading.passwords import open_pdfium  # PDFium is heavy: loaded only in the preview process

    document, _ = open_pdfium(path, password)
    try:
        return _drawn_pdf_page(document, page, width_px, turn, skew)
    finally:
        document.close()


def render_pages_png(path: Path, password: str | None, drawings: Sequence[PageDrawing]) -> list[bytes | None]:
    """Several pages drawn as ``render_page_png`` draws one (thumbnails), the file opened once;
    ``None`` for a page that cannot be drawn (the others still are).

    Raises:
        pypdfium2.PdfiumError: the file cannot be opened at all.
    """
    if kind_of_file(path) is DocumentKind.IMAGE:
        return [_or_none(partial(render_page_png, path, d[0], password, d[1], d[2], d[3])) for d in drawings]
    from app.core.reading.passwords import open_pdfium

    document, _ = open_pdfium(path, password)
    try:
        return [_or_none(partial(_drawn_pdf_page, document, *d)) for d in drawings]
    finally:
        document.close()


def _drawn_pdf_page(
    document: pypdfium2.PdfDocument, page: int, width_px: int, turn: int, skew: float
) -> bytes:
    return _finished(_pdf_page(document, page, width_px, turn % 360 in (90, 270)), turn, skew)


def preview_boxes(page: PageResult) -> list[tuple[float, float, float, float]]:
    """Each of ``page.words`` as a box on its preview (``render_page_png`` with the page's
    rotation and skew): (left, top, right, bottom), fractions of the preview's sides."""
    words = tuple(page.words)  # PackedWords unpack on every read: once
    if page.skew and page.width_pt > 0 and page.height_pt > 0:
        words = level_words(words, page.skew, page.width_pt, page.height_pt)
    return [(w.x0, w.y0, w.x1, w.y1) for w in upright_words(words, page.rotation)]


def _or_none(draw: Callable[[], bytes]) -> bytes | None:
    try:
        return draw()
    except Exception:  # noqa: BLE001 - one page that cannot be drawn gets no thumbnail; the rest do
        return None


def _finished(image: Image.Image, turn: int, skew: float) -> bytes:
    """The page straightened by ``skew``, turned back by ``turn``, as PNG bytes."""
    from PIL import Image

    gray = image.convert("L")
    if skew:
        # Clockwise about the centre, as the worker straightened it (deskew.straighten), but on
        # a canvas of the page's own size: the word boxes are fractions of that page.
        paper = histogram_level(gray.reduce(4).histogram() if min(gray.size) >= 8 else gray.histogram(), 0.5)
        gray = gray.rotate(-skew, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=paper)
    turn %= 360
    if turn in (90, 180, 270):
        gray = gray.rotate(turn, expand=True)  # counter-clockwise: undoes a clockwise turn
    buffer = io.BytesIO()
    gray.save(buffer, "PNG", optimize=False, compress_level=1)
    return buffer.getvalue()


def _pdf_page(document: pypdfium2.PdfDocument, page: int, width_px: int, sideways: bool) -> Image.Image:
    """A page of an open PDF drawn ``width_px`` wide (``sideways``: that high, to be shown turned)."""
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
