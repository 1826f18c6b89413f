"""The job table: columns sized to their content, keyboard for cancel (Esc) and remove (Delete).

Only the file names elide. Every other column is as wide as the longest text it can show in
the window's language ("Tempo restante", "188 páginas/min", "99 h 59 min"), measured with the
view's font, so nothing is cut at the default size in either language or at any scaling (the
scale factor enlarges fonts and widths alike). The status column grows with what it has shown,
up to a share of the width; past that, it elides too and its tooltip holds the whole sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from app.gui import texts
from app.gui.job_delegate import JobDelegate
from app.gui.job_model import ACTIVE_ROLE, JOB_ID_ROLE, RETRYABLE_ROLE, Column, JobModel

#: Room around a cell's text: the style's margins and the focus frame, both sides.
_PADDING = 18
#: The widest share of the table the status column may take before it elides.
_STATE_SHARE = 0.4


class JobView(QTableView):
    #: Job ids the user asked to cancel (Esc, or a row's Cancel button).
    cancelRequested = Signal(list)
    #: Job ids the user asked to take off the list (Delete).
    removeRequested = Signal(list)
    #: Job ids the user asked to read again (Retry, on cancelled and failed rows).
    retryRequested = Signal(list)
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
        self.setTabKeyNavigation(False)  # Tab leaves the list for the next pane; arrows move in it
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # names: keep both the start and the ".pdf"
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(8)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        self._state_width = 0
        self._fit_columns()
        self.selectionModel().currentRowChanged.connect(self._on_current)
        model.rowsInserted.connect(self._select_first)
        model.rowsInserted.connect(lambda _parent, first, last: self._measure_states(first, last))
        model.dataChanged.connect(lambda top, bottom: self._measure_states(top.row(), bottom.row()))

    def selected_job_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        model = self.model()
        return [int(model.index(row, 0).data(JOB_ID_ROLE)) for row in rows]

    def current_job_id(self) -> int:
        index = self.currentIndex()
        return int(index.siblingAtColumn(0).data(JOB_ID_ROLE)) if index.isValid() else -1

    def select_job(self, job_id: int) -> None:
        """Make ``job_id``'s row the current, selected and visible one."""
        model = self.model()
        assert isinstance(model, JobModel)
        index = model.index_of(job_id)
        if index.isValid():
            self.selectRow(index.row())
            self.scrollTo(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.selected_job_ids():
            self.removeRequested.emit(self.selected_job_ids())
            return
        if event.key() == Qt.Key.Key_Escape and self.selected_job_ids():
            self.cancelRequested.emit(self.selected_job_ids())
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        if menu is not None:
            menu.exec(event.globalPos())
            menu.deleteLater()

    def context_menu(self, position: QPoint) -> QMenu | None:
        """The menu for the row at ``position`` (selected first) and the rows selected with it."""
        index = self.indexAt(position)
        if not index.isValid():
            return None
        if not self.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.selectRow(index.row())
        ids = self.selected_job_ids()
        model = self.model()
        rows = [model.index(r.row(), 0) for r in self.selectionModel().selectedRows()]
        menu = QMenu(self)
        retry = menu.addAction(self.tr("Retry"), lambda: self.retryRequested.emit(ids))
        retry.setEnabled(any(i.data(RETRYABLE_ROLE) for i in rows))
        cancel = menu.addAction(self.tr("Cancel"), lambda: self.cancelRequested.emit(ids))
        cancel.setEnabled(any(i.data(ACTIVE_ROLE) for i in rows))
        menu.addAction(self.tr("Remove from list"), lambda: self.removeRequested.emit(ids))
        return menu

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_state()

    # -- column widths --------------------------------------------------------------------------

    def _fit_columns(self) -> None:
        """Each fixed column as wide as its header and the widest text it can hold."""
        fm = self.fontMetrics()
        header = self.horizontalHeader()
        samples = {
            Column.PAGES: ["99999"],
            Column.PROGRESS: ["9999 / 9999"],
            Column.SPEED: [texts.speed_text(888.0), texts.speed_text(8.8)],
            Column.ETA: [texts.duration_text(359_999), texts.duration_text(3_599)],
        }
        for column, texts_shown in samples.items():
            width = max(fm.horizontalAdvance(text) for text in texts_shown) + _PADDING
            if column is Column.PROGRESS:
                width = max(width + 16, 120)  # the bar's frame around the text
            header.resizeSection(column, max(width, header.sectionSizeFromContents(column).width()))
        header.resizeSection(Column.CANCEL, self.delegate.cancel_column_width(fm))
        self._fit_state()

    def _measure_states(self, first: int, last: int) -> None:
        model = self.model()
        fm = self.fontMetrics()
        for row in range(max(first, 0), min(last, first + 500) + 1):
            text = str(model.index(row, Column.STATE).data() or "")
            self._state_width = max(self._state_width, fm.horizontalAdvance(text) + _PADDING)
        self._fit_state()

    def _fit_state(self) -> None:
        header = self.horizontalHeader()
        wanted = max(self._state_width, header.sectionSizeFromContents(Column.STATE).width())
        cap = max(
            int(self.viewport().width() * _STATE_SHARE), header.sectionSizeFromContents(Column.STATE).width()
        )
        if header.sectionSize(Column.STATE) != min(wanted, cap):
            header.resizeSection(Column.STATE, min(wanted, cap))

    def _on_current(self, current: object, _previous: object) -> None:
        self.currentJobChanged.emit(self.current_job_id())

    def _select_first(self) -> None:
        # The first document added gets selected so its text shows up without a click.
        if not self.currentIndex().isValid() and self.model().rowCount() > 0:
            self.selectRow(0)
