"""Cache work on the cache's one writer (the job manager's dispatcher), answered on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from app.core.running.scheduler import JobManager
    from app.core.storage.cache import ResultCache

log = logging.getLogger(__name__)


class _CacheReply(QObject):
    """Carries one piece of cache work's result from the dispatcher thread to the GUI thread."""

    #: The work's result (``None`` when it failed); queued to the thread this object lives in.
    done = Signal(object)


def run_on_cache(
    manager: JobManager,
    parent: QObject,
    work: Callable[[ResultCache], object],
    done: Callable[[object], None] | None = None,
) -> None:
    """``work(cache)`` on the dispatcher thread; then ``done(result)`` on ``parent``'s thread
    (``None`` when the work failed)."""
    reply = _CacheReply(parent)
    if done is not None:
        reply.done.connect(done)
    reply.done.connect(reply.deleteLater)

    def run(cache: ResultCache) -> None:
        try:
            result = work(cache)
        except Exception:
            log.exception("cache work failed")
            result = None
        reply.done.emit(result)

    manager.with_cache(run)
