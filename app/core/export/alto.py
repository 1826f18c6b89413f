"""ALTO XML (v4): every recognised word with its box, as libraries and archives keep OCR.

Written from the stored word boxes, without reading the pages again; grouped as the page's text
is (``app.core.export.word_layout``), so a String is a word of ``page_text`` (a word the line end
split is two Strings, ``HypPart1``/``HypPart2``, each with the whole word in ``SUBS_CONTENT``).

Positions are in ``mm10`` (tenths of a millimetre) of the page as displayed. Not ``pixel``:
the pixels a page was read at are not stored (each page is rendered at its own scan resolution
or the run's DPI) and differ between runs, while the page's size in points is exact and stored,
so mm10 positions are true whatever resolution the page was read at and fit any rendering.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import BinaryIO
from xml.etree import ElementTree as ET

from app import __version__
from app.core.export.base import ExportDocument, ExportOptions
from app.core.export.docx import xml_safe
from app.core.export.word_layout import (
    HYPHEN_FIRST,
    HYPHEN_SECOND,
    Box,
    empty_because,
    layout_pages,
    page_size_pt,
    placed_paragraphs,
)
from app.core.results import PageResult

NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA = "http://www.loc.gov/standards/alto/v4/alto-4-2.xsd"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
MM10_PER_PT = 254.0 / 72.0  # 1 pt = 1/72 inch = 25.4/72 mm


def _fmt(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


class _Placer:
    """Page fractions to mm10 on one page."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height

    def set_box(self, element: ET.Element, box: Box) -> None:
        element.set("HPOS", _fmt(box.x0 * self.width))
        element.set("VPOS", _fmt(box.y0 * self.height))
        element.set("WIDTH", _fmt((box.x1 - box.x0) * self.width))
        element.set("HEIGHT", _fmt((box.y1 - box.y0) * self.height))


def _description(root: ET.Element, doc: ExportDocument) -> None:
    description = ET.SubElement(root, "Description")
    ET.SubElement(description, "MeasurementUnit").text = "mm10"
    source = ET.SubElement(description, "sourceImageInformation")
    ET.SubElement(source, "fileName").text = xml_safe(doc.source.name)
    processing = ET.SubElement(description, "OCRProcessing", ID="OCR_0")
    step = ET.SubElement(processing, "ocrProcessingStep")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    ET.SubElement(step, "processingDateTime").text = now.isoformat().replace("+00:00", "Z")
    ET.SubElement(step, "processingStepSettings").text = f"languages: {doc.languages}"
    software = ET.SubElement(step, "processingSoftware")
    ET.SubElement(software, "softwareCreator").text = "Scriba"
    ET.SubElement(software, "softwareName").text = "Scriba"
    ET.SubElement(software, "softwareVersion").text = __version__


