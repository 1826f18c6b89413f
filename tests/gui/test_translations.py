"""Every visible string is translated to pt_BR, the compiled .qm matches, and it loads."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.gui import i18n

GUI = Path(__file__).resolve().parents[2] / "app" / "gui"
TS = i18n.translations_dir() / "scriba_pt_BR.ts"
PLACEHOLDER = re.compile(r"%L?n|%\d|\{\w+\}")


def _ts_messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            messages[(name, message.findtext("source") or "")] = message
    return messages


def _code_strings() -> tuple[set[tuple[str, str]], list[str]]:
    """(context, source) of every tr()/translate() call in app/gui, and calls lupdate cannot read."""
    found: set[tuple[str, str]] = set()
    unreadable: list[str] = []
    for path in sorted(GUI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [None, *[n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]]:
            body = tree if cls is None else cls
            for node in ast.walk(body):
                if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute | ast.Name):
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                where = f"{path.name}:{node.lineno}"
                if name == "tr" and cls is not None:
                    if (
                        node.args
                        and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str)
                    ):
                        found.add((cls.name, node.args[0].value))
                    else:
                        unreadable.append(where)
                elif name == "translate" and len(node.args) >= 2:
                    context, source = node.args[0], node.args[1]
                    if isinstance(context, ast.Constant) and isinstance(source, ast.Constant):
                        found.add((str(context.value), str(source.value)))
                    else:
                        unreadable.append(where)
    return found, unreadable


def test_every_string_in_the_code_is_in_the_ts_file() -> None:
    in_code, unreadable = _code_strings()
    assert not unreadable, f"tr()/translate() with a non-literal string (lupdate cannot see it): {unreadable}"
    missing = sorted(in_code - set(_ts_messages(TS)))
    assert not missing, f"run pyside6-lupdate (see resources/translations/README.md): {missing}"
    assert len(in_code) > 100  # the scan really found the window's strings


def test_every_pt_br_entry_is_translated_with_its_placeholders() -> None:
    problems = []
    for (context, source), message in _ts_messages(TS).items():
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{context}: {source!r} is {translation.get('type')}")
            continue
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            if not form.strip():
                problems.append(f"{context}: {source!r} has an empty translation")
            elif set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source!r} -> {form!r} changes the placeholders")
    assert not problems, "\n".join(problems)


def test_the_compiled_qm_matches_the_ts() -> None:
    # Given the shipped .qm
    translator = QTranslator()
    assert translator.load("scriba_pt_BR", str(i18n.translations_dir()))
    # Then every finished .ts entry comes out of it (so nobody forgot to run lrelease)
    stale = []
    for (context, source), message in _ts_messages(TS).items():
        if message.get("numerus") == "yes":
            expected = [f.text for f in message.iter("numerusform")][1].replace("%n", "5")
            actual = translator.translate(context, source, None, 5).replace("%n", "5")
        else:
            expected, actual = message.findtext("translation"), translator.translate(context, source)
        if actual != expected:
            stale.append(f"{context}: {source!r}")
    assert not stale, f"run pyside6-lrelease: {stale}"


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("system", "pt_BR", "pt_BR"),
        ("system", "pt_PT", "pt_BR"),
        ("system", "de_DE", "en"),
        ("en", "pt_BR", "en"),
    ],
)
def test_ui_language_follows_the_system_unless_chosen(setting: str, system: str, expected: str) -> None:
    assert i18n.resolve_language(setting, QLocale(system)) == expected


def test_pt_br_loads_into_the_window(qapp, qtbot) -> None:
    from app.gui.controller import AppController
    from app.gui.main import app_icon
    from app.gui.settings import Settings
    from app.gui.window import MainWindow

    # Given the pt_BR translators installed
    installed = i18n.install_translators(qapp, "pt_BR")
    try:
        assert len(installed) == 2  # ours and Qt's own (dialog buttons)
        # When the window is built
        settings = Settings()
        window = MainWindow(AppController(settings), settings, app_icon())
        qtbot.addWidget(window)
        # Then it speaks Portuguese, plurals included
        assert QCoreApplication.translate("Texts", "Done") == "Concluído"
        assert QCoreApplication.translate("Texts", "%n page(s)", None, 1) == "1 página"
        assert QCoreApplication.translate("Texts", "%n page(s)", None, 3) == "3 páginas"
        titles = [action.text() for action in window.menuBar().actions()]
        assert titles == ["&Arquivo", "&Documentos", "&Ferramentas", "Aj&uda"]
        assert window.drop_zone.findChild(type(window.summary), "dropTitle").text().startswith("Solte PDFs")
        window.close()
    finally:
        i18n.remove_translators(qapp, installed)  # English words and numbers for the next tests


def test_english_plurals_read_naturally(qapp) -> None:
    installed = i18n.install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("Texts", "%n page(s)", None, 1) == "1 page"
        assert QCoreApplication.translate("Texts", "%n page(s)", None, 2) == "2 pages"
    finally:
        i18n.remove_translators(qapp, installed)  # English words and numbers for the next tests
