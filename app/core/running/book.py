"""The job book: the rules of running jobs, with no threads, no processes, no clock and no I/O.

It keeps every job's state and decides which task goes next, what a reply or a lost task means,
when a page has run too long, and when a job is finished. It is told the time (``now``) and answers
with tasks to start and ``effects`` for the manager to carry out (events, cache writes, stops).

Order of work, in turn for every free worker:

1. Counting a document's pages (an ``InspectTask``), oldest job first.
2. The first page of a document being counted: every document has one, so a free worker starts on
   it while another counts (~0.05 s, most of it loading PDFium). Not for a renderer that draws runs
   of pages (it would draw the run twice) nor when the first page is already cached. A page read
   this way is kept ("early") and reported once the job starts.
3. The pages of running jobs, one task per job in turn (round robin), each a run of up to
   ``pages_per_call`` consecutive pages of the job's renderer.

At most ``max_open`` documents are open (being counted or read) at once; the others wait, in the
order they came, and open as open ones finish. A hundred documents given at once are then read a
few at a time, each finished and exported (and its results let go) while the next ones are read,
rather than all of them a page at a time until the very end. A document whose pages are all in the
cache needs no worker and opens at once.

A task whose worker was lost is given again: a counting once, a page once (``MAX_PAGE_ATTEMPTS``);
then the job fails as damaged, or the page is reported failed. A page over the time limit fails at
once (it would only run too long again).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace

from app.core.errors import ScribaError
from app.core.jobs import JobRequest, JobStarted, JobState
from app.core.reading.document import FileStamp
from app.core.reading.render import pages_per_call
from app.core.results import PageResult, PageSource, failed_page
from app.core.running.effects import Checkpoint, Counted, Effect, Emit, Note, Stop, Touch
from app.core.running.entries import BookJob, job_finished, page_done
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

#: Documents open at once (see the module docstring): more than two workers can keep busy, so a
#: worker never waits at a document boundary; few enough that finished documents leave early.
MAX_OPEN_JOBS = 4
DEFAULT_PAGE_TIMEOUT = 300.0  # seconds; generous: a 600 DPI newspaper page takes ~20 s here
MAX_PAGE_ATTEMPTS = 2  # a page (or a counting) whose worker died is given once more


@dataclass(eq=False)
class _Flight:
    """A task handed out and not yet done; ``started`` restarts with every page it reports."""

    job_id: int
    task: Task
    started: float


class JobBook:
    """Every job's state and the rules between them; see the module docstring."""

    def __init__(
        self,
        page_timeout: float = DEFAULT_PAGE_TIMEOUT,
        run_length: Callable[[str], int] = pages_per_call,
        max_open: int = MAX_OPEN_JOBS,
    ) -> None:
        self.page_timeout = page_timeout
        self.max_open = max_open
        self._run_length = run_length  # renderer name -> pages it draws per call
        self._jobs: dict[int, BookJob] = {}
        self._task_ids = 0
        self._flights: dict[int, _Flight] = {}  # task id -> the task in flight
        self._inspect: deque[int] = deque()
        self._first_pages: deque[int] = deque()  # jobs being counted whose first page may start now
        self._rotation: deque[int] = deque()  # running jobs, for round-robin page dispatch
        self._open: set[int] = set()  # jobs being counted or read (at most ``max_open``)
        self._waiting: deque[int] = deque()  # checked jobs waiting to open, oldest first

    # -- looking -------------------------------------------------------------------------------
    def job(self, job_id: int) -> BookJob | None:
        return self._jobs.get(job_id)

    def is_open(self, job_id: int) -> bool:
        """The job is known and not finished."""
        job = self._jobs.get(job_id)
        return job is not None and not job.state.finished

    def unfinished(self) -> list[int]:
        return [job_id for job_id, job in self._jobs.items() if not job.state.finished]

    # -- jobs coming and going -------------------------------------------------------------------
    def add(self, job_id: int, request: JobRequest, now: float) -> None:
        self._jobs[job_id] = BookJob(job_id, request, submitted=now)

    def prepared(
        self,
        job_id: int,
        stamp: FileStamp,
        cached: dict[int, PageResult],
        page_count: int | None,
        now: float,
    ) -> list[Effect]:
        """The file was checked: ``cached`` pages are known, and its page count if the cache knew it."""
        job = self._jobs.get(job_id)
        if job is None or job.state.finished:
            return []
        job.stamp, job.cached, job.known_total = stamp, cached, page_count
        if page_count and all(page in cached for page in range(page_count)):
            return self._start(job, page_count, now)  # nothing to read: no worker, no wait
        self._waiting.append(job_id)
        return self.admit(now)

    def admit(self, now: float) -> list[Effect]:
        """Open waiting jobs while fewer than ``max_open`` are open (the manager calls it when
        ``max_open`` changes; the book itself whenever a job was checked or finished)."""
        effects: list[Effect] = []
        while self._waiting and len(self._open) < self.max_open:
            job = self._jobs.get(self._waiting.popleft())
            if job is None or job.state.finished:
                continue
            self._open.add(job.job_id)
            if job.known_total:
                effects += self._start(job, job.known_total, now)
                continue
            self._inspect.append(job.job_id)
            if 0 not in job.cached and self._run_length(job.request.options.renderer) == 1:
                self._first_pages.append(job.job_id)
        return effects

    def fail(self, job_id: int, error: ScribaError | None, now: float) -> list[Effect]:
        """The job cannot run (its file is missing, too big, …)."""
        job = self._jobs.get(job_id)
        if job is None or job.state.finished:
            return []
        job.error = error
        return self._abort(job, now)

    def cancel(self, job_id: int, now: float) -> list[Effect]:
        job = self._jobs.get(job_id)
        if job is None or job.state.finished:
            return []
        job.state = JobState.CANCELLED
        return self._abort(job, now)

    def forget(self, job_id: int, now: float) -> list[Effect]:
        """Cancel the job if it still runs, then drop it."""
        effects = self.cancel(job_id, now)
        self._jobs.pop(job_id, None)
        return effects

    def fail_all(self, detail: str, now: float) -> list[Effect]:
        """Every unfinished job fails with an internal error (the manager itself went wrong)."""
        effects: list[Effect] = []
        for job in list(self._jobs.values()):
            if not job.state.finished:
                job.error = ScribaError("internal", name=job.name, detail=detail)
                effects += self._abort(job, now)
        return effects

    # -- handing out work ------------------------------------------------------------------------
    def next_task(self, now: float) -> Task | None:
        """The task a free worker should start now, or None when there is nothing to do."""
        while self._inspect:
            job = self._jobs.get(self._inspect.popleft())
            if job is None or job.state.finished or job.stamp is None:
                continue
            request = job.request
            return self._hand_out(
                job, InspectTask(self._new_id(), request.path, request.password, job.stamp), now
            )
        while self._first_pages:
            job = self._jobs.get(self._first_pages.popleft())
            if job is None or job.state is not JobState.QUEUED or job.stamp is None:
                continue
            job.run_started = now
            return self._page_task(job, (0,), now)
        for _ in range(len(self._rotation)):
            job = self._jobs.get(self._rotation[0])
            self._rotation.rotate(-1)
            if job is None or job.state.finished or not job.pending or job.stamp is None:
                continue
            if job.run_started is None:
                job.run_started = now
            run = [job.pending.popleft()]
            size = self._run_length(job.request.options.renderer)
            while job.pending and len(run) < size and job.pending[0] == run[-1] + 1:
                run.append(job.pending.popleft())
            return self._page_task(job, tuple(run), now)
        return None

    def _new_id(self) -> int:
        self._task_ids += 1
        return self._task_ids

    def _page_task(self, job: BookJob, pages: tuple[int, ...], now: float) -> Task:
        assert job.stamp is not None
        request = job.request
        task = PageTask(self._new_id(), request.path, request.password, job.stamp, request.options, pages)
        return self._hand_out(job, task, now)

    def _hand_out(self, job: BookJob, task: Task, now: float) -> Task:
        self._flights[task.task_id] = _Flight(job.job_id, task, now)
        return task

    # -- what comes back -------------------------------------------------------------------------
    def on_reply(self, task_id: int, reply: Reply, now: float) -> list[Effect]:
        """A worker answered for ``task_id``."""
        if isinstance(reply, TaskDone):
            flight = self._flights.pop(task_id, None)
            job = self._jobs.get(flight.job_id) if flight else None
            if job is not None and not job.state.finished and self._complete(job):
                return self._finish(job, now)
            return []
        flight = self._flights.get(task_id)
        job = self._jobs.get(flight.job_id) if flight else None
        if flight is None or job is None or job.state.finished:
            return []
        if isinstance(reply, DocumentInfo):
            counted = Counted(job.job_id, job.name, reply.page_count, reply.encrypted)
            return [counted, *self._start(job, reply.page_count, now)]
        if isinstance(reply, PageMessage):
            flight.started = now  # the time limit is per page, also within a run of pages
            job.processed += 1
            if job.state is JobState.QUEUED:  # read before the page count came back
                job.early[reply.result.page] = reply.result
                page = reply.result.page + 1
                return [Note(logging.DEBUG, "page %d of %s read before its page count", (page, job.name))]
            return self._keep(job, reply.result, now)
        assert isinstance(reply, TaskError)
        job.error = ScribaError(reply.code, **reply.params)
        return self._abort(job, now, keep=task_id)  # that worker is healthy: its TaskDone follows

    def on_lost(self, task_id: int, reason: str, now: float, *, timed_out: bool = False) -> list[Effect]:
        """The worker busy with ``task_id`` is gone (it died, or was stopped for running too long)."""
        flight = self._flights.pop(task_id, None)
        job = self._jobs.get(flight.job_id) if flight else None
        if flight is None or job is None or job.state.finished:
            return []
        effects: list[Effect] = [
            Note(logging.WARNING, "a worker stopped (%s) while reading %s", (reason, job.name))
        ]
        task = flight.task
        if isinstance(task, InspectTask):
            job.inspect_attempts += 1
            if job.inspect_attempts >= MAX_PAGE_ATTEMPTS:
                job.error = ScribaError("damaged", name=job.name)
                return effects + self._finish(job, now)
            self._inspect.appendleft(job.job_id)
            return effects
        missing = [p for p in task.pages if p not in job.results and p not in job.early]
        if not missing:
            return effects
        counted = job.state is not JobState.QUEUED  # else pages not read are queued when it starts
        culprit, rest = missing[0], missing[1:]
        if counted:
            job.pending.extendleft(reversed(rest))
        job.attempts[culprit] += 1
        if timed_out or job.attempts[culprit] >= MAX_PAGE_ATTEMPTS:
            code = "page_timeout" if timed_out else "page_crashed"
            job.processed += 1
            failed = failed_page(culprit, code, detail=reason, limit=f"{self.page_timeout:.0f}")
            if counted:
                effects += self._record(job, failed, now)
            else:
                job.early[culprit] = failed
        elif counted:
            job.pending.appendleft(culprit)
        if self._complete(job):
            effects += self._finish(job, now)
        return effects

    # -- time limits -----------------------------------------------------------------------------
    def deadline(self) -> float | None:
        """When the oldest page in flight runs over its time limit (None: no page in flight)."""
        started = [f.started for f in self._flights.values() if isinstance(f.task, PageTask)]
        return min(started) + self.page_timeout if started else None

    def expire(self, now: float) -> list[Effect]:
        """Stop every page task over its time limit: its page fails, the rest of its run goes back."""
        effects: list[Effect] = []
        for task_id, flight in list(self._flights.items()):
            if isinstance(flight.task, PageTask) and now - flight.started > self.page_timeout:
                effects.append(Stop((task_id,)))
                effects += self.on_lost(task_id, "time limit", now, timed_out=True)
        return effects

    # -- inside ----------------------------------------------------------------------------------
    def _start(self, job: BookJob, total: int, now: float) -> list[Effect]:
        job.total = total
        job.state = JobState.RUNNING
        hits = {p: r for p, r in job.cached.items() if p < total}
        job.cached = {}
        effects: list[Effect] = [Emit(JobStarted(job.job_id, job.request.path, total, len(hits)))]
        for page in sorted(hits):
            hit = hits[page]
            # A blank page stays "blank" when read back: what the user must know of it is that.
            source = hit if hit.source is PageSource.BLANK else replace(hit, source=PageSource.CACHE)
            effects += self._record(job, source, now)
        if hits:
            effects.append(Touch(job.job_id))
        early, job.early = job.early, {}
        for page in sorted(early):
            if page < total:
                effects += self._keep(job, early[page], now)
        reading = self._pages_in_flight(job)
        job.pending.extend(p for p in range(total) if p not in hits and p not in early and p not in reading)
        # In the rotation even with nothing pending: a page in flight may come back to it.
        self._rotation.append(job.job_id)
        if not job.pending and self._complete(job):
            effects += self._finish(job, now)
        return effects

    def _pages_in_flight(self, job: BookJob) -> set[int]:
        return {
            page
            for flight in self._flights.values()
            if flight.job_id == job.job_id and isinstance(flight.task, PageTask)
            for page in flight.task.pages
        }

    def _keep(self, job: BookJob, result: PageResult, now: float) -> list[Effect]:
        """A page read now: checkpointed in the cache, then reported."""
        return [Checkpoint(job.job_id, result), *self._record(job, result, now)]

    def _record(self, job: BookJob, result: PageResult, now: float) -> list[Effect]:
        job.results[result.page] = result
        return [Emit(page_done(job, result, now), result)]

    def _complete(self, job: BookJob) -> bool:
        busy = any(flight.job_id == job.job_id for flight in self._flights.values())
        return (
            job.state is JobState.RUNNING and not job.pending and not busy and len(job.results) >= job.total
        )

    def _tasks_of(self, job: BookJob, keep: int | None) -> tuple[int, ...]:
        return tuple(t for t, f in self._flights.items() if f.job_id == job.job_id and t != keep)

    def _abort(self, job: BookJob, now: float, keep: int | None = None) -> list[Effect]:
        """Nothing more of the job runs: its workers stop (all but ``keep``'s) and it finishes."""
        job.pending.clear()
        effects: list[Effect] = []
        stopping = self._tasks_of(job, keep)
        if stopping:
            for task_id in stopping:
                del self._flights[task_id]
            effects.append(Stop(stopping))
        return effects + self._finish(job, now)

    def _finish(self, job: BookJob, now: float) -> list[Effect]:
        if job.error is not None:
            state = JobState.FAILED
        elif job.state is JobState.CANCELLED:
            state = JobState.CANCELLED
        else:
            state = JobState.DONE
        job.state = state
        if job.job_id in self._rotation:
            self._rotation.remove(job.job_id)
        self._open.discard(job.job_id)
        return [Emit(job_finished(job, now)), *self.admit(now)]
