"""One start-up path: the window and the commands log to one rotating file, and so do their workers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.integration.corpus import ROOT, run_cli
from tests.pdfgen import text_pdf

#: The windowed Windows executable's start: no console, so no stdout and no stderr at all.
WINDOWED = (
    "import sys\n"
    "sys.stdout = sys.stderr = None\n"
    "from app.cli.main import main\n"
    "raise SystemExit(main(sys.argv[1:]))\n"
)


def broken_page_tree(tmp: Path) -> Path:
    """A document whose second page is an object that is not a page: its worker logs a warning."""
    source = text_pdf(
        tmp / "source.pdf", ["The first page reads fine, with enough words to be text.", "Lost."]
    )
    data = source.read_bytes()
    first_kid = re.search(rb"/Kids \[(\d+) 0 R", data)
    assert first_kid is not None
    broken = tmp / "broken tree.pdf"
    broken.write_bytes(re.sub(rb"/Kids \[[^\]]*\]", b"/Kids [" + first_kid.group(1) + b" 0 R 99 0 R]", data))
    return broken


def test_the_window_without_a_console_logs_to_the_file_and_so_do_its_workers(tmp_path: Path) -> None:
    # Given a document with a page a worker cannot load, and the window started as the windowed
    # executable starts it: offscreen, with no stdout and no stderr
    broken = broken_page_tree(tmp_path)
    logs = tmp_path / "logs"
    env = {
        **os.environ,
        "SCRIBA_LOG_DIR": str(logs),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # the window's settings file
    }
    # When it reads the document and quits
    done = subprocess.run(
        [sys.executable, "-c", WINDOWED, "--exit-when-done", str(broken)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Then the log file says the window started, and holds the worker's warning with file and page
    assert done.returncode == 0, done.stderr  # the document was read (one page of it failed)
    assert done.stdout == done.stderr == ""
    written = (logs / "scriba.log").read_text(encoding="utf-8")
    assert re.search(r"INFO app\.cli\.startup: Scriba \S+ \(window\)", written), written
    assert re.search(
        r"WARNING app\.core\.running\.worker\[worker \d+\]: broken tree\.pdf: page 2 is damaged", written
    )


def test_a_command_and_its_workers_log_to_the_same_file(tmp_path: Path) -> None:
    # Given the same document, read by ``scriba ocr``
    broken = broken_page_tree(tmp_path)
    done = run_cli("ocr", broken, "-o", tmp_path / "out.txt", "--progress", "none", timeout=120)
    # Then the command names the page on stderr, and the log file (SCRIBA_LOG_DIR) has both the
    # command's start and the worker's own record of the page
    assert done.returncode == 1
    assert "broken tree.pdf: page 2 could not be read" in done.stderr
    written = (Path(os.environ["SCRIBA_LOG_DIR"]) / "scriba.log").read_text(encoding="utf-8")
    assert "(scriba ocr)" in written
    assert re.search(r"\[worker \d+\]: broken tree\.pdf: page 2 is damaged", written), written
    assert "fine" not in written  # never the recognised words
