"""Exports from the window: the names suggested, the question before overwriting in a folder,
what the status bar says afterwards, Export enabled only with something to export, images in
every format. Real window, real workers, real export child."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog

from app.core.export.registry import FORMATS as REGISTRY
from app.core.export.registry import format_label
from app.core.jobs import JobState
from app.gui import i18n
from app.gui.export_actions import FORMATS, Format
from app.gui.overwrite_dialog import OverwriteDialog, exists, kept_both, numbered
from tests.pdfgen import page_image

OCR_TIMEOUT = 120_000
EXPORT_TIMEOUT = 60_000
TXT, PDF, PDFA = (next(f for f in FORMATS if f.name == name) for name in ("txt", "pdf", "pdfa"))


def _done(window, qtbot, count: int = 1) -> None:
    rows = window.controller.model.rows
    qtbot.waitUntil(
        lambda: len(rows()) == count and all(r.state is JobState.DONE for r in rows()), timeout=OCR_TIMEOUT
    )


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)


class Answers(QObject):
    """Answers the overwrite dialog as a user would, each time it comes up (modal, in its loop)."""

    def __init__(self, replies: list[tuple[str, bool]]) -> None:
        super().__init__()
        self.replies = list(replies)
        self.asked: list[tuple[list[str], str]] = []
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._answer)
        self.timer.start(10)

    @Slot()
    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, OverwriteDialog) or not dialog.isVisible() or dialog.choice is not None:
            return
        names = [dialog.names.item(i).text() for i in range(dialog.names.count())]
        self.asked.append((names, dialog.question.text()))
        button, apply_all = self.replies.pop(0)
        dialog.apply_all.setChecked(apply_all)
        if button == "cancel":
            dialog.reject()
        else:
            getattr(dialog, button).click()

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def answers() -> Iterator[list[Answers]]:
    made: list[Answers] = []
    yield made
    for answer in made:
        answer.stop()


def _save_as(
    monkeypatch: pytest.MonkeyPatch, chosen: Path | None, asked: list[str], captions: list[str] | None = None
) -> None:
    """The save dialog: note what it proposed, then take ``chosen`` (None: what it proposed)."""
    captions = captions if captions is not None else []

    def dialog(parent, caption, start, filters):
        asked.append(start)
        captions.append(caption)
        return str(chosen or start), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)


def test_a_searchable_pdf_is_proposed_beside_the_original_never_as_it(
    make_window, qtbot, letter_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a finished scan and no export folder chosen yet
    window = make_window([letter_pdf])
    _done(window, qtbot)
    window.jobs.selectRow(0)
    asked: list[str] = []
    captions: list[str] = []
    _save_as(monkeypatch, None, asked, captions)
    # When it is exported as a searchable PDF, then as PDF/A, accepting what the dialog proposes
    for fmt in (PDF, PDFA):
        with qtbot.waitSignal(window.exporter.finished, timeout=EXPORT_TIMEOUT) as signal:
            window.export(fmt)
        (outcome,) = signal.args[0]
        assert outcome.error is None
    # Then the names proposed were beside the original, with the format in them, and both were written
    assert asked == [
        str(letter_pdf.with_name("letter.ocr.pdf")),
        str(letter_pdf.with_name("letter.pdfa.pdf")),
    ]
    assert captions == [
        "Export as Searchable PDF (.pdf)",
        "Export as Searchable PDF/A (archives, courts) (.pdf)",
    ]
    for name in ("letter.ocr.pdf", "letter.pdfa.pdf"):
        assert "Invoice" in _pdf_text(letter_pdf.with_name(name))
    assert window.statusBar().currentMessage() == f"Saved 1 file in {letter_pdf.parent}"


def test_a_refused_export_says_why_in_the_status_bar(
    make_window, qtbot, letter_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a finished scan
    window = make_window([letter_pdf])
    _done(window, qtbot)
    window.jobs.selectRow(0)
    original = letter_pdf.read_bytes()
    warnings: list[str] = []
    monkeypatch.setattr("app.gui.export_flow.QMessageBox.warning", lambda p, t, text: warnings.append(text))
    # When the user types the original's own name in the save dialog
    _save_as(monkeypatch, letter_pdf, [])
    with qtbot.waitSignal(window.exporter.finished, timeout=EXPORT_TIMEOUT):
        window.export(PDF)
    # Then the export is refused, the status bar says so (not "Exporting…"), and the scan is untouched
    reason = "letter.pdf: That is the original document; choose another name."
    assert warnings == [reason]
    assert window.statusBar().currentMessage() == f"Not exported: {reason}"
    assert letter_pdf.read_bytes() == original
    assert not window.open_file.isVisible() and not window.open_folder.isVisible()


def test_several_documents_into_a_folder_ask_before_replacing(
    make_window, qtbot, letter_pdf: Path, memo_pdf: Path, tmp_path: Path, monkeypatch, answers
) -> None:
    # Given two finished documents and a folder that already holds their text files
    window = make_window([letter_pdf, memo_pdf])
    _done(window, qtbot, 2)
    window.jobs.selectAll()
    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("letter.txt", "memo.txt"):
        (folder / name).write_text("old text", encoding="utf-8")
    captions: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        lambda parent, caption, start: captions.append(caption) or str(folder),
    )

    def export_txt(replies: list[tuple[str, bool]]) -> Answers:
        answer = Answers(replies)
        answers.append(answer)
        with qtbot.waitSignal(window.exporter.finished, timeout=EXPORT_TIMEOUT):
            window.export(TXT)
        answer.stop()
        assert not answer.replies  # the dialog came up once per answer given
        return answer

    # When the user keeps both, for all files at once
    answer = export_txt([("keep_both_button", True)])
    # Then the folder dialog said how many, one dialog listed both clashes, the old files are untouched, the new ones are "x (2)"
    assert captions == ["Export 2 documents into a folder"]
    assert answer.asked == [(["letter.txt", "memo.txt"], "What should Scriba do with “letter.txt”?")]
    assert (folder / "letter.txt").read_text(encoding="utf-8") == "old text"
    assert "Invoice" in (folder / "letter (2).txt").read_text(encoding="utf-8")
    assert "Memo" in (folder / "memo (2).txt").read_text(encoding="utf-8")
    # And the status bar offers the folder only: two documents were written, not one file
    assert window.statusBar().currentMessage() == f"Saved 2 files in {folder}"
    assert window.open_folder.isVisible() and not window.open_file.isVisible()

    # When, the next time, the user replaces the letter and skips the memo, one at a time
    answer = export_txt([("replace_button", False), ("skip_button", False)])
    # Then each was asked in turn and only the letter was written again
    assert [question for _, question in answer.asked] == [
        "What should Scriba do with “letter.txt”?",
        "What should Scriba do with “memo.txt”?",
    ]
    assert "Invoice" in (folder / "letter.txt").read_text(encoding="utf-8")
    assert (folder / "memo.txt").read_text(encoding="utf-8") == "old text"
    assert window.statusBar().currentMessage() == (
        f"Saved 1 file in {folder} · 1 existing file left as it was."
    )
    assert window.open_file.isVisible() and window.open_file.toolTip() == str(folder / "letter.txt")

    # When the user cancels the question, nothing is written and no export starts
    before = sorted(p.name for p in folder.iterdir())
    cancel = Answers([("cancel", False)])
    answers.append(cancel)
    window.export(TXT)
    cancel.stop()
    assert cancel.asked and not window.exporter.busy
    assert sorted(p.name for p in folder.iterdir()) == before


def test_skipping_every_existing_file_says_so(
    make_window, qtbot, letter_pdf: Path, memo_pdf: Path, tmp_path: Path, monkeypatch, answers
) -> None:
    window = make_window([letter_pdf, memo_pdf])
    _done(window, qtbot, 2)
    window.jobs.selectAll()
    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("letter.txt", "memo.txt"):
        (folder / name).write_text("old text", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(folder))
    answer = Answers([("skip_button", True)])
    answers.append(answer)
    window.export(TXT)
    answer.stop()
    assert not window.exporter.busy
    assert window.statusBar().currentMessage() == "2 existing files left as they were."
    assert [(folder / n).read_text(encoding="utf-8") for n in ("letter.txt", "memo.txt")] == ["old text"] * 2


def test_open_file_opens_the_written_file(
    make_window, qtbot, letter_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window([letter_pdf])
    _done(window, qtbot)
    window.jobs.selectRow(0)
    target = tmp_path / "letter.txt"
    _save_as(monkeypatch, target, [])
    with qtbot.waitSignal(window.exporter.finished, timeout=EXPORT_TIMEOUT):
        window.export(TXT)

    class Opened(QObject):
        urls: list[QUrl] = []

        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            self.urls.append(url)

    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        # When the user clicks "Open file", then "Open folder"
        window.open_file.click()
        window.open_folder.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    # Then the system is asked to open the written file, then its folder
    assert [Path(url.toLocalFile()) for url in opened.urls] == [target, tmp_path]


def test_export_is_enabled_only_while_a_finished_document_is_selected(
    make_window, qtbot, letter_pdf: Path
) -> None:
    # Given the window reading a document
    window = make_window([letter_pdf])
    controls = window.menus.export_controls()
    assert window.court_action in controls and window.menus.export_button in controls
    assert len(controls) == len(FORMATS) + 3  # the formats, the court preset, the menu, the button

    def enabled() -> list[bool]:
        return sorted({c.isEnabled() for c in controls})

    # Then nothing can be exported while it is not finished
    assert enabled() == [False]
    # When it has finished and is selected, every export control is enabled
    _done(window, qtbot)
    window.jobs.selectRow(0)
    assert enabled() == [True]
    # And with nothing selected, they are disabled again
    window.jobs.selectionModel().clear()
    assert enabled() == [False]
    window.jobs.selectRow(0)
    assert enabled() == [True]
    # And when the document is taken off the list
    window.controller.remove([window.controller.model.rows()[0].job_id])
    assert enabled() == [False]


def test_a_scanner_image_exports_in_every_format(
    make_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a PNG scan read in the window
    scan = tmp_path / "scan.png"
    page_image("Receipt number 8123\nThe archive keeps every box.", dpi=150).save(scan, dpi=(150, 150))
    window = make_window([scan])
    _done(window, qtbot)
    window.jobs.selectRow(0)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda p, c, start, f: (str(out / Path(start).name), f)
    )
    # When it is exported in each format of the registry
    written = {}
    for fmt in FORMATS:
        with qtbot.waitSignal(window.exporter.finished, timeout=EXPORT_TIMEOUT) as signal:
            window.export(fmt)
        (outcome,) = signal.args[0]
        assert outcome.error is None, outcome.error
        written[fmt.name] = outcome.target
    # Then every file holds the words of the scan
    assert {name: path.name for name, path in written.items()} == {
        "txt": "scan.txt",
        "docx": "scan.docx",
        "pdf": "scan.ocr.pdf",
        "pdfa": "scan.pdfa.pdf",
        "alto": "scan.xml",
        "hocr": "scan.hocr",
    }
    assert "Receipt" in written["txt"].read_text(encoding="utf-8")
    with zipfile.ZipFile(written["docx"]) as docx:
        assert "Receipt" in docx.read("word/document.xml").decode("utf-8")
    for name in ("pdf", "pdfa"):
        assert "Receipt" in _pdf_text(written[name])
    assert 'CONTENT="Receipt"' in written["alto"].read_text(encoding="utf-8")
    assert ">Receipt<" in written["hocr"].read_text(encoding="utf-8")


def test_the_export_menu_names_every_format_in_portuguese(make_window, qapp) -> None:
    installed = i18n.install_translators(qapp, "pt_BR")
    try:
        window = make_window()
        texts = [a.text() for a in window.menus.export_menu.actions() if not a.isSeparator()]
        assert texts[: len(REGISTRY)] == [format_label(name, "pt_BR") + "…" for name in REGISTRY]
        assert texts[2:4] == ["PDF pesquisável (.pdf)…", "PDF/A pesquisável (arquivos, tribunais) (.pdf)…"]
        assert texts[-1].startswith("Para peticionamento")
    finally:
        i18n.remove_translators(qapp, installed)  # English words and numbers for the next tests


def test_keep_both_names_keep_the_whole_suffix(tmp_path: Path) -> None:
    assert numbered("x.ocr.pdf", ".ocr.pdf", 2) == "x (2).ocr.pdf"
    assert numbered("x.txt", ".txt", 3) == "x (3).txt"
    assert Format("pdfa", ".pdf").suggested_name(Path("/a/contrato.tif")) == "contrato.pdfa.pdf"


def test_a_split_export_counts_its_parts_as_the_file_existing(tmp_path: Path) -> None:
    # Given the parts of an earlier court filing export, x.pdfa-1.pdf and x.pdfa-2.pdf
    for number in (1, 2):
        (tmp_path / f"x.pdfa-{number}.pdf").write_bytes(b"%PDF-1.7")
    target = tmp_path / "x.pdfa.pdf"
    # Then a new split export of x clashes with them, and "keep both" picks a name without parts
    assert exists(target, parts=True) and not exists(target, parts=False)
    assert kept_both(target, ".pdfa.pdf", set(), parts=True).name == "x (2).pdfa.pdf"
    (tmp_path / "x (2).pdfa-1.pdf").write_bytes(b"%PDF-1.7")
    assert kept_both(target, ".pdfa.pdf", {"x (3).pdfa.pdf"}, parts=True).name == "x (4).pdfa.pdf"
