"""The one object that owns the jobs: JobManager, cache, bridge and the job model.

Windows only show what this tells them (STYLE.md: one controller owns state and wiring); it
imports no widgets, so it is testable without a window and the window stays a view.

The GUI thread never writes the cache: every write (forgetting a declined resume, new limits,
Clear cache) goes to the job manager's dispatcher thread, the cache's one writer, through
:meth:`AppController.on_cache` (`cache_reply.py`); its answer comes back on the GUI thread as a
queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from app.core.jobs import JobFinished, JobRequest, JobStarted, JobState
from app.gui import recent
from app.gui.bridge import EngineBridge
from app.gui.cache_reply import run_on_cache
from app.gui.corrections import CorrectionBook, DocumentCorrections, carry
from app.gui.drop_zone import split_paths
from app.gui.exit_watch import ExitWatch
from app.gui.folder_search import FolderSearch
from app.gui.job_documents import PASSWORD_CODES, export_document, retryable
from app.gui.job_model import JobModel
from app.gui.resume_offer import ResumeOffer
from app.gui.settings import Settings

if TYPE_CHECKING:
    from app.core.results import PageResult
    from app.core.running.scheduler import JobManager
    from app.core.storage.cache import CacheInfo, ResultCache

log = logging.getLogger(__name__)


class AppController(QObject):
    """Submits, cancels and tracks documents; tells the window what happened."""

    #: A short status-bar sentence (files skipped, documents resumed...).
    message = Signal(str)
    #: ``(job_id, file name, retry)``: ask for a password; ``retry`` after a wrong one.
    passwordNeeded = Signal(int, str, bool)
    #: ``list[str]``: the names of the last session's unfinished documents, which can be resumed.
    resumeAvailable = Signal(list)
    #: ``(done, cancelled, failed)``: every document in the list has finished.
    queueFinished = Signal(int, int, int)
    #: ``exit code``: ``--exit-when-done`` and its files have all finished.
    exitRequested = Signal(int)
    #: ``job_id``: a file added again is listed already: this is its row.
    alreadyListed = Signal(int)
    #: ``(old_id, new_id)``: a row's document was submitted again (retry, password).
    jobReplaced = Signal(int, int)

    def __init__(
        self, settings: Settings, exit_when_done: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.model = JobModel(self)
        self.bridge = EngineBridge(parent=self)
        self.cache: ResultCache | None = None
        self.manager: JobManager | None = None
        self._exit_when_done = exit_when_done
        self._exit = ExitWatch(exit_when_done)
        self._searches: set[FolderSearch] = set()  # dropped folders still being searched
        self._resume = ResumeOffer()
        self._asking: set[int] = set()  # jobs waiting for the user to type a password
        #: This batch's documents: queued since the queue was last idle (title progress, its end).
        self.batch: set[int] = set()
        self.recent_ids: set[int] = set()  # last session's documents, until the cache served them
        self._book = CorrectionBook(self._read_corrections, self.on_cache)
        self._corrections: dict[int, DocumentCorrections] = {}  # job id -> its pages the user corrected
        self.bridge.jobStarted.connect(self.model.on_started)
        self.bridge.jobStarted.connect(self._on_started)
        self.bridge.progress.connect(self.model.on_progress)
        self.bridge.jobFinished.connect(self.model.on_finished)
        self.bridge.jobFinished.connect(self._on_finished)
        settings.changed.connect(self._on_setting)

    # -- life cycle -----------------------------------------------------------------------------

    def start(self, files: list[Path]) -> None:
        """Open the cache and the manager (workers start on the first submit), queue ``files``."""
        from app.core.running.scheduler import JobManager
        from app.core.storage.cache import CacheLimits, ResultCache

        self.cache = ResultCache.open()  # opening never evicts; the limits come from the cache itself
        if self.cache.warning:
            self.message.emit(self.cache.warning)
        self.manager = JobManager(workers=self.settings.workers(), cache=self.cache)
        self.manager.add_listener(self.bridge.listener)
        if self.cache.limits != CacheLimits(*self.settings.cache_limits()):
            self._share_limits(evict=False)  # a choice not stored there yet: the next job end evicts
        if not self._exit_when_done:  # the last session's finished documents, from the cache
            self.recent_ids = set(recent.list_again(self.settings, self.model, self.submit, files))
            self.batch -= self.recent_ids  # listed, not being read: no part of the progress
        self.add_files(files)
        if self._exit_when_done:
            self._exit.given(files)
            self._exit_if_done(given=bool(files))
            return
        names = self._resume.find(self.cache, {row.request.path for row in self.model.rows()})
        if names:
            self.resumeAvailable.emit(names)

    def _save_recent(self) -> None:
        if self.manager is not None and not self._exit_when_done:
            recent.remember(self.settings, self.model.rows())

    def clear_finished(self) -> None:
        """Take every finished document off the list (and so off the recent list)."""
        self.remove([row.job_id for row in self.model.rows() if row.state.finished])

    def shutdown(self) -> None:
        """Stop folder searches, workers and the dispatcher; idempotent. Call when the window closes."""
        for search in list(self._searches):
            search.stop()
        self._searches.clear()
        if self.manager is not None:
            self.manager.shutdown()
            self.manager = None
        self.bridge.close()
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    # -- documents ------------------------------------------------------------------------------

    def add_files(self, paths: list[Path]) -> list[int]:
        """Queue the documents (PDFs and scanned images) among ``paths``; returns the new job ids.

        Folders are searched on a thread (``FolderSearch``): the documents in them are queued as they
        are found, after this has returned, so a folder of 50,000 files never freezes the window.
        """
        files, folders, skipped = split_paths(paths)
        if skipped:
            self.message.emit(
                self.tr("%n file(s) skipped: only PDFs and scanned images can be read.", "", len(skipped))
                + " "
                + ", ".join(p.name for p in skipped[:3])
                + ("…" if len(skipped) > 3 else "")
            )
        seen: set[Path] = set()
        ids = self._queue(files, seen)
        if folders:
            self._search(folders, seen, alone=not files and not skipped)
        return ids

    def receive_files(self, paths: list[Path]) -> None:
        """Files a second launch handed over (``single_instance``): queued as if dropped; with
        ``--exit-when-done`` the window reads them too before it quits."""
        self.add_files(paths)
        if self._exit_when_done:
            self._exit.given(paths)
            self._exit_if_done(given=True)

    def _queue(self, pdfs: list[Path], seen: set[Path]) -> list[int]:
        """Submit the documents not already in ``seen`` (one drop may name a file twice)."""
        options = self.settings.ocr_options()
        ids = []
        for pdf in pdfs:
            key = pdf.absolute()
            if key in seen:
                continue
            seen.add(key)
            listed = self.model.job_for_path(key)
            if listed is not None:  # its pages must not count twice: show the row it has
                self.alreadyListed.emit(listed)
                continue
            ids.append(self.submit(JobRequest(path=key, options=options)))
        self._exit.queued(ids)
        return ids

    def _search(self, folders: list[Path], seen: set[Path], *, alone: bool) -> None:
        search = FolderSearch(folders, self)
        self._searches.add(search)
        search.found.connect(lambda batch: self._queue(batch, seen))
        search.done.connect(lambda count: self._searched(search, count, alone))
        self.message.emit(
            self.tr("Searching %1 for documents…").replace(
                "%1", ", ".join(f.name or str(f) for f in folders[:3])
            )
        )
        search.start()

    def _searched(self, search: FolderSearch, count: int, alone: bool) -> None:
        self._searches.discard(search)
        search.deleteLater()
        if count:
            self.message.emit(self.tr("%n document(s) found in the folder.", "", count))
        elif alone:
            self.message.emit(self.tr("No PDFs or scanned images were found there."))
        if self._exit_when_done:
            self._exit_if_done(given=True)
        else:
            self._check_idle()

    def _exit_if_done(self, *, given: bool) -> bool:
        """--exit-when-done: quit once every document found has finished (``ExitWatch``)."""
        code = self._exit.exit_code(searching=bool(self._searches), given=given)
        if code is not None:
            self.exitRequested.emit(code)
        return code is not None

    def submit(self, request: JobRequest) -> int:
        assert self.manager is not None, "start() first"
        job_id = self.manager.submit(request)
        self.model.add(job_id, request)
        self.batch.add(job_id)
        return job_id

    def cancel(self, job_ids: list[int]) -> None:
        if self.manager is None:
            return
        for job_id in job_ids:
            row = self.model.row(job_id)
            if row is not None and not row.state.finished:
                self.manager.cancel(job_id)

    def cancel_all(self) -> None:
        if self.manager is not None:
            self.manager.cancel_all()

    def remove(self, job_ids: list[int]) -> None:
        """Take documents off the list (cancelling any still running) and free their results."""
        self.model.remove(job_ids)
        for job_id in job_ids:
            self._corrections.pop(job_id, None)  # saved ones stay in the cache
        if self.manager is not None:
            for job_id in job_ids:
                self.manager.forget(job_id)
                self.recent_ids.discard(job_id)
                self.batch.discard(job_id)
            self._save_recent()

    def results(self, job_id: int) -> list[PageResult]:
        return self.manager.results(job_id) if self.manager is not None else []

    def corrections_for(self, job_id: int) -> DocumentCorrections:
        """The job's corrected pages: the review pane edits them, the exports write them."""
        if job_id not in self._corrections:
            digest = partial(self.manager.document_hash, job_id) if self.manager is not None else lambda: None
            self._corrections[job_id] = DocumentCorrections(self._book, digest)
        return self._corrections[job_id]

    def _read_corrections(self, digest: str) -> dict[int, Any]:
        return self.cache.corrections(digest) if self.cache is not None else {}

    def export_documents(self, job_ids: list[int]) -> list[Any]:
        """``ExportDocument`` per document among ``job_ids`` that has text: finished ones, and
        cancelled ones with finished pages (``job_documents.export_document``); the pages the user
        corrected in their corrected form."""
        from app.core.export.corrected import apply_corrections

        rows = [row for row in map(self.model.row, job_ids) if row is not None]
        pages = [
            apply_corrections(self.results(r.job_id), self.corrections_for(r.job_id).texts()) for r in rows
        ]
        docs = [export_document(row, read) for row, read in zip(rows, pages, strict=True)]
        return [doc for doc in docs if doc is not None]

    # -- passwords and resume -------------------------------------------------------------------

    def retry(self, job_ids: list[int]) -> None:
        """Read cancelled and failed documents again (finished pages from the cache); asks first
        for a password that was skipped or wrong."""
        for job_id in job_ids:
            row = self.model.row(job_id)
            if row is None or not retryable(row.state) or self.manager is None:
                continue
            if row.error_code in PASSWORD_CODES and job_id not in self._asking:
                self._asking.add(job_id)
                self.passwordNeeded.emit(job_id, row.name, False)
            elif row.error_code not in PASSWORD_CODES:
                self._resubmit(job_id, row.request)

    def provide_password(self, job_id: int, password: str) -> None:
        self._asking.discard(job_id)
        row = self.model.row(job_id)
        if row is None or self.manager is None:
            return
        self._resubmit(
            job_id, JobRequest(path=row.request.path, options=row.request.options, password=password)
        )

    def _resubmit(self, old_id: int, request: JobRequest) -> int:
        """The same row, a new job: the manager serves the pages it has from the cache."""
        assert self.manager is not None
        new_id = self.manager.submit(request)
        self.model.replace(old_id, new_id, request)
        self.batch.discard(old_id)
        self.batch.add(new_id)
        carry(self._corrections, old_id, new_id, partial(self.manager.document_hash, new_id))
        self.manager.forget(old_id)  # its results are in the cache; the new job loads them
        self.jobReplaced.emit(old_id, new_id)
        return new_id

    def skip_password(self, job_id: int) -> None:
        """The user would not give a password: the row stays failed, saying it needs one."""
        self._asking.discard(job_id)
        self._check_idle()

    def resume(self) -> None:
        requests = self._resume.take()
        for request in requests:
            self.submit(request)
        if requests:
            self.message.emit(self.tr("Resuming %n document(s).", "", len(requests)))

    def dismiss_resume(self) -> None:
        forget = self._resume.forgetting()
        if forget is not None:
            self.on_cache(forget)

    # -- the cache ------------------------------------------------------------------------------

    def on_cache(
        self, work: Callable[[ResultCache], object], done: Callable[[object], None] | None = None
    ) -> bool:
        """Run ``work(cache)`` on the cache's one writer, the dispatcher thread; then ``done(result)``
        here, on the GUI thread (``None`` when the work failed). False when there is no cache."""
        if self.manager is None or self.cache is None:
            return False
        run_on_cache(self.manager, self, work, done)
        return True

    def cache_info(self) -> CacheInfo | None:
        """What the cache holds now (a read: any thread may)."""
        return self.cache.info() if self.cache is not None else None

    def _share_limits(self, *, evict: bool) -> None:
        """Store the window's limits in the cache, where ``scriba ocr`` reads them too."""
        max_bytes, max_age = self.settings.cache_limits()
        self.on_cache(lambda cache: cache.set_limits(max_bytes, max_age, evict=evict))

    # -- events ---------------------------------------------------------------------------------

    @Slot(object)
    def _on_started(self, event: JobStarted) -> None:
        if event.job_id in self.recent_ids and event.cached < event.total:
            self.remove([event.job_id])  # the cache no longer holds it all: never read it again unasked

    @Slot(object)
    def _on_finished(self, event: JobFinished) -> None:
        if event.job_id in self.recent_ids:
            self.recent_ids.discard(event.job_id)
            if event.state is not JobState.DONE:
                self.remove([event.job_id])  # gone or changed since: nothing to show
            return
        if event.state is JobState.DONE:
            self._save_recent()
        asks = event.state is JobState.FAILED and event.error_code in PASSWORD_CODES
        if asks and not self._exit_when_done and self.model.row(event.job_id) is not None:
            row = self.model.row(event.job_id)
            assert row is not None
            self._asking.add(event.job_id)
            self.passwordNeeded.emit(event.job_id, row.name, event.error_code == "wrong_password")
        if self._exit.finished(event.job_id, event.state is JobState.DONE):
            if self._exit_if_done(given=True):
                return
        self._check_idle()

    def _check_idle(self) -> None:
        # Called when a job finishes: the batch is over, unless a password dialog is about to
        # put a document back in it. Its end is said once, counting its documents only.
        rows = [row for row in self.model.rows() if row.job_id in self.batch]
        if not rows or self._asking or self._searches or any(not row.state.finished for row in rows):
            return
        self.batch.clear()
        done = sum(1 for row in rows if row.state is JobState.DONE)
        cancelled = sum(1 for row in rows if row.state is JobState.CANCELLED)
        self.queueFinished.emit(done, cancelled, len(rows) - done - cancelled)

    @Slot(str)
    def _on_setting(self, key: str) -> None:
        if key.startswith("cache/"):
            self._share_limits(evict=True)
        if key == "jobs/workers" and self.manager is not None:
            self.manager.set_workers(self.settings.workers())
