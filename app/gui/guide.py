"""Help → User guide (F1): the short guide shipped in ``resources/guide``, in the UI language.

``guide_<language>.html`` (``en``, ``pt_BR``) is shown in a window of its own inside the app
(a ``QTextBrowser``: links within the guide work; links out open the system's browser). One guide
window per main window: F1 again brings it to the front.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.core.resources import resource_dir
from app.gui import i18n

log = logging.getLogger(__name__)


def guide_path(language: str) -> Path:
    """The guide in ``language``; English when there is none in it."""
    folder = resource_dir() / "guide"
    path = folder / f"guide_{language}.html"
    return path if path.is_file() else folder / "guide_en.html"


class GuideWindow(QDialog):
    """The user guide, beside the main window (not modal: one can read it while working)."""

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scriba user guide"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(self.tr("User guide"))
        path = guide_path(language or i18n.shown_language())
        self.browser.setSearchPaths([str(path.parent)])
        if path.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:  # a checkout or bundle without resources/guide: say so rather than show nothing
            log.warning("The user guide is missing: %s", path)
            self.browser.setPlainText(self.tr("The user guide is missing from this installation."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 680)


def show_guide(window: QWidget) -> GuideWindow:
    """Open the guide, or bring the open one to the front."""
    guide = window.findChild(GuideWindow)
    if guide is None:
        guide = GuideWindow(window)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide
