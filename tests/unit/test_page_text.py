"""One text per page: the text export, Word and the review pane's HTML all come from page_text."""

from __future__ import annotations

import html
import re
from pathlib import Path

from app.core.export.page_text import page_paragraphs, page_text, page_tokens
from app.core.results import PageResult, PageSource, Word
from app.gui.review_text import LOW_CONFIDENCE_COLOR, page_html, page_plain


def _word(text: str, x0: float, y0: float, conf: float, line: int, par: int = 1) -> Word:
    return Word(text, x0, y0, x0 + 0.1, y0 + 0.02, conf, 1, par, line)


HYPHENATED = PageResult(
    0,
    "",
    PageSource.OCR,
    80.0,
    (
        _word("a", 0.1, 0.10, 95.0, 1),
        _word("condi-", 0.2, 0.10, 90.0, 1),
        _word("ção", 0.1, 0.13, 40.0, 2),
        _word("vale", 0.2, 0.13, 92.0, 2),
        _word("Depois", 0.1, 0.30, 91.0, 1, par=2),
    ),
)


def test_a_word_split_at_a_line_end_is_one_token_as_unsure_as_its_least_sure_half() -> None:
    tokens = page_tokens(HYPHENATED)
    assert tokens is not None
    assert [[t.text for t in paragraph] for paragraph in tokens] == [["a", "condição", "vale"], ["Depois"]]
    assert tokens[0][1].conf == 40.0
    assert page_text(HYPHENATED) == "a condição vale\n\nDepois"
    assert page_paragraphs(HYPHENATED) == ["a condição vale", "Depois"]


def test_the_review_html_is_the_page_text_with_unsure_words_marked() -> None:
    marked = page_html(HYPHENATED, "{conf}%")
    assert marked.count(LOW_CONFIDENCE_COLOR) == 1 and 'title="40%">condição<' in marked
    assert html.unescape(re.sub(r"<[^>]+>", "", marked)) == page_plain(HYPHENATED) == page_text(HYPHENATED)


def test_a_text_layer_page_keeps_its_line_breaks_and_a_failed_page_has_no_text_in_the_pane() -> None:
    layer = PageResult(1, "Title\r\nfirst line\n\n\nnext <b>", PageSource.TEXT)
    assert page_text(layer) == "Title\nfirst line\n\n\nnext <b>"
    assert page_paragraphs(layer) == ["Title\nfirst line", "next <b>"]
    assert "next &lt;b&gt;" in page_html(layer)
    failed = PageResult(2, "", PageSource.FAILED, error="the page is damaged and cannot be read")
    assert page_text(failed) == "[page 3 could not be read: the page is damaged and cannot be read]"
    assert page_plain(failed) == ""


def test_a_failed_page_is_noted_in_the_language_of_the_export() -> None:
    # Given a page that failed with a catalog code (as a worker reports it)
    from app.core.export import ExportDocument
    from app.core.export.base import ExportOptions
    from app.core.export.txt import document_text
    from app.core.results import failed_page

    pages = [PageResult(0, "Primeira página.", PageSource.TEXT), failed_page(1, "page_damaged")]
    # When the document's text is made for a pt-BR window and for an English one
    portuguese = document_text(ExportDocument(Path("autos.pdf"), pages, language="pt_BR"), ExportOptions())
    english = document_text(ExportDocument(Path("autos.pdf"), pages), ExportOptions())
    # Then the note says why in that language
    assert "[não foi possível ler a página 2: a página está danificada e não pode ser lida]" in portuguese
    assert "[page 2 could not be read: the page is damaged and cannot be read]" in english
