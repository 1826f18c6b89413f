"""Does a text layer read like text in the document's languages, or like garbage?

A PDF's text layer is not always text: a scanner's own OCR may have read the page upside down
(``ɐpɐɹ``, ``ogSeurryur ap OBPpISO``), a font without a Unicode map yields random letters or
Private-Use code points, a file decoded with the wrong code page yields ``certidÃ£o``. Taking
such a layer loses the page; re-reading a real one costs an OCR (~1 s). So the measure leans
towards taking: a layer is called garbage only when it is plainly not text.

Three looks, all cheap (well under a millisecond for a page of prose):

- characters no real text layer holds (U+FFFD, Private Use, controls, the IPA letters that
  turned-over text is spelled with);
- the pattern UTF-8 text read as cp1252 leaves (``Ã§``, ``â€``);
- the words: the share of the layer's words found in a compact list of the commonest words of
  the document's languages (``resources/words/<lang>.txt``). Real prose runs at 40-85 % common
  words, a page of names and figures still a quarter; garbage at 0-15 %. Where few are known,
  the words' shapes decide: real words, names and words of neighbouring languages are shaped
  like words (90-100 %); garbage is not (``oJUeUILIejep``: capitals inside, no vowel, long
  consonant runs, letter pairs the languages never write).

Without a word list for every one of the document's languages only the characters are judged.
``bench/plausible_text_separation.py`` measures the separation; ``tests/unit/test_plausible_text.py``
holds it to bounds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from app.core.resources import resource_dir

#: Characters that real text in any language Scriba reads does not hold: the replacement
#: character, controls, Private Use (a font without a Unicode map), and the letters that text
#: turned upside down is spelled with (IPA ``ɐ ɔ ɟ ɥ ɯ ɹ ʇ ʌ ʍ ʎ``, ``ǝ ƃ ᴉ``, ``Ǝ Ɔ Ⅎ ⅁ ⅂ ⅄``).
_ODD = re.compile(
    "[\ufffd\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff"
    "\u0250-\u02af\u1d00-\u1d7f\u0183\u0186\u018e\u01dd\u2132\u2141\u2142\u2144]"
)
#: UTF-8 bytes shown as cp1252/Latin-1: ``Ã`` or ``Â`` before a character of the upper Latin-1
#: half (``Ã§`` is ç, ``Ã£`` ã, ``Âº`` º), and ``â€`` (curly quotes, dashes).
_MOJIBAKE = re.compile("[ÃÂ][\u0081-\u00bf]|â€")
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouyáàâãéêíóôõúüäëïöœæ")

#: Fewer words than this say too little to judge by (a stamp, a table of figures).
MIN_WORDS = 12
#: At most this many words are judged, evenly spread over the page.
MAX_JUDGED = 160
#: Above this share of odd characters (of the non-space ones) a layer is not text.
MAX_ODD_SHARE = 0.02
#: Above this share of mojibake pairs (per letter) a layer is mis-decoded.
MAX_MOJIBAKE_SHARE = 0.01
#: A layer with fewer of its words in the word list than this is garbage unless nearly all of
#: them are shaped like words (Latin or Italian prose read as ``por+eng``: 6-16 % known, all
#: shaped like words) ...
MIN_KNOWN_SHARE = 0.08
MIN_WORDLIKE_SHARE_IF_UNKNOWN = 0.9
#: ... and so is one with fewer than this whose words mostly do not even look like words
#: (real text: 90 % or more; random letters ~30 %, a page read upside down 35-73 %).
MIN_KNOWN_SHARE_IF_ODD_SHAPED = 0.3
MIN_WORDLIKE_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class TextLook:
    """What the text of a layer looks like, in numbers (never the text itself)."""

    letters: int
    words: int  # the words judged (two letters or more, not an all-capitals abbreviation)
    known: float  # share of them in the word list of the document's languages
    #: Share of them known or at least shaped like a word; ``None`` when not measured (enough
    #: words were known for their shapes not to matter).
    wordlike: float | None
    odd: float  # share of the non-space characters that no real text holds
    mojibake: float  # mis-decoded pairs per letter
    judged_words: bool  # False when no word list covers all the document's languages


@dataclass(frozen=True, slots=True)
class Lexicon:
    words: frozenset[str]  # lower case, accents kept and folded both
    pairs: frozenset[str]  # letter pairs the words hold, with ^ and $ for their ends

    def holds(self, lower: str) -> bool:
        """Whether a lower-case word is in the list, with its accents or without (a layer whose
        font lost them is still text)."""
        return lower in self.words or (not lower.isascii() and fold(lower) in self.words)


def fold(word: str) -> str:
    """``word`` without its accents (``intimação`` → ``intimacao``)."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


