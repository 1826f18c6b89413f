"""Is any text cut off? A check any GUI test can run on a shown widget, and a runner for the
scaled cases (``QT_SCALE_FACTOR`` is read once, when the QApplication starts, so 125 % and
150 % each need their own process).

In a test::

    from tests.gui.clipping import assert_nothing_clipped
    dialog.show()
    assert_nothing_clipped(dialog)

At another scale, from a builder ``module:function`` that returns the shown widgets to check::

    problems = clipped_at_scale("tests.gui.test_locale:pt_dialogs", 1.5, tmp_path)
    assert not problems

A widget is clipped when its text is wider than the room it has (``QFontMetrics``), when it
was given less than its ``sizeHint`` (a word-wrapped label: less height than its text needs at
its width), or when it reaches past its window's edge. Widgets whose text is elided on purpose
(file names) are skipped by object name.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]
#: The screen of the scaled runs, in device pixels.
SCREEN = {"width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
_ACCELERATOR = re.compile(r"&(.)")  # "&Save" draws "Save"; "&&" draws "&"


def _shown_text(text: str) -> str:
    return _ACCELERATOR.sub(r"\1", text)


def _name(widget: QWidget) -> str:
    text = ""
    for getter in ("text", "title", "currentText"):
        if hasattr(widget, getter):
            text = str(getattr(widget, getter)())
            break
    label = widget.objectName() or type(widget).__name__
    return f"{label} {text[:60]!r}"


def _too_small(widget: QWidget) -> str | None:
    hint, size = widget.sizeHint(), widget.size()
    if hint.width() > size.width() or hint.height() > size.height():
        return f"needs {hint.width()}x{hint.height()}, has {size.width()}x{size.height()}"
    return None


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip() or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    room = label.contentsRect().width() - 2 * max(label.margin(), 0)
    plain = label.textFormat().name != "RichText" and not re.search(r"<[a-zA-Z]", text)
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            return f"wrapped text needs {needed} px of height, has {label.height()}"
        # A line breaks between words only: one word wider than the label is cut.
        words = _shown_text(text).split() if plain else []
        widest = max((metrics.horizontalAdvance(word) for word in words), default=0)
        if widest > room:
            return f"a word is {widest} px wide, the label {room}"
        return None
    if plain:
        widest = max(metrics.horizontalAdvance(_shown_text(line)) for line in text.splitlines() or [""])
        if widest > room:
            return f"text is {widest} px wide, the label {room}"
    return _too_small(label)


def _group_problem(group: QGroupBox) -> str | None:
    metrics = QFontMetrics(group.font())
    title = metrics.horizontalAdvance(_shown_text(group.title()))
    if title > group.width():
        return f"title is {title} px wide, the box {group.width()}"
    return None


def _problem(widget: QWidget) -> str | None:
    if isinstance(widget, QLabel):
        return _label_problem(widget)
    if isinstance(widget, QGroupBox):
        return _group_problem(widget)
    if isinstance(widget, QAbstractButton):
        metrics = QFontMetrics(widget.font())
        text = metrics.horizontalAdvance(_shown_text(widget.text()))
        if text > widget.width():
            return f"text is {text} px wide, the button {widget.width()}"
        return _too_small(widget)
    if isinstance(widget, QComboBox | QAbstractSpinBox):
        return _too_small(widget)
    return None


def clipped(root: QWidget, skip: Iterable[str] = (), *, fits_screen: bool = False) -> list[str]:
    """Every visible text in ``root`` (shown) that does not fit: ``["name 'text': why", ...]``.

    ``fits_screen``: a window larger than its screen is cut too (the scaled runs give a real
    laptop's screen; the tests' own offscreen screen is 800 x 800, smaller than the main window).
    """
    skipped = set(skip)
    problems = []
    screen = root.screen().availableGeometry()
    if fits_screen and root.isWindow() and (root.width() > screen.width() or root.height() > screen.height()):
        problems.append(
            f"{type(root).__name__}: {root.width()}x{root.height()} on a {screen.width()}x{screen.height()} screen"
        )
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.objectName() in skipped:
            continue
        window = widget.window()
        if window is not root.window():
            continue  # a dialog parented to ``root``: check it on its own
        inside = QRect(0, 0, window.width(), window.height())
        if not isinstance(widget, QLabel | QGroupBox | QAbstractButton | QComboBox | QAbstractSpinBox):
            continue
        why = _problem(widget)
        placed = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if why is None and not inside.contains(placed):
            why = f"reaches past the window's edge ({placed.getRect()} in {inside.getRect()})"
        if why is not None:
            problems.append(f"{type(window).__name__}: {_name(widget)}: {why}")
    return problems


def assert_nothing_clipped(root: QWidget, skip: Iterable[str] = ()) -> None:
    problems = clipped(root, skip)
    assert not problems, "clipped:\n" + "\n".join(problems)


def clipped_at_scale(builder: str, scale: float, tmp: Path, language: str = "pt_BR") -> list[str]:
    """Run ``builder`` (``module:function``) in a fresh process at ``QT_SCALE_FACTOR=scale``
    with the window's translators for ``language``; the problems ``clipped`` finds there.

    The builder gets the folder to keep its files in and returns the shown widgets to check,
    each with the object names to skip: ``[(widget, ("fileName",)), ...]``. The process has its
    own HOME, settings, cache and log folders under ``tmp``, and a 1920 x 1080 screen (the
    common office laptop that Windows sets to 125 % or 150 %; offscreen's default is 800 x 800).
    """
    tmp.mkdir(parents=True, exist_ok=True)
    screen = tmp / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, **SCREEN}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
        "QT_SCALE_FACTOR": str(scale),
        "HOME": str(tmp / "home"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "XDG_CACHE_HOME": str(tmp / "xdg-cache"),
        "XDG_DATA_HOME": str(tmp / "data"),
        "SCRIBA_CACHE_DIR": str(tmp / "cache"),
        "SCRIBA_LOG_DIR": str(tmp / "logs"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.clipping", builder, language, str(tmp)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _run(builder: str, language: str, tmp: Path) -> list[str]:
    from PySide6.QtCore import QSettings

    from app.gui import i18n
    from app.gui.main import create_application

    app = create_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    installed = i18n.install_translators(app, language)
    module, function = builder.split(":")
    build: Callable[[Path], list[tuple[QWidget, tuple[str, ...]]]] = getattr(import_module(module), function)
    problems: list[str] = []
    widgets = build(tmp)
    app.processEvents()
    for widget, skip in widgets:
        problems += clipped(widget, skip, fits_screen=True)
    for widget, _skip in widgets:
        widget.close()
    i18n.remove_translators(app, installed)
    return problems


if __name__ == "__main__":
    print(json.dumps(_run(sys.argv[1], sys.argv[2], Path(sys.argv[3]))))
