"""The review pane's pages: how the list names each (its number, and whether it failed, is
blank, has words the OCR is unsure of, or was corrected by the user: marked ✎), and each page's
text, worked out a slice at a time for a large document."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QListWidgetItem

from app.core.results import PageResult, PageSource
from app.core.storage.corrections import Correction
from app.gui.review_search import Finder
from app.gui.review_text import low_confidence_count, page_plain, rough_text

EDITED_MARK = "✎"
#: Pages whose text is worked out at once when they arrive; a larger batch in slices this long.
EAGER_PAGES = 16
FILL_SLICE_S = 0.015
translate = QCoreApplication.translate


def label_page(
    item: QListWidgetItem, result: PageResult, correction: Correction | None, count_unsure: bool = True
) -> None:
    """Name ``result``'s row (the strings are the review pane's: its translation context);
    ``count_unsure`` False leaves the count of unsure words out (not worked out yet)."""
    label = translate("ReviewPane", "Page %1").replace("%1", str(result.page + 1))
    item.setData(Qt.ItemDataRole.ForegroundRole, Qt.GlobalColor.darkRed if result.failed else None)
    item.setToolTip("")
    if result.failed:
        item.setText(label + " ⚠")
    elif result.source is PageSource.BLANK:
        item.setText(translate("ReviewPane", "%1 (blank)").replace("%1", label))
        item.setForeground(Qt.GlobalColor.gray)
        item.setToolTip(translate("ReviewPane", "No text was found on this page: it looks blank."))
    elif correction is not None:
        item.setText(f"{label} {EDITED_MARK}")
        tip = translate("ReviewPane", "Edited: your text replaces the OCR text in every export.")
        if correction.base != page_plain(result):
            tip += " " + translate("ReviewPane", "The page was read again since; your text was kept.")
        item.setToolTip(tip)
    else:
        unsure = low_confidence_count(result) if count_unsure else 0
        item.setText(f"{label}  ({unsure})" if unsure else label)
    spoken = item.text() + (" " + translate("ReviewPane", "edited") if correction is not None else "")
    item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)


class PageTexts(QObject):
    """The text of each page in the list (by position), as every export writes it, and its label's
    count of unsure words.

    A page read with its layout stored (``PageResult.layout``) has its text at once (~0.03 ms);
    one without costs ~5 ms (its words unpacked and laid out). Counting a page's unsure words
    (~0.4 ms: its packed words parsed) and folding its text for search (~0.1 ms) wait too. A few
    pages (a worker's progress) are done at once, a large batch (a 900-page document opened from
    the cache) a slice at a time while the window runs; meanwhile search uses ``rough_text``, the
    same words, and the label no count."""

    def __init__(
        self,
        pages: list[PageResult],
        finder: Finder,
        text_of: Callable[[PageResult], str],
        relabel: Callable[[int], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._pages, self._finder, self._text_of, self._relabel = pages, finder, text_of, relabel
        self.texts: list[str | None] = []  # None: not worked out yet
        self.counted: list[bool] = []  # whether the page's label counts its unsure words yet
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._fill)

    def clear(self) -> None:
        self.texts.clear()
        self.counted.clear()
        self._timer.stop()

    def insert(self, position: int, now: bool) -> None:
        """The page just inserted at ``position`` of the pages; its text and count now, or in a
        slice (the text at once when the page brings its layout)."""
        result = self._pages[position]
        text = self._text_of(result) if now or result.layout else None
        self.texts.insert(position, text)
        self.counted.insert(position, now)
        self._finder.pages.insert(position, rough_text(result) if text is None else text)
        self._timer.start()  # folds its text for search, at least

    def set(self, position: int, text: str) -> None:
        self.texts[position] = text
        self._finder.pages.set_text(position, text)

    def exact(self, position: int) -> str:
        """The page's text, worked out now if it was not yet."""
        text = self.texts[position]
        if text is None:
            text = self._text_of(self._pages[position])
            self.set(position, text)
        if not self.counted[position]:
            self.counted[position] = True
            self._relabel(position)
        return text

    @Slot()
    def _fill(self) -> None:
        deadline = time.perf_counter() + FILL_SLICE_S
        for position, text in enumerate(self.texts):
            if text is None or not self.counted[position]:
                self.exact(position)
                if time.perf_counter() > deadline:
                    break
        else:
            if self._finder.pages.fold_some(deadline):
                self._timer.stop()
        if self._finder.pages.query:
            self._finder.update_label()
