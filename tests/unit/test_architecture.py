"""The core stays Qt-free and imports nothing heavy at import time."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import app
import app.core


def core_modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(app.core.__path__, "app.core.")]


def test_importing_every_core_module_never_loads_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6') or m.startswith('app.gui'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
    assert len(core_modules()) > 10


def test_the_check_really_fails_when_qt_is_imported() -> None:
    code = "import PySide6.QtCore, sys; print(any(m.startswith('PySide6') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_no_module_is_over_400_lines() -> None:
    """docs/ARCHITECTURE.md: one idea per module; a module past 400 lines holds more than one."""
    root = Path(app.__file__).parent
    long = {
        str(path.relative_to(root)): count
        for path in root.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
