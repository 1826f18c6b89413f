"""What one page of OCR produces: small, picklable, independent of any engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class PageSource(StrEnum):
    """Where a page's text came from."""

    OCR = "ocr"  # recognised by the OCR engine
    TEXT = "text"  # taken from the PDF's existing text layer
    CACHE = "cache"  # read back from the result cache
    BLANK = "blank"  # no print on it (both looks of ``app.core.reading.blank``), or none Tesseract could read
    FAILED = "failed"  # could not be read; ``PageResult.error`` says why


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
    """Seconds spent in each step of one page."""

    render: float = 0.0
    deskew: float = 0.0  # measuring the tilt, and turning the page straight when it was
    orient: float = 0.0
    recognize: float = 0.0


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
    error: str | None = None
    #: Degrees the page lay tilted counter-clockwise in its image as displayed (its lines rising
    #: to the right; negative: falling), measured modulo 90; Scriba turned it back by this much
    #: before reading it. 0.0: it lay straight, or was not straightened (see app.core.reading.deskew).
    skew: float = 0.0

    @property
    def failed(self) -> bool:
        return self.source is PageSource.FAILED
