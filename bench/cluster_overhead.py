"""The cluster path's overhead: the same 60-page job on the local pool and on a local Dask cluster.

Both use two workers on this machine (the pool's two processes; a scheduler and two ``dask
worker --nthreads 1``), in alternating rounds of one run, so a noisy machine affects both alike.
The target (issue 18): the cluster's wall time within 10 % of the pool's. The texts must be equal.

    uv run python bench/cluster_overhead.py [--pages 60] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import ROOT, scanned

from tests.local_services import start_dask, stop


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
        log = (folder / "dask.log").open("ab")
        address, processes = start_dask(folder, log)
        try:
            run(source, folder / "warm.txt", folder, "--cluster", address)  # workers load their engines
            local, cluster = [], []
            for _ in range(args.rounds):
                local.append(run(source, folder / "local.txt", folder))
                cluster.append(run(source, folder / "cluster.txt", folder, "--cluster", address))
            same = (folder / "local.txt").read_bytes() == (folder / "cluster.txt").read_bytes()
        finally:
            stop(processes)
            log.close()
    ratio = statistics.median(cluster) / statistics.median(local)
    print(f"{args.pages} pages, 2 workers, {args.rounds} alternating rounds")
    print(f"local pool : {' '.join(f'{t:.1f}' for t in local)} s (median {statistics.median(local):.1f} s)")
    print(
        f"dask cluster: {' '.join(f'{t:.1f}' for t in cluster)} s (median {statistics.median(cluster):.1f} s)"
    )
    print(f"cluster / local = {ratio:.3f} (target <= 1.10); same text: {same}")


if __name__ == "__main__":
    main()
