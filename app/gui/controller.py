"""The one object that owns the jobs: JobManager, cache, bridge and the job model.

Windows only show what this tells them (STYLE.md: one controller owns state and wiring); it
imports no widgets, so it is testable without a window and the window stays a view.

The GUI thread never writes the cache: every write (forgetting a declined resume, new limits,
Clear cache) goes to the job manager's dispatcher thread, the cache's one writer, through
:meth:`AppController.on_cache`; its answer comes back on the GUI thread as a queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from app.core.jobs import JobFinished, JobRequest, JobState
from app.gui import i18n
from app.gui.bridge import EngineBridge
from app.gui.corrections import CorrectionBook, DocumentCorrections
from app.gui.drop_zone import split_paths
from app.gui.folder_search import FolderSearch
from app.gui.job_model import JobModel
from app.gui.settings import Settings

if TYPE_CHECKING:
    from app.core.results import PageResult
    from app.core.running.scheduler import JobManager
    from app.core.storage.cache import CacheInfo, ResultCache

log = logging.getLogger(__name__)

PASSWORD_CODES = ("password", "wrong_password")


class _CacheReply(QObject):
    """Carries one piece of cache work's result from the dispatcher thread to the GUI thread."""

    #: The work's result (``None`` when it failed); queued to the thread this object lives in.
    done = Signal(object)


