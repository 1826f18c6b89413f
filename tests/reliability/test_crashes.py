"""Crash isolation: a worker that dies mid-page costs at most that page, never the job or its neighbours.

These tests look inside the pool (``manager._pool``) for one reason only: to kill the worker that
is busy on a chosen document, as the OS or a hostile page would.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest

from app.core.jobs import JobRequest, JobState
from app.core.results import PageSource
from app.core.running.scheduler import JobManager
from tests.integration.corpus import many_pages, page_text, read_well
from tests.integration.test_jobs import Recorder, wait_for
from tests.pdfgen import char_error_rate, text_pdf


def busy_on(manager: JobManager, path: Path, page: int | None = None, timeout: float = 60.0) -> int:
    """The pid of a worker busy on a page of ``path`` (on ``page``, if given), once there is one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for worker in list(manager._pool.workers):
            task = worker.task
            pages = getattr(task, "pages", None)
            if task is not None and pages and task.path == path and (page is None or page in pages):
                if worker.process.pid and worker.process.is_alive():
                    return worker.process.pid
        time.sleep(0.01)
    raise AssertionError(f"no worker became busy on {path.name}")


#: Windows has no SIGKILL; os.kill there ends the process outright (TerminateProcess) whatever
#: the number, so both cases still kill the worker mid-page.
KILL = getattr(signal, "SIGKILL", signal.SIGTERM)


@pytest.mark.parametrize("how", [KILL, signal.SIGSEGV], ids=["SIGKILL", "SIGSEGV"])
def test_a_worker_dying_mid_page_costs_nothing_but_a_retry(tmp_path: Path, how: signal.Signals) -> None:
    # Given two documents sharing two workers
    hit, bystander = many_pages(tmp_path, "hit.pdf", 5), many_pages(tmp_path, "bystander.pdf", 5)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        a = manager.submit(JobRequest(hit))
        b = manager.submit(JobRequest(bystander))
        # When the worker busy on a page of the first one dies (killed, or a segfault)
        victim = busy_on(manager, hit)
        os.kill(victim, how)
        assert manager.wait(180)
        # Then it was replaced, and both documents came out whole and right, with no failed page
        assert victim not in manager.worker_pids()
        for job in (a, b):
            finished = recorder.finished(job)
            assert finished is not None and finished.state is JobState.DONE
            assert finished.failed_pages == ()
            read_well(manager, job, 5)
        # And each page was reported once: the retry is invisible to the user
        assert sorted(e.page for e in recorder.pages(a)) == list(range(5))


def test_a_page_that_kills_two_workers_fails_with_its_reason_and_the_rest_is_read(tmp_path: Path) -> None:
    pdf = many_pages(tmp_path, "case.pdf", 4)
    recorder = Recorder()
    with JobManager(1, None) as manager:
        manager.add_listener(recorder)
        job = manager.submit(JobRequest(pdf))
        # When page 2 crashes its worker, and crashes the replacement too
        for _ in range(2):
            victim = busy_on(manager, pdf, page=1)
            os.kill(victim, signal.SIGSEGV)
            wait_for(lambda victim=victim: victim not in manager.worker_pids(), 10)  # the dispatcher saw it
        assert manager.wait(180)
        results = manager.results(job)
    # Then page 2 is failed with a reason naming the crash, every other page is read, the job is done
    assert manager.state(job) is JobState.DONE
    assert results[1].source is PageSource.FAILED
    assert results[1].error == "the page could not be processed (the worker stopped: SIGSEGV)"
    for result in results[:1] + results[2:]:
        assert char_error_rate(page_text(result.page), result.text) < 0.05
    finished = recorder.finished(job)
    assert finished is not None and [p for p, _ in finished.failed_pages] == [1]


def test_a_page_pdfium_cannot_load_fails_with_a_sentence(tmp_path: Path) -> None:
    # Given a document whose page tree points its second page at an object that is not a page
    source = text_pdf(
        tmp_path / "source.pdf", ["The first page reads fine, with enough words to be text.", "Lost."]
    )
    data = source.read_bytes()
    first_kid = re.search(rb"/Kids \[(\d+) 0 R", data)
    assert first_kid is not None
    broken = tmp_path / "broken tree.pdf"
    broken.write_bytes(re.sub(rb"/Kids \[[^\]]*\]", b"/Kids [" + first_kid.group(1) + b" 0 R 99 0 R]", data))
    # When it is read
    with JobManager(1, None) as manager:
        job = manager.submit(JobRequest(broken))
        assert manager.wait(60)
        first, second = manager.results(job)
    # Then the first page has its text and the second one sentence, not PDFium's own words
    assert "first page reads fine" in first.text
    assert second.source is PageSource.FAILED
    assert second.error == "the page is damaged and cannot be read"


def test_a_page_too_thin_to_render_fails_with_a_sentence(tmp_path: Path) -> None:
    # Given a document whose second page is 595 pt wide and 2^31 pt tall (found by the fuzz run)
    source = text_pdf(
        tmp_path / "source.pdf", ["The first page reads fine, with enough words to be text.", "Tall."]
    )
    data = source.read_bytes()
    at = data.rindex(b"/MediaBox [0 0 595 842]")
    sliver = tmp_path / "sliver.pdf"
    sliver.write_bytes(
        data[:at] + b"/MediaBox [0 0 595 2147484416]" + data[at + len(b"/MediaBox [0 0 595 842]") :]
    )
    # When it is read
    with JobManager(1, None) as manager:
        job = manager.submit(JobRequest(sliver))
        assert manager.wait(60)
        first, second = manager.results(job)
    # Then the pixel cap's zero-pixel side is named, instead of Tesseract's "No image set?"
    assert "first page reads fine" in first.text
    assert second.error == "the page is too large or too thin to be read (595 x 2147484416 pt)"
