"""Size control: the pages' images stored smaller, only when the user asks or a size limit needs it.

* Bitonal images (1 bit per pixel, or gray with only black and white in it) are stored as CCITT
  G4, lossless: what fax machines and archive scanners use.
* Gray and colour images are stored as JPEG at ``Compression.quality`` and brought down to at
  most ``Compression.max_dpi`` at the size they are drawn on the page; never enlarged.
* An image is replaced only when its new form is smaller; images with masks, odd colour spaces
  (CMYK, spot colours) or drawn inside form XObjects are left as they are.
"""

from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.export.image_pdf import group4_image

if TYPE_CHECKING:
    import pikepdf
    from PIL import Image

log = logging.getLogger(__name__)

DEFAULT_QUALITY = 75
MIN_QUALITY, MAX_QUALITY = 10, 95
MAX_DPI = 300
_GRAY_SPACES = {"/DeviceGray", "/CalGray"}
_RGB_SPACES = {"/DeviceRGB", "/CalRGB"}


@dataclass(frozen=True)
class Compression:
    """How hard to compress: JPEG quality (1-95) and the highest resolution kept."""

    quality: int = DEFAULT_QUALITY
    max_dpi: int = MAX_DPI


#: Steps tried in turn when a size limit is not met: the user's choice first, then smaller.
def ladder(first: Compression) -> list[Compression]:
    steps = [first]
    for quality, dpi in ((50, 200), (35, 150)):
        step = Compression(min(first.quality, quality), min(first.max_dpi, dpi))
        if step not in steps:
            steps.append(step)
    return steps


Matrix = tuple[float, float, float, float, float, float]


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def placements(page: pikepdf.Page) -> dict[str, tuple[float, float]]:
    """Each image resource the page draws, and the largest size (points: width, height) it is
    drawn at, from the drawing matrix in force at its ``Do``."""
    import pikepdf

    identity: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack: list[Matrix] = []
    ctm = identity
    sizes: dict[str, tuple[float, float]] = {}
    for instruction in pikepdf.parse_content_stream(page, "q Q cm Do"):
        operator = str(instruction.operator)
        if operator == "q":
            stack.append(ctm)
        elif operator == "Q":
            ctm = stack.pop() if stack else identity
        elif operator == "cm" and len(instruction.operands) == 6:
            ctm = _times(tuple(float(v) for v in instruction.operands), ctm)  # type: ignore[arg-type]
        elif operator == "Do" and instruction.operands:
            a, b, c, d, _, _ = ctm
            width, height = math.hypot(a, b), math.hypot(c, d)
            name = str(instruction.operands[0])
            old = sizes.get(name, (0.0, 0.0))
            sizes[name] = (max(old[0], width), max(old[1], height))
    return sizes


def _space(image: pikepdf.Stream) -> str | None:
    """``gray``, ``rgb`` or None (a colour space left alone)."""
    import pikepdf

    space = image.get("/ColorSpace")
    if isinstance(space, pikepdf.Array) and len(space) == 2 and space[0] == pikepdf.Name.ICCBased:
        components = int(space[1].get("/N", 0))
        return {1: "gray", 3: "rgb"}.get(components)
    name = str(space) if space is not None else ""
    return "gray" if name in _GRAY_SPACES else "rgb" if name in _RGB_SPACES else None


def _left_alone(image: pikepdf.Stream) -> bool:
    return any(key in image for key in ("/SMask", "/Mask", "/Decode", "/SMaskInData")) or bool(
        image.get("/ImageMask", False)
    )


def _bitonal(image: Image.Image) -> bool:
    if image.mode == "1":
        return True
    if image.mode != "L":
        return False
    histogram = image.histogram()
    return sum(histogram[3:253]) == 0  # only black and white (a bitonal scan stored as gray)


def _scaled(image: Image.Image, drawn: tuple[float, float], max_dpi: int) -> Image.Image:
    from PIL import Image as PilImage

    width_in, height_in = drawn[0] / 72, drawn[1] / 72
    if width_in <= 0 or height_in <= 0:
        return image
    dpi = max(image.width / width_in, image.height / height_in)
    if dpi <= max_dpi * 1.02:  # within 2 %: resampling would only blur
        return image
    factor = max_dpi / dpi
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    if image.mode == "1":
        return (
            image.convert("L")
            .resize(size, PilImage.Resampling.LANCZOS)
            .point(lambda v: 255 if v > 127 else 0)
            .convert("1")
        )
    return image.resize(size, PilImage.Resampling.LANCZOS, reducing_gap=3.0)


def _recompress(
    pdf: pikepdf.Pdf, stream: pikepdf.Stream, drawn: tuple[float, float], settings: Compression
) -> bool:
    import pikepdf

    space = _space(stream)
    bits = int(stream.get("/BitsPerComponent", 8))
    if _left_alone(stream) or space is None or bits not in (1, 8):
        return False
    try:
        image = pikepdf.PdfImage(stream).as_pil_image()
    except Exception as error:  # an image pikepdf cannot decode stays as it was
        log.debug("Image left as it is (%s: %s)", type(error).__name__, error)
        return False
    if image.mode == "P":
        image = image.convert("RGB")
    if _bitonal(image):
        image = _scaled(image.convert("1"), drawn, settings.max_dpi)
        encoded = group4_image(image)
        if encoded is None:
            return False
        data, parameters = encoded.data, encoded.decode_parms()
        filters, space_name, bits = pikepdf.Name.CCITTFaxDecode, pikepdf.Name.DeviceGray, 1
    else:
        image = _scaled(image.convert("L" if space == "gray" else "RGB"), drawn, settings.max_dpi)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=settings.quality, optimize=True)
        data, parameters = buffer.getvalue(), None
        filters = pikepdf.Name.DCTDecode
        space_name = pikepdf.Name.DeviceGray if image.mode == "L" else pikepdf.Name.DeviceRGB
        bits = 8
    if len(data) >= len(stream.read_raw_bytes()):
        return False
    stream.write(data, filter=filters, decode_parms=parameters)
    stream["/Width"], stream["/Height"] = image.width, image.height
    stream["/ColorSpace"], stream["/BitsPerComponent"] = space_name, bits
    return True


def compress(pdf: pikepdf.Pdf, settings: Compression) -> int:
    """Store the pages' images smaller, in place; the number of images changed."""
    import pikepdf

    drawn: dict[tuple[int, int], tuple[float, float]] = {}
    streams: dict[tuple[int, int], pikepdf.Stream] = {}
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        if not isinstance(xobjects, pikepdf.Dictionary):
            continue
        for name, (width, height) in placements(page).items():
            stream = xobjects.get(name)
            if not isinstance(stream, pikepdf.Stream) or stream.get("/Subtype") != pikepdf.Name.Image:
                continue
            key = stream.objgen
            old = drawn.get(key, (0.0, 0.0))
            drawn[key] = (max(old[0], width), max(old[1], height))
            streams[key] = stream
    changed = sum(_recompress(pdf, streams[key], size, settings) for key, size in drawn.items())
    log.info(
        "Compressed %d of %d images (quality %d, at most %d DPI)",
        changed,
        len(drawn),
        settings.quality,
        settings.max_dpi,
    )
    return changed
