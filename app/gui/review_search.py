"""Search in the review pane as people type: every page, accents and case ignored.

Each page's text is folded once (``app.core.folding``), in the pane's idle slices after it
arrives or is corrected, or by the first search that needs it, so a search over a 900-page
document only counts in ready strings and a document opened whole waits for none; the places of
the hits are worked out for the shown page only, on the text as it stands in the pane (edits
included), and mapped back to it, so a highlight covers "AÇÃO" when the user typed "acao".
"""

from __future__ import annotations

import bisect
import itertools
import re
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QTextEdit

from app.core.folding import count, fold, spans
from app.gui import i18n

#: The hit "Next" and "Previous" stand on; the others get the palette's highlight, lighter.
CURRENT_HIT_COLOR = "#ff9632"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class PageSearch:
    """The folded text of every page (by position in the page list) and the hits of a query."""

    def __init__(self) -> None:
        self._texts: list[str] = []
        #: Each text folded (None: not yet; folding 900 pages as they arrive cost ~0.2 s at once).
        self._folded: list[str | None] = []
        self._counts: list[int] = []
        self._ends: list[int] | None = []  # running total of hits, page by page; None: to redo
        self.query = ""

    def clear(self) -> None:
        self._texts, self._folded, self._counts, self._ends = [], [], [], None

    def insert(self, position: int, text: str) -> None:
        self._texts.insert(position, text)
        self._folded.insert(position, None)
        self._counts.insert(position, self._count(position))
        self._totals()

    def set_text(self, position: int, text: str) -> None:
        """A page's text changed (worked out exactly, or corrected by the user)."""
        self._texts[position] = text
        self._folded[position] = None
        self._counts[position] = self._count(position)
        self._totals()

    def fold_some(self, deadline: float) -> bool:
        """Fold pages not folded yet until ``deadline`` (``time.perf_counter``); True when none is left."""
        for position, folded in enumerate(self._folded):
            if folded is None:
                self._folded_at(position)
                if time.perf_counter() > deadline:
                    return None not in self._folded
        return True

    def run(self, query: str) -> int:
        """Count ``query`` on every page; returns the number of hits."""
        self.query = query
        needle = fold(query)
        if needle:
            self._counts = [self._folded_at(position).count(needle) for position in range(len(self._texts))]
        else:
            self._counts = [0] * len(self._texts)
        self._totals()
        return self.total

    def _folded_at(self, position: int) -> str:
        folded = self._folded[position]
        if folded is None:
            folded = self._folded[position] = fold(self._texts[position])
        return folded

    def _count(self, position: int) -> int:
        return count(self._folded_at(position), self.query) if self.query else 0

    @property
    def total(self) -> int:
        ends = self._running()
        return ends[-1] if ends else 0

    def locate(self, hit: int) -> tuple[int, int]:
        """The ``hit``-th hit (0-based, over all pages) as (page position, nth hit on that page)."""
        ends = self._running()
        position = bisect.bisect_right(ends, hit)
        return position, hit - (ends[position - 1] if position else 0)

    def first_on(self, position: int) -> int:
        """The number of hits before the page at ``position``."""
        ends = self._running()
        return ends[position - 1] if 0 < position <= len(ends) else 0

    def _totals(self) -> None:
        self._ends = None  # redone when asked: 900 pages inserted one by one add up only once

    def _running(self) -> list[int]:
        if self._ends is None:
            self._ends = list(itertools.accumulate(self._counts))
        return self._ends


def hit_spans(text: str, query: str) -> list[tuple[int, int]]:
    """The hits of ``query`` in ``text`` as QTextDocument positions (UTF-16 units)."""
    found = spans(text, query)
    if not found or not _ASTRAL.search(text):
        return found
    units = [0]  # per character: where it starts in UTF-16, plus the end
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    return [(units[a], units[b]) for a, b in found]


def highlight(view: QTextEdit, found: list[tuple[int, int]], current: int = -1) -> None:
    """Mark every hit in ``view``; the ``current`` one (an index into ``found``) stronger.

    Marks are extra selections, never the text cursor's selection: the user's own selection
    (what Copy copies) stays theirs."""
    document = view.document()
    light = view.palette().highlight().color().lighter(160)
    selections = []
    for index, (start, end) in enumerate(found):
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format.setBackground(QColor(CURRENT_HIT_COLOR) if index == current else light)
        selections.append(selection)
    view.setExtraSelections(selections)


class Finder(QObject):
    """The pane's search: the query's hits over every page, stepped through with Next and
    Previous, marked on the shown page."""

    def __init__(
        self,
        field: QLineEdit,
        label: QLabel,
        view: QTextEdit,
        page_list: QListWidget,
        before_search: Callable[[], None],
        on_marked: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(view)
        self._on_marked = on_marked  # told after the shown page's hits were marked
        self._field, self._label, self._view, self._list = field, label, view, page_list
        self._before_search = before_search  # saves the shown page's edits: it is searched as it stands
        self.pages = PageSearch()
        self.hits: list[tuple[int, int]] = []  # the shown page's hits (document positions)
        self.match = -1  # the hit Next/Previous stand on, over all pages; -1: none yet
        field.textChanged.connect(self.on_query)

    def reset(self) -> None:
        self.pages.clear()
        self.hits, self.match = [], -1
        self.update_label()

    @Slot(str)
    def on_query(self, query: str) -> None:
        self._before_search()
        self.pages.run(query)
        self.match = -1
        self.update_label()
        self.mark()

    def step(self, direction: int) -> None:
        total = self.pages.total
        if not total:
            return
        self.match = (self.match + direction) % total
        position, nth = self.pages.locate(self.match)
        if self._list.currentRow() != position:
            self._list.setCurrentRow(position)  # the pane shows it, and marks its hits
        self.mark()
        if nth < len(self.hits):
            # The cursor goes to the hit without selecting it: Copy still copies the page, or
            # what the user selected.
            cursor = QTextCursor(self._view.document())
            cursor.setPosition(self.hits[nth][0])
            self._view.setTextCursor(cursor)
            self._view.ensureCursorVisible()
        self.update_label()

    def update_label(self) -> None:
        if not self.pages.query:
            self._label.clear()
        elif not self.pages.total:
            self._label.setText(self.tr("No matches"))
        else:
            self._label.setText(
                self.tr("%1 of %2")
                .replace("%1", i18n.format_number(max(self.match, 0) + 1))
                .replace("%2", i18n.format_number(self.pages.total))
            )

    def mark(self) -> None:
        """Mark the query's hits on the shown page (none when it has none or there is no query)."""
        query = self.pages.query
        self.hits = hit_spans(self._view.toPlainText(), query) if query else []
        position = self._list.currentRow()
        current = self.match - self.pages.first_on(position) if self.match >= 0 and position >= 0 else -1
        highlight(self._view, self.hits, current)
        if self._on_marked is not None:
            self._on_marked()
