"""``scriba --help`` under a Portuguese locale is Portuguese throughout, argparse's own words too."""

from __future__ import annotations

import os
import re

import pytest

from tests.integration.corpus import run_cli

COMMANDS = [[], ["ocr"], ["cache"]]

#: Words both help texts rightly share: names, formats, units and the choices one types.
#: ("scanner", "cache" and "bytes" are Brazilian Portuguese too; "a", "as" and "e" are Portuguese
#: words as well as English ones.)
SHARED = {
    "a", "as", "e", "bytes", "500kb", "5mb", "alto", "bar", "bmp", "cache", "ccitt", "clear", "docx", "dpi", "eng", "g4", "hocr", "info",
    "jpeg", "json", "kb", "mb", "n", "none", "ocr", "pdf", "pdfa", "pdfium", "pdfs", "png", "poppler",
    "por", "q", "scanner", "scriba", "tesseract", "tesserocr", "pytesseract", "tiff", "txt", "webp",
    "stderr", "stdout", "pdf2image",
}  # fmt: skip


def _env(**locale: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    return {**env, **locale}


def words(text: str) -> set[str]:
    """The words a reader reads: not option names, choices, quoted literals or file patterns."""
    text = re.sub(r"'[^']*'", " ", text)  # '-', '--- Page N ---': literals Scriba reads or writes
    text = re.sub(r"\{[^}]*\}", " ", text)  # {txt,docx,...}: the values one types
    text = re.sub(r"(?<![\w])--?[\w-]+", " ", text)  # --out-dir, -h
    text = re.sub(r"\S*<[^>]*>\S*", " ", text)  # DIR/<input name>.<format>
    return {w.lower() for w in re.findall(r"[^\W_]+", text) if not w.isdigit()}


@pytest.mark.parametrize("command", COMMANDS, ids=["scriba", "ocr", "cache"])
@pytest.mark.parametrize("variable", ["LANG", "LC_ALL"])
def test_help_is_portuguese_under_a_portuguese_locale(command: list[str], variable: str) -> None:
    # Given the same help asked in English and under a pt_BR locale, the real command each time
    english = run_cli(*command, "--help", env=_env(LANG="C"), timeout=60)
    portuguese = run_cli(*command, "--help", env=_env(**{variable: "pt_BR.UTF-8"}), timeout=60)
    assert english.returncode == portuguese.returncode == 0, portuguese.stderr
    # Then argparse's own words are Portuguese
    assert portuguese.stdout.startswith("uso: scriba")
    for phrase in ("argumentos posicionais:", "opções:", "-h, --help", "mostra esta ajuda e sai"):
        assert phrase in portuguese.stdout
    # And no word of the English help remains, but for names, formats and the values one types
    leftover = words(portuguese.stdout) & (words(english.stdout) - SHARED)
    assert not leftover, f"English words in the Portuguese help: {sorted(leftover)}\n{portuguese.stdout}"
    assert len(words(english.stdout) - SHARED) > 10  # the English side really had words to find


def test_usage_errors_are_portuguese_too() -> None:
    # Given a Portuguese locale, a command with no file and one with a wrong choice and value
    env = _env(LANG="pt_BR.UTF-8")
    missing = run_cli("ocr", env=env, timeout=60)
    wrong = run_cli("cache", "limpar", env=env, timeout=60)
    bad_number = run_cli("ocr", "--dpi", "trezentos", "a.pdf", env=env, timeout=60)
    # Then each exits 2 with argparse's sentence in Portuguese
    assert missing.returncode == wrong.returncode == bad_number.returncode == 2
    assert "scriba ocr: erro: os seguintes argumentos são obrigatórios: ARQUIVO" in missing.stderr
    assert "scriba cache: erro: argumento {info,clear}: opção inválida: 'limpar'" in wrong.stderr
    assert "argumento --dpi: valor inteiro inválido: 'trezentos'" in bad_number.stderr
    for run in (missing, wrong, bad_number):
        assert run.stderr.startswith("uso: scriba")
        assert not {"usage", "error", "argument", "invalid", "required"} & words(run.stderr)
