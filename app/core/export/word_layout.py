"""A page's words where they lie, grouped as its text groups them: what ALTO and hOCR write.

The text formats rebuild a page's paragraphs from its words (``app.core.export.layout``: laid
level and upright first). The layout formats need the same paragraphs, lines and words, but each
word with its box on the page as displayed (``PageResult.words``), so the boxes cover the scan
and every word of ``page_text`` is one word here (or two halves of a word the line end split:
``condi-``/``ção``, marked ``HYPHEN_FIRST``/``HYPHEN_SECOND``, each with the whole word).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.core.export.base import ExportDocument, ordered_pages
from app.core.export.corrected import aligned_words
from app.core.export.image_pdf import is_image_source
from app.core.export.layout import joins_hyphenated, paragraph_lines
from app.core.reading.deskew import level_words
from app.core.reading.layer_words import text_layer_words
from app.core.reading.orientation import upright_words
from app.core.results import PageResult, PageSource, Word

WHOLE, HYPHEN_FIRST, HYPHEN_SECOND = 0, 1, 2
#: Page size for a page whose size was never measured (it failed before it was read): A4.
A4_PT = (595.28, 841.89)


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in fractions (0..1) of the page as displayed, origin top left."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def around(cls, boxes: Sequence[Box]) -> Box:
        return cls(
            min(b.x0 for b in boxes),
            min(b.y0 for b in boxes),
            max(b.x1 for b in boxes),
            max(b.y1 for b in boxes),
        )


@dataclass(frozen=True, slots=True)
class PlacedWord:
    """One printed word: ``text`` as printed, ``whole`` the word the text shows (they differ
    for the halves of a hyphenated word), ``conf`` 0..100 (-1: unknown)."""

    text: str
    whole: str
    box: Box
    conf: float
    hyphen: int = WHOLE


@dataclass(frozen=True, slots=True)
class PlacedLine:
    words: tuple[PlacedWord, ...]
    box: Box


@dataclass(frozen=True, slots=True)
class PlacedParagraph:
    lines: tuple[PlacedLine, ...]
    box: Box


#: Why a page that has text holds no words in a layout format: its text layer's word positions
#: could not be read back from the source (it changed, or PDFium cannot load the page).
NO_BOXES = "the text comes from the page's own text layer, whose word positions cannot be read"


def layout_pages(doc: ExportDocument) -> list[PageResult]:
    """The document's pages in order, a page whose text is its own text layer (kept as text
    only) given that layer's words and their boxes from the source PDF, so ALTO and hOCR place
    a born-digital page's words as they place a scan's. Nothing is recognised again."""
    pages = ordered_pages(doc)
    layered = [page.page for page in pages if empty_because(page) == NO_BOXES]
    if not layered or is_image_source(doc.source):
        return pages
    words = text_layer_words(doc.source, doc.password, layered)
    return [_with_layer_words(page, words[page.page]) if words.get(page.page) else page for page in pages]


def _with_layer_words(page: PageResult, words: tuple[Word, ...]) -> PageResult:
    """A text-layer page with its layer's words; a corrected one with its own words on their boxes."""
    layered = replace(page, words=words)
    return replace(layered, words=aligned_words(layered, page.text)) if page.corrected else layered


def empty_because(page: PageResult) -> str | None:
    """Why a page is written without words, when it has text: failed, or text without boxes."""
    if page.failed:
        return page.error or "could not be read"
    if page.source is not PageSource.BLANK and not page.words and page.text.strip():
        return NO_BOXES
    return None


def page_size_pt(page: PageResult, pages: Sequence[PageResult]) -> tuple[float, float]:
    """The page's size as displayed, in points; a page never measured (it failed) takes the
    size of the first measured page of the document, else A4."""
    for candidate in (page, *pages):
        if candidate.width_pt > 0 and candidate.height_pt > 0:
            return candidate.width_pt, candidate.height_pt
    return A4_PT


def _clamped(word: Word) -> Box:
    def clamp(value: float) -> float:
        return min(1.0, max(0.0, value))

    x0, x1 = sorted((clamp(word.x0), clamp(word.x1)))
    y0, y1 = sorted((clamp(word.y0), clamp(word.y1)))
    return Box(x0, y0, x1, y1)


def placed_paragraphs(page: PageResult) -> list[PlacedParagraph]:
    """The page's paragraphs, lines and words in reading order, boxes as displayed.

    Empty for a failed page, a blank one, and a page without word boxes (a text layer read as
    text only)."""
    if page.failed or page.source is PageSource.BLANK or not page.words:
        return []
    shown = tuple(page.words)
    words = shown
    if page.skew and page.width_pt > 0 and page.height_pt > 0:
        words = level_words(words, page.skew, page.width_pt, page.height_pt)
    upright = upright_words(words, page.rotation)
    # The grouping works on the level, upright copies; each maps back to its word as displayed.
    displayed = dict(zip(upright, shown, strict=True))
    paragraphs = []
    texts: list[str] = []  # the text's tokens so far in this paragraph, as ``_joined`` builds them
    for lines in paragraph_lines(upright):
        texts.clear()
        placed_lines: list[list[PlacedWord]] = []
        for line in lines:
            placed_lines.append([])
            for position, word in enumerate(line.words):
                original = displayed[word]
                text = word.text.strip()
                if position == 0 and texts and joins_hyphenated(texts[-1], text):
                    whole = texts[-1][:-1] + text
                    texts[-1] = whole
                    _mark_first_half(placed_lines, whole)
                    placed_lines[-1].append(
                        PlacedWord(text, whole, _clamped(original), word.conf, HYPHEN_SECOND)
                    )
                else:
                    texts.append(text)
                    placed_lines[-1].append(PlacedWord(text, text, _clamped(original), word.conf))
        built = tuple(
            PlacedLine(tuple(words_), Box.around([w.box for w in words_]))
            for words_ in placed_lines
            if words_
        )
        paragraphs.append(PlacedParagraph(built, Box.around([line.box for line in built])))
    return paragraphs


def _mark_first_half(lines: list[list[PlacedWord]], whole: str) -> None:
    """Mark the word ending the previous line as the first half of ``whole`` (a word split over
    three lines keeps its middle part a second half: ALTO knows only two parts)."""
    line = next(line for line in reversed(lines[:-1]) if line)
    first = line[-1]
    role = HYPHEN_SECOND if first.hyphen == HYPHEN_SECOND else HYPHEN_FIRST
    line[-1] = PlacedWord(first.text, whole, first.box, first.conf, role)
