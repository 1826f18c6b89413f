"""pt-BR done right: plural forms, numbers and sizes in the UI's locale, language names in the
reader's language, Qt's own dialogs in Portuguese, and no text clipped in the dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from app.core.storage.pages import CacheInfo
from app.gui import i18n, texts
from tests.gui.clipping import assert_nothing_clipped, clipped_at_scale

#: A realistic, long file name for the password dialog.
LONG_NAME = "Relatório anual da diretoria financeira — exercício de 2025 (versão final assinada).pdf"


@pytest.fixture
def portuguese(qapp: QApplication) -> Iterator[None]:
    installed = i18n.install_translators(qapp, "pt_BR")
    yield
    i18n.remove_translators(qapp, installed)


def test_numbers_and_sizes_follow_the_ui_language_not_the_system(qapp: QApplication) -> None:
    # Given an English window (on whatever system locale the machine has)
    assert i18n.shown_language() == "en"
    assert (i18n.format_size(1_782_579), i18n.format_number(12345), i18n.format_percent(0.456)) == (
        "1.7 MB",
        "12,345",
        "46%",
    )
    assert texts.speed_text(9.54) == "9.5 pages/min"
    # When the window speaks Portuguese
    installed = i18n.install_translators(qapp, "pt_BR")
    try:
        # Then it writes its numbers the Brazilian way, and so do Qt's widgets (the default locale)
        assert i18n.format_size(1_782_579) == "1,7 MB"
        assert i18n.format_size(1_782_579, iec=True) == "1,7 MiB"
        assert (i18n.format_size(1), i18n.format_size(500)) == ("1 byte", "500 bytes")
        assert i18n.format_number(12345) == "12.345"
        assert i18n.format_number(19.54, 1) == "19,5"
        assert i18n.format_percent(0.456, 1) == "45,6%"
        assert texts.speed_text(9.54) == "9,5 páginas/min"
        assert texts.size_text(3_500_000_000) == "3,3 GB"
        assert QLocale().decimalPoint() == ","
    finally:
        i18n.remove_translators(qapp, installed)
    # And back in English, English numbers again
    assert (i18n.shown_language(), i18n.format_number(19.54, 1), QLocale().decimalPoint()) == (
        "en",
        "19.5",
        ".",
    )


def test_qt_s_own_dialogs_speak_portuguese(portuguese: None, qtbot) -> None:
    # Given the pt_BR translators (Scriba's and Qt's qtbase_pt_BR.qm, both shipped, nothing fetched)
    # Then a message box's standard buttons are Portuguese
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Cancel
    )
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancelar"
    assert {b.text() for b in box.buttons()} == {"&Sim", "&Não", "Salvar", "Cancelar"}
    # And a text field's context menu
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    entries = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert entries == [
        "&Desfazer",
        "&Refazer",
        "Recor&tar",
        "&Copiar",
        "C&olar",
        "Excluir",
        "Selecionar tudo",
    ]
    menu.deleteLater()
    # And Qt's own file dialog (Linux without a portal), where Qt's catalog lacks two labels
    # that Scriba's catalog supplies
    dialog = QFileDialog()
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    labels = sorted(label.text() for label in dialog.findChildren(QLabel) if label.text())
    assert labels == ["&Nome do arquivo:", "&Procurar em:", "Arquivos do &tipo:"]
    buttons = dialog.findChild(QDialogButtonBox)
    assert sorted(b.text() for b in buttons.buttons()) == ["&Salvar", "Cancelar"]


def test_the_settings_dialog_names_languages_and_counts_in_portuguese(
    portuguese: None, qtbot, tmp_path
) -> None:
    from app.gui.settings import Settings
    from app.gui.settings_dialog import SettingsDialog

    # Given the Settings dialog in Portuguese, with the cache holding many documents
    settings = Settings()
    settings.set("jobs/workers", 1)
    dialog = SettingsDialog(settings, ["eng", "por", "deu", "xyz"], None)
    qtbot.addWidget(dialog)
    # Then the OCR languages are named in Portuguese (codes only as tooltips; an unknown model
    # keeps its code)
    items = [dialog.languages.item(i) for i in range(dialog.languages.count())]
    assert [item.text() for item in items] == ["Português", "Inglês", "Alemão", "xyz"]
    assert [item.toolTip() for item in items] == ["por", "eng", "deu", "xyz"]
    # And the interface languages are named in Portuguese, each also in its own words
    names = [dialog.ui_language.itemText(i) for i in range(dialog.ui_language.count())]
    assert names == ["Sistema", "Inglês — English", "Português (Brasil)"]
    # And counts have plural forms, numbers the Brazilian digit groups and sizes a decimal comma
    assert dialog.workers.suffix() == " processo"
    dialog.workers.setValue(3)
    assert dialog.workers.suffix() == " processos"
    dialog._show_usage(CacheInfo(documents=1, pages=12345, bytes=1_782_579, location=tmp_path, enabled=True))
    assert dialog.cache_usage.text() == "1 documento, 12.345 páginas, 1,7 MiB"
    dialog._show_usage(CacheInfo(documents=2, pages=1, bytes=1_782_579, location=tmp_path, enabled=True))
    assert dialog.cache_usage.text() == "2 documentos, 1 página, 1,7 MiB"


def test_the_settings_dialog_in_english_reads_naturally(qtbot, tmp_path) -> None:
    from app.gui.settings import Settings
    from app.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(), ["por", "eng"], None)
    qtbot.addWidget(dialog)
    assert [dialog.languages.item(i).text() for i in range(2)] == ["Portuguese", "English"]
    names = [dialog.ui_language.itemText(i) for i in range(dialog.ui_language.count())]
    assert names == ["System", "English", "Portuguese (Brazil) — Português do Brasil"]
    dialog._show_usage(CacheInfo(documents=1, pages=1, bytes=1_782_579, location=tmp_path, enabled=True))
    assert dialog.cache_usage.text() == "1 document, 1 page, 1.7 MiB"
    assert dialog.workers.suffix() == " processes"  # the tests' settings: 2 workers


# -- nothing clipped -----------------------------------------------------------------------------


def dialogs(tmp: Path) -> list[tuple[QWidget, tuple[str, ...]]]:
    """The window with its drop zone, and the Settings, password and About dialogs, shown at
    their default sizes with their longest texts; for ``clipped`` (here and in a scaled process)."""
    from app.gui.about import about_box
    from app.gui.controller import AppController
    from app.gui.main import app_icon, create_application
    from app.gui.password_dialog import PasswordDialog
    from app.gui.settings import Settings
    from app.gui.settings_dialog import SettingsDialog
    from app.gui.window import MainWindow

    create_application()  # the app's font and style sheet
    settings = Settings()
    window = MainWindow(AppController(settings), settings, app_icon())
    window.show()
    assert window.drop_zone.isVisible()
    dialog = SettingsDialog(settings, ["por", "eng", "deu", "spa"], None, window)
    dialog._show_usage(
        CacheInfo(documents=1234, pages=56789, bytes=1_782_579_000, location=tmp, enabled=True)
    )
    password = PasswordDialog(LONG_NAME, retry=True, parent=window)
    about = about_box(window)
    shown: list[tuple[QWidget, tuple[str, ...]]] = [(window.drop_zone, ())]
    for widget in (dialog, password, about):
        widget.show()
        shown.append((widget, ()))
    shown.append((window, ()))  # closed last: it stops the controller
    return shown


@pytest.mark.parametrize("language", ["pt_BR", "en"])
def test_nothing_is_clipped_at_the_default_size(language: str, qapp: QApplication, qtbot, tmp_path) -> None:
    installed = i18n.install_translators(qapp, language)
    try:
        shown = dialogs(tmp_path)
        for widget, _skip in shown:
            qtbot.addWidget(widget)
        qapp.processEvents()
        for widget, skip in shown:
            assert_nothing_clipped(widget, skip)
        for widget, _skip in shown:
            widget.close()
    finally:
        i18n.remove_translators(qapp, installed)


@pytest.mark.parametrize("language", ["pt_BR", "en"])
@pytest.mark.parametrize("scale", [1.25, 1.5])
def test_nothing_is_clipped_at_125_and_150_percent(scale: float, language: str, tmp_path: Path) -> None:
    problems = clipped_at_scale("tests.gui.test_locale:dialogs", scale, tmp_path, language)
    assert not problems, "\n".join(problems)


def test_the_clipping_check_sees_a_cut_label(qtbot) -> None:
    # Given a label and a button too narrow for their words (the check must be able to fail)
    parent = QWidget()
    qtbot.addWidget(parent)
    label = QLabel("Tempo restante", parent)
    label.setGeometry(0, 0, 30, 30)
    wide = QLabel("ok", parent)
    wide.setGeometry(0, 40, 200, 30)
    wrapped = QLabel("Relatório_anual_da_diretoria_financeira.pdf está protegido", parent)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 80, 120, 200)
    parent.resize(400, 300)
    parent.show()
    from tests.gui.clipping import clipped

    problems = clipped(parent)
    # Then the cut label and the unbreakable word are named; the wide one is not
    assert len(problems) == 2, problems
    assert "'Tempo restante': text is" in problems[0]
    assert "a word is" in problems[1]