@cache
def lexicon(languages: str) -> Lexicon | None:
    """The word list of ``languages`` (``por+eng``), or ``None`` when one of them has none."""
    words: set[str] = set()
    for code in languages.split("+"):
        if code == "osd":
            continue
        path = resource_dir() / "words" / f"{code}.txt"
        if not path.is_file():
            return None
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                words.update(_WORD.findall(line.lower()))
    if not words:
        return None
    words |= {fold(word) for word in words}
    pairs = {pair for word in words for pair in _pairs(word)}
    return Lexicon(frozenset(words), frozenset(pairs))


def _pairs(word: str) -> list[str]:
    bounded = f"^{word}$"
    return [bounded[i : i + 2] for i in range(len(bounded) - 1)]


def _cased_like_a_word(word: str) -> bool:
    return word.islower() or word.isupper() or word.istitle()


def looks_like_a_word(word: str, pairs: frozenset[str]) -> bool:
    """Whether a word not in the list is at least shaped like one: a name, a rare word."""
    if not _cased_like_a_word(word):
        return False  # ogSeurryur, oJUeUILIejep: capitals inside a word
    lower = fold(word.lower())
    vowels = sum(ch in _VOWELS for ch in lower)
    if vowels == 0 or (len(lower) >= 4 and not 0.2 <= vowels / len(lower) <= 0.8):
        return False
    run = longest = 0
    for ch in lower:
        run = 0 if ch in _VOWELS else run + 1
        longest = max(longest, run)
    if longest > 4:
        return False
    unseen = sum(pair not in pairs for pair in _pairs(lower))
    return unseen <= (1 if len(lower) >= 7 else 0)


def look_at(text: str, languages: str) -> TextLook:
    """Measure ``text`` as a layer of a document in ``languages``.

    The words' shapes are looked at only when few are known words, where they decide; a page of
    prose is judged by its known words alone (~0.1 ms).
    """
    chars = len(text) - sum(text.count(space) for space in " \n\t\r\f")
    found = _WORD.findall(text)
    letters = sum(map(len, found))
    judged = [word for word in found if len(word) >= 2 and not (len(word) <= 5 and word.isupper())]
    odd = len(_ODD.findall(text)) / max(chars, 1)
    mojibake = len(_MOJIBAKE.findall(text)) / max(letters, 1)
    words = lexicon(languages)
    if words is None or not judged:
        return TextLook(letters, len(judged), 0.0, None, odd, mojibake, judged_words=False)
    if len(judged) > MAX_JUDGED:  # an even sample says as much as the whole page
        judged = judged[:: len(judged) // MAX_JUDGED + 1]
    # A word in odd capitals (``aM``, ``eU``) is not the known word it spells: upside-down
    # reading makes many of them.
    unknown = [word for word in judged if not (_cased_like_a_word(word) and words.holds(word.lower()))]
    known = 1 - len(unknown) / len(judged)
    wordlike: float | None = None
    if known < MIN_KNOWN_SHARE_IF_ODD_SHAPED:
        shaped = sum(looks_like_a_word(word, words.pairs) for word in unknown)
        wordlike = known + shaped / len(judged)
    return TextLook(letters, len(judged), known, wordlike, odd, mojibake, judged_words=True)


def why_not_text(look: TextLook) -> str | None:
    """Why a layer that looks like ``look`` is not text (a short reason for the log), else None."""
    if look.odd > MAX_ODD_SHARE:
        return f"{look.odd:.0%} of its characters are ones no real text holds"
    if look.mojibake > MAX_MOJIBAKE_SHARE:
        return "it was decoded with the wrong character set"
    if not look.judged_words or look.words < MIN_WORDS:
        return None
    if look.wordlike is None:
        return None  # enough known words
    if look.wordlike < MIN_WORDLIKE_SHARE or (
        look.known < MIN_KNOWN_SHARE and look.wordlike < MIN_WORDLIKE_SHARE_IF_UNKNOWN
    ):
        return (
            f"only {look.known:.0%} of its {look.words} words are common words of its languages and"
            f" {look.wordlike:.0%} shaped like words"
        )
    return None
