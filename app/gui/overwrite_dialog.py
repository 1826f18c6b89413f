"""Exporting several documents into a folder: ask once before replacing files already there.

One dialog lists every file of the batch that already exists and asks about the first: replace
it, keep both (the new one is written as ``x (2).txt``) or skip it; "Do the same for the other
files" answers the rest at once, else the dialog asks about each in turn. Closing the dialog
(Esc) cancels the whole export. A single export is asked by its save dialog instead.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.export.split import part_paths


class Choice(Enum):
    REPLACE = "replace"
    KEEP_BOTH = "keep_both"
    SKIP = "skip"


def numbered(name: str, suffix: str, n: int) -> str:
    """``x.ocr.pdf`` as its ``n``-th copy: ``x (2).ocr.pdf`` (the format's whole suffix kept)."""
    base = name[: -len(suffix)] if suffix and name.lower().endswith(suffix.lower()) else Path(name).stem
    tail = name[len(base) :]
    return f"{base} ({n}){tail}"


def exists(target: Path, *, parts: bool) -> bool:
    """``target`` is there, or (for a size-limited export, written in parts) its first part."""
    if target.exists():
        return True
    return parts and part_paths(target, 2)[0].exists()


def kept_both(target: Path, suffix: str, taken: set[str], *, parts: bool) -> Path:
    """The first ``x (n)`` name beside ``target`` that is neither on disk nor already ``taken``."""
    n = 2
    while True:
        candidate = target.with_name(numbered(target.name, suffix, n))
        if candidate.name.lower() not in taken and not exists(candidate, parts=parts):
            return candidate
        n += 1


class ElidedLabel(QLabel):
    """One line of text cut in the middle when it is wider than the label (``C:/…/2026``)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setToolTip(text)
        self.setMinimumWidth(1)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width(), 1)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, width))


class OverwriteDialog(QDialog):
    """The files of a batch that already exist, and what to do with the one asked about."""

    def __init__(self, clashes: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Files already exist"))
        self.choice: Choice | None = None
        self._clashes = clashes
        self.heading = QLabel(self.tr("%n file(s) already exist in this folder:", "", len(clashes)), self)
        self.heading.setWordWrap(True)
        self.folder = ElidedLabel(str(clashes[0].parent), self)
        self.folder.setObjectName("folderName")  # a path: elided in the middle, whole in its tooltip
        self.names = QListWidget(self)
        self.names.addItems([path.name for path in clashes])
        self.names.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.names.setAccessibleName(self.tr("Files that already exist"))
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.apply_all = QCheckBox(self)
        buttons = QDialogButtonBox(self)
        self.replace_button = self._button(buttons, self.tr("&Replace"), Choice.REPLACE)
        self.keep_both_button = self._button(buttons, self.tr("&Keep both"), Choice.KEEP_BOTH)
        self.skip_button = self._button(buttons, self.tr("&Skip"), Choice.SKIP)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel export"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.folder)
        layout.addWidget(self.names, 1)
        layout.addWidget(self.question)
        layout.addWidget(self.apply_all)
        layout.addWidget(buttons)
        self.keep_both_button.setDefault(True)  # the choice that loses nothing
        self.ask_about(0)

    def _button(self, box: QDialogButtonBox, text: str, choice: Choice) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.clicked.connect(lambda _=False: self._chose(choice))
        return button

    def ask_about(self, index: int) -> None:
        """Ask about the ``index``-th clash; the checkbox covers the ones after it."""
        self.choice = None
        name = self._clashes[index].name
        self.question.setText(self.tr("What should Scriba do with “%1”?").replace("%1", name))
        self.names.setCurrentRow(index)
        self.names.scrollToItem(self.names.item(index))
        rest = len(self._clashes) - index - 1
        self.apply_all.setText(self.tr("Do the same for the %n other file(s)", "", rest))
        self.apply_all.setVisible(rest > 0)
        if rest == 0:
            self.apply_all.setChecked(False)

    def _chose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


def settle_clashes(
    targets: list[Path], suffix: str, parent: QWidget | None, *, parts: bool = False
) -> list[Path | None] | None:
    """``targets`` once the user said what to do with those that exist: each kept, renamed
    (keep both) or None (skip). None when the user cancelled the export. ``parts``: the batch is
    written in numbered parts (``x-1.pdf``), which count as the file existing."""
    clashes = [i for i, target in enumerate(targets) if exists(target, parts=parts)]
    if not clashes:
        return list(targets)
    dialog = OverwriteDialog([targets[i] for i in clashes], parent)
    settled: list[Path | None] = list(targets)
    taken = {target.name.lower() for target in targets}
    choice: Choice | None = None
    try:
        for position, index in enumerate(clashes):
            if choice is None or not dialog.apply_all.isChecked():
                dialog.ask_about(position)
                if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
                    return None
                choice = dialog.choice
            if choice is Choice.SKIP:
                settled[index] = None
            elif choice is Choice.KEEP_BOTH:
                renamed = kept_both(targets[index], suffix, taken, parts=parts)
                taken.add(renamed.name.lower())
                settled[index] = renamed
    finally:
        dialog.deleteLater()
    return settled
