"""The last session's unfinished documents: offered once when the window opens, then resumed or
forgotten (the resume banner's two buttons).

The cache's job journal lists the documents a closed or crashed window had not finished
(``ResultCache.pending_jobs``); resuming submits them again, and the job manager serves the pages
read before from the cache. Forgetting them is a cache write, so it goes to the cache's one
writer (``AppController.on_cache``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.jobs import JobRequest

if TYPE_CHECKING:
    from app.core.storage.cache import ResultCache


class ResumeOffer:
    """What the banner offers: the unfinished documents not listed again by now."""

    def __init__(self) -> None:
        self._pending: list[JobRequest] = []

    def find(self, cache: ResultCache, listed: set[Path]) -> list[str]:
        """Keep the cache's unfinished documents that are not ``listed``; their file names."""
        self._pending = [r for r in cache.pending_jobs() if r.path.absolute() not in listed]
        return [r.path.name for r in self._pending]

    def take(self) -> list[JobRequest]:
        """The documents to resume; the offer is over."""
        requests, self._pending = self._pending, []
        return requests

    def forgetting(self) -> Callable[[ResultCache], None] | None:
        """The cache work that forgets the declined documents (None: nothing to forget); the
        offer is over."""
        paths = [request.path for request in self.take()]

        def forget(cache: ResultCache) -> None:
            for path in paths:
                cache.forget_job(path)

        return forget if paths else None
