"""The "resume unfinished documents?" bar shown above the list on start."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

#: How many documents the question names before "and N more".
SHOWN = 3


class ResumeBanner(QFrame):
    """A non-modal question: the window stays usable while it is shown."""

    #: The user chose to resume the unfinished documents.
    resumeClicked = Signal()
    #: The user chose not to resume them (they will not be offered again).
    dismissClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)  # long file names wrap rather than widen the window
        self.resume_button = QPushButton(self.tr("Resume"), self)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.resume_button)
        row.addWidget(self.dismiss_button)
        self.resume_button.clicked.connect(self._resume)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.hide()

    @Slot(list)
    def offer(self, names: list[str]) -> None:
        """Ask about the documents called ``names`` (a few named, then "and N more")."""
        shown = ", ".join(names[:SHOWN])
        if len(names) > SHOWN:
            shown = self.tr("%1 and %n more", "", len(names) - SHOWN).replace("%1", shown)
        question = self.tr("Resume %n unfinished document(s) from last time (%1)?", "", len(names))
        self.label.setText(question.replace("%1", shown))
        self.label.setToolTip("\n".join(names[:30]) + ("\n…" if len(names) > 30 else ""))
        self.show()
        self.resume_button.setFocus()

    @Slot()
    def _resume(self) -> None:
        self.hide()
        self.resumeClicked.emit()

    @Slot()
    def _dismiss(self) -> None:
        self.hide()
        self.dismissClicked.emit()
