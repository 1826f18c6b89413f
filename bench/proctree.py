"""Run a command and watch it: wall time, first progress event, peak memory of its process tree."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.05


@dataclass
class Run:
    wall: float = 0.0
    returncode: int = 0
    first_page: float | None = None  # seconds from launch to the first JSON "page" event
    peak_pss: int = 0  # bytes, the whole tree at its largest sample
    peak_processes: int = 0
    samples: int = 0
    stderr: str = ""
    events: list[dict[str, object]] = field(default_factory=list)
    event_times: list[float] = field(default_factory=list)  # seconds from launch, one per event
    series: list[tuple[float, int]] = field(default_factory=list)  # (seconds, tree PSS) per sample
    cpu: float = 0.0  # CPU seconds of the tree (POSIX: every process the command waited for)


def tree_pss(root: psutil.Process) -> tuple[int, int]:
    """Summed PSS of ``root`` and all its descendants, and how many processes that was.

    PSS, not RSS: the workers share the libraries and models they map, and RSS would count
    those once per process.
    """
    total = 0
    count = 0
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    for proc in procs:
        try:
            total += proc.memory_full_info().pss
            count += 1
        except psutil.Error:
            continue  # it ended between listing and reading: nothing left to count
    return total, count


def run(
    cmd: Sequence[str | Path],
    *,
    memory: bool = False,
    env: dict[str, str] | None = None,
    interval: float = SAMPLE_SECONDS,
) -> Run:
    """Run ``cmd`` to completion; with ``memory``, sample the tree's PSS every ``interval`` s
    (every sample is kept in ``series``: memory over time).

    Sampling is off for the timed comparisons: reading smaps of every process costs CPU that
    the measured program would otherwise have.
    """
    result = Run()
    cpu_before = _children_cpu()
    started = time.perf_counter()
    proc = psutil.Popen(
        [str(c) for c in cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )

    def read_stdout() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if not line.startswith("{"):
                continue
            try:
                event = json.loads(line)
            except ValueError:
                continue
            now = time.perf_counter() - started
            if event.get("event") == "page" and result.first_page is None:
                result.first_page = now
            result.events.append(event)
            result.event_times.append(now)

    def read_stderr() -> None:
        assert proc.stderr is not None
        result.stderr = proc.stderr.read()

    readers = [threading.Thread(target=read_stdout), threading.Thread(target=read_stderr)]
    for reader in readers:
        reader.start()
    while memory and proc.poll() is None:
        pss, count = tree_pss(proc)
        result.samples += 1
        result.series.append((time.perf_counter() - started, pss))
        if pss > result.peak_pss:
            result.peak_pss, result.peak_processes = pss, count
        time.sleep(interval)
    proc.wait()
    result.wall = time.perf_counter() - started
    for reader in readers:
        reader.join()
    result.returncode = proc.returncode
    result.cpu = _children_cpu() - cpu_before
    return result


def _children_cpu() -> float:
    """User + system CPU seconds of this process's waited-for children (and theirs); 0 off POSIX."""
    try:
        import resource
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
