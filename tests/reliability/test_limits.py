"""Per-worker limits: a page that needs too much memory fails alone, with its reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.jobs import JobRequest, JobState
from app.core.results import PageSource
from app.core.running.limits import default_workers, workers_for
from app.core.running.pool import DEFAULT_WORKER_MEMORY
from app.core.running.scheduler import JobManager
from tests.reliability.odd_inputs import huge_monochrome, joined, scan_of_words

ROOT = Path(__file__).resolve().parents[2]
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


@linux_only
def test_memory_freed_by_a_page_goes_back_to_the_os(tmp_path: Path) -> None:
    # Given a process that freed 150 MB of small heap blocks (as Tesseract does after a page)
    # while one block allocated later keeps glibc from shrinking the heap by itself
    script = """
import ctypes
from app.core.running.limits import release_free_memory
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
blocks = [libc.malloc(64 * 1024) for _ in range(2400)]
for block in blocks:
    ctypes.memset(block, 1, 64 * 1024)
pin = libc.malloc(64 * 1024)
for block in blocks:
    libc.free(block)
before = rss()
release_free_memory()
print(before, rss())
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT, timeout=60
    )
    before, after = map(int, done.stdout.split())
    # When the worker releases free memory, Then the freed heap leaves the process's resident set
    assert before - after > 100, (before, after)


@linux_only
@pytest.mark.parametrize("kept", [True, False])
def test_a_worker_reuses_the_memory_of_one_page_for_the_next(kept: bool) -> None:
    # Given a process that, page after page, fills a 40 MB buffer and frees it (an A4 page at
    # 600 DPI in gray is 35 MB)
    script = f"""
import ctypes, resource
from app.core.running.limits import keep_freed_memory_for_reuse
if {kept}:
    keep_freed_memory_for_reuse()
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
def one_page():
    block = libc.malloc(40 * 1024 * 1024)
    ctypes.memset(block, 1, 40 * 1024 * 1024)
    libc.free(block)
one_page()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(5):
    one_page()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT, timeout=60
    )
    faults = int(done.stdout)
    # Then a worker that keeps freed memory touches the same memory again without faulting it in;
    # glibc's default maps and unmaps each such buffer: 10,240 faults a page, zeroed by the OS
    if kept:
        assert faults < 500, faults
    else:
        assert faults > 5 * 9000, faults


def test_workers_are_one_per_core_within_free_memory() -> None:
    gib = 1024**3
    # A big machine: one worker per core
    assert workers_for(8, 16 * gib) == 8
    # A small laptop with 1 GB free cannot hold 8 workers at their ~300 MB budget
    assert workers_for(8, 1 * gib) == 3
    # Always at least one, and cores alone when the OS does not say how much memory is free
    assert workers_for(4, 100 * 1024**2) == 1
    assert workers_for(4, None) == 4
    # On this machine the default is within what its cores allow
    assert 1 <= default_workers() <= (os.cpu_count() or 1)
