"""JobManager: the thread that runs jobs. The rules are the job book's, the processes the executor's.

One dispatcher thread owns the job book, the executor and the cache: it is the only writer of the
cache (other threads hand it work through ``with_cache``). Other threads talk to it through
``_call`` (a command queue, and the executor's ``wake``). Hashing and file checks run on a small
helper thread so a 2 GB file never stalls page results of other jobs.

Each round: hand free workers the tasks the book picks, wait for what the executor reports (or a
command, or the next time limit), tell the book, and carry out the effects it answers with
(``app.core.running.effects``): cache writes first, then the events for the listeners.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from app.core.errors import ScribaError
from app.core.export.corrected import apply_corrections
from app.core.jobs import JobEvent, JobFinished, JobQueued, JobRequest, JobStarted, JobState, PageDone
from app.core.reading.document import DEFAULT_MAX_BYTES, FileStamp, check_file, file_sha256
from app.core.reading.engines import engine_version
from app.core.results import PageResult
from app.core.running.book import DEFAULT_PAGE_TIMEOUT, MAX_OPEN_JOBS, MAX_PAGE_ATTEMPTS, JobBook
from app.core.running.effects import Checkpoint, Counted, Effect, Emit, Note, Stop, Touch
from app.core.running.executor import Executor, Lost, Outcome
from app.core.running.limits import default_workers
from app.core.running.pool import DEFAULT_WORKER_MEMORY, LocalExecutor
from app.core.storage.cache import ResultCache

__all__ = ["DEFAULT_PAGE_TIMEOUT", "MAX_PAGE_ATTEMPTS", "JobManager"]

log = logging.getLogger(__name__)

Listener = Callable[[JobEvent], None]
T = TypeVar("T")


def open_jobs_for(workers: int) -> int:
    """How many documents are open at once: enough that every worker finds a page."""
    return max(MAX_OPEN_JOBS, workers + 2)


@dataclass(eq=False)
class _Seen:
    """What the listeners were told of a job: read by other threads under the manager's lock."""

    state: JobState = JobState.QUEUED
    results: dict[int, PageResult] = field(default_factory=dict)


