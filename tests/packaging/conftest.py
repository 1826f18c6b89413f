"""Shared by the packaging tests: the frozen app, built once per session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXE = ".exe" if sys.platform == "win32" else ""
BUILD_TIMEOUT = 1800  # a clean build on a busy 2-core machine


@pytest.fixture(scope="session")
def frozen() -> Path:
    """dist/Scriba, built by installer/build (or reused when nothing it is made of changed)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build"), "--freeze-only"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    folder = Path(result.stdout.strip().splitlines()[-1])
    assert (folder / f"scriba-cli{EXE}").is_file()
    return folder
