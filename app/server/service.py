"""The server's engine room: uploads become jobs on the one JobManager, events become statuses.

Framework-free (no FastAPI here), so its rules are plain Python: ``api.py`` maps HTTP onto it.
The manager is the window's and ``scriba ocr``'s (the same workers, limits and cache); the
server only adds job records on disk (``records.py``) so that a restart finds its jobs again:
unfinished ones are queued at once (their finished pages come back from the cache), finished
ones are loaded from the cache the first time a client asks for their pages.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import ScribaError, message
from app.core.jobs import JobEvent, JobFinished, JobRequest, JobStarted, JobState, PageDone
from app.core.options import OcrOptions
from app.core.results import PageResult
from app.server.records import JobRecord, JobRecords

if TYPE_CHECKING:
    from app.core.running.executor import Executor
    from app.core.running.export_process import ExportProcess
    from app.core.running.scheduler import JobManager
    from app.core.storage.cache import ResultCache

log = logging.getLogger(__name__)

#: How the manager's states read in the API (the seed backend's words).
STATES = {
    JobState.QUEUED: "queued",
    JobState.RUNNING: "processing",
    JobState.DONE: "done",
    JobState.FAILED: "error",
    JobState.CANCELLED: "cancelled",
}
FINISHED = frozenset({"done", "error", "cancelled"})
#: A finished job's pages loaded back from the cache: at most this long (a queue of other jobs
#: may be ahead of it), then the client is told to ask again.
RELOAD_TIMEOUT = 30.0
#: Finished jobs whose pages stay in memory; older ones are read back from the cache when asked.
KEEP_LOADED = 16


def labelled(params: tuple[tuple[str, str], ...], label: str) -> tuple[tuple[str, str], ...]:
    """A sentence's parameters naming the client's file, not the server's copy of it."""
    return tuple((key, label if key == "name" else value) for key, value in params)


class NotReady(Exception):
    """A finished job's pages are being read back from the cache: ask again in a moment."""


class UnknownJob(KeyError):
    """No job has this id (never had, or it was removed)."""


@dataclass(frozen=True, slots=True)
class JobStatus:
    job_id: str
    name: str
    status: str
    pages_done: int = 0
    pages_total: int = 0
    pages_cached: int = 0  # of the pages done, how many came from the cache (not read again)
    pages_per_second: float = 0.0
    eta: float | None = None
    error_code: str | None = None
    error_params: tuple[tuple[str, str], ...] = ()
    error_text: str | None = None  # the English sentence of an error that has no code
    version: int = 0  # grows with every change: what /events waits on

    def error(self, language: str) -> str | None:
        if self.error_code is None:
            return self.error_text
        return message(self.error_code, language, **dict(self.error_params))


