"""The JobManager through its executor seam: a scripted executor answers in-process, in milliseconds.

The manager's thread, its cache calls (a real SQLite cache) and its events are real; only where the
tasks run is replaced, as a cluster executor would replace the local worker processes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from app.core.jobs import JobEvent, JobFinished, JobQueued, JobRequest, JobStarted, JobState, PageDone
from app.core.results import PageResult, PageSource
from app.core.running.executor import Lost, Outcome, Replied
from app.core.running.protocol import DocumentInfo, InspectTask, PageMessage, PageTask, Task, TaskDone
from app.core.running.scheduler import JobManager
from app.core.storage.cache import ResultCache


class ScriptedExecutor:
    """Answers every task at once with ``pages`` pages of made-up text, unless ``hold`` is set."""

    def __init__(self, pages: int, size: int = 2) -> None:
        self.pages = pages
        self.size = size
        self.hold = False  # keep page tasks in flight (to cancel them)
        self.die_on: set[int] = set()  # pages whose worker dies once when it starts them
        self.started: list[Task] = []
        self.stopped: list[int] = []
        self.running: dict[int, Task] = {}
        self._outcomes: list[Outcome] = []
        self._woken = threading.Event()

    def resize(self, count: int) -> None:
        self.size = count

    def warm_up(self) -> None:
        pass  # nothing to start ahead: answers cost nothing here

    def has_room(self) -> bool:
        return len(self.running) < self.size

    def start(self, task: Task) -> None:
        self.started.append(task)
        self.running[task.task_id] = task
        if isinstance(task, InspectTask):
            self._answer(task, [DocumentInfo(task.task_id, self.pages, False)])
        elif self.die_on & set(task.pages):
            self.die_on -= set(task.pages)
            del self.running[task.task_id]
            self._outcomes.append(Lost(task.task_id, "SIGKILL"))
        elif not self.hold:
            text = [PageResult(p, f"words of page {p + 1}", PageSource.OCR) for p in task.pages]
            self._answer(task, [PageMessage(task.task_id, r) for r in text])

    def _answer(self, task: Task, replies: list[DocumentInfo] | list[PageMessage]) -> None:
        self._outcomes += [Replied(task.task_id, r) for r in [*replies, TaskDone(task.task_id)]]
        del self.running[task.task_id]

    def collect(self, timeout: float | None) -> list[Outcome]:
        if not self._outcomes:
            self._woken.wait(timeout)
        self._woken.clear()
        outcomes, self._outcomes = self._outcomes, []
        return outcomes

    def wake(self) -> None:
        self._woken.set()

    def stop(self, task_ids: Iterable[int]) -> None:
        for task_id in task_ids:
            self.stopped.append(task_id)
            self.running.pop(task_id, None)

    def pids(self) -> list[int]:
        return []

    def shutdown(self) -> None:
        self.running.clear()


def a_pdf(folder: Path, name: str = "letter.pdf") -> Path:
    path = folder / name
    path.write_bytes(b"%PDF-1.4\n% not parsed: the scripted executor reads nothing\n")
    return path


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll ``condition`` until it holds: the listeners hear of a job just after ``wait`` returns."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the manager did not get there"
        time.sleep(0.002)


def recorded(manager: JobManager) -> list[JobEvent]:
    events: list[JobEvent] = []
    manager.add_listener(events.append)
    return events


def test_a_job_runs_through_the_seam_and_its_pages_come_from_the_cache_the_second_time(
    tmp_path: Path,
) -> None:
    # Given a manager on a scripted executor and a real cache
    executor = ScriptedExecutor(pages=3)
    cache = ResultCache.open(tmp_path / "cache")
    pdf = a_pdf(tmp_path)
    with JobManager(cache=cache, executor=executor) as manager:
        events = recorded(manager)
        # When a document is read
        job = manager.submit(JobRequest(pdf))
        assert manager.wait(10)
        wait_until(lambda: isinstance(events[-1], JobFinished))
        # Then the events tell it in order, with the text the executor answered
        kinds = [type(e) for e in events]
        assert kinds == [JobQueued, JobStarted, PageDone, PageDone, PageDone, JobFinished]
        assert [r.text for r in manager.results(job)] == [f"words of page {p}" for p in (1, 2, 3)]
        assert manager.state(job) is JobState.DONE
        assert [type(t) for t in executor.started] == [InspectTask, PageTask, PageTask, PageTask]
        # And when it is read again, every page comes from the cache and no task starts
        executor.started.clear()
        again = manager.submit(JobRequest(pdf))
        assert manager.wait(10)
        wait_until(lambda: isinstance(events[-1], JobFinished))
        started = [e for e in events if isinstance(e, JobStarted) and e.job_id == again]
        assert started[0].cached == 3 and executor.started == []
        assert [(r.page, r.source) for r in manager.results(again)] == [
            (p, PageSource.CACHE) for p in range(3)
        ]
    cache.close()


def test_with_cache_runs_on_the_dispatcher_thread_and_hands_back_the_result(tmp_path: Path) -> None:
    cache = ResultCache.open(tmp_path / "cache")
    with JobManager(cache=cache, executor=ScriptedExecutor(pages=1)) as manager:
        where = manager.with_cache(lambda c: (threading.current_thread().name, c is cache))
        assert where.result(5) == ("scriba-dispatcher", True)
        failing = manager.with_cache(lambda c: 1 // 0)
        with pytest.raises(ZeroDivisionError):
            failing.result(5)
    assert manager.with_cache(lambda c: 1).cancelled()
    cache.close()
    with JobManager(executor=ScriptedExecutor(pages=1)) as uncached:
        assert uncached.with_cache(lambda c: 1).result(5) is None


def test_a_page_whose_worker_was_lost_is_given_again(tmp_path: Path) -> None:
    executor = ScriptedExecutor(pages=4)
    executor.die_on = {1}
    with JobManager(executor=executor) as manager:
        events = recorded(manager)
        job = manager.submit(JobRequest(a_pdf(tmp_path)))
        assert manager.wait(10)
        wait_until(lambda: isinstance(events[-1], JobFinished))
    page_tasks = [t.pages for t in executor.started if isinstance(t, PageTask)]
    assert sorted(page_tasks) == [(0,), (1,), (1,), (2,), (3,)]
    assert [r.text for r in manager.results(job)] == [f"words of page {p}" for p in (1, 2, 3, 4)]
    finished = [e for e in events if isinstance(e, JobFinished)]
    assert [(f.state, f.failed_pages) for f in finished] == [(JobState.DONE, ())]


def test_cancel_stops_the_tasks_in_flight(tmp_path: Path) -> None:
    executor = ScriptedExecutor(pages=4)
    executor.hold = True
    with JobManager(executor=executor) as manager:
        events = recorded(manager)
        job = manager.submit(JobRequest(a_pdf(tmp_path)))
        wait_until(lambda: len(executor.running) == 2)
        in_flight = set(executor.running)
        # When the job is cancelled, the executor is told to stop what still runs
        manager.cancel(job)
        assert manager.wait(10)
        wait_until(lambda: isinstance(events[-1], JobFinished))
        assert set(executor.stopped) == in_flight
        finished = [e for e in events if isinstance(e, JobFinished)]
        assert [f.state for f in finished] == [JobState.CANCELLED]
        # And a new size reaches the executor
        manager.set_workers(5)
        wait_until(lambda: manager.workers == 5)


def test_a_job_whose_preparation_fails_unexpectedly_fails_instead_of_staying_queued(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given an engine whose version cannot be found (its wheel missing, as a broken install on
    # Windows can have it): importlib.metadata raises PackageNotFoundError, not a ScribaError
    from importlib.metadata import PackageNotFoundError

    import app.core.running.scheduler as scheduler

    def missing(name: str) -> str:
        raise PackageNotFoundError(name)

    monkeypatch.setattr(scheduler, "engine_version", missing)
    with JobManager(executor=ScriptedExecutor(pages=1)) as manager:
        events = recorded(manager)
        # When a document is submitted
        job = manager.submit(JobRequest(a_pdf(tmp_path)))
        # Then the job fails with a sentence naming the file, and the manager is not left waiting
        assert manager.wait(10)
        wait_until(lambda: bool(events) and isinstance(events[-1], JobFinished))
        finished = events[-1]
        assert isinstance(finished, JobFinished) and finished.job_id == job
        assert finished.state is JobState.FAILED
        assert finished.error is not None and "letter.pdf" in finished.error
