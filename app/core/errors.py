"""Errors a user can meet: a stable code plus one sentence in English and Brazilian Portuguese.

This module is the one catalog of error and refusal sentences, for both front ends. The policy:

* What travels is a code and its parameters (``ScribaError.code``/``params``,
  ``JobFinished.error_code``/``error_params``, ``PageResult.error_code``/``error_params`` for
  page failures, ``ExportError.reason``/``lead``/``params`` for exports). An English sentence
  travels beside it for logs and the JSON progress, never to be translated back.
* The sentence is made at the edge, in the user's language: the CLI picks the language from the
  locale (``ui_language``), the window from its setting (``app.gui.i18n``); both call ``message``.
* ``short_message`` gives the form for a place that already shows the file (a row of the window's
  job list): the leading ``{name}: `` dropped, the first letter made upper case. ``SHORT`` holds
  the few short forms that say something else (the CLI's ``--password`` hint means nothing in
  the window).
* The CLI's refusals of its arguments (``usage_*``) are codes here too; its help texts and
  status lines stay beside the parser (``app.cli.main.t``).
* Every code has both languages (``tests/unit/test_messages.py`` walks the catalog). The window's
  own words (menus, buttons) stay Qt translations; its error sentences come from here.
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
    "cancelled": ("{name}: cancelled.", "{name}: cancelado."),
    "page_cancelled": (
        "the document was cancelled before this page was read",
        "o documento foi cancelado antes da leitura desta página",
    ),
    "page_unread": (
        "{name}: page {page} could not be read: {detail}",
        "{name}: não foi possível ler a página {page}: {detail}",
    ),
    "page_crashed": (
        "the page could not be processed (the worker stopped: {detail})",
        "não foi possível processar a página (o processo parou: {detail})",
    ),
    "page_failed": (
        "the page could not be read ({detail})",
        "não foi possível ler a página ({detail})",
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
    # Exports (app.core.export.ExportError): where it failed, then why; the window shows the why.
    "export_write": ("Cannot write {target}", "Não foi possível gravar {target}"),
    "export_make_pdf": ("Cannot make the PDF", "Não foi possível criar o PDF"),
    "export_open": ("Cannot open {name}", "Não foi possível abrir {name}"),
    "export_no_space": ("the disk is full.", "o disco está cheio."),
    "export_read_only_disk": ("the disk is read-only.", "o disco é somente leitura."),
    "export_locked": ("the file is open in another program.", "o arquivo está aberto em outro programa."),
    "export_read_only_file": ("the file is read-only.", "o arquivo é somente leitura."),
    "export_no_permission": (
        "you do not have permission to write in {folder}.",
        "você não tem permissão para gravar em {folder}.",
    ),
    "export_bad_name": ("the name is not valid for a file.", "o nome não é válido para um arquivo."),
    "export_os": ("{detail}.", "{detail}."),  # the system's own words
    "export_no_folder": ("the folder {folder} does not exist.", "a pasta {folder} não existe."),
    "export_is_folder": ("it is a folder.", "é uma pasta."),
    "export_no_suffix": (
        "choose a file name ending in {detail}.",
        "escolha um nome de arquivo terminado em {detail}.",
    ),
    "export_unknown_format": (
        "there is no export format called {detail}.",
        "não existe um formato de exportação chamado {detail}.",
    ),
    "export_same_as_source": (
        "it is the source document; choose another name.",
        "é o documento de origem; escolha outro nome.",
    ),
    "export_password": ("the password is wrong or missing.", "a senha está errada ou não foi informada."),
    "export_source_gone": (
        "the source file {source} is gone.",
        "o arquivo de origem {source} não existe mais.",
    ),
    "export_source_not_pdf": (
        "{name} can no longer be read as a PDF.",
        "{name} não pode mais ser lido como PDF.",
    ),
    "export_source_unreadable": (
        "{source} cannot be read ({detail}).",
        "não foi possível ler {source} ({detail}).",
    ),
    "export_source_image_unreadable": ("{name} can no longer be read.", "{name} não pode mais ser lido."),
    "export_source_changed": (
        "{name} has changed since it was read ({now} pages now, {before} before).",
        "{name} foi alterado depois de ser lido ({now} páginas agora, {before} antes).",
    ),
    "export_stopped": ("the export stopped ({detail}).", "a exportação parou ({detail})."),
    "export_cancelled": ("the export was cancelled.", "a exportação foi cancelada."),
    "export_failed": ("the file could not be written.", "não foi possível gravar o arquivo."),
    "export_page_too_large": (
        "page {page} of {name} is larger than {limit} even compressed; no part was written.",
        "a página {page} de {name} é maior que {limit} mesmo comprimida; nenhuma parte foi gravada.",
    ),
    "export_crashed": (
        "the writer of {name} stopped unexpectedly (it crashed or ran out of memory); nothing was written.",
        "o gravador de {name} parou inesperadamente (travou ou ficou sem memória); nada foi gravado.",
    ),
    "export_memory": (
        "{name} needs more memory than an export may use ({limit}); nothing was written.",
        "{name} precisa de mais memória do que uma exportação pode usar ({limit}); nada foi gravado.",
    ),
    "export_page_note": (
        "[page {page} could not be read: {detail}]",
        "[não foi possível ler a página {page}: {detail}]",
    ),
    "export_old_parts": (
        "{name}: files named like parts of an earlier export are still in the folder ({parts}); "
        "they are not part of this one.",
        "{name}: arquivos com nomes de partes de uma exportação anterior continuam na pasta "
        "({parts}); eles não fazem parte desta.",
    ),
    "export_signed_copy": (
        "{name}: the original is digitally signed; the copy {target} no longer carries a valid "
        "signature (the original is unchanged).",
        "{name}: o original tem assinatura digital; a cópia {target} não tem mais uma assinatura "
        "válida (o original não foi alterado).",
    ),
    # The CLI's refusals of what it was asked (exit code 2).
    "usage_one_output": (
        "-o takes a single input; use --out-dir for several.",
        "-o aceita uma única entrada; use --out-dir para várias.",
    ),
    "usage_stdout_text": (
        "only text can be written to standard output.",
        "somente texto pode ser escrito na saída padrão.",
    ),
    "usage_workers": ("--workers must be at least 1.", "--workers deve ser pelo menos 1."),
    "usage_dpi": ("--dpi must be between {low} and {high}.", "--dpi deve estar entre {low} e {high}."),
    "usage_max_size": (
        "--max-size takes a size such as 1.5MB, 2MB or 500KB (at least {low}).",
        "--max-size aceita um tamanho como 1.5MB, 2MB ou 500KB (no mínimo {low}).",
    ),
    "usage_sized_format": (
        "--compress, --jpeg-quality and --max-size apply to --format pdf or pdfa only.",
        "--compress, --jpeg-quality e --max-size valem apenas para --format pdf ou pdfa.",
    ),
    "usage_jpeg_quality": (
        "--jpeg-quality must be between {low} and {high}.",
        "--jpeg-quality deve estar entre {low} e {high}.",
    ),
    "usage_out_dir": ("cannot create {folder}: {detail}.", "não foi possível criar {folder}: {detail}."),
    # `scriba serve`'s refusals (app.server), answered as {"detail": "..."}.
    "server_not_multipart": (
        "Send the document as multipart/form-data, in the field 'file'.",
        "Envie o documento como multipart/form-data, no campo 'file'.",
    ),
    "server_bad_form": (
        "The upload is not a well-formed form (multipart/form-data with small text fields).",
        "O envio não é um formulário bem formado (multipart/form-data com campos de texto curtos).",
    ),
    "server_no_file": (
        "The upload has no document: send it in the field 'file'.",
        "O envio não tem documento: envie-o no campo 'file'.",
    ),
    "server_two_files": (
        "Send one document per upload.",
        "Envie um documento por vez.",
    ),
    "server_too_large": (
        "The document is larger than this server accepts ({limit}).",
        "O documento é maior do que este servidor aceita ({limit}).",
    ),
    "server_not_document": (
        "{name} is neither a PDF nor a scanner image (TIFF, JPEG, PNG, BMP, WebP).",
        "{name} não é um PDF nem uma imagem de scanner (TIFF, JPEG, PNG, BMP, WebP).",
    ),
    "server_token": (
        "This server needs its access token: send 'Authorization: Bearer <token>'.",
        "Este servidor exige o token de acesso: envie 'Authorization: Bearer <token>'.",
    ),
    "server_unknown_job": ("There is no job {job}.", "Não existe o trabalho {job}."),
    "server_busy": (
        "The job's pages are being read back from the cache; ask again in a few seconds.",
        "As páginas do trabalho estão sendo lidas de volta do cache; peça de novo em alguns segundos.",
    ),
    "server_unknown_format": (
        "Unknown format '{format}'; the formats are {known}.",
        "Formato desconhecido '{format}'; os formatos são {known}.",
    ),
    "server_not_finished": (
        "The job has not finished (status: {state}); its file can be fetched once it is done.",
        "O trabalho ainda não terminou (status: {state}); o arquivo pode ser obtido quando terminar.",
    ),
    "server_unknown_option": (
        "Unknown option '{field}'; the options are lang, dpi, force_ocr, deskew, rotate and password.",
        "Opção desconhecida '{field}'; as opções são lang, dpi, force_ocr, deskew, rotate e password.",
    ),
    "server_bad_dpi": ("dpi must be between {low} and {high}.", "dpi deve estar entre {low} e {high}."),
    "server_bad_switch": (
        "{field} takes true or false, not '{value}'.",
        "{field} aceita true ou false, não '{value}'.",
    ),
    "usage_serve_host": (
        "--host {host} opens the server to the network: give it a --token as well.",
        "--host {host} abre o servidor para a rede: informe também um --token.",
    ),
    # The cluster executor (app.core.running.cluster).
    "cluster_missing": (
        "--cluster needs Dask distributed: install Scriba with its cluster extra (pip install scriba[cluster]).",
        "--cluster precisa do Dask distributed: instale o Scriba com o extra cluster (pip install scriba[cluster]).",
    ),
    "cluster_unreachable": (
        "no Dask scheduler answers at {address}: {detail}.",
        "nenhum escalonador Dask responde em {address}: {detail}.",
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


#: Short forms (see the module docstring) that are not the full sentence without its file name.
SHORT: dict[str, tuple[str, str]] = {
    "server_not_document": (
        "Neither a PDF nor a scanner image.",
        "Não é um PDF nem uma imagem de scanner.",
    ),
    "password": ("The PDF is protected by a password.", "O PDF é protegido por senha."),
    "export_no_permission": (
        "You do not have permission to write there.",
        "Você não tem permissão para gravar ali.",
    ),
    "export_no_folder": ("The folder does not exist.", "A pasta não existe."),
    "export_same_as_source": (
        "That is the original document; choose another name.",
        "Esse é o documento original; escolha outro nome.",
    ),
    "export_password": (
        "The original PDF could not be opened with its password.",
        "Não foi possível abrir o PDF original com a senha dele.",
    ),
    "export_source_gone": ("The original document is gone.", "O documento original não existe mais."),
    "export_source_not_pdf": (
        "The original document can no longer be read as a PDF.",
        "O documento original não pode mais ser lido como PDF.",
    ),
    "export_source_unreadable": (
        "The original document cannot be read ({detail}).",
        "Não foi possível ler o documento original ({detail}).",
    ),
    "export_source_image_unreadable": (
        "The original document can no longer be read.",
        "O documento original não pode mais ser lido.",
    ),
    "export_source_changed": (
        "The original document has changed since it was read.",
        "O documento original foi alterado depois de ser lido.",
    ),
    "export_page_too_large": (
        "Page {page} is larger than {limit} even compressed; no part was written.",
        "A página {page} é maior que {limit} mesmo comprimida; nenhuma parte foi gravada.",
    ),
    "export_crashed": (
        "The writer stopped unexpectedly (it crashed or ran out of memory); nothing was written.",
        "O gravador parou inesperadamente (travou ou ficou sem memória); nada foi gravado.",
    ),
    "export_memory": (
        "The export needs more memory than it may use ({limit}); nothing was written.",
        "A exportação precisa de mais memória do que pode usar ({limit}); nada foi gravado.",
    ),
}
_NAMED = "{name}: "


def message(code: str, language: str = "en", **params: object) -> str:
    """The sentence for ``code`` in ``language`` (``en`` or ``pt_BR``); an unknown code reads
    as ``internal``."""
    english, portuguese = MESSAGES.get(code, MESSAGES["internal"])
    return _filled(portuguese if language == "pt_BR" else english, params)


def short_message(code: str, language: str = "en", **params: object) -> str:
    """``message`` for a place that already names the file: without ``{name}: ``, capitalised."""
    english, portuguese = SHORT.get(code) or MESSAGES.get(code, MESSAGES["internal"])
    text = _filled((portuguese if language == "pt_BR" else english).removeprefix(_NAMED), params)
    return text[:1].upper() + text[1:]


def _filled(template: str, params: dict[str, object]) -> str:
    return template.format_map(_Blanks({key: str(value) for key, value in params.items()}))


class _Blanks(dict[str, str]):
    """A parameter the caller did not give reads as nothing rather than failing the sentence."""

    def __missing__(self, key: str) -> str:
        return ""


def known(code: str | None) -> bool:
    return code in MESSAGES


def params_of(params: dict[str, object]) -> tuple[tuple[str, str], ...]:
    """Parameters as they travel with events and results: picklable, hashable strings."""
    return tuple((key, str(value)) for key, value in params.items())


class ScribaError(Exception):
    """An error with a code and parameters; ``str()`` is the English sentence."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(message(code, "en", **params))

    def localized(self, language: str) -> str:
        return message(self.code, language, **self.params)
