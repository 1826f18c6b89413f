"""A file is "changed" only when it changed: a share's coarser clock is no change, a rewrite is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.jobs import JobRequest, JobState
from app.core.reading.document import FileStamp
from app.core.running.scheduler import JobManager
from tests.integration.corpus import many_pages
from tests.integration.test_jobs import Recorder, wait_for

NS = 1_000_000_000
#: A time as a copy sets it (to the nanosecond), then as servers keep it.
FINE = 1_764_590_123_456_789_123
COARSER = {
    "100 ns (NTFS, SMB)": 1_764_590_123_456_789_100,
    "1 us (NFS)": 1_764_590_123_456_789_000,
    "10 ms (exFAT)": 1_764_590_123_450_000_000,
    "1 s": 1_764_590_123_000_000_000,
    "2 s, rounded up (FAT)": 1_764_590_124_000_000_000,
}


@pytest.mark.parametrize("coarse", COARSER.values(), ids=COARSER.keys())
def test_a_time_rounded_to_a_coarser_clock_is_the_same_file(coarse: int) -> None:
    fine, rounded = FileStamp(1000, FINE), FileStamp(1000, coarse)
    assert fine.same_as(rounded) and rounded.same_as(fine)


def test_another_time_another_size_or_another_tick_is_a_change() -> None:
    stamp = FileStamp(1000, FINE)
    assert not stamp.same_as(FileStamp(1001, FINE))  # appended to
    assert not stamp.same_as(FileStamp(1000, FINE + 5_000_000))  # rewritten 5 ms later
    assert not stamp.same_as(FileStamp(1000, FINE + 3 * NS))
    # Two whole ticks apart: both are on the coarse clock, and they differ
    assert not FileStamp(1000, 10 * NS).same_as(FileStamp(1000, 12 * NS))


def _set_mtime(path: Path, mtime_ns: int) -> None:
    os.utime(path, ns=(path.stat().st_atime_ns, mtime_ns))


def test_a_share_that_rounds_the_time_mid_run_does_not_fail_the_job(tmp_path: Path) -> None:
    # Given a long document whose time was set to the nanosecond (as a copy onto a share sets it)
    pdf = many_pages(tmp_path, "processo.pdf", 6)
    _set_mtime(pdf, FINE)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        job = manager.submit(JobRequest(pdf))
        wait_for(lambda: len(recorder.pages(job)) >= 1)
        # When the server's 2-second clock shows through while it is read
        _set_mtime(pdf, FINE // (2 * NS) * (2 * NS) + 2 * NS)
        assert manager.wait(120)
        finished = recorder.finished(job)
    # Then the job reads every page: the file never changed
    assert finished is not None and finished.state is JobState.DONE, finished
    assert len(recorder.pages(job)) == 6


def test_a_same_size_rewrite_mid_run_still_fails_the_job(tmp_path: Path) -> None:
    # Given a long document being read
    pdf = many_pages(tmp_path, "processo.pdf", 6)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        job = manager.submit(JobRequest(pdf))
        wait_for(lambda: len(recorder.pages(job)) >= 1)
        # When it is written again, a little later, same size
        _set_mtime(pdf, pdf.stat().st_mtime_ns + 7_654_321)
        assert manager.wait(120)
        finished = recorder.finished(job)
    # Then the job fails saying the file changed
    assert finished is not None and finished.state is JobState.FAILED
    assert finished.error_code == "changed"
