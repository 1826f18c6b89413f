"""The About box: what Scriba is, and the versions of everything that reads the pages."""

from __future__ import annotations

import html
import logging
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def app_version() -> str:
    try:
        return metadata.version("scriba")
    except metadata.PackageNotFoundError:
        return "dev"


def tesseract_version() -> str:
    """``5.5.4 (tesserocr 2.13.0)``. Loads libtesseract into this process: only when the box opens."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        import tesserocr

        return f"{tesserocr.tesseract_version().split()[1]} (tesserocr {version('tesserocr')})"
    except (ImportError, OSError, IndexError, PackageNotFoundError) as exc:
        log.warning("Cannot read the Tesseract version: %s", exc)
        return QCoreApplication.translate("About", "not available")


def model_lines() -> list[str]:
    """``eng — 3.9 MB (bundled)`` per installed model, ``osd`` included."""
    from app.core.reading.tessdata import shipped_dir, user_dir

    lines = []
    for folder, origin in (
        (shipped_dir(), QCoreApplication.translate("About", "bundled, tessdata_fast")),
        (user_dir(), QCoreApplication.translate("About", "added by you")),
    ):
        if not folder.is_dir():
            continue
        for model in sorted(folder.glob("*.traineddata")):
            size = model.stat().st_size / 1_048_576
            lines.append(f"{model.stem} — {size:.1f} MB ({origin})")
    return lines


def about_html() -> str:
    translate = QCoreApplication.translate
    purpose = translate("About", "Turns scanned PDFs into searchable text, Word documents and PDFs.")
    private = translate("About", "Your documents never leave this computer.")
    tesseract = translate("About", "Tesseract")
    models_title = translate("About", "Language models")
    licence = translate("About", "Licensed under the Apache License 2.0.")
    models = "".join(f"<li>{html.escape(line)}</li>" for line in model_lines())
    if not models:
        models = "<li>" + translate("About", "none found") + "</li>"
    return (
        f"<h2>Scriba {html.escape(app_version())}</h2>"
        f"<p>{purpose}</p><p>{private}</p>"
        f"<table cellspacing='4'>"
        f"<tr><td><b>{tesseract}</b></td><td>{html.escape(tesseract_version())}</td></tr>"
        f"<tr><td><b>Qt</b></td><td>{qVersion()} (PySide6 {pyside_version})</td></tr>"
        f"</table>"
        f"<p><b>{models_title}</b></p><ul>{models}</ul>"
        f"<p>{licence}</p>"
    )


def about_box(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("About", "About Scriba"))
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setText(about_html())
    box.setAccessibleName(QCoreApplication.translate("About", "About Scriba"))
    return box


def show_about(parent: QWidget) -> None:
    about_box(parent).exec()
