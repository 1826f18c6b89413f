"""Settings: one defaults table equal to the CLI's OcrOptions(), persisted, with a change signal."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from app.core import defaults
from app.core.options import OcrOptions
from app.core.storage.cache import ResultCache
from app.gui.settings import DEFAULTS, Settings
from app.gui.settings_dialog import SettingsDialog


def _store(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "scriba.ini"), QSettings.Format.IniFormat)


def test_defaults_build_the_same_options_as_the_cli(tmp_path: Path) -> None:
    settings = Settings(_store(tmp_path))
    assert settings.ocr_options() == OcrOptions()
    assert settings.workers() == max(1, os.cpu_count() or 1)
    assert settings.get("ui/language") == "system"


def test_values_persist_across_instances_and_signal_changes(tmp_path: Path, qtbot) -> None:
    # Given settings with a change listener
    settings = Settings(_store(tmp_path))
    changed: list[str] = []
    settings.changed.connect(changed.append)
    # When values are set (one of them to what it already is)
    settings.set("ocr/languages", "eng")
    settings.set("ocr/dpi", 400)
    settings.set("ocr/auto_rotate", False)
    settings.set("ui/when_done", "quit")
    settings.set("ui/when_done", "quit")
    settings.sync()
    # Then a fresh instance reads them back typed, and each real change was announced once
    again = Settings(_store(tmp_path))
    assert again.ocr_options() == OcrOptions(languages="eng", dpi=400, auto_rotate=False)
    assert again.get("ui/when_done") == "quit"
    assert changed == ["ocr/languages", "ocr/dpi", "ocr/auto_rotate", "ui/when_done"]


def test_unknown_keys_and_unreadable_values_do_not_slip_through(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.setValue("ocr/dpi", "lots")
    settings = Settings(store)
    assert settings.get("ocr/dpi") == DEFAULTS["ocr/dpi"].default
    try:
        settings.get("ocr/typo")
    except KeyError:
        pass
    else:
        raise AssertionError("an unknown key must raise")


def test_settings_dialog_writes_only_on_ok_and_restores_defaults(tmp_path: Path, qtbot) -> None:
    # Given the dialog over stored settings
    settings = Settings(_store(tmp_path))
    dialog = SettingsDialog(settings, ["eng", "por"], None)
    qtbot.addWidget(dialog)
    # When the user unticks Portuguese, picks 300 DPI and "quit", then presses OK
    for i in range(dialog.languages.count()):
        item = dialog.languages.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == "por":
            item.setCheckState(item.checkState().Unchecked)
    dialog.dpi.setCurrentIndex(dialog.dpi.findData(300))
    dialog.when_done.setCurrentIndex(dialog.when_done.findData("quit"))
    dialog.accept()
    # Then the settings hold exactly that
    assert settings.ocr_options() == OcrOptions(languages="eng", dpi=300)
    assert settings.get("ui/when_done") == "quit"
    # And "Restore defaults" in a new dialog brings back OcrOptions() on OK
    dialog = SettingsDialog(settings, ["eng", "por"], None)
    qtbot.addWidget(dialog)
    dialog.restore_defaults()
    dialog.accept()
    assert settings.ocr_options() == OcrOptions()
    assert settings.get("ui/when_done") == DEFAULTS["ui/when_done"].default


def test_straighten_crooked_pages_is_on_by_default_and_turns_deskew_off(tmp_path: Path, qtbot) -> None:
    # Given the dialog over default settings: "Straighten crooked pages" is ticked
    settings = Settings(_store(tmp_path))
    dialog = SettingsDialog(settings, ["eng", "por"], None)
    qtbot.addWidget(dialog)
    assert dialog.deskew.isChecked() and dialog.deskew.text() == "Straighten crooked pages"
    # When the user unticks it and presses OK
    dialog.deskew.setChecked(False)
    dialog.accept()
    # Then pages are read as scanned, as `scriba ocr --no-deskew` reads them
    assert settings.ocr_options() == OcrOptions(deskew=False)
    assert Settings(_store(tmp_path)).ocr_options().deskew is False


def test_the_window_s_cache_cap_is_the_core_s_and_the_dialog_says_mib(tmp_path: Path, qtbot) -> None:
    # Given default settings and a new cache: one cap, 2048 MiB, and one age, 90 days
    settings = Settings(_store(tmp_path))
    cache = ResultCache.open(tmp_path / "cache")
    assert settings.cache_limits() == (cache.limits.max_bytes, cache.limits.max_age_days)
    assert settings.cache_limits() == (2048 * 1024 * 1024, 90)
    cache.close()
    # Then the dialog shows that cap in MiB, and "Restore defaults" brings it back
    dialog = SettingsDialog(settings, ["eng", "por"], None)
    qtbot.addWidget(dialog)
    assert (dialog.cache_mb.value(), dialog.cache_mb.suffix()) == (defaults.CACHE_MAX_MIB, " MiB")
    dialog.cache_mb.setValue(512)
    dialog.restore_defaults()
    assert dialog.cache_mb.value() == 2048


def test_settings_have_ctrl_comma_on_windows_and_linux(make_window) -> None:
    # Given the window (Qt's standard Preferences key exists on macOS only: elsewhere it is empty,
    # and Ctrl+, did nothing)
    window = make_window()
    # Then the Settings command has Ctrl+, (a key press itself needs an active window, which the
    # offscreen platform does not give shortcuts)
    assert window.menus.settings_action.shortcut().toString() == "Ctrl+,"
