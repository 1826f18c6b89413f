"""The cluster executor on a real local Dask cluster: a scheduler and two workers the test starts."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from app.core.jobs import JobEvent, JobFinished, JobRequest, JobState, PageDone
from app.core.options import OcrOptions
from app.core.resources import resource_dir
from app.core.running.cluster import connect
from app.core.running.scheduler import JobManager
from tests.integration.test_serve import serving, upload, wait_status
from tests.local_services import start_dask, stop
from tests.pdfgen import scanned_pdf

pytest.importorskip("distributed")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[str]:
    """``tcp://127.0.0.1:PORT`` of a scheduler with two one-thread workers; all stopped after."""
    with (tmp_path / "dask.log").open("ab") as log:
        address, processes = start_dask(tmp_path, log)
        try:
            yield address
        finally:
            stop(processes)


def _page(n: int) -> str:
    return f"Folha {n + 1} do processo\nO protocolo número {5100 + n} foi recebido."


def _scriba(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SCRIBA_CACHE_DIR=str(tmp_path / "cache"), SCRIBA_LOG_DIR=str(tmp_path / "logs"))
    return subprocess.run(
        [sys.executable, "-m", "app", "ocr", *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_the_cluster_gives_the_same_text_as_a_local_run(cluster: str, tmp_path: Path) -> None:
    # Given a real scan (a sideways page among them) and a generated case file
    sample = resource_dir() / "samples" / "amostra-digitalizada.pdf"
    generated = scanned_pdf(tmp_path / "case.pdf", [_page(n) for n in range(3)])
    for source in (sample, generated):
        # When it is read on the cluster and locally
        remote = _scriba(
            str(source),
            "--cluster",
            cluster,
            "--no-cache",
            "-o",
            str(tmp_path / "remote.txt"),
            tmp_path=tmp_path,
        )
        local = _scriba(str(source), "--no-cache", "-o", str(tmp_path / "local.txt"), tmp_path=tmp_path)
        # Then both succeed with the same characters
        assert remote.returncode == 0, remote.stderr
        assert local.returncode == 0, local.stderr
        text = (tmp_path / "remote.txt").read_text(encoding="utf-8")
        assert text == (tmp_path / "local.txt").read_text(encoding="utf-8")
    assert "5102" in text and "protocolo" in text
    # And `scriba serve --cluster` reads uploads there too
    with serving(tmp_path, "--cluster", cluster) as client:
        job_id = upload(client, generated, lang="por").json()["job_id"]
        assert wait_status(client, job_id, {"done"})["pages_done"] == 3
        assert "5101" in client.get(f"/result/{job_id}").json()["text"]


def _watch(manager: JobManager) -> tuple[list[PageDone], list[JobFinished], threading.Event, threading.Event]:
    pages: list[PageDone] = []
    finished: list[JobFinished] = []
    first, end = threading.Event(), threading.Event()

    def on_event(event: JobEvent) -> None:
        if isinstance(event, PageDone):
            pages.append(event)
            first.set()
        elif isinstance(event, JobFinished):
            finished.append(event)
            end.set()

    manager.add_listener(on_event)
    return pages, finished, first, end


def test_a_worker_that_dies_mid_page_costs_no_page(cluster: str, tmp_path: Path) -> None:
    # Given an 8-page document read on the cluster
    document = scanned_pdf(tmp_path / "long.pdf", [_page(n) for n in range(8)])
    executor = connect(cluster)
    manager = JobManager(cache=None, executor=executor)
    pages, finished, first, end = _watch(manager)
    try:
        job = manager.submit(JobRequest(document, OcrOptions(languages="por"), use_cache=False))
        assert first.wait(120)
        # When one Dask worker process is killed while it reads a page
        client = executor._client  # noqa: SLF001
        pids = client.run(os.getpid)
        busy = next(address for address, keys in client.processing().items() if keys)
        psutil.Process(pids[busy]).kill()
        # Then the document completes, every page read, none failed
        assert end.wait(240)
        assert finished[0].state is JobState.DONE and not finished[0].failed_pages
        results = manager.results(job)
        assert [r.page for r in results] == list(range(8))
        assert all(f"{5100 + r.page}" in r.text for r in results)
    finally:
        manager.shutdown()


def test_cancel_drops_the_queued_pages_at_once(cluster: str, tmp_path: Path) -> None:
    # Given a 24-page document being read on the cluster
    document = scanned_pdf(tmp_path / "long.pdf", [_page(n) for n in range(24)])
    executor = connect(cluster)
    client = executor._client  # noqa: SLF001
    manager = JobManager(cache=None, executor=executor)
    pages, finished, first, end = _watch(manager)
    try:
        job = manager.submit(JobRequest(document, OcrOptions(languages="por"), use_cache=False))
        assert first.wait(120)
        # When it is cancelled
        started = time.monotonic()
        manager.cancel(job)
        # Then it ends within 2 s, its pages so far kept
        assert end.wait(2.0)
        assert time.monotonic() - started < 2.0
        assert finished[0].state is JobState.CANCELLED
        assert 1 <= len(manager.results(job)) < 24

        # And the cluster holds no queued page of it: at most the two running ones finish there
        def waiting(dask_scheduler: object) -> int:
            tasks = dask_scheduler.tasks.values()  # type: ignore[attr-defined]
            return sum(1 for t in tasks if str(t.key).startswith("scriba-task") and t.state != "memory")

        assert client.run_on_scheduler(waiting) <= 2
    finally:
        manager.shutdown()
