"""Scanner images as documents: their pages (TIFF frames), resolution and gray pixels. Workers only.

Pillow decodes; nothing here runs in the main process or the window (a hostile file may crash a
worker, never them). A page's pixels go through the same ``read_pixels`` as a PDF page's, so
orientation, the blank test and recognition are shared.

Resolution: the file's own (JFIF, EXIF, PNG pHYs, TIFF and BMP tags, which Pillow puts in
``info["dpi"]``) when it is plausible for a scan (50-2400 DPI; a fax's 204 x 98 is kept). Otherwise,
and for the square 72 or 96 DPI that cameras and screen tools write by default, which is no
measurement, the longer side is taken to be
an A4 page's (11.69 in), clamped to 150-600 DPI: office scanners and phone photos of documents
are A4 far more often than anything else here, and the clamp keeps a thumbnail or a poster from
being read at an absurd size. The pixels are then read at the same resolution as a PDF scan's
(``options.dpi``, else the native one clamped to 150-600 DPI) and under the same pixel cap.
"""

from __future__ import annotations

import math
import os
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import ScribaError
from app.core.options import OcrOptions
from app.core.reading.kinds import HEADER_WINDOW, image_format
from app.core.reading.render import MIN_SIDE_PX, NATIVE_DPI_RANGE, GrayImage
from app.core.results import PageResult

if TYPE_CHECKING:
    from PIL import Image

    from app.core.reading.pages import PageContext

#: No frame larger than this is decoded: a few hundred bytes can declare a gigapixel image (a
#: "decompression bomb"). 150 megapixels holds an A2 sheet at 600 DPI and decodes in well under
#: a worker's memory cap (450 MB as RGB); below Pillow's own refusal (179 megapixels).
MAX_IMAGE_PIXELS = 150_000_000
PLAUSIBLE_DPI = (50.0, 2400.0)
#: What cameras, screenshots and Paint write when nobody measured anything.
_DEFAULT_DPIS = frozenset({72.0, 96.0})
A4_LONG_SIDE_IN = 11.69
#: ``ImageOps.exif_transpose``'s table, applied to the small gray page instead of the decoded
#: colour image (a third of the memory and time).
_ORIENTATIONS: dict[int, int] = {2: 0, 3: 3, 4: 1, 5: 5, 6: 4, 7: 6, 8: 2}  # -> Image.Transpose values
_SIDEWAYS = frozenset({5, 6, 7, 8})
_UNREADABLE = (OSError, ValueError, SyntaxError, EOFError, IndexError, KeyError, TypeError, ZeroDivisionError)


def resolution(image: Image.Image) -> tuple[float, float]:
    """Horizontal and vertical DPI of the frame as stored (before any EXIF turn): the file's
    own when plausible, else the A4 estimate (see the module's docstring)."""
    dpi = image.info.get("dpi")
    try:
        x, y = (float(dpi[0]), float(dpi[1])) if dpi else (0.0, 0.0)
    except (TypeError, ValueError, IndexError):
        x, y = 0.0, 0.0
    low, high = PLAUSIBLE_DPI
    if (
        low <= x <= high
        and low <= y <= high
        and max(x, y) / min(x, y) <= 4
        and not (x == y and x in _DEFAULT_DPIS)
    ):
        return x, y
    estimate = max(image.width, image.height) / A4_LONG_SIDE_IN
    estimate = min(max(estimate, NATIVE_DPI_RANGE[0]), NATIVE_DPI_RANGE[1])
    return estimate, estimate


def orientation(image: Image.Image) -> int:
    """The frame's EXIF orientation tag: how its decoded pixels must be turned (1 = not at all).

    A TIFF's orientation tag is Pillow's to apply: ``TiffImageFile`` turns the frame as it
    decodes (13.0 reports the turned size before decoding and then, for plain strips, decodes
    unturned), so a TIFF is measured only once decoded and never turned again here.
    """
    if image.format == "TIFF":
        return 1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Corrupt EXIF data": then there is no turn to honour
            value = int(image.getexif().get(0x0112, 1))
    except _UNREADABLE:
        return 1
    return value if value in range(1, 9) else 1