class OcrService:
    """Owns the records, the manager's jobs of this server, and the export child."""

    def __init__(
        self,
        folder: Path,
        cache: ResultCache | None,
        *,
        workers: int | None = None,
        executor: Executor | None = None,
    ) -> None:
        from app.core.running.scheduler import JobManager

        self.records = JobRecords(folder)
        self._cache = cache
        self._manager: JobManager = JobManager(workers, cache, record_jobs=False, executor=executor)
        self._lock = threading.Condition()
        self._records: dict[str, JobRecord] = {}
        self._statuses: dict[str, JobStatus] = {}
        self._passwords: dict[str, str] = {}
        self._engine_ids: dict[int, str] = {}  # manager job id -> server job id
        self._running: dict[str, int] = {}  # server job id -> manager job id, while it has one
        self._reloading: set[str] = set()  # finished jobs whose pages are being read back
        self._loaded: dict[str, None] = {}  # finished jobs whose pages are in memory, oldest first
        self._exports: ExportProcess | None = None
        self._export_lock = threading.Lock()
        self._manager.add_listener(self._on_event)

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Find the jobs of earlier runs; queue the unfinished ones again."""
        for record in self.records.load_all():
            status = JobStatus(
                record.job_id,
                record.name,
                record.state or "queued",
                pages_done=record.pages if record.state == "done" else 0,
                pages_total=record.pages,
                error_code=record.error_code,
                error_params=record.error_params,
            )
            with self._lock:
                self._records[record.job_id] = record
                self._statuses[record.job_id] = status
            if record.state is None:
                self._submit(record)
        log.info("Server started with %d earlier job(s)", len(self._records))

    def shutdown(self) -> None:
        self._manager.shutdown()
        with self._export_lock:
            if self._exports is not None:
                self._exports.close()
                self._exports = None

    # -- jobs ------------------------------------------------------------------------------

    def new_job(self) -> tuple[str, Path]:
        """A fresh job id and where its upload is to be written."""
        job_id = self.records.new_id()
        return job_id, self.records.prepare(job_id)

    def discard(self, job_id: str) -> None:
        """An upload that was refused: nothing of it stays."""
        self.records.remove(job_id)

    def submit(self, job_id: str, name: str, options: OcrOptions, password: str | None) -> JobStatus:
        record = JobRecord(job_id, name, options)
        self.records.save(record)
        with self._lock:
            self._records[job_id] = record
            self._statuses[job_id] = JobStatus(job_id, name, "queued")
            if password is not None:
                self._passwords[job_id] = password
        self._submit(record)
        return self.status(job_id)

    def _submit(self, record: JobRecord) -> None:
        request = JobRequest(
            self.records.document(record.job_id),
            record.options,
            self._passwords.get(record.job_id),
            use_cache=self._cache is not None,
        )
        with self._lock:
            engine_id = self._manager.submit(request)
            self._engine_ids[engine_id] = record.job_id
            self._running[record.job_id] = engine_id

    def status(self, job_id: str) -> JobStatus:
        with self._lock:
            try:
                return self._statuses[job_id]
            except KeyError:
                raise UnknownJob(job_id) from None

    def counts(self) -> dict[str, int]:
        """How many jobs this server holds, by status."""
        with self._lock:
            counts: dict[str, int] = {}
            for status in self._statuses.values():
                counts[status.status] = counts.get(status.status, 0) + 1
            return counts

    def cancel(self, job_id: str) -> JobStatus:
        with self._lock:
            status = self.status(job_id)
            engine_id = self._running.get(job_id)
        if engine_id is not None and status.status not in FINISHED:
            self._manager.cancel(engine_id)
        return status

    def pages(self, job_id: str) -> list[PageResult]:
        """The finished pages so far, with the user's corrections; a finished job no longer in
        memory (an earlier run's, or one of many) is read back from the cache first.

        Raises:
            NotReady: a finished job's pages could not all be read back in time (a busy queue).
        """
        with self._lock:  # re-entrant: one reload however many clients ask at once
            status = self.status(job_id)
            record = self._records[job_id]
            if job_id not in self._running and status.status == "done":
                self._reloading.add(job_id)
                self._submit(record)
            reloading = job_id in self._reloading
            engine_id = self._running.get(job_id)
        if reloading and not self._wait_reloaded(job_id, RELOAD_TIMEOUT):
            raise NotReady(job_id)
        pages = [] if engine_id is None else self._manager.corrected_results(engine_id)
        if self.status(job_id).status == "done" and len(pages) < record.pages:
            raise NotReady(job_id)  # never pass part of a finished document off as all of it
        return pages

    def _wait_reloaded(self, job_id: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._lock:
            while job_id in self._reloading:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    def export(self, job_id: str, fmt: str, language: str) -> Path:
        """The finished job written as ``fmt`` (written once per version of its text, then
        served again).

        Raises:
            NotReady: its pages are not all back in memory yet (see ``pages``).
            ScribaError: the export failed.
        """
        from app.core.export import ExportDocument
        from app.core.export.registry import FORMATS
        from app.core.running.export_process import ExportJob, ExportProcess

        pages = self.pages(job_id)
        with self._lock:
            record = self._records[job_id]
        # Corrected in the window since the last export? Then it is another file.
        edits = hashlib.sha256("\0".join(f"{p.page}:{p.text}" for p in pages if p.corrected).encode())
        name = f"export-{language}-{edits.hexdigest()[:12]}{FORMATS[fmt].suffix}"
        target = self.records.job_folder(job_id) / name
        with self._export_lock:
            if target.is_file():
                return target
            if self._exports is None:
                self._exports = ExportProcess()
            document = ExportDocument(
                source=self.records.document(job_id),
                pages=pages,
                languages=record.options.languages,
                password=self._passwords.get(job_id),
                title=Path(record.name).stem or None,
                dpi=record.options.dpi,
                language=language,
            )
            outcome = self._exports.export(ExportJob(document, target, fmt))
        if outcome.target is None:
            raise ScribaError(outcome.reason or "crashed", **dict(outcome.params))
        return outcome.target

    # -- events (the manager's thread) ----------------------------------------------------

    def _on_event(self, event: JobEvent) -> None:
        with self._lock:
            job_id = self._engine_ids.get(event.job_id)
            if job_id is None:
                return
            status = self._statuses[job_id]
            if job_id in self._reloading:  # pages read back from the cache: the job stays "done"
                if isinstance(event, JobFinished):
                    self._reloading.discard(job_id)
                    if event.state is not JobState.DONE:  # the upload is gone or unreadable now
                        status = self._finished(job_id, status, event)
                        self._statuses[job_id] = replace(status, version=status.version + 1)
                    self._keep_loaded(job_id)
                    self._lock.notify_all()
                return
            if isinstance(event, JobStarted):
                status = replace(
                    status, status="processing", pages_total=event.total, pages_cached=event.cached
                )
            elif isinstance(event, PageDone):
                status = replace(
                    status,
                    status="processing",
                    pages_done=event.done,
                    pages_total=event.total,
                    pages_per_second=round(event.pages_per_second, 3),
                    eta=None if event.eta_seconds is None else round(event.eta_seconds, 1),
                )
            elif isinstance(event, JobFinished):
                status = self._finished(job_id, status, event)
                self._keep_loaded(job_id)
            self._statuses[job_id] = replace(status, version=status.version + 1)
            self._lock.notify_all()

    def _finished(self, job_id: str, status: JobStatus, event: JobFinished) -> JobStatus:
        state = STATES[event.state]
        done = len(self._manager.results(event.job_id))
        record = self._records[job_id]
        if record.state != state or record.pages != event.pages:
            try:
                self._records[job_id] = self.records.finish(
                    record, state, event.pages, event.error_code, event.error_params
                )
            except OSError as exc:  # the record stays unfinished: a restart reads the job again
                log.warning("Could not record how server job %s ended: %s", job_id, exc)
        return replace(
            status,
            status=state,
            pages_done=done,
            pages_total=event.pages or status.pages_total,
            eta=0.0 if state == "done" else None,
            error_code=event.error_code,
            error_params=labelled(event.error_params, record.name),
            error_text=event.error,
        )

    def _keep_loaded(self, job_id: str) -> None:
        """Keep the pages of the last ``KEEP_LOADED`` finished jobs in memory, forget older ones'
        (their pages stay in the cache and are read back when asked for): a server that runs for
        months must not hold every page it ever read."""
        self._loaded.pop(job_id, None)
        self._loaded[job_id] = None
        while len(self._loaded) > KEEP_LOADED:
            old = next(iter(self._loaded))
            del self._loaded[old]
            engine_id = self._running.pop(old, None)
            if engine_id is not None:
                self._engine_ids.pop(engine_id, None)
                self._manager.forget(engine_id)
