"""Blank pages: told apart from pages with any print, even faint, and never handed to Tesseract.

A scanned blank page (the back of a sheet in a duplex scan) is paper and JPEG noise. With no ink
to anchor it, Tesseract's Otsu threshold splits the paper's own noise into "ink", and its layout
analysis then drowns in millions of specks: one such A4 page at 300 DPI kept it busy for 312 s
(measured; ``Recognize``'s own time limit is not checked there). Any real mark, even a lone page
number, anchors the threshold again: those pages read in 0.1-0.3 s and are not blank here.

Two looks, cheapest first:

1. ``looks_blank`` (~3 ms): nothing differs from the paper by ``MARK_CONTRAST`` gray levels. Print
   of ordinary contrast always does.
2. ``holds_faint_print`` (~20-40 ms), asked only of pages the first look called blank: a faded
   photocopy's print may lie only 20-60 levels below the paper, within reach of the noise of the
   first look's fine copy. Each pixel of a copy at ~1 mm per pixel averages hundreds of pixels, so
   noise fades while a line of print stays a darker streak; each is compared with the paper around
   it (uneven lighting is no mark), and marks count only where they form a shape the size of a
   word: specks and dust do not. Tesseract reads such pages well (CER < 1 % at 20 levels measured
   with tests/unit/test_blank.py's pages), so they are read, not thrown away.
"""

from __future__ import annotations

import math

from PIL import Image, ImageChops, ImageFilter

from app.core.reading.render import GrayImage, histogram_level

#: Each pixel of the copy that is judged is the mean of a 4 x 4 block: a speck of noise fades into
#: the paper, a pen stroke stays. A lone "3" at 8 pt and 150 DPI still left 4 such pixels, a full
#: stop 2; noise-only pages left none.
REDUCE = 4
#: Gray levels a pixel must differ from the paper (the page's median) to count as a mark: darker
#: for ink on paper, lighter for white-on-black print.
MARK_CONTRAST = 64

#: The second look's pixels are about a millimetre wide, and at most this many.
FAINT_PIXELS_PER_INCH = 25.4
MAX_LOOK_PIXELS = 250_000
#: The paper around a pixel: the lighter part (this rank, of 81) of the 9 x 9 mm around it, so that
#: the print of a dense paragraph does not darken its own background.
PAPER_WINDOW = 9
PAPER_RANK = 48
#: A pixel is a mark when it is this many levels darker (or lighter) than the paper around it, and
#: clearly above the page's own noise (``NOISE_MARGIN`` times the level 90 % of pixels stay within).
#: Print 20 levels below the paper measured 6-9 here; scanner and JPEG noise 0-3; the mirrored
#: print of the other side shining through at 10 levels, 0-4.
MIN_FAINT_LEVELS = 6
NOISE_MARGIN = 3
#: A page holds print when its marks form one shape at least this wide (mm) and this large (mm²):
#: a word. A lone faint "Página 3" at 9 pt made one of 8-14 mm; the specks and dust of noisy blank
#: sheets made shapes of at most 3 mm and 4 mm².
MIN_WORD_WIDTH = 6
MIN_WORD_AREA = 6


def looks_blank(image: GrayImage) -> bool:
    """True when nothing on the page stands out from the paper: no text, no line, no picture."""
    small = image.to_pil().reduce(REDUCE) if min(image.width, image.height) >= REDUCE else image.to_pil()
    histogram = small.histogram()
    paper = histogram_level(histogram, 0.5)
    darker = sum(histogram[: max(0, paper - MARK_CONTRAST)])
    lighter = sum(histogram[paper + MARK_CONTRAST + 1 :])
    return darker == 0 and lighter == 0


def holds_faint_print(image: GrayImage, dpi: float) -> bool:
    """True when a page that ``looks_blank`` still holds print too faint for that look to see."""
    # Past A2 (~250,000 mm²) the pixels grow beyond a millimetre: a giant page at the pixel cap
    # must not cost a worker its copies at full size.
    area_factor = math.ceil(math.sqrt(image.width * image.height / MAX_LOOK_PIXELS))
    factor = max(1, round(dpi / FAINT_PIXELS_PER_INCH), area_factor)
    picture = image.to_pil()
    small = picture.reduce(factor) if min(picture.size) >= factor * PAPER_WINDOW else picture
    if min(small.size) < PAPER_WINDOW:
        return False
    paper = small.filter(ImageFilter.RankFilter(PAPER_WINDOW, PAPER_RANK))
    darker = ImageChops.subtract(paper, small)
    # White print on black: the "paper" is the darker part around it.
    dark_paper = small.filter(ImageFilter.RankFilter(PAPER_WINDOW, PAPER_WINDOW**2 - 1 - PAPER_RANK))
    lighter = ImageChops.subtract(small, dark_paper)
    return any(_holds_a_word(difference) for difference in (darker, lighter))


def _holds_a_word(difference: Image.Image) -> bool:
    """Whether the marks of ``difference`` form a shape the size of a word."""
    threshold = max(MIN_FAINT_LEVELS, NOISE_MARGIN * histogram_level(difference.histogram(), 0.9) + 2)
    width, height = difference.size
    marked = bytearray(difference.point(lambda level: 1 if level >= threshold else 0).tobytes())
    start = marked.find(1)
    while start >= 0:
        marked[start] = 0
        stack, area, left, right = [start], 0, start % width, start % width
        while stack:
            pixel = stack.pop()
            area += 1
            x = pixel % width
            left, right = min(left, x), max(right, x)
            for neighbour, inside in (
                (pixel - 1, x > 0),
                (pixel + 1, x < width - 1),
                (pixel - width, pixel >= width),
                (pixel + width, pixel < (height - 1) * width),
            ):
                if inside and marked[neighbour]:
                    marked[neighbour] = 0
                    stack.append(neighbour)
        if area >= MIN_WORD_AREA and right - left + 1 >= MIN_WORD_WIDTH:
            return True
        start = marked.find(1, start + 1)
    return False
