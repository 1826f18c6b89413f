"""Language names in the window's language: the OCR languages (Tesseract codes) and the UI
languages of the Settings dialog.

A table rather than ``QLocale``: Qt names languages only in English (``languageToString``) or in
their own words (``nativeLanguageName``), never in a third language, and a Portuguese reader
choosing "Inglês" should not have to read "English". Tesseract models outside the table get
Qt's name in their own words, else their code.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from app.gui import i18n

#: Each UI language in its own words, shown beside its translated name when the two differ.
NATIVE_UI_NAMES = {"en": "English", "pt_BR": "Português do Brasil"}


def _ocr_names() -> dict[str, str]:
    tr = QCoreApplication.translate
    return {
        "afr": tr("LanguageNames", "Afrikaans"),
        "ara": tr("LanguageNames", "Arabic"),
        "bul": tr("LanguageNames", "Bulgarian"),
        "cat": tr("LanguageNames", "Catalan"),
        "ces": tr("LanguageNames", "Czech"),
        "chi_sim": tr("LanguageNames", "Chinese (Simplified)"),
        "chi_tra": tr("LanguageNames", "Chinese (Traditional)"),
        "dan": tr("LanguageNames", "Danish"),
        "deu": tr("LanguageNames", "German"),
        "ell": tr("LanguageNames", "Greek"),
        "eng": tr("LanguageNames", "English"),
        "est": tr("LanguageNames", "Estonian"),
        "eus": tr("LanguageNames", "Basque"),
        "fin": tr("LanguageNames", "Finnish"),
        "fra": tr("LanguageNames", "French"),
        "glg": tr("LanguageNames", "Galician"),
        "heb": tr("LanguageNames", "Hebrew"),
        "hin": tr("LanguageNames", "Hindi"),
        "hrv": tr("LanguageNames", "Croatian"),
        "hun": tr("LanguageNames", "Hungarian"),
        "ind": tr("LanguageNames", "Indonesian"),
        "ita": tr("LanguageNames", "Italian"),
        "jpn": tr("LanguageNames", "Japanese"),
        "kor": tr("LanguageNames", "Korean"),
        "lat": tr("LanguageNames", "Latin"),
        "lav": tr("LanguageNames", "Latvian"),
        "lit": tr("LanguageNames", "Lithuanian"),
        "nld": tr("LanguageNames", "Dutch"),
        "nor": tr("LanguageNames", "Norwegian"),
        "pol": tr("LanguageNames", "Polish"),
        "por": tr("LanguageNames", "Portuguese"),
        "ron": tr("LanguageNames", "Romanian"),
        "rus": tr("LanguageNames", "Russian"),
        "slk": tr("LanguageNames", "Slovak"),
        "slv": tr("LanguageNames", "Slovenian"),
        "spa": tr("LanguageNames", "Spanish"),
        "srp": tr("LanguageNames", "Serbian"),
        "swe": tr("LanguageNames", "Swedish"),
        "tur": tr("LanguageNames", "Turkish"),
        "ukr": tr("LanguageNames", "Ukrainian"),
        "vie": tr("LanguageNames", "Vietnamese"),
    }


def ocr_language_name(code: str) -> str:
    """``por`` as "Portuguese" / "Português", in the window's language."""
    name = _ocr_names().get(code)
    if name is not None:
        return name
    language = QLocale.codeToLanguage(code.split("_")[0], QLocale.LanguageCodeType.ISO639Part2)
    if language == QLocale.Language.AnyLanguage:
        return code
    native = QLocale(language).nativeLanguageName() or QLocale.languageToString(language)
    return f"{native[:1].upper()}{native[1:]}"


def ui_language_name(code: str) -> str:
    """A UI language in the window's language, with its own name when that differs:
    "Inglês — English" in a Portuguese window, "English" in an English one."""
    tr = QCoreApplication.translate
    translated = {
        "en": tr("LanguageNames", "English"),
        "pt_BR": tr("LanguageNames", "Portuguese (Brazil)"),
    }[code]
    native = NATIVE_UI_NAMES[code]
    return translated if code == i18n.shown_language() or translated == native else f"{translated} — {native}"
