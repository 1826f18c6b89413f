"""The cluster path's overhead: the same 60-page job on the local pool and on a local Dask cluster.

Both use two workers on this machine (the pool's two processes; a scheduler and two ``dask
worker --nthreads 1``), in alternating rounds of one run, so a noisy machine affects both alike.
The target (issue 18): the cluster's wall time within 10 % of the pool's. The texts must be equal.

    uv run python bench/cluster_overhead.py [--pages 60] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import ROOT, scanned

DASK = Path(sys.executable).with_name("dask")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_cluster(folder: Path) -> tuple[str, list[subprocess.Popen[bytes]]]:
    from distributed import Client

    address = f"tcp://127.0.0.1:{_free_port()}"
    log = (folder / "dask.log").open("ab")
    port = address.rsplit(":", 1)[1]
    processes = [
        subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
            stdout=log,
            stderr=log,
        )
    ]
    for n in range(2):
        processes.append(
            subprocess.Popen(
                [
                    str(DASK),
                    "worker",
                    address,
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--local-directory",
                    str(folder / f"w{n}"),
                ],
                stdout=log,
                stderr=log,
            )
        )
    with Client(address, timeout=30, set_as_default=False) as probe:
        probe.wait_for_workers(2, timeout=60)
    return address, processes


def run(source: Path, out: Path, folder: Path, *extra: str) -> float:
    env = dict(os.environ, SCRIBA_CACHE_DIR=str(folder / "cache"), SCRIBA_LOG_DIR=str(folder / "logs"))
    command = [
        sys.executable,
        "-m",
        "app",
        "ocr",
        str(source),
        "-o",
        str(out),
        "--workers",
        "2",
        "--no-cache",
        "--lang",
        "por+eng",
        *extra,
    ]
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    source = scanned(args.pages)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        address, processes = start_cluster(folder)
        try:
            run(source, folder / "warm.txt", folder, "--cluster", address)  # workers load their engines
            local, cluster = [], []
            for _ in range(args.rounds):
                local.append(run(source, folder / "local.txt", folder))
                cluster.append(run(source, folder / "cluster.txt", folder, "--cluster", address))
            same = (folder / "local.txt").read_bytes() == (folder / "cluster.txt").read_bytes()
        finally:
            for process in reversed(processes):
                process.send_signal(signal.SIGTERM)
                process.wait(30)
    ratio = statistics.median(cluster) / statistics.median(local)
    print(f"{args.pages} pages, 2 workers, {args.rounds} alternating rounds")
    print(f"local pool : {' '.join(f'{t:.1f}' for t in local)} s (median {statistics.median(local):.1f} s)")
    print(
        f"dask cluster: {' '.join(f'{t:.1f}' for t in cluster)} s (median {statistics.median(cluster):.1f} s)"
    )
    print(f"cluster / local = {ratio:.3f} (target <= 1.10); same text: {same}")


if __name__ == "__main__":
    main()
