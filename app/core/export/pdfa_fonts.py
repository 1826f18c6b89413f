"""Pages whose fonts are not embedded, drawn again so that the file can be PDF/A.

PDF/A wants every font that paints text embedded in the file. A born-digital page set in
Helvetica or Arial without the font program inside cannot be shown the same everywhere, so the
page is drawn as an image of itself (PDFium, at ``FALLBACK_DPI``) and gets the same invisible
text layer as a scan, in the embedded glyphless font (``pdf_pages.add_font``), made from the text
PDFium reads on the page: the words stay selectable and searchable where they were printed.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from app.core.export.pdf_pages import add_font
from app.core.export.textlayer import PageGeometry, layer_stream
from app.core.reading.layer_words import page_words
from app.core.results import Word

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    import pikepdf
    import pypdfium2
    from PIL import Image

FALLBACK_DPI = 300
_IMAGE = "/ScribaPageImage"
_FONT = "ScribaOCR"
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def font_embedded(font: pikepdf.Dictionary) -> bool:
    """Whether ``font`` carries its program (Type 3 fonts are their own glyph procedures)."""
    import pikepdf

    subtype = font.get("/Subtype")
    if subtype == pikepdf.Name.Type3:
        return True
    if subtype == pikepdf.Name.Type0:
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, pikepdf.Array) or len(descendants) == 0:
            return False
        descendant = descendants[0]
        if not isinstance(descendant, pikepdf.Dictionary):
            return False
        font = descendant
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(key in descriptor for key in _FONT_FILES)


def resources_drawn(
    resources: object, max_depth: int = 8
) -> Iterator[tuple[pikepdf.Dictionary, pikepdf.Stream | None]]:
    """A page's resources and those of every form it draws (forms inside forms, each once, at
    most ``max_depth`` deep), each with the form it belongs to (``None``: the page's own)."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    pending: list[tuple[object, pikepdf.Stream | None, int]] = [(resources, None, 0)]
    while pending:
        current, form, depth = pending.pop(0)
        if not isinstance(current, pikepdf.Dictionary) or depth > max_depth:
            continue
        yield current, form
        xobjects = current.get("/XObject")
        if not isinstance(xobjects, pikepdf.Dictionary):
            continue
        for _, xobject in xobjects.items():
            if not isinstance(xobject, pikepdf.Stream) or xobject.get("/Subtype") != pikepdf.Name.Form:
                continue
            if xobject.objgen != (0, 0):
                if xobject.objgen in seen:
                    continue
                seen.add(xobject.objgen)
            pending.append((xobject.get("/Resources"), xobject, depth + 1))


def _fonts_embedded(resources: object) -> bool:
    import pikepdf

    for drawn, _ in resources_drawn(resources):
        fonts = drawn.get("/Font")
        if isinstance(fonts, pikepdf.Dictionary):
            for _, font in fonts.items():
                if isinstance(font, pikepdf.Dictionary) and not font_embedded(font):
                    return False
    return True


def unembedded_pages(pdf: pikepdf.Pdf) -> list[int]:
    """The pages (0-based) that use a font whose program is not in the file."""
    return [index for index, page in enumerate(pdf.pages) if not _fonts_embedded(page.obj.get("/Resources"))]


Box = tuple[float, float, float, float]
LETTER: Box = (0.0, 0.0, 612.0, 792.0)  # what PDFium shows for a page without a usable MediaBox


def _ordered(box: object) -> Box:
    x0, y0, x1, y1 = (float(v) for v in box)  # type: ignore[attr-defined]
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def sound_boxes(page: pikepdf.Page) -> None:
    """Give the page a MediaBox PDF/A accepts (corners in order, each side 3 points or more)
    and a CropBox inside it, as viewers show such a page; a sound page is left untouched."""
    import pikepdf

    try:
        media, crop = _ordered(page.mediabox), _ordered(page.cropbox)
    except (ValueError, TypeError):
        media = crop = LETTER
    if media[2] - media[0] < 3 or media[3] - media[1] < 3:
        media = LETTER
    visible = (max(crop[0], media[0]), max(crop[1], media[1]), min(crop[2], media[2]), min(crop[3], media[3]))
    if visible[2] - visible[0] < 3 or visible[3] - visible[1] < 3:
        visible = media
    if media != tuple(float(v) for v in page.mediabox):
        page.obj["/MediaBox"] = pikepdf.Array(media)
    if "/CropBox" in page.obj and visible != tuple(float(v) for v in page.cropbox):
        page.obj["/CropBox"] = pikepdf.Array(visible)


def _visible_box(page: pikepdf.Page) -> Box:
    media, crop = _ordered(page.mediabox), _ordered(page.cropbox)
    return (max(crop[0], media[0]), max(crop[1], media[1]), min(crop[2], media[2]), min(crop[3], media[3]))


def _rendered(pdf: pikepdf.Pdf, indices: list[int]) -> dict[int, tuple[Image.Image, list[Word]]]:
    """The pages in their own user space (no ``/Rotate``), as PDFium draws and reads them."""
    import pikepdf
    import pypdfium2

    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(_bytes(pdf))) as copy:
        for index in indices:
            page = copy.pages[index]
            if "/Rotate" in page.obj:
                del page.obj["/Rotate"]
        copy.save(buffer)
    document = pypdfium2.PdfDocument(buffer.getvalue())
    try:
        images = {}
        for index in indices:
            page = document[index]
            try:
                image = page.render(scale=FALLBACK_DPI / 72).to_pil().convert("RGB")
                images[index] = (image, _words(page))
            except (ValueError, pypdfium2.PdfiumError) as error:  # nothing of it is visible
                log.warning("Page %d cannot be drawn for PDF/A: %s", index + 1, error)
            finally:
                page.close()
        return images
    finally:
        document.close()


