"""The small bar above the page image: zoom out, the zoom shown, zoom in, fit width, fit page,
actual size; and their keys, as Acrobat and FineReader have them: Ctrl+0 fit page, Ctrl+1 actual
size, Ctrl+2 fit width, Ctrl++ / Ctrl+- zoom. The zoom is written as the window writes every
percentage (``i18n.format_percent``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from app.gui import i18n

#: Each zoom in or out (a key, a button, a wheel step) is by this factor.
ZOOM_STEP = 1.25
ZOOM_IN_KEYS = ("Ctrl++", "Ctrl+=")  # Ctrl+= is the same key without Shift on US keyboards
ZOOM_OUT_KEYS = ("Ctrl+-",)
FIT_PAGE_KEYS = ("Ctrl+0",)
ACTUAL_SIZE_KEYS = ("Ctrl+1",)
FIT_WIDTH_KEYS = ("Ctrl+2",)


class ZoomBar(QWidget):
    """Buttons that ask for a zoom; ``show_zoom`` tells it the zoom shown."""

    zoom_in = Signal()
    zoom_out = Signal()
    fit_width = Signal()
    fit_page = Signal()
    actual_size = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Page zoom"))
        self.out_button = self._button("−", self.tr("Zoom out"), ZOOM_OUT_KEYS, self.zoom_out)
        self.percent = QLabel(self)
        self.percent.setAccessibleName(self.tr("Zoom"))
        self.percent.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.percent.setMinimumWidth(self.percent.fontMetrics().horizontalAdvance("8888%"))
        self.in_button = self._button("+", self.tr("Zoom in"), ZOOM_IN_KEYS, self.zoom_in)
        self.width_button = self._button(
            self.tr("Fit width"), self.tr("Fit width"), FIT_WIDTH_KEYS, self.fit_width
        )
        self.page_button = self._button(
            self.tr("Fit page"), self.tr("Fit page"), FIT_PAGE_KEYS, self.fit_page
        )
        self.actual_button = self._button(
            i18n.format_percent(1.0), self.tr("Actual size"), ACTUAL_SIZE_KEYS, self.actual_size
        )
        for button in (self.width_button, self.page_button):
            button.setCheckable(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (
            self.out_button,
            self.percent,
            self.in_button,
            self.width_button,
            self.page_button,
            self.actual_button,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._shortcuts: list[QShortcut] = []

    def _button(self, text: str, name: str, keys: tuple[str, ...], signal: SignalInstance) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(name)
        key = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{name} ({key})")
        button.setAutoRaise(True)
        button.clicked.connect(signal.emit)
        button.setProperty("keys", keys)
        return button

    def install_shortcuts(self, scope: QWidget) -> None:
        """The zoom keys, working while the focus is anywhere inside ``scope`` (the review pane:
        the text pane too, as in a viewer where the page and its text share one window)."""
        buttons = (self.out_button, self.in_button, self.width_button, self.page_button, self.actual_button)
        for button in buttons:
            for key in button.property("keys"):
                shortcut = QShortcut(QKeySequence(key), scope, button.click)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.setWhatsThis(button.accessibleName())  # its line in Help → Keyboard shortcuts
                self._shortcuts.append(shortcut)

    def show_zoom(self, zoom: float, mode: str) -> None:
        """``zoom``: 1.0 is actual size; ``mode``: "width", "page" or "fixed"."""
        self.percent.setText(i18n.format_percent(zoom))
        self.width_button.setChecked(mode == "width")
        self.page_button.setChecked(mode == "page")
