"""installer/build --check: the NSIS installer installs, registers and uninstalls cleanly.

On Linux it runs under Wine around the Linux payload (the mechanics of the installer, not the
app); it needs ``makensis`` and ``wine`` (Debian: nsis, wine, wine64). The Windows workflow runs
the same check natively, so here it is Linux-only.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import allow_seconds, build_env

ROOT = Path(__file__).resolve().parents[2]
CHECK_TIMEOUT = 1800

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(sys.platform == "win32", reason="the Windows workflow runs installer/build --check"),
    pytest.mark.skipif(
        shutil.which("makensis") is None or shutil.which("wine") is None,
        reason="needs makensis and wine (apt-get install nsis wine wine64)",
    ),
]


def test_installer_installs_registers_and_uninstalls(frozen: Path) -> None:
    allow_seconds(CHECK_TIMEOUT)  # booting a Wine prefix and three install cycles: minutes
    result = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build"), "--check", "--payload", str(frozen)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=CHECK_TIMEOUT,
        check=False,
        env=build_env(),
    )
    print(result.stdout[-6000:])
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "[FAIL]" not in result.stdout
    assert result.stdout.count("[ok]") >= 60, "every install/uninstall cycle was checked"
    setup = Path(result.stdout.strip().splitlines()[-1])
    assert setup.name.startswith("Scriba-") and setup.name.endswith("-Setup.exe") and setup.is_file()
