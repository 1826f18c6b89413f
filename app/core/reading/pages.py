"""The unit of work: one page in, one ``PageResult`` out. Runs in worker processes.

A PDF page: its text layer, when plausible (``app.core.reading.text_layer``), else drawn in gray at its
scan's resolution under the pixel cap. A scanner's image file: its frame decoded
(``app.core.reading.sources``). Then every page's pixels (``read_pixels``): turned straight when fed
crooked (``app.core.reading.deskew``) → the shape of its text lines tells which way up the print is
(``app.core.reading.line_shapes``) → a page where no lines were seen stops here when it holds no print,
not even faint (``app.core.reading.blank``) → recognition, turned upright, told the true resolution → a
full orientation check only when the page still reads badly (``read_upright``) → ª º § ° @ put
back where the Portuguese model cannot write them (``app.core.reading.legal_symbols``) → word boxes mapped
back onto the page as scanned. A pure function of (file bytes, page, options): it could run on any
machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.options import OcrOptions
from app.core.packed_words import PackedWords
from app.core.reading.blank import holds_faint_print, looks_blank
from app.core.reading.deskew import Straightened, straightened
from app.core.reading.engines import Engine, Recognized, make_engine
from app.core.reading.legal_symbols import applies, with_legal_symbols
from app.core.reading.line_shapes import rotation_from_lines
from app.core.reading.orientation import (
    READS_WELL,
    detect_rotation,
    page_words,
    quick_rotation_given,
    sideways_turn,
    upright,
)
from app.core.reading.render import GrayImage, Renderer, gray_pixels, make_renderer, page_scale
from app.core.reading.text_layer import usable_text_layer
from app.core.results import PageResult, PageSource, PageTimings

if TYPE_CHECKING:
    import pypdfium2


@dataclass
class PageContext:
    """What a worker keeps between pages: engines, renderers and the open document."""

    engines: dict[tuple[str, str], Engine] = field(default_factory=dict)
    renderers: dict[str, Renderer] = field(default_factory=dict)

    def engine(self, options: OcrOptions) -> Engine:
        key = (options.engine, options.languages)
        if key not in self.engines:
            self.engines[key] = make_engine(*key)
        return self.engines[key]

    def renderer(self, options: OcrOptions) -> Renderer:
        if options.renderer not in self.renderers:
            self.renderers[options.renderer] = make_renderer(options.renderer)
        return self.renderers[options.renderer]


def drawn_small(document: pypdfium2.PdfDocument, index: int, scale: float) -> GrayImage:
    """The page drawn at an eighth of ``scale``: cheap, and drawn even when full size failed."""
    page = document[index]
    try:
        return gray_pixels(page.render(scale=max(scale / 8, 0.05), grayscale=True))
    finally:
        page.close()


def with_annotations_merged(document: pypdfium2.PdfDocument, index: int) -> pypdfium2.PdfPage:
    """Page ``index`` with what its annotations show (filled-in form fields, stamps) made part of
    it, and a crop box that shows nothing replaced by the media box.

    Without this a filled form loses its answers: the text layer holds only the printed form,
    and PDFium draws no form fields unless a form environment was set up. Flattening changes the
    open document in memory only, never the user's file.
    """
    import pypdfium2.raw as pdfium_c

    page = document[index]
    width, height = page.get_size()
    if width < 1 or height < 1:
        # A crop box that misses the media box (a page cropped to nothing, "0 x 0 pt"): the
        # page is read as its media box shows it, as viewers that ignore such a box do.
        left, bottom, right, top = page.get_mediabox()
        if right - left >= 1 and top - bottom >= 1:
            page.set_cropbox(left, bottom, right, top)
    if pdfium_c.FPDFPage_GetAnnotCount(page.raw) > 0:
        if pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY) == pdfium_c.FLATTEN_SUCCESS:
            page.close()
            page = document[index]  # the merged content shows only on a freshly loaded page
    return page


def process_page(
    context: PageContext,
    document: pypdfium2.PdfDocument,
    path: Path,
    password: str | None,
    index: int,
    options: OcrOptions,
) -> PageResult:
    """Text for page ``index`` (0-based) of an open document."""
    started = time.perf_counter()
    page = with_annotations_merged(document, index)
    try:
        width_pt, height_pt = page.get_size()
        if page.get_rotation() in (90, 270):
            width_pt, height_pt = height_pt, width_pt
        checked = 0.0
        if options.use_text_layer:
            checking = time.perf_counter()
            text = usable_text_layer(page, options.languages)
            checked = time.perf_counter() - checking
            if text is not None:
                seconds = time.perf_counter() - started
                return PageResult(
                    index,
                    text,
                    PageSource.TEXT,
                    width_pt=width_pt,
                    height_pt=height_pt,
                    seconds=seconds,
                    timings=PageTimings(render=seconds - checked, text_layer=checked),
                )
        scale = page_scale(page, options)
    finally:
        page.close()

    image = context.renderer(options).render(document, path, password, index, scale)
    pixels = PagePixels(image, scale * 72.0, width_pt, height_pt)
    return read_pixels(
        context,
        pixels,
        index,
        options,
        started,
        redraw_small=lambda: drawn_small(document, index, scale),
        text_layer_seconds=checked,
    )


@dataclass(frozen=True, slots=True)
class PagePixels:
    """A page's image as it is to be read: its pixels, their true resolution and the page's size
    as displayed, in PDF points."""

    image: GrayImage
    dpi: float
    width_pt: float
    height_pt: float


def read_pixels(
    context: PageContext,
    pixels: PagePixels,
    index: int,
    options: OcrOptions,
    started: float,
    redraw_small: Callable[[], GrayImage] | None = None,
    text_layer_seconds: float = 0.0,
) -> PageResult:
    """Read a page's pixels, whatever they came from (a PDF page drawn, a scanner's image file).

    ``started`` is when work on the page began (the time until now counts as rendering, less
    ``text_layer_seconds``, spent checking the page's own text); ``redraw_small`` draws the page
    again, small, where the pixels were drawn from a description that a renderer may silently
    fail to draw at full size.
    """
    image, scale = pixels.image, pixels.dpi / 72.0
    width_pt, height_pt = pixels.width_pt, pixels.height_pt
    rendered = time.perf_counter()
    # Straight first: the orientation look tolerates ~2 degrees of tilt, and Tesseract reads a
    # crooked two-column page line by line across both columns.
    straight: Straightened | None = None
    if options.deskew:
        image, straight = straightened(image, pixels.dpi)
    deskewed = time.perf_counter()
    # Lines of print seen by the look at the page's orientation (~6 ms) spare the blank test.
    seen = rotation_from_lines(image, scale) if options.auto_rotate else None
    looked = time.perf_counter()
    timings = PageTimings(
        render=rendered - started - text_layer_seconds,
        deskew=deskewed - rendered,
        orient=looked - deskewed,
        text_layer=text_layer_seconds,
    )
    empty = seen is None and looks_blank(image) and not holds_faint_print(image, pixels.dpi)
    timings = replace(timings, blank=time.perf_counter() - looked)
    if empty:
        if redraw_small is not None and not looks_blank(redraw_small()):
            # PDFium draws nothing, silently, when it cannot allocate a huge image's pixels; the
            # same page drawn small shows its marks. Say so rather than return an empty page.
            raise MemoryError("the page drew blank at full size but not when small")
        finished = time.perf_counter()
        return PageResult(
            index,
            "",
            PageSource.BLANK,
            confidence=0.0,  # what Tesseract says of an empty page
            width_pt=width_pt,
            height_pt=height_pt,
            seconds=finished - started,
            timings=replace(timings, blank=finished - looked),
        )
    engine = context.engine(options)
    reading_started = time.perf_counter()
    reading = (
        read_upright(engine, image, scale, seen) if options.auto_rotate else read_as_is(engine, image, scale)
    )
    read = time.perf_counter()
    if applies(options.languages):  # por has no ª, §, ° or @: put back those its reading shows
        reading = replace(reading, recognized=with_legal_symbols(reading.recognized, reading.image))
    symbols = time.perf_counter()
    found = any(word.text.strip() for word in reading.recognized.words)
    words = page_words(reading.recognized.words, reading.image.width, reading.image.height, reading.turned)
    # The searchable PDF lays the words over the page as it was scanned, crooked or not.
    packed = PackedWords.of(straight.words_on_source(words) if straight else words)
    done = time.perf_counter()
    return PageResult(
        page=index,
        text=reading.recognized.text if found else "",
        # Marks, but not one word in them (a picture, a signature, a smudge): said, not hidden.
        source=PageSource.OCR if found else PageSource.BLANK,
        confidence=reading.recognized.confidence,
        words=packed,
        rotation=reading.rotation,
        width_pt=width_pt,
        height_pt=height_pt,
        seconds=done - started,
        timings=replace(
            timings,
            # the quick look before reading (OSD when the lines told nothing), any second reading
            orient=timings.orient + max(0.0, read - reading_started - reading.recognize_seconds),
            recognize=reading.recognize_seconds,
            legal=symbols - read,
            boxes=done - symbols,
        ),
        skew=straight.skew if straight else 0.0,
    )


@dataclass(frozen=True, slots=True)
class Reading:
    """A page read, with the image it was read from (``image``, turned by ``turned`` degrees
    from the page as displayed) and the page's rotation: how far its text is turned clockwise."""

    recognized: Recognized
    image: GrayImage
    turned: int
    rotation: int
    recognize_seconds: float = 0.0


def read_as_is(engine: Engine, image: GrayImage, scale: float) -> Reading:
    started = time.perf_counter()
    recognized = engine.recognize(image, scale * 72.0)
    return Reading(recognized, image, 0, 0, time.perf_counter() - started)


def read_upright(engine: Engine, image: GrayImage, scale: float, seen: int | None) -> Reading:
    """Read a page whichever way up it was scanned, reading it once in the common case.

    1. A quick look turns it upright before it is read: ``seen``, what the shape of its lines
       told (``rotation_from_lines``, ~6 ms), else OSD on a band of the page (~30 ms).
    2. Tesseract reads text lines running down the page by itself: the geometry of its words then
       gives the rotation, with no second reading.
    3. A page that still reads badly gets the full orientation check and, if that finds another
       way up, a second reading; the better reading is kept.
    """
    turn = quick_rotation_given(seen, engine, image, scale)
    turned = upright(image, turn) if turn else image
    started = time.perf_counter()
    recognized = engine.recognize(turned, scale * 72.0)
    spent = time.perf_counter() - started
    if recognized.confidence >= READS_WELL:
        return Reading(recognized, turned, turn, (turn + sideways_turn(recognized)) % 360, spent)
    second, _ = detect_rotation(engine, image, scale)
    if second == turn:
        return Reading(recognized, turned, turn, turn, spent)
    turned_again = upright(image, second) if second else image
    retry = engine.recognize(turned_again, scale * 72.0)
    if retry.confidence > recognized.confidence:
        return Reading(retry, turned_again, second, second, spent)
    return Reading(recognized, turned, turn, turn, spent)
