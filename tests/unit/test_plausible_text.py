"""The plausibility measure on a corpus: real pages (written for these tests, and text of this
repository that was not: the interface's translations and the README) against every kind of
garbage a PDF's text layer carries."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.core.reading.plausible_text import MIN_KNOWN_SHARE, look_at, why_not_text
from tests.text_corpus import EN_PROSE, PT_PROSE, REAL, garbage, glyph_codes, random_letters, turned_over

ROOT = Path(__file__).resolve().parents[2]


def repository_text() -> dict[str, str]:
    """Real English and Portuguese that the word lists were not written from."""
    ts = ET.parse(ROOT / "resources" / "translations" / "scriba_pt_BR.ts")
    # The interface's sentences; a list of language names ("Africâner", "Árabe"...) is not text.
    contexts = [c for c in ts.iter("context") if c.findtext("name") != "LanguageNames"]
    portuguese = [t.text or "" for c in contexts for t in c.iter("translation")]
    english = [t.text or "" for c in contexts for t in c.iter("source")]
    readme = re.sub(
        r"```.*?```|`[^`]*`|\(http[^)]*\)", " ", (ROOT / "README.md").read_text("utf-8"), flags=re.S
    )
    samples = {f"interface pt {i}": "\n".join(portuguese[i : i + 25]) for i in range(0, len(portuguese), 25)}
    samples |= {f"interface en {i}": "\n".join(english[i : i + 25]) for i in range(0, len(english), 25)}
    samples |= {f"readme {i}": part for i, part in enumerate(readme.split("\n\n")) if len(part) > 400}
    return samples


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_pages_read_as_text(name: str) -> None:
    look = look_at(REAL[name], "por+eng")
    assert why_not_text(look) is None
    # Prose runs mostly on common words; a page of names and figures still a quarter of them
    assert look.known >= (0.5 if not name.startswith("mixed") else 0.25), look
    assert look.odd == 0 and look.mojibake == 0


def test_text_the_word_lists_were_not_made_from_reads_as_text() -> None:
    samples = repository_text()
    assert len(samples) >= 10
    for name, text in samples.items():
        look = look_at(text, "por+eng")
        assert why_not_text(look) is None, name
        assert look.known >= 0.2, (name, look)  # garbage measured 0-15 %; UI strings are terse


@pytest.mark.parametrize("name", sorted(garbage()))
def test_garbage_is_told_from_text(name: str) -> None:
    look = look_at(garbage()[name], "por+eng")
    assert why_not_text(look) is not None, look


def test_random_letters_and_glyph_codes_hold_almost_no_common_word() -> None:
    for name, text in REAL.items():
        for spoilt in (random_letters(text, 3), glyph_codes(text)):
            look = look_at(spoilt, "por+eng")
            assert look.known < MIN_KNOWN_SHARE, (name, look)
            assert look.wordlike is not None and look.wordlike < 0.5, (name, look)


def test_a_layer_whose_font_lost_its_accents_is_still_text() -> None:
    for text in PT_PROSE:
        plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
        look = look_at(plain, "por+eng")
        assert why_not_text(look) is None
        assert look.known >= 0.5


def test_upside_down_text_is_told_by_its_letters() -> None:
    look = look_at(turned_over(EN_PROSE[0]), "por+eng")
    assert look.odd > 0.3
    assert "characters" in (why_not_text(look) or "")


def test_without_a_word_list_only_the_characters_judge() -> None:
    # A language with no word list: the words cannot be judged, so random letters pass ...
    assert look_at(random_letters(PT_PROSE[0], 1), "deu").judged_words is False
    assert why_not_text(look_at(random_letters(PT_PROSE[0], 1), "por+deu")) is None
    # ... but characters no text holds still do not
    assert why_not_text(look_at(turned_over(PT_PROSE[0]), "deu")) is not None


def test_a_short_layer_is_not_judged_by_its_words() -> None:
    # A stamp or a page number says too little to call it garbage by its words
    assert why_not_text(look_at("Fls. 27 - Xqzt", "por+eng")) is None


NEIGHBOURS = {
    "es": "El demandante presentó la demanda ante el juzgado de primera instancia, solicitando la "
    "indemnización por los daños y perjuicios sufridos como consecuencia del incumplimiento del contrato. "
    "El tribunal, después de examinar las pruebas aportadas por las partes, resolvió estimar parcialmente "
    "la demanda y condenar a la empresa demandada al pago de las costas procesales.",
    "fr": "Le demandeur a saisi le tribunal afin d'obtenir la réparation du préjudice subi du fait de "
    "l'inexécution du contrat. Après avoir examiné les pièces produites par les parties, la cour a jugé que "
    "la société défenderesse devait verser des dommages et intérêts ainsi que les frais de la procédure.",
    "it": "L'attore ha proposto ricorso davanti al tribunale chiedendo il risarcimento dei danni subiti a "
    "causa dell'inadempimento del contratto. Il giudice, dopo aver esaminato le prove presentate dalle "
    "parti, ha accolto parzialmente la domanda e ha condannato la società convenuta al pagamento delle spese.",
    "la": "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
    "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi "
    "ut aliquip ex ea commodo consequat.",
}


@pytest.mark.parametrize("language", sorted(NEIGHBOURS))
def test_prose_in_a_language_without_a_word_list_is_still_text_when_shaped_like_words(language: str) -> None:
    # Given Spanish, French, Italian or Latin in a document said to be Portuguese and English:
    # few of its words are known, but they are shaped like words (or enough are known: Spanish),
    # so the layer is not garbage
    look = look_at(NEIGHBOURS[language], "por+eng")
    assert look.wordlike is None or look.wordlike >= 0.95
    assert why_not_text(look) is None


def test_words_run_into_numbers_are_still_text() -> None:
    # Given a page of numbered identifiers, as a generated case file has them
    text = "Folha 3: " + " ".join(f"palavra3x{n}" for n in range(160))
    assert why_not_text(look_at(text, "por+eng")) is None
