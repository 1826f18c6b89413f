"""Services the tests and benches start on this machine: a free loopback port, a local Dask
cluster (a scheduler and one-thread workers, each its own process), and stopping them all."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import IO

import psutil

DASK = Path(sys.executable).with_name("dask")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_dask(
    folder: Path, log: IO[bytes] | IO[str], workers: int = 2
) -> tuple[str, list[subprocess.Popen[bytes]]]:
    """``tcp://127.0.0.1:PORT`` of a scheduler with ``workers`` one-thread workers (their scratch
    folders in ``folder``), once they have all joined; and the processes, for ``stop``."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]
    processes = [subprocess.Popen(scheduler, stdout=log, stderr=log)]
    for n in range(workers):
        worker = [str(DASK), "worker", address, "--nthreads", "1", "--no-dashboard"]
        worker += ["--local-directory", str(folder / f"w{n}")]
        processes.append(subprocess.Popen(worker, stdout=log, stderr=log))
    try:
        with Client(address, timeout=30, set_as_default=False) as probe:
            probe.wait_for_workers(workers, timeout=60)
    except BaseException:
        stop(processes)
        raise
    return address, processes


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM each process (last started first) and what it started; kill what is left."""
    for process in reversed(processes):
        tree = [process.pid, *(child.pid for child in children(process.pid))]
        process.send_signal(signal.SIGTERM)
        _gone, alive = psutil.wait_procs(
            [psutil.Process(p) for p in tree if psutil.pid_exists(p)], timeout=20
        )
        for survivor in alive:
            survivor.kill()
        process.wait()


def children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
