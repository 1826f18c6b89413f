"""A page's laid-out text, worked out once and kept with the page (``PageResult.layout``).

Laying a page's words out (unpacking them, lines, paragraphs, hyphenation: ``layout.py``) costs
~3-5 ms a page; a 900-page document re-opened from the cache spent 2.5 of its 3 s on it. The
layout is a pure function of the page's words, rotation, skew and size, so the worker works it
out beside the page's recognition (~700 ms) and the cache keeps it in the page's row; reading it
back is one decompression.

The blob says what it was worked out from (``basis``: the packed words' bytes, the rotation,
skew and size, and ``LAYOUT_VERSION``): a page whose words were replaced (a correction, a text
layer's words) or a layout from other rules does not match and is laid out afresh, as is a page
from a cache written before layouts were kept (its ``layout`` is empty).
"""

from __future__ import annotations

import array
import struct
import sys
import zlib
from dataclasses import replace

from app.core.export.layout import Token, page_word_tokens, paragraph_text
from app.core.packed_words import PackedWords
from app.core.results import PageResult, PageSource

#: Bump whenever ``layout.py`` would lay the same words out differently: stored layouts made by
#: the old rules then stop matching, and their pages are laid out afresh.
LAYOUT_VERSION = 1
#: The basis (see ``basis``) and the text's length in bytes; the text and the confidences follow.
_HEADER = struct.Struct("<II")


def basis(page: PageResult) -> int | None:
    """What ``page``'s layout depends on, as one number; None when its words are not packed
    (words made in memory, a corrected page's: nothing stored describes them)."""
    words = page.words
    if not isinstance(words, PackedWords):
        return None
    shape = f"{LAYOUT_VERSION}|{page.rotation}|{page.skew!r}|{page.width_pt!r}|{page.height_pt!r}"
    return zlib.crc32(shape.encode(), zlib.crc32(words.blob))


def _laid_out(page: PageResult) -> bool:
    """Whether ``page``'s text is rebuilt from its words (``page_text.page_tokens``'s rule)."""
    return not (page.failed or page.corrected or page.source is PageSource.TEXT)


def pack_layout(page: PageResult) -> bytes:
    """``page``'s layout as it is kept (empty when its text is not laid out from packed words).

    Kept as its basis, the text and its tokens' confidences (tenths, as the packed words keep
    them): the tokens are the text split at blank lines and spaces. A page whose tokens would
    not come back from that split exactly (a word holding a space) keeps no layout and is laid
    out afresh when read.
    """
    stamp = basis(page)
    if stamp is None or not _laid_out(page) or not page.words:
        return b""
    paragraphs = page_word_tokens(page)
    text = "\n\n".join(paragraph_text(tokens) for tokens in paragraphs)
    try:
        tenths = array.array("h", (round(token.conf * 10) for tokens in paragraphs for token in tokens))
    except OverflowError:  # a confidence outside what tenths in 16 bits hold: none is, today
        return b""
    if _split(text, tenths) != paragraphs:
        return b""
    encoded = text.encode("utf-8", errors="surrogatepass")
    if sys.byteorder == "big":
        tenths.byteswap()
    return zlib.compress(_HEADER.pack(stamp, len(encoded)) + encoded + tenths.tobytes(), 6)


def with_layout(page: PageResult) -> PageResult:
    """``page`` carrying its stored layout (the worker calls this on every page it reads)."""
    blob = pack_layout(page)
    return replace(page, layout=blob) if blob else page


def _unpacked(page: PageResult) -> tuple[str, bytes] | None:
    """The stored text and the confidences' bytes, when ``page`` has a layout that matches it."""
    if not page.layout or not _laid_out(page):
        return None
    raw = zlib.decompress(page.layout)
    stamp, size = _HEADER.unpack_from(raw)
    if stamp != basis(page):
        return None
    end = _HEADER.size + size
    return raw[_HEADER.size : end].decode("utf-8", errors="surrogatepass"), raw[end:]


def stored_text(page: PageResult) -> str | None:
    """``page``'s laid-out text as stored, or None when it has no layout that matches it."""
    unpacked = _unpacked(page)
    return None if unpacked is None else unpacked[0]


def stored_tokens(page: PageResult) -> list[list[Token]] | None:
    """``page``'s paragraphs as tokens from its stored layout, or None (see ``stored_text``)."""
    unpacked = _unpacked(page)
    if unpacked is None:
        return None
    text, packed = unpacked
    tenths = array.array("h")
    tenths.frombytes(packed)
    if sys.byteorder == "big":
        tenths.byteswap()
    return _split(text, tenths)


def _split(text: str, tenths: array.array[int]) -> list[list[Token]]:
    confidences = iter(tenths)
    return [
        [Token(word, next(confidences, -10) / 10) for word in paragraph.split(" ")]
        for paragraph in text.split("\n\n")
    ]
