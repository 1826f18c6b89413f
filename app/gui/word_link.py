"""The text pane and the page image, word for word: a word clicked in the text is outlined on the
image (scrolled to), a word clicked on the image is selected in the text; unsure words and search
hits are marked on the image where they are printed.

The text pane shows ``page_text``; ``app.core.export.word_spans`` says which characters each
word box became. Qt counts characters in UTF-16 units, Python in code points: the spans are
moved onto Qt's count once per page. While the text shown is not the page's text (a failed or
blank page, a page being corrected), nothing is linked rather than the wrong word.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

from app.core.export.word_spans import PageSpans, WordSpan, page_spans
from app.core.results import PageResult
from app.gui.page_view import PageView
from app.gui.review_text import LOW_CONFIDENCE, page_plain


class WordLink(QObject):
    """Keeps ``text`` (showing a page's text) and ``view`` (its image) pointing at the same word."""

    def __init__(self, text: QTextEdit, view: PageView) -> None:
        super().__init__(view)
        self._text = text
        self._view = view
        self._spans: PageSpans | None = None
        self._plain = ""
        self._unsure: frozenset[int] = frozenset()
        self._selecting = False
        text.cursorPositionChanged.connect(self._on_cursor)
        view.word_clicked.connect(self.select_word)

    def set_page(self, result: PageResult | None) -> None:
        """The page now shown in both panes (after its text was set): marks its unsure words."""
        spans = page_spans(result) if result is not None and not result.failed else None
        self._plain = page_plain(result) if spans is not None and result is not None else ""
        self._spans = _in_utf16(spans, self._plain) if spans is not None else None
        words = tuple(result.words) if result is not None else ()
        self._unsure = frozenset(i for i, w in enumerate(words) if 0 <= w.conf < LOW_CONFIDENCE)
        self._view.set_marks(self._unsure, ())

    def set_hits(self, ranges: Iterable[tuple[int, int]]) -> None:
        """The search hits in the text shown, as (start, end) cursor positions: marked on the image."""
        hits = self._spans.words_in(ranges) if self._linked() and self._spans is not None else set()
        self._view.set_marks(self._unsure, hits)

    def hits_from_selections(self) -> None:
        """The text pane's extra selections (the search highlights) marked on the image."""
        self.set_hits(
            (selection.cursor.selectionStart(), selection.cursor.selectionEnd())
            for selection in self._text.extraSelections()
        )

    @Slot(int)
    def select_word(self, word: int) -> None:
        """Select word box ``word``'s word in the text and scroll to it."""
        span = self._spans.of_word(word) if self._linked() and self._spans is not None else None
        if span is None:
            return
        cursor = QTextCursor(self._text.document())
        cursor.setPosition(span.start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        self._selecting = True
        try:
            self._text.setTextCursor(cursor)
        finally:
            self._selecting = False
        self._text.ensureCursorVisible()
        self._view.show_word(span.words)

    @Slot()
    def _on_cursor(self) -> None:
        if self._selecting or not self._linked() or self._spans is None:
            return
        cursor = self._text.textCursor()
        span = self._spans.at(cursor.selectionStart() if cursor.hasSelection() else cursor.position())
        self._view.show_word(span.words if span is not None else ())

    def _linked(self) -> bool:
        """Whether the text pane shows the text the spans were made for."""
        return self._spans is not None and self._text.toPlainText() == self._plain


def _in_utf16(spans: PageSpans, text: str) -> PageSpans:
    """``spans`` counted as Qt counts (UTF-16 units): apart only after a character outside the BMP."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return spans
    units, count = [], 0
    for char in text:
        units.append(count)
        count += 2 if ord(char) >= 0x10000 else 1
    units.append(count)
    return PageSpans(tuple(WordSpan(units[s.start], units[s.end], s.words) for s in spans.spans))
