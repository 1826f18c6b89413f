"""The window's start: what waits for its first paint, and files that come before that work ran."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QWidget

from app.core.storage.cache import ResultCache
from app.gui.main import _FirstPaint, run_gui
from app.gui.single_instance import server_name


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_the_start_work_runs_once_after_the_window_was_painted(qtbot) -> None:
    # Given a shown window whose paints are counted
    widget = QWidget()
    qtbot.addWidget(widget)
    paints = _Paints()
    widget.installEventFilter(paints)
    widget.show()
    ran: list[int] = []
    # When work is set to wait for its first paint
    waiter = _FirstPaint(widget, lambda: ran.append(paints.count))
    # Then it runs with the window painted already, and only once
    qtbot.waitUntil(lambda: bool(ran), timeout=5_000)
    assert ran[0] >= 1
    waiter._run()  # the fallback timer's call, after the expose already ran it
    assert len(ran) == 1


def test_the_start_work_runs_even_when_the_window_is_never_exposed(qtbot) -> None:
    # Given a window that is never shown (started minimised, no expose event ever)
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[bool] = []
    # Then the work still runs, once the fallback's wait is over
    _FirstPaint(widget, lambda: ran.append(True))
    qtbot.waitUntil(lambda: bool(ran), timeout=5_000)
    assert ran == [True]


def test_a_file_handed_over_as_the_window_opens_is_read_with_its_own(
    memo_pdf: Path, letter_pdf: Path
) -> None:
    # Given a second launch that hands a file over at the first turn of the window's event loop,
    # as early as a hand-over can come (the cache and the workers may not be started yet)
    client = QLocalSocket()

    def hand_over() -> None:
        client.connectToServer(server_name())
        client.write(QByteArray((json.dumps({"files": [str(letter_pdf)]}) + "\n").encode()))
        client.flush()

    QTimer.singleShot(0, hand_over)
    # Then the window reads both before it quits: 0, every document read
    try:
        assert run_gui([memo_pdf], exit_when_done=True) == 0
    finally:
        client.abort()
        client.deleteLater()
    cache = ResultCache.open()
    try:
        assert cache.info().documents == 2  # the handed-over letter was read too, not lost
    finally:
        cache.close()
