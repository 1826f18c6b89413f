"""The page image of the review pane: always as wide as the pane, sharp on high-DPI screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget


class PageImage(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageImage")
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        # Scaled to the pane's width: the reader scrolls down, never sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._pixmap: QPixmap | None = None

    def set_png(self, png: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self._pixmap = pixmap
        self._fit()

    def set_message(self, text: str) -> None:
        self._pixmap = None
        self.label.setText(text)

    def clear(self) -> None:
        self._pixmap = None
        self.label.clear()

    def pixmap(self) -> QPixmap | None:
        """What is shown (scaled), or None while there is only a message."""
        shown = self.label.pixmap()
        return None if shown is None or shown.isNull() else shown

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._pixmap is None or self._pixmap.isNull():
            return
        width = max(120, self.viewport().width() - 4)
        ratio = self.devicePixelRatioF()
        scaled = self._pixmap.scaledToWidth(int(width * ratio), Qt.TransformationMode.SmoothTransformation)
        scaled.setDevicePixelRatio(ratio)
        self.label.setPixmap(scaled)
