"""Text layout shared by the text formats: lines and paragraphs rebuilt from word boxes,
and line-end hyphenation undone.

OCR gives one line per printed line. Read as is, every line break of the scan becomes a hard
break in the user's editor; joining the lines of a paragraph (and ``condi-``/``ção`` back into
``condição``) is what makes the exported text editable.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.reading.deskew import level_words
from app.core.reading.orientation import upright_words
from app.core.results import PageResult, Word

HYPHENS = "-\u00ad\u2010"  # hyphen-minus, soft hyphen, hyphen
#: A line whose centre is this many typical line pitches below the previous one starts a
#: new paragraph: a blank line's worth of space, with room for uneven scans.
PARAGRAPH_PITCH = 1.6
#: Without enough lines to know the pitch: a gap taller than this many line heights.
PARAGRAPH_GAP = 1.2

_LEADING_LETTERS = re.compile(r"[^\W\d_]+")
_TEXT_HYPHEN = re.compile(
    rf"(?P<left>[^\W\d_]+)[{HYPHENS}]\n[ \t]*(?P<right>[^\W\d_]+)(?P<rest>\S*)(?P<tail>[ \t]*(?:\n|$)|[ \t]+)"
)


@dataclass(frozen=True)
class Line:
    """One printed line: its words' text and the union of their boxes (page fractions)."""

    key: tuple[int, int, int]  # (block, par, line) as the engine numbered them
    words: tuple[Word, ...]
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def centre(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def group_lines(words: Sequence[Word]) -> list[Line]:
    """Group words into lines, in the engine's reading order."""
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        if word.text.strip():
            groups.setdefault((word.block, word.par, word.line), []).append(word)
    lines = []
    for key, members in groups.items():
        members.sort(key=lambda w: w.x0)
        lines.append(
            Line(
                key=key,
                words=tuple(members),
                x0=min(w.x0 for w in members),
                y0=min(w.y0 for w in members),
                x1=max(w.x1 for w in members),
                y1=max(w.y1 for w in members),
            )
        )
    return lines


def joins_hyphenated(left: str, right: str) -> bool:
    """Whether ``left`` ending in a hyphen and ``right`` are two halves of one word.

    Both halves must be letters, and the second must be lower case (or both upper case):
    ``condi-``/``ção`` joins, ``2-``/``3`` and ``Rio-``/``Grande`` do not.
    """
    if len(left) < 2 or left[-1] not in HYPHENS:
        return False
    head = re.split(f"[{HYPHENS}]", left[:-1])[-1]
    match = _LEADING_LETTERS.match(right)
    if not head.isalpha() or match is None:
        return False
    tail = match.group()
    return tail[0].islower() or (head.isupper() and tail.isupper())


def _starts_paragraph(previous: Line, line: Line, pitch: float | None, height: float) -> bool:
    if line.key[:2] != previous.key[:2]:
        return True
    step = line.centre - previous.centre
    if step <= 0:  # moved up: a new column or a float the engine put in the same paragraph
        return True
    if pitch is not None:
        return step > PARAGRAPH_PITCH * pitch
    return line.y0 - previous.y1 > PARAGRAPH_GAP * height


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a rebuilt paragraph as the text shows it: ``condi-``/``ção`` is one token
    ``condição``, sure only as far as its least sure half (``conf`` 0..100, -1 unknown)."""

    text: str
    conf: float


def page_word_tokens(page: PageResult) -> list[list[Token]]:
    """A recognised page's paragraphs as tokens, laid level first when the page lay crooked:
    its stored boxes enclose tilted words, so a short line's centre would sit off the line pitch
    (a page fed 10 degrees crooked split into 14 paragraphs instead of the straight page's 11)."""
    words = page.words
    if page.skew and page.width_pt > 0 and page.height_pt > 0:
        words = level_words(words, page.skew, page.width_pt, page.height_pt)
    return word_tokens(words, page.rotation)


def page_word_paragraphs(page: PageResult) -> list[str]:
    """A recognised page's paragraphs from its words (see ``page_word_tokens``)."""
    return [paragraph_text(tokens) for tokens in page_word_tokens(page)]


def word_paragraphs(words: Sequence[Word], rotation: int = 0) -> list[str]:
    """Paragraphs of a page rebuilt from its words (see ``word_tokens``)."""
    return [paragraph_text(tokens) for tokens in word_tokens(words, rotation)]


def paragraph_text(tokens: Sequence[Token]) -> str:
    return " ".join(token.text for token in tokens)


def word_tokens(words: Sequence[Word], rotation: int = 0) -> list[list[Token]]:
    """Paragraphs of a page rebuilt from its words: the engine's paragraphs, split further
    where a blank line's worth of vertical space separates two lines; the lines of one
    paragraph joined, line-end hyphenation undone. ``rotation`` is ``PageResult.rotation``."""
    return [_joined(paragraph) for paragraph in paragraph_lines(upright_words(words, rotation))]


def paragraph_lines(words: Sequence[Word]) -> list[list[Line]]:
    """The lines of upright ``words`` grouped into paragraphs, as ``word_tokens`` groups them
    (ALTO and hOCR write these, so their words are the text's words)."""
    lines = group_lines(words)
    if not lines:
        return []
    steps = [
        b.centre - a.centre
        for a, b in itertools.pairwise(lines)
        if a.key[:2] == b.key[:2] and b.centre > a.centre
    ]
    pitch = statistics.median(steps) if len(steps) >= 2 else None
    height = statistics.median(line.height for line in lines)
    paragraphs: list[list[Line]] = [[lines[0]]]
    for previous, line in itertools.pairwise(lines):
        if _starts_paragraph(previous, line, pitch, height):
            paragraphs.append([])
        paragraphs[-1].append(line)
    return paragraphs


def _joined(lines: Sequence[Line]) -> list[Token]:
    """The tokens of one paragraph's lines, a word split at a line end made whole again."""
    tokens: list[Token] = []
    for line in lines:
        for position, word in enumerate(line.words):
            text = word.text.strip()
            if position == 0 and tokens and joins_hyphenated(tokens[-1].text, text):
                left = tokens[-1]
                tokens[-1] = Token(left.text[:-1] + text, min(left.conf, word.conf))
            else:
                tokens.append(Token(text, word.conf))
    return tokens


def dehyphenate_text(text: str) -> str:
    """Undo line-end hyphenation in running text, keeping its line breaks: the second half
    moves up to the first (``condi-\\nção de`` becomes ``condição\\nde``)."""

    def repair(match: re.Match[str]) -> str:
        left, right = match["left"] + "-", match["right"]
        if not joins_hyphenated(left, right):
            return match.group()
        # The rest of the second line goes on a line of its own, so line breaks stay put.
        ending = "" if match.end() == len(text) and "\n" not in match["tail"] else "\n"
        return match["left"] + right + match["rest"] + ending

    return _TEXT_HYPHEN.sub(repair, text)
