"""Turn JobManager events (dispatcher thread) into Qt signals (GUI thread), throttled.

The JobManager calls its listeners on its own thread. Emitting a signal there whose receivers
live in the GUI thread makes Qt queue the call, so slots always run on the GUI thread. Page
events are coalesced: only the latest ``PageDone`` per job is kept and delivered at most every
``interval_ms``, so a 900-page document served from the cache does not post 900 events.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from app.core.jobs import JobEvent, JobFinished, JobQueued, JobStarted, PageDone


class EngineBridge(QObject):
    """Re-emits :mod:`app.core.jobs` events as Qt signals on the GUI thread.

    Pass :meth:`listener` to ``JobManager.add_listener``; it is safe to call from any thread.
    """

    #: ``JobQueued``: the manager accepted a file.
    jobQueued = Signal(object)
    #: ``JobStarted``: the document was validated; its page count is known.
    jobStarted = Signal(object)
    #: ``list[PageDone]``: the latest progress of every job that moved since the last batch.
    progress = Signal(object)
    #: ``JobFinished``: done, failed (with a reason) or cancelled. Always after its progress.
    jobFinished = Signal(object)

    # Internal: wakes the GUI thread to start the coalescing timer.
    _wake = Signal()

    def __init__(self, interval_ms: int = 100, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: dict[int, PageDone] = {}
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)
        # Queued explicitly: _wake is emitted from the dispatcher thread.
        self._wake.connect(self._arm, Qt.ConnectionType.QueuedConnection)

    def listener(self, event: JobEvent) -> None:
        """Called by the JobManager on its dispatcher thread."""
        if self._closed:
            return
        if isinstance(event, PageDone):
            with self._lock:
                first = not self._pending
                self._pending[event.job_id] = event
            if first:
                self._wake.emit()
        elif isinstance(event, JobFinished):
            # Deliver the job's last progress first so the row never jumps back after finishing.
            with self._lock:
                last = self._pending.pop(event.job_id, None)
            if last is not None:
                self.progress.emit([last])
            self.jobFinished.emit(event)
        elif isinstance(event, JobStarted):
            self.jobStarted.emit(event)
        elif isinstance(event, JobQueued):
            self.jobQueued.emit(event)

    def close(self) -> None:
        """Stop delivering: call after ``JobManager.shutdown()`` and before deleting the bridge."""
        self._closed = True
        self._timer.stop()
        with self._lock:
            self._pending.clear()

    @Slot()
    def _arm(self) -> None:
        if not self._closed and not self._timer.isActive():
            self._timer.start()

    @Slot()
    def flush(self) -> None:
        """Deliver the pending progress now (the timer does this on its own)."""
        with self._lock:
            batch = list(self._pending.values())
            self._pending.clear()
        if batch and not self._closed:
            self.progress.emit(batch)
