"""A reading's words change and its page text follows (app.core.reading.word_edits)."""

from __future__ import annotations

from app.core.reading.engines import PixelWord, Recognized
from app.core.reading.word_edits import with_words_changed


def word(text: str, left: int, line: int = 1) -> PixelWord:
    return PixelWord(text, left, 10, 40, 20, 90.0, 1, 1, line)


def test_the_changed_word_changes_in_the_text_and_its_twin_does_not() -> None:
    words = (word("32", 0), word("Vara", 50), word("32", 0, line=2), word("páginas", 50, line=2))
    read = Recognized("32 Vara\n32 páginas\n\nfim\n", 91.0, words)
    result = with_words_changed(read, {0: "3ª"}, set(), {})
    assert result.text == "3ª Vara\n32 páginas\n\nfim\n"
    assert [w.text for w in result.words] == ["3ª", "Vara", "32", "páginas"]
    assert result.confidence == 91.0


def test_a_word_the_text_does_not_hold_is_left_alone_in_both() -> None:
    words = (word("ﬁm", 0), word("32", 50))  # the text spells the ligature out
    read = Recognized("fim 32\n", 90.0, words)
    result = with_words_changed(read, {0: "x", 1: "3ª"}, set(), {})
    assert result.text == "fim 3ª\n"
    assert [w.text for w in result.words] == ["ﬁm", "3ª"]


def test_words_are_joined_and_cut_with_their_boxes() -> None:
    words = (word("protocolo", 0), word("(gmail.com", 50), word("883º", 100))
    read = Recognized("protocolo (gmail.com 883º\n", 90.0, words)
    result = with_words_changed(read, {0: "protocolo@gmail.com", 2: "§§ 3º"}, {1}, {2: 120})
    assert result.text == "protocolo@gmail.com §§ 3º\n"
    joined, first, second = result.words
    assert (joined.text, joined.left, joined.width) == ("protocolo@gmail.com", 0, 90)
    assert (first.text, first.left, first.width) == ("§§", 100, 20)
    assert (second.text, second.left, second.width) == ("3º", 120, 20)
