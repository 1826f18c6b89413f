"""A PDF page's own text layer as words with boxes, for the layout exports (ALTO, hOCR).

A page whose text layer was taken (``PageSource.TEXT``) keeps only its text in the results:
its words' places are read here, from the layer itself (PDFium's character boxes), when an
export needs them. Nothing is recognised again; the words are the layer's characters split at
white space, so they are the words of the page's text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.reading.layer_geometry import page_to_pixels
from app.core.reading.passwords import open_pdfium
from app.core.results import Word

if TYPE_CHECKING:
    import pypdfium2

log = logging.getLogger(__name__)

#: Pixels per point of the nominal drawing the boxes are measured on (fractions come out of it).
_SCALE = 8


def text_layer_words(path: Path, password: str | None, pages: Iterable[int]) -> dict[int, tuple[Word, ...]]:
    """The words of ``pages`` (0-based) of the PDF at ``path``, boxes as the page is displayed.

    A page PDFium cannot load is left out; a document it cannot open gives ``{}`` (the export
    then writes those pages without words, as before), and says so in the log.
    """
    import pypdfium2

    try:
        document, _ = open_pdfium(path, password)
    except (pypdfium2.PdfiumError, OSError) as error:
        log.warning("%s: the text layer's word positions cannot be read: %s", path.name, error)
        return {}
    words: dict[int, tuple[Word, ...]] = {}
    try:
        for index in pages:
            try:
                page = document[index]
            except (pypdfium2.PdfiumError, IndexError) as error:
                log.warning("%s: page %d's text layer cannot be read: %s", path.name, index + 1, error)
                continue
            try:
                words[index] = page_words(page)
            finally:
                page.close()
    finally:
        document.close()
    return words


def page_words(page: pypdfium2.PdfPage) -> tuple[Word, ...]:
    """The page's text layer as words in reading order: one line per line break of the layer,
    a new paragraph after an empty line."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    if int(page.get_rotation()) in (90, 270):
        width, height = height, width
    pixels_w, pixels_h = max(1, round(width * _SCALE)), max(1, round(height * _SCALE))
    to_pixels = page_to_pixels(page, pixels_w, pixels_h, 0)
    textpage = page.get_textpage()
    words: list[Word] = []
    letters: list[str] = []
    boxes: list[tuple[int, int, int, int]] = []
    par, line, breaks = 1, 1, 0

    def flush() -> None:
        if letters:
            x0 = min(b[0] for b in boxes) / pixels_w
            y0 = min(b[1] for b in boxes) / pixels_h
            x1 = max(b[2] for b in boxes) / pixels_w
            y1 = max(b[3] for b in boxes) / pixels_h
            words.append(Word("".join(letters), x0, y0, x1, y1, 100.0, 1, par, line))
            letters.clear()
            boxes.clear()

    try:
        for i in range(textpage.count_chars()):
            char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
            if char in "\r\n":  # PDFium ends a line with \r\n
                flush()
                breaks += char == "\n"
                continue
            if breaks:
                if words:
                    par, line = (par + 1, 1) if breaks > 1 else (par, line + 1)
                breaks = 0
            if char.isspace() or char == "\x00":
                flush()
                continue
            left, bottom, right, top = textpage.get_charbox(i)
            letters.append(char)
            boxes.append(to_pixels(left, bottom, right, top))
        flush()
    finally:
        textpage.close()
    return tuple(words)
