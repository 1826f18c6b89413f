"""The export call that runs in a one-off child process (Qt-free on purpose: nothing here loads Qt).

The outcome crosses the process boundary as plain strings: the English sentence, and the
catalog code and parameters of why it failed (``ExportError.reason``/``params``) for the window
to say it in its language.
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
    reason: str | None = None  # ExportError.reason, a code of app.core.errors ("export_locked", ...)
    params: tuple[tuple[str, str], ...] = ()
    parts: tuple[Path, ...] = ()  # every file written, when a size limit split the document


def export_one(doc: object, target: Path, fmt: str, max_size: int | None = None) -> ExportOutcome:
    """Write one document; never raises for an export the user can fix (it is reported)."""
    from app.core.export import ExportError, export_document

    source = doc.source  # type: ignore[attr-defined]
    try:
        if max_size is not None:
            from app.core.export.base import ExportOptions
            from app.core.export.split import export_sized

            sized = export_sized(doc, target, fmt, ExportOptions(max_size=max_size))  # type: ignore[arg-type]
            return ExportOutcome(source, sized.paths[0], parts=sized.paths)
        written = export_document(doc, target, fmt)  # type: ignore[arg-type]
    except ExportError as exc:
        return ExportOutcome(source, None, str(exc), exc.code, exc.reason, tuple(exc.params.items()))
    except OSError as exc:
        failure = ExportError("os", "export_os", target=target, detail=exc.strerror or exc)
        return ExportOutcome(
            source, None, str(failure), failure.code, failure.reason, tuple(failure.params.items())
        )
    return ExportOutcome(source, Path(written))
