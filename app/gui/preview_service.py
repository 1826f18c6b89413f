"""Page images for the review pane, rendered in one persistent child process, cached in memory.

The GUI process never parses PDFs: ``app.core.reading.preview.render_page_png`` runs in a ``spawn``
child and only PNG bytes come back. One render is in flight at a time and only the latest
request waits behind it, so flicking through 200 pages never builds a backlog.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.core.reading.preview import render_page_png

log = logging.getLogger(__name__)

#: (file, 0-based page, width in pixels, degrees turned back to show the print upright)
PreviewKey = tuple[Path, int, int, int]


class PreviewService(QObject):
    """Renders page previews off the GUI thread and process."""

    #: ``(key, png_bytes)`` when a requested page is ready (also for cache hits).
    ready = Signal(object, bytes)
    #: ``(key, reason)`` when a page could not be rendered.
    failed = Signal(object, str)
    # Internal: carries a finished future from the executor's thread to the GUI thread.
    _done = Signal(object, object)

    def __init__(self, cache_entries: int = 48, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: OrderedDict[PreviewKey, bytes] = OrderedDict()
        self._cache_entries = cache_entries
        self._executor: ProcessPoolExecutor | None = None
        self._in_flight: PreviewKey | None = None
        self._next: tuple[PreviewKey, str | None] | None = None
        self._closed = False
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    def request(self, path: Path, page: int, password: str | None, width_px: int, turn: int = 0) -> None:
        """Ask for a page, turned back ``turn`` degrees; ``ready`` or ``failed`` follows (at once
        when it is cached)."""
        key: PreviewKey = (path, page, width_px, turn)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            self.ready.emit(key, cached)
            return
        if self._in_flight is not None:
            self._next = (key, password)  # replaces any older waiting request
            return
        self._start(key, password)

    def cached(self, path: Path, page: int, width_px: int, turn: int = 0) -> bytes | None:
        return self._cache.get((path, page, width_px, turn))

    def shutdown(self) -> None:
        """Stop the child process; idempotent. Call when the window closes."""
        self._closed = True
        self._next = None
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    # -- internals ------------------------------------------------------------------------------

    def _start(self, key: PreviewKey, password: str | None) -> None:
        if self._closed:
            return
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        self._in_flight = key
        try:
            future = self._executor.submit(render_page_png, key[0], key[1], password, key[2], key[3])
        except (BrokenProcessPool, RuntimeError) as exc:
            self._reset_executor()
            self._in_flight = None
            self.failed.emit(key, str(exc))
            return
        # The callback runs on the executor's thread; a signal hops back to the GUI thread.
        future.add_done_callback(partial(self._done.emit, key))

    @Slot(object, object)
    def _on_done(self, key: PreviewKey, future: Future[bytes]) -> None:
        self._in_flight = None
        if self._closed:
            return
        try:
            png = future.result()
        except BrokenProcessPool as exc:
            # A hostile page crashed the preview process: replace it, tell the pane.
            log.warning("Preview process died on page %d of a document", key[1] + 1)
            self._reset_executor()
            self.failed.emit(key, str(exc) or type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - any render error becomes a message in the pane
            self.failed.emit(key, str(exc) or type(exc).__name__)
        else:
            self._cache[key] = png
            while len(self._cache) > self._cache_entries:
                self._cache.popitem(last=False)
            self.ready.emit(key, png)
        if self._next is not None:
            next_key, password = self._next
            self._next = None
            self.request(next_key[0], next_key[1], password, next_key[2], next_key[3])

    def _reset_executor(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
