"""The look: Fusion (the same on every OS and under Xvfb) plus a few rules for our own widgets."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

ACCENT = "#2f6fde"

STYLE_SHEET = f"""
QFrame#dropZone {{
    border: 2px dashed #9aa7b8;
    border-radius: 16px;
    background: #f6f8fb;
    margin: 24px;
}}
QFrame#dropZone[hover="true"], QFrame#dropZone:focus {{
    border-color: {ACCENT};
    background: #eaf1fd;
}}
QLabel#dropTitle {{ font-size: 20pt; font-weight: 600; color: #1f2a37; }}
QLabel#dropHint {{ font-size: 11pt; color: #5b6675; }}
QLabel#reviewTitle {{ font-size: 12pt; font-weight: 600; }}
QLabel#legend, QLabel#hint {{ color: #5b6675; }}
QLabel#error {{ color: #b3261e; }}
QFrame#banner {{
    background: #fff6dd;
    border: 1px solid #f0d58a;
    border-radius: 6px;
}}
QTableView {{ selection-background-color: #dbe7fb; selection-color: #111; }}
QToolBar {{ spacing: 6px; padding: 4px; }}
"""


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    font: QFont = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)  # Xvfb and some Linux setups default to 9 pt: too small to read
        app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
