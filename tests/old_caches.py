"""Cache files as older Scriba versions wrote them: what the migration tests open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.storage.database import DB_NAME


def old_cache(folder: Path, *, skew: bool = True) -> sqlite3.Connection:
    """A cache file in ``folder`` with the ``documents`` and ``pages`` tables of an older Scriba
    (no corrections table, no layout column; no skew column either with ``skew=False``), open
    for the test to fill."""
    folder.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(folder / DB_NAME)
    conn.executescript(
        "CREATE TABLE documents (doc_hash TEXT NOT NULL, options_key TEXT NOT NULL, page_count INTEGER,"
        " encrypted INTEGER, name TEXT, created REAL NOT NULL, last_used REAL NOT NULL,"
        " bytes INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (doc_hash, options_key));"
        "CREATE TABLE pages (doc_hash TEXT NOT NULL, options_key TEXT NOT NULL, page INTEGER NOT NULL,"
        " source TEXT NOT NULL, text TEXT NOT NULL, confidence REAL, words BLOB, rotation INTEGER,"
        f" width_pt REAL, height_pt REAL, seconds REAL{', skew REAL' if skew else ''},"
        " PRIMARY KEY (doc_hash, options_key, page));"
    )
    return conn
