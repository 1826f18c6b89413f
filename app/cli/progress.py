"""Console progress listeners for ``scriba ocr``: a one-line bar on stderr, or JSON lines on stdout."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from app.cli.startup import is_closed_pipe, stdout_closed
from app.core.errors import ui_language
from app.core.jobs import JobEvent, JobFinished, JobStarted, PageDone


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class JsonProgress:
    """One JSON object per line on stdout; the headless contract tests and scripts rely on.

    When the reader closes its end (``scriba ocr ... --progress json | head``) the lines stop,
    standard output goes to the null device (``startup.stdout_closed``) and ``on_closed`` is
    called once, so the run can stop its workers and end without a traceback.
    """

    def __init__(self, stream: TextIO | None = None, on_closed: Callable[[], None] | None = None) -> None:
        self._stream = stream or sys.stdout
        self._lock = threading.Lock()
        self._on_closed = on_closed
        self._closed = False

    def exported(self, source: Path, outputs: Sequence[Path], before: int, after: int) -> None:
        """A size-controlled export: its files and its size before and after, in bytes."""
        self._write(
            {
                "event": "export",
                "file": str(source),
                "outputs": [str(path) for path in outputs],
                "bytes_before": before,
                "bytes_after": after,
            }
        )

    def __call__(self, event: JobEvent) -> None:
        record: dict[str, object]
        if isinstance(event, PageDone):
            record = {
                "event": "page",
                "file": str(event.path),
                "page": event.page + 1,
                "done": event.done,
                "total": event.total,
                "source": event.source.value,
                "seconds": round(event.seconds, 3),
                "pages_per_second": round(event.pages_per_second, 3),
                "eta": None if event.eta_seconds is None else round(event.eta_seconds, 1),
                "skew": round(event.skew, 2),
            }
            if event.error:
                record["error"] = event.error
                record["error_code"] = event.error_code
        elif isinstance(event, JobStarted):
            record = {"event": "start", "file": str(event.path), "total": event.total, "cached": event.cached}
        elif isinstance(event, JobFinished):
            record = {
                "event": "job",
                "file": str(event.path),
                "state": event.state.value,
                "pages": event.pages,
                "error": event.error,
                "error_code": event.error_code,
                "failed_pages": [p + 1 for p, _ in event.failed_pages],
                "blank_pages": [p + 1 for p in event.blank_pages],
                "seconds": round(event.seconds, 3),
            }
        else:
            record = {"event": "queued", "file": str(event.path)}
        self._write(record)

    def _write(self, record: dict[str, object]) -> None:
        with self._lock:
            if self._closed:
                return
            try:
                self._stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                self._stream.flush()
            except OSError as exc:
                if not is_closed_pipe(exc):
                    raise
                self._closed = True
                if self._stream is sys.stdout:
                    stdout_closed()
                if self._on_closed is not None:
                    self._on_closed()


class BarProgress:
    """A single self-rewriting line on stderr per running document; redrawn at most 10 times a second."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._last = 0.0
        self._lock = threading.Lock()
        self._tty = self._stream.isatty()

    def __call__(self, event: JobEvent) -> None:
        with self._lock:
            if isinstance(event, PageDone):
                now = time.monotonic()
                if event.done < event.total and now - self._last < 0.1:
                    return
                self._last = now
                width = 30
                filled = int(width * event.done / max(1, event.total))
                line = (
                    f"{event.path.name[:40]}  [{'#' * filled}{'.' * (width - filled)}] "
                    f"{event.done}/{event.total}  {event.pages_per_second * 60:.0f}/min  "
                    f"ETA {_clock(event.eta_seconds)}"
                )
                if self._tty:
                    self._stream.write("\r" + line[:160].ljust(100))
                elif event.done == event.total:
                    self._stream.write(line + "\n")
                self._stream.flush()
            elif isinstance(event, JobFinished) and self._tty:
                self._stream.write("\r" + " " * 100 + "\r")
                self._stream.flush()


def job_error_sentence(event: JobFinished) -> str:
    """The job's one-sentence error in the user's language."""
    return event.localized_error(ui_language()) or ""