class AppController(QObject):
    """Submits, cancels and tracks documents; tells the window what happened."""

    #: A short status-bar sentence (files skipped, documents resumed...).
    message = Signal(str)
    #: ``(job_id, file name, retry)``: ask for a password; ``retry`` after a wrong one.
    passwordNeeded = Signal(int, str, bool)
    #: ``count``: unfinished documents from the last session can be resumed.
    resumeAvailable = Signal(int)
    #: ``(done, failed)``: every document in the list has finished.
    queueFinished = Signal(int, int)
    #: ``exit code``: ``--exit-when-done`` and its files have all finished.
    exitRequested = Signal(int)

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
        self._watched: set[int] = set()  # job ids --exit-when-done waits for
        self._failed_watched = False
        self._queued_any = False  # --exit-when-done: an input that gave no document at all failed
        self._searches: set[FolderSearch] = set()  # dropped folders still being searched
        self._pending_resume: list[JobRequest] = []
        self._asking: set[int] = set()  # jobs waiting for the user to type a password
        self._book = CorrectionBook(self._read_corrections, self.on_cache)
        self._corrections: dict[int, DocumentCorrections] = {}  # job id -> its pages the user corrected
        self.bridge.jobStarted.connect(self.model.on_started)
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
        self.add_files(files)
        if self._exit_when_done:
            # A skipped (neither PDF nor image) input counts as failed, as in `scriba ocr`.
            self._failed_watched |= bool(split_paths(files)[2])
            self._exit_if_done(given=bool(files))
            return
        self._pending_resume = [r for r in self.cache.pending_jobs() if r.path.absolute() not in set(files)]
        if self._pending_resume:
            self.resumeAvailable.emit(len(self._pending_resume))

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

    def _queue(self, pdfs: list[Path], seen: set[Path]) -> list[int]:
        """Submit the documents not already in ``seen`` (one drop may name a file twice)."""
        options = self.settings.ocr_options()
        ids = []
        for pdf in pdfs:
            key = pdf.absolute()
            if key not in seen:
                seen.add(key)
                ids.append(self.submit(JobRequest(path=key, options=options)))
        if self._exit_when_done:
            self._watched.update(ids)
        self._queued_any |= bool(ids)
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
        """--exit-when-done: quit once every document found has finished and no folder is being
        searched; ``given``: files were named, so finding no document at all is a failure."""
        if self._watched or self._searches:
            return False
        failed = self._failed_watched or (given and not self._queued_any)
        self.exitRequested.emit(1 if failed else 0)
        return True

    def submit(self, request: JobRequest) -> int:
        assert self.manager is not None, "start() first"
        job_id = self.manager.submit(request)
        self.model.add(job_id, request)
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

    def results(self, job_id: int) -> list[PageResult]:
        return self.manager.results(job_id) if self.manager is not None else []

    def corrections_for(self, job_id: int) -> DocumentCorrections:
        """The job's corrected pages: the review pane edits them, the exports write them."""
        if job_id not in self._corrections:
            manager = self.manager
            digest = (lambda: manager.document_hash(job_id)) if manager is not None else (lambda: None)
            self._corrections[job_id] = DocumentCorrections(self._book, digest)
        return self._corrections[job_id]

    def _read_corrections(self, digest: str) -> dict[int, Any]:
        return self.cache.corrections(digest) if self.cache is not None else {}

    def export_documents(self, job_ids: list[int]) -> list[Any]:
        """``ExportDocument`` per finished document among ``job_ids`` (failed ones are skipped),
        with the pages the user corrected in their corrected form."""
        from app.core.export import ExportDocument
        from app.core.export.corrected import apply_corrections

        docs = []
        for job_id in job_ids:
            row = self.model.row(job_id)
            if row is None or row.state is not JobState.DONE:
                continue
            request = row.request
            docs.append(
                ExportDocument(
                    source=request.path,
                    pages=apply_corrections(self.results(job_id), self.corrections_for(job_id).texts()),
                    languages=request.options.languages,
                    password=request.password,
                    dpi=request.options.dpi,
                    language=i18n.shown_language(),
                )
            )
        return docs

    # -- passwords and resume -------------------------------------------------------------------

    def provide_password(self, job_id: int, password: str) -> None:
        self._asking.discard(job_id)
        row = self.model.row(job_id)
        if row is None or self.manager is None:
            return
        request = JobRequest(path=row.request.path, options=row.request.options, password=password)
        new_id = self.manager.submit(request)
        self.model.replace(job_id, new_id, request)

    def skip_password(self, job_id: int) -> None:
        """The user would not give a password: the row stays failed, saying it needs one."""
        self._asking.discard(job_id)
        self._check_idle()

    def resume(self) -> None:
        requests, self._pending_resume = self._pending_resume, []
        for request in requests:
            self.submit(request)
        if requests:
            self.message.emit(self.tr("Resuming %n document(s).", "", len(requests)))

    def dismiss_resume(self) -> None:
        requests, self._pending_resume = self._pending_resume, []
        paths = [request.path for request in requests]

        def forget(cache: ResultCache) -> None:
            for path in paths:
                cache.forget_job(path)

        if paths:
            self.on_cache(forget)

    # -- the cache ------------------------------------------------------------------------------

    def on_cache(
        self, work: Callable[[ResultCache], object], done: Callable[[object], None] | None = None
    ) -> bool:
        """Run ``work(cache)`` on the cache's one writer, the dispatcher thread; then ``done(result)``
        here, on the GUI thread (``None`` when the work failed). False when there is no cache."""
        if self.manager is None or self.cache is None:
            return False
        reply = _CacheReply(self)
        if done is not None:
            reply.done.connect(done)
        reply.done.connect(reply.deleteLater)

        def run(cache: ResultCache) -> None:
            try:
                result = work(cache)
            except Exception:
                log.exception("cache work failed")
                result = None
            reply.done.emit(result)

        self.manager.with_cache(run)
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
    def _on_finished(self, event: JobFinished) -> None:
        asks = event.state is JobState.FAILED and event.error_code in PASSWORD_CODES
        if asks and not self._exit_when_done and self.model.row(event.job_id) is not None:
            row = self.model.row(event.job_id)
            assert row is not None
            self._asking.add(event.job_id)
            self.passwordNeeded.emit(event.job_id, row.name, event.error_code == "wrong_password")
        if event.job_id in self._watched:
            self._watched.discard(event.job_id)
            self._failed_watched |= event.state is not JobState.DONE
            if self._exit_if_done(given=True):
                return
        self._check_idle()

    def _check_idle(self) -> None:
        # Called when a job finishes: the queue has just become idle, unless a password
        # dialog is about to put a document back in it.
        rows = self.model.rows()
        if not rows or self._asking or self._searches or any(not row.state.finished for row in rows):
            return
        done = sum(1 for row in rows if row.state is JobState.DONE)
        self.queueFinished.emit(done, len(rows) - done)

    @Slot(str)
    def _on_setting(self, key: str) -> None:
        if key.startswith("cache/"):
            self._share_limits(evict=True)
        if key == "jobs/workers" and self.manager is not None:
            self.manager.set_workers(self.settings.workers())
