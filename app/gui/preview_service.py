"""Page images for the review pane, rendered in one persistent child process, cached in memory.

The GUI process never parses PDFs: ``app.core.reading.preview.render_page_png`` runs in a ``spawn``
child and only PNG bytes come back. One render is in flight at a time and only the latest
request waits behind it, so flicking through 200 pages never builds a backlog.

Page-list thumbnails are drawn in the same child, a few pages a call, only when no page preview
waits (the page the user looks at comes first). Only the rows last asked for are drawn (the rows
in view): scrolling through 900 pages asks for the rows it stops at, not for all of them.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.core.reading.preview import PageDrawing, render_page_png, render_pages_png

log = logging.getLogger(__name__)

#: (file, 0-based page, width in pixels, degrees turned back to show the print upright,
#: degrees turned straight)
PreviewKey = tuple[Path, int, int, int, float]
#: (file, 0-based page, turn, skew): a thumbnail, THUMBNAIL_WIDTH pixels wide.
ThumbnailKey = tuple[Path, int, int, float]
#: Thumbnails are drawn this wide: sharp as a 48-pixel icon on a screen at 200 %.
THUMBNAIL_WIDTH = 96
#: Thumbnails drawn per call to the child: few enough that a page preview asked for meanwhile
#: waits little (~15 ms a page), enough to spare the opening of the file each time.
THUMBNAIL_BATCH = 6


class PreviewService(QObject):
    """Renders page previews off the GUI thread and process."""

    #: ``(key, png_bytes)`` when a requested page is ready (also for cache hits).
    ready = Signal(object, bytes)
    #: ``(key, reason)`` when a page could not be rendered.
    failed = Signal(object, str)
    #: ``(ThumbnailKey, png_bytes)`` when a thumbnail is ready (also for cache hits).
    thumbnail_ready = Signal(object, bytes)
    # Internal: carries a finished future from the executor's thread to the GUI thread.
    _done = Signal(object, object)

    def __init__(
        self, cache_entries: int = 48, thumbnail_entries: int = 2000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._cache: OrderedDict[PreviewKey, bytes] = OrderedDict()
        self._cache_entries = cache_entries
        # ~3 KB each: a 900-page document's thumbnails all stay, for ~3 MB.
        self._thumbnails: OrderedDict[ThumbnailKey, bytes] = OrderedDict()
        self._thumbnail_entries = thumbnail_entries
        self._wanted: list[ThumbnailKey] = []
        self._wanted_password: str | None = None
        self._executor: ProcessPoolExecutor | None = None
        self._in_flight: PreviewKey | tuple[ThumbnailKey, ...] | None = None
        self._next: tuple[PreviewKey, str | None] | None = None
        self._closed = False
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    def request(
        self, path: Path, page: int, password: str | None, width_px: int, turn: int = 0, skew: float = 0.0
    ) -> None:
        """Ask for a page, turned straight by ``skew`` and back ``turn`` degrees; ``ready`` or
        ``failed`` follows (at once when it is cached)."""
        key: PreviewKey = (path, page, width_px, turn, skew)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            self.ready.emit(key, cached)
            return
        if self._in_flight is not None:
            self._next = (key, password)  # replaces any older waiting request
            return
        self._start(key, password)

    def cached(self, path: Path, page: int, width_px: int, turn: int = 0, skew: float = 0.0) -> bytes | None:
        return self._cache.get((path, page, width_px, turn, skew))

    def request_thumbnails(self, keys: list[ThumbnailKey], password: str | None) -> None:
        """Ask for these thumbnails (all of one file), replacing any asked for before and not yet
        drawn; ``thumbnail_ready`` follows for each (at once for those cached)."""
        self._wanted = []
        for key in keys:
            cached = self._thumbnails.get(key)
            if cached is not None:
                self._thumbnails.move_to_end(key)
                self.thumbnail_ready.emit(key, cached)
            else:
                self._wanted.append(key)
        self._wanted_password = password
        if self._in_flight is None:
            self._start_thumbnails()

    def cached_thumbnail(self, key: ThumbnailKey) -> bytes | None:
        return self._thumbnails.get(key)

    def shutdown(self) -> None:
        """Stop the child process; idempotent. Call when the window closes."""
        self._closed = True
        self._next = None
        self._wanted = []
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
            future = self._executor.submit(render_page_png, key[0], key[1], password, key[2], key[3], key[4])
        except (BrokenProcessPool, RuntimeError) as exc:
            self._reset_executor()
            self._in_flight = None
            self.failed.emit(key, str(exc))
            return
        # The callback runs on the executor's thread; a signal hops back to the GUI thread.
        future.add_done_callback(partial(self._done.emit, key))

    def _start_thumbnails(self) -> None:
        if self._closed or not self._wanted:
            return
        batch = tuple(self._wanted[:THUMBNAIL_BATCH])
        del self._wanted[:THUMBNAIL_BATCH]
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        drawings: list[PageDrawing] = [(key[1], THUMBNAIL_WIDTH, key[2], key[3]) for key in batch]
        self._in_flight = batch
        try:
            future = self._executor.submit(render_pages_png, batch[0][0], self._wanted_password, drawings)
        except (BrokenProcessPool, RuntimeError):
            self._reset_executor()
            self._in_flight = None
            return
        future.add_done_callback(partial(self._done.emit, batch))

    def _on_thumbnails(self, batch: tuple[ThumbnailKey, ...], future: Future[list[bytes | None]]) -> None:
        try:
            pngs = future.result()
        except BrokenProcessPool:
            log.warning("Preview process died drawing thumbnails of a document")
            self._reset_executor()
            return
        except Exception:  # noqa: BLE001 - the file cannot be opened: its rows keep no picture
            log.warning("Thumbnails of a document could not be drawn", exc_info=True)
            return
        for key, png in zip(batch, pngs, strict=True):
            if png is None:
                continue
            self._thumbnails[key] = png
            while len(self._thumbnails) > self._thumbnail_entries:
                self._thumbnails.popitem(last=False)
            self.thumbnail_ready.emit(key, png)

    @Slot(object, object)
    def _on_done(self, key: PreviewKey | tuple[ThumbnailKey, ...], future: Future[Any]) -> None:
        self._in_flight = None
        if self._closed:
            return
        if isinstance(key[0], tuple):  # a batch of thumbnails
            self._on_thumbnails(key, future)
            self._after()
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
        self._after()

    def _after(self) -> None:
        """The child is free: the page preview waiting, else the next thumbnails."""
        if self._next is not None:
            next_key, password = self._next
            self._next = None
            self.request(next_key[0], next_key[1], password, next_key[2], next_key[3], next_key[4])
        if self._in_flight is None:
            self._start_thumbnails()

    def _reset_executor(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
