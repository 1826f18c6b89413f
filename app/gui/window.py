"""The main window: drop zone or job list, review pane, menus. It shows; the controller decides."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal, Slot
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.jobs import JobState
from app.gui import i18n
from app.gui.banner import ResumeBanner
from app.gui.controller import AppController
from app.gui.court_export import add_court_action
from app.gui.drop_zone import DropZone, local_paths
from app.gui.export_actions import Format
from app.gui.export_flow import ExportFlow
from app.gui.job_model import JobRow
from app.gui.job_view import JobView
from app.gui.menus import MenuCommands, WindowMenus
from app.gui.password_dialog import PasswordPrompter
from app.gui.preview_service import PreviewService
from app.gui.review import ReviewPane
from app.gui.settings import Settings
from app.gui.taskbar import TaskbarProgress


class MainWindow(QMainWindow):
    #: The window is closing: from now on another launch must not hand its files to it.
    closing = Signal()

    def __init__(self, controller: AppController, settings: Settings, icon: QIcon) -> None:
        super().__init__()
        self.controller, self.settings = controller, settings
        self.setWindowTitle("Scriba")
        self.setWindowIcon(icon)
        self.setAcceptDrops(True)
        self.resize(1100, 720)
        self.previews = PreviewService(parent=self)
        self.passwords = PasswordPrompter(self)
        self._tray: QSystemTrayIcon | None = None
        self.taskbar = TaskbarProgress(lambda: int(self.winId()))
        self._review_job = -1

        self.drop_zone = DropZone(self)
        self.drop_zone.set_icon(icon)
        self.jobs = JobView(controller.model, self)
        self.review = ReviewPane(self.previews, self)
        self.banner = ResumeBanner(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.jobs)
        self.splitter.addWidget(self.review)
        self.splitter.setSizes([260, 420])
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.drop_zone)
        self.stack.addWidget(self.splitter)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.summary = QLabel(self)
        self.exports = ExportFlow(self, controller, self.jobs, settings)
        self.exporter, self.export_dialogs = self.exports.runner, self.exports.dialogs
        self.open_file, self.open_folder = self.exports.open_file, self.exports.open_folder
        self.exports.add_buttons(self.statusBar())
        self.statusBar().addPermanentWidget(self.summary)
        self.menus = WindowMenus(
            self,
            MenuCommands(
                add_files=self.choose_files,
                add_folder=self.choose_folder,
                cancel_all=controller.cancel_all,
                cancel_selected=self.cancel_selected,
                remove_selected=self.remove_selected,
                retry_selected=self.retry_selected,
                clear_finished=controller.clear_finished,
                show_settings=self.show_settings,
                export=self.export,
                job_list=self.jobs,
            ),
        )
        self.cancel_all_action = self.menus.cancel_all_action
        self.court_action = add_court_action(self.menus.export_menu, settings, self.export)
        self.exports.gate(*self.menus.export_controls())
        self._wire()
        self._chain_panes()
        self._restore_state()
        self._update_view()

    # -- building -------------------------------------------------------------------------------

    def _wire(self) -> None:
        c = self.controller
        c.model.rowsInserted.connect(self._update_view)
        c.model.rowsRemoved.connect(self._update_view)
        c.model.dataChanged.connect(self._update_summary)
        c.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        c.passwordNeeded.connect(self.passwords.ask)
        c.resumeAvailable.connect(self.banner.offer)
        self.banner.resumeClicked.connect(c.resume)
        self.banner.dismissClicked.connect(c.dismiss_resume)
        c.queueFinished.connect(self._on_queue_finished)
        c.bridge.progress.connect(self._refresh_review)
        c.bridge.jobFinished.connect(lambda event: self._refresh_review([event]))
        self.passwords.answered.connect(self._password_given)
        self.passwords.skipped.connect(c.skip_password)
        self.drop_zone.clicked.connect(self.choose_files)
        self.drop_zone.pathsDropped.connect(self.add_paths)
        c.alreadyListed.connect(self.jobs.select_job)
        c.jobReplaced.connect(self._job_replaced)
        self.jobs.retryRequested.connect(c.retry)
        self.jobs.cancelRequested.connect(c.cancel)
        self.jobs.removeRequested.connect(c.remove)
        self.jobs.currentJobChanged.connect(self._show_review)
        self.review.message.connect(lambda text: self.statusBar().showMessage(text, 5_000))

    def _chain_panes(self) -> None:
        """Tab goes pane to pane: list, review search, pages, page image, text (arrows move inside)."""
        review = self.review
        panes = [
            self.jobs,
            *(getattr(review, name, None) for name in ("search", "page_list", "image", "text")),
        ]
        chain = [pane for pane in panes if isinstance(pane, QWidget)]
        for pane in chain:
            if isinstance(pane, QAbstractItemView):
                pane.setTabKeyNavigation(False)
            if isinstance(pane, QTextEdit):
                pane.setTabChangesFocus(True)  # an editable text pane would take Tab as a character
            if pane.focusPolicy() == Qt.FocusPolicy.NoFocus:
                pane.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the page image: keys zoom and pan it
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    # -- user actions ---------------------------------------------------------------------------

    @Slot()
    def choose_files(self) -> None:
        folder = str(self.settings.get("ui/open_folder")) or str(Path.home())
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add documents"),
            folder,
            self.tr("Documents (*.pdf *.tif *.tiff *.jpg *.jpeg *.png *.bmp *.webp)"),
        )
        if files:
            self.settings.set("ui/open_folder", str(Path(files[0]).parent))
            self.add_paths([Path(f) for f in files])

    @Slot()
    def choose_folder(self) -> None:
        start = str(self.settings.get("ui/open_folder")) or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of documents"), start)
        if folder:
            # The next time, start beside it: case folders usually sit side by side.
            self.settings.set("ui/open_folder", str(Path(folder).parent))
            self.add_paths([Path(folder)])

    @Slot(list)
    def add_paths(self, paths: list[Path]) -> None:
        self.controller.add_files(paths)

    def cancel_selected(self) -> None:
        self.controller.cancel(self.jobs.selected_job_ids())

    def remove_selected(self) -> None:
        self.controller.remove(self.jobs.selected_job_ids())

    def retry_selected(self) -> None:
        self.controller.retry(self.jobs.selected_job_ids())

    def come_forward(self) -> None:
        """Show the window over the others: a second launch just handed its files over."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def export(self, fmt: Format) -> None:
        self.review.save_edits()  # the export writes the corrections typed so far
        self.exports.export(fmt)

    @Slot()
    def show_settings(self) -> None:
        from app.core.reading.tessdata import available_languages
        from app.gui.settings_dialog import SettingsDialog

        languages = [code for code in available_languages() if code != "osd"]
        SettingsDialog(self.settings, languages, self.controller, self).exec()

    # -- reacting -------------------------------------------------------------------------------

    def _update_view(self) -> None:
        has_jobs = self.controller.model.rowCount() > 0
        self.stack.setCurrentIndex(1 if has_jobs else 0)
        self._update_summary()

    def _update_summary(self) -> None:
        rows = self.controller.model.rows()
        self.cancel_all_action.setEnabled(any(not r.state.finished for r in rows))
        self._show_progress(rows)
        if not rows:
            self.summary.setText("")
            return
        done, total = sum(r.done for r in rows), sum(r.total for r in rows)
        running = sum(1 for r in rows if r.state is JobState.RUNNING)
        text = self.tr("%n document(s)", "", len(rows)) + " · " + self.tr("%1 of %2 pages")
        locale = i18n.ui_locale()
        text = text.replace("%1", locale.toString(done)).replace("%2", locale.toString(total))
        if running:
            text += " · " + self.tr("%n running", "", running)
        self.summary.setText(text)

    def _show_progress(self, rows: list[JobRow]) -> None:
        """Progress where it shows with the window in the background: its title and taskbar button.

        Over this batch's documents (``AppController.batch``), while any of them is unread."""
        queue = [r for r in rows if r.job_id in self.controller.batch]
        if not any(not r.state.finished for r in queue):
            self.setWindowTitle("Scriba")
            self.taskbar.show(None)
            return
        total = sum(max(r.total, 1) for r in queue)
        fraction = sum(r.total if r.state.finished else r.done for r in queue) / total
        percent = i18n.format_number(int(fraction * 100))  # never 100 before the end
        self.setWindowTitle(self.tr("%1 % — Scriba").replace("%1", percent))
        self.taskbar.show(fraction)

    @Slot(int)
    def _show_review(self, job_id: int) -> None:
        self._review_job = job_id
        row = self.controller.model.row(job_id)
        if row is None:
            self.review.clear()
            return
        self.review.set_document(
            row.request.path,
            row.request.password,
            self.controller.results(job_id),
            self.controller.corrections_for(job_id),
        )

    def _refresh_review(self, events: list[object]) -> None:
        if any(getattr(e, "job_id", None) == self._review_job for e in events):
            self.review.update_pages(self.controller.results(self._review_job))

    @Slot(int, str)
    def _password_given(self, job_id: int, password: str) -> None:
        self.controller.provide_password(job_id, password)

    @Slot(int, int)
    def _job_replaced(self, old_id: int, _new_id: int) -> None:
        if old_id == self._review_job:  # the row now belongs to a new job id: follow it
            self._show_review(self.jobs.current_job_id())

    @Slot(int, int, int)
    def _on_queue_finished(self, done: int, cancelled: int, failed: int) -> None:
        parts = [self.tr("%n done", "", done)]
        if cancelled:
            parts.append(self.tr("%n cancelled", "", cancelled))
        if failed:
            parts.append(self.tr("%n not read", "", failed))
        text = self.tr("All documents finished: %1.").replace("%1", ", ".join(parts))
        self.statusBar().showMessage(text, 15_000)
        when = str(self.settings.get("ui/when_done"))
        if when == "quit":
            self.close()
        elif when == "notify" and not self.isActiveWindow():
            self.notify(text)

    def notify(self, text: str) -> None:
        """A tray balloon where there is a tray; else the taskbar entry asks for attention."""
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self.windowIcon(), self)
                self._tray.setToolTip("Scriba")
                self._tray.show()
            self._tray.showMessage("Scriba", text, QSystemTrayIcon.MessageIcon.Information, 8_000)
        QApplication.alert(self)

    # -- window events --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def _restore_state(self) -> None:
        geometry = self.settings.get("ui/geometry")
        if isinstance(geometry, bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))
        splitter = self.settings.get("ui/splitter")
        if isinstance(splitter, bytes) and splitter:
            self.splitter.restoreState(QByteArray(splitter))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        self.settings.set("ui/geometry", bytes(self.saveGeometry().data()))
        self.settings.set("ui/splitter", bytes(self.splitter.saveState().data()))
        self.settings.sync()
        self.passwords.close()
        self.review.save_edits()  # queued to the cache's writer, which finishes it before it stops
        self.controller.shutdown()
        self.previews.shutdown()
        self.exports.shutdown()
        if self._tray is not None:
            self._tray.hide()
        super().closeEvent(event)
