"""The export interface: what is exported, how, and how it fails."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from app.core.errors import message
from app.core.results import PageResult


@dataclass(frozen=True)
class ExportDocument:
    """A recognised document, ready to export.

    Attributes:
        source: The original document (a PDF or a scanner's image file).
        pages: One result per page, ordered by page index; failed pages have source
            ``FAILED`` and an ``error``.
        languages: The Tesseract languages used (``por+eng``); recorded in the file's properties.
        password: Opens the source (only the searchable PDF reads it).
        title: Shown as the title; default: the source file's stem.
        dpi: The resolution the pages were read at (``OcrOptions.dpi``; ``None``: the reader's
            rule): a page the searchable PDF must rebuild from its image is rendered so.
        language: The language of what Scriba itself writes into the export (``en`` or
            ``pt_BR``): the note that stands for a page that could not be read.
    """

    source: Path
    pages: Sequence[PageResult]
    languages: str = "por+eng"
    password: str | None = None
    title: str | None = None
    dpi: int | None = None
    language: str = "en"

    @property
    def display_title(self) -> str:
        return self.title if self.title else self.source.stem


@dataclass(frozen=True)
class ExportOptions:
    """Choices that apply to every format (a format ignores what it has no use for).

    Attributes:
        page_markers: Plain text separates pages with a ``--- Page N ---`` line instead of a
            form feed.
        jpeg_quality: PDF and PDF/A: compress the pages' images (``app.core.export.compress``)
            with this JPEG quality; None: keep them as they are unless a size limit needs it.
        max_size: PDF and PDF/A: the largest file allowed, in bytes; a larger document is
            compressed, then split into parts (``app.core.export.split``).
    """

    page_markers: bool = False
    jpeg_quality: int | None = None
    max_size: int | None = None


class ExportError(Exception):
    """An export that could not be written.

    ``code`` is a short stable category (``locked``, ``no_space``, ``permission``,
    ``source_changed``, ...); ``reason`` and ``lead`` are codes of the message catalog
    (``app.core.errors``): why it failed, and where (``Cannot write {target}``), filled in
    with ``params``. ``str(error)`` is the English sentence ``lead: reason``.
    """

    def __init__(self, code: str, reason: str, lead: str = "export_write", **params: object) -> None:
        self.code, self.reason, self.lead = code, reason, lead
        self.params = {key: str(value) for key, value in params.items()}
        super().__init__(self.localized("en"))

    def localized(self, language: str) -> str:
        """The whole sentence in ``en`` or ``pt_BR``: where, and why."""
        return (
            f"{message(self.lead, language, **self.params)}: {message(self.reason, language, **self.params)}"
        )

    def __reduce__(self) -> tuple[Callable[..., ExportError], tuple[str, str, str, dict[str, str]]]:
        # Exports run in a child process in the window: the error must survive pickling.
        return (_rebuilt, (self.code, self.reason, self.lead, self.params))


def _rebuilt(code: str, reason: str, lead: str, params: dict[str, str]) -> ExportError:
    return ExportError(code, reason, lead, **params)


class Exporter(Protocol):
    """One output format. Writers get a binary handle to a temporary file; the caller makes
    the write atomic, so a writer just writes and raises on failure."""

    @property
    def name(self) -> str: ...  # registry key: "txt", "docx", "pdf"

    @property
    def suffix(self) -> str: ...  # ".txt"

    @property
    def label(self) -> tuple[str, str]: ...  # (English, pt_BR), for menus: ("Text", "Texto")

    @property
    def description(self) -> tuple[str, str]: ...  # (English, pt_BR), for file dialogs: "Plain text"

    def write(self, doc: ExportDocument, out: BinaryIO, options: ExportOptions) -> None: ...


def failure_note(page: PageResult, language: str = "en") -> str:
    """The line that stands in for a page that could not be read, in ``language``."""
    reason = (page.localized_error(language) or page.error or "?").strip().rstrip(".")
    return message("export_page_note", language, page=page.page + 1, detail=reason)


def ordered_pages(doc: ExportDocument) -> list[PageResult]:
    # Callers promise page order; sorting is cheap insurance against a shuffled cache read.
    return sorted(doc.pages, key=lambda page: page.page)
