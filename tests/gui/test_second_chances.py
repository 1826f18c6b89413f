"""Second chances: Retry on cancelled and failed rows, a skipped password later, a listed file
added again, and a cancelled document's finished pages exported with a note for the rest."""

from __future__ import annotations

from pathlib import Path

from app.core.export.registry import export_document
from app.core.jobs import JobStarted, JobState
from app.gui.job_model import Column
from tests.gui.conftest import drop_files
from tests.pdfgen import encrypted_copy

OCR_TIMEOUT = 120_000


def _cancel_midway(window, qtbot, pages: int = 3):
    row = window.controller.model.rows()[0]
    qtbot.waitUntil(lambda: row.done >= pages, timeout=OCR_TIMEOUT)
    window.controller.cancel([row.job_id])
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.CANCELLED, timeout=30_000)
    return window.controller.model.rows()[0]


def test_retry_resumes_a_cancelled_document_from_the_cache(make_window, qtbot, long_pdf: Path) -> None:
    # Given a long document cancelled after a few pages
    window = make_window([long_pdf])
    cancelled = _cancel_midway(window, qtbot)
    read_before = len(window.controller.results(cancelled.job_id))
    assert 3 <= read_before < 30
    # When the user right-clicks it, Retry is offered (and Cancel is not)
    rect = window.jobs.visualRect(window.controller.model.index(0, Column.NAME))
    menu = window.jobs.context_menu(rect.center())
    actions = {action.text(): action for action in menu.actions()}
    assert actions["Retry"].isEnabled() and not actions["Cancel"].isEnabled()
    menu.deleteLater()
    started: list[JobStarted] = []
    window.controller.bridge.jobStarted.connect(started.append)
    actions["Retry"].trigger()
    # Then the same row reads it to the end, starting from the pages the cache already has
    model = window.controller.model
    qtbot.waitUntil(lambda: model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    assert model.rowCount() == 1
    row = model.rows()[0]
    assert row.job_id != cancelled.job_id
    assert started and started[0].cached >= read_before
    results = window.controller.results(row.job_id)
    assert [page.page for page in results] == list(range(30))
    assert "Long report page 30" in results[29].text


def test_a_cancelled_documents_pages_export_with_a_note_on_the_rest(
    make_window, qtbot, long_pdf: Path, tmp_path: Path
) -> None:
    # Given a document cancelled before its end
    window = make_window([long_pdf])
    row = _cancel_midway(window, qtbot)
    read = {page.page for page in window.controller.results(row.job_id)}
    # Export is offered for it
    window.jobs.selectRow(0)
    assert window.exports.can_export() and window.menus.export_button.isEnabled()
    # When it is exported as text
    (doc,) = window.controller.export_documents([row.job_id])
    target = export_document(doc, tmp_path / "long.txt", "txt")
    # Then the finished pages are there, and each missing page is a note saying why
    text = target.read_text(encoding="utf-8")
    first_read = min(read)
    assert f"Long report page {first_read + 1}" in text
    missing = sorted(set(range(30)) - read)
    assert missing
    assert (
        f"[page {missing[-1] + 1} could not be read: the document was cancelled before this page was read]"
        in text
    )
    assert text.count("could not be read") == len(missing)


def test_retry_on_a_failed_document_reads_it_again(make_window, qtbot, damaged_pdf: Path) -> None:
    window = make_window([damaged_pdf])
    model = window.controller.model
    qtbot.waitUntil(lambda: model.rows()[0].state is JobState.FAILED, timeout=OCR_TIMEOUT)
    first = model.rows()[0].job_id
    window.jobs.selectRow(0)
    window.menus.retry_action.trigger()
    # The file is still damaged: a new job, the same row, the same clear reason
    qtbot.waitUntil(
        lambda: model.rows()[0].job_id != first and model.rows()[0].state is JobState.FAILED,
        timeout=OCR_TIMEOUT,
    )
    assert model.rowCount() == 1
    assert "damaged" in model.index(0, Column.STATE).data().lower()


def test_a_skipped_password_can_be_entered_later(
    make_window, qtbot, letter_pdf: Path, tmp_path: Path
) -> None:
    # Given a protected PDF whose password the user skipped
    locked = encrypted_copy(letter_pdf, tmp_path / "locked.pdf", "s3cret")
    window = make_window([locked])
    prompter = window.passwords
    qtbot.waitUntil(lambda: prompter.dialog is not None and prompter.dialog.isVisible(), timeout=OCR_TIMEOUT)
    prompter.dialog.reject()
    model = window.controller.model
    assert model.rows()[0].state is JobState.FAILED
    assert model.rows()[0].error_code == "password"
    # When the user chooses Retry on it, the password is asked for again, and it is read
    window.jobs.selectRow(0)
    window.retry_selected()
    qtbot.waitUntil(lambda: prompter.dialog is not None and prompter.dialog.isVisible(), timeout=5_000)
    window.retry_selected()  # a second Retry while asking does not stack a second dialog
    prompter.dialog.field.setText("s3cret")
    prompter.dialog.accept()
    qtbot.waitUntil(lambda: model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    assert prompter.dialog is None
    assert "Invoice" in window.controller.results(model.rows()[0].job_id)[0].text


def test_a_file_already_listed_selects_its_row(
    make_window, qtbot, memo_pdf: Path, letter_pdf: Path, tmp_path: Path
) -> None:
    # Given two listed documents, the second one selected
    window = make_window([memo_pdf, letter_pdf])
    model = window.controller.model
    window.jobs.selectRow(1)
    qtbot.waitUntil(lambda: all(row.state is JobState.DONE for row in model.rows()), timeout=OCR_TIMEOUT)
    pages = window.summary.text()
    # When the first is dropped again, and found again in a folder
    drop_files([memo_pdf], window)
    assert model.rowCount() == 2
    assert window.jobs.current_job_id() == model.rows()[0].job_id
    # ... through another spelling of its path, and in a folder that holds both
    window.add_paths([letter_pdf.parent / "." / letter_pdf.name])
    assert window.jobs.current_job_id() == model.rows()[1].job_id
    messages: list[str] = []
    window.controller.message.connect(messages.append)
    window.add_paths([tmp_path])
    qtbot.waitUntil(lambda: "2 documents found in the folder." in messages, timeout=30_000)
    # Then no second row counts their pages twice
    assert model.rowCount() == 2
    assert window.summary.text() == pages
