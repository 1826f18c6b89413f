"""Where a word's glyphs sit: its runs of inked columns, and the rows each one's ink spans.

The word comes from Tesseract (its box in image pixels); the pixels are the image it was read
from. ``app.core.reading.legal_symbols`` tells a raised º from a 2 and a § from an 8 with it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from app.core.reading.engines import PixelWord
from app.core.reading.render import GrayImage

#: A word's crop with less contrast than this between its darkest and lightest pixel holds no print.
MIN_CONTRAST = 48
#: Crops larger than this are not measured: a short word of print at 600 DPI is ~30,000 pixels,
#: while a "word" Tesseract finds in a photo or a drawing can span most of a 60-megapixel page, and
#: measuring it takes three copies of it.
MAX_CROP_PIXELS = 1_000_000


@dataclass(frozen=True, slots=True)
class Glyph:
    """A run of image columns with ink inside a word's box, and the rows its ink spans."""

    left: int
    right: int
    top: int
    bottom: int


def glyphs(image: GrayImage, word: PixelWord) -> list[Glyph]:
    """The word's glyphs, left to right, as runs of columns with ink.

    A glyph's top and bottom are its first and last rows with ink across an eighth of its width
    (two pixels at least; an eighth keeps the thin stem of a 7): a speck of dust under a raised º
    then does not pull its bottom down onto the baseline, nor does a speck make a glyph of its own.
    Pillow averages the columns and rows: ~0.1 ms a word (a Python loop over the pixels took 0.25).
    """
    from PIL import Image

    x0, y0 = max(0, word.left), max(0, word.top)
    x1, y1 = min(image.width, word.left + word.width), min(image.height, word.top + word.height)
    width, height = x1 - x0, y1 - y0
    if width < 2 or height < 2 or width * height > MAX_CROP_PIXELS:
        return []
    rows = b"".join(image.data[y * image.stride + x0 : y * image.stride + x1] for y in range(y0, y1))
    darkest, lightest = min(rows), max(rows)
    if lightest - darkest < MIN_CONTRAST:
        return []
    # Ink is what is darker than halfway between the crop's print and its paper, so faint print
    # (dark grey at best) and a grey paper tone are split as well as black on white.
    split = (darkest + lightest) // 2
    ink = Image.frombytes("L", (width, height), rows.translate(_ink_table(split)))
    columns = ink.resize((width, 1), Image.Resampling.BOX).tobytes()
    found: list[Glyph] = []
    x = 0
    while x < width:
        if not columns[x]:
            x += 1
            continue
        start = x
        while x < width and columns[x]:
            x += 1
        need = max(2, (x - start) // 8)
        # Each row's share of inked pixels across the run, as 0-255.
        profile = ink.crop((start, 0, x, height)).resize((1, height), Image.Resampling.BOX).tobytes()
        solid = [y for y, share in enumerate(profile) if share * (x - start) >= (need - 0.5) * 255]
        if solid:
            found.append(Glyph(x0 + start, x0 + x - 1, y0 + solid[0], y0 + solid[-1]))
    return found


@functools.cache
def _ink_table(split: int) -> bytes:
    """Pixels darker than ``split`` as 255 (ink), the others as 0."""
    return bytes(255 if v < split else 0 for v in range(256))
