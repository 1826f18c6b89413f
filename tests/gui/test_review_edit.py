"""Correcting the text in the review pane, seen from the real window: per-page undo, the edit
kept in the cache beside the OCR result (a re-read and `scriba ocr` find it), one text in the
pane, Copy and the .txt export, and search as people type."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QFileDialog

from app.core.jobs import JobRequest, JobState
from app.core.results import PageResult, PageSource
from app.core.storage.cache import ResultCache
from app.gui.export_actions import FORMATS
from app.gui.review_pages import EDITED_MARK
from app.gui.review_search import CURRENT_HIT_COLOR

OCR_TIMEOUT = 120_000
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def finished_window(make_window, qtbot, letter_pdf: Path):
    window = make_window([letter_pdf])
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    window.jobs.selectRow(0)
    qtbot.waitUntil(lambda: window.review.page_list.count() == 2, timeout=5_000)
    return window


def _type_at_start(review, qtbot, text: str) -> None:
    review.text.setFocus()
    review.text.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(review.text, text)


def _stored(window) -> dict[int, str]:
    digest = window.controller.manager.document_hash(window.controller.model.rows()[0].job_id)
    cache = ResultCache.open()
    try:
        return {page: c.text for page, c in cache.corrections(digest).items()}
    finally:
        cache.close()


def test_an_edit_is_marked_kept_per_page_with_its_undo_and_can_be_reverted(finished_window, qtbot) -> None:
    review = finished_window.review
    ocr_text = review.text.toPlainText()
    # Given the user types on page 1, then goes to page 2 and types there too
    _type_at_start(review, qtbot, "Dear ")
    assert review.text.toPlainText() == "Dear " + ocr_text
    review.page_list.setCurrentRow(1)
    # Then page 1 is saved and marked as edited; page 2 shows its own text
    assert review.page_list.item(0).text().endswith(EDITED_MARK)
    assert "Payment" in review.text.toPlainText()
    _type_at_start(review, qtbot, "P.S. ")
    # When the user comes back to page 1 and undoes
    review.page_list.setCurrentRow(0)
    assert review.text.toPlainText() == "Dear " + ocr_text
    assert review.revert_button.isEnabled()
    review.text.setFocus()
    qtbot.keyClick(review.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # Then page 1's own edit is undone (page 2's stays), and redo brings it back
    assert review.text.toPlainText() != "Dear " + ocr_text and "P.S." not in review.text.toPlainText()
    qtbot.keyClick(review.text, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert review.text.toPlainText() == "Dear " + ocr_text
    # And "Revert to OCR text" puts the OCR text back and drops the mark
    review.revert_button.click()
    assert review.text.toPlainText() == ocr_text
    assert not review.page_list.item(0).text().endswith(EDITED_MARK)
    assert review.page_list.item(1).text().endswith(EDITED_MARK)
    # The cache's writer stored what the pane says: page 2 corrected, page 1 not
    qtbot.waitUntil(lambda: list(_stored(finished_window)) == [1], timeout=5_000)
    assert _stored(finished_window)[1].startswith("P.S. ")


def test_an_edited_page_is_the_same_text_in_the_pane_copy_and_the_txt_export(
    finished_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = finished_window
    review = window.review
    # Given page 1 corrected: a word replaced and a line added
    cursor = review.text.document().find("Invoice")
    cursor.insertText("Bill")
    review.text.moveCursor(QTextCursor.MoveOperation.End)
    review.text.insertPlainText("\nSigned, the archive")
    shown = review.text.toPlainText()
    assert "Bill" in shown and "Invoice" not in shown
    # When the user copies the page, copies the document, and exports it as text
    review.copy()
    copied = QGuiApplication.clipboard().text()
    review.copy_document()
    copied_all = QGuiApplication.clipboard().text()
    target = tmp_path / "letter.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), a[3]))
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
        window.export(FORMATS[0])  # no pause, no page change: the export saves the edit first
    exported = target.read_text(encoding="utf-8")
    # Then all of them hold the corrected page, character for character
    assert shown == copied == exported.split("\f")[0].removesuffix("\n")
    assert copied_all == exported
    assert "Payment" in exported.split("\f")[1]


def test_a_correction_survives_a_reread_and_scriba_ocr_exports_it(
    finished_window, qtbot, letter_pdf: Path
) -> None:
    window = finished_window
    controller, review = window.controller, window.review
    ocr_text = review.text.toPlainText()
    first_id = controller.model.rows()[0].job_id
    _type_at_start(review, qtbot, "Corrected: ")
    review.save_edits()
    qtbot.waitUntil(lambda: 0 in _stored(window), timeout=5_000)
    # When the document is read again with other options (another DPI)
    request = controller.model.rows()[0].request
    other = JobRequest(path=request.path, options=request.options.with_changes(dpi=200))
    new_id = controller.submit(other)
    qtbot.waitUntil(lambda: controller.model.row(new_id).state is JobState.DONE, timeout=OCR_TIMEOUT)
    # Then the new read finds the correction, and the OCR result under it stays as read
    assert controller.corrections_for(new_id).texts()[0] == "Corrected: " + ocr_text
    assert "Corrected" not in controller.results(new_id)[0].text
    exported = controller.export_documents([new_id])[0].pages[0]
    assert exported.corrected and exported.text == "Corrected: " + ocr_text
    assert any(word.text == "Corrected:" for word in exported.words)
    assert first_id != new_id
    # And `scriba ocr`, sharing the cache, exports the corrected text too
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "app", "ocr", str(letter_pdf), "-o", "-", "--workers", "1"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\f")[0].rstrip("\n") == "Corrected: " + ocr_text


def test_an_edit_is_saved_when_the_window_closes(make_window, qtbot, letter_pdf: Path) -> None:
    window = make_window([letter_pdf])
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    window.jobs.selectRow(0)
    qtbot.waitUntil(lambda: window.review.page_list.count() == 2, timeout=5_000)
    digest = window.controller.manager.document_hash(window.controller.model.rows()[0].job_id)
    _type_at_start(window.review, qtbot, "Last words ")
    # When the window closes right away (no pause, no page change)
    window.close()
    # Then the edit is in the cache
    cache = ResultCache.open()
    try:
        assert cache.corrections(digest)[0].text.startswith("Last words ")
    finally:
        cache.close()


PAGES = [
    PageResult(0, "A AÇÃO foi proposta em março.\nNada mais.", PageSource.TEXT),
    PageResult(1, "Die Straße, MARÇO de 2024: ação", PageSource.TEXT),
    PageResult(2, "", PageSource.BLANK),
]


def test_search_ignores_accents_and_case_and_marks_the_right_characters(
    make_window, qtbot, letter_pdf: Path
) -> None:
    window = make_window([])
    review = window.review
    review.set_document(letter_pdf, None, PAGES)

    def marked() -> list[str]:
        return [s.cursor.selectedText() for s in review.text.extraSelections()]

    # "acao" finds AÇÃO and ação on two pages; the highlights cover the accented words
    review.search.setText("acao")
    assert review.match_label.text() == "1 of 2"
    assert marked() == ["AÇÃO"]
    review.find_next()
    review.find_next()
    assert review.page_list.currentRow() == 1 and marked() == ["ação"]
    (selection,) = review.text.extraSelections()
    assert selection.format.background().color().name() == CURRENT_HIT_COLOR
    # "marco" finds março and MARÇO; "strasse" finds Straße, whose "ß" folds to two letters
    review.search.setText("marco")
    assert review.match_label.text() == "1 of 2" and marked() == ["MARÇO"]
    review.search.setText("strasse,")
    assert marked() == ["Straße,"]
    # A search that finds nothing, or none at all, leaves no highlight
    review.search.setText("zebra")
    assert review.match_label.text() == "No matches" and marked() == []
    review.search.setText("acao")
    assert marked() == ["ação"]
    review.search.clear()
    assert marked() == [] and review.match_label.text() == ""


def test_a_reread_that_came_out_differently_keeps_the_correction_and_says_so(
    make_window, qtbot, letter_pdf: Path
) -> None:
    from app.gui.corrections import DocumentCorrections

    window = make_window([])
    review = window.review
    # Given page 1 corrected over an OCR text that a later read no longer gives
    corrections = DocumentCorrections()
    corrections.save(0, "A AÇÃO foi proposta em março de 2024.", base="A ACAO foi proposta em marco.")
    # When the new read's pages are shown
    with qtbot.waitSignal(review.message, timeout=1_000) as said:
        review.set_document(letter_pdf, None, PAGES, corrections)
    # Then the pane shows the user's text, marks the page, and says the OCR changed under it
    assert review.text.toPlainText() == "A AÇÃO foi proposta em março de 2024."
    assert review.page_list.item(0).text().endswith(EDITED_MARK)
    assert "read again" in review.page_list.item(0).toolTip()
    assert said.args == ["1 corrected page read again came out differently; your text was kept."]


def test_typing_that_pauses_is_saved_without_leaving_the_page(finished_window, qtbot) -> None:
    review = finished_window.review
    # Given the user types and stops, staying on the page
    _type_at_start(review, qtbot, "Ref. 12 ")
    assert _stored(finished_window) == {}
    # Then the pause saves it: the cache's writer has it, and the page is marked
    qtbot.waitUntil(lambda: _stored(finished_window).get(0, "").startswith("Ref. 12 "), timeout=10_000)
    assert review.page_list.item(0).text().endswith(EDITED_MARK)


def test_a_large_document_is_searchable_at_once_while_its_texts_are_worked_out(
    make_window, qtbot, letter_pdf: Path
) -> None:
    from tests.export_helpers import laid_out_page

    window = make_window([])
    review = window.review
    # Given 40 recognised pages opened at once (as a document served from the cache)
    lines = ["Folha {n} da petição", "condi-", "ção de pagamento"]
    pages = [
        replace(
            laid_out_page([[line.format(n=n) for line in lines]], page=n), text="\n".join(lines).format(n=n)
        )
        for n in range(40)
    ]
    review.set_document(letter_pdf, None, pages)
    assert None in review.texts.texts  # worked out in slices, not all before the window goes on
    # When the user searches right away, accent-blind and over a line-end hyphen
    review.search.setText("condicao de pagamento")
    # Then every page is counted already, and the counts stay once the exact texts are in
    assert review.match_label.text() == "1 of 40"
    qtbot.waitUntil(lambda: None not in review.texts.texts, timeout=10_000)
    assert review.match_label.text() == "1 of 40"
    assert review.texts.texts[39] == "Folha 39 da petição condição de pagamento"


def test_pages_brought_with_their_layout_show_their_exact_text_at_once(
    make_window, qtbot, letter_pdf: Path
) -> None:
    from app.core.export.page_text import page_text
    from app.core.export.stored_layout import with_layout
    from app.core.packed_words import PackedWords
    from tests.export_helpers import laid_out_page

    window = make_window([])
    review = window.review
    # Given 40 pages as a worker sends them (words packed, text laid out once), one unsure word each
    lines = ["Folha {n} da petição", "condi-", "ção de pagamento"]
    pages = []
    for n in range(40):
        page = laid_out_page([[line.format(n=n) for line in lines]], page=n)
        words = [replace(word, conf=40.0) if word.text == "da" else word for word in page.words]
        pages.append(
            with_layout(replace(page, words=PackedWords.of(words), text="\n".join(lines).format(n=n)))
        )
    assert all(page.layout for page in pages)
    # When the document is opened whole (as one served from the cache)
    review.set_document(letter_pdf, None, pages)
    # Then every page's exact text is there at once, the laid-out one, and search finds it
    assert review.texts.texts == [page_text(page) for page in pages]
    assert review.texts.texts[39] == "Folha 39 da petição condição de pagamento"
    review.search.setText("condicao de pagamento")
    assert review.match_label.text() == "1 of 40"
    # And the labels' counts of unsure words follow in the pane's idle slices
    qtbot.waitUntil(lambda: all(review.texts.counted), timeout=10_000)
    assert review.page_list.item(39).text() == "Page 40  (1)"
