"""The JobManager with real worker processes: fairness, cancel, a worker killed mid-page."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psutil
import pytest

from app.core.jobs import JobEvent, JobFinished, JobRequest, JobState, PageDone
from app.core.results import PageSource
from app.core.running.scheduler import JobManager
from tests.integration.corpus import long_document, many_pages, page_text
from tests.pdfgen import char_error_rate


class Recorder:
    def __init__(self) -> None:
        self.events: list[JobEvent] = []
        self.lock = threading.Lock()

    def __call__(self, event: JobEvent) -> None:
        with self.lock:
            self.events.append(event)

    def pages(self, job: int) -> list[PageDone]:
        with self.lock:
            return [e for e in self.events if isinstance(e, PageDone) and e.job_id == job]

    def finished(self, job: int) -> JobFinished | None:
        with self.lock:
            return next((e for e in self.events if isinstance(e, JobFinished) and e.job_id == job), None)


def wait_for(condition: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_two_documents_share_the_workers_fairly(tmp_path: Path) -> None:
    # Given two documents of 6 pages submitted together to 2 workers
    first, second = many_pages(tmp_path, "a.pdf", 6), many_pages(tmp_path, "b.pdf", 6)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        a = manager.submit(JobRequest(first))
        b = manager.submit(JobRequest(second))
        assert manager.wait(180)
        # Then both finish, and neither waited for the other: pages interleave
        order = [e.job_id for e in recorder.events if isinstance(e, PageDone)]
        assert sorted(order) == [a] * 6 + [b] * 6
        assert order.index(b) < 4 and order.index(a) < 4
        assert max(i for i, j in enumerate(order) if j == a) > 6
        assert max(i for i, j in enumerate(order) if j == b) > 6
        # And progress is consistent: done counts climb to total, with a rate and an ETA
        for job in (a, b):
            events = recorder.pages(job)
            assert [e.done for e in events] == list(range(1, 7))
            assert events[-1].eta_seconds == 0 and events[-1].pages_per_second > 0
            assert (finished := recorder.finished(job)) and finished.state is JobState.DONE


def test_cancel_mid_document_frees_the_cpu_within_a_second(tmp_path: Path) -> None:
    pdf = long_document(tmp_path, "long.pdf", 40)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        job = manager.submit(JobRequest(pdf))
        wait_for(lambda: len(recorder.pages(job)) >= 2)
        workers = [psutil.Process(pid) for pid in manager.worker_pids()]
        assert workers
        # When the job is cancelled
        started = time.monotonic()
        manager.cancel(job)
        wait_for(lambda: recorder.finished(job) is not None, 5)
        # Then every worker busy on it is gone within a second, and no page events follow
        for worker in workers:
            try:
                worker.wait(max(0.0, 1.0 - (time.monotonic() - started)))
            except psutil.NoSuchProcess:
                pass
        assert time.monotonic() - started < 1.0
        assert not any(w.is_running() and w.status() != psutil.STATUS_ZOMBIE for w in workers)
        finished = recorder.finished(job)
        assert finished is not None and finished.state is JobState.CANCELLED
        count = len(recorder.pages(job))
        time.sleep(0.3)
        assert len(recorder.pages(job)) == count < 40
        # And the pages already done are kept
        assert len(manager.results(job)) == count


def test_a_worker_killed_mid_page_is_replaced_and_the_document_completes(tmp_path: Path) -> None:
    pdf = many_pages(tmp_path, "case.pdf", 8)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        job = manager.submit(JobRequest(pdf))
        wait_for(lambda: len(recorder.pages(job)) >= 1)
        # When a busy worker is killed outright (as the OS does on out-of-memory)
        victim = manager.worker_pids()[0]
        psutil.Process(victim).kill()  # SIGKILL; TerminateProcess on Windows
        assert manager.wait(180)
        # Then the page it held was retried on a new worker and every page has its text
        results = manager.results(job)
        assert [r.page for r in results] == list(range(8))
        assert all(r.source is PageSource.OCR for r in results)
        for result in results:
            assert char_error_rate(page_text(result.page), result.text) < 0.05
        finished = recorder.finished(job)
        assert finished is not None and finished.state is JobState.DONE
        assert victim not in manager.worker_pids()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_that_kills_its_worker_twice_is_recorded_as_failed(tmp_path: Path, workers: int) -> None:
    pdf = many_pages(tmp_path, "case.pdf", 3)
    recorder = Recorder()
    with JobManager(workers, None, page_timeout=0.05) as manager:
        manager.add_listener(recorder)
        # A time limit below any real page time makes every attempt fail: the job must still end.
        # With two workers the first page times out before the pages are even counted.
        job = manager.submit(JobRequest(pdf))
        assert manager.wait(120)
        finished = manager.results(job)
        assert manager.state(job) is JobState.DONE
        assert [r.source for r in finished] == [PageSource.FAILED] * 3
        assert all("longer than" in (r.error or "") for r in finished)
        # And each page was reported once
        assert sorted(e.page for e in recorder.pages(job)) == [0, 1, 2]
        assert [e.done for e in recorder.pages(job)] == [1, 2, 3]


def test_the_worker_count_changes_while_a_job_runs(tmp_path: Path) -> None:
    pdf = many_pages(tmp_path, "case.pdf", 8)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        job = manager.submit(JobRequest(pdf))
        wait_for(lambda: len(recorder.pages(job)) >= 2)
        assert len(manager.worker_pids()) == 2
        # When the user lowers the worker count mid-job
        manager.set_workers(1)
        wait_for(lambda: len(manager.worker_pids()) == 1, 30)
        # Then the job still completes on the remaining worker
        assert manager.wait(120)
        assert [r.page for r in manager.results(job)] == list(range(8))
        assert len(manager.worker_pids()) == 1


def test_forgetting_a_job_frees_its_results_and_stops_it(tmp_path: Path) -> None:
    short, long = many_pages(tmp_path, "a.pdf", 1), many_pages(tmp_path, "b.pdf", 30)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        done = manager.submit(JobRequest(short))
        running = manager.submit(JobRequest(long))
        wait_for(lambda: recorder.finished(done) is not None and len(recorder.pages(running)) >= 1)
        assert manager.results(done)
        manager.forget(done)
        manager.forget(running)
        wait_for(lambda: recorder.finished(running) is not None, 5)
        assert manager.results(done) == [] and manager.results(running) == []
        finished = recorder.finished(running)
        assert finished is not None and finished.state is JobState.CANCELLED
        assert manager.wait(5)