class JobManager:
    """Runs OCR jobs on an executor (local worker processes by default) and reports them as events.

    Listeners are called on the dispatcher thread; they must be quick (the GUI bridge only
    re-emits a Qt signal). All public methods are safe to call from any thread.
    """

    def __init__(
        self,
        workers: int | None = None,
        cache: ResultCache | None = None,
        *,
        page_timeout: float = DEFAULT_PAGE_TIMEOUT,
        max_file_bytes: int = DEFAULT_MAX_BYTES,
        record_jobs: bool = True,
        worker_memory: int | None = DEFAULT_WORKER_MEMORY,
        executor: Executor | None = None,
    ) -> None:
        self._pool: Executor = executor or LocalExecutor(workers or default_workers(), worker_memory)
        self._book = JobBook(page_timeout, max_open=open_jobs_for(self._pool.size))
        self._cache = cache
        self._max_file_bytes = max_file_bytes
        self._record_jobs = record_jobs
        self._listeners: list[Listener] = []
        self._seen: dict[int, _Seen] = {}
        self._lock = threading.Lock()
        self._finished = threading.Condition(self._lock)
        self._ids = itertools.count(1)
        self._keys: dict[int, tuple[str, str]] = {}  # job id -> its cache entry (file hash, options)
        self._commands: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._versions: dict[str, str] = {}
        self._prepare = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scriba-prepare")
        self._stopping = False
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name="scriba-dispatcher", daemon=True)
        self._thread.start()

    # -- public API ------------------------------------------------------------------------
    @property
    def workers(self) -> int:
        return self._pool.size

    def set_workers(self, count: int) -> None:
        """Change the number of workers; takes effect as pages are handed out.

        Extra workers leave when they finish their current page; new ones start when there is work.
        """

        def resize() -> None:
            self._pool.resize(max(1, count))
            self._book.max_open = open_jobs_for(self._pool.size)
            self._apply(self._book.admit(time.monotonic()))

        self._call(resize)

    def forget(self, job_id: int) -> None:
        """Drop a job and its results from memory, cancelling it first if it still runs.

        Pages already finished stay in the disk cache.
        """

        def drop() -> None:
            self._apply(self._book.forget(job_id, time.monotonic()))
            self._keys.pop(job_id, None)
            with self._lock:
                self._seen.pop(job_id, None)

        self._call(drop)

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def submit(self, request: JobRequest) -> int:
        """Queue a document; returns its job id at once."""
        job_id = next(self._ids)
        with self._lock:
            self._seen[job_id] = _Seen()
        self._call(lambda: self._on_submit(job_id, request))
        return job_id

    def cancel(self, job_id: int) -> None:
        self._call(lambda: self._apply(self._book.cancel(job_id, time.monotonic())))

    def cancel_all(self) -> None:
        def cancel_every_job() -> None:
            for job_id in self._book.unfinished():
                self._apply(self._book.cancel(job_id, time.monotonic()))

        self._call(cancel_every_job)

    def state(self, job_id: int) -> JobState:
        with self._lock:
            return self._seen[job_id].state

    def results(self, job_id: int) -> list[PageResult]:
        """Pages finished so far, ordered by page (empty for an unknown or forgotten job)."""
        with self._lock:
            seen = self._seen.get(job_id)
            return [seen.results[p] for p in sorted(seen.results)] if seen else []

    def document_hash(self, job_id: int) -> str | None:
        """The SHA-256 of the job's file once it was hashed (None before, or without a cache)."""
        key = self._keys.get(job_id)  # written by the dispatcher; one dict read needs no lock
        return key[0] if key else None

    def corrected_results(self, job_id: int) -> list[PageResult]:
        """``results`` with the corrections the user made in the window (kept in the cache by
        document and page) applied: what every export of the document writes."""
        pages = self.results(job_id)
        digest = self.document_hash(job_id)
        if self._cache is None or digest is None:
            return pages
        texts = {page: c.text for page, c in self._cache.corrections(digest).items()}
        return apply_corrections(pages, texts) if texts else pages

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every job has finished; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._finished:
            while any(not s.state.finished for s in self._seen.values()):
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._finished.wait(remaining)
        return True

    def worker_pids(self) -> list[int]:
        return self._pool.pids()

    def with_cache(self, fn: Callable[[ResultCache], T]) -> Future[T | None]:
        """Run ``fn(cache)`` on the dispatcher thread, the cache's one writer; returns its future.

        The future holds ``fn``'s result, or its exception (also logged: someone else's work must not
        fail the jobs, nor vanish unseen); None, without calling ``fn``, when there is no cache. It
        is cancelled when the manager is already shut down.
        """
        future: Future[T | None] = Future()
        cache = self._cache
        if self._closed:
            future.cancel()
            return future
        if cache is None:
            future.set_result(None)
            return future

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(cache))
            except Exception as exc:
                log.exception("a cache task failed")
                future.set_exception(exc)

        self._call(run)
        return future

    def shutdown(self) -> None:
        """Stop everything now: workers stopped, thread joined. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._call(self._stop)
        self._thread.join()
        self._prepare.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> JobManager:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    # -- plumbing ----------------------------------------------------------------------------
    def _call(self, command: Callable[[], None]) -> None:
        self._commands.put(command)
        self._pool.wake()

    def _loop(self) -> None:
        while not self._stopping:
            try:
                self._step()
            except Exception:  # a bug here must not leave callers waiting forever
                log.exception("dispatcher error")
                self._apply(self._book.fail_all("dispatcher error", time.monotonic()))
        self._pool.shutdown()
        with self._finished:
            for seen in self._seen.values():
                if not seen.state.finished:
                    seen.state = JobState.CANCELLED
            self._finished.notify_all()

    def _step(self) -> None:
        """One round: hand out work, wait for a reply, a lost task, a command or a time limit."""
        self._dispatch()
        deadline = self._book.deadline()
        timeout = None if deadline is None else max(0.05, deadline - time.monotonic())
        for outcome in self._pool.collect(timeout):
            self._apply(self._told(outcome))
        self._run_commands()
        if self._stopping:
            return
        self._apply(self._book.expire(time.monotonic()))

    def _told(self, outcome: Outcome) -> list[Effect]:
        now = time.monotonic()
        if isinstance(outcome, Lost):
            return self._book.on_lost(outcome.task_id, outcome.reason, now)
        return self._book.on_reply(outcome.task_id, outcome.reply, now)

    def _run_commands(self) -> None:
        while True:
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return
            command()

    def _stop(self) -> None:
        self._stopping = True

    def _dispatch(self) -> None:
        while not self._stopping and self._pool.has_room():
            task = self._book.next_task(time.monotonic())
            if task is None:
                return
            self._pool.start(task)

    # -- carrying out what the book decided ------------------------------------------------------
    def _apply(self, effects: list[Effect]) -> None:
        for effect in effects:
            if isinstance(effect, Emit):
                self._tell(effect)
            elif isinstance(effect, Stop):
                self._pool.stop(effect.task_ids)
            elif isinstance(effect, Note):
                log.log(effect.level, effect.text, *effect.args)
            elif self._cache is not None and effect.job_id in self._keys:
                key = self._keys[effect.job_id]
                if isinstance(effect, Checkpoint):
                    self._cache.put_page(*key, effect.result)
                elif isinstance(effect, Counted):
                    self._cache.set_document(*key, effect.name, effect.page_count, effect.encrypted)
                elif isinstance(effect, Touch):
                    self._cache.touch(*key)

    def _tell(self, effect: Emit) -> None:
        event = effect.event
        if isinstance(event, JobStarted):
            with self._lock:
                self._seen_of(event.job_id).state = JobState.RUNNING
        elif isinstance(event, PageDone) and effect.result is not None:
            with self._lock:
                self._seen_of(event.job_id).results[event.page] = effect.result
        elif isinstance(event, JobFinished):
            with self._finished:
                self._seen_of(event.job_id).state = event.state
                self._finished.notify_all()
            if self._cache:
                if self._record_jobs:
                    self._cache.forget_job(event.path)
                self._cache.evict()
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("a job listener failed")

    def _seen_of(self, job_id: int) -> _Seen:
        # A job being forgotten is reported finished after ``forget`` dropped it: keep no trace.
        return self._seen.get(job_id) or _Seen()

    # -- preparing a job (helper thread, then dispatcher) -------------------------------------
    def _on_submit(self, job_id: int, request: JobRequest) -> None:
        self._book.add(job_id, request, time.monotonic())
        self._tell(Emit(JobQueued(job_id, request.path)))
        self._prepare.submit(self._prepare_job, job_id, request)
        # Start the workers now: their start-up (~0.15 s: Python and imports) then overlaps the file
        # checks and hashing. Models still load on the first page that needs them: preloading them
        # made a 400-page born-digital file, which needs none, 25 % slower (0.57 -> 0.71 s). Not
        # for a job the cache may serve whole: two workers starting for nothing cost a 900-page
        # re-open ~0.4 s of two cores; such a job warms them once its cache lookup left pages to read.
        if not self._stopping and not self._use_cache(request):
            self._pool.warm_up()

    def _use_cache(self, request: JobRequest) -> bool:
        return bool(self._cache and self._cache.enabled and request.use_cache)

    def _prepare_job(self, job_id: int, request: JobRequest) -> None:
        """File checks, engine version and SHA-256: off the dispatcher, no PDF parsing."""
        try:
            stamp = check_file(request.path, self._max_file_bytes)
            options = request.options
            if options.engine not in self._versions:
                self._versions[options.engine] = engine_version(options.engine)
            key = options.cache_key(self._versions[options.engine])
            digest = (
                file_sha256(request.path, stop=lambda: self._closed) if self._use_cache(request) else None
            )
            error = None
        except ScribaError as exc:
            stamp, key, digest, error = None, None, None, exc
        except Exception as exc:  # noqa: BLE001 - the job must fail, never stay queued forever
            log.exception("%s: preparing the job failed", request.path.name)
            detail = f"{type(exc).__name__}: {exc}"
            stamp, key, digest = None, None, None
            error = ScribaError("internal", name=request.path.name, detail=detail)
        self._call(lambda: self._on_prepared(job_id, request, stamp, digest, key, error))

    def _on_prepared(
        self,
        job_id: int,
        request: JobRequest,
        stamp: FileStamp | None,
        digest: str | None,
        key: str | None,
        error: ScribaError | None,
    ) -> None:
        now = time.monotonic()
        if not self._book.is_open(job_id):
            return
        if error is not None or stamp is None:
            self._apply(self._book.fail(job_id, error, now))
            return
        if self._cache and self._record_jobs:
            self._cache.remember_job(request, digest)
        if self._cache is not None and digest is not None and key is not None:
            self._keys[job_id] = (digest, key)
        cached = self._cache.lookup(*self._keys[job_id]) if self._cache and job_id in self._keys else None
        count = cached.page_count if cached and cached.page_count and not cached.encrypted else None
        self._apply(self._book.prepared(job_id, stamp, cached.pages if cached else {}, count, now))
        if not self._stopping and (count is None or cached is None or len(cached.pages) < count):
            self._pool.warm_up()
