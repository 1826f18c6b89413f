"""Plain text: UTF-8, each page's ``page_text``, pages separated by a form feed."""

from __future__ import annotations

from typing import BinaryIO

from app.core.export.base import ExportDocument, ExportOptions, ordered_pages
from app.core.export.page_text import page_text

FORM_FEED = "\f"


def document_text(doc: ExportDocument, options: ExportOptions) -> str:
    """The whole document as one string: pages in order, each ending with a newline,
    separated by a form feed or preceded by a ``--- Page N ---`` line. What the window's
    "Copy all pages" puts on the clipboard, too."""
    pages = ordered_pages(doc)
    language = doc.language
    if options.page_markers:  # the marker is part of the headless contract: always English
        return "\n".join(f"--- Page {page.page + 1} ---\n{page_text(page, language)}\n" for page in pages)
    return FORM_FEED.join(f"{page_text(page, language)}\n" for page in pages)


class TextExporter:
    """UTF-8 without a byte-order mark and with ``\\n`` line ends, which every current editor
    (Notepad included) reads correctly."""

    name = "txt"
    suffix = ".txt"
    label = ("Text", "Texto")
    description = ("Plain text", "Texto simples")

    def write(self, doc: ExportDocument, out: BinaryIO, options: ExportOptions) -> None:
        # surrogatepass would write invalid UTF-8; a stray surrogate from a bad text layer
        # becomes U+FFFD instead of failing the whole export.
        out.write(document_text(doc, options).encode("utf-8", errors="replace"))
