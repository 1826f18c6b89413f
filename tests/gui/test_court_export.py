"""The "For court filing" preset: a setting chosen in the Settings dialog, an Export menu entry,
PDF/A parts within the limit written by the real export child."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from app.core.jobs import JobState
from app.gui.court_export import court_format, court_limit
from app.gui.settings import Settings
from app.gui.settings_dialog import SettingsDialog
from tests.pdfa_checks import assert_pdfa_2b, page_texts
from tests.pdfgen import scanned_pdf

OCR_TIMEOUT = 120_000


def test_the_limit_is_chosen_in_the_settings_dialog(tmp_path: Path, qtbot) -> None:
    # Given default settings: the labour courts' PJe limit
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert court_limit(settings) == 1_500_000
    dialog = SettingsDialog(settings, ["eng", "por"], None)
    qtbot.addWidget(dialog)
    chooser = dialog.court_limit
    assert not chooser.custom.isEnabled()
    # When TRF5 is chosen and the dialog accepted
    chooser.combo.setCurrentIndex(chooser.combo.findData("trf5"))
    dialog.accept()
    # Then the preset writes PDF/A within 2 MB
    assert court_format(settings).name == "pdfa" and court_format(settings).max_size == 2_000_000
    # And a custom limit is in kB of 1000 bytes
    dialog = SettingsDialog(settings, ["eng", "por"], None)
    qtbot.addWidget(dialog)
    dialog.court_limit.combo.setCurrentIndex(dialog.court_limit.combo.findData("custom"))
    assert dialog.court_limit.custom.isEnabled()
    dialog.court_limit.custom.setValue(800)
    dialog.accept()
    assert court_limit(settings) == 800_000


def test_the_preset_writes_pdfa_parts_within_the_limit(
    make_window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a finished four-page scan and a custom 100 kB limit
    source = scanned_pdf(tmp_path / "autos.pdf", [f"Folha {n}\nprocesso {3000 + n}" for n in range(1, 5)])
    window = make_window([source])
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    window.jobs.selectRow(0)
    window.settings.set("export/court_limit", "custom")
    window.settings.set("export/court_custom_kb", 100)
    action = window.court_action
    assert action in window.menus.export_menu.actions()
    assert "100 KB" in action.text()
    target = tmp_path / "out" / "autos.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    # When the preset is chosen from the Export menu
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000) as signal:
        action.trigger()
    # Then the document is in PDF/A parts, each within the limit, its pages in order
    (outcome,) = signal.args[0]
    assert outcome.error is None and len(outcome.parts) > 1
    texts: list[str] = []
    for part in outcome.parts:
        assert part.parent == target.parent and part.stat().st_size <= 100_000
        assert_pdfa_2b(part.read_bytes(), "autos")
        texts += page_texts(part)
    assert [f"{3000 + n}" in text for n, text in enumerate(texts, start=1)] == [True] * 4
    assert str(len(outcome.parts)) in window.statusBar().currentMessage()
