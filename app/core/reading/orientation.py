"""A page's orientation: read whether it lies sideways or upside down, turn it upright, and map
word boxes from the upright image back onto the page as a viewer displays it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.core.reading.engines import Engine, PixelWord, Recognized
from app.core.reading.line_shapes import rotation_from_lines
from app.core.reading.render import GrayImage
from app.core.results import Word

#: Mean word confidence of a page that reads well. Measured on 9-12 pt pages at 150-300 DPI:
#: upright pages score 91-95; upside-down ones 39-50 (Tesseract reads their shapes as letters).
READS_WELL = 75.0
#: A page whose words are mostly taller than wide lies on its side. Tesseract reads a page turned
#: 90 degrees clockwise as well as an upright one (same confidence), but its word boxes and lines
#: then run down the page, which breaks paragraph rebuilding and the searchable PDF layer.
SIDEWAYS_SHARE = 0.6
#: OSD classifies a fixed sample of ~250 letter shapes in four orientations. At 150 DPI it read
#: 9-12 pt pages as reliably as at 300 DPI and ~30 % faster; at ~100 DPI it guesses (x-heights
#: fall under Tesseract's 10 px minimum blob height). Measured with bench/ (issue 7).
OSD_DPI = 150.0
#: An answer this unsure from the reduced image is asked again at full resolution: sparse small
#: print (three lines of 9 pt) scored 2-4 at 150 DPI, 6-7 at 300; dense pages score 12 and up.
RECHECK_ORIENTATION = 5.0


def osd_reduction(scale: float) -> int:
    """By how much a page rendered at ``scale`` is reduced for orientation detection (1: not)."""
    return max(1, int(scale * 72.0 // OSD_DPI))


def osd_image(image: GrayImage, scale: float) -> GrayImage:
    """A smaller copy of ``image`` for orientation detection when it was rendered well above OSD_DPI."""
    factor = osd_reduction(scale)
    if factor == 1:
        return image
    return GrayImage.from_pil(image.to_pil().reduce(factor))


#: The quick look reads this band of the page (left, top, right, bottom as shares of its sides):
#: the middle of a page holds text on almost every page that has much text, and a band costs
#: a third less than the whole page. A page with text only at the top is left to the second look.
QUICK_BAND = (0.1, 0.3, 0.9, 0.6)
#: A quick answer below this confidence is not acted on (see engines.QUICK_OSD_LETTERS). A wrong
#: answer above it costs time, not text: the page then reads badly and gets the full check.
QUICK_SURE = 1.0


def quick_rotation(engine: Engine, image: GrayImage, scale: float) -> int:
    """A cheap first look at the page's orientation, before it is read: 0 when unsure.

    The shape of its text lines tells most pages of print in ~6 ms (``app.core.reading.line_shapes``);
    other pages get a quick OSD look at a band of the page (~30 ms). Reading a page the wrong
    way up first would cost a whole recognition (~0.6-1 s, garbage is slower) before it could be
    read again the right way.
    """
    return quick_rotation_given(rotation_from_lines(image, scale), engine, image, scale)


def quick_rotation_given(from_lines: int | None, engine: Engine, image: GrayImage, scale: float) -> int:
    """The quick look once the shape of the lines was read (``from_lines``; None: they did not
    tell): their answer, else Tesseract's look at a band of the page."""
    return from_lines if from_lines is not None else quick_osd_rotation(engine, image, scale)


def quick_osd_rotation(engine: Engine, image: GrayImage, scale: float) -> int:
    """Tesseract's orientation check on a band of the page, from a few letter shapes."""
    picture = image.to_pil()
    left, top, right, bottom = QUICK_BAND
    band = picture.crop(
        (
            int(image.width * left),
            int(image.height * top),
            int(image.width * right),
            int(image.height * bottom),
        )
    )
    factor = osd_reduction(scale)
    if factor > 1:
        band = band.reduce(factor)
    rotation, sureness = engine.detect_rotation(GrayImage.from_pil(band), scale * 72.0 / factor, quick=True)
    return rotation if sureness >= QUICK_SURE else 0


