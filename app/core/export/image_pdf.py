"""The pages of a searchable PDF made from a scanner's image file, before their text layer.

One page per image (a TIFF's frames), each the size the image is at its resolution (pixels /
DPI, as the worker measured it: ``app.core.reading.images``), the image drawn over the whole page. The
scanner's bytes are kept where PDF can hold them as they are: a JPEG file is embedded whole as
``DCTDecode``, never decoded or re-compressed. Other images are decoded once and stored losslessly:
1-bit pages as CCITT G4 (what fax machines and archive scanners use; 10 noisy A4 pages at 300 DPI
took 15 % less than with Flate), gray as gray, colour as RGB or CMYK, with Flate. An EXIF turn is
applied by the drawing matrix, not to the pixels. ``pdf.py`` then adds the same invisible text
layer as on a PDF's pages.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.errors import ScribaError
from app.core.export.base import ExportDocument, ExportError
from app.core.reading.images import (
    FrameGeometry,
    check_size,
    decoding_quietly,
    frame_count,
    open_image,
    seek_frame,
    to_gray,
)
from app.core.reading.kinds import DocumentKind, kind_of_file

if TYPE_CHECKING:
    from pathlib import Path

    import pikepdf
    from PIL import Image

Matrix = tuple[float, float, float, float, float, float]
_IMAGE_NAME = "/ScribaScan"
_DCT_MODES = {"L": "/DeviceGray", "RGB": "/DeviceRGB", "CMYK": "/DeviceCMYK"}


def is_image_source(path: Path) -> bool:
    """Whether the export's source is an image file (by its bytes); a missing file is left to
    the PDF path, which says so."""
    try:
        return kind_of_file(path) is DocumentKind.IMAGE
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class EmbeddedImage:
    """An image XObject's pixels as stored in the PDF, and how to read them."""

    data: bytes
    width: int
    height: int
    colorspace: str
    bits: int
    filter: str
    decode: tuple[int, ...] | None = None
    parameters: dict[str, int | bool] | None = None  # /DecodeParms

    def decode_parms(self) -> pikepdf.Dictionary | None:
        """``parameters`` as the image's /DecodeParms dictionary."""
        from pikepdf import Dictionary

        if self.parameters is None:
            return None
        return Dictionary({"/" + key: value for key, value in self.parameters.items()})


def _displayed(orientation: int, s: float, r: float) -> tuple[float, float]:
    """Where the stored pixel at column fraction ``s``, row fraction ``r`` (from the top) is
    shown, as fractions from the displayed page's left and top (EXIF orientation 1-8)."""
    return {
        1: (s, r),
        2: (1 - s, r),
        3: (1 - s, 1 - r),
        4: (s, 1 - r),
        5: (r, s),
        6: (1 - r, s),
        7: (1 - r, 1 - s),
        8: (r, 1 - s),
    }[orientation]


def placement(orientation: int, width_pt: float, height_pt: float) -> Matrix:
    """The ``cm`` matrix that draws the stored image (PDF's unit square, its first row at the
    top) over a ``width_pt`` x ``height_pt`` page, turned as its EXIF orientation says."""

    def point(u: float, v: float) -> tuple[float, float]:
        x, y = _displayed(orientation, u, 1.0 - v)
        return x * width_pt, (1.0 - y) * height_pt

    (e, f), (ax, ay), (cx, cy) = point(0, 0), point(1, 0), point(0, 1)  # affine: three points fix it
    return ax - e, ay - f, cx - e, cy - f, e, f


def _on_white(image: Image.Image) -> Image.Image:
    from PIL import Image

    rgba = image.convert("RGBA")
    return Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")


def _flate(image: Image.Image) -> EmbeddedImage:
    """A decoded frame stored losslessly: 1-bit, gray, RGB or CMYK as it is, the rest made so."""
    mode = image.mode
    if mode.startswith("I") or mode == "F":
        image = to_gray(image)
    elif "A" in image.getbands() or "a" in image.getbands() or (mode == "P" and "transparency" in image.info):
        image = _on_white(image)
    elif mode not in ("1", "L", "RGB", "CMYK"):
        image = image.convert("RGB")
    # Pillow packs a 1-bit image with 1 for white, as DeviceGray at one bit reads it.
    colorspace = "/DeviceGray" if image.mode in ("1", "L") else _DCT_MODES[image.mode]
    bits = 1 if image.mode == "1" else 8
    data = zlib.compress(image.tobytes(), 6)
    return EmbeddedImage(data, image.width, image.height, colorspace, bits, "/FlateDecode")


