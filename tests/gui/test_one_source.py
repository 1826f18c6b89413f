"""One source each, seen from the real window: a page's text (review == copy == .txt export),
page failures and export errors in the window's language, and the formats of the registry."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from app.core.export.page_text import page_text
from app.core.export.registry import FORMATS, format_filter, format_label
from app.core.jobs import JobState
from app.gui import i18n
from app.gui.export_actions import FORMATS as WINDOW_FORMATS
from app.gui.job_model import Column
from tests.pdfgen import scanned_pdf
from tests.unit.test_messages import broken_page_pdf

OCR_TIMEOUT = 120_000
ROOT = Path(__file__).resolve().parents[2]
#: Two columns of running text: line by line (what the pane showed before) it is not the export's paragraphs.
GAZETTE = (
    "The archive of the district court keeps every judgement of the last forty years in boxes "
    "sorted by year and by chamber. Requests for copies are answered within ten working days. "
    "Each copy names the chamber, the date of the judgement and the parties. The fee is paid "
    "at the counter of the registry before the copy is handed out to the applicant in person."
)


def _finished(window, qtbot, pages: int) -> None:
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    window.jobs.selectRow(0)
    qtbot.waitUntil(lambda: window.review.page_list.count() == pages, timeout=5_000)


def test_review_copy_and_txt_export_hold_the_same_text_of_a_two_column_page(
    make_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a scanned two-column page, read by the real window
    pdf = scanned_pdf(tmp_path / "gazette.pdf", [GAZETTE, "Second page of the gazette."], dpi=200, columns=2)
    window = make_window([pdf])
    _finished(window, qtbot, 2)
    review = window.review
    result = window.controller.export_documents(window.jobs.selected_job_ids())[0].pages[0]
    expected = page_text(result)
    # When the text export writes the document
    target = tmp_path / "gazette.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), a[3]))
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
        window.export(WINDOW_FORMATS[0])
    exported = target.read_text(encoding="utf-8")
    # Then the pane shows exactly the export's first page, and Copy copies the same
    assert review.text.toPlainText() == expected == exported.split("\f")[0].removesuffix("\n")
    assert "archive" in expected and "applicant" in expected
    review.copy()
    assert QGuiApplication.clipboard().text() == expected
    # And copying all pages gives the whole .txt file
    review.copy_document()
    assert QGuiApplication.clipboard().text() == exported


def test_a_failed_page_says_why_in_portuguese_in_the_pt_br_window(
    make_window, qtbot, qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the window in Brazilian Portuguese
    monkeypatch.setattr(i18n, "_shown", "en")  # put back when the test ends
    installed = i18n.install_translators(qapp, "pt_BR")
    try:
        window = make_window([broken_page_pdf(tmp_path)])
        # When a document whose second page cannot be loaded has been read
        _finished(window, qtbot, 2)
        window.review.page_list.setCurrentRow(1)
        # Then the review pane and the row's tooltip give the reason in Portuguese
        shown = window.review.text.toPlainText()
        assert shown == "Não foi possível ler esta página: a página está danificada e não pode ser lida"
        tooltip = window.controller.model.index(0, Column.STATE).data(Qt.ItemDataRole.ToolTipRole)
        assert "Página 2: a página está danificada e não pode ser lida" in tooltip
        # And an export that cannot be written says why in Portuguese too
        target = tmp_path / "no such folder" / "broken.txt"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
        warnings: list[str] = []
        monkeypatch.setattr(
            "app.gui.window.QMessageBox.warning", lambda parent, title, text: warnings.append(text)
        )
        with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
            window.export(WINDOW_FORMATS[0])
        assert warnings == ["broken.txt: A pasta não existe."]  # the file that could not be written
    finally:
        i18n.remove_translators(qapp, installed)  # English words and numbers for the next tests


def test_the_export_menu_and_the_cli_choices_are_the_registry(make_window) -> None:
    # Given the window
    window = make_window()
    # Then its Export menu offers the registry's formats, in order, with the registry's labels,
    # and after a separator the court filing preset (PDF/A in parts: app.gui.court_export)
    actions = window.menus.export_menu.actions()
    assert [action.data() for action in actions] == [*FORMATS, None, "court"]
    actions = actions[: len(FORMATS)]
    assert [action.text() for action in actions] == [format_label(name) + "…" for name in FORMATS]
    assert [(f.name, f.suffix) for f in WINDOW_FORMATS] == [(n, e.suffix) for n, e in FORMATS.items()]
    # And its file dialogs filter by the registry's suffixes, named in the window's language
    assert [window.export_dialogs.filter_for(f) for f in WINDOW_FORMATS] == [
        "Plain text (*.txt)",
        "Word document (*.docx)",
        "Searchable PDF (*.pdf)",
        "Searchable PDF/A (*.pdf)",
        "ALTO XML (*.xml)",
        "hOCR HTML (*.hocr)",
    ]
    assert [format_filter(name, "pt_BR") for name in FORMATS] == [
        "Texto simples (*.txt)",
        "Documento do Word (*.docx)",
        "PDF pesquisável (*.pdf)",
        "PDF/A pesquisável (*.pdf)",
        "ALTO XML (*.xml)",
        "hOCR HTML (*.hocr)",
    ]
    # And the CLI accepts exactly these --format choices
    refused = subprocess.run(
        [sys.executable, "-m", "app", "ocr", "x.pdf", "--format", "bogus"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    choices = re.search(r"invalid choice: 'bogus' \(choose from (.*)\)", refused.stderr)
    assert choices is not None, refused.stderr
    assert [c.strip(" '") for c in choices.group(1).split(",")] == list(FORMATS)
    # And the README's usage line names the same formats
    assert f"[--format {'|'.join(FORMATS)}]" in (ROOT / "README.md").read_text(encoding="utf-8")
