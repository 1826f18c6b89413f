"""Translated words the window shows for engine values: job states, error codes, durations.

Error sentences come from the core's one catalog (``app.core.errors``), in its short form (no
file name: the row already shows it) and the window's language; an unknown code falls back to
the engine's English sentence rather than showing nothing.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from app.core import errors
from app.core.jobs import FailedCodes, JobState, localized_failed_pages
from app.core.results import PageResult
from app.gui import i18n


def state_text(state: JobState) -> str:
    names = {
        JobState.QUEUED: QCoreApplication.translate("Texts", "Queued"),
        JobState.RUNNING: QCoreApplication.translate("Texts", "Running"),
        JobState.DONE: QCoreApplication.translate("Texts", "Done"),
        JobState.FAILED: QCoreApplication.translate("Texts", "Failed"),
        JobState.CANCELLED: QCoreApplication.translate("Texts", "Cancelled"),
    }
    return names[state]


def error_text(code: str | None, fallback: str | None, params: tuple[tuple[str, str], ...] = ()) -> str:
    """One sentence saying why a document has no text, in the UI language: the core catalog's
    short form (the row already shows the file name)."""
    if errors.known(code):
        assert code is not None
        return errors.short_message(code, i18n.shown_language(), **dict(params))
    if fallback:
        return fallback
    return errors.short_message("internal", i18n.shown_language())


def page_error_text(result: PageResult) -> str:
    """Why one page could not be read, in the UI language."""
    return result.localized_error(i18n.shown_language())


def failed_page_reasons(
    failed_pages: tuple[tuple[int, str], ...], codes: FailedCodes
) -> list[tuple[int, str]]:
    """Failed pages with their reasons in the UI language (``JobFinished.failed_codes``)."""
    return localized_failed_pages(failed_pages, codes, i18n.shown_language())


def pages_text(count: int) -> str:
    return QCoreApplication.translate("Texts", "%n page(s)", None, count)


def failed_pages_text(count: int) -> str:
    return QCoreApplication.translate("Texts", "%n page(s) failed", None, count)


def blank_pages_text(count: int) -> str:
    return QCoreApplication.translate("Texts", "%n blank page(s)", None, count)


def speed_text(pages_per_minute: float) -> str:
    if pages_per_minute <= 0 or math.isnan(pages_per_minute):
        return ""
    value = i18n.format_number(pages_per_minute, 0 if pages_per_minute >= 10 else 1)  # "19,5" in pt-BR
    return QCoreApplication.translate("Texts", "%1 pages/min").replace("%1", value)


def duration_text(seconds: float | None) -> str:
    """``"45 s"``, ``"3 min 20 s"``, ``"1 h 05 min"``; empty when unknown."""
    if seconds is None or seconds < 0 or math.isnan(seconds) or math.isinf(seconds):
        return ""
    total = round(seconds)
    if total < 60:
        return QCoreApplication.translate("Texts", "%1 s").replace("%1", str(total))
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        return (
            QCoreApplication.translate("Texts", "%1 min %2 s")
            .replace("%1", str(minutes))
            .replace("%2", f"{secs:02d}")
        )
    hours, minutes = divmod(minutes, 60)
    return (
        QCoreApplication.translate("Texts", "%1 h %2 min")
        .replace("%1", str(hours))
        .replace("%2", f"{minutes:02d}")
    )


def size_text(num_bytes: int) -> str:
    """Bytes in the largest unit that keeps the number readable, in the UI's locale ("1,7 MB")."""
    return i18n.format_size(num_bytes)


def export_error_text(reason: str | None, params: tuple[tuple[str, str], ...], fallback: str | None) -> str:
    """Why an export failed, in the UI language: the catalog's short form of ``reason``
    (``ExportError.reason``), else the engine's English sentence."""
    if errors.known(reason):
        assert reason is not None
        return errors.short_message(reason, i18n.shown_language(), **dict(params))
    return fallback or errors.short_message("export_failed", i18n.shown_language())
