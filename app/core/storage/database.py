"""The cache's SQLite file (WAL): where it lives, its schema and migration, and its faults.

One connection per thread; every write goes through :meth:`Database.writing` (or, to give space
back, :meth:`Database.compact`), called by the cache's one writer: the job manager's dispatcher. Faults never fail an
OCR run: a corrupt file is moved aside and rebuilt; a read-only or full disk turns the database off
with one warning. Opening reads the file's header and schema; the whole file is checked once a day
and at the first open after a read or write met damage.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs

log = logging.getLogger(__name__)

DB_NAME = "results.sqlite3"
#: Left next to the database when a read or write ran into damage: the next open checks it all.
SUSPECT_NAME = DB_NAME + ".suspect"
#: SQLite's integrity check reads the whole file: 0.22 s for 660 MB from memory here, seconds
#: from a cold disk. Opening always reads the header and schema (a file that is no database fails
#: there); the full check runs at most this often, and at the first open after damage was met.
FULL_CHECK_SECONDS = 86400.0

#: documents and pages: the page results (pages.py); jobs: the resume journal (journal.py);
#: settings: the limits the user chose (limits.py); checks: when the whole file was last checked;
#: corrections: the pages the user corrected (corrections.py). Every open runs this script, so a
#: cache made before a table existed gains it (empty) there: that is the migration of new tables.
SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_hash TEXT NOT NULL, options_key TEXT NOT NULL, page_count INTEGER, encrypted INTEGER,
    name TEXT, created REAL NOT NULL, last_used REAL NOT NULL, bytes INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_hash, options_key)
);
CREATE TABLE IF NOT EXISTS pages (
    doc_hash TEXT NOT NULL, options_key TEXT NOT NULL, page INTEGER NOT NULL, source TEXT NOT NULL,
    text TEXT NOT NULL, confidence REAL, words BLOB, rotation INTEGER, width_pt REAL,
    height_pt REAL, seconds REAL, skew REAL, layout BLOB,
    PRIMARY KEY (doc_hash, options_key, page)
);
CREATE TABLE IF NOT EXISTS jobs (
    path TEXT PRIMARY KEY, options TEXT NOT NULL, doc_hash TEXT, updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (
    name TEXT PRIMARY KEY, value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS checks (
    name TEXT PRIMARY KEY, done REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    doc_hash TEXT NOT NULL, page INTEGER NOT NULL, text TEXT NOT NULL, base TEXT NOT NULL,
    updated REAL NOT NULL,
    PRIMARY KEY (doc_hash, page)
);
"""

#: Columns added to ``pages`` after its first release: a cache written by an older Scriba gains
#: them (NULL in its rows), so its results still load.
#: ``layout``: the page's laid-out text (``PageResult.layout``); a row without one is laid out
#: when read, as before.
ADDED_PAGE_COLUMNS = {"skew": "REAL", "layout": "BLOB"}


def default_dir() -> Path:
    override = os.environ.get("SCRIBA_CACHE_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir("Scriba", appauthor=False))


class Database:
    """The cache file. Create with ``Database.open()``; ``enabled`` False means it is off."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self.enabled = True
        self.warning: str | None = None
        self._local = threading.local()

    @classmethod
    def open(cls, folder: Path | None = None) -> Database:
        """Open (or create, or rebuild) the file; never raises for disk trouble, never evicts."""
        db = cls(folder or default_dir())
        try:
            db.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(db.folder, 0o700)
            try:
                db._check()
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) and not _is_corruption(exc):
                    raise
                db._set_aside(exc)
                db._check()
        except (OSError, sqlite3.Error) as exc:
            db._disable(f"The result cache at {db.folder} cannot be used ({exc}); continuing without it.")
        return db

    # -- connections -----------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- schema and damage -----------------------------------------------------------------------
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

    def _set_aside(self, exc: Exception) -> None:
        self.close()
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

    # -- reading and writing ---------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection | None]:
        """A write transaction (None when the database is off); disk trouble turns it off."""
        if not self.enabled:
            yield None
            return
        try:
            conn = self._connect()
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            # The caller's block still runs (with None) rather than failing as "generator didn't yield".
            self._disable(f"The result cache stopped working ({exc}); continuing without it.", exc)
            yield None
            return
        try:
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            self._disable(f"The result cache stopped working ({exc}); continuing without it.", exc)

    def read(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        if not self.enabled:
            return []
        try:
            return self._connect().execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            self._disable(f"The result cache cannot be read ({exc}); continuing without it.", exc)
            return []

    def compact(self) -> None:
        """Give deleted rows' space back to the disk (VACUUM), so deleted text is gone for real."""
        if not self.enabled:
            return
        try:
            conn = self._connect()
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            log.warning("could not compact the cache: %s", exc)

    def bytes_on_disk(self) -> int:
        """The database and its WAL files."""
        files = self.folder.glob(DB_NAME + "*") if self.folder.is_dir() else []
        return sum(p.stat().st_size for p in files)


def _add_missing_columns(conn: sqlite3.Connection) -> None:
    present = {row[1] for row in conn.execute("PRAGMA table_info(pages)")}
    for name, kind in ADDED_PAGE_COLUMNS.items():
        if name not in present:
            conn.execute(f"ALTER TABLE pages ADD COLUMN {name} {kind}")


def _is_corruption(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("malformed", "not a database", "corrupt", "quick_check"))
