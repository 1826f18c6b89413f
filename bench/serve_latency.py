"""``scriba serve`` under load: upload and status latency while five jobs are read at once.

Starts a real server (two workers) on a free loopback port, uploads five 10-page scans at once,
then while they are read measures the answer time of ``GET /status`` (200 calls) and of ``POST
/upload`` of a one-page scan (10 calls). The seed backend's promise: a job id within 1 s.

    uv run python bench/serve_latency.py
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from corpus import ROOT, scanned

from tests.local_services import free_port


def _upload(client: httpx.Client, path: Path) -> tuple[float, str]:
    started = time.perf_counter()
    with path.open("rb") as handle:
        response = client.post("/upload", files={"file": (path.name, handle)}, data={"lang": "por+eng"})
    response.raise_for_status()
    return time.perf_counter() - started, str(response.json()["job_id"])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    job = scanned(10)
    single = scanned(1)
    port = free_port()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = dict(os.environ, SCRIBA_CACHE_DIR=str(folder / "cache"), SCRIBA_LOG_DIR=str(folder / "logs"))
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app",
                "serve",
                "--port",
                str(port),
                "--workers",
                "2",
                "--no-cache",
                "--data",
                str(folder / "s"),
            ],
            env=env,
            cwd=ROOT,
        )
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
        try:
            while True:
                try:
                    client.get("/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            ids: list[str] = []
            first: list[float] = []

            def send() -> None:
                seconds, job_id = _upload(client, job)
                first.append(seconds)
                ids.append(job_id)

            threads = [threading.Thread(target=send) for _ in range(5)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            status_times = []
            for n in range(200):
                started = time.perf_counter()
                client.get(f"/status/{ids[n % 5]}").raise_for_status()
                status_times.append(time.perf_counter() - started)
                time.sleep(0.01)
            upload_times = [_upload(client, single)[0] for _ in range(10)]
            still_running = sum(1 for i in ids if client.get(f"/status/{i}").json()["status"] != "done")
        finally:
            client.close()
            server.send_signal(signal.SIGTERM)
            server.wait(60)
    size = job.stat().st_size / 1e6
    print(
        f"five concurrent uploads of a 10-page scan ({size:.1f} MB): {' '.join(f'{t * 1000:.0f}' for t in first)} ms"
    )
    print(
        f"GET /status while 5 jobs run: p50 {statistics.median(status_times) * 1000:.1f} ms, p95 {_percentile(status_times, 0.95) * 1000:.1f} ms, max {max(status_times) * 1000:.1f} ms"
    )
    print(
        f"POST /upload (1 page) while they run: p50 {statistics.median(upload_times) * 1000:.1f} ms, max {max(upload_times) * 1000:.1f} ms"
    )
    print(f"jobs still running at the end of the measurement: {still_running} of 5")


if __name__ == "__main__":
    main()
