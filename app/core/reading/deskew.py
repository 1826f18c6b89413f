"""Pages fed crooked: how far their lines of print are tilted, and the page turned straight.

Tesseract reads lines of print that run level. Tilted by 2-4 degrees, a two-column page has its
columns interleaved line by line, and a plain page comes out as noise. The tilt is found from
the page's ink, like a ruler laid along its lines: summed along a line of print, ink piles into
sharp peaks (the lines) and gaps (between them); summed at any other angle it smears out. The
angle whose row sums change most sharply from row to row is the tilt (a projection profile, scored
as Bloomberg's sum of squared differences: the slow swell of margins and blocks counts little).

Done cheaply, in C by Pillow, with no OCR model: the page is cut into narrow vertical strips, each
reduced to one column of ink per row (one ``reduce``). Trying an angle then only shifts each strip
up or down (a shear of that small image, ~0.2 ms) and sums the strips row by row: a coarse pass
over +/- MAX_SKEW, then a fine one around the best. The same is done on the page's columns for a
page lying sideways, so the tilt is measured modulo 90 degrees: pages fed sideways or upside down
get the same answer, and the orientation look (``app.core.reading.line_shapes``) then sees level lines.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from app.core.reading.render import GrayImage, histogram_level
from app.core.results import Word

if TYPE_CHECKING:
    from PIL import Image

#: The page is read at this resolution or a little finer: lines of 8 pt print lie ~13 rows apart.
ANALYSIS_DPI = 100.0
#: Strips are this wide: tilted by 15 degrees, a line drifts ~4 rows within one (at ANALYSIS_DPI).
STRIP_INCHES = 0.1
#: A page narrower or shorter than this many strips has no lines long enough to measure.
MIN_STRIPS = 8
#: Pages are tilted by at most this much (a scanner's feeder, a sheet laid on a flatbed by hand).
MAX_SKEW = 15.0
#: The coarse pass tries angles this far apart; the fine pass then this far apart around the best.
COARSE_STEP = 1.0
FINE_STEP = 0.1
#: The coarse pass sums every this many rows into one: lines of 8 pt print still lie ~3 rows apart.
#: 4 against 2 took the tilt measure from 24.3 to 18.4 ms a page (CPU, 32 pages 0-15 degrees, faint
#: copies, 150-300 DPI, a table, a blank sheet; the same angle on every one).
COARSE_ROWS = 4
#: A page whose darkest ink (the darkest DARK_SHARE of its pixels, at a quarter of ANALYSIS_DPI:
#: print, not a speck) is within this many gray levels of its paper holds nothing to measure.
#: Two lines of 8 pt print on an A4 page still pass at 0.1 %; at 0.5 % pages of up to 5 lines
#: of 8-11 pt did not (13 of 36). A copier's blurred copy faded to 30-40 levels keeps only 18-23
#: (bench/real_corpus.py): at 24 such a page fed 8 degrees crooked went unstraightened and read as
#: noise (CER 0.88); noise and blank paper stay below 12, and MIN_CONTRAST still asks for lines.
MIN_DARKNESS = 12
DARK_SHARE = 0.001
#: Lines of print: the sums along the best angle score at least this many times more than at a
#: typical angle (the median of the coarse pass). Generated pages of print scored 20-30 (three
#: lines: 30), drawn blobs 1.6, a smooth picture laid square on the page 3.9 (with COARSE_ROWS 4:
#: a page of print 35, three lines 26, a photograph 2.4).
MIN_CONTRAST = 6.0
#: Pages tilted less than this are left as they are: Tesseract reads them as well, and turning
#: them would cost ~15 ms for nothing.
MIN_STRAIGHTEN = 0.3


@dataclass(frozen=True, slots=True)
class Straightened:
    """A page turned straight: ``skew`` degrees counter-clockwise as it lay (lines rising to the
    right), turned back clockwise about its centre onto a larger canvas of ``width`` x ``height``
    pixels, from an image of ``source_width`` x ``source_height``."""

    skew: float
    width: int
    height: int
    source_width: int
    source_height: int

    def to_source_fraction(self, x: float, y: float) -> tuple[float, float]:
        """Where a point of the straightened image (fractions of its sides) lay on the crooked one."""
        angle = math.radians(self.skew)
        cos, sin = math.cos(angle), math.sin(angle)
        # From the centre of the straight canvas, turned counter-clockwise (y runs down) by skew.
        dx, dy = x * self.width - self.width / 2, y * self.height - self.height / 2
        sx = dx * cos + dy * sin + self.source_width / 2
        sy = -dx * sin + dy * cos + self.source_height / 2
        return sx / self.source_width, sy / self.source_height

    def words_on_source(self, words: Sequence[Word]) -> tuple[Word, ...]:
        """Word boxes read on the straightened page moved onto the crooked one: each box's corners
        turned back, and the box that encloses them (a word tilted by 4 degrees gets a box ~7 %
        of its width taller, which still covers its ink and little else)."""
        moved = []
        for w in words:
            corners = [self.to_source_fraction(x, y) for x in (w.x0, w.x1) for y in (w.y0, w.y1)]
            xs, ys = [x for x, _ in corners], [y for _, y in corners]
            moved.append(
                replace(
                    w,
                    x0=_clamp(min(xs)),
                    y0=_clamp(min(ys)),
                    x1=_clamp(max(xs)),
                    y1=_clamp(max(ys)),
                )
            )
        return tuple(moved)


def level_words(words: Sequence[Word], skew: float, width: float, height: float) -> tuple[Word, ...]:
    """Word boxes of a page that lay ``skew`` degrees crooked (``PageResult.words``: boxes that
    enclose the tilted words) as they lie on the page turned straight about its centre, each box
    back to the word's own size. ``width`` x ``height``: the page's size (any unit, both the same).

    Whatever lays text along the printed lines (the searchable PDF's layer) works there, where
    lines are level, and turns the result back by ``skew``.
    """
    angle = math.radians(skew)
    cos, sin = math.cos(angle), math.sin(angle)
    # A w x h box turned by the skew is enclosed by (w cos + h |sin|) x (w |sin| + h cos); solved
    # for w and h (a page turned less than 45 degrees: cos^2 - sin^2 > 0).
    spread = cos * cos - sin * sin
    level = []
    for w in words:
        outer_w, outer_h = (w.x1 - w.x0) * width, (w.y1 - w.y0) * height
        inner_w = max((outer_w * cos - outer_h * abs(sin)) / spread, 0.25 * outer_w)
        inner_h = max((outer_h * cos - outer_w * abs(sin)) / spread, 0.25 * outer_h)
        # The centre turned clockwise about the page's centre: back to where the straight page has it.
        dx, dy = (w.x0 + w.x1) / 2 * width - width / 2, (w.y0 + w.y1) / 2 * height - height / 2
        x = (dx * cos - dy * sin + width / 2) / width
        y = (dx * sin + dy * cos + height / 2) / height
        half_w, half_h = inner_w / 2 / width, inner_h / 2 / height
        level.append(replace(w, x0=x - half_w, y0=y - half_h, x1=x + half_w, y1=y + half_h))
    return tuple(level)


def _clamp(fraction: float) -> float:
    return min(1.0, max(0.0, fraction))


def detect_skew(image: GrayImage, dpi: float) -> float | None:
    """Degrees the page's lines of print are turned counter-clockwise (modulo 90, within
    +/- MAX_SKEW), or ``None`` when the page holds no lines of print to measure."""
    picture = _ink(image, dpi)
    if picture is None:
        return None
    strip = max(2, round(STRIP_INCHES * picture.width / (image.width / dpi)))
    if min(picture.size) < MIN_STRIPS * strip:
        return None  # a sliver or a stamp-sized image: too few strips to lay a line across
    across, along = _strips(picture, strip)
    coarse = [
        i * COARSE_STEP for i in range(-round(MAX_SKEW / COARSE_STEP), round(MAX_SKEW / COARSE_STEP) + 1)
    ]
    best_across, contrast_across = _best_of(_coarse(across), strip / COARSE_ROWS, coarse)
    best_along, contrast_along = _best_of(_coarse(along), strip / COARSE_ROWS, coarse)
    if max(contrast_across, contrast_along) < MIN_CONTRAST:
        return None
    strips, best = (across, best_across) if contrast_across >= contrast_along else (along, best_along)
    steps = round(COARSE_STEP / FINE_STEP)
    fine = [best + i * FINE_STEP for i in range(-steps, steps + 1)]
    scores = [_score(strips, strip, a) for a in fine]
    top = max(range(len(fine)), key=scores.__getitem__)
    angle = fine[top] + _vertex(scores, top) * FINE_STEP
    return -angle if strips is along else angle


def _coarse(strips: Image.Image) -> Image.Image:
    """The strips with a quarter of their rows, for the coarse pass: lines of 8 pt print stay apart."""
    return strips.reduce((1, COARSE_ROWS))


def straighten(image: GrayImage, skew: float) -> tuple[GrayImage, Straightened]:
    """The page turned back by ``skew`` degrees, on a canvas grown to hold all of it, the corners
    filled with the paper's gray (so no edge is drawn that could read as a line or a letter)."""
    from PIL import Image

    picture = image.to_pil()
    # Nearest-pixel turning: 16 ms for an A4 page at 300 DPI against 139 ms bilinear (median of 7,
    # on this machine, 2026-12-01), and Tesseract read 2, 5 and 10 degree pages alike from
    # both (CER 0.000-0.002): at scan resolution the one-pixel steps along a stroke are noise.
    straight = picture.rotate(
        -skew,
        resample=Image.Resampling.NEAREST,
        expand=True,
        fillcolor=histogram_level(picture.reduce(4).histogram(), 0.5),  # the paper's gray
    )
    return GrayImage.from_pil(straight), Straightened(
        skew, straight.width, straight.height, image.width, image.height
    )


