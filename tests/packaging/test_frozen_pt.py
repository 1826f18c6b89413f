"""The frozen app speaks Portuguese on its own: Qt's catalog is in the bundle where Qt looks for
it, and the command line's help, argparse's words included, is Portuguese under a pt locale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.test_frozen import EXE, RUN_TIMEOUT, env  # noqa: F401  (env is a fixture)

pytestmark = pytest.mark.packaging


def test_frozen_cli_help_is_portuguese(frozen: Path, env: dict[str, str]) -> None:  # noqa: F811
    done = subprocess.run(
        [str(frozen / f"scriba-cli{EXE}"), "ocr", "--help"],
        env={**env, "LANG": "pt_BR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=RUN_TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("uso: scriba ocr")
    assert "argumentos posicionais:" in done.stdout and "mostra esta ajuda e sai" in done.stdout


@pytest.mark.skipif(
    sys.platform == "win32", reason="the window's settings live in the registry there, not in a file"
)
def test_frozen_window_finds_qt_s_portuguese_catalog(frozen: Path, env: dict[str, str]) -> None:  # noqa: F811
    # Given the window set to Portuguese in its settings file
    config = Path(env["XDG_CONFIG_HOME"]) / "Scriba"
    config.mkdir(parents=True)
    (config / "Scriba.conf").write_text("[ui]\nlanguage=pt_BR\n", encoding="utf-8")
    # When the frozen window starts and quits
    done = subprocess.run(
        [str(frozen / f"Scriba{EXE}"), "--exit-when-done"],
        env={**env, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    # Then it loaded both catalogs: app.gui.i18n logs "No Qt translation for pt_BR in <folder>"
    # when qtbase_pt_BR.qm is not where Qt looks (seen by taking the file out of dist/Scriba)
    assert done.returncode == 0, done.stderr
    log = (Path(env["SCRIBA_LOG_DIR"]) / "scriba.log").read_text(encoding="utf-8")
    assert "(window)" in log
    assert "translation" not in log.lower(), log
