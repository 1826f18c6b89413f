"""The invisible text of one page: where each recognised word goes, as PDF operators.

Word boxes are fractions of the page as a viewer shows it (``/Rotate`` applied, origin top
left). The layer is written in that displayed space, in points with the origin bottom left,
and one ``cm`` maps it into the page's own user space; so rotated pages and crop boxes that
do not start at 0,0 need nothing special in the word loop.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.export.glyphless import ADVANCE, DESCENT, UNITS_PER_EM, encode
from app.core.export.layout import Line, group_lines
from app.core.reading.deskew import level_words
from app.core.reading.orientation import to_page_fraction, upright_words
from app.core.results import Word

Matrix = tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class PageGeometry:
    """What a viewer displays of a page: its crop box (user space) and clockwise rotation."""

    left: float
    bottom: float
    right: float
    top: float
    rotate: int = 0  # 0, 90, 180 or 270

    @property
    def size(self) -> tuple[float, float]:
        """Width and height as displayed."""
        width, height = self.right - self.left, self.top - self.bottom
        return (height, width) if self.rotate in (90, 270) else (width, height)

    def display_to_user(self) -> Matrix:
        """The matrix taking displayed points (origin bottom left) to user space."""
        left, bottom, right, top = self.left, self.bottom, self.right, self.top
        return {
            0: (1.0, 0.0, 0.0, 1.0, left, bottom),
            90: (0.0, 1.0, -1.0, 0.0, right, bottom),
            180: (-1.0, 0.0, 0.0, -1.0, right, top),
            270: (0.0, -1.0, 1.0, 0.0, left, top),
        }[self.rotate]


def _number(value: float) -> bytes:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return (text if text not in ("", "-0") else "0").encode("ascii")


def _line_operators(line: Line, width: float, height: float, font: bytes) -> list[bytes]:
    # The em box (descent to ascent) of every glyph spans the line's box, so a viewer's
    # selection highlight covers the printed line.
    size = max((line.y1 - line.y0) * height, 1.0)
    baseline = (1.0 - line.y1) * height - DESCENT / UNITS_PER_EM * size
    ops = [b"/" + font + b" " + _number(size) + b" Tf"]
    words = line.words
    for index, word in enumerate(words):
        last = index == len(words) - 1
        # A trailing space fills the gap to the next word, so extractors see a space
        # and a selection runs on without holes.
        text = word.text if last else word.text + " "
        codes = encode(text)
        left = word.x0 * width
        span = (word.x1 if last else words[index + 1].x0) * width - left
        if span <= 0:
            span = max((word.x1 - word.x0) * width, 0.1)
        natural = len(codes) // 2 * ADVANCE / UNITS_PER_EM * size
        ops.append(_number(100.0 * span / natural) + b" Tz")
        ops.append(b"1 0 0 1 " + _number(left) + b" " + _number(baseline) + b" Tm")
        ops.append(b"<" + codes.hex().upper().encode("ascii") + b"> Tj")
    return ops


def upright_to_display(size: tuple[float, float], rotation: int) -> tuple[tuple[float, float], Matrix]:
    """The upright page's size and the matrix from its points to displayed points."""
    width, height = size
    upright = (height, width) if rotation in (90, 270) else (width, height)

    def point(x: float, y: float) -> tuple[float, float]:
        u, v = to_page_fraction(x / upright[0], 1.0 - y / upright[1], rotation)
        return u * width, (1.0 - v) * height

    # The mapping is affine: the images of the origin and of two unit steps define it.
    (e, f), (ax, ay), (cx, cy) = point(0, 0), point(1, 0), point(0, 1)
    return upright, (ax - e, ay - f, cx - e, cy - f, e, f)


def tilted(size: tuple[float, float], skew: float) -> Matrix:
    """The matrix turning the displayed page ``skew`` degrees counter-clockwise about its centre."""
    angle = math.radians(skew)
    cos, sin = math.cos(angle), math.sin(angle)
    cx, cy = size[0] / 2, size[1] / 2
    return (cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy)


def layer_stream(
    words: Sequence[Word],
    geometry: PageGeometry,
    font: str,
    *,
    rotation: int = 0,
    skew: float = 0.0,
    visible: bool = False,
) -> bytes:
    """The content stream that draws ``words`` invisibly (render mode 3) with font ``font``.

    ``rotation`` and ``skew`` are the page result's: the content is turned that many degrees
    clockwise (quarter turns), after lying ``skew`` degrees crooked, on the displayed page; so the
    layer is written upright and level, then turned and tilted the same way, and selecting follows
    the printed lines. Self-contained: it saves and restores the graphics state and sets
    everything it uses.
    """
    rotation = rotation % 360 if rotation % 90 == 0 else 0
    if skew:
        words = level_words(words, skew, *geometry.size)
    (width, height), turn = upright_to_display(geometry.size, rotation)
    matrices = (
        [geometry.display_to_user()]
        + ([tilted(geometry.size, skew)] if skew else [])
        + ([turn] if rotation else [])
    )
    ops = [b"q", *(b" ".join(_number(v) for v in m) + b" cm" for m in matrices), b"BT"]
    # Character spacing and rise are reset in case the state this stream inherits set them.
    ops += [b"0 Tc", b"0 Ts", b"0 Tr" if visible else b"3 Tr"]
    for line in group_lines(upright_words(words, rotation)):
        ops.extend(_line_operators(line, width, height, font.encode("ascii")))
    ops += [b"ET", b"Q"]
    return b"\n".join(ops) + b"\n"
