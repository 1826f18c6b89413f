"""The window logs where the CLI logs, its workers too, and never a word it read."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.startup import start_logging
from app.core.jobs import JobState
from app.core.logs import WORKER_LOG_VARIABLE

OCR_TIMEOUT = 180_000
#: A damaged page beside a readable one: page 2's Kids entry is not a page (tests/data/odd_pdfs).
DAMAGED = Path(__file__).resolve().parents[1] / "data" / "odd_pdfs" / "gen_kids_not_pages.pdf"
#: Words on the pages that are read (the odd corpus' page 1 and the letter's two pages).
READ_WORDS = ("quick", "brown", "jumps", "lazy", "corpus", "searchable", "invoice", "payment", "thirty")


@pytest.fixture
def window_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The log the window sets up at start (``start_logging("window")``, SCRIBA_LOG_DIR from the
    ``isolated`` fixture); the root logger is put back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    monkeypatch.delenv(WORKER_LOG_VARIABLE, raising=False)
    path = start_logging("window")
    assert path is not None
    yield path
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    del root._scriba_configured  # type: ignore[attr-defined]
    logging.captureWarnings(False)
    os.environ.pop(WORKER_LOG_VARIABLE, None)


def test_a_worker_s_warning_reaches_the_window_s_log_and_no_read_word_does(
    window_log: Path, make_window, letter_pdf: Path, qtbot
) -> None:
    # Given the window, logging as it does when started, and a damaged page among pages it reads
    window = make_window([DAMAGED, letter_pdf])
    rows = window.controller.model.rows
    qtbot.waitUntil(lambda: len(rows()) == 2 and all(r.state.finished for r in rows()), timeout=OCR_TIMEOUT)
    # When the user looks at each document's text in the review pane
    read = ""
    for position, row in enumerate(rows()):
        window.jobs.selectRow(position)  # the list's current row: the review pane shows its pages
        assert window.jobs.current_job_id() == row.job_id
        read += " ".join(page.text for page in window.controller.results(row.job_id)) + "\n"
    read += window.review.text.toPlainText()
    # Then the words really were read (so their absence below means something)...
    assert all(row.state is JobState.DONE for row in rows()), [r.state for r in rows()]
    assert all(word in read.lower() for word in READ_WORDS), read
    # ...the window's log file says the window started and names the damaged file and page, as
    # the worker that met it wrote it...
    written = window_log.read_text(encoding="utf-8")
    assert re.search(r"INFO app\.cli\.startup: Scriba \S+ \(window\)", written), written
    assert re.search(
        r"WARNING app\.core\.running\.worker\[worker \d+\]: gen_kids_not_pages\.pdf: page 2 is damaged",
        written,
    ), written
    # ...and holds not one of the words on the pages
    assert not [word for word in READ_WORDS if word in written.lower()], written