@dataclass(frozen=True, slots=True)
class FrameGeometry:
    """A frame as displayed (EXIF turn applied): pixel size and DPI, and its size in points."""

    width: int
    height: int
    dpi_x: float
    dpi_y: float
    orientation: int

    @classmethod
    def of(cls, image: Image.Image) -> FrameGeometry:
        turn = orientation(image)
        dpi_x, dpi_y = resolution(image)
        width, height = image.size
        if turn in _SIDEWAYS:
            width, height, dpi_x, dpi_y = height, width, dpi_y, dpi_x
        return cls(width, height, dpi_x, dpi_y, turn)

    @property
    def size_pt(self) -> tuple[float, float]:
        return self.width / self.dpi_x * 72.0, self.height / self.dpi_y * 72.0


def check_size(image: Image.Image) -> None:
    """Refuse a frame too large to decode, before decoding it."""
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise ScribaError("image_too_large", detail=f"{width} x {height} pixels")
    if min(width, height) < 1:
        raise ScribaError("page_size", detail=f"{width} x {height} pixels")


def open_image(path: Path) -> Image.Image:
    """The image at ``path`` opened (not decoded) as the format its magic bytes say.

    Raises:
        ScribaError: ``changed`` (it is gone), ``not_document``, ``image_too_large``,
            ``image_damaged``.
    """
    from PIL import Image

    name = path.name
    try:
        with path.open("rb") as handle:
            fmt = image_format(handle.read(HEADER_WINDOW))
    except FileNotFoundError:
        raise ScribaError("changed", name=name) from None
    except OSError as exc:
        raise ScribaError("unreadable", name=name, detail=exc.strerror or str(exc)) from None
    if fmt is None:
        raise ScribaError("not_document", name=name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's complaints (odd EXIF, bomb warning) are ours to word
        try:
            image = Image.open(path, formats=[fmt])
        except Image.DecompressionBombError:
            limit = f"more than {MAX_IMAGE_PIXELS // 1_000_000} megapixels"
            raise ScribaError("image_too_large", name=name, detail=limit) from None
        except _UNREADABLE:
            raise ScribaError("image_damaged", name=name) from None
    return image


def frame_count(image: Image.Image) -> int:
    """Pages in the image: a TIFF's frames; one for everything else (an animated WebP or PNG is
    a picture, not a document of pages)."""
    if image.format != "TIFF":
        return 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return int(getattr(image, "n_frames", 1))


def seek_frame(image: Image.Image, index: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        image.seek(index)


@contextmanager
def decoding_quietly() -> Iterator[None]:
    """Decode with Pillow's warnings and libtiff's messages kept off the terminal.

    libtiff writes its complaints about a broken frame ("Fax4Decode: Bad code word at line 8")
    straight to file descriptor 2, beneath Python: a user's terminal would show them beside the
    one sentence Scriba gives. Descriptor 2 points at the null device while a frame decodes.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError):  # no descriptor 2 (a windowed app): nothing to hide
            yield
            return
        try:
            with open(os.devnull, "wb") as null:
                os.dup2(null.fileno(), 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def to_gray(image: Image.Image) -> Image.Image:
    """8-bit gray of any mode: transparency on white paper, 16-bit and float scaled to 8 bits."""
    from PIL import Image

    mode = image.mode
    if mode == "L":
        return image
    if mode.startswith("I") or mode == "F":
        wide = image if mode in ("I", "F") else image.convert("I")
        high = float(wide.getextrema()[1])  # type: ignore[arg-type]  # one band: (low, high)
        if high > 255:
            factor = 255.0 / high
            wide = wide.point(lambda value: value * factor)
        return wide.convert("L")
    if "A" in image.getbands() or "a" in image.getbands() or (mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("L")
    if mode in ("1", "P", "RGB", "CMYK", "YCbCr"):
        return image.convert("L")
    return image.convert("RGB").convert("L")


def _read_size(geometry: FrameGeometry, options: OcrOptions) -> tuple[int, int, float]:
    """Pixel size (as displayed) and DPI at which a frame is read: the PDF scan policy."""
    if options.dpi:
        dpi = float(options.dpi)
    else:
        dpi = min(max(max(geometry.dpi_x, geometry.dpi_y), NATIVE_DPI_RANGE[0]), NATIVE_DPI_RANGE[1])
    width, height = geometry.width * dpi / geometry.dpi_x, geometry.height * dpi / geometry.dpi_y
    if width * height > options.max_pixels:
        shrink = math.sqrt(options.max_pixels / (width * height))
        width, height, dpi = width * shrink, height * shrink, dpi * shrink
    if min(width, height) < MIN_SIDE_PX:
        raise ScribaError("page_size", detail=f"{geometry.width} x {geometry.height} pixels")
    return max(1, round(width)), max(1, round(height)), dpi


def frame_pixels(image: Image.Image, options: OcrOptions) -> tuple[GrayImage, float, FrameGeometry]:
    """The current frame as it is to be read: gray, upright as displayed, resampled to the
    reading resolution; with that resolution and the frame's geometry."""
    from PIL import Image

    check_size(image)
    drafting = image.format == "JPEG" and image.mode in ("L", "RGB", "YCbCr")
    with decoding_quietly():
        if drafting:  # measured before: the draft changes the size
            geometry = FrameGeometry.of(image)
            width, height, dpi = _read_size(geometry, options)
            stored = (height, width) if geometry.orientation in _SIDEWAYS else (width, height)
            image.draft("L", stored)  # DCT scaling: decode gray, at 1/2, 1/4, 1/8 when that suffices
        image.load()
    if not drafting:  # measured after: a TIFF's size can change as it decodes (``orientation``)
        geometry = FrameGeometry.of(image)
        width, height, dpi = _read_size(geometry, options)
        stored = (height, width) if geometry.orientation in _SIDEWAYS else (width, height)
    gray = to_gray(image)
    if gray.size != stored:
        shrinking = gray.width > stored[0]
        gray = gray.resize(stored, Image.Resampling.BOX if shrinking else Image.Resampling.BICUBIC)
    if geometry.orientation in _ORIENTATIONS:
        gray = gray.transpose(Image.Transpose(_ORIENTATIONS[geometry.orientation]))
    return GrayImage.from_pil(gray), dpi, geometry


class ImageDocument:
    """An image file as a document of ``page_count`` pages (a TIFF's frames).

    The file is opened afresh for each page: a decoded frame is never kept (Pillow decodes a
    JPEG in place, at the reduced size it was drafted to), and no handle stays open between pages.
    """

    encrypted = False

    def __init__(self, path: Path) -> None:
        self.path = path
        image = open_image(path)
        try:
            self.page_count = frame_count(image)
            check_size(image)
        except ScribaError as exc:
            raise ScribaError(exc.code, **{**exc.params, "name": path.name}) from None
        except _UNREADABLE:
            raise ScribaError("image_damaged", name=path.name) from None
        finally:
            image.close()

    @classmethod
    def open(cls, path: Path, password: str | None) -> ImageDocument:
        return cls(path)

    def read_page(self, context: PageContext, index: int, options: OcrOptions) -> PageResult:
        """Page ``index`` (0-based) read. A frame that cannot be decoded fails its page in a
        multi-page file, and the document in a single-image one (there is nothing else to read)."""
        from app.core.reading.pages import PagePixels, read_pixels

        started = time.perf_counter()
        try:
            with open_image(self.path) as image:
                seek_frame(image, index)
                pixels, dpi, geometry = frame_pixels(image, options)
        except ScribaError as exc:
            if self.page_count == 1 or exc.code in ("changed", "unreadable", "not_document"):
                raise ScribaError(exc.code, **{**exc.params, "name": self.path.name}) from None
            if exc.code == "image_too_large":  # one frame of many: that page fails, not the file
                raise ScribaError("page_size", detail=exc.params.get("detail", "")) from None
            raise
        except _UNREADABLE:
            if self.page_count == 1:
                raise ScribaError("image_damaged", name=self.path.name) from None
            raise ScribaError("page_damaged") from None
        width_pt, height_pt = geometry.size_pt
        return read_pixels(context, PagePixels(pixels, dpi, width_pt, height_pt), index, options, started)

    def close(self) -> None:
        """Nothing is held open between pages."""
