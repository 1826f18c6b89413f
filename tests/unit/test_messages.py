"""One catalog of error sentences: every code in both languages, page failures as codes, and
the CLI saying why a page failed in the user's language."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.errors import MESSAGES, SHORT, message, short_message
from app.core.results import PageSource, failed_page
from tests.integration.corpus import run_cli
from tests.pdfgen import text_pdf

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{(\w+)\}")
PARAMETERS = {
    "name",
    "job",
    "format",
    "known",
    "state",
    "field",
    "value",
    "host",
    "address",
    "detail",
    "limit",
    "target",
    "folder",
    "source",
    "now",
    "before",
    "page",
    "low",
    "high",
    "parts",
}
#: Where an export failed (``ExportError.lead``): the start of a sentence, never shown alone.
LEADS = {"export_write", "export_make_pdf", "export_open"}


#: Which arguments of these calls are catalog codes.
CODE_ARGUMENTS = {
    "ScribaError": slice(0, 1),
    "failed_page": slice(1, 2),
    "ExportError": slice(1, 3),
    "message": slice(0, 1),
    "short_message": slice(0, 1),
}


def _codes_raised_in_app() -> set[str]:
    """The literal catalog codes app/ asks for (errors raised, pages failed, sentences looked up)."""
    codes: set[str] = set()
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in CODE_ARGUMENTS
            ):
                args = node.args[CODE_ARGUMENTS[node.func.id]]
                codes |= {a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return codes


def broken_page_pdf(tmp_path: Path) -> Path:
    """Two pages; the page tree points the second at an object that is no page (PDFium cannot load it)."""
    source = text_pdf(
        tmp_path / "source.pdf", ["The first page reads fine, with enough words to be text.", "Lost."]
    )
    data = source.read_bytes()
    first_kid = re.search(rb"/Kids \[(\d+) 0 R", data)
    assert first_kid is not None
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(re.sub(rb"/Kids \[[^\]]*\]", b"/Kids [" + first_kid.group(1) + b" 0 R 99 0 R]", data))
    return broken


def test_every_code_has_both_languages_with_the_same_parameters() -> None:
    for code, (english, portuguese) in {**MESSAGES, **{f"short {c}": v for c, v in SHORT.items()}}.items():
        assert english.strip() and portuguese.strip(), code
        assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(portuguese)), code
        assert set(PLACEHOLDER.findall(english)) <= PARAMETERS, code
        if english.rstrip(".") != "{detail}":  # the engine's or the system's own words pass through
            assert english != portuguese, f"{code} is not translated"


def test_short_forms_name_no_file_and_start_with_a_capital() -> None:
    for code in set(MESSAGES) - LEADS:
        for language in ("en", "pt_BR"):
            text = short_message(code, language, name="scan.pdf", detail="x", limit="1")
            assert "scan.pdf" not in text and text[:1] == text[:1].upper(), (code, text)
    assert short_message("missing", "pt_BR") == "O arquivo não existe."
    assert short_message("password", "en") == "The PDF is protected by a password."


def test_every_code_the_app_raises_is_in_the_catalog() -> None:
    raised = _codes_raised_in_app()
    assert {
        "changed",
        "page_damaged",
        "page_memory",
        "page_failed",
        "export_no_space",
        "export_make_pdf",
    } <= raised
    assert raised <= set(MESSAGES), sorted(raised - set(MESSAGES))


def test_a_failed_page_carries_its_code_and_says_why_in_either_language() -> None:
    page = failed_page(3, "page_memory", limit="360 MB")
    assert page.source is PageSource.FAILED and page.error_code == "page_memory"
    assert page.error_params == (("limit", "360 MB"),)
    assert page.error == "the page needs more memory than a worker may use (360 MB)"
    assert (
        page.localized_error("pt_BR")
        == "a página precisa de mais memória do que um processo pode usar (360 MB)"
    )
    assert page.localized_error("en") == page.error == message("page_memory", limit="360 MB")


def _cli(tmp_path: Path, pdf: Path, lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(LANG=lang, SCRIBA_CACHE_DIR=str(tmp_path / "cache"), SCRIBA_LOG_DIR=str(tmp_path / "logs"))
    out = tmp_path / f"out-{lang}.txt"
    return subprocess.run(
        [sys.executable, "-m", "app", "ocr", str(pdf), "-o", str(out), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
        env=env,
    )


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("C", "broken.pdf: page 2 could not be read: the page is damaged and cannot be read"),
        (
            "pt_BR.UTF-8",
            "broken.pdf: não foi possível ler a página 2: a página está danificada e não pode ser lida",
        ),
    ],
)
def test_the_cli_says_why_a_page_failed_in_the_users_language(
    tmp_path: Path, lang: str, sentence: str
) -> None:
    # Given a PDF whose second page PDFium cannot load
    pdf = broken_page_pdf(tmp_path)
    # When the CLI reads it under that locale
    done = _cli(tmp_path, pdf, lang)
    # Then it names the page and the reason in that language, and the first page was exported
    assert done.returncode == 1, done.stderr
    assert sentence in done.stderr
    assert "first page reads fine" in (tmp_path / f"out-{lang}.txt").read_text(encoding="utf-8")


def test_an_export_error_is_a_code_with_its_sentence_in_both_languages_and_survives_pickling(
    tmp_path: Path,
) -> None:
    import pickle

    from app.core.export import ExportError

    error = ExportError("no_folder", "export_no_folder", target=tmp_path / "x.txt", folder=tmp_path)
    assert str(error) == f"Cannot write {tmp_path / 'x.txt'}: the folder {tmp_path} does not exist."
    assert (
        error.localized("pt_BR")
        == f"Não foi possível gravar {tmp_path / 'x.txt'}: a pasta {tmp_path} não existe."
    )
    assert short_message(error.reason, "pt_BR", **error.params) == "A pasta não existe."
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.reason, copy.params, str(copy)) == (
        error.code,
        error.reason,
        error.params,
        str(error),
    )


def test_json_progress_carries_the_code_of_a_failed_page(tmp_path: Path) -> None:
    # Given a PDF whose second page PDFium cannot load
    pdf = broken_page_pdf(tmp_path)
    # When the CLI reads it with JSON progress
    done = run_cli("ocr", pdf, "-o", tmp_path / "out.txt", "--progress", "json", "--no-cache")
    # Then the failed page's event and the job's carry the catalog code beside the English words
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    [failed] = [e for e in events if e["event"] == "page" and e["source"] == "failed"]
    assert failed["page"] == 2 and failed["error_code"] == "page_damaged"
    assert "damaged" in failed["error"]
    [job] = [e for e in events if e["event"] == "job"]
    assert job["failed_pages"] == [2] and "error_code" in job
