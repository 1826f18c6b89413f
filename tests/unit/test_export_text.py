"""Plain-text export and the layout rules it shares with .docx: paragraphs from line
geometry, line-end hyphenation, page separators, failed pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.export import ExportDocument, export_document
from app.core.export.layout import dehyphenate_text, joins_hyphenated, word_paragraphs
from tests.export_helpers import ACCENTS, failed_page, laid_out_page, text_page


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("condi-", "ção", True),
        ("pré-condi-", "ção,", True),
        ("CONDI-", "ÇÃO", True),
        ("infor\u00ad", "mação", True),
        ("Rio-", "Grande", False),  # a capital after the break: a compound or a name
        ("2-", "3", False),
        ("art.-", "lei", False),
        ("-", "ção", False),
        ("condi", "ção", False),
        ("vida-", "2024", False),
    ],
)
def test_hyphen_joins_only_two_halves_of_a_word(left: str, right: str, joined: bool) -> None:
    assert joins_hyphenated(left, right) is joined


def test_lines_of_a_paragraph_are_joined_and_paragraphs_separated() -> None:
    # Given two engine paragraphs of three and two lines, one word split across lines
    page = laid_out_page(
        [
            ["A condi-", "ção humana é", "longa."],
            ["Segundo parágrafo", "aqui."],
        ]
    )
    # When rebuilt
    paragraphs = word_paragraphs(page.words)
    # Then each paragraph is one string, the word is whole again
    assert paragraphs == ["A condição humana é longa.", "Segundo parágrafo aqui."]


def test_vertical_gap_starts_a_paragraph_the_engine_missed() -> None:
    page = laid_out_page(
        [["primeira linha", "segunda linha"], ["depois do espaço", "continua"]],
        split_paragraphs=False,
        paragraph_gap=0.03,  # more than a line pitch of blank space
    )
    assert word_paragraphs(page.words) == ["primeira linha segunda linha", "depois do espaço continua"]


def test_regular_spacing_within_one_engine_paragraph_stays_one_paragraph() -> None:
    page = laid_out_page([["um", "dois", "três"], ["quatro"]], split_paragraphs=False)
    assert word_paragraphs(page.words) == ["um dois três quatro"]


def test_words_are_ordered_left_to_right_within_a_line() -> None:
    page = laid_out_page([["alfa beta gama"]])
    shuffled = (page.words[2], page.words[0], page.words[1])
    assert word_paragraphs(shuffled) == ["alfa beta gama"]


def test_text_layer_keeps_its_lines_but_not_its_hyphens() -> None:
    text = "Uma condi-\nção de vida\nboa.\nNúmeros 2-\n3 e Rio-\nGrande."
    assert dehyphenate_text(text) == "Uma condição\nde vida\nboa.\nNúmeros 2-\n3 e Rio-\nGrande."


def test_txt_pages_are_separated_by_form_feeds(tmp_path: Path) -> None:
    # Given an OCR page, a born-digital page and a failed page
    doc = ExportDocument(
        source=tmp_path / "carta.pdf",
        pages=[
            laid_out_page([["Olá mun-", "do."], ["Fim."]], page=0),
            text_page("Linha um\nLinha dois", page=1),
            failed_page(2, "the page is damaged."),
        ],
    )
    # When exported as text
    out = export_document(doc, tmp_path / "carta.txt")
    # Then the bytes are UTF-8 pages separated by form feeds, the failure named
    assert out.read_bytes().decode("utf-8") == (
        "Olá mundo.\n\nFim.\n\fLinha um\nLinha dois\n\f[page 3 could not be read: the page is damaged]\n"
    )


def test_txt_page_markers_replace_form_feeds(tmp_path: Path) -> None:
    doc = ExportDocument(tmp_path / "a.pdf", [text_page("um", 0), failed_page(1)])
    out = export_document(doc, tmp_path / "a.txt", page_markers=True)
    assert out.read_text(encoding="utf-8") == (
        "--- Page 1 ---\num\n\n--- Page 2 ---\n[page 2 could not be read: the worker crashed twice]\n"
    )


def test_pages_are_written_in_page_order(tmp_path: Path) -> None:
    doc = ExportDocument(tmp_path / "a.pdf", [text_page("dois", 1), text_page("um", 0)])
    assert export_document(doc, tmp_path / "a.txt").read_text(encoding="utf-8") == "um\n\fdois\n"


def test_every_portuguese_accent_survives_txt_byte_exact(tmp_path: Path) -> None:
    doc = ExportDocument(tmp_path / "a.pdf", [laid_out_page([[ACCENTS]]), text_page(ACCENTS, 1)])
    data = export_document(doc, tmp_path / "a.txt").read_bytes()
    assert data == f"{ACCENTS}\n\f{ACCENTS}\n".encode()
