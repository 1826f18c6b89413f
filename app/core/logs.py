"""Logging: a rotating file in the user's log folder plus Scriba's warnings on stderr, for every process.

The window and the commands call ``setup_logging`` once at start (``app.cli.startup``). It
names the file in the environment, which spawned workers inherit; a worker's
``log_worker_records`` then appends its warnings and errors to that same file.

Why workers append to the file rather than send their records to the parent through a
``multiprocessing`` queue (``QueueHandler``/``QueueListener``): a queue needs a listener thread
in the parent and a lock shared by every worker, and the scheduler kills workers (page timeouts,
the memory cap, Cancel): one killed while it holds the queue's lock would silence every other
worker. Appending needs nothing shared: each record is one ``write`` to a file opened in append
mode and closed again, so a killed worker holds nothing open, ``spawn`` on Windows passes
nothing but an environment variable, and the parent alone rotates the file. Workers log
little (a damaged page, a page over the memory cap), so opening the file per record costs
nothing that matters. (On Windows a rotation that meets a worker's write in the same instant
cannot rename the open file: the parent's handler reports it and rotates with a later record.)

Never log recognised text: messages name files and pages, never their content.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

#: Set by ``setup_logging`` for the processes this one starts: the log file they append to.
WORKER_LOG_VARIABLE = "SCRIBA_WORKER_LOG_FILE"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_WORKER_FORMAT = "%(asctime)s %(levelname)s %(name)s[worker %(process)d]: %(message)s"


def log_dir() -> Path:
    override = os.environ.get("SCRIBA_LOG_DIR")
    if override:
        return Path(override)
    import platformdirs  # ~15 ms: imported here, so a worker (which imports this module) never pays it

    return Path(platformdirs.user_log_dir("Scriba", appauthor=False))


def setup_logging(*, verbose: bool = False) -> Path | None:
    """Configure the root logger once; returns the log file (None if it cannot be written).

    Works without a stderr (the windowed Windows executable has none): the file still logs.
    """
    root = logging.getLogger()
    if getattr(root, "_scriba_configured", False):
        return None
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.DEBUG if verbose else logging.WARNING)
        console.setFormatter(logging.Formatter("scriba: %(message)s"))
        if not verbose:
            console.addFilter(_ours)
        root.addHandler(console)
    # A library's warnings (``warnings.warn``: pypdf, Pillow) become records of "py.warnings".
    logging.captureWarnings(True)
    path: Path | None = log_dir() / "scriba.log"
    assert path is not None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(handler)
        os.environ[WORKER_LOG_VARIABLE] = str(path)
    except OSError:
        path = None  # a read-only profile still runs; stderr keeps the warnings
    root._scriba_configured = True  # type: ignore[attr-defined]
    return path


def _ours(record: logging.LogRecord) -> bool:
    """Whether a record goes to stderr too: Scriba's own, which name their file. A library's
    complaints (pypdf's "Object 12 0 not defined", pikepdf's, Pillow's: a hundred on one odd
    file, none naming it) go to the log file only; Scriba words what matters in its own sentence."""
    return record.name == "app" or record.name.startswith("app.")


class _AppendingHandler(logging.Handler):
    """Each record is one write to ``path``, opened in append mode and closed at once."""

    def __init__(self, path: str) -> None:
        super().__init__(logging.WARNING)
        self.path = path
        self.setFormatter(logging.Formatter(_WORKER_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + "\n"
            with open(self.path, "a", encoding="utf-8") as file:
                file.write(line)
        except Exception:  # logging must never take the worker down
            self.handleError(record)


def log_worker_records() -> None:
    """In a worker process: its warnings and errors go to the file its parent logs to.

    Nothing happens when the parent set up no logging (a library caller, most tests): records
    then reach stderr through ``logging.lastResort`` as before.
    """
    path = os.environ.get(WORKER_LOG_VARIABLE)
    if not path:
        return
    root = logging.getLogger()
    root.setLevel(logging.WARNING)
    root.addHandler(_AppendingHandler(path))
    logging.captureWarnings(True)  # a library's warnings.warn: to the file, not the parent's stderr
