"""Word boxes kept compact: a page's words as one compressed blob, unpacked only when read.

A 900-page document has ~300k words; as Python objects they cost ~74 MB in the main process
(measured, bench/RESULTS.md), which was all of the growth between a 100- and a 900-page run.
Packed they take ~3 KB a page, the same bytes the cache stores. Coordinates keep 1/10000 of the
page (far below a pixel) and confidence one decimal.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from app.core.results import Word

_COORD = 10000


def pack_words(words: Iterable[Word]) -> bytes:
    if isinstance(words, PackedWords):
        return words.blob
    rows = [
        [
            w.text,
            round(w.x0 * _COORD),
            round(w.y0 * _COORD),
            round(w.x1 * _COORD),
            round(w.y1 * _COORD),
            round(w.conf, 1),
            w.block,
            w.par,
            w.line,
        ]
        for w in words
    ]
    return zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def unpack_words(blob: bytes | None) -> tuple[Word, ...]:
    if not blob:
        return ()
    rows = json.loads(zlib.decompress(blob))
    return tuple(
        Word(r[0], r[1] / _COORD, r[2] / _COORD, r[3] / _COORD, r[4] / _COORD, r[5], r[6], r[7], r[8])
        for r in rows
    )


class PackedWords(Sequence[Word]):
    """A read-only sequence of words stored as one blob; each read unpacks it afresh."""

    __slots__ = ("blob", "_count")

    def __init__(self, blob: bytes, count: int | None = None) -> None:
        self.blob = blob
        self._count = count  # None: not known yet (read back from the cache); counted on demand

    @classmethod
    def of(cls, words: Sequence[Word]) -> PackedWords:
        if isinstance(words, PackedWords):
            return words
        return cls(pack_words(words), len(words))

    def confidences(self) -> list[float]:
        """Each word's confidence, without building the words (~4x faster than iterating)."""
        return [float(row[5]) for row in json.loads(zlib.decompress(self.blob))] if self.blob else []

    def __len__(self) -> int:
        if self._count is None:
            # Counted from the rows, without building the words: ``list(words)`` asks the length
            # before it iterates, and building every word twice cost 1 s of a 900-page re-open.
            self._count = len(json.loads(zlib.decompress(self.blob))) if self.blob else 0
        return self._count

    def __bool__(self) -> bool:
        # Without this, ``if page.words`` would count the rows: a JSON parse, not a decompression.
        if self._count is None:
            return bool(self.blob) and zlib.decompress(self.blob) != b"[]"
        return self._count > 0

    def __iter__(self) -> Iterator[Word]:
        return iter(unpack_words(self.blob))

    @overload
    def __getitem__(self, index: int) -> Word: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Word]: ...
    def __getitem__(self, index: int | slice) -> Word | Sequence[Word]:
        return unpack_words(self.blob)[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.blob)

    def __repr__(self) -> str:
        return f"PackedWords({len(self)} words, {len(self.blob)} bytes)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PackedWords, (self.blob, self._count))