def straightened(image: GrayImage, dpi: float) -> tuple[GrayImage, Straightened | None]:
    """The page as Tesseract should read it: turned straight when it lies tilted by
    MIN_STRAIGHTEN or more, else as it is (``None``: not turned)."""
    skew = detect_skew(image, dpi)
    if skew is None or abs(skew) < MIN_STRAIGHTEN:
        return image, None
    return straighten(image, skew)


def _ink(image: GrayImage, dpi: float) -> Image.Image | None:
    """The page at ~ANALYSIS_DPI as ink (0: paper, up to 255: the darkest print), or ``None`` when
    nothing on it is darker than the paper."""
    picture = image.to_pil()
    factor = max(1, int(dpi / ANALYSIS_DPI))
    if factor > 1:
        picture = picture.reduce(factor)
    histogram = picture.reduce(2).histogram()
    paper, dark = histogram_level(histogram, 0.5), histogram_level(histogram, DARK_SHARE)
    if paper - dark < MIN_DARKNESS:
        return None
    # Paper and its noise count nothing; ink counts by how dark it is, whatever the contrast.
    floor, span = paper - max(8, (paper - dark) // 8), max(1, (paper - dark) * 7 // 8)
    table = [min(255, max(0, (floor - level) * 255 // span)) for level in range(256)]
    return picture.point(table)


def _strips(picture: Image.Image, strip: int) -> tuple[Image.Image, Image.Image]:
    """The page's ink in strips ``strip`` pixels wide, one column per strip: strips down the page,
    and strips across it (its columns as rows, for a page lying sideways; transposed, so a
    counter-clockwise tilt turns clockwise)."""
    from PIL import Image

    width, height = picture.width // strip * strip, picture.height // strip * strip
    down = picture.crop((0, 0, width, picture.height)).reduce((strip, 1))
    across = picture.crop((0, 0, picture.width, height)).reduce((1, strip))
    return down.convert("F"), across.transpose(Image.Transpose.TRANSPOSE).convert("F")


def _score(strips: Image.Image, strip: float, angle: float) -> float:
    """How sharply the ink piles into rows when summed along lines tilted ``angle`` degrees
    counter-clockwise: the squared differences of neighbouring rows' sums, summed."""
    from PIL import Image

    # Along a line rising to the right, a strip k strips right of the middle meets it k * slope
    # rows higher up: row y of the sheared image reads that strip's row y - k * slope. Nearest
    # rows (not interpolated ones) keep the shear ~8 times cheaper; the error averages out.
    slope = math.tan(math.radians(angle)) * strip
    middle = strips.width / 2
    sheared = strips.transform(
        strips.size,
        Image.Transform.AFFINE,
        (1, 0, 0, -slope, 1, slope * middle),
        resample=Image.Resampling.NEAREST,
    )
    rows = array("f", sheared.reduce((strips.width, 1)).tobytes())
    return sum((after - before) ** 2 for before, after in zip(rows, rows[1:], strict=False))


def _best_of(strips: Image.Image, strip: float, angles: list[float]) -> tuple[float, float]:
    """The angle among ``angles`` along which the ink lines up best, and how much better it does
    than a typical angle (the median score)."""
    scores = [_score(strips, strip, a) for a in angles]
    top = max(range(len(angles)), key=scores.__getitem__)
    typical = sorted(scores)[len(scores) // 2]
    return angles[top], scores[top] / typical if typical > 0 else 0.0


def _vertex(scores: list[float], top: int) -> float:
    """The peak between steps: the vertex of the parabola through the best score and its neighbours."""
    if top == 0 or top == len(scores) - 1:
        return 0.0
    left, middle, right = scores[top - 1], scores[top], scores[top + 1]
    curve = left - 2 * middle + right
    return 0.5 * (left - right) / curve if curve < 0 else 0.0
