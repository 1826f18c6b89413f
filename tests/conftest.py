"""Shared test setup: the user's folders stay untouched, every test gets its own cache and log
folder, and no test may leave a process behind.

At import, before any test module copies ``os.environ`` (some build a child's environment at
import time), HOME and the XDG folders (on Windows also USERPROFILE, APPDATA, LOCALAPPDATA and
platformdirs' overrides of the shell's known folders) point into one folder for the session, and
so do Scriba's own cache and log folders. Each test then points them at its own ``tmp_path``.
When the session ends, ``_user_folders_untouched`` fails the run if the session's home holds
anything, or if the real user's Scriba folders gained a file.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import psutil
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _user_folders() -> list[Path]:
    """Where Scriba keeps its files for the user running the tests (as the app finds them)."""
    kinds = (
        platformdirs.user_cache_dir,
        platformdirs.user_log_dir,
        platformdirs.user_config_dir,
        platformdirs.user_data_dir,
        platformdirs.user_state_dir,
    )
    return sorted({Path(kind("Scriba", appauthor=False)) for kind in kinds})


def _files(folders: list[Path]) -> set[Path]:
    return {path for folder in folders if folder.is_dir() for path in folder.rglob("*") if path.is_file()}


def _home_folders(home: Path) -> dict[str, Path]:
    """The variables that say where a user's folders are, each pointed under ``home``."""
    folders = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_STATE_HOME": home / ".local" / "state",
    }
    if sys.platform == "win32":
        # platformdirs asks the shell (SHGetKnownFolderPath), not APPDATA, unless overridden.
        roaming, local = home / "AppData" / "Roaming", home / "AppData" / "Local"
        folders |= {
            "USERPROFILE": home,
            "APPDATA": roaming,
            "LOCALAPPDATA": local,
            "WIN_PD_OVERRIDE_APPDATA": roaming,
            "WIN_PD_OVERRIDE_LOCAL_APPDATA": local,
        }
    return folders


#: The real user's Scriba files when the session began (found before HOME moves).
_REAL_FOLDERS = _user_folders()
_REAL_FILES = _files(_REAL_FOLDERS)
#: One folder for the whole session: a fake home, and Scriba's folders outside it.
_SESSION = Path(tempfile.mkdtemp(prefix="scriba-tests-"))
_SESSION_HOME = _SESSION / "home"
_SESSION_HOME.mkdir()
os.environ.update({name: str(path) for name, path in _home_folders(_SESSION_HOME).items()})
os.environ["SCRIBA_CACHE_DIR"] = str(_SESSION / "cache")
os.environ["SCRIBA_LOG_DIR"] = str(_SESSION / "logs")

#: SQLite's companions of an open database: present while any Scriba runs (the user's own
#: window, during the session), not files this session left.
_TRANSIENT = ("-wal", "-shm", "-journal")


@pytest.fixture(scope="session", autouse=True)
def _user_folders_untouched() -> Iterator[None]:
    """HOME and the XDG folders pointed elsewhere must leave nothing there, and nothing new
    may appear in the real user's Scriba folders."""
    yield
    left = sorted(str(p.relative_to(_SESSION_HOME)) for p in _SESSION_HOME.rglob("*") if not p.is_dir())
    gained = sorted(str(p) for p in _files(_REAL_FOLDERS) - _REAL_FILES if not p.name.endswith(_TRANSIENT))
    shutil.rmtree(_SESSION, ignore_errors=True)
    assert not left, f"tests wrote into the session's HOME/XDG folders instead of their tmp_path: {left}"
    assert not gained, (
        f"new files in the user's own Scriba folders (a test, or a Scriba run outside the tests): {gained}"
    )


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRIBA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SCRIBA_LOG_DIR", str(tmp_path / "logs"))
    for name, path in _home_folders(tmp_path / "home").items():
        monkeypatch.setenv(name, str(path))
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
