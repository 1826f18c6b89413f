"""Searching dropped folders for documents (PDFs and scanner images) without freezing the window.

A folder on a network share can hold tens of thousands of files, and listing them can take
minutes. The walk runs on a thread of its own and hands the documents over in batches, so the first
ones are queued, and read, while the search goes on.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.reading.kinds import DOCUMENT_SUFFIXES

log = logging.getLogger(__name__)

#: Found documents are handed over at least this often (seconds), so rows appear while it searches.
BATCH_SECONDS = 0.1


def documents_under(folder: Path, stop: threading.Event) -> Iterator[Path]:
    """Documents in ``folder`` and below, by name (case-insensitive ``DOCUMENT_SUFFIXES``: PDFs and
    scanner images), folders and names sorted."""
    for root, dirs, files in os.walk(folder, onerror=lambda error: log.warning("cannot list %s", error)):
        if stop.is_set():
            return
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(DOCUMENT_SUFFIXES):
                yield Path(root) / name


class FolderSearch(QObject):
    """Walks ``folders`` for documents on a thread; ``found`` and ``done`` arrive on the GUI thread."""

    #: A batch of documents found (list of Path), in the order of the walk.
    found = Signal(list)
    #: The search is over: every folder walked, or stopped. Carries the number of documents found.
    done = Signal(int)

    def __init__(self, folders: list[Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folders = folders
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._walk, name="scriba-folder-search", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 1.0) -> None:
        """Stop walking; wait up to ``timeout`` for the thread (a listing may hang on a dead share)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _walk(self) -> None:
        count = 0
        batch: list[Path] = []
        handed = time.monotonic()
        try:
            for folder in self.folders:
                for document in documents_under(folder, self._stop):
                    batch.append(document)
                    count += 1
                    if time.monotonic() - handed >= BATCH_SECONDS:
                        self._hand_over(batch)
                        batch, handed = [], time.monotonic()
            self._hand_over(batch)
        finally:
            if not self._stop.is_set():
                self.done.emit(count)

    def _hand_over(self, batch: list[Path]) -> None:
        if batch and not self._stop.is_set():
            self.found.emit(batch)
