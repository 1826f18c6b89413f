"""GUI test setup: offscreen Qt, isolated settings and cache, real PDFs, leak checks."""

from __future__ import annotations

import os

# Before anything imports Qt: no display needed, and the same rendering everywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.pdfgen import scanned_pdf

#: Known text per page; assertions look for these words in the results.
LETTER = [
    "Invoice number 4711\nThe quick brown fox jumps over the lazy dog.",
    "Second page of the letter\nPayment is due within thirty days.",
    "Third page closes the letter\nKind regards from the archive.",
]


@pytest.fixture(scope="session", autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """The translators the app installs for English (its plural forms), as run_gui does."""
    from app.gui import i18n

    installed = i18n.install_translators(qapp, "en")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets its own cache, log folder and settings file; nothing touches the user's."""
    monkeypatch.setenv("SCRIBA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SCRIBA_LOG_DIR", str(tmp_path / "logs"))
    # The names the app itself sets (create_application); the path below isolates the file.
    QCoreApplication.setOrganizationName("Scriba")
    QCoreApplication.setApplicationName("Scriba")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    settings = QSettings()
    settings.setValue("jobs/workers", 2)  # this machine has 2 cores; keep tests predictable
    settings.setValue("ui/language", "en")  # the tests read English text whatever the machine's locale
    settings.sync()
    yield tmp_path


@pytest.fixture(autouse=True)
def no_leaks(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a thread, a child process or a visible window behind."""
    threads_before = set(threading.enumerate())
    yield
    QCoreApplication.processEvents()
    children = [p for p in psutil.Process().children(recursive=True) if not _is_resource_tracker(p)]
    _gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, f"child processes left running: {[p.pid for p in alive]}"
    deadline_threads = [t for t in threading.enumerate() if t not in threads_before and t.is_alive()]
    for thread in deadline_threads:
        thread.join(timeout=5)
    leftover = [t.name for t in deadline_threads if t.is_alive()]
    assert not leftover, f"threads left running: {leftover}"
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in visible:
        widget.close()
    assert not visible, f"windows left open: {[type(w).__name__ for w in visible]}"


def _is_resource_tracker(process: psutil.Process) -> bool:
    # multiprocessing starts one resource tracker per interpreter and keeps it: not ours to stop.
    try:
        return any("resource_tracker" in part for part in process.cmdline())
    except psutil.Error:
        return False


@pytest.fixture
def letter_pdf(tmp_path: Path) -> Path:
    return scanned_pdf(tmp_path / "letter.pdf", LETTER[:2], dpi=150)


@pytest.fixture
def memo_pdf(tmp_path: Path) -> Path:
    return scanned_pdf(
        tmp_path / "memo.pdf", ["Memo about the archive\nAll boxes were scanned on Monday."], dpi=150
    )


@pytest.fixture
def long_pdf(tmp_path: Path) -> Path:
    """Enough pages that a cancel lands while it is still running on two workers."""
    pages = [f"Long report page {n}\nThe quick brown fox jumps over the lazy dog." for n in range(1, 31)]
    return scanned_pdf(tmp_path / "long.pdf", pages, dpi=150)


@pytest.fixture
def damaged_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ngarbage" + b"\x00" * 64)
    return path


def drop_files(paths: list[Path], target: QWidget) -> QDropEvent:
    """Drag local files onto ``target`` and drop them, as a file manager would.

    Qt only delivers a drop to the widget that accepted the drag-enter, so both are sent.
    Returns the drop event (``isAccepted()`` tells whether the target took it).
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    center = target.rect().center()
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # Qt's own signatures: a drag-enter at a QPoint, a drop at a QPointF.
    enter = QDragEnterEvent(center, Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(QPointF(center), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    if enter.isAccepted():
        QApplication.sendEvent(target, drop)
    return drop


@pytest.fixture
def make_window(qtbot: object) -> Iterator[Callable[..., object]]:
    """Build the real window (real JobManager and workers); closed and shut down afterwards."""
    from app.gui.controller import AppController
    from app.gui.main import app_icon, create_application
    from app.gui.settings import Settings
    from app.gui.window import MainWindow

    made: list[MainWindow] = []

    def make(files: list[Path] | None = None, exit_when_done: bool = False) -> MainWindow:
        create_application()
        settings = Settings()
        controller = AppController(settings, exit_when_done=exit_when_done)
        window = MainWindow(controller, settings, app_icon())
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        controller.start(files or [])
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
