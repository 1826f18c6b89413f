"""The server's jobs on disk: one folder per job, its uploaded document and a small JSON record.

A password sent with an upload is kept in memory only, never written here: after a restart a
protected document's unfinished job asks for it again (it fails with the password sentence).

The record is what lets a job survive a restart of the server: its id, the label the client gave
the file, the options, and how it ended. The pages themselves live in the result cache, like
every other document's. Job ids are random (``secrets.token_hex``), so one client cannot guess
another's, and they are the only names that reach the disk: a client's file name never does.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import platformdirs

from app.core.options import OcrOptions

log = logging.getLogger(__name__)

DOCUMENT = "document"
RECORD = "job.json"
_ID = re.compile(r"[0-9a-f]{32}")


def default_folder() -> Path:
    """Where uploads and records live: ``SCRIBA_SERVER_DIR``, else the user data folder."""
    override = os.environ.get("SCRIBA_SERVER_DIR")
    if override:
        return Path(override)
    return platformdirs.user_data_path("Scriba", appauthor=False) / "server"


def valid_id(job_id: str) -> bool:
    """Whether ``job_id`` is the shape of an id this server hands out (and so safe in a path)."""
    return _ID.fullmatch(job_id) is not None


@dataclass(frozen=True, slots=True)
class JobRecord:
    """One uploaded document and how its job ended (``state`` is ``None`` while it runs)."""

    job_id: str
    name: str
    options: OcrOptions
    created: float = field(default_factory=time.time)
    state: str | None = None  # "done", "error" or "cancelled" once finished
    pages: int = 0
    error_code: str | None = None
    error_params: tuple[tuple[str, str], ...] = ()


class JobRecords:
    """The folder of job folders."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        (folder / "jobs").mkdir(parents=True, exist_ok=True)

    def new_id(self) -> str:
        return secrets.token_hex(16)

    def job_folder(self, job_id: str) -> Path:
        if not valid_id(job_id):
            raise ValueError(job_id)
        return self.folder / "jobs" / job_id

    def document(self, job_id: str) -> Path:
        return self.job_folder(job_id) / DOCUMENT

    def prepare(self, job_id: str) -> Path:
        """Make the job's folder; returns where its document is to be written."""
        folder = self.job_folder(job_id)
        folder.mkdir(mode=0o700)
        return folder / DOCUMENT

    def save(self, record: JobRecord) -> None:
        """Write the record atomically: a crash leaves the old one or the new one."""
        target = self.job_folder(record.job_id) / RECORD
        temporary = target.with_suffix(".tmp")
        payload = asdict(record)
        payload["options"] = asdict(record.options)
        temporary.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(temporary, target)

    def finish(
        self,
        record: JobRecord,
        state: str,
        pages: int,
        code: str | None = None,
        params: tuple[tuple[str, str], ...] = (),
    ) -> JobRecord:
        finished = replace(record, state=state, pages=pages, error_code=code, error_params=params)
        self.save(finished)
        return finished

    def remove(self, job_id: str) -> None:
        shutil.rmtree(self.job_folder(job_id), ignore_errors=True)

    def load_all(self) -> list[JobRecord]:
        """Every job with a readable record, oldest first; folders of uploads that never got a
        record (the server stopped while receiving) are removed."""
        records = []
        for folder in sorted((self.folder / "jobs").iterdir()):
            if not valid_id(folder.name):
                continue
            try:
                payload = json.loads((folder / RECORD).read_text(encoding="utf-8"))
                payload["options"] = OcrOptions(**payload["options"])
                payload["error_params"] = tuple(tuple(pair) for pair in payload.get("error_params", ()))
                records.append(JobRecord(**payload))
            except FileNotFoundError:
                shutil.rmtree(folder, ignore_errors=True)
            except (OSError, ValueError, TypeError, KeyError) as exc:
                log.warning("Server job %s has an unreadable record and is skipped: %s", folder.name, exc)
        return sorted(records, key=lambda r: r.created)
