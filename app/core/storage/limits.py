"""How big and how old the cache may grow, kept in the cache itself.

The window's Settings write the user's choice here; ``scriba ocr`` and ``scriba cache`` read it, so
a headless run keeps the cache to the window's cap instead of its own. Nothing stored: the shared
defaults (app.core.defaults).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core import defaults
from app.core.storage.database import Database


@dataclass(frozen=True, slots=True)
class CacheLimits:
    max_bytes: int = defaults.CACHE_MAX_BYTES  # stored text and word boxes (CacheInfo.result_bytes)
    max_age_days: float = defaults.CACHE_MAX_AGE_DAYS


def stored_limits(db: Database) -> CacheLimits:
    """The limits last stored; the defaults for any not stored or unreadable."""
    rows = dict(db.read("SELECT name, value FROM settings WHERE name IN ('max_bytes', 'max_age_days')"))
    chosen = CacheLimits()
    try:
        max_bytes = int(rows.get("max_bytes", chosen.max_bytes))
        max_age_days = float(rows.get("max_age_days", chosen.max_age_days))
    except (TypeError, ValueError):
        return chosen
    if max_bytes <= 0 or max_age_days < 0:
        return chosen
    return CacheLimits(max_bytes, max_age_days)


def store_limits(db: Database, limits: CacheLimits) -> None:
    with db.writing() as conn:
        if conn:
            conn.executemany(
                "INSERT OR REPLACE INTO settings VALUES (?, ?)",
                [("max_bytes", str(limits.max_bytes)), ("max_age_days", repr(float(limits.max_age_days)))],
            )
