"""The documents of the last session, listed again when the window opens.

The list is a setting (``jobs/recent``: JSON, paths and OCR options, never passwords) written
whenever a document finishes or leaves the list. On start each one is submitted again: the job
manager finds every page in the cache (same file hash, same options) and the row is finished at
once, without a page read. A document the cache no longer holds in full (evicted, changed, gone)
is not read again: the controller takes its row off the list as soon as the manager says so.
Protected documents are not kept (their password is never stored, so they could not be opened).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from app.core.jobs import JobRequest, JobState
from app.core.options import OcrOptions
from app.core.storage.journal import options_to_json
from app.gui.job_model import JobModel, JobRow
from app.gui.settings import Settings

log = logging.getLogger(__name__)

KEY = "jobs/recent"
#: The most documents kept: enough for a day's work, few enough to list at once.
LIMIT = 50


def load(settings: Settings) -> list[JobRequest]:
    """The last session's finished documents, oldest first (a missing file fails its job, and
    the controller takes the row away: no disk access here, the window opens fast)."""
    try:
        entries = json.loads(str(settings.get(KEY)) or "[]")
    except ValueError:
        log.warning("ignoring an unreadable list of recent documents")
        return []
    requests = []
    for entry in entries if isinstance(entries, list) else []:
        try:
            request = JobRequest(Path(entry["path"]), OcrOptions(**json.loads(entry["options"])))
        except (KeyError, TypeError, ValueError):
            continue  # written by another version: not worth listing
        requests.append(request)
    return requests[-LIMIT:]


def save(settings: Settings, requests: list[JobRequest]) -> None:
    entries = [
        {"path": str(r.path), "options": options_to_json(r.options)} for r in requests if r.password is None
    ]
    settings.set(KEY, json.dumps(entries[-LIMIT:]))


def list_again(
    settings: Settings, model: JobModel, submit: Callable[[JobRequest], int], given: list[Path]
) -> list[int]:
    """Submit the last session's documents not ``given`` now nor listed; their job ids."""
    named = {path.absolute() for path in given}
    requests = [r for r in load(settings) if r.path not in named and model.job_for_path(r.path) is None]
    return [submit(request) for request in requests]


def remember(settings: Settings, rows: list[JobRow]) -> None:
    """Keep the finished documents among ``rows`` for the next session."""
    save(settings, [row.request for row in rows if row.state is JobState.DONE])
