"""The review pane's text, editable per page: one QTextDocument per page looked at, so each page
keeps its own undo history (Ctrl+Z / Ctrl+Y) while the user moves between pages.

The documents of the last ``KEEP`` pages shown are kept (a page further back keeps its saved
text, not its undo); the pane saves a page's edits when it is left, when typing pauses, and before
the window closes or exports (``ReviewPane.save_edits``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

#: Pages whose documents (and undo histories) are kept; each costs what its text and layout cost.
KEEP = 24


class PageDocuments(QObject):
    """The text edit's documents, one per page number."""

    #: The user changed the text of this page (0-based page number).
    edited = Signal(int)

    def __init__(self, view: QTextEdit, keep: int = KEEP) -> None:
        super().__init__(view)
        self._view = view
        self._keep = keep
        self._documents: OrderedDict[int, QTextDocument] = OrderedDict()
        self._filling = False
        self.shown = -1
        # Ctrl+Y redoes everywhere (the platform's own redo key, Ctrl+Shift+Z on Linux, stays).
        redo = QShortcut(QKeySequence("Ctrl+Y"), view, view.redo)
        redo.setContext(Qt.ShortcutContext.WidgetShortcut)
        redo.setWhatsThis(QCoreApplication.translate("ReviewPane", "Redo"))  # in the shortcut list

    def show(self, page: int, fill: Callable[[QTextDocument], None], editable: bool) -> None:
        """Show ``page``: its kept document (text and undo as the user left them), or a new one
        that ``fill`` writes (not an edit: nothing to undo, nothing to save)."""
        document = self._documents.pop(page, None)
        if document is None:
            document = QTextDocument(self)
            document.setDefaultFont(self._view.font())
            self._filling = True
            try:
                fill(document)
            finally:
                self._filling = False
            document.clearUndoRedoStacks()
            document.contentsChanged.connect(lambda: self._changed(page))
        self._documents[page] = document
        self.shown = page
        self._view.setDocument(document)
        self._view.setReadOnly(not editable)
        while len(self._documents) > self._keep:
            _page, oldest = self._documents.popitem(last=False)
            oldest.deleteLater()

    def text(self, page: int) -> str | None:
        """The page's text as it stands in its document (None: no document kept)."""
        document = self._documents.get(page)
        return document.toPlainText() if document is not None else None

    def replace_text(self, page: int, fill: Callable[[QTextCursor], None]) -> None:
        """Replace the whole text of the shown page as one edit the user can undo."""
        document = self._documents.get(page)
        if document is None:
            return
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        fill(cursor)
        cursor.endEditBlock()

    def forget(self) -> None:
        """Drop every page's document (another document is shown): a blank one is shown."""
        self._view.setDocument(QTextDocument(self._view))
        for document in self._documents.values():
            document.deleteLater()
        self._documents.clear()
        self.shown = -1

    def _changed(self, page: int) -> None:
        if not self._filling:
            self.edited.emit(page)
