"""hOCR: the recognised words and their boxes as XHTML, the format Tesseract's tools read.

Written from the stored word boxes, without reading the pages again, grouped as the page's text
is (``app.core.export.word_layout``): one ``ocr_carea`` holding one ``ocr_par`` per paragraph,
its ``ocr_line``s and ``ocrx_word``s. A word split at a line end stays two words as printed
(``condi-``, ``ção``): hOCR has no way to join them.

hOCR boxes are pixels. The pixels a page was read at are not stored, so every page is given in
pixels at ``RESOLUTION`` dpi of the page as displayed, and says so (``scan_res``); ``ppageno``
counts from 0, as Tesseract writes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import BinaryIO

from app import __version__
from app.core.defaults import FALLBACK_DPI
from app.core.export.base import ExportDocument, ExportOptions
from app.core.export.docx import xml_safe
from app.core.export.word_layout import Box, empty_because, layout_pages, page_size_pt, placed_paragraphs
from app.core.results import PageResult

RESOLUTION = FALLBACK_DPI
CAPABILITIES = "ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf"

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{lang}" lang="{lang}">
<head>
 <title>{title}</title>
 <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
 <meta name="ocr-system" content="Scriba {version}"/>
 <meta name="ocr-capabilities" content="{capabilities}"/>
 <meta name="ocr-langs" content="{languages}"/>
</head>
<body>
"""
#: Tesseract's language codes -> the languages a browser knows (``xml:lang``).
_HTML_LANG = {"por": "pt", "eng": "en", "spa": "es", "fra": "fr", "deu": "de", "ita": "it"}


def _text(value: str) -> str:
    return escape(xml_safe(value), quote=True)


class _Pixels:
    """Page fractions to whole pixels at ``RESOLUTION`` dpi on one page."""

    def __init__(self, width_pt: float, height_pt: float) -> None:
        self.width = max(1, round(width_pt / 72 * RESOLUTION))
        self.height = max(1, round(height_pt / 72 * RESOLUTION))

    def bbox(self, box: Box) -> str:
        x0, y0 = round(box.x0 * self.width), round(box.y0 * self.height)
        x1, y1 = max(round(box.x1 * self.width), x0), max(round(box.y1 * self.height), y0)
        return f"bbox {x0} {y0} {x1} {y1}"


def _page(doc: ExportDocument, page: PageResult, pages: list[PageResult]) -> list[str]:
    pixels = _Pixels(*page_size_pt(page, pages))
    n = page.page + 1
    image = doc.source.name.replace('"', "'")
    title = (
        f'image "{image}"; bbox 0 0 {pixels.width} {pixels.height}; '
        f"ppageno {page.page}; scan_res {RESOLUTION} {RESOLUTION}"
    )
    out = [f'<div class="ocr_page" id="page_{n}" title="{_text(title)}">']
    empty = empty_because(page)
    if empty is not None:
        out.append(f" <!-- {_text(empty).replace('--', '- -')} -->")
    for b, paragraph in enumerate(placed_paragraphs(page), 1):
        box = pixels.bbox(paragraph.box)
        out.append(f' <div class="ocr_carea" id="block_{n}_{b}" title="{box}">')
        out.append(f'  <p class="ocr_par" id="par_{n}_{b}" title="{box}">')
        for i, line in enumerate(paragraph.lines, 1):
            words = []
            for w, word in enumerate(line.words, 1):
                conf = f"; x_wconf {round(min(max(word.conf, 0.0), 100.0))}" if word.conf >= 0 else ""
                words.append(
                    f'<span class="ocrx_word" id="word_{n}_{b}_{i}_{w}" '
                    f'title="{pixels.bbox(word.box)}{conf}">{_text(word.text)}</span>'
                )
            out.append(
                f'   <span class="ocr_line" id="line_{n}_{b}_{i}" title="{pixels.bbox(line.box)}">'
                + " ".join(words)
                + "</span>"
            )
        out.append("  </p>")
        out.append(" </div>")
    out.append("</div>")
    return out


def hocr_chunks(doc: ExportDocument) -> Iterator[str]:
    """The hOCR file a page at a time: the head, one ``ocr_page`` per page (blank and failed
    pages included, empty), the end; written as it is made, never held whole."""
    first = doc.languages.split("+")[0]
    yield _HEAD.format(
        lang=_HTML_LANG.get(first, "und"),
        title=_text(doc.display_title),
        version=__version__,
        capabilities=CAPABILITIES,
        languages=_text(doc.languages.replace("+", " ")),
    )
    pages = layout_pages(doc)
    for index, page in enumerate(pages):
        yield ("\n" if index else "") + "\n".join(_page(doc, page, pages))
    yield "\n</body>\n</html>\n"


def hocr_text(doc: ExportDocument) -> str:
    """The whole document as one hOCR string (``hocr_chunks`` joined)."""
    return "".join(hocr_chunks(doc))


class HocrExporter:
    """hOCR 1.2 as XHTML, UTF-8."""

    name = "hocr"
    suffix = ".hocr"
    label = ("hOCR (HTML)", "hOCR (HTML)")
    description = ("hOCR HTML", "hOCR HTML")

    def write(self, doc: ExportDocument, out: BinaryIO, options: ExportOptions) -> None:
        for chunk in hocr_chunks(doc):
            out.write(chunk.encode("utf-8", errors="replace"))
