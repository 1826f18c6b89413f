"""Encrypted PDFs open with the user password, the owner password, a password typed in another
Unicode form (SASLprep), and without one when their user password is empty; a wrong one is told
as "not correct". Every place that opens the file: the worker, the preview, the export."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pikepdf
import pytest

from app.core.errors import ScribaError, message
from app.core.export import ExportDocument, export_document
from app.core.reading.document import open_pdf
from app.core.reading.passwords import open_pikepdf, password_forms, saslprep
from app.core.reading.preview import render_page_png
from tests.export_helpers import text_page
from tests.pdfgen import text_pdf

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Processo digital protegido"
#: (name, R, aes, user password, owner password)
KINDS = [
    ("aes256", 6, True, "usuário 1", "dono ñ"),
    ("aes128", 4, True, "usuário 1", "dono ñ"),
    ("rc4_128", 4, False, "usuário 1", "dono ñ"),
    ("rc4_128_r3", 3, False, "usuário 1", "dono ñ"),
    ("rc4_40", 2, False, "usuário 1", "dono ñ"),
]


def _encrypted(folder: Path, name: str, r: int, aes: bool, user: str, owner: str) -> Path:
    plain = folder / "plain.pdf"
    if not plain.exists():
        text_pdf(plain, [TEXT])
    target = folder / f"{name}.pdf"
    with pikepdf.open(plain) as pdf:
        # pikepdf stores an R2-R4 password in PDFDocEncoding, as Acrobat does.
        encryption = pikepdf.Encryption(R=r, aes=aes, metadata=aes, user=user, owner=owner)
        pdf.save(target, encryption=encryption)
    return target


def _opens(path: Path, password: str | None) -> None:
    document, _ = open_pdf(path, password)
    try:
        assert TEXT in document[0].get_textpage().get_text_range()
    finally:
        document.close()


@pytest.mark.parametrize(("name", "r", "aes", "user", "owner"), KINDS, ids=[k[0] for k in KINDS])
def test_each_encryption_opens_with_the_user_or_the_owner_password_and_refuses_a_wrong_one(
    tmp_path: Path, name: str, r: int, aes: bool, user: str, owner: str
) -> None:
    # Given a PDF encrypted with a user and an owner password, both with accents
    path = _encrypted(tmp_path, name, r, aes, user, owner)
    # Then the worker opens it with either, and so do qpdf and the preview
    for password in (user, owner):
        _opens(path, password)
        open_pikepdf(path, password).close()
        assert render_page_png(path, 0, password, 100).startswith(b"\x89PNG")
    # And the searchable PDF export opens it with either
    for password in (user, owner):
        doc = ExportDocument(source=path, pages=[text_page(TEXT)], password=password)
        out = export_document(doc, tmp_path / f"out-{len(password)}.pdf")
        assert out.stat().st_size > 0
    # And without one it asks for it; a wrong one is "not correct"
    with pytest.raises(ScribaError) as missing:
        open_pdf(path, None)
    assert missing.value.code == "password"
    with pytest.raises(ScribaError) as wrong:
        open_pdf(path, "errada")
    assert wrong.value.code == "wrong_password"
    assert "not correct" in str(wrong.value)


@pytest.mark.parametrize("r", [6, 4, 2])
def test_a_file_with_an_empty_user_password_opens_without_asking_even_given_one(
    tmp_path: Path, r: int
) -> None:
    # Given a PDF whose user password is empty (only its permissions are locked)
    path = _encrypted(tmp_path, f"open{r}", r, r >= 4, "", "dono")
    # Then it opens with no password, and with another file's password (the CLI's --password
    # holds for every input): it needs none, so none is refused
    for password in (None, "senha de outro arquivo"):
        _opens(path, password)
        open_pikepdf(path, password).close()
        assert render_page_png(path, 0, password, 100).startswith(b"\x89PNG")
        doc = ExportDocument(source=path, pages=[text_page(TEXT)], password=password)
        assert export_document(doc, tmp_path / "out.pdf").stat().st_size > 0


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Café", unicodedata.normalize("NFD", "Café")),  # a Mac keyboard types the accent apart
        ("fi nal", "ﬁ\u00a0nal"),  # a ligature and a no-break space, as pasted from a document
        ("senha", "sen\u00adha"),  # a soft hyphen, which SASLprep removes
    ],
    ids=["nfd", "ligature-and-nbsp", "soft-hyphen"],
)
def test_an_aes256_password_is_prepared_with_saslprep(tmp_path: Path, stored: str, typed: str) -> None:
    # Given an AES-256 file whose key comes from the SASLprep'd password (as Acrobat makes it)
    assert saslprep(typed) == stored and typed != stored
    path = _encrypted(tmp_path, "sasl", 6, True, stored, "dono")
    # Then the password as the user typed it opens it everywhere
    _opens(path, typed)
    open_pikepdf(path, typed).close()
    assert render_page_png(path, 0, typed, 100).startswith(b"\x89PNG")
    doc = ExportDocument(source=path, pages=[text_page(TEXT)], password=typed)
    assert export_document(doc, tmp_path / "out.pdf").stat().st_size > 0


def test_saslprep_refuses_what_rfc_4013_prohibits() -> None:
    assert saslprep("a\u0007b") is None  # a control character
    assert saslprep("I\u00adX") == "IX"
    assert saslprep("\u2168") == "IX"  # ROMAN NUMERAL NINE, NFKC
    assert password_forms(None) == [] and password_forms("") == []
    assert password_forms("plain") == ["plain"]


def test_the_wrong_password_sentence_names_the_cause_in_both_languages() -> None:
    assert message("wrong_password", "en", name="a.pdf") == "a.pdf: the password is not correct."
    assert "senha" in message("wrong_password", "pt_BR", name="a.pdf")


def test_scriba_ocr_reads_an_aes256_file_with_the_password_typed_apart(tmp_path: Path) -> None:
    # Given an AES-256 file whose password is "Café", and an empty-user-password file beside it
    protected = _encrypted(tmp_path, "protected", 6, True, "Café", "dono")
    open_one = _encrypted(tmp_path, "open", 4, True, "", "dono")
    # When scriba ocr reads both with the password typed in decomposed form
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "ocr",
            str(protected),
            str(open_one),
            "--out-dir",
            str(tmp_path / "out"),
            "--password",
            unicodedata.normalize("NFD", "Café"),
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    # Then both are read, and nothing was refused
    assert done.returncode == 0, done.stderr
    for name in ("protected", "open"):
        assert TEXT in (tmp_path / "out" / f"{name}.txt").read_text(encoding="utf-8")
