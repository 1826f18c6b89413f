"""A source page made ready for its text layer, and the layer added (pikepdf objects).

The page is made self-contained first (inherited ``/Resources``, ``/MediaBox``, ``/CropBox``
and ``/Rotate`` copied onto it, the parent chain walked with a bound, since a malformed tree
may loop), and its box checked: a ``/MediaBox`` that is missing, not four numbers or of zero
size is replaced by the ``/CropBox`` when that one is usable, else by the size the page was read
at (PDFium's default for such a page). A page that still cannot be used raises
``UnusablePage``; the exporter then rebuilds it from its image (``pdf_fallback``).

The page's content streams are kept byte for byte: it gets two small streams around them,
``q`` before and the layer after a matching ``Q``, so a page that leaves its graphics state
changed cannot move the layer.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from app.core.export.glyphless import ADVANCE, ASCENT, DESCENT, FONT_NAME, to_unicode_cmap, truetype
from app.core.export.textlayer import PageGeometry, layer_stream

if TYPE_CHECKING:
    import pikepdf

    from app.core.results import PageResult

FONT_RESOURCE = "ScribaOCR"
_INHERITABLE = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
Box = tuple[float, float, float, float]


class UnusablePage(Exception):
    """The page object cannot carry a layer as it is (no usable box, not a dictionary...)."""


def add_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The Type0 font (Identity-H, glyphless CIDFontType2) shared by every page's layer."""
    from pikepdf import Array, Dictionary, Name, Stream

    font_file = truetype()
    file_stream = Stream(pdf, font_file)
    file_stream.Length1 = len(font_file)
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=Name("/" + FONT_NAME),
        Flags=5,  # fixed pitch, symbolic
        FontBBox=Array([0, DESCENT, ADVANCE, ASCENT]),
        ItalicAngle=0,
        Ascent=ASCENT,
        Descent=DESCENT,
        CapHeight=ASCENT,
        StemV=80,
        FontFile2=file_stream,
    )
    cid_font = Dictionary(
        Type=Name.Font,
        Subtype=Name.CIDFontType2,
        BaseFont=Name("/" + FONT_NAME),
        CIDSystemInfo=Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor),
        DW=ADVANCE,
        # Every CID (a UTF-16 code unit) draws glyph 1.
        CIDToGIDMap=Stream(pdf, b"\x00\x01" * 65536),
    )
    font = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type0,
        BaseFont=Name("/" + FONT_NAME),
        Encoding=Name("/Identity-H"),
        DescendantFonts=Array([pdf.make_indirect(cid_font)]),
        ToUnicode=Stream(pdf, to_unicode_cmap()),
    )
    return pdf.make_indirect(font)


def _inherited(page: pikepdf.Dictionary, key: str) -> pikepdf.Object | None:
    from pikepdf import Dictionary

    node: pikepdf.Object | None = page
    for _ in range(64):  # a malformed tree may loop
        if not isinstance(node, Dictionary):
            return None
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return None


def _box(value: object) -> Box | None:
    """A rectangle as (left, bottom, right, top), corners in either order; None when it is not
    four finite numbers or encloses nothing."""
    from pikepdf import Array

    if not isinstance(value, Array) or len(value) != 4:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)):
        return None
    left, right, bottom, top = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    return (left, bottom, right, top) if right - left >= 1 and top - bottom >= 1 else None


def _rotate(page: pikepdf.Dictionary) -> int:
    try:
        rotate = int(page.get("/Rotate", 0)) % 360
    except (TypeError, ValueError):
        return 0
    return rotate if rotate in (0, 90, 180, 270) else 0


def prepare(page: pikepdf.Page, read_size: tuple[float, float]) -> PageGeometry:
    """Make ``page`` self-contained with a usable box; what a viewer displays of it.

    ``read_size`` is the page's size as displayed when it was read (points; zeros when unknown).

    Raises:
        UnusablePage: No box can be given to it.
    """
    from pikepdf import Array, Dictionary, Name

    obj = page.obj
    if not isinstance(obj, Dictionary):
        raise UnusablePage("the page is not a dictionary")
    for key in _INHERITABLE:  # make the page self-contained before changing it
        value = _inherited(obj, key)
        if key not in obj and value is not None:
            obj[key] = value
    media, crop = _box(obj.get("/MediaBox")), _box(obj.get("/CropBox"))
    rotate = _rotate(obj)
    if media is None:
        width, height = read_size
        if rotate in (90, 270):
            width, height = height, width
        media = crop or ((0.0, 0.0, width, height) if width >= 1 and height >= 1 else None)
        if media is None:
            raise UnusablePage("the page has no usable MediaBox")
        obj.MediaBox = Array(list(media))
    if "/Type" not in obj:
        obj.Type = Name.Page
    # Viewers show the crop box clipped to the media box (or the media box when they do not meet).
    left, bottom, right, top = media
    if crop is not None:
        clipped = (max(crop[0], left), max(crop[1], bottom), min(crop[2], right), min(crop[3], top))
        if clipped[2] - clipped[0] >= 1 and clipped[3] - clipped[1] >= 1:
            left, bottom, right, top = clipped
    return PageGeometry(left, bottom, right, top, rotate)


def _font_name(fonts: pikepdf.Dictionary, font: pikepdf.Object) -> str:
    candidate, number = FONT_RESOURCE, 1
    while "/" + candidate in fonts and not _same(fonts["/" + candidate], font):
        number += 1
        candidate = f"{FONT_RESOURCE}{number}"
    return candidate


def _same(a: pikepdf.Object, b: pikepdf.Object) -> bool:
    return bool(a.is_indirect and b.is_indirect and a.objgen == b.objgen)


def _content_parts(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> list[pikepdf.Object]:
    from pikepdf import Array, Stream

    contents = page.get("/Contents")
    parts = list(contents) if isinstance(contents, Array) else [] if contents is None else [contents]
    # A stream stored inline (against the specification) must become an object to sit in an array;
    # anything else in the list (a null left by a missing object) draws nothing.
    return [
        part if part.is_indirect else pdf.make_indirect(part) for part in parts if isinstance(part, Stream)
    ]


def add_layer(
    pdf: pikepdf.Pdf,
    page: pikepdf.Page,
    geometry: PageGeometry,
    result: PageResult,
    font: pikepdf.Object,
    visible: bool,
) -> None:
    """Draw ``result``'s words invisibly over ``page`` (prepared by ``prepare``)."""
    from pikepdf import Array, Dictionary

    obj = page.obj
    resources = obj.get("/Resources")
    if not isinstance(resources, Dictionary):
        resources = Dictionary()
        obj.Resources = resources
    fonts = resources.get("/Font")
    if not isinstance(fonts, Dictionary):
        fonts = Dictionary()
        resources.Font = fonts
    name = _font_name(fonts, font)
    fonts["/" + name] = font
    layer = layer_stream(
        result.words, geometry, name, rotation=result.rotation, skew=result.skew, visible=visible
    )
    original = _content_parts(pdf, obj)
    obj.Contents = Array([pdf.make_stream(b"q\n"), *original, pdf.make_stream(b"Q\n" + layer)])
    turn_upright(obj, geometry, result)


def turn_upright(page: pikepdf.Dictionary, geometry: PageGeometry, result: PageResult) -> None:
    """Give a page whose print lay sideways or upside down the ``/Rotate`` that shows it upright.

    The viewer turns the page back, so the scan's pixels and the layer stay as they are,
    nothing re-encoded.
    """
    turned = result.rotation % 360
    if turned in (90, 180, 270):
        page.Rotate = (geometry.rotate - turned) % 360
