"""Memory of work (the resume banner's names, the last session's documents listed again) and
progress outside the window (title, the queue's end in words with plural forms), and Tab."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.jobs import JobRequest, JobStarted, JobState
from app.core.storage.cache import ResultCache
from tests.pdfgen import scanned_pdf

OCR_TIMEOUT = 120_000


def _read_and_close(make_window, qtbot, files: list[Path]):
    window = make_window(files)
    model = window.controller.model
    qtbot.waitUntil(lambda: all(row.state is JobState.DONE for row in model.rows()), timeout=OCR_TIMEOUT)
    window.close()
    return window


def test_the_last_sessions_documents_are_listed_again_without_reading_them(
    make_window, qtbot, memo_pdf: Path, letter_pdf: Path
) -> None:
    # Given a session that read two documents
    _read_and_close(make_window, qtbot, [memo_pdf, letter_pdf])
    # When the window opens again
    started: list[JobStarted] = []
    window = _window_listening(qtbot, started.append)
    model = window.controller.model
    # Then both are listed, finished, with their text, served whole from the cache
    assert [row.name for row in model.rows()] == ["memo.pdf", "letter.pdf"]
    qtbot.waitUntil(lambda: all(row.state is JobState.DONE for row in model.rows()), timeout=30_000)
    assert sorted((e.total, e.cached) for e in started) == [(1, 1), (2, 2)]
    assert "Memo" in window.controller.results(model.rows()[0].job_id)[0].text
    assert window.windowTitle() == "Scriba"  # nothing of this session is being read
    assert window.statusBar().currentMessage() == ""  # and no "all documents finished" for them
    # And a document added now is a batch of its own: its end counts it alone
    fresh = scanned_pdf(memo_pdf.parent / "fresh.pdf", ["A fresh page to read"], dpi=150)
    with qtbot.waitSignal(window.controller.queueFinished, timeout=OCR_TIMEOUT) as finished:
        window.add_paths([fresh])
    assert finished.args == [1, 0, 0]
    # And the list can be cleared, so the next session starts empty
    window.menus.clear_finished_action.trigger()
    assert model.rowCount() == 0
    window.close()
    assert make_window().controller.model.rowCount() == 0


def _window_listening(qtbot, listener):
    """The window, with ``listener`` on its bridge's JobStarted before anything is queued (called
    on the manager's thread, as soon as a document is prepared: maybe before start() returns)."""
    from app.gui.controller import AppController
    from app.gui.main import app_icon
    from app.gui.settings import Settings
    from app.gui.window import MainWindow

    settings = Settings()
    controller = AppController(settings)
    window = MainWindow(controller, settings, app_icon())
    qtbot.addWidget(window)
    window.show()
    controller.bridge.jobStarted.connect(listener)
    controller.start([])
    return window


def test_a_listed_document_the_cache_no_longer_holds_is_not_read_again(
    make_window, qtbot, memo_pdf: Path
) -> None:
    # Given a document read last time, whose results were cleared since
    _read_and_close(make_window, qtbot, [memo_pdf])
    cache = ResultCache.open()
    cache.clear()
    cache.close()
    # When the window opens, its row goes away as soon as the cache says it has nothing
    window = make_window()
    model = window.controller.model
    assert model.rowCount() == 1
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=30_000)
    assert window.controller.recent_ids == set()


def test_the_resume_banner_names_the_documents(make_window, tmp_path: Path) -> None:
    # Given five documents the last session did not finish
    cache = ResultCache.open()
    for name in ("a", "b", "c", "d", "e"):
        pdf = scanned_pdf(tmp_path / f"{name}.pdf", [f"Page of {name}"], dpi=100)
        cache.remember_job(JobRequest(pdf), None)
    cache.close()
    # Then the banner names three, and counts the rest
    window = make_window()
    text = window.banner.label.text()
    assert text == "Resume 5 unfinished documents from last time (a.pdf, b.pdf, c.pdf and 2 more)?"
    assert window.banner.label.toolTip().splitlines() == [f"{n}.pdf" for n in "abcde"]
    window.banner.dismiss_button.click()


def test_the_title_shows_progress_and_the_end_counts_each_outcome(
    make_window, qtbot, long_pdf: Path, memo_pdf: Path, damaged_pdf: Path
) -> None:
    # Given three documents: one to finish, one damaged, one to cancel
    window = make_window([memo_pdf, damaged_pdf, long_pdf])
    model = window.controller.model
    titles: list[str] = []
    window.windowTitleChanged.connect(titles.append)
    # While they are read, the title says how far the queue is
    qtbot.waitUntil(lambda: model.rows()[2].done >= 2, timeout=OCR_TIMEOUT)
    assert re.fullmatch(r"\d{1,2} % — Scriba", window.windowTitle()), window.windowTitle()
    percents = [int(t.split()[0]) for t in titles if t != "Scriba"]
    assert percents == sorted(percents) and 0 < percents[-1] < 100
    # When the last one is cancelled, the end is said with each outcome counted apart
    with qtbot.waitSignal(window.controller.queueFinished, timeout=OCR_TIMEOUT) as finished:
        window.controller.cancel([model.rows()[2].job_id])
    assert finished.args == [1, 1, 1]
    assert window.statusBar().currentMessage() == "All documents finished: 1 done, 1 cancelled, 1 not read."
    assert window.windowTitle() == "Scriba"


def test_tab_moves_from_the_list_to_each_pane(make_window, qtbot, memo_pdf: Path) -> None:
    window = make_window([memo_pdf])
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    window.jobs.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.jobs, timeout=5_000)
    seen = []
    for _ in range(4):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    review = window.review
    assert seen == [review.search, review.page_list, review.image, review.text]
