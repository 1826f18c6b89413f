"""Review pane: pick a page, see its image beside its text, search all pages, copy."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.export.base import ExportDocument, ExportOptions
from app.core.export.txt import document_text
from app.core.results import PageResult, PageSource
from app.gui import i18n, texts
from app.gui.page_view import PageView
from app.gui.preview_service import PreviewService
from app.gui.review_text import count_matches, low_confidence_count, page_html, page_plain
from app.gui.thumbnails import PageThumbnails
from app.gui.word_link import WordLink


class ReviewPane(QWidget):
    """Shows one document's finished pages. ``set_document`` and ``update_pages`` feed it."""

    #: Emitted with a short message for the status bar (e.g. after copying).
    message = Signal(str)

    def __init__(self, previews: PreviewService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._previews = previews
        self._path: Path | None = None
        self._password: str | None = None
        self._pages: list[PageResult] = []
        self._plain: list[str] = []
        self._matches: list[tuple[int, int]] = []  # (page position, nth match on that page)
        self._match = -1
        self._user_chose_page = False
        self._shown_page = -1  # page number (0-based) shown in the text pane

        self.title = QLabel(self.tr("Select a document to review its text."), self)
        self.title.setObjectName("reviewTitle")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search all pages (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search text"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.setMaximumWidth(340)
        self.previous_button = QPushButton(self.tr("Previous"), self)
        self.previous_button.setAccessibleName(self.tr("Previous match"))
        self.next_button = QPushButton(self.tr("Next"), self)
        self.next_button.setAccessibleName(self.tr("Next match"))
        self.match_label = QLabel(self)
        self.copy_button = QPushButton(self.tr("Copy text"), self)
        self.copy_button.setAccessibleName(self.tr("Copy the selected text or the whole page"))
        self.copy_all_button = QPushButton(self.tr("Copy all pages"), self)
        self.copy_all_button.setAccessibleName(
            self.tr("Copy the text of every page, as the text export writes it")
        )

        self.page_list = QListWidget(self)
        self.page_list.setAccessibleName(self.tr("Pages"))
        self.page_list.setMinimumWidth(90)
        self.image = PageView(previews, self)
        self.image.setAccessibleName(self.tr("Page image"))
        self.image.zoom_bar.install_shortcuts(self)
        self.thumbnails = PageThumbnails(self.page_list, previews, self._page_at)
        self.text = QTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAcceptDrops(False)  # drops go to the window (new PDFs), not into the text
        self.text.setAccessibleName(self.tr("Recognised text"))
        self.legend = QLabel(
            self.tr("Highlighted words: the OCR is unsure of them; check against the image."), self
        )
        self.legend.setObjectName("legend")
        self.words = WordLink(self.text, self.image)

        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.search)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.match_label)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.copy_all_button)
        text_box = QWidget(self)
        text_layout = QVBoxLayout(text_box)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.text, 1)
        text_layout.addWidget(self.legend)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.page_list)
        splitter.addWidget(self.image)
        splitter.addWidget(text_box)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 5)
        splitter.setSizes([110, 440, 550])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self.page_list.currentRowChanged.connect(self._on_page_chosen)
        self.search.textChanged.connect(self._on_query)
        self.search.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.copy_button.clicked.connect(self.copy)
        self.copy_all_button.clicked.connect(self.copy_document)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.FindNext, self, self.find_next)
        QShortcut(QKeySequence.StandardKey.FindPrevious, self, self.find_previous)
        self.clear()

    # -- feeding --------------------------------------------------------------------------------

    def clear(self) -> None:
        self.set_document(None, None, [])

    def set_document(self, path: Path | None, password: str | None, pages: list[PageResult]) -> None:
        self._path, self._password = path, password
        self._pages = []
        self._plain = []
        self._user_chose_page = False
        self._shown_page = -1
        with self._quietly():
            self.page_list.clear()
        self.text.clear()
        self.image.clear()
        self.title.setText(path.name if path else self.tr("Select a document to review its text."))
        self.thumbnails.set_document(path, password)
        self.update_pages(pages)
        enabled = path is not None
        for widget in (
            self.search,
            self.previous_button,
            self.next_button,
            self.copy_button,
            self.copy_all_button,
        ):
            widget.setEnabled(enabled)

    def update_pages(self, pages: list[PageResult]) -> None:
        """More pages finished: insert them in page order, keeping the current page shown.

        Workers finish pages out of order, so new pages are inserted where they belong rather
        than appended; nothing already shown is rebuilt (a 900-page list stays cheap).
        """
        numbers = [p.page for p in self._pages]
        known = set(numbers)
        fresh = [result for result in pages if result.page not in known]
        if not fresh:
            return
        with self._quietly():  # rows shifting under an insert are not the user's choice
            for result in fresh:
                position = bisect.bisect(numbers, result.page)
                numbers.insert(position, result.page)
                self._pages.insert(position, result)
                self._plain.insert(position, page_plain(result))
                item = QListWidgetItem(self._page_label(result))
                if result.failed:
                    item.setForeground(Qt.GlobalColor.darkRed)
                elif result.source is PageSource.BLANK:
                    item.setForeground(Qt.GlobalColor.gray)
                    item.setToolTip(self.tr("No text was found on this page: it looks blank."))
                self.page_list.insertItem(position, item)
        # Until the user picks a page, show the first one, even when it finished last; re-show
        # only when that changed (each show renders HTML and asks for an image).
        if self.page_list.currentRow() < 0 or (not self._user_chose_page and self._shown_page != numbers[0]):
            self._show_first_page()
        if self.search.text():
            self._on_query(self.search.text())

    def _show_first_page(self) -> None:
        with self._quietly():
            self.page_list.setCurrentRow(0)
        self._show_page(0)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Change the page list without the page being shown or counted as the user's pick."""
        blocked = self.page_list.blockSignals(True)
        try:
            yield
        finally:
            self.page_list.blockSignals(blocked)

    def current_page(self) -> int:
        return self.page_list.currentRow()

    # -- page display ---------------------------------------------------------------------------

    @Slot(int)
    def _on_page_chosen(self, position: int) -> None:
        self._user_chose_page = True
        self._show_page(position)

    def _show_page(self, position: int) -> None:
        if not 0 <= position < len(self._pages) or self._path is None:
            return
        result = self._pages[position]
        self._shown_page = result.page
        if result.failed:
            reason = texts.page_error_text(result)
            self.text.setPlainText(self.tr("This page could not be read: %1").replace("%1", reason))
        elif result.source is PageSource.BLANK:
            self.text.setPlainText(self.tr("No text was found on this page: it looks blank."))
        else:
            self.text.setHtml(page_html(result, self.tr("OCR confidence {conf}%")))
        # Shown upright and straight, as it was read: its text reads the same way as the image.
        self.image.show_page(self._path, self._password, result)
        self.words.set_page(result)
        self._highlight_all()

    def _page_at(self, position: int) -> PageResult | None:
        return self._pages[position] if 0 <= position < len(self._pages) else None

    def _page_label(self, result: PageResult) -> str:
        label = self.tr("Page %1").replace("%1", str(result.page + 1))
        if result.failed:
            return label + " ⚠"
        if result.source is PageSource.BLANK:
            return self.tr("%1 (blank)").replace("%1", label)
        unsure = low_confidence_count(result)
        return f"{label}  ({unsure})" if unsure else label

    # -- search and copy ------------------------------------------------------------------------

    @Slot(str)
    def _on_query(self, query: str) -> None:
        self._matches = [
            (position, nth)
            for position, text in enumerate(self._plain)
            for nth in range(count_matches(text, query))
        ]
        self._match = -1
        self._update_match_label()
        self._highlight_all()

    @Slot()
    def find_next(self) -> None:
        self._step(+1)

    @Slot()
    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if not self._matches:
            return
        self._match = (self._match + direction) % len(self._matches)
        position, nth = self._matches[self._match]
        if self.page_list.currentRow() != position:
            self.page_list.setCurrentRow(position)
        cursor = QTextCursor(self.text.document())
        for _ in range(nth + 1):
            cursor = self.text.document().find(self.search.text(), cursor)
        if not cursor.isNull():
            self.text.setTextCursor(cursor)
            self.text.ensureCursorVisible()
        self._update_match_label()

    def _update_match_label(self) -> None:
        query = self.search.text()
        if not query:
            self.match_label.clear()
        elif not self._matches:
            self.match_label.setText(self.tr("No matches"))
        else:
            self.match_label.setText(
                self.tr("%1 of %2")
                .replace("%1", str(max(self._match, 0) + 1))
                .replace("%2", str(len(self._matches)))
            )

    def _highlight_all(self) -> None:
        query = self.search.text()
        selections = []
        if query:
            document: QTextDocument = self.text.document()
            cursor = document.find(query)
            while not cursor.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format.setBackground(self.palette().highlight().color().lighter(160))
                selections.append(selection)
                cursor = document.find(query, cursor)
        self.text.setExtraSelections(selections)
        self.words.hits_from_selections()

    @Slot()
    def copy(self) -> None:
        """Copy the selection, or the whole current page when nothing is selected."""
        selected = self.text.textCursor().selectedText().replace("\u2029", "\n").replace("\u2028", "\n")
        position = self.page_list.currentRow()
        text = selected or (self._plain[position] if 0 <= position < len(self._plain) else "")
        if text:
            QGuiApplication.clipboard().setText(text)
            self.message.emit(self.tr("Text copied to the clipboard."))

    @Slot()
    def copy_document(self) -> None:
        """Copy every finished page, exactly as the text export writes the document."""
        if self._path is None or not self._pages:
            return
        document = ExportDocument(self._path, self._pages, language=i18n.shown_language())
        text = document_text(document, ExportOptions())
        QGuiApplication.clipboard().setText(text)
        self.message.emit(self.tr("Text copied to the clipboard."))
