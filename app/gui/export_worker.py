"""The export call that runs in a one-off child process (Qt-free on purpose: nothing here loads Qt).

``ExportError`` takes two constructor arguments, which pickle cannot rebuild on the way back
from a child process, so the outcome crosses the process boundary as plain strings instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    source: Path
    target: Path | None  # the file written, None on failure
    error: str | None = None  # one English sentence
    code: str | None = None  # ExportError.code ("locked", "no_space", "permission", ...)


def export_one(doc: object, target: Path, fmt: str) -> ExportOutcome:
    """Write one document; never raises for an export the user can fix (it is reported)."""
    from app.core.export import ExportError, export_document

    source = doc.source  # type: ignore[attr-defined]
    try:
        written = export_document(doc, target, fmt)  # type: ignore[arg-type]
    except ExportError as exc:
        return ExportOutcome(source, None, str(exc), exc.code)
    except OSError as exc:
        return ExportOutcome(source, None, f"Cannot write {target}: {exc.strerror or exc}.", "os")
    return ExportOutcome(source, Path(written))
