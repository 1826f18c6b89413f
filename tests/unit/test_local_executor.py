"""The local executor keeps the Executor promises with real worker processes: replies, lost tasks,
stops, wake-ups, shrinking, and nothing left behind."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.options import OcrOptions
from app.core.reading.document import FileStamp
from app.core.running.executor import Lost, Outcome, Replied
from app.core.running.pool import LocalExecutor, exit_reason
from app.core.running.protocol import DocumentInfo, InspectTask, PageTask, TaskDone
from tests.pdfgen import text_pdf


@pytest.fixture
def executor() -> Iterator[LocalExecutor]:
    pool = LocalExecutor(2)
    yield pool
    pool.shutdown()


def collect_until(pool: LocalExecutor, enough: int, timeout: float = 60.0) -> list[Outcome]:
    outcomes: list[Outcome] = []
    deadline = time.monotonic() + timeout
    while len(outcomes) < enough:
        assert time.monotonic() < deadline, f"only {outcomes} came"
        outcomes += pool.collect(1.0)
    return outcomes


def inspect(path: Path, task_id: int) -> InspectTask:
    return InspectTask(task_id, path, None, FileStamp.of(path))


def test_a_task_is_answered_and_its_worker_is_free_again(tmp_path: Path, executor: LocalExecutor) -> None:
    pdf = text_pdf(tmp_path / "two.pdf", ["first page", "second page"])
    assert executor.has_room() and executor.size == 2
    executor.start(inspect(pdf, 7))
    outcomes = collect_until(executor, 2)
    assert outcomes == [Replied(7, DocumentInfo(7, 2, False)), Replied(7, TaskDone(7))]
    assert len(executor.pids()) == 1 and executor.has_room()


def test_a_killed_worker_loses_its_task_and_a_stopped_one_reports_nothing(
    tmp_path: Path, executor: LocalExecutor
) -> None:
    pdf = text_pdf(tmp_path / "many.pdf", [f"page {n}" for n in range(40)])
    pages = PageTask(1, pdf, None, FileStamp.of(pdf), OcrOptions(), tuple(range(40)))
    executor.start(pages)
    executor.start(PageTask(2, pdf, None, FileStamp.of(pdf), OcrOptions(), tuple(range(40))))
    assert not executor.has_room()
    (first, second) = executor.workers
    # When one is stopped and the other killed
    executor.stop([2])
    assert first.process.pid
    os.kill(first.process.pid, signal.SIGKILL)
    outcomes = collect_until(executor, 1)
    while not any(isinstance(o, Lost) for o in outcomes):
        outcomes += collect_until(executor, 1)
    # Then only the killed one is reported, lost, with how it ended; the stopped one says nothing
    assert [o for o in outcomes if isinstance(o, Lost)] == [Lost(1, "SIGKILL")]
    assert all(o.task_id == 1 for o in outcomes)
    assert executor.pids() == [] and executor.has_room()


def test_wake_ends_a_wait_from_another_thread(executor: LocalExecutor) -> None:
    waker = threading.Timer(0.05, executor.wake)
    waker.start()
    started = time.monotonic()
    assert executor.collect(30.0) == []
    assert time.monotonic() - started < 5.0
    waker.join()


def test_shrinking_lets_idle_workers_leave(executor: LocalExecutor) -> None:
    executor.warm_up()
    assert len(executor.pids()) == 2
    executor.resize(1)
    assert len(executor.pids()) == 1 and executor.size == 1
    executor.shutdown()
    executor.wake()  # still safe once shut down
    assert executor.pids() == []


def test_exit_reasons_read_like_the_log_says_them() -> None:
    assert exit_reason(-signal.SIGSEGV) == "SIGSEGV"
    assert exit_reason(3) == "exit code 3"
    assert exit_reason(None) == "unknown"
