"""Plain text: UTF-8, one paragraph per line block, pages separated by a form feed."""

from __future__ import annotations

from typing import BinaryIO

from app.core.export.base import ExportDocument, ExportOptions, failure_note, ordered_pages
from app.core.export.layout import dehyphenate_text, page_word_paragraphs
from app.core.results import PageResult, PageSource

FORM_FEED = "\f"


def page_text(page: PageResult) -> str:
    """The text of one page as the text export writes it, without a trailing newline.

    OCR pages are rebuilt from their words (a blank line between paragraphs); a page's own
    text layer, or a page without word boxes, is kept as is apart from hyphenation.
    """
    if page.failed:
        return failure_note(page)
    if page.source is PageSource.TEXT or not page.words:
        return dehyphenate_text(page.text.replace("\r\n", "\n")).strip("\n")
    return "\n\n".join(page_word_paragraphs(page))


def document_text(doc: ExportDocument, options: ExportOptions) -> str:
    """The whole document as one string: pages in order, each ending with a newline,
    separated by a form feed or preceded by a ``--- Page N ---`` line."""
    pages = ordered_pages(doc)
    if options.page_markers:
        return "\n".join(f"--- Page {page.page + 1} ---\n{page_text(page)}\n" for page in pages)
    return FORM_FEED.join(f"{page_text(page)}\n" for page in pages)


class TextExporter:
    """UTF-8 without a byte-order mark and with ``\\n`` line ends, which every current editor
    (Notepad included) reads correctly."""

    name = "txt"
    suffix = ".txt"
    description = "Plain text"

    def write(self, doc: ExportDocument, out: BinaryIO, options: ExportOptions) -> None:
        # surrogatepass would write invalid UTF-8; a stray surrogate from a bad text layer
        # becomes U+FFFD instead of failing the whole export.
        out.write(document_text(doc, options).encode("utf-8", errors="replace"))
