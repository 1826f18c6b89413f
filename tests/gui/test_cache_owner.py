"""The window never writes the cache on the GUI thread, and its cap is the one `scriba ocr` keeps to."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.defaults import MIB
from app.core.jobs import JobRequest, JobState
from app.core.storage.cache import ResultCache
from app.core.storage.database import Database, default_dir
from app.gui.settings_dialog import SettingsDialog
from tests.integration.corpus import run_cli
from tests.unit.test_cache_store import cached_documents, fill

OCR_TIMEOUT = 120_000


@contextmanager
def own_cache() -> Iterator[ResultCache]:
    """The test's own look at the window's cache (reads, or writes made before the window starts)."""
    cache = ResultCache.open()
    try:
        yield cache
    finally:
        cache.close()


def stored_cap() -> int:
    with own_cache() as cache:
        return cache.limits.max_bytes


@pytest.fixture
def writers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, int]]]:
    """``(what, thread id)`` of every write to any cache from now on: each goes through one of these."""
    seen: list[tuple[str, int]] = []
    writing, compact = Database.writing, Database.compact

    def recorded_writing(self: Database) -> AbstractContextManager[object]:
        seen.append(("write", threading.get_ident()))
        return writing(self)

    def recorded_compact(self: Database) -> None:
        seen.append(("compact", threading.get_ident()))
        compact(self)

    monkeypatch.setattr(Database, "writing", recorded_writing)
    monkeypatch.setattr(Database, "compact", recorded_compact)
    yield seen


def answer_yes_when_asked() -> None:
    """Press Yes in the question box the next click opens (it runs its own event loop)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(10, press)

    QTimer.singleShot(0, press)


def test_every_cache_write_of_the_window_runs_off_the_gui_thread(
    make_window, qtbot, memo_pdf: Path, tmp_path: Path, writers: list[tuple[str, int]]
) -> None:
    gui = threading.get_ident()
    # Given a document the last session left unfinished (written before the window, by the test)
    with own_cache() as cache:
        cache.remember_job(JobRequest(tmp_path / "unfinished.pdf"), None)
    writers.clear()
    # When the window reads a document, the user declines to resume, changes the cap...
    window = make_window([memo_pdf])
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    window.banner.dismiss_button.click()
    window.settings.set("cache/max_mb", 300)
    # ...and clears the cache in Settings
    dialog = SettingsDialog(window.settings, ["eng", "por"], window.controller, window)
    dialog.show()
    assert dialog.cache_usage.text().startswith("1 document, 1 page,")
    answer_yes_when_asked()
    dialog.clear_cache.click()
    # Then the dialog says it is working (the GUI thread did not wait for the clear)...
    assert dialog.cache_usage.text() == "Clearing the cache…"
    assert not dialog.clear_cache.isEnabled()
    # ...and shows the result when the dispatcher has done it
    qtbot.waitUntil(lambda: dialog.clear_cache.isEnabled(), timeout=10_000)
    assert dialog.cache_usage.text().startswith("Cleared. 0 documents, 0 pages")
    dialog.close()
    # And every write, the page, the journal, the limits and the VACUUM, ran on another thread
    assert {what for what, _ in writers} == {"write", "compact"}
    assert len(writers) >= 6  # remember, set_document, put_page, forget x2, limits, evict, clear
    assert gui not in {thread for _, thread in writers}
    with own_cache() as cache:
        assert cache.pending_jobs() == []
        assert cache.limits.max_bytes == 300 * MIB
        assert cache.info().documents == 0


def test_the_cap_chosen_in_the_window_is_the_one_scriba_ocr_keeps_to(
    make_window, qtbot, memo_pdf: Path, tmp_path: Path
) -> None:
    # Given ~1.8 MiB of results and a window whose settings say 1 MiB (chosen before this version
    # stored it in the cache)
    fill(default_dir(), pages=6).close()
    QSettings().setValue("cache/max_mb", 1)
    # When the window starts: it stores its cap in the cache, and evicts nothing on opening
    window = make_window()
    qtbot.waitUntil(lambda: stored_cap() == MIB, timeout=10_000)
    window.close()
    with own_cache() as cache:
        assert cached_documents(cache) == ["old", "middle", "new"]
    # Then `scriba ocr` keeps the cache to that cap, not to its own 2 GiB default
    done = run_cli("ocr", memo_pdf, "-o", tmp_path / "memo.txt")
    assert done.returncode == 0, done.stderr
    assert "boxes were scanned" in (tmp_path / "memo.txt").read_text()
    with own_cache() as cache:
        assert cached_documents(cache) == ["new"]
        assert cache.info().result_bytes <= MIB
