"""Per-worker limits: a page that needs too much memory fails alone, with its reason."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.core.jobs import JobRequest, JobState
from app.core.pool import DEFAULT_WORKER_MEMORY
from app.core.results import PageSource
from app.core.scheduler import JobManager
from tests.reliability.odd_inputs import huge_monochrome, joined, scan_of_words

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc; RLIMIT_AS is Linux's"
)


@linux_only
def test_workers_run_under_the_default_address_space_cap(tmp_path: Path) -> None:
    # Given a manager with default settings that has started a worker
    pdf = scan_of_words(tmp_path / "letter.pdf")
    with JobManager(1, None) as manager:
        job = manager.submit(JobRequest(pdf))
        assert manager.wait(120)
        [pid] = manager.worker_pids()
        limits = Path(f"/proc/{pid}/limits").read_text()
        # Then the worker's address space is capped at the default, and the page still read normally
        [line] = [line for line in limits.splitlines() if line.startswith("Max address space")]
        assert line.split()[3] == str(DEFAULT_WORKER_MEMORY)
        [page] = manager.results(job)
        assert "quick brown fox" in page.text


@linux_only
def test_a_page_over_the_memory_cap_fails_alone_and_the_next_page_is_read(tmp_path: Path) -> None:
    # Given a document whose first page (a 30000 x 30000 scan) maps ~420 MB and whose second is ordinary
    pdf = joined(
        tmp_path / "two.pdf", huge_monochrome(tmp_path / "huge.pdf"), scan_of_words(tmp_path / "small.pdf")
    )
    # When workers may map only 360 MB
    with JobManager(1, None, worker_memory=360 * 1024**2) as manager:
        job = manager.submit(JobRequest(pdf))
        assert manager.wait(120)
        first, second = manager.results(job)
        state = manager.state(job)
    # Then the big page failed with a sentence about memory (not an empty "success"),
    # a fresh worker read the next page, and the job finished
    assert first.source is PageSource.FAILED
    assert first.error == "the page needs more memory than a worker may use (360 MB)"
    assert second.source is PageSource.OCR
    assert "quick brown fox" in second.text
    assert state is JobState.DONE
