"""Shared test setup: every test gets its own cache and log folder, and must leave no process behind."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRIBA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SCRIBA_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("LANG", "C.UTF-8")  # messages asserted in English unless a test says otherwise
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)


def _resource_tracker_pid() -> int | None:
    """multiprocessing's own helper process: it lives as long as the test session, by design."""
    from multiprocessing import resource_tracker

    return getattr(resource_tracker._resource_tracker, "_pid", None)


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.fixture(autouse=True)
def _no_child_processes() -> Iterator[None]:
    """Fail any test that leaves a child process (worker, CLI, Xvfb) running."""
    yield
    me = psutil.Process()
    deadline = time.monotonic() + 3.0
    while True:
        children = [c for c in me.children(recursive=True) if c.pid != _resource_tracker_pid() and _alive(c)]
        if not children or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    for child in children:
        child.kill()
    assert not children, f"processes left behind: {[c.pid for c in children]}"
