"""The result cache: page results, corrections, the resume journal and the limits in one SQLite file.

A small facade over four stores that share one :class:`~app.core.storage.database.Database`:
:class:`~app.core.storage.pages.PageStore` (every finished page), :class:`~app.core.storage.
corrections.CorrectionStore` (the pages the user corrected), :class:`~app.core.storage.journal.
Journal` (unfinished documents) and the stored limits (app.core.storage.limits).

Who writes: only the job manager's dispatcher thread. Other threads hand it their writes
(``JobManager.with_cache``); any thread may read (one connection per thread). Opening only opens:
it never evicts, so ``scriba cache info`` and a window starting leave the cache as it is.
Eviction runs when a job ends, and when new limits are set.
"""

from __future__ import annotations

from pathlib import Path

from app.core.jobs import JobRequest
from app.core.results import PageResult
from app.core.storage.corrections import Correction, CorrectionStore
from app.core.storage.database import DB_NAME, Database
from app.core.storage.journal import Journal
from app.core.storage.limits import CacheLimits, store_limits, stored_limits
from app.core.storage.pages import CachedDocument, CacheInfo, PageStore

__all__ = ["DB_NAME", "CacheInfo", "CacheLimits", "CachedDocument", "Correction", "ResultCache"]


class ResultCache:
    """Per-page OCR results and the resume journal on disk. Create with ``ResultCache.open()``."""

    def __init__(self, db: Database, limits: CacheLimits) -> None:
        self._db = db
        self._pages = PageStore(db)
        self._journal = Journal(db)
        self._corrections = CorrectionStore(db)
        self.limits = limits

    @classmethod
    def open(
        cls,
        folder: Path | None = None,
        max_bytes: int | None = None,
        max_age_days: float | None = None,
    ) -> ResultCache:
        """Open (or create, or rebuild) the cache; never raises for disk trouble, never evicts.

        The limits are the ones stored in the cache (the window's choice), else the shared
        defaults; ``max_bytes`` / ``max_age_days`` override them for this object only.
        """
        db = Database.open(folder)
        stored = stored_limits(db)
        limits = CacheLimits(
            stored.max_bytes if max_bytes is None else max_bytes,
            stored.max_age_days if max_age_days is None else max_age_days,
        )
        return cls(db, limits)

    @property
    def folder(self) -> Path:
        return self._db.folder

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def enabled(self) -> bool:
        return self._db.enabled

    @property
    def warning(self) -> str | None:
        return self._db.warning

    def close(self) -> None:
        """Close this thread's connection."""
        self._db.close()

    # -- page results ----------------------------------------------------------------------------
    def lookup(self, doc_hash: str, options_key: str) -> CachedDocument:
        return self._pages.lookup(doc_hash, options_key)

    def touch(self, doc_hash: str, options_key: str) -> None:
        self._pages.touch(doc_hash, options_key)

    def set_document(
        self, doc_hash: str, options_key: str, name: str, page_count: int, encrypted: bool
    ) -> None:
        self._pages.set_document(doc_hash, options_key, name, page_count, encrypted)

    def put_page(self, doc_hash: str, options_key: str, result: PageResult) -> None:
        self._pages.put_page(doc_hash, options_key, result)

    def info(self) -> CacheInfo:
        return self._pages.info(self.limits)

    def clear(self) -> None:
        """Delete every cached page and correction for real (VACUUM). The journal and limits stay."""
        self._corrections.clear()
        self._pages.clear()

    # -- corrections (by document and page, whatever the options) ----------------------------------
    def corrections(self, doc_hash: str) -> dict[int, Correction]:
        return self._corrections.corrections(doc_hash)

    def put_correction(self, doc_hash: str, page: int, text: str, base: str) -> None:
        self._corrections.put(doc_hash, page, text, base)

    def remove_correction(self, doc_hash: str, page: int) -> None:
        self._corrections.remove(doc_hash, page)

    # -- the resume journal ----------------------------------------------------------------------
    def remember_job(self, request: JobRequest, doc_hash: str | None) -> None:
        self._journal.remember_job(request, doc_hash)

    def forget_job(self, path: Path) -> None:
        self._journal.forget_job(path)

    def pending_jobs(self) -> list[JobRequest]:
        return self._journal.pending_jobs()

    # -- bounds ----------------------------------------------------------------------------------
    def set_limits(self, max_bytes: int, max_age_days: float, *, evict: bool = True) -> None:
        """Keep new limits, in the cache itself (every later open reads them), then evict to them.

        ``evict=False`` only stores them: the next job end evicts (the window at start-up).
        """
        self.limits = CacheLimits(max(1, int(max_bytes)), max(0.0, float(max_age_days)))
        store_limits(self._db, self.limits)
        if evict:
            self.evict()

    def evict(self) -> int:
        """Drop documents older than the age limit, then least recently used ones over the cap;
        then the old corrections of documents no longer cached."""
        removed = self._pages.evict(self.limits)
        self._corrections.evict(self.limits.max_age_days)
        return removed
