"""Translated words the window shows for engine values: job states, error codes, durations.

Error sentences are the GUI's own (short, no file name: the row already shows it); an unknown
code falls back to the engine's English sentence rather than showing nothing.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from app.core.jobs import JobState


def state_text(state: JobState) -> str:
    names = {
        JobState.QUEUED: QCoreApplication.translate("Texts", "Queued"),
        JobState.RUNNING: QCoreApplication.translate("Texts", "Running"),
        JobState.DONE: QCoreApplication.translate("Texts", "Done"),
        JobState.FAILED: QCoreApplication.translate("Texts", "Failed"),
        JobState.CANCELLED: QCoreApplication.translate("Texts", "Cancelled"),
    }
    return names[state]


def error_text(code: str | None, fallback: str | None) -> str:
    """One sentence saying why a document has no text, in the UI language."""
    sentences = {
        "missing": QCoreApplication.translate("Texts", "The file does not exist."),
        "unreadable": QCoreApplication.translate("Texts", "The file cannot be read."),
        "too_large": QCoreApplication.translate("Texts", "The file is larger than the size limit."),
        "empty": QCoreApplication.translate("Texts", "The file is empty."),
        "not_document": QCoreApplication.translate("Texts", "This is not a PDF or an image Scriba can read."),
        "image_damaged": QCoreApplication.translate(
            "Texts", "The image is damaged or incomplete and cannot be read."
        ),
        "image_too_large": QCoreApplication.translate("Texts", "The image is too large to be read."),
        "damaged": QCoreApplication.translate("Texts", "The PDF is damaged and cannot be opened."),
        "password": QCoreApplication.translate("Texts", "The PDF is protected by a password."),
        "wrong_password": QCoreApplication.translate("Texts", "The password is not correct."),
        "no_pages": QCoreApplication.translate("Texts", "The PDF has no pages."),
        "changed": QCoreApplication.translate("Texts", "The file changed or disappeared while being read."),
        "cancelled": QCoreApplication.translate("Texts", "Cancelled."),
        "language": QCoreApplication.translate("Texts", "An OCR language in the settings is not installed."),
    }
    if code in sentences:
        return sentences[code]
    if fallback:
        return fallback
    return QCoreApplication.translate("Texts", "An unexpected error stopped this document.")


def pages_text(count: int) -> str:
    return QCoreApplication.translate("Texts", "%n page(s)", None, count)


def failed_pages_text(count: int) -> str:
    return QCoreApplication.translate("Texts", "%n page(s) failed", None, count)


def blank_pages_text(count: int) -> str:
    return QCoreApplication.translate("Texts", "%n blank page(s)", None, count)


def speed_text(pages_per_minute: float) -> str:
    if pages_per_minute <= 0 or math.isnan(pages_per_minute):
        return ""
    value = f"{pages_per_minute:.0f}" if pages_per_minute >= 10 else f"{pages_per_minute:.1f}"
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
    """Bytes in the largest unit that keeps the number readable (MB and GB are decimal-ish)."""
    value = float(num_bytes)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit in ("B", "KB") else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def export_error_text(code: str | None, fallback: str | None) -> str:
    """Why an export failed, in the UI language (the engine's English sentence otherwise)."""
    sentences = {
        "locked": QCoreApplication.translate("Texts", "The file is open in another program."),
        "no_space": QCoreApplication.translate("Texts", "The disk is full."),
        "permission": QCoreApplication.translate("Texts", "You do not have permission to write there."),
        "bad_name": QCoreApplication.translate("Texts", "The name is not valid for a file."),
        "no_folder": QCoreApplication.translate("Texts", "The folder does not exist."),
        "same_as_source": QCoreApplication.translate(
            "Texts", "That is the original document; choose another name."
        ),
        "password": QCoreApplication.translate(
            "Texts", "The original PDF could not be opened with its password."
        ),
    }
    if code in sentences:
        return sentences[code]
    return fallback or QCoreApplication.translate("Texts", "The file could not be written.")
