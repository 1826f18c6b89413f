"""The window's entry point, called by ``scriba`` (app/cli/main.py) with the files to queue.

Logging is set up before this runs (``app.cli.startup``, the same start as ``scriba ocr``'s);
Qt's own messages are forwarded into it here.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from app.core.resources import resource_dir
from app.gui import single_instance, style

# The window's own modules (controller, window, the core behind them: ~1.5 s) are imported in
# run_gui after the single-instance check, so a second launch hands its files over without them.

log = logging.getLogger("app.gui.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, text: str) -> None:
    # Qt's own warnings go to our log file instead of a console the user never sees.
    log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", text)


def app_icon() -> QIcon:
    icons = resource_dir() / "icons"
    icon = QIcon()
    for name in ("scriba.svg", "scriba.png", "scriba.ico"):
        if (icons / name).is_file():
            icon.addFile(str(icons / name))
    return icon


def create_application() -> QApplication:
    """The QApplication, named so QSettings and the platform find it; reused if one exists."""
    QCoreApplication.setOrganizationName("Scriba")
    QCoreApplication.setApplicationName("Scriba")
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName("Scriba")
    app.setDesktopFileName("scriba")
    app.setWindowIcon(app_icon())
    style.apply(app)
    return app


#: When the window is never exposed (started minimised, a platform without expose events), the
#: work that waits for its first paint starts after this anyway.
FIRST_PAINT_WAIT_MS = 500


class _FirstPaint(QObject):
    """Runs ``work`` once, from the event loop, right after ``widget`` was first exposed (and so
    painted: Qt paints an exposed widget while it handles the expose event)."""

    def __init__(self, widget: QWidget, work: Callable[[], None]) -> None:
        super().__init__(widget)
        self._work: Callable[[], None] | None = work
        handle = widget.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after this expose, so after its paint
        return False

    def _run(self) -> None:
        work, self._work = self._work, None
        if work is not None:
            work()


def run_gui(files: list[Path], exit_when_done: bool = False) -> int:
    """Open the window with ``files`` queued; run until it closes.

    Args:
        files: PDFs (or folders of PDFs) to queue at once.
        exit_when_done: Process ``files`` then quit: exit code 0 when all were read, else 1.

    Returns:
        The process exit code.
    """
    qInstallMessageHandler(_qt_message)
    app = create_application()
    # Before any worker or window: a second launch hands its files over and is gone at once.
    handed, instance = single_instance.claim(files)
    if handed:
        qInstallMessageHandler(None)
        return 0
    from app.gui import i18n
    from app.gui.controller import AppController
    from app.gui.settings import Settings
    from app.gui.window import MainWindow

    settings = Settings()
    language = i18n.resolve_language(str(settings.get("ui/language")))
    translators = i18n.install_translators(app, language)
    controller = AppController(settings, exit_when_done=exit_when_done)
    window = MainWindow(controller, settings, app.windowIcon())
    exit_code = 1  # with --exit-when-done, closing the window before the end is a failure

    def finish(code: int) -> None:
        nonlocal exit_code
        exit_code = code
        window.close()

    started = False

    def begin() -> None:
        # The cache, the recent list (whose documents start the workers) and the files given wait
        # for the window's first paint: the window shows without them, and a drop queues after them.
        nonlocal started
        if not started:
            started = True
            controller.start([Path(f) for f in files])

    def received(paths: list[Path]) -> None:
        begin()  # a hand-over can come before the first paint: the window's own files go first
        controller.receive_files(paths)
        window.come_forward()

    if instance is not None:
        instance.filesReceived.connect(received)
        # Direct: from the moment the window decides to quit, a later launch opens its own.
        controller.exitRequested.connect(instance.stop_accepting)
        window.closing.connect(instance.stop_accepting)  # before the workers stop, not after

    # Queued: start() may ask to exit from inside a slot (the first paint's, a hand-over's): the
    # window closes once that has returned.
    controller.exitRequested.connect(finish, Qt.ConnectionType.QueuedConnection)
    window.show()
    _FirstPaint(window, begin)
    try:
        loop_code = app.exec()
    finally:
        if instance is not None:
            instance.stop_accepting()
            instance.deleteLater()
        window.close()  # idempotent; stops workers if the loop ended some other way
        controller.shutdown()
        for translator in translators:
            app.removeTranslator(translator)
        window.deleteLater()
        controller.deleteLater()
        qInstallMessageHandler(None)
    return exit_code if exit_when_done else loop_code
