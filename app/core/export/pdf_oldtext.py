"""One text per page: a page read by OCR loses the invisible text it came with.

A scan often carries a scanner's old OCR layer: text drawn in render mode 3 (neither filled nor
stroked). When that layer was judged unusable (too thin, or garbage) and the page was read by
OCR, Scriba adds its own layer; keeping the old one would give every search and copy two texts,
one of them wrong. So the text-showing operators (``Tj``, ``TJ``, ``'``, ``"``) drawn in render
mode 3 are removed from the page's content streams, and everything else stays: the images,
vectors and visible text draw exactly as before (``'`` and ``"`` keep their line move).

Visible old text (render modes 0-2, or 4-7, which also clip) is left alone, on purpose:
removing it would blank printed words, and painting it over with an image would turn vector
text into pixels. Such a page keeps its look and its old text, and gets Scriba's layer on top
(its old text was judged unusable, so searching needs the new one): the one case where a page
can carry two texts, and the honest one, since the old one is what the page visibly shows.

The same goes for the form XObjects the page draws (OCRmyPDF lays its text over a page as a
form): a stripped form is a new object in the page's own copy of its resources, so another page
drawing that form keeps it. A content stream is only parsed when it sets render mode 3 at all;
the others are kept byte for byte. One qpdf cannot parse is kept as it is (logged).
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pikepdf
    from pikepdf import ContentStreamInlineImage, ContentStreamInstruction

log = logging.getLogger(__name__)

_SETS_INVISIBLE = re.compile(rb"(?<![\w.])3\s+Tr(?!\w)")
_SHOWS = {"Tj", "TJ", "'", '"'}


def _streams(page: pikepdf.Dictionary) -> list[pikepdf.Stream]:
    from pikepdf import Array, Stream

    contents = page.get("/Contents")
    parts = list(contents) if isinstance(contents, Array) else [contents]
    return [part for part in parts if isinstance(part, Stream)]


def _visible_only(
    instructions: Sequence[ContentStreamInstruction | ContentStreamInlineImage],
) -> tuple[list[ContentStreamInstruction | ContentStreamInlineImage], int]:
    """The instructions without the text shown in render mode 3, and how many were removed."""
    from pikepdf import ContentStreamInstruction, Operator

    kept: list[ContentStreamInstruction | ContentStreamInlineImage] = []
    removed = 0
    mode, saved = 0, []
    for item in instructions:
        if not isinstance(item, ContentStreamInstruction):
            kept.append(item)  # an inline image
            continue
        operator, operands = str(item.operator), list(item.operands)
        if operator == "q":
            saved.append(mode)
        elif operator == "Q":
            mode = saved.pop() if saved else 0
        elif operator == "Tr" and operands:
            try:
                mode = int(operands[0])
            except (TypeError, ValueError):
                mode = 0
        elif operator in _SHOWS and mode == 3:
            removed += 1
            if operator == '"' and len(operands) >= 2:  # word and character spacing, then the line move
                kept.append(ContentStreamInstruction([operands[0]], Operator("Tw")))
                kept.append(ContentStreamInstruction([operands[1]], Operator("Tc")))
            if operator in ("'", '"'):
                kept.append(ContentStreamInstruction([], Operator("T*")))
            continue
        kept.append(item)
    return kept, removed


def _stripped(pdf: pikepdf.Pdf, data: bytes) -> tuple[bytes | None, int]:
    """``data`` without its render-mode-3 text, or None when there was none (or it cannot be parsed)."""
    import pikepdf

    if not _SETS_INVISIBLE.search(data):
        return None, 0
    try:
        instructions = pikepdf.parse_content_stream(pikepdf.Stream(pdf, data))
    except (pikepdf.PdfError, ValueError) as error:
        log.warning("content of a page not parsed, its old text kept: %s", error)
        return None, 0
    kept, removed = _visible_only(instructions)
    return (pikepdf.unparse_content_stream(kept), removed) if removed else (None, 0)


def _strip_forms(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> int:
    """Strip the page's form XObjects (OCRmyPDF lays its text over a page as one) of invisible
    text; the stripped forms are new objects in a copy of the page's resources, so another
    page that draws the same form keeps it."""
    import pikepdf
    from pikepdf import Dictionary, Stream

    resources = page.get("/Resources")
    xobjects = resources.get("/XObject") if isinstance(resources, Dictionary) else None
    if not isinstance(resources, Dictionary) or not isinstance(xobjects, Dictionary):
        return 0
    replaced: dict[str, pikepdf.Object] = {}
    removed = 0
    for name, xobject in xobjects.items():
        if not isinstance(xobject, Stream) or xobject.get("/Subtype") != "/Form":
            continue
        try:
            data, count = _stripped(pdf, xobject.read_bytes())
        except pikepdf.PdfError as error:
            log.warning("a form of a page not read, its old text kept: %s", error)
            continue
        if data is None:
            continue
        form = pdf.make_stream(data)
        for key, value in xobject.stream_dict.items():
            if key not in ("/Length", "/Filter", "/DecodeParms"):
                form[key] = value
        replaced[name] = form
        removed += count
    if replaced:
        copied = Dictionary({key: value for key, value in xobjects.items()})
        for name, stripped in replaced.items():
            copied[name] = stripped
        own = Dictionary({key: value for key, value in resources.items()})
        own.XObject = copied
        page.Resources = own
    return removed


def remove_invisible_text(pdf: pikepdf.Pdf, page: pikepdf.Page) -> int:
    """Remove the text ``page`` draws in render mode 3 from its content and the forms it draws;
    how many showings went.

    The page's streams are replaced by one new stream only when something was removed.
    """
    import pikepdf

    try:
        data = b"\n".join(stream.read_bytes() for stream in _streams(page.obj))
    except pikepdf.PdfError as error:
        log.warning("content of a page not read, its old text kept: %s", error)
        return 0
    stripped, removed = _stripped(pdf, data)
    if stripped is not None:
        page.obj.Contents = pdf.make_stream(stripped)
    return removed + _strip_forms(pdf, page.obj)
