"""Review a finished document (image, text, search, copy) and export it from the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from app.core.jobs import JobState
from app.core.reading.preview import render_page_png
from app.core.results import PageResult, PageSource, Word
from app.gui.export_actions import FORMATS, unique_targets
from app.gui.review_text import LOW_CONFIDENCE_COLOR, page_html, page_plain

OCR_TIMEOUT = 120_000


@pytest.fixture
def finished_window(make_window, qtbot, letter_pdf: Path):
    window = make_window([letter_pdf])
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    window.jobs.selectRow(0)
    qtbot.waitUntil(lambda: window.review.page_list.count() == 2, timeout=5_000)
    return window


def test_review_shows_image_and_text_and_searches_all_pages(finished_window, qtbot) -> None:
    review = finished_window.review
    # Given the first page shown: its text, and its image rendered in the preview process
    assert review.page_list.currentRow() == 0
    assert "Invoice" in review.text.toPlainText()
    qtbot.waitUntil(lambda: review.image.pixmap() is not None, timeout=60_000)
    # When the user searches a word that is only on page 2
    review.search.setText("payment")
    # Then it is counted across pages, and "next" opens page 2 with the word marked
    assert review.match_label.text() == "1 of 1"
    review.find_next()
    assert review.page_list.currentRow() == 1
    (marked,) = review.text.extraSelections()
    assert marked.cursor.selectedText().lower() == "payment"
    # And copy, with nothing selected by the user, copies the whole page, not only the hit
    review.copy()
    assert QGuiApplication.clipboard().text() == review.text.toPlainText()
    assert "thirty days" in QGuiApplication.clipboard().text().lower()
    # While what the user selects is what copy copies
    review.text.setTextCursor(marked.cursor)
    review.copy()
    assert QGuiApplication.clipboard().text().lower() == "payment"
    # A word on no page says so
    review.search.setText("zebra")
    assert review.match_label.text() == "No matches"


def test_low_confidence_words_are_marked_and_copy_gets_plain_text() -> None:
    words = (
        Word("Clear", 0.1, 0.1, 0.2, 0.12, 96.0, 1, 1, 1),
        Word("smudge", 0.21, 0.1, 0.3, 0.12, 41.0, 1, 1, 1),
        Word("Next", 0.1, 0.2, 0.2, 0.22, 90.0, 2, 1, 1),
    )
    page = PageResult(0, "Clear smudge\n\nNext", PageSource.OCR, 75.0, words)
    html = page_html(page, "confidence {conf}%")
    assert html.count(LOW_CONFIDENCE_COLOR) == 1
    assert f'background-color:{LOW_CONFIDENCE_COLOR}\' title="confidence 41%">smudge<' in html
    assert page_plain(page) == "Clear smudge\n\nNext"


def test_export_txt_remembers_the_folder_and_offers_to_open_it(
    finished_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = finished_window
    target = tmp_path / "out" / "letter.txt"
    target.parent.mkdir()
    asked: list[str] = []

    def save_dialog(parent, caption, start, filters):
        asked.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    # When the selected document is exported as text
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000) as signal:
        window.export(FORMATS[0])
    # Then the file holds the recognised text, and the status bar offers the folder
    (outcome,) = signal.args[0]
    assert outcome.target == target and outcome.error is None
    text = target.read_text(encoding="utf-8")
    assert "Invoice" in text and "Payment" in text
    assert window.open_folder.isVisible()
    assert window.settings.get("ui/export_folder") == str(target.parent)
    # And the next export starts in that folder
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
        window.export(FORMATS[1])
    assert asked[-1] == str(target.parent / "letter.docx")
    assert not window.exporter.busy


def test_failed_export_says_why_and_leaves_no_file(
    finished_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = finished_window
    target = tmp_path / "missing-folder" / "letter.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    warnings: list[str] = []
    monkeypatch.setattr(
        "app.gui.export_flow.QMessageBox.warning", lambda parent, title, text: warnings.append(text)
    )
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
        window.export(FORMATS[0])
    assert warnings == ["letter.txt: The folder does not exist."]  # the file that could not be written
    assert not target.exists()


def test_several_documents_with_the_same_name_get_distinct_files(tmp_path: Path) -> None:
    sources = [Path("/a/report.pdf"), Path("/b/report.pdf"), Path("/c/Report.pdf")]
    names = [t.name for t in unique_targets(tmp_path, sources, ".txt")]
    assert names == ["report.txt", "report (2).txt", "Report (3).txt"]


def test_preview_renders_a_page_as_png_of_the_asked_width(letter_pdf: Path) -> None:
    png = render_page_png(letter_pdf, 1, None, 300)
    assert png.startswith(b"\x89PNG")
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png))
    assert image.width == 300 and image.mode == "L"
    with pytest.raises(ValueError):
        render_page_png(letter_pdf, 5, None, 300)


def test_pages_finishing_out_of_order_are_listed_in_order(qtbot, letter_pdf: Path) -> None:
    from app.gui.preview_service import PreviewService
    from app.gui.review import ReviewPane

    previews = PreviewService()
    pane = ReviewPane(previews)
    qtbot.addWidget(pane)
    pages = [PageResult(n, f"text of page {n + 1}", PageSource.OCR) for n in range(3)]
    try:
        # Given page 2 finished first
        pane.set_document(letter_pdf, None, [pages[1]])
        assert "page 2" in pane.text.toPlainText()
        # When page 1 arrives, it goes first and is shown (the user had not picked a page)
        pane.update_pages(pages[:2])
        assert [pane.page_list.item(i).text() for i in range(2)] == ["Page 1", "Page 2"]
        assert "page 1" in pane.text.toPlainText()
        # Once the user picks a page, later pages do not move them
        pane.page_list.setCurrentRow(1)
        pane.update_pages(pages)
        assert pane.page_list.count() == 3
        assert "page 2" in pane.text.toPlainText()
    finally:
        previews.shutdown()


def test_a_blank_page_is_marked_in_the_page_list(make_window, qtbot, tmp_path: Path) -> None:
    from tests.pdfgen import scanned_pdf

    # Given a letter whose second sheet is blank, read in the window
    pdf = scanned_pdf(tmp_path / "carta.pdf", ["Invoice number 4711\nPayment due in March.", ""], dpi=150)
    window = make_window([pdf])
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    # Then its row counts the blank page, and the page list marks it
    assert window.controller.model.rows()[0].state_label() == "Done · 1 blank page"
    window.jobs.selectRow(0)
    review = window.review
    qtbot.waitUntil(lambda: review.page_list.count() == 2, timeout=5_000)
    assert review.page_list.item(1).text() == "Page 2 (blank)"
    review.page_list.setCurrentRow(1)
    assert review.text.toPlainText() == "No text was found on this page: it looks blank."


def test_preview_of_an_image_document_is_its_frame_upright_at_the_asked_width(tmp_path: Path) -> None:
    # Given a 2-page TIFF and a JPEG stored sideways with an EXIF turn
    from io import BytesIO

    from PIL import Image

    from tests.pdfgen import page_image

    frames = [page_image(f"Página {n}", dpi=100, size_in=(8.27, 4), seed=n) for n in (1, 2)]
    tiff = tmp_path / "scan.tif"
    frames[0].save(tiff, compression="tiff_lzw", dpi=(100, 100), save_all=True, append_images=frames[1:])
    exif = Image.Exif()
    exif[0x0112] = 6
    jpeg = tmp_path / "phone.jpg"
    frames[0].transpose(Image.Transpose.ROTATE_90).save(jpeg, dpi=(100, 100), exif=exif)
    # When previews are rendered (in the preview process, as for a PDF)
    second = Image.open(BytesIO(render_page_png(tiff, 1, None, 300)))
    turned = Image.open(BytesIO(render_page_png(jpeg, 0, None, 300)))
    # Then each is the page as displayed, 300 pixels wide
    assert second.mode == "L" and second.size == (300, round(300 * 4 / 8.27))
    assert turned.size == second.size  # upright: wider than tall
    with pytest.raises(ValueError):
        render_page_png(tiff, 2, None, 300)
