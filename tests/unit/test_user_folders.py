"""The tests' own guard: the folders the app would use for the user are each test's tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs

from app.core.logs import log_dir
from tests.conftest import _SESSION

#: The environment as it was when this module was imported, before any test's fixtures ran.
IMPORT_TIME = dict(os.environ)
KINDS = ("user_cache_dir", "user_log_dir", "user_config_dir", "user_data_dir", "user_state_dir")


def test_every_user_folder_of_the_app_lies_in_the_tests_own_folder(tmp_path: Path) -> None:
    # Given the environment a test runs in
    # When the app asks where the user's folders are, in this process and in a child
    here = [Path(getattr(platformdirs, kind)("Scriba", appauthor=False)) for kind in KINDS]
    script = "import platformdirs\n" + "".join(
        f"print(platformdirs.{kind}('Scriba', appauthor=False))\n" for kind in KINDS
    )
    child = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    # Then every one of them is under this test's tmp_path, and so are the cache and the log
    for folder in [
        *here,
        *map(Path, child.stdout.splitlines()),
        Path(os.environ["SCRIBA_CACHE_DIR"]),
        log_dir(),
    ]:
        assert folder.is_relative_to(tmp_path), folder


def test_an_environment_copied_before_any_test_ran_points_into_the_session_folder() -> None:
    # Given the environment as it was when the test modules were imported (conftest set it)
    # Then HOME, the XDG folders and Scriba's own folders lie in the session's folder
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        assert Path(IMPORT_TIME[name]).is_relative_to(_SESSION), name
    for name in ("SCRIBA_CACHE_DIR", "SCRIBA_LOG_DIR"):
        assert Path(IMPORT_TIME[name]).is_relative_to(_SESSION), name
