"""The bridge: events from another thread arrive on the GUI thread, coalesced."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread

from app.core.jobs import JobFinished, JobQueued, JobState, PageDone
from app.core.results import PageSource
from app.gui.bridge import EngineBridge


def test_a_flood_of_page_events_becomes_a_few_batches_in_order(qtbot) -> None:
    # Given a bridge and a listener on the GUI thread
    bridge = EngineBridge(interval_ms=100)
    batches: list[list[PageDone]] = []
    order: list[str] = []
    threads: set[object] = set()

    def on_progress(batch: list[PageDone]) -> None:
        threads.add(QThread.currentThread())
        batches.append(batch)
        order.append("progress")

    bridge.progress.connect(on_progress)
    bridge.jobQueued.connect(lambda e: order.append("queued"))
    bridge.jobFinished.connect(lambda e: order.append("finished"))

    # When a "dispatcher" thread reports 900 pages as fast as it can, then the finish
    def dispatcher() -> None:
        bridge.listener(JobQueued(1, Path("big.pdf")))
        for done in range(1, 901):
            bridge.listener(
                PageDone(1, Path("big.pdf"), done - 1, done, 900, PageSource.CACHE, 0.0, 0.0, None)
            )
        bridge.listener(JobFinished(1, Path("big.pdf"), JobState.DONE, 900))

    thread = threading.Thread(target=dispatcher)
    with qtbot.waitSignal(bridge.jobFinished, timeout=10_000):
        thread.start()
    thread.join()
    # Anything still pending would be delivered now, after "finished": there must be nothing.
    bridge.flush()
    QCoreApplication.processEvents()

    # Then the GUI saw a handful of batches on its own thread, ending at 900, before "finished"
    assert threads == {QThread.currentThread()}
    assert 1 <= len(batches) <= 10
    assert batches[-1][-1].done == 900
    assert order[0] == "queued" and order[-1] == "finished"
    bridge.close()


def test_nothing_is_delivered_after_close(qtbot) -> None:
    bridge = EngineBridge(interval_ms=10)
    seen: list[object] = []
    bridge.progress.connect(seen.append)
    bridge.close()
    bridge.listener(PageDone(1, Path("a.pdf"), 0, 1, 2, PageSource.OCR, 1.0, 1.0, 1.0))
    bridge.flush()
    QCoreApplication.processEvents()
    assert seen == []


LONG_SESSION = """
import threading
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from app.core.jobs import JobFinished, JobState
from app.gui.bridge import EngineBridge

app = QCoreApplication([])
bridge = EngineBridge()
seen = []
bridge.jobFinished.connect(lambda event: seen.append(event.job_id))

def dispatcher():
    for job in range(20_000):
        bridge.listener(JobFinished(job, Path("a.pdf"), JobState.DONE, 1))

thread = threading.Thread(target=dispatcher)
thread.start()
def check():
    if len(seen) == 20_000:
        app.quit()
timer = QTimer()
timer.timeout.connect(check)
timer.start(10)
app.exec()
thread.join()
print(len(seen))
"""


def test_a_long_session_of_signals_does_not_bring_the_window_down() -> None:
    # Given a window's life of events: 20,000 delivered to a Python slot (a 45-minute job sends
    # ~27,000 progress batches). PySide6 6.12.0 dropped a reference to True on each one, so on
    # Python 3.11 the process aborted after a few hundred ("bool_dealloc").
    done = subprocess.run(
        [sys.executable, "-c", LONG_SESSION],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    # Then every event arrived and the process ended normally
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["20000"]
