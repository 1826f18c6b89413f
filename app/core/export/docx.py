"""Word document: a title, one Word paragraph per text paragraph, a page break per source page.

Written with python-docx from its default template; Word and LibreOffice open it without
warnings. Fonts are named, not embedded: Calibri, which LibreOffice replaces with the
metric-compatible Carlito.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, BinaryIO

from app.core.export.base import ExportDocument, ExportOptions, ordered_pages
from app.core.export.page_text import page_paragraphs
from app.core.results import PageResult

if TYPE_CHECKING:
    from collections.abc import Callable

    from docx.document import Document
    from docx.text.paragraph import Paragraph

FONT_NAME = "Calibri"
FONT_PT = 11
AUTHOR = "Scriba"
#: Tesseract language -> the proofing language Word spell-checks with.
PROOFING = {"por": "pt-BR", "eng": "en-US", "spa": "es-ES", "fra": "fr-FR", "deu": "de-DE", "ita": "it-IT"}
LETTER_PT = (612.0, 792.0)

# XML 1.0 forbids most control characters; python-docx would refuse the whole document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def _set_defaults(document: Document, languages: str) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(FONT_PT)
    proofing = PROOFING.get(languages.split("+")[0])
    if proofing:
        run_properties = normal.element.get_or_add_rPr()
        lang = run_properties.find(qn("w:lang"))
        if lang is None:
            lang = run_properties.makeelement(qn("w:lang"), {})
            run_properties.append(lang)
        lang.set(qn("w:val"), proofing)


def _set_page_size(document: Document, pages: list[PageResult]) -> None:
    from docx.shared import Mm, Pt

    section = document.sections[0]
    first = next((p for p in pages if p.width_pt > 0 and p.height_pt > 0), None)
    letter = (
        first is not None
        and abs(first.width_pt - LETTER_PT[0]) < 10
        and abs(first.height_pt - LETTER_PT[1]) < 10
    )
    width, height = (Pt(LETTER_PT[0]), Pt(LETTER_PT[1])) if letter else (Mm(210), Mm(297))
    section.page_width, section.page_height = width, height


def _set_properties(document: Document, doc: ExportDocument, title: str) -> None:
    properties = document.core_properties
    properties.title = title
    properties.subject = f"Text recognised from {doc.source.name}"
    properties.comments = f"Made by Scriba from {doc.source.name}; OCR languages: {doc.languages}"
    properties.keywords = doc.languages
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.category = "OCR"
    # python-docx writes the value as UTC ("...Z") without converting, so give it UTC.
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    properties.created = now
    properties.modified = now
    properties.revision = 1


def _paragraph_adder(document: Document) -> Callable[[str], Paragraph]:
    """``document.add_paragraph`` in constant time: python-docx finds the body's closing
    ``w:sectPr`` by scanning every paragraph before it, for each one added (a 900-page document's
    18,000 paragraphs took 24 s of CPU, almost all in that scan); here it is found once."""
    from docx.text.paragraph import Paragraph

    body = document._body  # noqa: SLF001 - python-docx's own container, as add_paragraph uses it
    element = body._element  # noqa: SLF001
    end = element.sectPr

    def add(text: str) -> Paragraph:
        p = element._new_p()  # noqa: SLF001
        if end is None:
            element.append(p)
        else:
            end.addprevious(p)  # where python-docx puts it: last, before the section properties
        paragraph = Paragraph(p, body)
        if text:
            paragraph.add_run(text)
        return paragraph

    return add


class DocxExporter:
    """One Word paragraph per recognised paragraph; each source page after the first starts
    with a page break (``page_break_before`` on its first paragraph, so no empty paragraphs
    are added), and a blank source page keeps an empty paragraph so page counts match."""

    name = "docx"
    suffix = ".docx"
    label = ("Word", "Word")
    description = ("Word document", "Documento do Word")

    def write(self, doc: ExportDocument, out: BinaryIO, options: ExportOptions) -> None:
        import docx

        document = docx.Document()
        pages = ordered_pages(doc)
        title = xml_safe(doc.display_title)
        _set_defaults(document, doc.languages)
        _set_page_size(document, pages)
        _set_properties(document, doc, title)
        document.add_heading(title, level=0)
        add_paragraph = _paragraph_adder(document)
        for index, page in enumerate(pages):
            paragraphs = page_paragraphs(page, doc.language) or [""]
            for number, text in enumerate(paragraphs):
                paragraph = add_paragraph(xml_safe(text))
                if index > 0 and number == 0:
                    paragraph.paragraph_format.page_break_before = True
        document.save(out)
