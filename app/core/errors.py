"""Errors a user can meet: a stable code plus one sentence in English and Brazilian Portuguese.

The code travels with events (``JobFinished.error_code``) so each front end can show the
sentence in the user's language; the CLI picks it from the locale, the GUI from its setting.
"""

from __future__ import annotations

import locale
import os

MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("{name}: the file does not exist.", "{name}: o arquivo não existe."),
    "unreadable": (
        "{name}: the file cannot be read ({detail}).",
        "{name}: não foi possível ler o arquivo ({detail}).",
    ),
    "too_large": (
        "{name}: the file is larger than the {limit} limit.",
        "{name}: o arquivo é maior que o limite de {limit}.",
    ),
    "empty": ("{name}: the file is empty.", "{name}: o arquivo está vazio."),
    "not_document": (
        "{name}: this is not a PDF or an image Scriba can read.",
        "{name}: este não é um PDF nem uma imagem que o Scriba consiga ler.",
    ),
    "damaged": (
        "{name}: the PDF is damaged and cannot be opened.",
        "{name}: o PDF está danificado e não pode ser aberto.",
    ),
    "password": (
        "{name}: the PDF is protected by a password; give it with --password.",
        "{name}: o PDF é protegido por senha; informe-a com --password.",
    ),
    "wrong_password": (
        "{name}: the password is not correct.",
        "{name}: a senha não está correta.",
    ),
    "no_pages": ("{name}: the PDF has no pages.", "{name}: o PDF não tem páginas."),
    "image_damaged": (
        "{name}: the image is damaged or incomplete and cannot be read.",
        "{name}: a imagem está danificada ou incompleta e não pode ser lida.",
    ),
    "image_too_large": (
        "{name}: the image is too large to be read ({detail}).",
        "{name}: a imagem é grande demais para ser lida ({detail}).",
    ),
    "changed": (
        "{name}: the file changed or disappeared while it was being read.",
        "{name}: o arquivo foi alterado ou removido durante a leitura.",
    ),
    "language": (
        "The OCR language '{detail}' is not installed.",
        "O idioma de OCR '{detail}' não está instalado.",
    ),
    "engine": ("{detail}", "{detail}"),
    "internal": (
        "{name}: an unexpected error stopped this document ({detail}).",
        "{name}: um erro inesperado interrompeu este documento ({detail}).",
    ),
    "page_crashed": (
        "the page could not be processed (the worker stopped: {detail})",
        "não foi possível processar a página (o processo parou: {detail})",
    ),
    "page_damaged": (
        "the page is damaged and cannot be read",
        "a página está danificada e não pode ser lida",
    ),
    "page_size": (
        "the page is too large or too thin to be read ({detail})",
        "a página é grande ou estreita demais para ser lida ({detail})",
    ),
    "page_memory": (
        "the page needs more memory than a worker may use ({limit})",
        "a página precisa de mais memória do que um processo pode usar ({limit})",
    ),
    "page_timeout": (
        "the page took longer than {limit} s",
        "a página demorou mais de {limit} s",
    ),
    # Why a page's own text layer was read again instead of taken (app.core.reading.text_layer).
    "layer_short": (
        "the page's own text is too short to be the scan's text; the page was read instead",
        "o texto da própria página é curto demais para ser o texto da digitalização; a página foi lida",
    ),
    "layer_garbage": (
        "the page's own text is not readable text; the page was read instead",
        "o texto da própria página não é um texto legível; a página foi lida",
    ),
    "layer_off_print": (
        "the page's own text does not lie on its print; the page was read instead",
        "o texto da própria página não está sobre o que está impresso; a página foi lida",
    ),
}


def ui_language() -> str:
    """``pt_BR`` when the user's locale is Portuguese, else ``en``."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "pt_BR" if value.lower().startswith("pt") else "en"
    code = locale.getlocale()[0] or ""
    return "pt_BR" if code.lower().startswith("pt") else "en"


def message(code: str, language: str = "en", **params: object) -> str:
    """The sentence for ``code`` in ``language`` (``en`` or ``pt_BR``)."""
    english, portuguese = MESSAGES.get(code, MESSAGES["internal"])
    template = portuguese if language == "pt_BR" else english
    values = {"name": "", "detail": "", "limit": ""}
    values.update({key: str(value) for key, value in params.items()})
    return template.format(**values)


class ScribaError(Exception):
    """An error with a code and parameters; ``str()`` is the English sentence."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(message(code, "en", **params))

    def localized(self, language: str) -> str:
        return message(self.code, language, **self.params)
