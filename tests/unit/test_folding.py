"""Search as people type: accents, case and ligatures folded, matches mapped back to the text."""

from __future__ import annotations

from app.core.folding import count, fold, spans


def _found(text: str, query: str) -> list[str]:
    return [text[a:b] for a, b in spans(text, query)]


def test_accents_and_case_are_ignored_both_ways() -> None:
    text = "A AÇÃO de março; MARÇO e marco."
    assert fold(text) == "a acao de marco; marco e marco."
    assert _found(text, "acao") == ["AÇÃO"]
    assert _found(text, "marco") == ["março", "MARÇO", "marco"]
    assert _found(text, "MARÇO") == ["março", "MARÇO", "marco"]
    assert count(fold(text), "Marco") == 3 and count(fold(text), "") == 0


def test_a_character_folding_to_two_or_none_maps_back_to_whole_characters() -> None:
    # "ß" folds to "ss": a match covers the whole "ß", one match where both letters lie in it
    assert _found("Die Straße, groß", "strasse") == ["Straße"]
    assert _found("groß", "s") == ["ß"]
    # A decomposed accent (e + U+0301) folds to nothing and stays with its letter
    decomposed = "cafe\u0301 com leite"
    assert _found(decomposed, "café") == ["cafe\u0301"]
    assert _found(decomposed, "cafe com") == ["cafe\u0301 com"]
    # A ligature is spelled out
    assert _found("o ﬁm do prazo", "fim") == ["ﬁm"]


def test_a_line_break_is_a_space_to_a_search() -> None:
    assert _found("due\nwithin thirty", "due within") == ["due\nwithin"]
    assert spans("nothing here", "zebra") == []
