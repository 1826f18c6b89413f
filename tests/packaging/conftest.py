"""Shared by the packaging tests: the frozen app, built once per session."""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXE = ".exe" if sys.platform == "win32" else ""
BUILD_TIMEOUT = 1800  # a clean build on a busy 2-core machine
#: PyInstaller's config and cache folder: beside the build, not in HOME (which the tests point
#: at a folder that must stay empty; tests/conftest.py).
PYINSTALLER_CACHE = ROOT / "build" / "pyinstaller-cache"


def allow_seconds(seconds: float) -> None:
    """This step may rightly take up to ``seconds``: re-arm pytest's hang detector for it.

    pytest dumps every thread's stack once a test runs past ``faulthandler_timeout`` (300 s),
    a hang detector meant for the unit tests. A clean build or the installer check under Wine
    takes longer while all is well; each test re-arms the timer at its start (pytest), so the
    dump would land in the middle of a test that passes. Past ``seconds`` (the step's own
    subprocess timeout, and a minute), a dump is a real hang worth seeing. The dump goes to
    standard error, which pytest captures and shows with a failure.
    """
    assert sys.__stderr__ is not None
    faulthandler.dump_traceback_later(seconds + 60, file=sys.__stderr__)


def build_env() -> dict[str, str]:
    return {**os.environ, "PYINSTALLER_CONFIG_DIR": str(PYINSTALLER_CACHE)}


@pytest.fixture(scope="session")
def frozen() -> Path:
    """dist/Scriba, built by installer/build (or reused when nothing it is made of changed)."""
    allow_seconds(BUILD_TIMEOUT)
    result = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build"), "--freeze-only"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
        env=build_env(),
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    folder = Path(result.stdout.strip().splitlines()[-1])
    assert (folder / f"scriba-cli{EXE}").is_file()
    return folder
