"""Review pane: pick a page, see its image beside its text, correct it, search all pages, copy.

The text is editable per page (``review_edit``: each page its own undo); a page's edits are saved
as a correction (``app.gui.corrections``, kept in the cache beside the OCR result) when it is
left, when typing pauses, and before the window closes or exports. Search: ``review_search``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QTextDocument
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
from app.core.export.corrected import apply_corrections
from app.core.export.page_text import corrected_text
from app.core.export.txt import document_text
from app.core.results import PageResult, PageSource
from app.core.storage.corrections import Correction
from app.gui import i18n, texts
from app.gui.corrections import DocumentCorrections
from app.gui.elided_label import ElidedLabel
from app.gui.page_view import PageView
from app.gui.preview_service import PreviewService
from app.gui.review_edit import PageDocuments
from app.gui.review_pages import EAGER_PAGES, PageTexts, label_page
from app.gui.review_search import Finder
from app.gui.review_text import page_html, page_plain
from app.gui.thumbnails import PageThumbnails
from app.gui.word_link import WordLink

#: Typing that pauses this long is saved (as is leaving the page, closing, exporting).
SAVE_AFTER_MS = 1500


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
        self._corrections = DocumentCorrections()
        self._edited: dict[int, Correction] = {}  # page number -> its correction
        self._dirty: set[int] = set()  # page numbers with edits not saved yet
        self._user_chose_page = False
        self._shown_page = -1  # page number (0-based) shown in the text pane

        self.title = ElidedLabel(self.tr("Select a document to review its text."), self)
        self.title.setObjectName("reviewTitle")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search all pages (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search text"))
        self.search.setClearButtonEnabled(True)
        # Wide enough for its placeholder in either language (the clear button and frame beside it).
        placeholder = self.search.fontMetrics().horizontalAdvance(self.search.placeholderText()) + 48
        self.search.setMinimumWidth(max(240, placeholder))
        self.search.setMaximumWidth(max(340, placeholder))
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
        self.revert_button = QPushButton(self.tr("Revert to OCR text"), self)
        self.revert_button.setAccessibleName(self.tr("Undo every correction of this page"))

        self.page_list = QListWidget(self)
        self.page_list.setAccessibleName(self.tr("Pages"))
        self.page_list.setMinimumWidth(90)
        self.image = PageView(previews, self)
        self.image.setAccessibleName(self.tr("Page image"))
        self.image.zoom_bar.install_shortcuts(self)
        self.thumbnails = PageThumbnails(self.page_list, previews, self._page_at)
        self.text = QTextEdit(self)
        self.text.setAcceptRichText(False)  # a paste is text, not the formatting it came with
        self.text.setAcceptDrops(False)  # drops go to the window (new PDFs), not into the text
        self.text.setAccessibleName(self.tr("Recognised text, editable"))
        self.documents = PageDocuments(self.text)
        self.legend = QLabel(
            self.tr("Highlighted words: the OCR is unsure of them; check against the image."), self
        )
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)  # two lines in a narrow pane rather than a wider window
        self.words = WordLink(self.text, self.image)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)

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
        legend_row = QHBoxLayout()
        legend_row.addWidget(self.legend, 1)
        legend_row.addWidget(self.revert_button)
        text_layout.addLayout(legend_row)
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
        self.finder = Finder(
            self.search,
            self.match_label,
            self.text,
            self.page_list,
            self.save_edits,
            on_marked=self.words.hits_from_selections,  # the hits marked on the image too
        )
        self.texts = PageTexts(self._pages, self.finder, self._text_of, self._label, self)
        self.search.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.copy_button.clicked.connect(self.copy)
        self.copy_all_button.clicked.connect(self.copy_document)
        self.revert_button.clicked.connect(self.revert_page)
        self.documents.edited.connect(self._on_edited)
        self._save_timer.timeout.connect(self.save_edits)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.FindNext, self, self.find_next)
        QShortcut(QKeySequence.StandardKey.FindPrevious, self, self.find_previous)
        self.clear()

    # -- feeding --------------------------------------------------------------------------------

    def clear(self) -> None:
        self.set_document(None, None, [])

    def set_document(
        self,
        path: Path | None,
        password: str | None,
        pages: list[PageResult],
        corrections: DocumentCorrections | None = None,
    ) -> None:
        """Show a document's pages; ``corrections``: its corrected pages, where edits are saved
        (None: kept in this pane only)."""
        self.save_edits()  # into the document being left
        self._path, self._password = path, password
        self._corrections = corrections if corrections is not None else DocumentCorrections()
        self._edited = self._corrections.all()
        self._pages.clear()
        self.texts.clear()
        self.finder.reset()
        self._user_chose_page = False
        self._shown_page = -1
        with self._quietly():
            self.page_list.clear()
        self.documents.forget()
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
        self._update_revert()

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
        eager = len(fresh) <= EAGER_PAGES
        with self._quietly():  # rows shifting under an insert are not the user's choice
            for result in fresh:
                position = bisect.bisect(numbers, result.page)
                numbers.insert(position, result.page)
                self._pages.insert(position, result)
                self.page_list.insertItem(position, QListWidgetItem())
                self.texts.insert(position, now=eager or result.page in self._edited)
                self._label(position)
        # A re-read never replaces a correction; say so when its OCR text came out different.
        changed = [r for r in fresh if r.page in self._edited and self._edited[r.page].base != page_plain(r)]
        if changed:
            self.message.emit(
                self.tr(
                    "%n corrected page(s) read again came out differently; your text was kept.",
                    "",
                    len(changed),
                )
            )
        # Until the user picks a page, show the first one, even when it finished last; re-show
        # only when that changed (each show renders HTML and asks for an image).
        if self.page_list.currentRow() < 0 or (not self._user_chose_page and self._shown_page != numbers[0]):
            self._show_first_page()
        elif self.finder.pages.query:
            self.finder.update_label()

    def _text_of(self, result: PageResult) -> str:
        """The page's text as the exports write it: the correction, else the OCR text."""
        correction = self._edited.get(result.page)
        if correction is not None and not result.failed:
            return corrected_text(correction.text)
        return page_plain(result)

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
        self.save_edits()  # the page being left
        result = self._pages[position]
        self._shown_page = result.page
        editable = not result.failed and result.source is not PageSource.BLANK
        self.documents.show(result.page, lambda document: self._fill(document, result), editable)
        self._update_revert()
        # Shown upright and straight, as it was read: its text reads the same way as the image.
        self.image.show_page(self._path, self._password, result)
        self.words.set_page(result)
        self.finder.mark()

    def _fill(self, document: QTextDocument, result: PageResult) -> None:
        if result.failed:
            reason = texts.page_error_text(result)
            document.setPlainText(self.tr("This page could not be read: %1").replace("%1", reason))
        elif result.source is PageSource.BLANK:
            document.setPlainText(self.tr("No text was found on this page: it looks blank."))
        elif result.page in self._edited:
            document.setPlainText(self._text_of(result))
        else:
            document.setHtml(page_html(result, self.tr("OCR confidence {conf}%")))

    def _page_at(self, position: int) -> PageResult | None:
        return self._pages[position] if 0 <= position < len(self._pages) else None

    def _label(self, position: int) -> None:
        result = self._pages[position]
        correction = self._edited.get(result.page)
        label_page(self.page_list.item(position), result, correction, self.texts.counted[position])

    # -- correcting -----------------------------------------------------------------------------

    @Slot(int)
    def _on_edited(self, page: int) -> None:
        self._dirty.add(page)
        self._save_timer.start()
        self._update_revert()
        if page == self._shown_page and self.finder.pages.query:
            self.finder.mark()

    @Slot()
    def save_edits(self) -> None:
        """Keep every unsaved edit as its page's correction (or drop the correction of a page
        edited back to its OCR text). Call before the window closes or exports."""
        self._save_timer.stop()
        for page in sorted(self._dirty):
            typed = self.documents.text(page)
            position = bisect.bisect_left([p.page for p in self._pages], page)
            if typed is None or position >= len(self._pages) or self._pages[position].page != page:
                continue
            result = self._pages[position]
            text, ocr = corrected_text(typed), page_plain(result)
            if text == ocr:
                self._corrections.revert(page)
                self._edited.pop(page, None)
            else:
                self._corrections.save(page, text, ocr)
                self._edited[page] = Correction(page, text, ocr)
            self.texts.set(position, text)
            self._label(position)
        self._dirty.clear()
        self.finder.update_label()

    @Slot()
    def revert_page(self) -> None:
        """Put the shown page's OCR text back (one step Ctrl+Z undoes) and drop its correction."""
        position = self.page_list.currentRow()
        if not 0 <= position < len(self._pages):
            return
        result = self._pages[position]
        self.documents.replace_text(result.page, lambda cursor: cursor.insertText(page_plain(result)))
        self.save_edits()
        self._update_revert()

    def _update_revert(self) -> None:
        page = self._shown_page
        self.revert_button.setEnabled(page in self._edited or page in self._dirty)

    # -- search and copy ------------------------------------------------------------------------

    @Slot()
    def find_next(self) -> None:
        self.finder.step(+1)

    @Slot()
    def find_previous(self) -> None:
        self.finder.step(-1)

    @Slot()
    def copy(self) -> None:
        """Copy the selection, or the whole current page when nothing is selected."""
        selected = self.text.textCursor().selectedText().replace("\u2029", "\n").replace("\u2028", "\n")
        self.save_edits()
        position = self.page_list.currentRow()
        text = selected or (self.texts.exact(position) if 0 <= position < len(self._pages) else "")
        if text:
            QGuiApplication.clipboard().setText(text)
            self.message.emit(self.tr("Text copied to the clipboard."))

    @Slot()
    def copy_document(self) -> None:
        """Copy every finished page, exactly as the text export writes the document."""
        if self._path is None or not self._pages:
            return
        self.save_edits()
        pages = apply_corrections(self._pages, self._corrections.texts())
        document = ExportDocument(self._path, pages, language=i18n.shown_language())
        text = document_text(document, ExportOptions())
        QGuiApplication.clipboard().setText(text)
        self.message.emit(self.tr("Text copied to the clipboard."))
