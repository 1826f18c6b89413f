"""Help and keys: Quit and Settings keys set explicitly, the shortcut list read from the window,
the user guide (F1) in the UI language and shipped with the app."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from app.gui import i18n
from app.gui.guide import GuideWindow, guide_path
from app.gui.shortcuts_dialog import ShortcutsDialog
from tests.gui.clipping import assert_nothing_clipped, clipped_at_scale

ROOT = Path(__file__).resolve().parents[2]
PORTABLE = QKeySequence.SequenceFormat.PortableText


def _keys(action: QAction) -> list[str]:
    return [key.toString(PORTABLE) for key in action.shortcuts()]


def _open_shortcuts(window) -> dict[str, str]:
    window.menus.shortcuts_action.trigger()
    dialogs = [d for d in window.findChildren(ShortcutsDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    table = dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    dialog.close()
    return rows


def test_quit_settings_and_help_keys_are_set_on_every_platform(make_window, qtbot) -> None:
    window = make_window()
    menus = window.menus
    # Qt's standard Quit key is empty on Windows, and Preferences exists on macOS only
    assert _keys(menus.quit_action) == ["Ctrl+Q", "Alt+F4"]
    assert _keys(menus.settings_action) == ["Ctrl+,"]
    assert _keys(menus.guide_action) == ["F1"]
    # And the toolbar's tooltips say the key, the menus show it
    assert menus.open_action.toolTip() == "Add files (Ctrl+O)"
    assert menus.settings_action.toolTip() == "Settings (Ctrl+,)"
    assert all(
        a.isShortcutVisibleInContextMenu() for a in window.findChildren(QAction) if not a.shortcut().isEmpty()
    )
    # When the user presses Ctrl+Q, the window closes
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)


def test_the_shortcut_list_is_read_from_the_window(make_window) -> None:
    # Given the window
    window = make_window()
    # When the user opens Help → Keyboard shortcuts
    rows = _open_shortcuts(window)
    # Then it lists the menus' keys, the document list's keys (saying where) and the review pane's
    expected = {
        "Add files": "Ctrl+O",
        "Add folder": "Ctrl+Shift+O",
        "Text (.txt)": "Ctrl+E",
        "Settings": "Ctrl+,",
        "Quit": "Ctrl+Q, Alt+F4",
        "User guide": "F1",
        "Cancel selected (in Documents)": "Esc",
        "Remove from list (in Documents)": "Del",
    }
    assert {name: rows.get(name) for name in expected} == expected
    assert rows["Find"] == "Ctrl+F" and "Find next" in rows  # not Qt's media key "Find"
    # And a key added to the window later is listed the next time: the list cannot go stale
    extra = QAction("&Zoom to fit", window)
    extra.setShortcut(QKeySequence("Ctrl+0"))
    window.addAction(extra)
    assert _open_shortcuts(window)["Zoom to fit"] == "Ctrl+0"


def test_f1_opens_the_guide_once_in_a_window_of_the_app(make_window, qtbot) -> None:
    # Given the window, active
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    # When the user presses F1
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guides = window.findChildren(GuideWindow)
    # Then the English guide opens beside the window
    assert len(guides) == 1 and guides[0].isVisible()
    text = guides[0].browser.toPlainText()
    for words in ("Scriba user guide", "For court filing", "PDF/A", "scriba ocr", "keep both", "Ctrl+,"):
        assert words in text
    # And F1 again brings the same window back instead of a second one
    guides[0].close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.findChildren(GuideWindow) == guides and guides[0].isVisible()
    guides[0].close()


def test_help_speaks_portuguese_in_the_pt_br_window(make_window, qapp) -> None:
    installed = i18n.install_translators(qapp, "pt_BR")
    try:
        window = make_window()
        help_menu = window.menuBar().actions()[-1].menu()
        texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
        assert texts == ["&Guia do usuário", "Atal&hos de teclado", "&Sobre o Scriba"]
        rows = _open_shortcuts(window)
        assert rows["Adicionar arquivos"] == "Ctrl+O"
        assert rows["Localizar"] == "Ctrl+F"
        assert rows["Cancelar selecionados (em Documentos)"] == "Esc"
        window.menus.guide_action.trigger()
        (guide,) = window.findChildren(GuideWindow)
        text = guide.browser.toPlainText()
        assert "Guia do usuário do Scriba" in text and "Para peticionamento" in text
        assert guide.windowTitle() == "Guia do usuário do Scriba"
        guide.close()
    finally:
        i18n.remove_translators(qapp, installed)  # English words and numbers for the next tests


def _ids_and_links(path: Path) -> tuple[set[str], set[str]]:
    html = path.read_text(encoding="utf-8")
    return set(re.findall(r'id="([^"]+)"', html)), set(re.findall(r'href="#([^"]+)"', html))


def test_both_guides_cover_the_same_sections_and_their_links_hold() -> None:
    en, pt = guide_path("en"), guide_path("pt_BR")
    assert en.name == "guide_en.html" and pt.name == "guide_pt_BR.html"
    assert guide_path("de") == en  # a language without a guide gets the English one
    (en_ids, en_links), (pt_ids, pt_links) = _ids_and_links(en), _ids_and_links(pt)
    assert en_ids == pt_ids and en_links <= en_ids and pt_links <= pt_ids
    sections = {"what", "add", "progress", "review", "search", "export", "settings", "cache", "cli"}
    assert sections <= en_ids
    for path in (en, pt):  # a page or two: a guide, not a manual
        words = len(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())
        assert 500 < words < 1500, (path.name, words)


def test_the_guide_ships_in_the_frozen_app() -> None:
    # build.spec's resource_datas() is what PyInstaller bundles: run that function as written
    spec = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    (function,) = [n for n in spec.body if isinstance(n, ast.FunctionDef) and n.name == "resource_datas"]
    namespace: dict[str, object] = {"ROOT": ROOT, "Path": Path}
    exec(compile(ast.Module([function], []), "build.spec", "exec"), namespace)
    datas = namespace["resource_datas"]()  # type: ignore[operator]
    shipped = {(Path(source).name, dest) for source, dest in datas}
    guide = str(Path("resources") / "guide")
    assert {("guide_en.html", guide), ("guide_pt_BR.html", guide)} <= shipped


# -- nothing clipped -----------------------------------------------------------------------------

#: Names as an office has them: long, with spaces and accents.
CLASHES = [
    "Relatório anual da diretoria financeira — exercício de 2025 (versão final).ocr.pdf",
    "Procuração ad judicia et extra.ocr.pdf",
    "Petição inicial.ocr.pdf",
]


def help_dialogs(tmp: Path) -> list[tuple[QWidget, tuple[str, ...]]]:
    """The overwrite question, the shortcut list and the guide, shown at their default sizes;
    for ``clipped`` (here and in a scaled process)."""
    from app.gui.controller import AppController
    from app.gui.guide import show_guide
    from app.gui.main import app_icon, create_application
    from app.gui.overwrite_dialog import OverwriteDialog
    from app.gui.settings import Settings
    from app.gui.shortcuts_dialog import show_shortcuts
    from app.gui.window import MainWindow

    create_application()
    settings = Settings()
    window = MainWindow(AppController(settings), settings, app_icon())
    window.show()
    folder = tmp / "Processos de 2026" / "Cliente com um nome bem comprido" / "Peças"
    overwrite = OverwriteDialog([folder / name for name in CLASHES], window)
    overwrite.show()
    shown: list[tuple[QWidget, tuple[str, ...]]] = [(overwrite, ("folderName",))]
    shown += [(show_shortcuts(window), ()), (show_guide(window), ())]
    shown.append((window, ()))  # closed last: it stops the controller
    return shown


@pytest.mark.parametrize("language", ["pt_BR", "en"])
def test_help_and_export_dialogs_are_not_clipped(language: str, qapp, qtbot, tmp_path: Path) -> None:
    installed = i18n.install_translators(qapp, language)
    try:
        shown = help_dialogs(tmp_path)
        for widget, _skip in shown:
            qtbot.addWidget(widget)
        qapp.processEvents()
        overwrite = shown[0][0]
        assert overwrite.folder.full_text().endswith("Peças") and overwrite.folder.text() != ""  # type: ignore[attr-defined]
        for widget, skip in shown:
            assert_nothing_clipped(widget, skip)
        for widget, _skip in shown:
            widget.close()
    finally:
        i18n.remove_translators(qapp, installed)


@pytest.mark.parametrize("language", ["pt_BR", "en"])
@pytest.mark.parametrize("scale", [1.25, 1.5])
def test_help_and_export_dialogs_are_not_clipped_when_scaled(
    scale: float, language: str, tmp_path: Path
) -> None:
    problems = clipped_at_scale("tests.gui.test_help:help_dialogs", scale, tmp_path, language)
    assert not problems, "\n".join(problems)
