"""The job list: one row per document, fed by the bridge's (throttled) signals."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Slot

from app.core.jobs import FailedCodes, JobFinished, JobRequest, JobStarted, JobState, PageDone
from app.gui import texts

_Index = QModelIndex | QPersistentModelIndex


def path_key(path: Path) -> str:
    """One spelling per file: absolute, and case-folded where the file system ignores case."""
    return os.path.normcase(str(path.absolute()))


class Column(IntEnum):
    NAME = 0
    PAGES = 1
    PROGRESS = 2
    SPEED = 3
    ETA = 4
    STATE = 5
    CANCEL = 6


#: Custom roles the delegate and the window read.
JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FRACTION_ROLE = Qt.ItemDataRole.UserRole + 2  # float 0..1, or -1 while the page count is unknown
ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 3  # bool: queued or running (can be cancelled)
RETRYABLE_ROLE = Qt.ItemDataRole.UserRole + 4  # bool: cancelled or failed (can be read again)


@dataclass(slots=True)
class JobRow:
    """What the window knows about one document."""

    job_id: int
    request: JobRequest
    state: JobState = JobState.QUEUED
    total: int = 0
    done: int = 0
    pages_per_minute: float = 0.0
    eta_seconds: float | None = None
    error: str | None = None
    error_code: str | None = None
    error_params: tuple[tuple[str, str], ...] = ()
    failed_pages: tuple[tuple[int, str], ...] = ()
    failed_codes: FailedCodes = ()
    blank_pages: tuple[int, ...] = ()

    @property
    def name(self) -> str:
        return self.request.path.name

    @property
    def fraction(self) -> float:
        if self.state is JobState.DONE:
            return 1.0
        if self.total <= 0:
            return -1.0
        return min(1.0, self.done / self.total)

    def state_label(self) -> str:
        if self.state is JobState.FAILED:
            return texts.error_text(self.error_code, self.error, self.error_params)
        parts = [texts.state_text(self.state)]
        if self.state is JobState.DONE and self.failed_pages:
            parts.append(texts.failed_pages_text(len(self.failed_pages)))
        if self.state is JobState.DONE and self.blank_pages:
            parts.append(texts.blank_pages_text(len(self.blank_pages)))
        return " · ".join(parts)


class JobModel(QAbstractTableModel):
    """Rows of :class:`JobRow`, in the order the files were added."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[JobRow] = []
        self._by_id: dict[int, int] = {}
        self._by_path: dict[str, int] = {}  # path_key -> job id: a file already listed

    # -- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return {
            Column.NAME: self.tr("Document"),
            Column.PAGES: self.tr("Pages"),
            Column.PROGRESS: self.tr("Progress"),
            Column.SPEED: self.tr("Speed"),
            Column.ETA: self.tr("Time left"),
            Column.STATE: self.tr("Status"),
            Column.CANCEL: "",
        }[Column(section)]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == JOB_ID_ROLE:
            return row.job_id
        if role == FRACTION_ROLE:
            return row.fraction
        if role == ACTIVE_ROLE:
            return not row.state.finished
        if role == RETRYABLE_ROLE:
            return row.state in (JobState.CANCELLED, JobState.FAILED)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.NAME:
                return str(row.request.path)
            if column is Column.STATE:
                return self._state_tooltip(row)
            if column is Column.CANCEL and not row.state.finished:
                return self.tr("Cancel this document (Esc)")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.PAGES, Column.SPEED, Column.ETA):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- rows -----------------------------------------------------------------------------------

    def add(self, job_id: int, request: JobRequest) -> None:
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(JobRow(job_id, request))
        self._by_id[job_id] = position
        self._by_path[path_key(request.path)] = job_id
        self.endInsertRows()

    def replace(self, old_id: int, new_id: int, request: JobRequest) -> None:
        """A document was resubmitted (with a password): same row, new job."""
        position = self._by_id.pop(old_id)
        self._by_path.pop(path_key(self._rows[position].request.path), None)
        self._rows[position] = JobRow(new_id, request)
        self._by_id[new_id] = position
        self._by_path[path_key(request.path)] = new_id
        self._changed(position)

    def remove(self, job_ids: list[int]) -> None:
        for job_id in job_ids:
            position = self._by_id.get(job_id)
            if position is None:
                continue
            self.beginRemoveRows(QModelIndex(), position, position)
            self._by_path.pop(path_key(self._rows[position].request.path), None)
            del self._rows[position]
            self._by_id = {row.job_id: i for i, row in enumerate(self._rows)}
            self.endRemoveRows()

    def row(self, job_id: int) -> JobRow | None:
        position = self._by_id.get(job_id)
        return None if position is None else self._rows[position]

    def job_for_path(self, path: Path) -> int | None:
        """The job id of the row that lists ``path`` already, if any."""
        return self._by_path.get(path_key(path))

    def rows(self) -> list[JobRow]:
        return list(self._rows)

    def job_id_at(self, position: int) -> int:
        return self._rows[position].job_id

    def index_of(self, job_id: int, column: Column = Column.NAME) -> QModelIndex:
        position = self._by_id.get(job_id)
        return QModelIndex() if position is None else self.index(position, column)

    # -- events from the bridge -----------------------------------------------------------------

    @Slot(object)
    def on_started(self, event: JobStarted) -> None:
        row = self.row(event.job_id)
        if row is None or row.state.finished:
            return
        row.state = JobState.RUNNING
        row.total = event.total
        row.done = max(row.done, event.cached)
        self._changed(self._by_id[event.job_id])

    @Slot(object)
    def on_progress(self, events: list[PageDone]) -> None:
        changed: list[int] = []
        for event in events:
            row = self.row(event.job_id)
            if row is None or row.state.finished:
                continue  # a late batch for a job that already finished or was removed
            row.state = JobState.RUNNING
            row.total = event.total
            row.done = max(row.done, event.done)
            row.pages_per_minute = event.pages_per_second * 60.0
            row.eta_seconds = event.eta_seconds
            changed.append(self._by_id[event.job_id])
        if changed:
            # One dataChanged over the span: the view repaints once per batch, not per row.
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(Column) - 1))

    @Slot(object)
    def on_finished(self, event: JobFinished) -> None:
        row = self.row(event.job_id)
        if row is None:
            return
        row.state = event.state
        if event.pages:
            row.total = event.pages
        if event.state is JobState.DONE:
            row.done = row.total
        row.eta_seconds = None
        row.error = event.error
        row.error_code = event.error_code
        row.error_params = event.error_params
        row.failed_pages = event.failed_pages
        row.failed_codes = event.failed_codes
        row.blank_pages = event.blank_pages
        self._changed(self._by_id[event.job_id])

    # -- helpers --------------------------------------------------------------------------------

    def _changed(self, position: int) -> None:
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(Column) - 1))

    def _display(self, row: JobRow, column: Column) -> str:
        if column is Column.NAME:
            return row.name
        if column is Column.PAGES:
            return str(row.total) if row.total else ""
        if column is Column.PROGRESS:
            if row.total <= 0:
                return ""
            return f"{row.done} / {row.total}"
        if column is Column.SPEED:
            return texts.speed_text(row.pages_per_minute) if row.state is JobState.RUNNING else ""
        if column is Column.ETA:
            return texts.duration_text(row.eta_seconds) if row.state is JobState.RUNNING else ""
        if column is Column.STATE:
            return row.state_label()
        return ""

    def _state_tooltip(self, row: JobRow) -> str:
        lines = [row.state_label()]
        for page, reason in texts.failed_page_reasons(row.failed_pages[:10], row.failed_codes):
            lines.append(self.tr("Page %1: %2").replace("%1", str(page + 1)).replace("%2", reason))
        if len(row.failed_pages) > 10:
            lines.append("…")
        return "\n".join(lines)
