"""Blank pages: recognised as such in ~3 ms and never handed to Tesseract.

A scanned blank page (the back of a sheet in a duplex scan) is paper and JPEG noise. With no ink
to anchor it, Tesseract's Otsu threshold splits the paper's own noise into "ink", and its layout
analysis then drowns in millions of specks: one such A4 page at 300 DPI kept it busy for 312 s
(measured; ``Recognize``'s own time limit is not checked there). Any real mark, even a lone page
number, anchors the threshold again: those pages read in 0.1-0.3 s and are not blank here.
"""

from __future__ import annotations

from app.core.render import GrayImage

#: Each pixel of the copy that is judged is the mean of a 4 x 4 block: a speck of noise fades into
#: the paper, a pen stroke stays. A lone "3" at 8 pt and 150 DPI still left 4 such pixels, a full
#: stop 2; noise-only pages left none.
REDUCE = 4
#: Gray levels a pixel must differ from the paper (the page's median) to count as a mark: darker
#: for ink on paper, lighter for white-on-black print.
MARK_CONTRAST = 64


def looks_blank(image: GrayImage) -> bool:
    """True when nothing on the page stands out from the paper: no text, no line, no picture."""
    small = image.to_pil().reduce(REDUCE) if min(image.width, image.height) >= REDUCE else image.to_pil()
    histogram = small.histogram()
    half = sum(histogram) / 2
    seen = 0
    paper = 255
    for level, count in enumerate(histogram):
        seen += count
        if seen >= half:
            paper = level
            break
    darker = sum(histogram[: max(0, paper - MARK_CONTRAST)])
    lighter = sum(histogram[paper + MARK_CONTRAST + 1 :])
    return darker == 0 and lighter == 0
