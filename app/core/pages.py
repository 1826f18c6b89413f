"""The unit of work: one page in, one ``PageResult`` out. Runs in worker processes.

render (grayscale, native scan resolution, pixel cap) → text layer shortcut → orientation
→ recognition. A pure function of (file bytes, page, options): it could run on any machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.engines import Engine, PixelWord, make_engine
from app.core.options import OcrOptions
from app.core.render import GrayImage, Renderer, largest_image_dpi, make_renderer, page_scale
from app.core.results import PageResult, PageSource, PageTimings, Word

if TYPE_CHECKING:
    import pypdfium2

#: A text layer with fewer letters than this is not trusted (page numbers, stamps).
MIN_TEXT_LETTERS = 20
#: On a page that is mostly a scanned image, a text layer must be this long to be taken:
#: a short one is usually a stamp or header added digitally on top of the scan.
MIN_TEXT_LETTERS_ON_SCAN = 200


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


def usable_text_layer(page: pypdfium2.PdfPage) -> str | None:
    """The page's own text when it is real text worth keeping, else ``None``."""
    textpage = page.get_textpage()
    try:
        text = str(textpage.get_text_range())
    finally:
        textpage.close()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    letters = sum(ch.isalpha() for ch in text)
    if letters < MIN_TEXT_LETTERS or text.count("\ufffd") > letters // 10:
        return None
    _, cover = largest_image_dpi(page)
    if cover >= 0.5 and letters < MIN_TEXT_LETTERS_ON_SCAN:
        return None
    return text if text.endswith("\n") else text + "\n"


#: OSD confidence above which its answer is taken without a second look.
SURE_ORIENTATION = 10.0
#: Mean word confidence of a page that reads well; below it an unsure rotation is re-checked.
GOOD_CONFIDENCE = 60.0
#: OSD classifies a fixed sample of ~250 letter shapes in four orientations. At 150 DPI it read
#: 9-12 pt pages as reliably as at 300 DPI and ~30 % faster; at ~100 DPI it guesses (x-heights
#: fall under Tesseract's 10 px minimum blob height). Measured with bench/ (issue 7).
OSD_DPI = 150.0
#: An answer this unsure from the reduced image is asked again at full resolution: sparse small
#: print (three lines of 9 pt) scored 2-4 at 150 DPI, 6-7 at 300; dense pages score 12 and up.
RECHECK_ORIENTATION = 5.0


def osd_image(image: GrayImage, scale: float) -> GrayImage:
    """A smaller copy of ``image`` for orientation detection when it was rendered well above OSD_DPI."""
    factor = int(scale * 72.0 // OSD_DPI)
    if factor <= 1:
        return image
    return GrayImage.from_pil(image.to_pil().reduce(factor))


def detect_rotation(engine: Engine, image: GrayImage, scale: float) -> tuple[int, float]:
    """Orientation from a reduced copy of the page, or from the page itself when that was unsure."""
    small = osd_image(image, scale)
    rotation, sureness = engine.detect_rotation(small)
    if small is not image and sureness < RECHECK_ORIENTATION:
        rotation, sureness = engine.detect_rotation(image)
    return rotation, sureness


def upright(image: GrayImage, rotation: int) -> GrayImage:
    """Turn a page whose content is rotated ``rotation`` degrees clockwise back upright."""
    from PIL import Image

    turn = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}[
        rotation
    ]
    return GrayImage.from_pil(image.to_pil().transpose(turn))


def to_page_fraction(u: float, v: float, rotation: int) -> tuple[float, float]:
    """Map a point of the upright image (fractions) back to the page as displayed."""
    if rotation == 90:
        return 1.0 - v, u
    if rotation == 180:
        return 1.0 - u, 1.0 - v
    if rotation == 270:
        return v, 1.0 - u
    return u, v


def page_words(words: tuple[PixelWord, ...], width: int, height: int, rotation: int) -> tuple[Word, ...]:
    out = []
    for w in words:
        a = to_page_fraction(w.left / width, w.top / height, rotation)
        b = to_page_fraction((w.left + w.width) / width, (w.top + w.height) / height, rotation)
        out.append(
            Word(
                w.text,
                min(a[0], b[0]),
                min(a[1], b[1]),
                max(a[0], b[0]),
                max(a[1], b[1]),
                w.conf,
                w.block,
                w.par,
                w.line,
            )
        )
    return tuple(out)


def with_annotations_merged(document: pypdfium2.PdfDocument, index: int) -> pypdfium2.PdfPage:
    """Page ``index`` with what its annotations show (filled-in form fields, stamps) made part of it.

    Without this a filled form loses its answers: the text layer holds only the printed form,
    and PDFium draws no form fields unless a form environment was set up. Flattening changes the
    open document in memory only, never the user's file.
    """
    import pypdfium2.raw as pdfium_c

    page = document[index]
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
        if options.use_text_layer:
            text = usable_text_layer(page)
            if text is not None:
                return PageResult(
                    index,
                    text,
                    PageSource.TEXT,
                    width_pt=width_pt,
                    height_pt=height_pt,
                    seconds=time.perf_counter() - started,
                )
        scale = page_scale(page, options)
    finally:
        page.close()

    image = context.renderer(options).render(document, path, password, index, scale)
    rendered = time.perf_counter()
    engine = context.engine(options)
    rotation, sureness = detect_rotation(engine, image, scale) if options.auto_rotate else (0, 0.0)
    original = image
    if rotation:
        image = upright(image, rotation)
    oriented = time.perf_counter()
    recognized = engine.recognize(image)
    if rotation and sureness < SURE_ORIENTATION and recognized.confidence < GOOD_CONFIDENCE:
        # OSD was unsure and the turned page reads badly: keep whichever reading is better.
        unturned = engine.recognize(original)
        if unturned.confidence > recognized.confidence:
            recognized, image, rotation = unturned, original, 0
    done = time.perf_counter()
    return PageResult(
        page=index,
        text=recognized.text,
        source=PageSource.OCR,
        confidence=recognized.confidence,
        words=page_words(recognized.words, image.width, image.height, rotation),
        rotation=rotation,
        width_pt=width_pt,
        height_pt=height_pt,
        seconds=done - started,
        timings=PageTimings(render=rendered - started, orient=oriented - rendered, recognize=done - oriented),
    )
