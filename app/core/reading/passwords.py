"""Opening an encrypted PDF with the password the user typed, in every form it may be stored in.

A typed password is not always the bytes the file's key was made from:

- AES-256 (R6, PDF 2.0) keys come from the password prepared with SASLprep (RFC 4013): NFKC
  normalized, non-ASCII spaces made plain spaces, soft hyphens and the like removed. So "Café"
  typed on a Mac keyboard ("Cafe" + a combining accent) or "ﬁ" (the ligature) must be prepared
  first; PDFium and qpdf use the bytes as given.
- RC4 and AES-128 (R2-R4) keys come from the password in PDFDocEncoding (Latin-1 for the usual
  accents): PDFium converts it itself, qpdf (pikepdf) needs the bytes.
- Either password works: the owner password opens the file too.
- A file with an empty user password opens without one: a password given for other files (the
  CLI's ``--password`` holds for every input) must not make it refuse.

``password_forms`` lists what to try, in order; ``open_pdfium`` and ``open_pikepdf`` try them.
"""

from __future__ import annotations

import stringprep
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf
    import pypdfium2

_PROHIBITED = (
    stringprep.in_table_c12,
    stringprep.in_table_c21,
    stringprep.in_table_c22,
    stringprep.in_table_c3,
    stringprep.in_table_c4,
    stringprep.in_table_c5,
    stringprep.in_table_c6,
    stringprep.in_table_c7,
    stringprep.in_table_c8,
    stringprep.in_table_c9,
)


def saslprep(text: str) -> str | None:
    """``text`` prepared with SASLprep (RFC 4013), or ``None`` where the profile forbids it
    (control characters, private use, mixed directions)."""
    mapped = "".join(" " if stringprep.in_table_c12(c) else c for c in text if not stringprep.in_table_b1(c))
    prepared = unicodedata.normalize("NFKC", mapped)
    if any(test(c) for c in prepared for test in _PROHIBITED):
        return None
    if any(stringprep.in_table_d1(c) for c in prepared):  # right-to-left text: RFC 3454 section 6
        ends = stringprep.in_table_d1(prepared[0]) and stringprep.in_table_d1(prepared[-1])
        if not ends or any(stringprep.in_table_d2(c) for c in prepared):
            return None
    return prepared


def password_forms(password: str | None) -> list[str]:
    """The typed password as typed, SASLprep'd and NFC-composed: each distinct form once."""
    if not password:
        return []
    forms = [password]
    for form in (saslprep(password), unicodedata.normalize("NFC", password)):
        if form and form not in forms:
            forms.append(form)
    return forms


def pikepdf_forms(password: str | None) -> list[str | bytes]:
    """The forms for qpdf: each of ``password_forms``, then its Latin-1 bytes, then none."""
    forms: list[str | bytes] = []
    for form in password_forms(password):
        forms.append(form)
        try:
            latin = form.encode("latin-1")
        except UnicodeEncodeError:
            continue
        if latin != form.encode("utf-8"):
            forms.append(latin)
    return [*forms, ""]  # last: a file whose user password is empty needs none


def open_pdfium(path: Path, password: str | None) -> tuple[pypdfium2.PdfDocument, str | None]:
    """The PDF open in PDFium, and the form of the password that opened it (``None``: none
    was needed).

    Raises:
        pypdfium2.PdfiumError: No form opens it; the error of the password as typed.
    """
    import pypdfium2

    first: pypdfium2.PdfiumError | None = None
    for form in [*password_forms(password), None]:
        try:
            return pypdfium2.PdfDocument(str(path), password=form), form
        except pypdfium2.PdfiumError as exc:
            if first is None:
                first = exc
            if "password" not in str(exc).lower():
                break  # not a password problem: another form would fail the same way
    assert first is not None
    raise first


def open_pikepdf(path: Path, password: str | None) -> pikepdf.Pdf:
    """The PDF open in qpdf, with whichever form of the password opens it.

    Raises:
        pikepdf.PasswordError: No form opens it.
        pikepdf.PdfError, OSError: It cannot be read at all.
    """
    import pikepdf

    error: pikepdf.PasswordError | None = None
    for form in pikepdf_forms(password):
        try:
            return pikepdf.open(path, password=form)
        except pikepdf.PasswordError as exc:
            error = error or exc
    assert error is not None
    raise error


def password_problem(path: Path, password: str | None) -> str | None:
    """Why the PDF will not open as far as its password goes: ``password`` (it needs one and
    none was given), ``wrong_password`` (none of the given forms opens it), or ``None`` (it opens:
    whatever stops a reader is not the password). Asks qpdf, a second opinion to PDFium's.

    Raises:
        pikepdf.PdfError, OSError: qpdf cannot read the file at all.
    """
    import pikepdf

    try:
        open_pikepdf(path, password).close()
    except pikepdf.PasswordError:
        return "wrong_password" if password else "password"
    return None
