"""The user's corrections: a page's text as they typed it, kept beside the OCR result.

Keyed by the document (the file's SHA-256) and the page only, not by the options key: a re-read
with other settings (DPI, languages, forced OCR) finds the correction still there, and the OCR
result under it stays as it was read. Each correction keeps the OCR text it was made over
(``base``), so the window can say when a re-read's text differs from what the user corrected;
the re-read never replaces the correction.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from app.core.storage.database import Database


@dataclass(frozen=True, slots=True)
class Correction:
    """One corrected page: ``text`` as the user typed it, ``base`` the OCR text they corrected."""

    page: int
    text: str
    base: str


class CorrectionStore:
    """The ``corrections`` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def corrections(self, doc_hash: str) -> dict[int, Correction]:
        """Every corrected page of the document, by page number (0-based)."""
        rows = self._db.read("SELECT page, text, base FROM corrections WHERE doc_hash=?", (doc_hash,))
        return {int(page): Correction(int(page), str(text), str(base)) for page, text, base in rows}

    def put(self, doc_hash: str, page: int, text: str, base: str) -> None:
        with self._db.writing() as conn:
            if conn:
                conn.execute(
                    "INSERT OR REPLACE INTO corrections (doc_hash, page, text, base, updated)"
                    " VALUES (?,?,?,?,?)",
                    (doc_hash, page, text, base, time.time()),
                )

    def remove(self, doc_hash: str, page: int) -> None:
        """Back to the OCR text: the page's correction is gone."""
        with self._db.writing() as conn:
            if conn:
                conn.execute("DELETE FROM corrections WHERE doc_hash=? AND page=?", (doc_hash, page))

    def evict(self, max_age_days: float) -> int:
        """Drop corrections of documents no longer cached and untouched for ``max_age_days``.

        A document's corrections outlive its results while they are recent: a re-read of it finds
        them. The size cap never takes them: they are the user's work, and small."""
        cutoff = time.time() - max_age_days * 86400
        with self._db.writing() as conn:
            if not conn:
                return 0
            cursor = conn.execute(
                "DELETE FROM corrections WHERE updated < ?"
                " AND doc_hash NOT IN (SELECT doc_hash FROM documents)",
                (cutoff,),
            )
            return max(cursor.rowcount, 0)
        return 0

    def clear(self) -> None:
        """Delete every correction (Clear cache: all recognised and typed text goes)."""
        with self._db.writing() as conn:
            if conn:
                conn.execute("DELETE FROM corrections")
