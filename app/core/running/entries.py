"""One job's entry in the job book, and the events that report it (a page done, the job finished)."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field

from app.core.errors import ScribaError
from app.core.jobs import JobFinished, JobRequest, JobState, PageDone
from app.core.reading.document import FileStamp
from app.core.results import PageResult, PageSource
from app.core.running.speed import pages_per_second, seconds_left


@dataclass(eq=False)
class BookJob:
    """One job as the book sees it."""

    job_id: int
    request: JobRequest
    submitted: float
    state: JobState = JobState.QUEUED
    stamp: FileStamp | None = None
    total: int = 0
    pending: deque[int] = field(default_factory=deque)
    results: dict[int, PageResult] = field(default_factory=dict)
    attempts: Counter[int] = field(default_factory=Counter)
    processed: int = 0  # pages read by a worker in this run (cache hits excluded)
    run_started: float | None = None
    error: ScribaError | None = None
    inspect_attempts: int = 0
    cached: dict[int, PageResult] = field(default_factory=dict)  # read once, until the job starts
    known_total: int | None = None  # the page count the cache knew, until the job opens
    #: Pages read before the page count came back: reported once the job starts.
    early: dict[int, PageResult] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.request.path.name


def page_done(job: BookJob, result: PageResult, now: float) -> PageDone:
    """The event for ``result``, already among the job's results, with the job's speed so far."""
    done = len(job.results)
    rate = pages_per_second(job.processed, job.run_started, now)
    return PageDone(
        job.job_id,
        job.request.path,
        result.page,
        done,
        job.total,
        result.source,
        result.seconds,
        rate,
        seconds_left(job.total - done, rate),
        result.error,
        result.skew,
        result.error_code,
    )


def job_finished(job: BookJob, now: float) -> JobFinished:
    """The event for a job that has just finished (``job.state`` says how)."""
    results = sorted(job.results.items())
    error = job.error
    return JobFinished(
        job.job_id,
        job.request.path,
        job.state,
        job.total,
        str(error) if error else None,
        error.code if error else None,
        tuple((k, str(v)) for k, v in error.params.items()) if error else (),
        tuple((p, r.error or "") for p, r in results if r.failed),
        now - job.submitted,
        tuple(p for p, r in results if r.source is PageSource.BLANK),
        tuple((p, r.error_code, r.error_params) for p, r in results if r.failed and r.error_code),
    )
