"""Paints the job list's progress bars and per-row cancel buttons.

Painting (rather than one QProgressBar widget per row, via setIndexWidget) keeps a list of
hundreds of documents cheap, as qutebrowser's download view does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QWidget,
)

from app.gui.job_model import ACTIVE_ROLE, FRACTION_ROLE, JOB_ID_ROLE, Column
from app.gui.style import ACCENT

_Index = QModelIndex | QPersistentModelIndex


class JobDelegate(QStyledItemDelegate):
    """Progress column: a bar with "done / total"; cancel column: a small button."""

    #: Emitted with the job id when a row's cancel button is clicked.
    cancelClicked = Signal(int)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        column = index.column()
        if column == Column.PROGRESS:
            self._paint_progress(painter, option, index)
        elif column == Column.CANCEL:
            self._paint_background(painter, option, index)
            if index.data(ACTIVE_ROLE):
                self._paint_cancel(painter, option)
        else:
            super().paint(painter, option, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        height = max(hint.height(), option.fontMetrics.height() + 14)
        if index.column() == Column.PROGRESS:
            return QSize(max(hint.width(), 160), height)
        if index.column() == Column.CANCEL:
            return QSize(self._button_width(option) + 8, height)
        return QSize(hint.width(), height)

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        # Only names elide (JobView sizes the other columns to their texts); a status sentence
        # longer than its column's share ends in "…", its tooltip holding all of it.
        if index.column() == Column.STATE:
            option.textElideMode = Qt.TextElideMode.ElideRight
        elif index.column() != Column.NAME:
            option.textElideMode = Qt.TextElideMode.ElideNone

    def cancel_column_width(self, fm: QFontMetrics) -> int:
        """The cancel column's width: its button's, with room around it."""
        return fm.horizontalAdvance(self.tr("Cancel")) + 32

    def editorEvent(self, event: QEvent, model: object, option: QStyleOptionViewItem, index: _Index) -> bool:
        if (
            index.column() == Column.CANCEL
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and index.data(ACTIVE_ROLE)
            and self._button_rect(option).contains(event.position().toPoint())
        ):
            self.cancelClicked.emit(int(index.data(JOB_ID_ROLE)))
            return True
        return super().editorEvent(event, model, option, index)  # type: ignore[arg-type]

    # -- painting -------------------------------------------------------------------------------

    def _paint_background(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # Draw the selection/hover background without the (empty) text.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

    def _paint_progress(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self._paint_background(painter, option, index)
        fraction = index.data(FRACTION_ROLE)
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 5, -4, -5)
        # State_Horizontal: without it Qt 6 draws a vertical bar (a sliver along the bottom).
        bar.state = option.state | QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.direction = option.direction
        bar.fontMetrics = option.fontMetrics
        palette = QPalette(option.palette)
        # The view's pale selection colour would wash the bar out: fill with the accent colour.
        palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
        bar.palette = palette
        bar.minimum = 0
        if fraction is None or fraction < 0:
            # Page count not known yet (hashing, validating): an empty bar, not a busy animation,
            # because a busy bar would need a repaint timer per row.
            bar.maximum, bar.progress = 1, 0
        else:
            bar.maximum, bar.progress = 1000, round(fraction * 1000)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = bool(bar.text)
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)

    def _paint_cancel(self, painter: QPainter, option: QStyleOptionViewItem) -> None:
        button = QStyleOptionButton()
        button.rect = self._button_rect(option)
        button.text = self.tr("Cancel")
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        button.palette = option.palette
        button.fontMetrics = option.fontMetrics
        widget: QWidget | None = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, widget)

    def _button_width(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.horizontalAdvance(self.tr("Cancel")) + 24

    def _button_rect(self, option: QStyleOptionViewItem) -> QRect:
        rect: QRect = option.rect
        width = min(self._button_width(option), rect.width() - 4)
        return QRect(rect.center().x() - width // 2, rect.top() + 3, width, rect.height() - 6)
