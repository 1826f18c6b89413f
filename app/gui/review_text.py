"""A page's text for the review pane: plain text, and HTML with low-confidence words marked."""

from __future__ import annotations

import html
from itertools import groupby

from app.core.results import PageResult, Word

#: Words Tesseract is less sure of than this (0..100) are highlighted for checking.
LOW_CONFIDENCE = 60.0
LOW_CONFIDENCE_COLOR = "#ffe08a"


def _lines(words: tuple[Word, ...]) -> list[tuple[tuple[int, int], list[Word]]]:
    """Words grouped into lines, each tagged with its (block, paragraph)."""
    lines = []
    for (block, par, _line), group in groupby(words, key=lambda w: (w.block, w.par, w.line)):
        lines.append(((block, par), list(group)))
    return lines


def page_plain(result: PageResult) -> str:
    """The text the pane shows, without markup: what copy and search work on."""
    if result.failed:
        return ""
    if not result.words:
        return result.text
    out: list[str] = []
    previous: tuple[int, int] | None = None
    for paragraph, words in _lines(result.words):
        if previous is not None:
            out.append("\n\n" if paragraph != previous else "\n")
        out.append(" ".join(w.text for w in words))
        previous = paragraph
    return "".join(out)


def page_html(result: PageResult, low_tooltip: str = "{conf}%") -> str:
    """HTML for a QTextDocument: paragraphs as <p>, lines as <br>, unsure words highlighted.

    ``low_tooltip`` is the (translated) tooltip template of a marked word, with ``{conf}``.
    """
    if not result.words:
        return f"<p style='white-space: pre-wrap'>{html.escape(result.text)}</p>"
    paragraphs: list[str] = []
    current: list[str] = []
    previous: tuple[int, int] | None = None
    for paragraph, words in _lines(result.words):
        if previous is not None and paragraph != previous:
            paragraphs.append("<br>".join(current))
            current = []
        current.append(" ".join(_word_html(w, low_tooltip) for w in words))
        previous = paragraph
    if current:
        paragraphs.append("<br>".join(current))
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _word_html(word: Word, low_tooltip: str) -> str:
    text = html.escape(word.text)
    if 0 <= word.conf < LOW_CONFIDENCE:
        tip = html.escape(low_tooltip.format(conf=f"{word.conf:.0f}"), quote=True)
        return f"<span style='background-color:{LOW_CONFIDENCE_COLOR}' title=\"{tip}\">{text}</span>"
    return text


def low_confidence_count(result: PageResult) -> int:
    return sum(1 for w in result.words if 0 <= w.conf < LOW_CONFIDENCE)


def count_matches(text: str, query: str) -> int:
    """Non-overlapping, case-insensitive occurrences (what QTextDocument.find steps through)."""
    if not query:
        return 0
    return text.casefold().count(query.casefold())
