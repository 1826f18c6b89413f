"""The first page is read while another worker counts the pages, and nothing is lost or doubled.

These tests look inside the pool (``manager._pool``) only to find the worker counting a document,
and pause it (SIGSTOP) or kill it, as a slow disk or the OS would.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.core.jobs import JobRequest, JobStarted, JobState, PageDone
from app.core.running.protocol import InspectTask, PageTask
from app.core.running.scheduler import JobManager
from tests.integration.corpus import many_pages, read_well
from tests.integration.test_jobs import Recorder, wait_for

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="pauses a worker with SIGSTOP")

READ_EARLY = "read before its page count"


def worker_on(manager: JobManager, kind: type, timeout: float = 30.0) -> int:
    """The pid of the worker busy with a task of ``kind``, once there is one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for worker in list(manager._pool.workers):
            if isinstance(worker.task, kind) and worker.process.pid and worker.process.is_alive():
                return worker.process.pid
        time.sleep(0.005)
    raise AssertionError(f"no worker became busy with a {kind.__name__}")


@contextmanager
def counting_held(manager: JobManager) -> Iterator[int]:
    """Pause the worker counting the pages (SIGSTOP) for the block; yields its pid."""
    counting = worker_on(manager, InspectTask)
    os.kill(counting, signal.SIGSTOP)
    try:
        yield counting
    finally:
        os.kill(counting, signal.SIGCONT)


def reported_once_in_order(recorder: Recorder, job: int, pages: int) -> None:
    """The job started before any page was reported, and each page was reported exactly once."""
    events = [e for e in recorder.events if getattr(e, "job_id", None) == job]
    started = next(i for i, e in enumerate(events) if isinstance(e, JobStarted))
    page_events = [(i, e) for i, e in enumerate(events) if isinstance(e, PageDone)]
    assert all(i > started for i, _ in page_events)
    assert sorted(e.page for _, e in page_events) == list(range(pages))
    assert [e.done for _, e in page_events] == list(range(1, pages + 1))


def test_the_first_page_starts_while_the_pages_are_counted(tmp_path: Path) -> None:
    pdf = many_pages(tmp_path, "case.pdf", 3)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        job = manager.submit(JobRequest(pdf))
        # While one worker counts the pages (held back so the moment can be seen), the other is
        # already on the first page
        with counting_held(manager) as counting:
            reading = worker_on(manager, PageTask)
            assert reading != counting
            assert manager.state(job) is JobState.QUEUED
            tasks = [w.task for w in manager._pool.workers if isinstance(w.task, PageTask)]
            assert [t.pages for t in tasks] == [(0,)]
        assert manager.wait(120)
    # And the page it was on is not read again
    reported_once_in_order(recorder, job, 3)
    read_well(manager, job, 3)


def test_a_first_page_read_before_the_count_is_reported_once_the_job_starts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="app.core.running.scheduler")
    pdf = many_pages(tmp_path, "case.pdf", 4)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        job = manager.submit(JobRequest(pdf))
        # When the worker counting the pages stalls until the first page has been read
        with counting_held(manager):
            wait_for(lambda: any(READ_EARLY in r.getMessage() for r in caplog.records), 60)
            assert manager.state(job) is JobState.QUEUED and not recorder.pages(job)
        assert manager.wait(120)
    # Then the page read early is reported after the job starts, once, with its text
    reported_once_in_order(recorder, job, 4)
    read_well(manager, job, 4)
    finished = recorder.finished(job)
    assert finished is not None and finished.state is JobState.DONE and finished.failed_pages == ()


def test_a_first_page_whose_worker_dies_before_the_count_is_read_again(tmp_path: Path) -> None:
    pdf = many_pages(tmp_path, "case.pdf", 3)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        job = manager.submit(JobRequest(pdf))
        with counting_held(manager):
            # When the worker on the first page is killed before the pages are counted
            reading = worker_on(manager, PageTask)
            os.kill(reading, signal.SIGKILL)
            wait_for(lambda: reading not in manager.worker_pids(), 10)
            assert manager.state(job) is JobState.QUEUED
        assert manager.wait(120)
    # Then the first page is read once the job starts, and every page comes out once, whole
    reported_once_in_order(recorder, job, 3)
    read_well(manager, job, 3)
