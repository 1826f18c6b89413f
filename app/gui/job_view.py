"""The job table: columns sized for reading, keyboard for cancel (Esc) and remove (Delete)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.gui.job_delegate import JobDelegate
from app.gui.job_model import JOB_ID_ROLE, Column, JobModel


class JobView(QTableView):
    #: Job ids the user asked to cancel (Esc, or a row's Cancel button).
    cancelRequested = Signal(list)
    #: Job ids the user asked to take off the list (Delete).
    removeRequested = Signal(list)
    #: The job whose text the review pane should show (-1: none).
    currentJobChanged = Signal(int)

    def __init__(self, model: JobModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.delegate = JobDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.cancelClicked.connect(lambda job_id: self.cancelRequested.emit([job_id]))
        self.setAccessibleName(self.tr("Documents"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep both the start and the ".pdf"
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.STATE, QHeaderView.ResizeMode.Stretch)
        widths = {Column.PAGES: 60, Column.PROGRESS: 180, Column.SPEED: 100, Column.ETA: 90}
        for column, width in widths.items():
            header.resizeSection(column, int(width * self.logicalDpiX() / 96))
        header.setSectionResizeMode(Column.CANCEL, QHeaderView.ResizeMode.ResizeToContents)
        self.selectionModel().currentRowChanged.connect(self._on_current)
        model.rowsInserted.connect(self._select_first)

    def selected_job_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        model = self.model()
        return [int(model.index(row, 0).data(JOB_ID_ROLE)) for row in rows]

    def current_job_id(self) -> int:
        index = self.currentIndex()
        return int(index.siblingAtColumn(0).data(JOB_ID_ROLE)) if index.isValid() else -1

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.selected_job_ids():
            self.removeRequested.emit(self.selected_job_ids())
            return
        if event.key() == Qt.Key.Key_Escape and self.selected_job_ids():
            self.cancelRequested.emit(self.selected_job_ids())
            return
        super().keyPressEvent(event)

    def _on_current(self, current: object, _previous: object) -> None:
        self.currentJobChanged.emit(self.current_job_id())

    def _select_first(self) -> None:
        # The first document added gets selected so its text shows up without a click.
        if not self.currentIndex().isValid() and self.model().rowCount() > 0:
            self.selectRow(0)
