"""ª, º, §, ° and @ put back where the shipped Portuguese model cannot write them.

tessdata_fast ``por`` has º but no ª, §, ° or @ in its character set; ``eng`` has §, ° and @
but no ª or º, and Tesseract asks ``eng`` only about a word ``por`` reads badly. So with
``por+eng`` "3ª Vara" reads "32 Vara", "§ 1º" reads "8 1º" and "25°C" reads "25ºC"
(bench/RESULTS.md, 2026-12-01; no Tesseract setting can write a character its model lacks).
A word is changed only where its text has the shape of a misread and its pixels agree
(``app.core.reading.glyphs`` measures them):

- a number whose last character sits high (the glyph's bottom well above the digits'
  baseline) ends in an ordinal indicator, or in a degree sign before C/F or after "ângulo",
  "temperatura"...; ª or º follows the gender of the noun after it ("Vara", "Grau") or the
  words before it ("a", "ao", "art.", "§", earlier ordinals of a list). A 2, 8 or 9 sitting on
  the baseline is a digit and is never touched: "32 páginas", "22 de março", "art. 32";
- "8", "88", "S" or "5" before a number is § or §§ when it is taller than the digits beside it
  and reaches below their baseline, as § does in every typeface and 8, S and 5 never do; one
  run into the number after it ("883º") or the word before it ("7º,8") is cut out as a word;
- an e-mail address whose @ came out as ©, ®, a bracket or Q gets it back; one split in two
  where the @ was ("protocolo" "(gmail.com", "fulano(o" "gmail.com", or "fulano" "gmail.com"
  with the @'s ink left unread between them) is joined again.

Left as they are: an address garbled past its @ ("cartorio.civel(Dtjr).jus.br"), one whose @
left no ink between its halves, a ° with no unit or word to tell it from º ("girou 90°").

Applied only when the languages include ``por``: the rules read Portuguese context, and a page
read in other languages keeps its text exactly as Tesseract gave it. Changing what these rules
do means bumping ``app.core.options.TEXT_CORRECTIONS`` (the cache key).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from app.core.reading.engines import PixelWord, Recognized
from app.core.reading.glyphs import Glyph, glyphs
from app.core.reading.render import GrayImage
from app.core.reading.word_edits import with_words_changed

#: A glyph whose bottom is above the digits' baseline by this share of their height sits high:
#: ª, º and ° end at about half the digit height; a digit's bottom is on the baseline (measured
#: share 0.4-0.6 for the indicators in DejaVu Sans/Serif and Liberation Serif at 200-300 DPI).
RAISED = 0.2
#: § is taller than the digits beside it (1.11-1.32 times in DejaVu Sans/Serif and Liberation
#: Serif at 25-60 px) and reaches below their baseline (by 0.11-0.21 of their height); an 8, S or 5
#: is at most 1.05 times as tall and 0.03 lower. A page fed askew moves the bottoms of two
#: neighbouring words apart by up to ~0.05, never their heights: so the height decides, and
#: the bottom only has to agree.
TALLER = 1.08
DESCENDS = 0.05
#: ...and never more than this: a "digit" that much shorter is a raised º, not a digit.
TALLEST = 1.5

FEMININE_NOUNS = frozenset(
    """vara turma camara secao subsecao regiao zona instancia entrancia vez edicao testemunha
    via sessao audiencia promotoria defensoria delegacia circunscricao serie classe clausula
    alinea emenda fase etapa chamada procuradoria junta comarca vara-civel reuniao parcela
    prestacao cota tentativa hipotese secretaria diretoria coordenadoria unidade""".split()
)
MASCULINE_NOUNS = frozenset(
    """grau juizado oficio cartorio tabelionato distrito batalhao andar lugar turno termo aditivo
    volume tomo livro artigo paragrafo inciso dia ano mes semestre trimestre bimestre periodo
    colocado juiz promotor tribunal registro grupo secretario sargento tenente signatario
    colegio nucleo cejusc subdistrito ciclo pavimento juri""".split()
)
FEMININE_BEFORE = frozenset("a à da na pela uma desta nesta dessa nessa esta essa sua".split())
MASCULINE_BEFORE = frozenset(
    "o ao do no pelo um deste neste desse nesse este esse seu art art. arts. artigo § §§ inciso".split()
)
#: Words shortly before a raised mark that make it a degree sign: "ângulo de 90°".
DEGREE_BEFORE = frozenset(
    "angulo inclinacao temperatura rotacao giro girou graus latitude longitude aquecido resfriado".split()
)
#: Words an ordinal may stand among before its noun: "1ª, 2ª e 3ª Varas".
LIST_WORDS = frozenset("e ou ,".split())

#: What else Tesseract made of a raised ª besides 2, 8, 9 and º (seen on the bench's pages).
ODD_MARKS = "?*%"
#: A number and the one character Tesseract made of an indicator, then a unit and punctuation.
_NUMBER_WITH_MARK = re.compile(r"^(\d{1,4})([ºª°289?*%])([CF]?)([.,;:)]*)$")
#: What § and §§ were read as ($ is not one of them: it is as tall, and "US$ 100" must stay).
_SECTION = re.compile(r"^(8|88|§8|8§|§|§§|S|SS|5|55)$")
_STARTS_WITH_NUMBER = re.compile(r"^\d")
#: § run into the number after it ("883º" for "§§ 3º") or into the word before it ("7º,8" for "7º, §").
_SECTION_FIRST = re.compile(r"^(8{1,2}|S{1,2}|5{1,2})(\d{1,3}[ºª°289]?)([.,;:]*)$")
_SECTION_LAST = re.compile(r"^(\d{1,4}[ºª°289]?),(8{1,2}|S{1,2}|5{1,2})$")
#: An e-mail address whose @ came out as ©, ®, a bracket, in brackets, or (between lower-case letters) Q.
_EMAIL = re.compile(
    r"^([A-Za-z0-9._%+-]+)(?:[©®]|\(@?\)?|@?\)|(?<=[a-z0-9])Q(?=[a-z0-9]))"
    r"([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:br|com|org|net|gov|edu))([.,;:)]*)$"
)
#: The two halves of an address split where its @ was: "protocolo" "(gmail.com" or "@gmail.com".
#: A bracket that closes again is an aside, "o site (tjsp.jus.br)", and stays.
_LOCAL_PART = re.compile(r"^[A-Za-z0-9._%+-]*[A-Za-z]+[A-Za-z0-9._%+-]*$")
_DOMAIN_AFTER_MARK = re.compile(
    r"^(?:@|©|®|\(@?|\(?@)([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:br|com|org|net|gov|edu))([.,;:]*)$"
)
_LOCAL_WITH_MARK = re.compile(r"^([A-Za-z0-9._%+-]*[A-Za-z][A-Za-z0-9._%+-]*)(?:\([oa@]?|[©®@])$")
_BARE_DOMAIN = re.compile(r"^([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:br|com|org|net|gov|edu))([.,;:]*)$")
_TRAILING = ".,;:)"


def applies(languages: str) -> bool:
    """Whether pages read in ``languages`` (``por+eng``) get these corrections."""
    return "por" in languages.split("+")


def with_legal_symbols(recognized: Recognized, image: GrayImage) -> Recognized:
    """``recognized`` with misread ª, º, §, ° and @ put right; ``image`` is what it was read from.

    The page text changes exactly where its words change, so both still agree.
    """
    words = recognized.words
    changes: dict[int, str] = {}
    joined: set[int] = set()  # words that become part of the word before them
    cuts: dict[int, int] = {}  # words cut in two at this x: "883º" → "§§" "3º"
    for i, word in enumerate(words):
        if i in joined:
            continue
        split = _split_address(words, i, image)
        if split is not None:
            changes[i] = split
            joined.add(i + 1)
            continue
        merged = _merged_section(words, i, image)
        if merged is not None:
            changes[i], cuts[i] = merged
            continue
        new = _corrected(words, i, image)
        if new is not None and new != word.text:
            changes[i] = new
    if not changes:
        return recognized
    return with_words_changed(recognized, changes, joined, cuts)


def _split_address(words: Sequence[PixelWord], i: int, image: GrayImage) -> str | None:
    """ "protocolo" + "(gmail.com" (an @ read as a bracket and a space) as one address again;
    also "fulano" + "gmail.com" when the gap between them holds a glyph Tesseract dropped."""
    after = _neighbour(words, i, 1)
    if after is None:
        return None
    marked = _LOCAL_WITH_MARK.match(words[i].text)
    bare = _BARE_DOMAIN.match(after.text)
    if marked and bare:  # "fulano(o" "gmail.com": the @ stayed with the first half
        return f"{marked.group(1)}@{bare.group(1)}{bare.group(2)}"
    if not _LOCAL_PART.match(words[i].text):
        return None
    domain = _DOMAIN_AFTER_MARK.match(after.text)
    if domain is None:
        if bare is None or not _dropped_glyph_between(words[i], after, image):
            return None
        domain = bare
    return f"{words[i].text}@{domain.group(1)}{domain.group(2)}"


def _dropped_glyph_between(first: PixelWord, second: PixelWord, image: GrayImage) -> bool:
    """Whether the gap between two words holds a glyph at least half their height (an @)."""
    left, right = first.left + first.width, second.left
    top = min(first.top, second.top)
    height = max(first.top + first.height, second.top + second.height) - top
    if right - left < 4:
        return False
    gap = PixelWord("", left + 1, top, right - left - 2, height, 0.0, 0, 0, 0)
    return any(g.bottom - g.top + 1 >= 0.5 * first.height for g in glyphs(image, gap))


def _corrected(words: Sequence[PixelWord], i: int, image: GrayImage) -> str | None:
    text = words[i].text
    email = _EMAIL.match(text)
    if email:
        return f"{email.group(1)}@{email.group(2)}{email.group(3)}"
    if _SECTION.match(text):
        return _section(words, i, image)
    match = _NUMBER_WITH_MARK.match(text)
    if match:
        return _number_with_mark(words, i, image, match)
    return None


def _neighbour(words: Sequence[PixelWord], i: int, step: int) -> PixelWord | None:
    j = i + step
    if 0 <= j < len(words):
        w, here = words[j], words[i]
        if (w.block, w.par, w.line) == (here.block, here.par, here.line):
            return w
    return None


def _section(words: Sequence[PixelWord], i: int, image: GrayImage) -> str | None:
    """§ or §§ for a lone "8"/"88"/"S"/"5" before a number, when it is taller and reaches lower."""
    word, after = words[i], _neighbour(words, i, 1)
    if after is None or not _STARTS_WITH_NUMBER.match(after.text):
        return None
    if set(word.text) <= {"§"}:
        return None
    digits = glyphs(image, after)
    if not digits or not _is_section(glyphs(image, word), digits[0]):
        return None
    return "§" * len(word.text)


def _is_section(marks: Sequence[Glyph], digit: Glyph) -> bool:
    """Whether each of ``marks`` is taller than ``digit`` and reaches below it, as § does."""
    height = digit.bottom - digit.top + 1
    if height < 6 or not marks:
        return False
    return all(
        m.bottom - m.top + 1 >= TALLER * height and m.bottom - digit.bottom >= DESCENDS * height
        for m in marks
    )


def _merged_section(words: Sequence[PixelWord], i: int, image: GrayImage) -> tuple[str, int] | None:
    """§ run into a neighbour: "883º" → "§§ 3º", "7º,8" (before a number) → "7º, §"; with where
    the word is cut in two (an x in the image)."""
    text = words[i].text
    first, last = _SECTION_FIRST.match(text), _SECTION_LAST.match(text)
    if first is None and last is None:
        return None
    found = glyphs(image, words[i])
    if first is not None:
        count, number, tail = len(first.group(1)), first.group(2), first.group(3)
        if len(number) < 2:  # "52" is a 5 and a mark, or a number: nothing to cut
            return None
        if len(found) < count + len(number) + len(tail) or not _is_section(found[:count], found[count]):
            return None
        rest = _with_mark(number, found[count:], len(tail), "º") or number
        return "§" * count + " " + rest + tail, found[count].left
    assert last is not None
    number, count = last.group(1), len(last.group(2))
    after = _neighbour(words, i, 1)
    if after is None or not _STARTS_WITH_NUMBER.match(after.text) or len(found) < len(number) + 1 + count:
        return None
    digits = glyphs(image, after)
    if not digits or not _is_section(found[-count:], digits[0]):
        return None
    gender = _gender(words, i)
    ordinal = _with_mark(number, found[: -count - 1], 0, "ª" if gender == "f" else "º") or number
    return ordinal + ", " + "§" * count, found[-count].left


def _with_mark(number: str, found: Sequence[Glyph], tail: int, indicator: str) -> str | None:
    """``number`` ("22", "3º") with its last character made ``indicator`` when that glyph sits
    high; None when it does not (or the glyphs cannot be told apart)."""
    if len(number) < 2 or number[-1] not in "ºª°289" or len(found) < len(number) + tail:
        return None
    digit, symbol = found[0], found[len(number) - 1]
    height = digit.bottom - digit.top + 1
    if height < 6 or digit.bottom - symbol.bottom < RAISED * height:
        return None
    return number[:-1] + indicator


def _number_with_mark(
    words: Sequence[PixelWord], i: int, image: GrayImage, match: re.Match[str]
) -> str | None:
    number, mark, unit, tail = match.groups()
    found = glyphs(image, words[i])
    # The mark's glyph, counted from the right: past the trailing punctuation and the unit.
    at = len(found) - 1 - len(tail) - len(unit)
    if at < 1 or len(found) < len(number) + 1 + len(unit):
        # Glyphs touching: not told apart, so only the choice between indicators is made.
        indicator = _indicator(words, i, mark, unit) if mark in "ºª°" else None
    else:
        digit, symbol = found[0], found[at]
        height = digit.bottom - digit.top + 1
        if height < 6 or digit.bottom - symbol.bottom < RAISED * height:
            return None
        indicator = _indicator(words, i, mark, unit)
    return None if indicator is None else number + indicator + unit + tail


def _indicator(words: Sequence[PixelWord], i: int, mark: str, unit: str) -> str | None:
    """ª, º or ° for a raised mark, from the words around it; ``mark`` is what Tesseract read.

    A raised ?, * or % is changed only where the words say which it is: a footnote's asterisk
    after a number also sits high.
    """
    if unit:
        return "°"
    after = _neighbour(words, i, 1)
    if after is not None and _plain(after.text) in ("c", "f", "graus", "grau", "celsius"):
        return "°" if _plain(after.text) != "grau" else "º"
    for step in (1, 2, 3):
        before = _neighbour(words, i, -step)
        if before is not None and _plain(before.text) in DEGREE_BEFORE:
            return "°"
    gender = _gender(words, i)
    if gender == "f":
        return "ª"
    if gender == "m":
        return "º"
    if mark in ODD_MARKS:
        return None
    return mark if mark in "º°" else "º"


def _gender(words: Sequence[PixelWord], i: int) -> str | None:
    """ "f" or "m" from the noun after the ordinal ("Vara", "Grau") or, else, the words before it;
    either may lie past other ordinals of a list: "1ª, 2ª e 3ª Varas", "§§ 2º e 3º"."""
    step = 1
    while (after := _neighbour(words, i, step)) is not None and step <= 6:
        plain = _plain(after.text)
        singular = plain[:-1] if plain.endswith("s") else plain
        if plain in FEMININE_NOUNS or singular in FEMININE_NOUNS:
            return "f"
        if plain in MASCULINE_NOUNS or singular in MASCULINE_NOUNS:
            return "m"
        if not (plain in LIST_WORDS or _is_ordinal(after.text)):
            break
        step += 1
    step = 1
    while (before := _neighbour(words, i, -step)) is not None and step <= 6:
        lower = before.text.lower().rstrip(",")
        earlier = _neighbour(words, i, -step - 1)
        ranged = lower == "a" and earlier is not None and _is_ordinal(earlier.text)  # "do 1º a 3º"
        if lower in FEMININE_BEFORE and not ranged:
            return "f"
        if lower in MASCULINE_BEFORE or _SECTION.match(before.text):
            return "m"
        if not (lower in LIST_WORDS or ranged or _is_ordinal(before.text)):
            break
        step += 1
    return None


def _is_ordinal(text: str) -> bool:
    return _NUMBER_WITH_MARK.match(text.rstrip(",")) is not None


def _plain(text: str) -> str:
    """Lower case without accents or punctuation: "Câmara," → "camara" (accents are often misread)."""
    decomposed = unicodedata.normalize("NFD", text.lower().strip(_TRAILING + "("))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
