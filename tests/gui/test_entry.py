"""The entry point, resume on start, the end of the queue, and a clean shutdown."""

from __future__ import annotations

from pathlib import Path

import psutil
from PySide6.QtCore import QSettings

from app.core.jobs import JobRequest, JobState
from app.core.storage.cache import ResultCache
from app.gui.main import run_gui

OCR_TIMEOUT = 120_000


def test_exit_when_done_returns_0_when_every_file_was_read(memo_pdf: Path) -> None:
    assert run_gui([memo_pdf], exit_when_done=True) == 0


def test_exit_when_done_returns_1_when_a_file_failed(
    memo_pdf: Path, damaged_pdf: Path, tmp_path: Path
) -> None:
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"png")
    assert run_gui([memo_pdf, damaged_pdf], exit_when_done=True) == 1
    assert run_gui([picture], exit_when_done=True) == 1  # a skipped non-PDF counts as failed


def test_exit_when_done_waits_for_the_pdfs_found_in_a_folder(memo_pdf: Path, tmp_path: Path) -> None:
    # Given a folder holding one PDF and, separately, a folder holding none
    inbox = tmp_path / "inbox" / "2024"
    inbox.mkdir(parents=True)
    memo_pdf.rename(inbox / "memo.pdf")
    empty = tmp_path / "empty"
    empty.mkdir()
    # Then the window quits with 0 once the PDF found there was read, and with 1 when none was found
    assert run_gui([tmp_path / "inbox"], exit_when_done=True) == 0
    assert run_gui([empty], exit_when_done=True) == 1


def test_unfinished_documents_from_last_time_are_offered(make_window, qtbot, memo_pdf: Path) -> None:
    # Given a document the last session did not finish
    cache = ResultCache.open()
    cache.remember_job(JobRequest(memo_pdf), None)
    cache.close()
    # When the window opens
    window = make_window()
    # Then it offers to resume it, and resuming reads it
    assert window.banner.isVisible()
    assert window.banner.label.text() == "Resume 1 unfinished document from last time (memo.pdf)?"
    window.banner.resume_button.click()
    assert not window.banner.isVisible()
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)


def test_dismissed_documents_are_not_offered_again(make_window, qtbot, memo_pdf: Path) -> None:
    cache = ResultCache.open()
    cache.remember_job(JobRequest(memo_pdf), None)
    make_window().banner.dismiss_button.click()
    # The dispatcher thread, the cache's one writer, forgets them: soon, not during the click.
    qtbot.waitUntil(lambda: cache.pending_jobs() == [], timeout=5_000)
    cache.close()


def test_queue_end_quits_when_the_setting_says_so(make_window, qtbot, memo_pdf: Path) -> None:
    QSettings().setValue("ui/when_done", "quit")
    window = make_window([memo_pdf])
    with qtbot.waitSignal(window.controller.queueFinished, timeout=OCR_TIMEOUT) as signal:
        pass
    assert signal.args == [1, 0, 0]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)


def test_closing_the_window_stops_every_worker(make_window, qtbot, long_pdf: Path) -> None:
    # Given OCR in full swing
    window = make_window([long_pdf])
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].done >= 1, timeout=OCR_TIMEOUT)
    workers = [psutil.Process(pid) for pid in window.controller.manager.worker_pids()]
    assert workers
    # When the window is closed mid-document
    window.close()
    # Then the workers are gone (the autouse leak check also covers threads and other children)
    _gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive
    assert window.controller.manager is None


def test_about_names_tesseract_and_the_bundled_models(qapp) -> None:
    import re

    from app.gui.about import about_html

    text = about_html()
    assert re.search(r"Tesseract</b></td><td>5\.\d+\.\d+ \(tesserocr \d", text)
    assert "eng — " in text and "por — " in text and "osd — " in text
