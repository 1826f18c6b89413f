"""A corrected page: the user's text, its words placed on the boxes of the OCR words they replace.

The text formats write a corrected page's text as typed (``page_text``). The layout formats (the
searchable PDF's layer, ALTO, hOCR) need every word with a box, so the corrected words are aligned
to the OCR words: ``difflib`` over the two token sequences (the tokens ``page_text`` shows, a word
split at a line end being one token), then

- an unchanged word keeps its OCR word (both halves of a hyphenated one, and its confidence);
- replaced words take the old words' boxes: one for one, several sharing one box (split along the
  line, by their length), or one spanning several (their boxes on its first line, joined);
- an inserted word shares the box of the word before it (the word after it at the page's start);
- a deleted word vanishes.

Words the user typed are as sure as a person checking them: confidence 100. Pure: no I/O.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from app.core.export.layout import joins_hyphenated, paragraph_lines
from app.core.export.page_text import corrected_text
from app.core.reading.deskew import level_words
from app.core.reading.orientation import from_page_fraction, to_page_fraction, upright_words
from app.core.results import PageResult, Word

#: The confidence of a word the user typed or confirmed by editing it.
TYPED_CONF = 100.0


@dataclass(frozen=True, slots=True)
class _Slot:
    """One token of the OCR text and the words it was made of (two for ``condi-``/``ção``)."""

    text: str
    words: tuple[Word, ...]


@dataclass(slots=True)
class _Edit:
    """One difflib opcode, changed in place while inserts are merged."""

    tag: str
    i1: int
    i2: int
    j1: int
    j2: int


def corrected_page(page: PageResult, typed: str) -> PageResult:
    """``page`` with the user's text: ``text`` the correction, ``words`` aligned to the OCR words,
    ``corrected`` set. A failed page stays as it is (there is nothing under it to correct)."""
    if page.failed:
        return page
    text = corrected_text(typed)
    return replace(page, text=text, words=aligned_words(page, text), corrected=True)


def apply_corrections(pages: Sequence[PageResult], corrections: Mapping[int, str]) -> list[PageResult]:
    """The pages with their corrections (page number -> text) applied; the others as they are."""
    return [corrected_page(p, corrections[p.page]) if p.page in corrections else p for p in pages]


def aligned_words(page: PageResult, text: str) -> tuple[Word, ...]:
    """The words of ``text`` on the boxes of ``page``'s OCR words (see the module's rules).

    Empty when the page has no word boxes to place them on."""
    slots = _slots(page)
    new = text.split()
    if not slots or not new:
        return ()
    old = [slot.text for slot in slots]
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    words: list[Word] = []
    for edit in _inserts_merged(opcodes):
        if edit.tag == "equal":
            words.extend(word for slot in slots[edit.i1 : edit.i2] for word in slot.words)
        elif edit.tag == "replace":
            words.extend(_spread(slots[edit.i1 : edit.i2], new[edit.j1 : edit.j2], page.rotation))
    return tuple(words)


def _slots(page: PageResult) -> list[_Slot]:
    """The page's tokens in ``page_text``'s order, each with its words as displayed."""
    shown = tuple(word for word in page.words if word.text.strip())
    words = shown
    if page.skew and page.width_pt > 0 and page.height_pt > 0:
        words = level_words(words, page.skew, page.width_pt, page.height_pt)
    upright = upright_words(words, page.rotation)
    displayed = dict(zip(upright, shown, strict=True))
    slots: list[_Slot] = []
    for lines in paragraph_lines(upright):
        start = len(slots)  # a hyphenated word is joined within its paragraph only
        for line in lines:
            for position, word in enumerate(line.words):
                text, original = word.text.strip(), displayed[word]
                if position == 0 and len(slots) > start and joins_hyphenated(slots[-1].text, text):
                    left = slots[-1]
                    slots[-1] = _Slot(left.text[:-1] + text, (*left.words, original))
                else:
                    slots.append(_Slot(text, (original,)))
    return slots


def _inserts_merged(opcodes: Sequence[tuple[str, int, int, int, int]]) -> list[_Edit]:
    """The opcodes with every insert made a replace of its neighbour (the word before it; at the
    start, the word after it), so inserted words always have a box to share."""
    ops = [_Edit(*op) for op in opcodes]
    out: list[_Edit] = []
    for k, op in enumerate(ops):
        if op.tag != "insert":
            if op.i1 < op.i2 or op.j1 < op.j2:  # an equal run emptied by the merge below is dropped
                out.append(op)
            continue
        if out and out[-1].tag == "equal":  # its last word is replaced by itself and the new ones
            before = out[-1]
            before.i2, before.j2 = before.i2 - 1, before.j2 - 1
            replaced = _Edit("replace", before.i2, before.i2 + 1, before.j2, op.j2)
            if before.i1 == before.i2:
                out.pop()
            out.append(replaced)
        elif out:  # a replace (or delete) just before: it takes the inserted words too
            out[-1].tag, out[-1].j2 = "replace", op.j2
        elif k + 1 < len(ops):  # at the start: shares the next word's box
            after = ops[k + 1]
            if after.tag == "equal":
                out.append(_Edit("replace", after.i1, after.i1 + 1, op.j1, after.j1 + 1))
                after.i1, after.j1 = after.i1 + 1, after.j1 + 1
            else:
                after.tag, after.j1 = "replace", op.j1
    return out


def _spread(slots: Sequence[_Slot], new: Sequence[str], rotation: int) -> list[Word]:
    """New words over the old slots they replace, in reading order."""
    m, n = len(slots), len(new)
    words: list[Word] = []
    if n >= m:  # each slot takes a run of new words, sharing its box
        for k, slot in enumerate(slots):
            words.extend(_split(slot.words[0], new[k * n // m : (k + 1) * n // m], rotation))
        return words
    for k, token in enumerate(new):  # each new word spans a run of old slots
        spanned = [w for slot in slots[k * m // n : (k + 1) * m // n] for w in slot.words]
        first = spanned[0]
        on_line = [w for w in spanned if (w.block, w.par, w.line) == (first.block, first.par, first.line)]
        words.append(
            replace(
                first,
                text=token,
                x0=min(w.x0 for w in on_line),
                y0=min(w.y0 for w in on_line),
                x1=max(w.x1 for w in on_line),
                y1=max(w.y1 for w in on_line),
                conf=TYPED_CONF,
            )
        )
    return words


def _split(base: Word, texts: Sequence[str], rotation: int) -> list[Word]:
    """``texts`` side by side in ``base``'s box, each as wide as its share of the letters, along
    the line as it reads (the box is cut in the upright page, then turned back as displayed)."""
    if len(texts) == 1:
        return [replace(base, text=texts[0], conf=TYPED_CONF)]
    a = from_page_fraction(base.x0, base.y0, rotation)
    b = from_page_fraction(base.x1, base.y1, rotation)
    u0, u1 = min(a[0], b[0]), max(a[0], b[0])
    v0, v1 = min(a[1], b[1]), max(a[1], b[1])
    total = sum(len(t) + 1 for t in texts) - 1
    words, used = [], 0
    for text in texts:
        left = u0 + (u1 - u0) * used / total
        used += len(text) + 1
        right = u0 + (u1 - u0) * min(used - 1, total) / total
        p, q = to_page_fraction(left, v0, rotation), to_page_fraction(right, v1, rotation)
        words.append(
            replace(
                base,
                text=text,
                x0=min(p[0], q[0]),
                y0=min(p[1], q[1]),
                x1=max(p[0], q[0]),
                y1=max(p[1], q[1]),
                conf=TYPED_CONF,
            )
        )
    return words
