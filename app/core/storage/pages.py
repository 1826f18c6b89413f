"""Page results: every finished page, keyed by the file's SHA-256 plus the options key.

One row per page, so a restart processes only the missing pages and a finished document re-opens
without OCR. Documents carry their size and last use, for eviction: the age limit first, then the
least recently used over the size cap.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from app.core.packed_words import PackedWords, pack_words
from app.core.results import PageResult, PageSource
from app.core.storage.database import Database
from app.core.storage.limits import CacheLimits

#: What a page's row costs beside its text and words, as the size cap counts it.
ROW_BYTES = 64


@dataclass(frozen=True, slots=True)
class CacheInfo:
    documents: int
    pages: int
    bytes: int  # the database files on disk
    location: Path
    enabled: bool
    result_bytes: int = 0  # stored text and word boxes: what the size cap counts
    limits: CacheLimits = CacheLimits()


@dataclass(frozen=True, slots=True)
class CachedDocument:
    page_count: int | None
    encrypted: bool
    pages: dict[int, PageResult]


class PageStore:
    """The ``documents`` and ``pages`` tables."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def lookup(self, doc_hash: str, options_key: str) -> CachedDocument:
        """Everything cached for this document and options."""
        rows = self._db.read(
            "SELECT page_count, encrypted FROM documents WHERE doc_hash=? AND options_key=?",
            (doc_hash, options_key),
        )
        if not rows:
            return CachedDocument(None, False, {})
        page_rows = self._db.read(
            "SELECT page, source, text, confidence, words, rotation, width_pt, height_pt, seconds, skew,"
            " layout FROM pages WHERE doc_hash=? AND options_key=?",
            (doc_hash, options_key),
        )
        pages = {}
        for page, source, text, conf, words, rotation, width, height, seconds, skew, layout in page_rows:
            assert isinstance(page, int)
            pages[page] = PageResult(
                page,
                str(text),
                PageSource(source),
                float(conf or -1.0),
                PackedWords(words) if words else (),
                int(rotation or 0),
                float(width or 0),
                float(height or 0),
                float(seconds or 0),
                skew=float(skew or 0.0),  # rows written before skew was kept hold NULL
                layout=bytes(layout or b""),  # NULL before layouts were kept: laid out when read
            )
        count, encrypted = rows[0]
        return CachedDocument(count if isinstance(count, int) else None, bool(encrypted), pages)

    def touch(self, doc_hash: str, options_key: str) -> None:
        """Mark a document recently used (it was read again)."""
        with self._db.writing() as conn:
            if conn:
                conn.execute(
                    "UPDATE documents SET last_used=? WHERE doc_hash=? AND options_key=?",
                    (time.time(), doc_hash, options_key),
                )

    def set_document(
        self, doc_hash: str, options_key: str, name: str, page_count: int, encrypted: bool
    ) -> None:
        now = time.time()
        with self._db.writing() as conn:
            if conn:
                conn.execute(
                    "INSERT INTO documents (doc_hash, options_key, page_count, encrypted, name, created, last_used)"
                    " VALUES (?,?,?,?,?,?,?) ON CONFLICT (doc_hash, options_key) DO UPDATE SET"
                    " page_count=excluded.page_count, encrypted=excluded.encrypted, last_used=excluded.last_used",
                    (doc_hash, options_key, page_count, int(encrypted), name, now, now),
                )

    def put_page(self, doc_hash: str, options_key: str, result: PageResult) -> None:
        """Checkpoint one page (committed at once). Failed pages are not cached: they retry."""
        if result.failed or result.source is PageSource.CACHE:
            return
        words = pack_words(result.words)
        size = len(result.text.encode()) + len(words) + len(result.layout) + ROW_BYTES
        with self._db.writing() as conn:
            if conn:
                conn.execute(
                    "INSERT OR REPLACE INTO pages (doc_hash, options_key, page, source, text, confidence,"
                    " words, rotation, width_pt, height_pt, seconds, skew, layout)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        doc_hash,
                        options_key,
                        result.page,
                        result.source.value,
                        result.text,
                        result.confidence,
                        words,
                        result.rotation,
                        result.width_pt,
                        result.height_pt,
                        result.seconds,
                        result.skew,
                        result.layout or None,
                    ),
                )
                conn.execute(
                    "UPDATE documents SET bytes = bytes + ?, last_used=? WHERE doc_hash=? AND options_key=?",
                    (size, time.time(), doc_hash, options_key),
                )

    def evict(self, limits: CacheLimits) -> int:
        """Drop documents older than the age limit, then least recently used ones over the cap."""
        removed = 0  # stays 0 when the database stops working halfway
        with self._db.writing() as conn:
            if not conn:
                return 0
            cutoff = time.time() - limits.max_age_days * 86400
            doomed = conn.execute(
                "SELECT doc_hash, options_key FROM documents WHERE last_used < ?", (cutoff,)
            ).fetchall()
            total = conn.execute(
                "SELECT COALESCE(SUM(bytes), 0) FROM documents WHERE last_used >= ?", (cutoff,)
            ).fetchone()[0]
            for doc_hash, key, size in conn.execute(
                "SELECT doc_hash, options_key, bytes FROM documents WHERE last_used >= ? ORDER BY last_used",
                (cutoff,),
            ).fetchall():
                if total <= limits.max_bytes:
                    break
                doomed.append((doc_hash, key))
                total -= size
            for doc_hash, key in doomed:
                conn.execute("DELETE FROM pages WHERE doc_hash=? AND options_key=?", (doc_hash, key))
                conn.execute("DELETE FROM documents WHERE doc_hash=? AND options_key=?", (doc_hash, key))
            removed = len(doomed)
        return removed

    def info(self, limits: CacheLimits) -> CacheInfo:
        docs = self._db.read("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM documents")
        pages = self._db.read("SELECT COUNT(*) FROM pages")
        count, size = docs[0] if docs else (0, 0)
        return CacheInfo(
            int(count),
            int(pages[0][0]) if pages else 0,
            self._db.bytes_on_disk(),
            self._db.folder,
            self._db.enabled,
            int(size),
            limits,
        )

    def clear(self) -> None:
        """Delete every page result for real: rows, then the file space (VACUUM)."""
        with self._db.writing() as conn:
            if conn:
                conn.execute("DELETE FROM pages")
                conn.execute("DELETE FROM documents")
        self._db.compact()