def _page(layout: ET.Element, page: PageResult, pages: list[PageResult]) -> None:
    width_pt, height_pt = page_size_pt(page, pages)
    place = _Placer(width_pt * MM10_PER_PT, height_pt * MM10_PER_PT)
    number = page.page + 1
    element = ET.SubElement(
        layout,
        "Page",
        ID=f"P{number}",
        PHYSICAL_IMG_NR=str(number),
        WIDTH=_fmt(place.width),
        HEIGHT=_fmt(place.height),
    )
    empty = empty_because(page)
    if empty is not None:
        # The page keeps its place; why it is empty is said, not left to guess.
        element.set("QUALITY_DETAIL", xml_safe(empty))
    elif page.confidence >= 0:
        element.set("PC", _fmt(page.confidence / 100) if page.confidence < 100 else "1")
    space = ET.SubElement(element, "PrintSpace", ID=f"P{number}_PS")
    paragraphs = placed_paragraphs(page)
    place.set_box(space, Box.around([p.box for p in paragraphs]) if paragraphs else Box(0, 0, 1, 1))
    for b, paragraph in enumerate(paragraphs, 1):
        block = ET.SubElement(space, "TextBlock", ID=f"P{number}_B{b}")
        place.set_box(block, paragraph.box)
        for n, line in enumerate(paragraph.lines, 1):
            line_element = ET.SubElement(block, "TextLine", ID=f"P{number}_B{b}_L{n}")
            place.set_box(line_element, line.box)
            for w, word in enumerate(line.words, 1):
                if w > 1:
                    _space(line_element, line.words[w - 2].box, word.box, place)
                text = xml_safe(word.text)
                string = ET.SubElement(line_element, "String", ID=f"P{number}_B{b}_L{n}_W{w}")
                if word.hyphen == HYPHEN_FIRST and len(text) > 1:
                    string.set("CONTENT", text[:-1])
                else:
                    string.set("CONTENT", text)
                place.set_box(string, word.box)
                if word.conf >= 0:
                    string.set("WC", f"{min(word.conf, 100.0) / 100:.2f}")
                if word.hyphen in (HYPHEN_FIRST, HYPHEN_SECOND):
                    string.set("SUBS_TYPE", "HypPart1" if word.hyphen == HYPHEN_FIRST else "HypPart2")
                    string.set("SUBS_CONTENT", xml_safe(word.whole))
                if word.hyphen == HYPHEN_FIRST and len(text) > 1:
                    ET.SubElement(line_element, "HYP", CONTENT=text[-1])


def _space(line: ET.Element, before: Box, after: Box, place: _Placer) -> None:
    """The gap between two words of a line."""
    space = ET.SubElement(line, "SP")
    if after.x0 > before.x1:
        space.set("HPOS", _fmt(before.x1 * place.width))
        space.set("VPOS", _fmt(min(before.y0, after.y0) * place.height))
        space.set("WIDTH", _fmt((after.x0 - before.x1) * place.width))


_PAGES = "ScribaPages"  # stands for the pages in the skeleton, replaced as the file is written


def _namespaced(root: ET.Element) -> None:
    for element in root.iter():
        if not element.tag.startswith("{"):
            element.tag = f"{{{NAMESPACE}}}{element.tag}"


def alto_chunks(doc: ExportDocument) -> Iterator[bytes]:
    """The ALTO file a page at a time (UTF-8, indented by one space a level): the skeleton
    before the first Page, one Page per page (blank and failed pages included), the rest. Only
    one page's elements exist at a time: the whole tree of a 900-page document took ~0.5 MB a
    page. The bytes are those of the whole tree written at once with ``ET.indent``: a Page's
    own tags need no namespace prefix, the default namespace being the document's."""
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xsi", _XSI)
    root = ET.Element("alto", {f"{{{_XSI}}}schemaLocation": f"{NAMESPACE} {SCHEMA}"})
    _description(root, doc)
    layout = ET.SubElement(root, "Layout")
    pages = layout_pages(doc)
    if pages:
        ET.SubElement(layout, _PAGES)
    _namespaced(root)
    tree = ET.ElementTree(root)
    ET.indent(tree, space=" ")
    buffer = io.BytesIO()
    tree.write(buffer, encoding="UTF-8", xml_declaration=True)
    skeleton = buffer.getvalue()
    if not pages:
        yield skeleton
        return
    head, _, rest = skeleton.partition(f"<{_PAGES} />".encode())
    yield head
    for index, page in enumerate(pages):
        holder = ET.Element("Layout")
        _page(holder, page, pages)
        element = holder[0]
        ET.indent(element, space=" ", level=2)
        text = ET.tostring(element, encoding="unicode")
        yield (("\n  " if index else "") + text).encode("utf-8")
    yield rest


class AltoExporter:
    """ALTO v4 XML, UTF-8, positions in tenths of a millimetre."""

    name = "alto"
    suffix = ".xml"
    label = ("ALTO XML", "ALTO XML")
    description = ("ALTO XML", "ALTO XML")

    def write(self, doc: ExportDocument, out: BinaryIO, options: ExportOptions) -> None:
        for chunk in alto_chunks(doc):
            out.write(chunk)
