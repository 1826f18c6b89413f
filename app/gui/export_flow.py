"""The window's Export command from start to end: what can be exported, where to, and what happened.

``ExportFlow`` asks for the targets (``ExportDialogs``), writes them in the export child
(``ExportRunner``) and then says in the status bar what became of them, with "Open file" (one
document written) and "Open folder" beside it. The Export actions it is given are enabled only
while a selected document is finished (it follows the selection and the jobs' states).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton, QStatusBar, QWidget

from app.core.jobs import JobState
from app.core.running.export_process import ExportOutcome
from app.gui import texts
from app.gui.export_actions import ExportDialogs, ExportRunner, Format, notices_text
from app.gui.job_model import JobRow

if TYPE_CHECKING:
    from app.gui.controller import AppController
    from app.gui.job_view import JobView
    from app.gui.settings import Settings


def exportable(row: JobRow | None) -> bool:
    """Whether Export has something to write for this row (``AppController.export_documents``):
    a finished document, or a cancelled one's finished pages."""
    return row is not None and (
        row.state is JobState.DONE or (row.state is JobState.CANCELLED and row.done > 0)
    )


class ExportFlow(QObject):
    """Export of the selected documents, and the status bar's account of it."""

    def __init__(
        self, window: QMainWindow, controller: AppController, jobs: JobView, settings: Settings
    ) -> None:
        super().__init__(window)
        self._window, self._controller, self._jobs = window, controller, jobs
        self.runner = ExportRunner(self)
        self.dialogs = ExportDialogs(settings, window)
        self.open_file = QPushButton(self.tr("Open file"), window)
        self.open_folder = QPushButton(self.tr("Open folder"), window)
        for button in (self.open_file, self.open_folder):
            button.hide()
        self._written: Path | None = None
        self._folder: Path | None = None
        self._skipped = 0
        self._gated: list[QAction | QWidget] = []
        self.runner.finished.connect(self._on_exported)
        self.open_file.clicked.connect(self._open_written)
        self.open_folder.clicked.connect(self._open_folder)
        selection = jobs.selectionModel()
        selection.selectionChanged.connect(self.update_enabled)
        selection.currentRowChanged.connect(self.update_enabled)
        model = controller.model
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.update_enabled)

    def add_buttons(self, status_bar: QStatusBar) -> None:
        """ "Open file" and "Open folder", shown after an export, at the status bar's right."""
        status_bar.addPermanentWidget(self.open_file)
        status_bar.addPermanentWidget(self.open_folder)

    def gate(self, *items: QAction | QWidget) -> None:
        """Enable ``items`` (the Export actions, the toolbar button) only while there is
        something to export."""
        self._gated.extend(items)
        self.update_enabled()

    def can_export(self) -> bool:
        model = self._controller.model
        return any(exportable(model.row(job_id)) for job_id in self._jobs.selected_job_ids())

    @Slot()
    def update_enabled(self) -> None:
        enabled = self.can_export()
        for item in self._gated:
            item.setEnabled(enabled)

    def _say(self, text: str, timeout: int = 0) -> None:
        self._window.statusBar().showMessage(text, timeout)

    def export(self, fmt: Format) -> None:
        """Export the selected finished documents as ``fmt``, after asking where."""
        if self.runner.busy:
            self._say(self.tr("An export is still being written."), 5_000)
            return
        docs = self._controller.export_documents(self._jobs.selected_job_ids())
        if not docs:
            self._say(self.tr("Select a finished document to export."), 5_000)
            return
        targets = self.dialogs.targets([doc.source for doc in docs], fmt)
        if not targets:
            return  # the user cancelled a dialog: nothing happened, nothing to say
        jobs = [(doc, target, fmt.name) for doc, target in zip(docs, targets, strict=True) if target]
        self._skipped = len(targets) - len(jobs)
        for button in (self.open_file, self.open_folder):
            button.hide()
        if not jobs:
            self._say(self._skipped_text())
            return
        self.runner.start(jobs, max_size=fmt.max_size)
        self._say(self.tr("Exporting…"))

    def _skipped_text(self) -> str:
        return self.tr("%n existing file(s) left as they were.", "", self._skipped)

    @Slot(object)
    def _on_exported(self, outcomes: list[ExportOutcome]) -> None:
        done = [o for o in outcomes if o.target is not None]
        written = [path for o in done for path in (o.parts or (o.target,)) if path is not None]
        failed = [o for o in outcomes if o.target is None]
        # A reason about the file being written (locked, read-only) names that file, not the source.
        lines = [
            f"{Path(dict(o.params).get('target') or o.source).name}: "
            f"{texts.export_error_text(o.reason, o.params, o.error)}"
            for o in failed
        ]
        said = []
        if written:
            self._folder = written[0].parent
            self._written = written[0] if len(done) == 1 else None
            said.append(self.tr("Saved %n file(s) in %1", "", len(written)).replace("%1", str(self._folder)))
            self.open_folder.setToolTip(str(self._folder))
            self.open_folder.show()
            self.open_file.setVisible(self._written is not None)
            self.open_file.setToolTip(str(self._written or ""))
        if self._skipped:
            said.append(self._skipped_text())
        if len(failed) == 1:
            said.append(self.tr("Not exported: %1").replace("%1", lines[0]))
        elif failed:
            said.append(self.tr("%n document(s) could not be exported.", "", len(failed)))
        self._say(" · ".join(said))
        if failed:
            QMessageBox.warning(self._window, self.tr("Export failed"), "\n".join(lines))
        if notices := notices_text(outcomes):
            QMessageBox.information(self._window, self.tr("Export finished"), notices)

    @Slot()
    def _open_written(self) -> None:
        if self._written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._written)))

    @Slot()
    def _open_folder(self) -> None:
        if self._folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))

    def shutdown(self) -> None:
        self.runner.shutdown()
