"""What one page of OCR produces: small, picklable, independent of any engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.core.errors import message, params_of


class PageSource(StrEnum):
    """Where a page's text came from."""

    OCR = "ocr"  # recognised by the OCR engine
    TEXT = "text"  # taken from the PDF's existing text layer
    CACHE = "cache"  # read back from the result cache
    BLANK = "blank"  # no print on it (both looks of ``app.core.reading.blank``), or none Tesseract could read
    FAILED = "failed"  # could not be read; ``PageResult.error_code`` says why


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word.

    Coordinates are fractions (0..1) of the page as a viewer displays it (the PDF's own
    /Rotate applied, Scriba's auto-rotation undone), origin at the top left, so exports can
    map them onto any page size.
    """

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    conf: float  # 0..100
    block: int  # Tesseract block number within the page
    par: int  # paragraph number within the block
    line: int  # line number within the paragraph


@dataclass(frozen=True, slots=True)
class PageTimings:
    """Seconds spent in each step of one page (bench/limit.py sums them into a table per step).

    ``render`` is everything before the pixels are there, less the text-layer check: opening the
    page, drawing or decoding it.
    """

    render: float = 0.0
    deskew: float = 0.0  # measuring the tilt, and turning the page straight when it was
    orient: float = 0.0  # the looks at which way up it lies, a second reading when it read badly
    recognize: float = 0.0  # the first reading, by the engine
    text_layer: float = 0.0  # whether the PDF's own text is usable (app.core.reading.text_layer)
    blank: float = 0.0  # whether the page holds print: the quick look and the second, for faint print
    legal: float = 0.0  # ª º § ° @ put back (app.core.reading.legal_symbols)
    boxes: float = 0.0  # the words' boxes mapped onto the page as displayed and scanned, packed
    text_layout: float = 0.0  # the page's text laid out once, in the worker (app.core.export.stored_layout)


@dataclass(frozen=True, slots=True)
class PageResult:
    """The result of one page: text, confidence, word boxes, rotation and timings.

    ``page`` is 0-based; user-facing messages say ``page + 1``.
    """

    page: int
    text: str
    source: PageSource
    confidence: float = -1.0  # mean word confidence 0..100; -1 when not from OCR
    words: Sequence[Word] = ()  # a tuple, or PackedWords (compact, unpacked when read)
    rotation: int = 0  # degrees the content lay turned clockwise; Scriba turned it upright to read it
    width_pt: float = 0.0  # page size as displayed, in PDF points
    height_pt: float = 0.0
    seconds: float = 0.0
    timings: PageTimings = field(default_factory=PageTimings)
    error: str | None = None  # why it failed, in English (logs, JSON progress, the text export's note)
    #: Degrees the page lay tilted counter-clockwise in its image as displayed (its lines rising
    #: to the right; negative: falling), measured modulo 90; Scriba turned it back by this much
    #: before reading it. 0.0: it lay straight, or was not straightened (see app.core.reading.deskew).
    skew: float = 0.0
    #: Why it failed, as a code of ``app.core.errors`` and its parameters: what the edges translate.
    error_code: str | None = None
    error_params: tuple[tuple[str, str], ...] = ()
    #: The user corrected this page in the window: ``text`` is their text, exactly as every export
    #: writes it, and ``words`` its words placed on the OCR words' boxes
    #: (``app.core.export.corrected``); ``source`` still says where the text under it came from.
    corrected: bool = False
    #: This page's text laid out from its words, worked out once by the worker and kept by the
    #: cache (``app.core.export.stored_layout``); empty: laid out afresh when its text is read.
    layout: bytes = b""

    @property
    def failed(self) -> bool:
        return self.source is PageSource.FAILED

    def localized_error(self, language: str) -> str:
        """Why it failed, in ``en`` or ``pt_BR`` (the English ``error`` when it has no code)."""
        if self.error_code is None:
            return self.error or ""
        return message(self.error_code, language, **dict(self.error_params))


def failed_page(page: int, code: str, **params: object) -> PageResult:
    """A page that could not be read, and why (a code of ``app.core.errors``)."""
    return PageResult(
        page,
        "",
        PageSource.FAILED,
        error=message(code, "en", **params),
        error_code=code,
        error_params=params_of(params),
    )
