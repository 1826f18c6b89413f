"""Pick the UI language and install Qt translators for it.

English is the source language: ``scriba_en.qm`` only holds its plural forms ("1 page",
"2 pages"). ``pt_BR`` loads Scriba's own ``scriba_pt_BR.qm`` plus Qt's ``qtbase_pt_BR.qm``
(standard dialog buttons, file dialogs, the line edit's context menu).

Numbers and sizes are written in the UI language's locale, not the system's: a window shown
in Portuguese writes "1,7 MB" and "19,5" on an English system too. ``install_translators``
makes that locale Qt's default, so spin boxes and ``%Ln`` in translated strings follow it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core.resources import resource_dir

log = logging.getLogger(__name__)

#: UI languages Scriba ships, besides English (the source language).
TRANSLATED = ("pt_BR",)
#: The locale each UI language writes its numbers in.
LOCALES = {"en": "en_US", "pt_BR": "pt_BR"}
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
    _shown = language if language in LOCALES else "en"
    QLocale.setDefault(ui_locale())
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
        else:
            log.warning(
                "No Qt translation for %s in %s",
                language,
                QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            )
    return installed


def remove_translators(app: QCoreApplication, installed: list[QTranslator]) -> None:
    """Undo ``install_translators``: English words and numbers again."""
    global _shown
    for translator in installed:
        app.removeTranslator(translator)
    _shown = "en"
    QLocale.setDefault(ui_locale())


def ui_locale() -> QLocale:
    """The locale of the window's language (not the system's): how it writes numbers."""
    return QLocale(LOCALES[_shown])


def format_number(value: float, decimals: int = 0) -> str:
    """``1.234`` / ``19,5`` in pt-BR, ``1,234`` / ``19.5`` in English."""
    locale = ui_locale()
    if decimals <= 0:
        return locale.toString(round(value))
    return locale.toString(float(value), "f", decimals)


def format_size(num_bytes: int, *, iec: bool = False) -> str:
    """``1,7 MB`` in pt-BR, ``1.7 MB`` in English (units of 1024 bytes; ``iec``: ``MiB``)."""
    if num_bytes < 1024:
        return QCoreApplication.translate("Formats", "%n byte(s)", None, max(num_bytes, 0))
    kind = (
        QLocale.DataSizeFormat.DataSizeIecFormat if iec else QLocale.DataSizeFormat.DataSizeTraditionalFormat
    )
    return ui_locale().formattedDataSize(num_bytes, 1, kind)


def format_percent(fraction: float, decimals: int = 0) -> str:
    """``0.456`` as ``46%`` (``45,6%`` with one decimal in pt-BR)."""
    return format_number(fraction * 100, decimals) + ui_locale().percent()
