"""Packed word boxes read back as the words they were, in any process."""

from __future__ import annotations

import pickle

from app.core.packed_words import PackedWords, pack_words
from app.core.results import Word

WORDS = (
    Word("Ação", 0.12345, 0.2, 0.3, 0.25, 91.25, 1, 1, 1),
    Word("judicial", 0.31, 0.2, 0.45, 0.25, 55.0, 1, 1, 1),
    Word("ªº§", 0.5, 0.3, 0.6, 0.35, 12.0, 2, 1, 3),
)


def test_packed_words_read_back_as_the_words_within_a_ten_thousandth() -> None:
    packed = PackedWords.of(WORDS)
    assert len(packed) == 3 and bool(packed)
    back = list(packed)
    assert [w.text for w in back] == ["Ação", "judicial", "ªº§"]
    assert abs(back[0].x0 - 0.12345) <= 1e-4 and abs(back[0].conf - 91.25) <= 0.05
    assert packed[1].text == "judicial" and [w.text for w in packed[1:]] == ["judicial", "ªº§"]
    assert (back[2].block, back[2].par, back[2].line) == (2, 1, 3)


def test_packed_words_survive_pickling_and_compare_by_content() -> None:
    packed = PackedWords.of(WORDS)
    again = pickle.loads(pickle.dumps(packed))
    assert again == packed == tuple(packed)
    assert len(PackedWords(packed.blob)) == 3  # count unknown (read from the cache): counted on demand
    assert not PackedWords.of(())


def test_packed_words_say_whether_there_are_any_without_building_them() -> None:
    # Given words packed and read back from the cache (their count unknown), and none packed
    some = PackedWords(pack_words([Word("Ação", 0.1, 0.1, 0.2, 0.12, 90.0, 1, 1, 1)]))
    none = PackedWords(pack_words([]))
    # Then each says so, and still counts the same when asked
    assert some and not none
    assert (len(some), len(none)) == (1, 0)
