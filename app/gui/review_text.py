"""A page's text for the review pane: ``page_text`` as is, and as HTML with unsure words marked.

Both come from ``app.core.export.page_text``, so the pane shows, Copy copies and the text
export writes the same characters; the HTML only adds highlighting around words.
"""

from __future__ import annotations

import html
import re

from app.core.export.layout import HYPHENS, Token, dehyphenate_text
from app.core.export.page_text import page_text, page_tokens
from app.core.packed_words import PackedWords
from app.core.results import PageResult

#: Words Tesseract is less sure of than this (0..100) are highlighted for checking.
LOW_CONFIDENCE = 60.0
LOW_CONFIDENCE_COLOR = "#ffe08a"
#: Line breaks kept as typed: ``QTextEdit.toPlainText()`` then gives back ``page_text`` exactly.
_PARAGRAPH = "<p style='white-space: pre-wrap'>{}</p>"


_LINE_END_HYPHEN = re.compile(f"[{HYPHENS}][ \t]*\n")


def page_plain(result: PageResult) -> str:
    """The text the pane shows, without markup: what copy and search work on. A failed page
    has none (the pane says why instead)."""
    return "" if result.failed else page_text(result)


def rough_text(result: PageResult) -> str:
    """A quick stand-in for ``page_plain`` while that is worked out (~0.1 ms instead of ~4 ms a
    page): the engine's own text, line-end hyphenation undone. The same words in the same order;
    only the whitespace between them may differ, and search folds all whitespace alike."""
    if result.failed:
        return ""
    return dehyphenate_text(result.text) if _LINE_END_HYPHEN.search(result.text) else result.text


def page_html(result: PageResult, low_tooltip: str = "{conf}%") -> str:
    """HTML for a QTextDocument: ``page_plain`` with unsure words highlighted.

    ``low_tooltip`` is the (translated) tooltip template of a marked word, with ``{conf}``.
    """
    tokens = None if result.failed else page_tokens(result)
    if tokens is None:
        return _PARAGRAPH.format(html.escape(page_plain(result)))
    paragraphs = (" ".join(_token_html(token, low_tooltip) for token in paragraph) for paragraph in tokens)
    return _PARAGRAPH.format("\n\n".join(paragraphs))


def _token_html(token: Token, low_tooltip: str) -> str:
    text = html.escape(token.text)
    if 0 <= token.conf < LOW_CONFIDENCE:
        tip = html.escape(low_tooltip.format(conf=f"{token.conf:.0f}"), quote=True)
        return f"<span style='background-color:{LOW_CONFIDENCE_COLOR}' title=\"{tip}\">{text}</span>"
    return text


def low_confidence_count(result: PageResult) -> int:
    words = result.words
    confidences = words.confidences() if isinstance(words, PackedWords) else [w.conf for w in words]
    return sum(1 for conf in confidences if 0 <= conf < LOW_CONFIDENCE)
