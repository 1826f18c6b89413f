"""The result cache: every finished page on local disk, in SQLite (WAL).

Keyed by the file's SHA-256 plus the options key, with one row per page, so a restart
processes only the missing pages and a finished document re-opens without OCR. Only the
JobManager's dispatcher thread writes; any thread may read (one connection per thread).

Faults never fail an OCR run: a corrupt database is moved aside and rebuilt; a read-only or
full disk turns the cache off with one warning. Opening reads the file's header and schema; the
whole file is checked once a day and at the first open after a read or write met damage.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from app.core.jobs import JobRequest
from app.core.options import OcrOptions
from app.core.packed_words import PackedWords, pack_words
from app.core.results import PageResult, PageSource

log = logging.getLogger(__name__)

DB_NAME = "results.sqlite3"
#: Left next to the database when a read or write ran into damage: the next open checks it all.
SUSPECT_NAME = DB_NAME + ".suspect"
DEFAULT_MAX_BYTES = 1024**3
DEFAULT_MAX_AGE_DAYS = 90
#: SQLite's integrity check reads the whole file: 0.22 s for 660 MB from memory here, seconds
#: from a cold disk. Opening always reads the header and schema (a file that is no database fails
#: there); the full check runs at most this often, and at the first open after damage was met.
FULL_CHECK_SECONDS = 86400.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_hash TEXT NOT NULL, options_key TEXT NOT NULL, page_count INTEGER, encrypted INTEGER,
    name TEXT, created REAL NOT NULL, last_used REAL NOT NULL, bytes INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_hash, options_key)
);
CREATE TABLE IF NOT EXISTS pages (
    doc_hash TEXT NOT NULL, options_key TEXT NOT NULL, page INTEGER NOT NULL, source TEXT NOT NULL,
    text TEXT NOT NULL, confidence REAL, words BLOB, rotation INTEGER, width_pt REAL,
    height_pt REAL, seconds REAL, skew REAL,
    PRIMARY KEY (doc_hash, options_key, page)
);
CREATE TABLE IF NOT EXISTS jobs (
    path TEXT PRIMARY KEY, options TEXT NOT NULL, doc_hash TEXT, updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS checks (
    name TEXT PRIMARY KEY, done REAL NOT NULL
);
"""


