"""The text of one page: the one source for what the review pane shows, what Copy puts on the
clipboard and what the text formats write.

A page the user corrected is their text as typed (``corrected_text``: line ends made ``\n``).
OCR pages are rebuilt from their words (``app.core.export.layout``: paragraphs, a blank line
between them, line-end hyphenation undone), or read from the layout the worker stored with the
page (``app.core.export.stored_layout``: the same text, worked out once); a page's own text
layer, or a page without word boxes, is kept as is apart from hyphenation; a failed page is one
note saying why. The edges only format it: the text export adds page separators, Word makes a
paragraph of each block, the window marks unsure words (``page_tokens``) without changing a
character.
"""

from __future__ import annotations

import re

from app.core.export.base import failure_note
from app.core.export.layout import Token, dehyphenate_text, page_word_tokens, paragraph_text
from app.core.export.stored_layout import stored_text, stored_tokens
from app.core.results import PageResult, PageSource

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: What a text editor may give for a line end (Qt's paragraph and line separators included).
_LINE_END = re.compile("\r\n|[\r\u2028\u2029]")


def corrected_text(typed: str) -> str:
    """A correction as the page's text: every line end ``\n``, no blank lines at either end."""
    return _LINE_END.sub("\n", typed).strip("\n")


def page_tokens(page: PageResult) -> list[list[Token]] | None:
    """The paragraphs of an OCR page as word tokens (what ``page_text`` joins), or ``None``
    for a page whose text is not rebuilt from words (its own text layer, a failed page)."""
    if page.failed or page.corrected or page.source is PageSource.TEXT:
        return None
    stored = stored_tokens(page)
    if stored is not None:
        return stored
    return page_word_tokens(page) if page.words else None


def page_text(page: PageResult, language: str = "en") -> str:
    """The text of one page, without a trailing newline; paragraphs are separated by a blank
    line. A failed page is a note saying why, in ``language``."""
    if page.failed:
        return failure_note(page, language)
    if page.corrected:
        return corrected_text(page.text)
    stored = stored_text(page)
    if stored is not None:
        return stored
    tokens = page_tokens(page)
    if tokens is None:
        return dehyphenate_text(page.text.replace("\r\n", "\n")).strip("\n")
    return "\n\n".join(paragraph_text(paragraph) for paragraph in tokens)


def page_paragraphs(page: PageResult, language: str = "en") -> list[str]:
    """The blocks of ``page_text`` between blank lines; line breaks inside one are kept."""
    return [block.strip("\n") for block in _BLANK_LINE.split(page_text(page, language)) if block.strip()]
