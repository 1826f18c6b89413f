"""The empty-queue drop zone, and turning dropped/chosen paths into the documents to queue."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QIcon, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.core.reading.kinds import DOCUMENT_SUFFIXES


def split_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path], list[Path]]:
    """Dropped or chosen paths as (document files, folders to search, skipped files).

    Only names are looked at here (``DOCUMENT_SUFFIXES``: PDFs and scanner images): the window
    does not open files (one named .pdf that is neither a PDF nor an image is reported by the
    engine in its row), nor walk folders
    (``app.gui.folder_search`` does, on a thread).
    """
    files: list[Path] = []
    folders: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir():
            folders.append(path)
        elif path.suffix.lower() in DOCUMENT_SUFFIXES:
            files.append(path)
        else:
            skipped.append(path)
    return files, folders, skipped


def local_paths(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class DropZone(QFrame):
    """A large, obvious target shown while the queue is empty. Click or Enter opens a file dialog."""

    #: The user clicked the zone (or pressed Enter/Space on it): show the open dialog.
    clicked = Signal()
    #: Local paths dropped on the zone (files and folders, not yet filtered).
    pathsDropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(
            self.tr("Drop zone: drop PDFs or scanned images here or press Enter to choose files")
        )
        self.setProperty("hover", False)

        icon = QLabel(self)
        icon.setObjectName("dropIcon")
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        icon.setPixmap(QIcon.fromTheme("document-open", self.windowIcon()).pixmap(96, 96))
        title = QLabel(self.tr("Drop PDFs or scanned images here or click to choose"), self)
        title.setObjectName("dropTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)  # at 20 pt, unwrapped, the Portuguese title alone set the window's width
        hint = QLabel(
            self.tr("Folders are searched for PDFs and images too. Scanned pages become searchable text."),
            self,
        )
        hint.setObjectName("dropHint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        shortcut = QLabel(self.tr("Ctrl+O opens the file dialog"), self)
        shortcut.setObjectName("dropHint")
        shortcut.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(12)
        layout.addStretch(1)
        layout.addWidget(icon)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(shortcut)
        layout.addStretch(1)

    def set_icon(self, icon: QIcon) -> None:
        label = self.findChild(QLabel, "dropIcon")
        if label is not None and not icon.isNull():
            label.setPixmap(icon.pixmap(96, 96))

    # -- input ----------------------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            self._set_hover(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_hover(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_hover(False)
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.pathsDropped.emit(paths)

    def _set_hover(self, hover: bool) -> None:
        # The style sheet keys the highlighted border on this property.
        self.setProperty("hover", hover)
        self.style().unpolish(self)
        self.style().polish(self)
