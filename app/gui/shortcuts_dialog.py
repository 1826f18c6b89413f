"""Help → Keyboard shortcuts: every key of the window, read from its QActions and QShortcuts.

The list is made when the dialog opens, from the shortcuts the window really has (menus, the
document list's Esc and Delete, the review pane's keys), so it can never go stale. A
``QShortcut`` has no text of its own: it is described by its ``whatsThis()``, else by the
standard key it is bound to (Find, Find next...), else by the widget it belongs to.
"""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def plain_text(text: str) -> str:
    """A menu text without its mnemonic and ellipsis: ``&Add files…`` → ``Add files``."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _standard_names() -> list[tuple[QKeySequence.StandardKey, str]]:
    key = QKeySequence.StandardKey
    translate = QCoreApplication.translate
    return [
        (key.Find, translate("Shortcuts", "Find")),
        (key.FindNext, translate("Shortcuts", "Find next")),
        (key.FindPrevious, translate("Shortcuts", "Find previous")),
        (key.Copy, translate("Shortcuts", "Copy")),
        (key.SelectAll, translate("Shortcuts", "Select all")),
        (key.Undo, translate("Shortcuts", "Undo")),
        (key.Redo, translate("Shortcuts", "Redo")),
        (key.ZoomIn, translate("Shortcuts", "Zoom in")),
        (key.ZoomOut, translate("Shortcuts", "Zoom out")),
    ]


def _typable(key: QKeySequence) -> bool:
    """Not a media or launch key (Qt's standard Find also binds the "Find" key few keyboards have)."""
    first = cast(Any, key)[0]  # a QKeyCombination; PySide6's stubs lack QKeySequence.__getitem__
    return not key.isEmpty() and first.key().value < Qt.Key.Key_Back.value


def _keys_text(keys: list[QKeySequence]) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(k.toString(native) for k in keys if _typable(k))


def _where(widget: QWidget | None) -> str:
    name = widget.accessibleName() if widget is not None else ""
    return name


def _shortcut_text(shortcut: QShortcut) -> str:
    if shortcut.whatsThis():
        return shortcut.whatsThis()
    for standard, name in _standard_names():
        if shortcut.key() in QKeySequence.keyBindings(standard):
            return name
    parent = shortcut.parent()
    return _where(parent) if isinstance(parent, QWidget) else ""


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what, keys) for every shortcut of ``window``, in the order they were made."""
    rows: list[tuple[str, str]] = []
    for action in window.findChildren(QAction):
        keys = _keys_text(action.shortcuts())
        if not keys or not action.text():
            continue
        text = plain_text(action.text())
        if action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut:
            # Only while its widget has focus (Esc, Delete in the document list): say where.
            places = [_where(o) for o in action.associatedObjects() if isinstance(o, QWidget)]
            place = next((p for p in places if p), "")
            if place:
                text = QCoreApplication.translate("Shortcuts", "%1 (in %2)").replace("%1", text)
                text = text.replace("%2", place)
        rows.append((text, keys))
    for shortcut in window.findChildren(QShortcut):
        keys = _keys_text(shortcut.keys())
        text = _shortcut_text(shortcut)
        if keys and text and shortcut.isEnabled():
            rows.append((text, keys))
    return list(dict.fromkeys(rows))  # one row per (what, keys), first place kept


class ShortcutsDialog(QDialog):
    """A two-column table: what a key does, and the key."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Shortcut")])
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for row, (text, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(text))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        width = self.table.horizontalHeader().length() + 80
        self.resize(max(480, width), min(640, 120 + 30 * len(rows)))


def show_shortcuts(window: QWidget) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
