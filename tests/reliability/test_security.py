"""What SECURITY.md promises, checked: no network, user-only files, no text in logs, no core files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.jobs import JobRequest
from app.core.running.scheduler import JobManager
from tests.integration.corpus import run_cli
from tests.reliability import odd_inputs as odd

#: Installed in every Python process of the run (the CLI and each spawned worker) through
#: sitecustomize: any attempt to reach a network is written down, then refused.
NETWORK_TRAP = """
import os, sys
_LOG = os.environ["SCRIBA_TEST_NETWORK_LOG"]
_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto", "urllib.Request"}
def _hook(event, args):
    if event in _EVENTS:
        with open(_LOG, "a") as log:
            log.write(f"{os.getpid()} {event} {args!r}\\n")
        raise PermissionError("network access during a test")
sys.addaudithook(_hook)
"""


def test_reading_documents_never_touches_the_network(tmp_path: Path) -> None:
    # Given every process of the run reporting any network call
    trap = tmp_path / "trap"
    trap.mkdir()
    (trap / "sitecustomize.py").write_text(NETWORK_TRAP)
    log = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(trap), os.environ.get("PYTHONPATH", "")]),
        "SCRIBA_TEST_NETWORK_LOG": str(log),
    }
    pdf = odd.scan_of_words(tmp_path / "carta.pdf")
    form = odd.form_pdf(tmp_path / "form.pdf")
    # When documents are read and exported in every format
    for fmt in ("txt", "docx", "pdf"):
        done = run_cli(
            "ocr", pdf, form, "--out-dir", tmp_path / fmt, "--format", fmt, "--progress", "none", env=env
        )
        assert done.returncode == 0, done.stderr
    # Then the trap was armed (workers included) and never sprang
    assert (tmp_path / "txt" / "carta.txt").exists()
    assert not log.exists(), log.read_text()


def test_the_trap_really_catches_a_connection(tmp_path: Path) -> None:
    trap = tmp_path / "trap"
    trap.mkdir()
    (trap / "sitecustomize.py").write_text(NETWORK_TRAP)
    log = tmp_path / "network.log"
    env = {**os.environ, "PYTHONPATH": str(trap), "SCRIBA_TEST_NETWORK_LOG": str(log)}
    code = "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 9), timeout=0.1)\nexcept OSError: pass"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=30)
    assert "socket." in log.read_text()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_cache_and_logs_are_the_users_alone_and_logs_hold_no_text(tmp_path: Path) -> None:
    # Given a document with distinctive words, read with verbose logging and the cache on
    pdf = odd.scan_of_words(tmp_path / "carta.pdf")
    cache, logs = tmp_path / "cache", tmp_path / "logs"
    env = {**os.environ, "SCRIBA_CACHE_DIR": str(cache), "SCRIBA_LOG_DIR": str(logs)}
    done = run_cli("ocr", pdf, "-o", tmp_path / "carta.txt", "--progress", "none", "-v", env=env)
    assert done.returncode == 0, done.stderr
    assert "quick brown fox" in (tmp_path / "carta.txt").read_text()
    # Then the cache and log folders are closed to other users, the database too
    for folder in (cache, logs):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((cache / "results.sqlite3").stat().st_mode) == 0o600
    # And the log names files and pages but never their words
    written = "".join(p.read_text(encoding="utf-8") for p in logs.iterdir())
    assert (logs / "scriba.log").exists()
    for word in ("Invoice", "quick", "brown", "lazy"):
        assert word not in written
        assert word not in done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_never_write_core_files(tmp_path: Path) -> None:
    # Given a running worker
    with JobManager(1, None) as manager:
        job = manager.submit(JobRequest(odd.scan_of_words(tmp_path / "carta.pdf")))
        assert manager.wait(120)
        assert manager.results(job)
        [pid] = manager.worker_pids()
        limits = Path(f"/proc/{pid}/limits").read_text()
    # Then a crash could not dump its memory (the pages it was reading) to disk
    [line] = [line for line in limits.splitlines() if line.startswith("Max core file size")]
    assert line.split()[4:6] == ["0", "0"], line
