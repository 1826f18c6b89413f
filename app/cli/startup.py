"""What every front end does first (the window, ``scriba ocr``, ``scriba cache``), and how a
command ends when its reader stops reading.

``app.cli.main`` calls ``ensure_streams`` and then ``start_logging`` before it hands over to a
command or to the window: one start-up path, so the window logs to the same rotating file as the
commands, and so do the workers they start (``app.core.logs``).
"""

from __future__ import annotations

import errno
import logging
import os
import sys
from pathlib import Path

from app import __version__
from app.core.logs import setup_logging

log = logging.getLogger(__name__)


def ensure_streams() -> None:
    """A windowed Windows executable starts with no stdout/stderr (``None``); printing a usage
    error or ``--version`` would then crash. Such output goes nowhere instead."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")


def start_logging(front_end: str, *, verbose: bool = False) -> Path | None:
    """The log file for this process and the workers it starts; None if it cannot be written.

    Its first line says which front end started, so a user's log shows what ran.
    """
    path = setup_logging(verbose=verbose)
    log.info("Scriba %s (%s), Python %s on %s", __version__, front_end, sys.version.split()[0], sys.platform)
    return path


def is_closed_pipe(exc: OSError) -> bool:
    """Whether writing failed because the reader went away: ``BrokenPipeError`` (EPIPE), or
    EINVAL, which Windows raises for a pipe closed at its other end."""
    return isinstance(exc, BrokenPipeError) or (sys.platform == "win32" and exc.errno == errno.EINVAL)


def stdout_closed() -> None:
    """The reader of standard output went away (``scriba ocr ... | head``).

    The Python documentation's recipe (``signal`` module, "Note on SIGPIPE"): standard output
    now points at the null device, so the text still buffered, and the flush at exit, go
    nowhere instead of raising ``BrokenPipeError`` a second time.
    """
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's StringIO): nothing to redirect
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)
