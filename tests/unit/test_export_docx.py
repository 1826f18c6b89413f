"""Word export, read back with python-docx (and through LibreOffice where installed)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.export import ExportDocument, export_document
from tests.export_helpers import ACCENTS, failed_page, laid_out_page, text_page


def _doc(tmp_path: Path) -> ExportDocument:
    return ExportDocument(
        source=tmp_path / "processo 12.pdf",
        pages=[
            laid_out_page([["A condi-", "ção humana", "é longa."], ["Segundo parágrafo."]], page=0),
            text_page("Texto nativo\nem duas linhas\n\nOutro bloco", page=1),
            failed_page(2, "the worker crashed twice"),
            laid_out_page([[ACCENTS]], page=3),
        ],
        languages="por+eng",
    )


def test_docx_has_title_paragraphs_and_a_page_break_per_page(tmp_path: Path) -> None:
    import docx

    # Given a four-page document with OCR, born-digital and failed pages
    out = export_document(_doc(tmp_path), tmp_path / "out.docx")
    # When read back
    document = docx.Document(str(out))
    paragraphs = document.paragraphs
    # Then the title heads it, one Word paragraph per text paragraph
    assert paragraphs[0].text == "processo 12"
    assert paragraphs[0].style is not None and paragraphs[0].style.name == "Title"
    assert [p.text for p in paragraphs[1:]] == [
        "A condição humana é longa.",
        "Segundo parágrafo.",
        "Texto nativo\nem duas linhas",
        "Outro bloco",
        "[page 3 could not be read: the worker crashed twice]",
        ACCENTS,
    ]
    # And each source page after the first starts on a new page
    breaks = [p.text for p in paragraphs if p.paragraph_format.page_break_before]
    assert breaks == [
        "Texto nativo\nem duas linhas",
        "[page 3 could not be read: the worker crashed twice]",
        ACCENTS,
    ]


def test_docx_properties_and_font(tmp_path: Path) -> None:
    import docx

    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    out = export_document(_doc(tmp_path), tmp_path / "out.docx")
    document = docx.Document(str(out))
    props = document.core_properties
    assert props.title == "processo 12"
    assert "processo 12.pdf" in props.subject and "processo 12.pdf" in props.comments
    assert props.author == "Scriba" and props.last_modified_by == "Scriba"
    assert "por+eng" in props.keywords
    assert props.created is not None and before <= props.created.replace(
        tzinfo=None
    ) <= before + dt.timedelta(minutes=1)
    normal = document.styles["Normal"]
    assert normal.font.name == "Calibri"
    assert normal.font.size is not None and normal.font.size.pt == 11
    assert b'w:lang w:val="pt-BR"' in normal.element.xml.encode()


def test_blank_page_keeps_its_page(tmp_path: Path) -> None:
    import docx

    doc = ExportDocument(tmp_path / "a.pdf", [text_page("um", 0), text_page("", 1), text_page("três", 2)])
    document = docx.Document(str(export_document(doc, tmp_path / "a.docx")))
    body = [(p.text, bool(p.paragraph_format.page_break_before)) for p in document.paragraphs[1:]]
    assert body == [("um", False), ("", True), ("três", True)]


def test_control_characters_from_a_text_layer_do_not_break_the_file(tmp_path: Path) -> None:
    import docx

    doc = ExportDocument(tmp_path / "a.pdf", [text_page("antes\x0c\x01depois", 0)], title="T\x00í")
    document = docx.Document(str(export_document(doc, tmp_path / "a.docx")))
    assert [p.text for p in document.paragraphs] == ["Tí", "antesdepois"]


OFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_docx(tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = export_document(_doc(tmp_path), tmp_path / "out.docx")
    converted = tmp_path / "converted"
    subprocess.run(
        [str(OFFICE), "-env:UserInstallation=" + (tmp_path / "lo-profile").as_uri(), "--headless"]
        + ["--convert-to", "pdf", "--outdir", str(converted), str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    reader = PdfReader(converted / "out.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 4  # one per source page: the page breaks held
    assert "A condição humana é longa." in text
    assert "[page 3 could not be read: the worker crashed twice]" in text
    assert ACCENTS.replace(" ", "") in text.replace(" ", "")
