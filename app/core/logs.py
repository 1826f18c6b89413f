"""Logging: a rotating file in the user's log folder plus warnings on stderr.

Never log recognised text: messages name files and pages, never their content.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

import platformdirs


def log_dir() -> Path:
    override = os.environ.get("SCRIBA_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir("Scriba", appauthor=False))


def setup_logging(*, verbose: bool = False) -> Path | None:
    """Configure the root logger once; returns the log file (None if it cannot be written)."""
    root = logging.getLogger()
    if getattr(root, "_scriba_configured", False):
        return None
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("scriba: %(message)s"))
    root.addHandler(console)
    path: Path | None = log_dir() / "scriba.log"
    assert path is not None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError:
        path = None  # a read-only profile still runs; stderr keeps the warnings
    root._scriba_configured = True  # type: ignore[attr-defined]
    return path