def group4_image(image: Image.Image) -> EmbeddedImage | None:
    """A 1-bit frame encoded as CCITT G4 by libtiff, in one strip (a PDF image is one stream);
    ``None`` when libtiff would not write it so."""
    from PIL import TiffImagePlugin

    buffer = io.BytesIO()
    image.save(buffer, format="TIFF", compression="group4", tiffinfo={278: image.height})  # RowsPerStrip
    buffer.seek(0)
    with TiffImagePlugin.TiffImageFile(buffer) as encoded:
        offsets, counts = encoded.tag_v2.get(273, ()), encoded.tag_v2.get(279, ())
        photometric = encoded.tag_v2.get(262, 0)
    if len(offsets) != 1 or len(counts) != 1:
        return None
    data = buffer.getvalue()[offsets[0] : offsets[0] + counts[0]]
    # The code's "white" runs are the zero bits libtiff was given: black pixels when 0 is black.
    parameters = {"K": -1, "Columns": image.width, "Rows": image.height, "BlackIs1": photometric == 1}
    return EmbeddedImage(
        data, image.width, image.height, "/DeviceGray", 1, "/CCITTFaxDecode", parameters=parameters
    )


def _embedded(path: Path, image: Image.Image) -> EmbeddedImage | None:
    """The frame as the PDF stores it; ``None`` when it cannot be decoded (its page failed when
    it was read, so its page is left blank, at its size, and the rest of the document is kept)."""
    if image.format == "JPEG" and image.mode in _DCT_MODES:
        # Photoshop's CMYK JPEGs (an Adobe marker) store the inks inverted.
        decode = (1, 0) * 4 if image.mode == "CMYK" and "adobe" in image.info else None
        data = path.read_bytes()
        return EmbeddedImage(data, image.width, image.height, _DCT_MODES[image.mode], 8, "/DCTDecode", decode)
    try:
        check_size(image)  # one frame of many may be a bomb: its page failed, it is not decoded here
        with decoding_quietly():
            image.load()
    except (ScribaError, OSError, ValueError, SyntaxError, EOFError):
        return None
    return (group4_image(image) if image.mode == "1" else None) or _flate(image)


def add_image_page(
    pdf: pikepdf.Pdf, picture: EmbeddedImage | None, size_pt: tuple[float, float], orientation: int = 1
) -> pikepdf.Page:
    """Append a page of ``size_pt`` to ``pdf`` with ``picture`` drawn over all of it, turned as
    its EXIF ``orientation`` says; a blank page when ``picture`` is ``None``."""
    from pikepdf import Array, Dictionary, Name, Stream

    width_pt, height_pt = size_pt
    page = pdf.add_blank_page(page_size=(width_pt, height_pt))
    if picture is None:
        return page
    xobject = Stream(pdf, picture.data)  # already in its filter's encoding: written as it is
    xobject.stream_dict = Dictionary(
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=picture.width,
        Height=picture.height,
        ColorSpace=Name(picture.colorspace),
        BitsPerComponent=picture.bits,
        Filter=Name(picture.filter),
    )
    if picture.decode is not None:
        xobject.Decode = Array(list(picture.decode))
    if (parameters := picture.decode_parms()) is not None:
        xobject.DecodeParms = parameters
    matrix = " ".join(f"{v:.4f}" for v in placement(orientation, width_pt, height_pt))
    page.obj.Resources = Dictionary(XObject=Dictionary({_IMAGE_NAME: xobject}))
    page.obj.Contents = pdf.make_stream(f"q {matrix} cm {_IMAGE_NAME} Do Q\n".encode("ascii"))
    return page


def image_pages(doc: ExportDocument) -> pikepdf.Pdf:
    """A PDF with one page per image of ``doc.source``, ready for its text layer.

    Raises:
        ExportError: ``source_missing``, ``source_unreadable`` or ``source_changed``.
    """
    import pikepdf

    name = doc.source.name
    pdf = pikepdf.new()
    try:
        with open_image(doc.source) as image:
            count = frame_count(image)
            if count != len(doc.pages):
                raise ExportError(
                    "source_changed",
                    "export_source_changed",
                    "export_make_pdf",
                    name=name,
                    now=count,
                    before=len(doc.pages),
                )
            for index in range(count):
                seek_frame(image, index)
                picture = _embedded(doc.source, image)
                geometry = FrameGeometry.of(image)
                add_image_page(pdf, picture, geometry.size_pt, geometry.orientation)
    except ScribaError as error:
        if error.code == "changed":
            raise ExportError(
                "source_missing", "export_source_gone", "export_make_pdf", source=doc.source
            ) from error
        raise ExportError(
            "source_unreadable", "export_source_image_unreadable", "export_make_pdf", name=name
        ) from error
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        raise ExportError(
            "source_unreadable", "export_source_image_unreadable", "export_make_pdf", name=name
        ) from error
    return pdf
