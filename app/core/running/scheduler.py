"""JobManager: a queue of documents, page-level dispatch to worker processes, cancel, recovery.

One dispatcher thread owns all job state and is the only writer of the cache. Other threads
talk to it through ``_call`` (a command queue plus a wake-up pipe). Hashing and file checks run
on a small helper thread so a 2 GB file never stalls page results of other jobs.
"""

from __future__ import annotations

import itertools
import logging
import queue
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Pipe, wait

from app.core.errors import ScribaError
from app.core.jobs import JobEvent, JobFinished, JobQueued, JobRequest, JobStarted, JobState, PageDone
from app.core.reading.document import DEFAULT_MAX_BYTES, FileStamp, check_file, file_sha256
from app.core.reading.engines import engine_version
from app.core.results import PageResult, PageSource, failed_page
from app.core.running.limits import default_workers
from app.core.running.pool import DEFAULT_WORKER_MEMORY, Worker, WorkerPool
from app.core.running.protocol import (
    DocumentInfo,
    InspectTask,
    PageMessage,
    PageTask,
    Reply,
    Task,
    TaskDone,
    TaskError,
)
from app.core.storage.cache import ResultCache

log = logging.getLogger(__name__)

DEFAULT_PAGE_TIMEOUT = 300.0  # seconds; generous: a 600 DPI newspaper page takes ~20 s here
MAX_PAGE_ATTEMPTS = 2  # a page whose worker died is retried once
_CHUNK = {"pdfium": 1, "pdf2image": 8}  # pdf2image renders runs of pages in one Poppler call

Listener = Callable[[JobEvent], None]


@dataclass(eq=False)
class _Job:
    job_id: int
    request: JobRequest
    state: JobState = JobState.QUEUED
    stamp: FileStamp | None = None
    doc_hash: str | None = None
    options_key: str | None = None
    total: int = 0
    pending: deque[int] = field(default_factory=deque)
    results: dict[int, PageResult] = field(default_factory=dict)
    attempts: Counter[int] = field(default_factory=Counter)
    processed: int = 0
    run_started: float | None = None
    submitted: float = field(default_factory=time.monotonic)
    error: ScribaError | None = None
    inspect_attempts: int = 0
    cached: dict[int, PageResult] = field(default_factory=dict)  # read once, until the job starts
    #: Pages read before the page count came back (the first page, read while another worker
    #: counts): reported once the job starts.
    early: dict[int, PageResult] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.request.path.name


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "unknown"
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


