"""The resume journal: which documents were being read, so the next session can offer them again.

A job is remembered when it starts and forgotten when it ends or the user declines to resume it;
what is left when Scriba starts is what the last session did not finish. Passwords are never
stored. Clearing the page results leaves the journal alone: an unfinished document is still offered.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

from app.core.jobs import JobRequest
from app.core.options import OcrOptions
from app.core.storage.database import Database


def options_to_json(options: OcrOptions) -> str:
    return json.dumps(asdict(options), sort_keys=True)


class Journal:
    """The ``jobs`` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def remember_job(self, request: JobRequest, doc_hash: str | None) -> None:
        with self._db.writing() as conn:
            if conn:
                conn.execute(
                    "INSERT OR REPLACE INTO jobs VALUES (?,?,?,?)",
                    (str(request.path), options_to_json(request.options), doc_hash, time.time()),
                )

    def forget_job(self, path: Path) -> None:
        with self._db.writing() as conn:
            if conn:
                conn.execute("DELETE FROM jobs WHERE path=?", (str(path),))

    def pending_jobs(self) -> list[JobRequest]:
        """Jobs that were running when the last session ended (passwords are never stored)."""
        requests = []
        for path, options in self._db.read("SELECT path, options FROM jobs ORDER BY updated"):
            try:
                opts = OcrOptions(**json.loads(str(options)))
            except (TypeError, ValueError):
                continue  # written by another version: not worth offering
            requests.append(JobRequest(Path(str(path)), opts))
        return requests