def default_dir() -> Path:
    override = os.environ.get("SCRIBA_CACHE_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir("Scriba", appauthor=False))


@dataclass(frozen=True, slots=True)
class CacheInfo:
    documents: int
    pages: int
    bytes: int  # the database files on disk
    location: Path
    enabled: bool
    result_bytes: int = 0  # stored text and word boxes: what the size cap counts


@dataclass(frozen=True, slots=True)
class CachedDocument:
    page_count: int | None
    encrypted: bool
    pages: dict[int, PageResult]


def options_to_json(options: OcrOptions) -> str:
    from dataclasses import asdict

    return json.dumps(asdict(options), sort_keys=True)


class ResultCache:
    """Per-page OCR results on disk. Create with ``ResultCache.open()``."""

    def __init__(self, folder: Path, max_bytes: int, max_age_days: float) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self.max_bytes = max_bytes
        self.max_age_days = max_age_days
        self.enabled = True
        self.warning: str | None = None
        self._local = threading.local()

    @classmethod
    def open(
        cls,
        folder: Path | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_age_days: float = DEFAULT_MAX_AGE_DAYS,
    ) -> ResultCache:
        """Open (or create, or rebuild) the cache; never raises for disk trouble."""
        cache = cls(folder or default_dir(), max_bytes, max_age_days)
        try:
            cache.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(cache.folder, 0o700)
            try:
                cache._check()
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) and not _is_corruption(exc):
                    raise
                cache._set_aside(exc)
                cache._check()
            cache.evict()
        except (OSError, sqlite3.Error) as exc:
            cache._disable(
                f"The result cache at {cache.folder} cannot be used ({exc}); continuing without it."
            )
        return cache

    # -- connection plumbing -------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    def _check(self) -> None:
        conn = self._connect()
        conn.executescript(SCHEMA)
        _add_missing_columns(conn)
        suspect = self.folder / SUSPECT_NAME
        last = conn.execute("SELECT done FROM checks WHERE name='quick_check'").fetchone()
        if suspect.exists() or last is None or time.time() - float(last[0]) > FULL_CHECK_SECONDS:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            conn.execute("INSERT OR REPLACE INTO checks VALUES ('quick_check', ?)", (time.time(),))
            suspect.unlink(missing_ok=True)
        if os.name == "posix" and self.path.exists():
            os.chmod(self.path, 0o600)

    def _close_local(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _set_aside(self, exc: Exception) -> None:
        self._close_local()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.folder / f"results.corrupt-{stamp}.sqlite3"
        for suffix in ("-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        os.replace(self.path, aside)
        (self.folder / SUSPECT_NAME).unlink(missing_ok=True)
        self.warning = f"The result cache was damaged ({exc}); it was moved to {aside} and rebuilt."
        log.warning("%s", self.warning)

    def _disable(self, reason: str, cause: sqlite3.Error | None = None) -> None:
        self.enabled = False
        self.warning = reason
        log.warning("%s", reason)
        if cause is not None and _is_corruption(cause):
            try:  # the next open then checks the whole file and sets it aside
                (self.folder / SUSPECT_NAME).touch()
            except OSError:
                pass

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection | None]:
        """A write transaction; disk trouble turns the cache off instead of failing."""
        if not self.enabled:
            yield None
            return
        try:
            conn = self._connect()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            self._disable(f"The result cache stopped working ({exc}); continuing without it.", exc)

    def _read(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        if not self.enabled:
            return []
        try:
            return self._connect().execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            self._disable(f"The result cache cannot be read ({exc}); continuing without it.", exc)
            return []

    # -- documents and pages -------------------------------------------------------------
    def lookup(self, doc_hash: str, options_key: str) -> CachedDocument:
        """Everything cached for this document and options (marks it recently used)."""
        rows = self._read(
            "SELECT page_count, encrypted FROM documents WHERE doc_hash=? AND options_key=?",
            (doc_hash, options_key),
        )
        if not rows:
            return CachedDocument(None, False, {})
        page_rows = self._read(
            "SELECT page, source, text, confidence, words, rotation, width_pt, height_pt, seconds, skew "
            "FROM pages WHERE doc_hash=? AND options_key=?",
            (doc_hash, options_key),
        )
        pages = {}
        for page, source, text, conf, words, rotation, width, height, seconds, skew in page_rows:
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
            )
        count, encrypted = rows[0]
        return CachedDocument(count if isinstance(count, int) else None, bool(encrypted), pages)

    def touch(self, doc_hash: str, options_key: str) -> None:
        with self._writing() as conn:
            if conn:
                conn.execute(
                    "UPDATE documents SET last_used=? WHERE doc_hash=? AND options_key=?",
                    (time.time(), doc_hash, options_key),
                )

    def set_document(
        self, doc_hash: str, options_key: str, name: str, page_count: int, encrypted: bool
    ) -> None:
        now = time.time()
        with self._writing() as conn:
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
        size = len(result.text.encode()) + len(words) + 64
        with self._writing() as conn:
            if conn:
                conn.execute(
                    "INSERT OR REPLACE INTO pages (doc_hash, options_key, page, source, text, confidence,"
                    " words, rotation, width_pt, height_pt, seconds, skew) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
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
                    ),
                )
                conn.execute(
                    "UPDATE documents SET bytes = bytes + ?, last_used=? WHERE doc_hash=? AND options_key=?",
                    (size, time.time(), doc_hash, options_key),
                )

    # -- unfinished jobs -----------------------------------------------------------------
    def remember_job(self, request: JobRequest, doc_hash: str | None) -> None:
        with self._writing() as conn:
            if conn:
                conn.execute(
                    "INSERT OR REPLACE INTO jobs VALUES (?,?,?,?)",
                    (str(request.path), options_to_json(request.options), doc_hash, time.time()),
                )

    def forget_job(self, path: Path) -> None:
        with self._writing() as conn:
            if conn:
                conn.execute("DELETE FROM jobs WHERE path=?", (str(path),))

    def pending_jobs(self) -> list[JobRequest]:
        """Jobs that were running when the last session ended (passwords are never stored)."""
        requests = []
        for path, options in self._read("SELECT path, options FROM jobs ORDER BY updated"):
            try:
                opts = OcrOptions(**json.loads(str(options)))
            except (TypeError, ValueError):
                continue  # written by another version: not worth offering
            requests.append(JobRequest(Path(str(path)), opts))
        return requests

    # -- bounds --------------------------------------------------------------------------
    def set_limits(self, max_bytes: int, max_age_days: float) -> None:
        self.max_bytes, self.max_age_days = max_bytes, max_age_days
        self.evict()

    def evict(self) -> int:
        """Drop documents older than the age limit, then least recently used ones over the cap."""
        removed = 0
        with self._writing() as conn:
            if not conn:
                return 0
            cutoff = time.time() - self.max_age_days * 86400
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
                if total <= self.max_bytes:
                    break
                doomed.append((doc_hash, key))
                total -= size
            for doc_hash, key in doomed:
                conn.execute("DELETE FROM pages WHERE doc_hash=? AND options_key=?", (doc_hash, key))
                conn.execute("DELETE FROM documents WHERE doc_hash=? AND options_key=?", (doc_hash, key))
            removed = len(doomed)
        return removed

    def info(self) -> CacheInfo:
        docs = self._read("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM documents")
        pages = self._read("SELECT COUNT(*) FROM pages")
        count, size = docs[0] if docs else (0, 0)
        files = self.folder.glob(DB_NAME + "*") if self.folder.is_dir() else []
        on_disk = sum(p.stat().st_size for p in files)
        return CacheInfo(
            int(count), int(pages[0][0]) if pages else 0, on_disk, self.folder, self.enabled, int(size)
        )

    def clear(self) -> None:
        """Delete every cached text for real: rows, then the file space (VACUUM)."""
        with self._writing() as conn:
            if conn:
                conn.execute("DELETE FROM pages")
                conn.execute("DELETE FROM documents")
                conn.execute("DELETE FROM jobs")
        if self.enabled:
            try:
                conn = self._connect()
                conn.execute("VACUUM")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                log.warning("could not compact the cache: %s", exc)

    def close(self) -> None:
        self._close_local()


#: Columns added to ``pages`` after its first release: a cache written by an older Scriba gains
#: them (NULL in its rows), so its results still load.
ADDED_PAGE_COLUMNS = {"skew": "REAL"}


def _add_missing_columns(conn: sqlite3.Connection) -> None:
    present = {row[1] for row in conn.execute("PRAGMA table_info(pages)")}
    for name, kind in ADDED_PAGE_COLUMNS.items():
        if name not in present:
            conn.execute(f"ALTER TABLE pages ADD COLUMN {name} {kind}")


def _is_corruption(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("malformed", "not a database", "corrupt", "quick_check"))