class JobManager:
    """Runs OCR jobs on a pool of worker processes and reports progress as events.

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
    ) -> None:
        self._pool = WorkerPool(workers or default_workers(), worker_memory)
        self._cache = cache
        self._page_timeout = page_timeout
        self._max_file_bytes = max_file_bytes
        self._record_jobs = record_jobs
        self._listeners: list[Listener] = []
        self._jobs: dict[int, _Job] = {}
        self._lock = threading.Lock()
        self._finished = threading.Condition(self._lock)
        self._ids = itertools.count(1)
        self._task_ids = itertools.count(1)
        self._tasks: dict[int, int] = {}  # task id -> job id
        self._inspect: deque[int] = deque()
        self._first_pages: deque[int] = deque()  # jobs being counted whose first page may start now
        self._rotation: deque[int] = deque()  # running jobs, for round-robin page dispatch
        self._commands: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._wake_r, self._wake_w = Pipe(duplex=False)
        self._wake_lock = threading.Lock()
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
        """Change the number of worker processes; takes effect as pages are handed out.

        Extra workers leave when they finish their current page; new ones start when there is work.
        """
        self._call(lambda: self._resize(max(1, count)))

    def forget(self, job_id: int) -> None:
        """Drop a job and its results from memory, cancelling it first if it still runs.

        Pages already finished stay in the disk cache.
        """

        def drop() -> None:
            self._cancel(job_id)
            with self._lock:
                self._jobs.pop(job_id, None)

        self._call(drop)

    def with_cache(self, fn: Callable[[ResultCache], object]) -> None:
        """Run ``fn(cache)`` on the dispatcher thread, the cache's one writer (nothing without a cache)."""
        cache = self._cache
        if cache is None:
            return

        def run() -> None:
            try:
                fn(cache)
            except Exception:  # someone else's work must not fail the jobs
                log.exception("a cache task failed")

        self._call(run)

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def submit(self, request: JobRequest) -> int:
        """Queue a document; returns its job id at once."""
        job = _Job(next(self._ids), request)
        with self._lock:
            self._jobs[job.job_id] = job
        self._call(lambda: self._on_submit(job))
        return job.job_id

    def cancel(self, job_id: int) -> None:
        self._call(lambda: self._cancel(job_id))

    def cancel_all(self) -> None:
        def cancel_every_job() -> None:
            for job_id in list(self._jobs):
                self._cancel(job_id)

        self._call(cancel_every_job)

    def state(self, job_id: int) -> JobState:
        with self._lock:
            return self._jobs[job_id].state

    def results(self, job_id: int) -> list[PageResult]:
        """Pages finished so far, ordered by page (empty for an unknown or forgotten job)."""
        with self._lock:
            job = self._jobs.get(job_id)
            return [job.results[p] for p in sorted(job.results)] if job else []

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every job has finished; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._finished:
            while any(not j.state.finished for j in self._jobs.values()):
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._finished.wait(remaining)
        return True

    def worker_pids(self) -> list[int]:
        return [w.process.pid for w in list(self._pool.workers) if w.process.pid]

    def shutdown(self) -> None:
        """Stop everything now: workers terminated, thread joined. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._call(self._stop)
        self._thread.join()
        self._prepare.shutdown(wait=True, cancel_futures=True)
        self._wake_r.close()
        self._wake_w.close()

    def __enter__(self) -> JobManager:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    # -- plumbing ----------------------------------------------------------------------------
    def _call(self, command: Callable[[], None]) -> None:
        self._commands.put(command)
        with self._wake_lock:
            if not self._wake_w.closed:
                self._wake_w.send_bytes(b"!")

    def _emit(self, event: JobEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("a job listener failed")

    def _loop(self) -> None:
        while not self._stopping:
            try:
                self._step()
            except Exception:  # a bug here must not leave callers waiting forever
                log.exception("dispatcher error")
                self._fail_everything()
        self._pool.shutdown()
        with self._finished:
            for job in self._jobs.values():
                if not job.state.finished:
                    job.state = JobState.CANCELLED
            self._finished.notify_all()

    def _fail_everything(self) -> None:
        for job in list(self._jobs.values()):
            if not job.state.finished:
                job.error = ScribaError("internal", name=job.name, detail="dispatcher error")
                self._abort(job)

    def _step(self) -> None:
        """One round: hand out work, wait for a reply, a death, a command or a time limit."""
        self._dispatch()
        handles: list[object] = [self._wake_r]
        for worker in self._pool.workers:
            handles += [worker.conn, worker.sentinel]
        for ready in wait(handles, timeout=self._next_timeout()):  # type: ignore[arg-type]
            if ready is self._wake_r:
                self._run_commands()
            else:
                self._service(ready)
            if self._stopping:
                return
        self._check_timeouts()

    def _run_commands(self) -> None:
        while self._wake_r.poll():
            self._wake_r.recv_bytes()
        while True:
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return
            command()

    def _stop(self) -> None:
        self._stopping = True

    def _resize(self, count: int) -> None:
        self._pool.size = count  # _dispatch retires idle workers above the new size

    def _service(self, handle: object) -> None:
        for worker in list(self._pool.workers):
            if handle is worker.conn or handle == worker.sentinel:
                break
        else:
            return  # its worker was already discarded in this round
        try:
            while worker in self._pool.workers and worker.conn.poll():
                self._on_reply(worker, worker.conn.recv())
        except (EOFError, OSError):
            log.debug("worker pipe closed")  # the worker is gone; handled just below
        if worker in self._pool.workers and not worker.process.is_alive():
            self._on_worker_died(worker, _exit_reason(worker.process.exitcode), timed_out=False)

    # -- preparing a job (helper thread, then dispatcher) -------------------------------------
    def _on_submit(self, job: _Job) -> None:
        self._emit(JobQueued(job.job_id, job.request.path))
        self._prepare.submit(self._prepare_job, job)
        # Start the workers now: their start-up (~0.15 s: Python and imports) then overlaps the file
        # checks and hashing. Models still load on the first page that needs them: preloading them
        # made a 400-page born-digital file, which needs none, 25 % slower (0.57 -> 0.71 s).
        while not self._stopping and self._pool.can_grow():
            self._pool.start_worker()

    def _use_cache(self, job: _Job) -> bool:
        return bool(self._cache and self._cache.enabled and job.request.use_cache)

    def _prepare_job(self, job: _Job) -> None:
        """File checks, engine version and SHA-256: off the dispatcher, no PDF parsing."""
        try:
            stamp = check_file(job.request.path, self._max_file_bytes)
            options = job.request.options
            if options.engine not in self._versions:
                self._versions[options.engine] = engine_version(options.engine)
            key = options.cache_key(self._versions[options.engine])
            digest = (
                file_sha256(job.request.path, stop=lambda: self._closed) if self._use_cache(job) else None
            )
            error = None
        except ScribaError as exc:
            stamp, key, digest, error = None, None, None, exc
        self._call(lambda: self._on_prepared(job, stamp, digest, key, error))

    def _on_prepared(
        self,
        job: _Job,
        stamp: FileStamp | None,
        digest: str | None,
        key: str | None,
        error: ScribaError | None,
    ) -> None:
        if job.state.finished:
            return
        if error is not None or stamp is None:
            job.error = error
            self._finish(job)
            return
        job.stamp, job.doc_hash, job.options_key = stamp, digest, key
        if self._cache and self._record_jobs:
            self._cache.remember_job(job.request, digest)
        cache_key = self._cache_key(job)
        cached = self._cache.lookup(*cache_key) if self._cache and cache_key else None
        job.cached = cached.pages if cached else {}
        if cached and cached.page_count and not cached.encrypted:
            self._start(job, cached.page_count)
        else:
            self._inspect.append(job.job_id)
            # A renderer that draws runs of pages (pdf2image) would draw them twice.
            if 0 not in job.cached and _CHUNK.get(job.request.options.renderer, 1) == 1:
                self._first_pages.append(job.job_id)

    def _cache_key(self, job: _Job) -> tuple[str, str] | None:
        """The job's cache entry (file hash, options key), or None when it does not use the cache."""
        if self._cache is None or job.doc_hash is None or job.options_key is None:
            return None
        return job.doc_hash, job.options_key

    def _start(self, job: _Job, total: int) -> None:
        job.total = total
        job.state = JobState.RUNNING
        hits = {p: r for p, r in job.cached.items() if p < total}
        job.cached = {}
        self._emit(JobStarted(job.job_id, job.request.path, total, len(hits)))
        for page in sorted(hits):
            hit = hits[page]
            # A blank page stays "blank" when read back: what the user must know of it is that.
            self._record(
                job, hit if hit.source is PageSource.BLANK else replace(hit, source=PageSource.CACHE)
            )
        cache_key = self._cache_key(job)
        if hits and self._cache and cache_key:
            self._cache.touch(*cache_key)
        early, job.early = job.early, {}
        for page in sorted(early):
            if page < total:
                self._keep(job, early[page])
        reading = self._pages_in_flight(job)
        job.pending.extend(p for p in range(total) if p not in hits and p not in early and p not in reading)
        if job.pending:
            self._rotation.append(job.job_id)
        elif self._complete(job):
            self._finish(job)

    def _pages_in_flight(self, job: _Job) -> set[int]:
        return {
            page
            for worker in self._pool.workers
            if isinstance(worker.task, PageTask) and self._tasks.get(worker.task.task_id) == job.job_id
            for page in worker.task.pages
        }

    # -- dispatching -------------------------------------------------------------------------
    def _next_task(self) -> Task | None:
        while self._inspect:
            job = self._jobs.get(self._inspect.popleft())
            if job is None or job.state.finished or job.stamp is None:
                continue
            task_id = next(self._task_ids)
            self._tasks[task_id] = job.job_id
            return InspectTask(task_id, job.request.path, job.request.password, job.stamp)
        while self._first_pages:
            # Another worker is counting this document's pages (~0.05 s, most of it loading
            # PDFium): every document has a first page, so a free worker starts on it meanwhile.
            job = self._jobs.get(self._first_pages.popleft())
            if job is None or job.state is not JobState.QUEUED or job.stamp is None:
                continue
            job.run_started = time.monotonic()
            return self._page_task(job, (0,))
        for _ in range(len(self._rotation)):
            job = self._jobs[self._rotation[0]]
            self._rotation.rotate(-1)
            if job.state.finished or not job.pending or job.stamp is None:
                continue
            if job.run_started is None:
                job.run_started = time.monotonic()
            chunk = [job.pending.popleft()]
            size = _CHUNK.get(job.request.options.renderer, 1)
            while job.pending and len(chunk) < size and job.pending[0] == chunk[-1] + 1:
                chunk.append(job.pending.popleft())
            return self._page_task(job, tuple(chunk))
        return None

    def _page_task(self, job: _Job, pages: tuple[int, ...]) -> PageTask:
        assert job.stamp is not None
        task_id = next(self._task_ids)
        self._tasks[task_id] = job.job_id
        request = job.request
        return PageTask(task_id, request.path, request.password, job.stamp, request.options, pages)

    def _dispatch(self) -> None:
        if self._stopping:
            return
        while len(self._pool.workers) > self._pool.size and self._pool.idle():
            self._pool.retire(self._pool.idle()[0])
        while True:
            idle = self._pool.idle()
            if not idle and not self._pool.can_grow():
                return
            task = self._next_task()
            if task is None:
                return
            worker = idle[0] if idle else self._pool.start_worker()
            try:
                self._pool.send(worker, task)
            except OSError:
                self._on_worker_died(worker, "pipe closed", timed_out=False)

    # -- replies -----------------------------------------------------------------------------
    def _on_reply(self, worker: Worker, reply: Reply) -> None:
        job_id = self._tasks.get(reply.task_id)
        job = self._jobs.get(job_id) if job_id is not None else None
        if isinstance(reply, TaskDone):
            worker.task = None
            self._tasks.pop(reply.task_id, None)
            if job is not None and not job.state.finished and self._complete(job):
                self._finish(job)
            return
        if job is None or job.state.finished:
            return
        if isinstance(reply, DocumentInfo):
            cache_key = self._cache_key(job)
            if self._cache and cache_key:
                self._cache.set_document(*cache_key, job.name, reply.page_count, reply.encrypted)
            self._start(job, reply.page_count)
        elif isinstance(reply, PageMessage):
            worker.task_started = time.monotonic()
            job.processed += 1
            if job.state is JobState.QUEUED:  # read before the page count came back
                log.debug("page %d of %s read before its page count", reply.result.page + 1, job.name)
                job.early[reply.result.page] = reply.result
            else:
                self._keep(job, reply.result)
        elif isinstance(reply, TaskError):
            job.error = ScribaError(reply.code, **reply.params)
            self._abort(job, keep=worker)  # that worker is healthy: its TaskDone follows

    def _keep(self, job: _Job, result: PageResult) -> None:
        """A page read now: checkpointed in the cache, then reported."""
        cache_key = self._cache_key(job)
        if self._cache and cache_key:
            self._cache.put_page(*cache_key, result)
        self._record(job, result)

    def _record(self, job: _Job, result: PageResult) -> None:
        with self._lock:
            job.results[result.page] = result
        done = len(job.results)
        rate = 0.0
        eta = None
        if job.run_started is not None and job.processed:
            rate = job.processed / max(1e-6, time.monotonic() - job.run_started)
            eta = (job.total - done) / rate if rate else None
        self._emit(
            PageDone(
                job.job_id,
                job.request.path,
                result.page,
                done,
                job.total,
                result.source,
                result.seconds,
                rate,
                eta,
                result.error,
                result.skew,
            )
        )

    def _complete(self, job: _Job) -> bool:
        busy = any(self._tasks.get(w.task.task_id) == job.job_id for w in self._pool.workers if w.task)
        return (
            job.state is JobState.RUNNING and not job.pending and not busy and len(job.results) >= job.total
        )

    # -- failures, cancel, finish --------------------------------------------------------------
    def _on_worker_died(self, worker: Worker, reason: str, *, timed_out: bool) -> None:
        task = worker.task
        self._pool.discard(worker)
        if task is None:
            return
        job_id = self._tasks.pop(task.task_id, None)
        job = self._jobs.get(job_id) if job_id is not None else None
        if job is None or job.state.finished:
            return
        log.warning("a worker stopped (%s) while reading %s", reason, job.name)
        if isinstance(task, InspectTask):
            job.inspect_attempts += 1
            if job.inspect_attempts >= MAX_PAGE_ATTEMPTS:
                job.error = ScribaError("damaged", name=job.name)
                self._finish(job)
            else:
                self._inspect.appendleft(job.job_id)
            return
        missing = [p for p in task.pages if p not in job.results and p not in job.early]
        if not missing:
            return
        counted = job.state is not JobState.QUEUED  # else pages not read are queued when it starts
        culprit, rest = missing[0], missing[1:]
        if counted:
            job.pending.extendleft(reversed(rest))
        job.attempts[culprit] += 1
        if timed_out or job.attempts[culprit] >= MAX_PAGE_ATTEMPTS:
            code = "page_timeout" if timed_out else "page_crashed"
            job.processed += 1
            failed = failed_page(culprit, code, detail=reason, limit=f"{self._page_timeout:.0f}")
            if counted:
                self._record(job, failed)
            else:
                job.early[culprit] = failed
        elif counted:
            job.pending.appendleft(culprit)
        if self._complete(job):
            self._finish(job)

    def _next_timeout(self) -> float | None:
        busy = [w.task_started for w in self._pool.workers if w.busy and isinstance(w.task, PageTask)]
        if not busy:
            return None
        return max(0.05, min(busy) + self._page_timeout - time.monotonic())

    def _check_timeouts(self) -> None:
        now = time.monotonic()
        for worker in list(self._pool.workers):
            if (
                worker.busy
                and isinstance(worker.task, PageTask)
                and now - worker.task_started > self._page_timeout
            ):
                self._on_worker_died(worker, "time limit", timed_out=True)

    def _stop_workers_of(self, job: _Job, keep: Worker | None = None) -> None:
        for worker in list(self._pool.workers):
            if worker is keep:
                continue
            if worker.task is not None and self._tasks.get(worker.task.task_id) == job.job_id:
                self._tasks.pop(worker.task.task_id, None)
                worker.task = None
                self._pool.discard(worker)

    def _abort(self, job: _Job, keep: Worker | None = None) -> None:
        job.pending.clear()
        self._stop_workers_of(job, keep)
        self._finish(job)

    def _cancel(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.state.finished:
            return
        job.state = JobState.CANCELLED
        self._abort(job)

    def _finish(self, job: _Job) -> None:
        if job.error is not None:
            state = JobState.FAILED
        elif job.state is JobState.CANCELLED:
            state = JobState.CANCELLED
        else:
            state = JobState.DONE
        failed = tuple((p, r.error or "") for p, r in sorted(job.results.items()) if r.failed)
        failed_codes = tuple(
            (p, r.error_code, r.error_params)
            for p, r in sorted(job.results.items())
            if r.failed and r.error_code
        )
        blank = tuple(p for p, r in sorted(job.results.items()) if r.source is PageSource.BLANK)
        with self._finished:
            job.state = state
            self._finished.notify_all()
        if job.job_id in self._rotation:
            self._rotation.remove(job.job_id)
        if self._cache:
            if self._record_jobs:
                self._cache.forget_job(job.request.path)
            self._cache.evict()
        error = job.error
        params = tuple((k, str(v)) for k, v in error.params.items()) if error else ()
        self._emit(
            JobFinished(
                job.job_id,
                job.request.path,
                state,
                job.total,
                str(error) if error else None,
                error.code if error else None,
                params,
                failed,
                time.monotonic() - job.submitted,
                blank,
                failed_codes,
            )
        )
