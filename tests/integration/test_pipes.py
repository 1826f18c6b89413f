"""``scriba ocr ... | head``: a reader that stops early ends the run quietly, workers included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import psutil

from tests.integration.corpus import ROOT, long_document


def test_json_progress_to_a_reader_that_stops_early_ends_quietly_and_stops_the_workers(
    tmp_path: Path,
) -> None:
    # Given a long run whose JSON progress goes to a reader (``| head -n 3``)
    pdf = long_document(tmp_path, "long.pdf", 12)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "ocr",
            str(pdf),
            "-o",
            str(tmp_path / "long.txt"),
            "--progress",
            "json",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    events = []
    while not events or events[-1]["event"] != "page":
        events.append(json.loads(process.stdout.readline()))
    workers = psutil.Process(process.pid).children(recursive=True)
    assert workers  # the pages are being read
    # When the reader has had enough and closes its end
    process.stdout.close()
    # Then the run stops within seconds, with no traceback, says it did not finish, and no
    # worker lives on
    with process.stderr:
        errors = process.stderr.read()
    assert process.wait(30) == 1
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors
    gone, alive = psutil.wait_procs(workers, timeout=5)
    assert not alive
    assert not (tmp_path / "long.txt").exists()
