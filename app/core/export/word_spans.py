"""Where each word of a page lies in its text: the bridge between the page image and the text.

``page_text`` rebuilds an OCR page from its words (``app.core.export.layout``: paragraphs, words
joined by one space, a blank line between paragraphs, ``condi-``/``ção`` made one word). The
review pane needs to know which characters of that text each word box became, to show a clicked
word on the image and select a word clicked on the image. The spans are built by walking the same
lines the text rebuild walks, and are only given when they spell ``page_text`` exactly, so they
can never point at the wrong characters.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from app.core.export.layout import joins_hyphenated, paragraph_lines
from app.core.export.page_text import page_text, page_tokens
from app.core.reading.deskew import level_words
from app.core.reading.orientation import upright_words
from app.core.results import PageResult


@dataclass(frozen=True, slots=True)
class WordSpan:
    """One word of the text: characters ``start``..``end`` of ``page_text``, made from the word
    boxes ``words`` (indexes into ``PageResult.words``; two for a word split at a line end)."""

    start: int
    end: int
    words: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PageSpans:
    """A page's word spans in text order, with lookups both ways."""

    spans: tuple[WordSpan, ...]

    def at(self, position: int) -> WordSpan | None:
        """The word at character ``position`` (also just after its last letter), or None."""
        starts = [span.start for span in self.spans]
        index = bisect.bisect_right(starts, position) - 1
        if index < 0:
            return None
        span = self.spans[index]
        return span if position <= span.end else None

    def of_word(self, word: int) -> WordSpan | None:
        """The span word box ``word`` is part of, or None (a box the text left out)."""
        for span in self.spans:
            if word in span.words:
                return span
        return None

    def words_in(self, ranges: Iterable[tuple[int, int]]) -> set[int]:
        """The word boxes whose text overlaps any of the character ``ranges`` (start, end)."""
        found: set[int] = set()
        for start, end in ranges:
            for span in self.spans:
                if span.start < end and start < span.end:
                    found.update(span.words)
        return found


def page_spans(page: PageResult) -> PageSpans | None:
    """The word spans of an OCR page, or None when its text is not rebuilt from its words (its
    own text layer, a failed page) or the walk does not spell its text."""
    if page_tokens(page) is None:
        return None
    words = tuple(page.words)  # PackedWords unpack on every read: once, so each box keeps its identity
    laid = words
    if page.skew and page.width_pt > 0 and page.height_pt > 0:
        laid = level_words(words, page.skew, page.width_pt, page.height_pt)
    upright = upright_words(laid, page.rotation)
    index = {id(word): i for i, word in enumerate(upright)}
    spans: list[WordSpan] = []
    pieces: list[str] = []
    offset = 0
    for number, paragraph in enumerate(paragraph_lines(upright)):
        tokens: list[tuple[str, tuple[int, ...]]] = []
        for line in paragraph:
            for position, word in enumerate(line.words):
                text = word.text.strip()
                if position == 0 and tokens and joins_hyphenated(tokens[-1][0], text):
                    left, boxes = tokens[-1]
                    tokens[-1] = (left[:-1] + text, (*boxes, index[id(word)]))
                else:
                    tokens.append((text, (index[id(word)],)))
        separator = "\n\n" if number else ""
        for text, boxes in tokens:
            pieces.append(separator)
            offset += len(separator)
            spans.append(WordSpan(offset, offset + len(text), boxes))
            pieces.append(text)
            offset += len(text)
            separator = " "
    if "".join(pieces) != page_text(page):
        return None
    return PageSpans(tuple(spans))