def detect_rotation(engine: Engine, image: GrayImage, scale: float) -> tuple[int, float]:
    """Orientation from a reduced copy of the page, or from the page itself when that was unsure."""
    small = osd_image(image, scale)
    rotation, sureness = engine.detect_rotation(small, scale * 72.0 / osd_reduction(scale))
    if small is not image and sureness < RECHECK_ORIENTATION:
        rotation, sureness = engine.detect_rotation(image, scale * 72.0)
    return rotation, sureness


def lies_sideways(recognized: Recognized) -> bool:
    """True when most multi-letter words are taller than wide: the text runs down the page."""
    words = [w for w in recognized.words if len(w.text) >= 3]
    if len(words) < 3:
        return False
    tall = sum(1 for w in words if w.height > w.width)
    return tall >= SIDEWAYS_SHARE * len(words)


def sideways_turn(recognized: Recognized) -> int:
    """90 or 270 when Tesseract read lines running down or up the image, else 0.

    Tesseract finds vertical text lines by itself and reads them turned; the words come out right
    and their boxes stay on the image as given. Which way the lines run (the next word of a line
    below the last: turned clockwise) gives the page's rotation without a second reading.
    """
    if not lies_sideways(recognized):
        return 0
    flow = 0.0
    words = recognized.words
    for before, after in zip(words, words[1:], strict=False):
        if (before.block, before.par, before.line) == (after.block, after.par, after.line):
            flow += (after.top + after.height / 2) - (before.top + before.height / 2)
    return 90 if flow >= 0 else 270


def upright(image: GrayImage, rotation: int) -> GrayImage:
    """Turn a page whose content is rotated ``rotation`` degrees clockwise back upright."""
    if rotation == 180 and image.stride == image.width:
        # Half a turn is the pixels in reverse order: ~2 ms for an A4 page at 300 DPI, where
        # Pillow's transpose and copy out take ~12 ms.
        return GrayImage(image.data[::-1], image.width, image.height, image.width)
    from PIL import Image

    turn = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}[
        rotation
    ]
    return GrayImage.from_pil(image.to_pil().transpose(turn))


def to_page_fraction(u: float, v: float, rotation: int) -> tuple[float, float]:
    """Map a point of the upright image (fractions) back to the page as displayed."""
    if rotation == 90:
        return 1.0 - v, u
    if rotation == 180:
        return 1.0 - u, 1.0 - v
    if rotation == 270:
        return v, 1.0 - u
    return u, v


def from_page_fraction(x: float, y: float, rotation: int) -> tuple[float, float]:
    """Inverse of ``to_page_fraction``: a point of the displayed page in the upright image."""
    if rotation == 90:
        return y, 1.0 - x
    if rotation == 180:
        return 1.0 - x, 1.0 - y
    if rotation == 270:
        return 1.0 - y, x
    return x, y


def upright_words(words: Sequence[Word], rotation: int) -> tuple[Word, ...]:
    """Word boxes turned back into reading orientation, so "left to right" means reading order on a
    page that was scanned sideways (``PageResult.words`` are stored as the page is displayed)."""
    if not rotation:
        return tuple(words)
    turned = []
    for w in words:
        a = from_page_fraction(w.x0, w.y0, rotation)
        b = from_page_fraction(w.x1, w.y1, rotation)
        turned.append(
            replace(w, x0=min(a[0], b[0]), y0=min(a[1], b[1]), x1=max(a[0], b[0]), y1=max(a[1], b[1]))
        )
    return tuple(turned)


def page_words(words: tuple[PixelWord, ...], width: int, height: int, rotation: int) -> tuple[Word, ...]:
    out = []
    for w in words:
        a = to_page_fraction(w.left / width, w.top / height, rotation)
        b = to_page_fraction((w.left + w.width) / width, (w.top + w.height) / height, rotation)
        out.append(
            Word(
                w.text,
                min(a[0], b[0]),
                min(a[1], b[1]),
                max(a[0], b[0]),
                max(a[1], b[1]),
                w.conf,
                w.block,
                w.par,
                w.line,
            )
        )
    return tuple(out)
