"""Time to the first page event and cancel latency, with the real JobManager in this process.

- first page: from creating the JobManager and submitting (workers start cold) to the first
  PageDone event;
- cancel: from ``JobManager.cancel`` while every worker is busy to the moment no worker
  process that was running the job exists any more.

Usage: python bench/latency.py IN.pdf REPEATS  → one JSON object on stdout
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

import corpus  # noqa: F401  (puts the project root on sys.path)
import psutil


def one_round(source: Path) -> tuple[float, float]:
    from app.core.jobs import JobEvent, JobRequest, PageDone
    from app.core.options import OcrOptions
    from app.core.running.scheduler import JobManager

    pages_done = threading.Semaphore(0)
    first: list[float] = []

    def on_event(event: JobEvent) -> None:
        if isinstance(event, PageDone):
            if not first:
                first.append(time.perf_counter())
            pages_done.release()

    started = time.perf_counter()
    manager = JobManager(2, None, record_jobs=False)
    try:
        manager.add_listener(on_event)
        job = manager.submit(JobRequest(source, OcrOptions(), None, use_cache=False))
        for _ in range(2):  # both workers are warm and busy on their next page
            if not pages_done.acquire(timeout=120):
                raise RuntimeError("no page finished within 120 s")
        pids = manager.worker_pids()
        cancelled = time.perf_counter()
        manager.cancel(job)
        while any(_alive(pid) for pid in pids):
            time.sleep(0.002)
        gone = time.perf_counter()
    finally:
        manager.shutdown()
    return first[0] - started, gone - cancelled


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


if __name__ == "__main__":
    rounds = [one_round(Path(sys.argv[1])) for _ in range(int(sys.argv[2]))]
    print(json.dumps({"first_page": [r[0] for r in rounds], "cancel": [r[1] for r in rounds]}))