def _words(page: pypdfium2.PdfPage) -> list[Word]:
    """The page's text as PDFium reads it, one box per word (its characters' boxes joined), as
    fractions of the page as drawn here (origin top left). Per character, not per text run: the
    runs of an invisible layer overlap, and reading them back doubled letters ("ccorpus")."""
    return list(page_words(page))


def _bytes(pdf: pikepdf.Pdf) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _image_stream(pdf: pikepdf.Pdf, image: Image.Image) -> pikepdf.Stream:
    import pikepdf

    gray = image.convert("L")
    if gray.convert("RGB").tobytes() == image.tobytes():
        image = gray  # a black-and-white page needs no colour channels
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    stream = pdf.make_stream(buffer.getvalue())
    stream["/Type"] = pikepdf.Name.XObject
    stream["/Subtype"] = pikepdf.Name.Image
    stream["/Width"], stream["/Height"] = image.width, image.height
    stream["/ColorSpace"] = pikepdf.Name.DeviceGray if image.mode == "L" else pikepdf.Name.DeviceRGB
    stream["/BitsPerComponent"] = 8
    stream["/Filter"] = pikepdf.Name.DCTDecode
    return stream


def draw_unembedded_pages(pdf: pikepdf.Pdf) -> list[int]:
    """Draw every page whose fonts are not embedded as its image plus its invisible text.

    Returns:
        The pages (0-based) drawn so.
    """
    return draw_pages(pdf, unembedded_pages(pdf))


def draw_pages(pdf: pikepdf.Pdf, indices: list[int]) -> list[int]:
    """Draw the pages ``indices`` (0-based) as their images plus their invisible text: for a
    page PDF/A cannot hold as it is (fonts not embedded, colour outside the output intent).

    Returns:
        The pages drawn so (a page with no visible area stays as it is).
    """
    import pikepdf

    if not indices:
        return []
    drawn = _rendered(pdf, indices)
    font = add_font(pdf)
    done = []
    for index in indices:
        page = pdf.pages[index]
        left, bottom, right, top = _visible_box(page)
        if index not in drawn or right - left < 1 or top - bottom < 1:
            continue  # a page with no visible area (a zero or misplaced box) stays as it is
        image, words = drawn[index]
        done.append(index)
        page.obj["/Resources"] = pikepdf.Dictionary(
            XObject=pikepdf.Dictionary({_IMAGE: _image_stream(pdf, image)}),
            Font=pikepdf.Dictionary({"/" + _FONT: font}),
        )
        drawing = f"q {right - left:.4f} 0 0 {top - bottom:.4f} {left:.4f} {bottom:.4f} cm {_IMAGE} Do Q\n"
        # The words are fractions of the page's user space (read without /Rotate): a layer
        # written for an unturned page lands on them, and the page's /Rotate turns both alike.
        layer = layer_stream(words, PageGeometry(left, bottom, right, top), _FONT)
        page.obj["/Contents"] = pdf.make_stream(drawing.encode("ascii") + layer)
        if "/Group" in page.obj:  # the page image is opaque: no transparency group left to blend
            del page.obj["/Group"]
    return done
