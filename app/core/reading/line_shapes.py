"""Which way up a page of print is, from the shape of its text lines: ~6 ms, no OCR model.

In Latin print more ink rises above a line's middle band (ascenders b d f h k l t, capitals,
accents, the dots of i and j) than hangs below it (descenders g j p q y, commas). Upside down,
the same lines hang their ink below. A page is cut into half-inch strips across its lines; in
each strip, rows dark enough to hold ink form the lines, and each line's ink above and below its
densest band is summed. Turned the other way (strips along the lines), the same analysis tells
text running up or down the page.

It answers only when the page plainly holds lines of print: many lines of one height in one
direction, leaning clearly one way. Anything else (all capitals, tables, pictures, handwriting,
a few words) gets ``None`` and Tesseract's own orientation check. The thresholds below were
chosen on 600 generated pages (9 typefaces, 8-14 pt, 150-400 DPI, line spacing 1.15-2, skew up to
2 degrees, all four orientations) and checked on 1,200 others, where 825 were answered, none
wrongly: ``bench/line_shapes_calibration.py`` with seeds 8, 11, 12 and 13.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.reading.render import GrayImage

#: Rows are read at this resolution or a little finer: the middle band of 8 pt print is ~7 rows.
ANALYSIS_DPI = 150.0
#: Strips across the lines are this wide: a line skewed by 2 degrees drifts ~2 rows within one.
STRIP_INCHES = 0.5
#: A strip whose darkest row is within this many gray levels of its lightest holds no print.
MIN_DARKNESS = 8
#: A row holds ink when it is darker than the strip's paper by this share of the strip's range,
#: and by at least INK_LEVELS gray levels (a row of a half-inch strip averages ~75 pixels).
INK_SHARE = 0.04
INK_LEVELS = 1.5
#: Runs of inked rows shorter than this are rules, dots or noise, not lines of print.
MIN_LINE_PT = 3.0
#: A line's middle band: its rows at least this share as dark as its darkest row.
BAND_SHARE = 0.5
#: Lower-case print: its middle band (the x-height) fills 0.56-0.73 of its lines' height; all
#: capitals, whose few accents decide nothing, 0.79-0.94 (medians over a page).
MAX_BAND_SHARE = 0.76
#: Print in lines: this many lines across strips in total (a line of print crosses ~12 strips, so
#: about four lines of print: on three, the lean of a wide typeface was once wrong), this share of
#: them of a usual height (within these multiples of the median), whose heights vary by at most
#: this coefficient of variation.
MIN_LINES = 40
USUAL_HEIGHT = (0.6, 1.6)
SAME_HEIGHT_SHARE = 0.9
MAX_HEIGHT_SPREAD = 0.2
#: (ink above - ink below) / (ink above + ink below) over all lines. Upright lower-case print
#: measured 0.14 and more on 95 % of pages and never below 0; this margin keeps out the noise.
MIN_LEAN = 0.1
#: When both directions look like lines, one must lean this many times more clearly.
DOMINANCE = 1.5


@dataclass(frozen=True, slots=True)
class LineShape:
    """Text lines found across one direction of the page."""

    lines: int
    regular: bool
    lean: float  # > 0: ink rises towards the start of the strips (the top, or the left)
    band: float  # the middle band's usual share of a line's height

    def looks_like_print(self) -> bool:
        return self.regular and self.band <= MAX_BAND_SHARE and abs(self.lean) >= MIN_LEAN

    def beats(self, other: LineShape) -> bool:
        """These are the page's lines, enough of them, rather than ``other``'s (however few)."""
        return (
            self.looks_like_print()
            and self.lines >= MIN_LINES
            and (not other.looks_like_print() or abs(self.lean) >= DOMINANCE * abs(other.lean))
        )


def rotation_from_lines(image: GrayImage, scale: float) -> int | None:
    """Degrees (0/90/180/270) the page's print is turned clockwise, or ``None`` when unsure."""
    dpi = scale * 72.0
    across, along = _strip_profiles(image, dpi)
    row_dpi = dpi / max(1, int(dpi / ANALYSIS_DPI))
    min_rows = max(2, int(MIN_LINE_PT * row_dpi / 72.0))
    rows = line_shape(across, min_rows)
    columns = line_shape(along, min_rows)
    if rows.beats(columns):
        return 0 if rows.lean > 0 else 180
    if columns.beats(rows):
        # Turned clockwise, a line's top faces right: its ascenders lie at the end of the strip.
        return 90 if columns.lean < 0 else 270
    return None


