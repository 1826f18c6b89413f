"""Change a reading's words and keep its page text in step.

Tesseract builds the page text itself (line breaks, paragraph gaps); the words and their boxes
come separately. A correction to a word must change the text at the same place, or the review,
the exports and the searchable PDF's layer would disagree about what the page says.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.reading.engines import PixelWord, Recognized


def with_words_changed(
    recognized: Recognized, changes: dict[int, str], joined: set[int], cuts: dict[int, int]
) -> Recognized:
    """``recognized`` with words changed, and its page text changed the same way at the same places.

    ``changes`` maps a word's index to its new text; a word in ``joined`` becomes part of the word
    before it (whose new text holds both); a word in ``cuts`` is cut in two at that x, its new
    text at its first space. A word the page text does not hold as such is left as it is.
    """
    text, words = recognized.text, recognized.words
    out: list[str] = []
    position = 0
    kept: dict[int, tuple[PixelWord, ...]] = {}
    dropped: set[int] = set()
    i = 0
    while i < len(words):
        word = words[i]
        found = text.find(word.text, position)
        if found < 0:
            i += 1
            continue  # a word the page text does not hold as such: left as it is in both
        end = found + len(word.text)
        if i in changes and i + 1 in joined:
            following = words[i + 1]
            start = text.find(following.text, end)
            if start >= 0 and not text[end:start].strip(" "):
                out.append(text[position:found] + changes[i])
                kept[i] = (_joined(word, following, changes[i]),)
                dropped.add(i + 1)
                position = start + len(following.text)
                i += 2
                continue
        elif i in changes:
            out.append(text[position:found] + changes[i])
            kept[i] = _cut(word, changes[i], cuts[i]) if i in cuts else (replace(word, text=changes[i]),)
            position = end
            i += 1
            continue
        out.append(text[position:end])
        position = end
        i += 1
    out.append(text[position:])
    changed = tuple(w for i, word in enumerate(words) if i not in dropped for w in kept.get(i, (word,)))
    return Recognized("".join(out), recognized.confidence, changed)


def _cut(word: PixelWord, text: str, x: int) -> tuple[PixelWord, PixelWord]:
    """Two words from one, ``text`` split at its space and the box at ``x``."""
    left, right = text.split(" ", 1)
    return (
        replace(word, text=left, width=max(1, x - word.left)),
        replace(word, text=right, left=x, width=max(1, word.left + word.width - x)),
    )


def _joined(first: PixelWord, second: PixelWord, text: str) -> PixelWord:
    """One word over the boxes of two."""
    top = min(first.top, second.top)
    bottom = max(first.top + first.height, second.top + second.height)
    right = max(first.left + first.width, second.left + second.width)
    return replace(first, text=text, top=top, width=right - first.left, height=bottom - top)
