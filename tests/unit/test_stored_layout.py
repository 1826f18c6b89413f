"""The stored layout's contract with ``layout.py``: stored layouts are only as good as the rules
that made them, so changing what those rules give must bump ``LAYOUT_VERSION``."""

from __future__ import annotations

from dataclasses import replace

from app.core.export.page_text import page_text, page_tokens
from app.core.export.stored_layout import LAYOUT_VERSION, stored_text, with_layout
from app.core.packed_words import PackedWords
from tests.export_helpers import laid_out_page


def test_what_the_layout_rules_give_is_tied_to_the_layout_version() -> None:
    # Given a page of three lines, a hyphen at a line end, and a second paragraph apart
    page = laid_out_page(
        [["Folha 1 da petição", "condi-", "ção de pagamento"], ["Depois disso"]], paragraph_gap=0.05
    )
    page = replace(page, words=PackedWords.of(page.words))
    # Then today's rules give this text, stored and fresh alike. If this fails because layout.py
    # changed on purpose, bump LAYOUT_VERSION (stored layouts of the old rules then stop matching)
    # and write the new text here.
    assert LAYOUT_VERSION == 1
    expected = "Folha 1 da petição condição de pagamento\n\nDepois disso"
    assert page_text(page) == expected
    stored = with_layout(page)
    assert stored.layout and stored_text(stored) == expected
    assert page_tokens(stored) == page_tokens(page)