def _strip_profiles(image: GrayImage, dpi: float) -> tuple[list[bytes], list[bytes]]:
    """Mean gray level along each strip, row by row (strips down the page) and column by column
    (strips across it): box reductions done in C by Pillow, through a copy at ANALYSIS_DPI."""
    fine = max(1, int(dpi / ANALYSIS_DPI))
    picture = image.to_pil()
    if fine > 1:
        picture = picture.reduce(fine)
    strip = max(1, round(dpi / fine * STRIP_INCHES))
    width, height = picture.size  # a last partial row or column of strips is left out below
    down = picture.reduce((strip, 1))
    data = down.tobytes()
    down_strips = [data[i :: down.width][:height] for i in range(width // strip)]
    across = picture.reduce((1, strip))
    data = across.tobytes()
    across_strips = [data[i * width : (i + 1) * width] for i in range(height // strip)]
    return down_strips, across_strips


def line_shape(strips: list[bytes], min_rows: int) -> LineShape:
    """The lines of print crossing ``strips`` and which way their ink leans."""
    found: list[tuple[int, int, int, int]] = []  # (height, band height, ink above it, ink below it)
    for strip in strips:
        found.extend(_lines_in(strip, min_rows))
    if not found:
        return LineShape(0, False, 0.0, 1.0)
    median = _median([line[0] for line in found])
    low, high = USUAL_HEIGHT
    usual = [line for line in found if low * median <= line[0] <= high * median]
    mean = sum(line[0] for line in usual) / len(usual)
    spread = (sum((line[0] - mean) ** 2 for line in usual) / len(usual)) ** 0.5 / mean
    regular = len(usual) >= SAME_HEIGHT_SHARE * len(found) and spread <= MAX_HEIGHT_SPREAD
    above = sum(line[2] for line in usual)
    below = sum(line[3] for line in usual)
    lean = (above - below) / (above + below) if above + below else 0.0
    band = _median([line[1] / line[0] for line in usual])
    return LineShape(sum(1 for line in usual if line[2] + line[3]), regular, lean, band)


def _median(values: list[float] | list[int]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _lines_in(strip: bytes, min_rows: int) -> list[tuple[int, int, int, int]]:
    """Runs of inked rows in one strip: (height, middle band's height, ink above it, ink below it).

    Ink is darkness below the strip's lightest row (its paper), in gray levels.
    """
    paper = max(strip)
    darkest = paper - min(strip)
    if darkest < MIN_DARKNESS:
        return []
    inked = strip.translate(_ink_table(math.ceil(paper - max(INK_LEVELS, INK_SHARE * darkest))))
    lines = []
    for run in _RUNS.finditer(inked):
        start, end = run.span()
        # A run cut by either end of the strip is no whole line.
        if start > 0 and end < len(strip) and end - start >= min_rows:
            lines.append(_lean_of(strip[start:end], paper))
    return lines


def _lean_of(line: bytes, paper: int) -> tuple[int, int, int, int]:
    band = paper - BAND_SHARE * (paper - min(line))  # lighter than this: outside the middle band
    top = next(i for i, level in enumerate(line) if level <= band)
    bottom = next(i for i in range(len(line) - 1, -1, -1) if line[i] <= band)
    above = top * paper - sum(line[:top])
    below = (len(line) - 1 - bottom) * paper - sum(line[bottom + 1 :])
    return len(line), bottom - top + 1, above, below


_RUNS = re.compile(rb"\x01+")


@lru_cache(maxsize=256)
def _ink_table(cutoff: int) -> bytes:
    """A ``bytes.translate`` table marking the gray levels below ``cutoff`` with 1."""
    return bytes(1 if level < cutoff else 0 for level in range(256))
