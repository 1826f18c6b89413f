"""Exporting a signed PDF from the window: the copy is written, and the window says its signature is gone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.core.jobs import JobState
from app.gui.export_actions import FORMATS
from tests.integration.odd_pdf_cases import ODD_DIR

OCR_TIMEOUT = 120_000


def test_a_signed_pdf_exports_with_a_notice_and_stays_as_it_was(
    make_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a digitally signed PDF read in the window
    signed = shutil.copy(ODD_DIR / "gen_signed.pdf", tmp_path / "contrato.pdf")
    before = Path(signed).read_bytes()
    window = make_window([Path(signed)])
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    window.jobs.selectRow(0)
    target = tmp_path / "out" / "contrato.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    notices: list[str] = []
    monkeypatch.setattr(
        "app.gui.export_flow.QMessageBox.information", lambda parent, title, text: notices.append(text)
    )
    # When it is exported as a searchable PDF
    [pdf] = [fmt for fmt in FORMATS if fmt.name == "pdf"]
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
        window.export(pdf)
    # Then the copy is written, the window says it no longer carries a valid signature, and the
    # original is unchanged
    assert target.is_file()
    assert len(notices) == 1 and "contrato.pdf" in notices[0] and "signature" in notices[0]
    assert Path(signed).read_bytes() == before
