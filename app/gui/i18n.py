"""Pick the UI language and install Qt translators for it.

English is the source language: ``scriba_en.qm`` only holds its plural forms ("1 page",
"2 pages"). ``pt_BR`` loads Scriba's own ``scriba_pt_BR.qm`` plus Qt's ``qtbase_pt_BR.qm``
(standard dialog buttons, file dialogs).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core.resources import resource_dir

log = logging.getLogger(__name__)

#: UI languages Scriba ships, besides English (the source language).
TRANSLATED = ("pt_BR",)
_shown = "en"  # the language of the translators installed last


def translations_dir() -> Path:
    return resource_dir() / "translations"


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The language to show: ``setting`` unless it is "system", then the closest we ship."""
    if setting in ("en", *TRANSLATED):
        return setting
    locale = system if system is not None else QLocale.system()
    for name in locale.uiLanguages():
        # Brazilian Portuguese is the only Portuguese we ship; pt_PT readers prefer it to English.
        if name.replace("-", "_").lower().startswith("pt"):
            return "pt_BR"
        if name.lower().startswith("en"):
            return "en"
    return "en"


def shown_language() -> str:
    """The window's language (``en`` or ``pt_BR``), for the core's message catalog."""
    return _shown


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for ``language``; keep the returned list alive as long as ``app``."""
    global _shown
    _shown = language
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(f"scriba_{language}", str(translations_dir())):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("No Scriba translation for %s in %s", language, translations_dir())
    if language in TRANSLATED:
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            installed.append(qt)
    return installed
