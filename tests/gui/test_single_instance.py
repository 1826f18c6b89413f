"""One Scriba: a second launch hands its files to the running window, across real processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir

from app.core.storage.cache import ResultCache
from app.gui import single_instance
from tests.pdfgen import scanned_pdf

RUN_TIMEOUT = 180


def _launch(files: list[Path], *, exit_when_done: bool, home: Path) -> subprocess.Popen[bytes]:
    """``python -m app`` as a user starts it (offscreen), with this test's cache, logs and settings."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"))
    command = [
        sys.executable,
        "-m",
        "app",
        *(["--exit-when-done"] if exit_when_done else []),
        *map(str, files),
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _log(home: Path) -> str:
    path = home / "logs" / "scriba.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _documents_read() -> int:
    cache = ResultCache.open()
    try:
        return cache.info().documents
    finally:
        cache.close()


@pytest.fixture
def report_pdf(tmp_path: Path) -> Path:
    """Long enough that the first window is still reading when the second launch arrives."""
    pages = [f"Annual report page {n}\nThe archive keeps every box it was given." for n in range(1, 9)]
    return scanned_pdf(tmp_path / "report.pdf", pages, dpi=150)


@pytest.mark.slow
def test_two_launches_at_the_same_moment_make_one_window_that_reads_both(
    qtbot, tmp_path: Path, memo_pdf: Path, letter_pdf: Path
) -> None:
    # Given two launches started together, as Explorer does for two double-clicked PDFs
    started = time.monotonic()
    first = _launch([memo_pdf], exit_when_done=True, home=tmp_path)
    second = _launch([letter_pdf], exit_when_done=True, home=tmp_path)
    launches = [first, second]
    try:
        # Then one of them hands its file to the other and is gone at once
        qtbot.waitUntil(lambda: any(p.poll() is not None for p in launches), timeout=RUN_TIMEOUT * 1000)
        quick = next(p for p in launches if p.poll() is not None)
        window = second if quick is first else first
        assert quick.returncode == 0, quick.stderr.read() if quick.stderr else ""
        assert time.monotonic() - started < 30
        assert window.poll() is None  # the window is still reading
        # And the window reads both documents before it quits with 0
        assert window.wait(RUN_TIMEOUT) == 0
    finally:
        for launch in launches:
            if launch.poll() is None:
                launch.kill()
            launch.communicate()
    log = _log(tmp_path)
    assert f"process {quick.pid} handed 1 file(s) to the running window" in log
    assert f"1 file(s) handed over to process {window.pid}" in log
    assert log.count("listening on") == 1  # one window, one set of workers
    assert _documents_read() == 2


@pytest.mark.slow
def test_a_later_launch_exits_at_once_and_the_window_reads_its_file_before_quitting(
    qtbot, tmp_path: Path, report_pdf: Path, memo_pdf: Path
) -> None:
    # Given a window reading a document, started with --exit-when-done
    window = _launch([report_pdf], exit_when_done=True, home=tmp_path)
    later = None
    try:
        qtbot.waitUntil(lambda: f"process {window.pid} listening on" in _log(tmp_path), timeout=60_000)
        # When Scriba is launched again with another file (no --exit-when-done: a double click)
        started = time.monotonic()
        later = _launch([memo_pdf], exit_when_done=False, home=tmp_path)
        # Then that launch opens no window: it exits 0 within seconds
        assert later.wait(30) == 0
        elapsed = time.monotonic() - started
        assert elapsed < 15, elapsed
        # And the first window reads the handed file too before it quits, with 0
        assert window.wait(RUN_TIMEOUT) == 0
    finally:
        for launch in (window, later):
            if launch is not None:
                if launch.poll() is None:
                    launch.kill()
                launch.communicate()
    log = _log(tmp_path)
    assert f"process {later.pid} handed 1 file(s) to the running window" in log
    assert f"process {later.pid} listening" not in log
    assert _documents_read() == 2


def _name(tmp_path: Path) -> str:
    return f"scriba-test-{os.getpid()}-{abs(hash(tmp_path)) % 10**8}"


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe leaves nothing behind on Windows")
def test_a_socket_left_by_a_crashed_scriba_is_taken_over(qtbot, tmp_path: Path, memo_pdf: Path) -> None:
    # Given the socket file of a Scriba that crashed: there, but nobody listening
    name = _name(tmp_path)
    path = QDir.temp().filePath(name)
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)
    stale.close()
    assert Path(path).exists()
    # When Scriba starts
    handed, server = single_instance.claim([memo_pdf], name=name)
    # Then it does not wait for the dead one: it becomes the one Scriba, and a later launch finds it
    assert not handed and server is not None
    try:
        with qtbot.waitSignal(server.filesReceived, timeout=5_000) as received:
            assert single_instance.claim([memo_pdf], name=name, answer_ms=100) == (True, None)
        assert received.args == [[memo_pdf.absolute()]]
    finally:
        server.stop_accepting()
        server.deleteLater()


def test_a_busy_window_gets_the_files_when_it_is_free(qtbot, tmp_path: Path, memo_pdf: Path) -> None:
    # Given a running Scriba whose GUI thread is busy (here: this test, not returning to the loop)
    name = _name(tmp_path)
    handed, server = single_instance.claim([], name=name)
    assert not handed and server is not None
    received: list[list[Path]] = []
    server.filesReceived.connect(received.append)
    try:
        # When a second launch hands a file over, it does not wait long for the answer
        started = time.monotonic()
        assert single_instance.claim([memo_pdf], name=name, answer_ms=300) == (True, None)
        assert time.monotonic() - started < 3
        assert received == []
        # Then the window reads it from the socket as soon as it is back in its event loop
        qtbot.waitUntil(lambda: received == [[memo_pdf.absolute()]], timeout=5_000)
    finally:
        server.stop_accepting()
        server.deleteLater()


def test_a_window_that_is_quitting_lets_the_next_launch_open_its_own(qtbot, tmp_path: Path) -> None:
    # Given a Scriba that has decided to quit (--exit-when-done, its files read)
    name = _name(tmp_path)
    _handed, first = single_instance.claim([], name=name)
    assert first is not None
    first.stop_accepting()
    # When Scriba is launched again, it becomes the window itself rather than handing files to nobody
    handed, second = single_instance.claim([tmp_path / "new.pdf"], name=name)
    try:
        assert not handed and second is not None
    finally:
        for server in (first, second):
            if server is not None:
                server.stop_accepting()
                server.deleteLater()


def test_the_name_is_private_to_the_user_and_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    name = single_instance.server_name()
    base = Path(name).name
    assert base.startswith("scriba-") and len(base) == len("scriba-") + 16
    monkeypatch.setenv("SCRIBA_CACHE_DIR", str(tmp_path / "another cache"))
    assert single_instance.server_name() != name
    if sys.platform != "win32":
        # Not in the shared temp folder, where another user could take the name first: in a
        # folder only this user may enter
        folder = Path(name).parent
        assert folder.is_absolute() and folder.stat().st_uid == os.getuid()
        assert not folder.stat().st_mode & 0o077
