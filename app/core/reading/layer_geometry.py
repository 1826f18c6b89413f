"""Where a PDF page's text layer lies in the page as drawn: which way its lines run, and its
character boxes in pixels."""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pypdfium2

#: Maps a box in page coordinates (left, bottom, right, top) to pixels (x0, y0, x1, y1).
BoxToPixels = Callable[[float, float, float, float], tuple[int, int, int, int]]


def upright_turn(page: pypdfium2.PdfPage, textpage: pypdfium2.PdfTextPage, indices: Sequence[int]) -> int:
    """The turn (degrees clockwise, on top of the page's /Rotate) that draws the page with its
    layer's lines running across, whichever way the page is shown and its text is set (a
    sideways scan's layer runs up the page); judged from the characters at ``indices``."""
    import pypdfium2.raw as pdfium_c

    sample = indices[:: max(1, len(indices) // 16)]
    quarters = sorted(
        round(max(0.0, float(pdfium_c.FPDFText_GetCharAngle(textpage.raw, i))) / (math.pi / 2)) % 4
        for i in sample
    )  # -1: PDFium could not tell; taken as upright
    rotation = int(page.get_rotation())
    return (quarters[len(quarters) // 2] * 90 - rotation) % 360


def page_to_pixels(page: pypdfium2.PdfPage, width: int, height: int, turn: int) -> BoxToPixels:
    """Page coordinates to pixels of ``page`` drawn ``width`` x ``height``, turned ``turn``
    degrees clockwise on top of its /Rotate, its crop box included (PDFium's own mapping, taken
    at three points: it is affine)."""
    import pypdfium2.raw as pdfium_c

    def device(x: float, y: float) -> tuple[float, float]:
        dx, dy = ctypes.c_int(), ctypes.c_int()
        # A large nominal size keeps PDFium's rounding to whole pixels out of the way.
        pdfium_c.FPDF_PageToDevice(
            page.raw,
            0,
            0,
            width * 64,
            height * 64,
            turn // 90,
            x,
            y,
            ctypes.byref(dx),
            ctypes.byref(dy),
        )
        return dx.value / 64, dy.value / 64

    ox, oy = device(0.0, 0.0)
    xx, xy = device(1000.0, 0.0)
    yx, yy = device(0.0, 1000.0)
    ax, ay = (xx - ox) / 1000, (xy - oy) / 1000
    bx, by = (yx - ox) / 1000, (yy - oy) / 1000

    def box(left: float, bottom: float, right: float, top: float) -> tuple[int, int, int, int]:
        xs = [ox + ax * x + bx * y for x in (left, right) for y in (bottom, top)]
        ys = [oy + ay * x + by * y for x in (left, right) for y in (bottom, top)]
        # One pixel of slack each way: a thin stroke drawn between two pixels lightens both.
        return int(min(xs)) - 1, int(min(ys)) - 1, int(max(xs)) + 2, int(max(ys)) + 2

    return box
