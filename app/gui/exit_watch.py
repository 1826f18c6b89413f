"""``scriba --exit-when-done``: which documents the window waits for, and the exit code they make.

The controller tells it what was queued, skipped and finished; it says when the window may quit
and with which code (0 when every document was read, 1 when one failed, was cancelled or an
input was no document at all, as ``scriba ocr`` counts them).
"""

from __future__ import annotations

from pathlib import Path

from app.gui.drop_zone import split_paths


class ExitWatch:
    """The documents ``--exit-when-done`` waits for (none when ``enabled`` is False)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._waiting: set[int] = set()  # job ids not finished yet
        self._failed = False
        self._queued_any = False  # an input that gave no document at all failed

    def queued(self, job_ids: list[int]) -> None:
        if self.enabled:
            self._waiting.update(job_ids)
        self._queued_any |= bool(job_ids)

    def given(self, paths: list[Path]) -> None:
        """Inputs named on the command line or handed over: one that is neither a PDF nor an
        image counts as failed."""
        if self.enabled:
            self._failed |= bool(split_paths(paths)[2])

    def finished(self, job_id: int, read: bool) -> bool:
        """A job ended (``read``: done); whether it was one the window waits for."""
        if job_id not in self._waiting:
            return False
        self._waiting.discard(job_id)
        self._failed |= not read
        return True

    def exit_code(self, *, searching: bool, given: bool) -> int | None:
        """The code to quit with, or None while a document or a folder search is unfinished;
        ``given``: files were named, so finding no document at all is a failure."""
        if self._waiting or searching:
            return None
        return 1 if self._failed or (given and not self._queued_any) else 0
