"""Searchable PDF: the original pages, untouched, with an invisible text layer on top.

Each page's content streams are kept byte for byte (images and vectors are not decoded or
re-compressed); the page gets two small streams around them, ``q`` before and the layer
after a matching ``Q``, so a page that leaves its graphics state changed cannot move the
layer. Pages whose text came from their own text layer, and failed pages, get no layer. A page
whose print lay sideways or upside down gets a ``/Rotate`` that shows it upright.

A password-protected source is opened with ``ExportDocument.password``; the output is written
without encryption (it holds the same content, now readable and searchable by anyone who has
the file).

An image source (a scanner's JPEG, PNG or TIFF) has no pages to keep: ``image_pdf`` makes them
from its images, and they get the same layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

from app.core.export.base import ExportDocument, ExportError, ExportOptions, ordered_pages
from app.core.export.glyphless import ADVANCE, ASCENT, DESCENT, FONT_NAME, to_unicode_cmap, truetype
from app.core.export.image_pdf import image_pages, is_image_source
from app.core.export.textlayer import PageGeometry, layer_stream
from app.core.reading.passwords import pikepdf_forms
from app.core.results import PageResult, PageSource

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, IndirectObject

FONT_RESOURCE = "ScribaOCR"
_INHERITABLE = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


def needs_layer(page: PageResult) -> bool:
    return page.source in (PageSource.OCR, PageSource.CACHE) and any(w.text.strip() for w in page.words)


def _decrypted(reader: PdfReader, password: str | None) -> bool:
    """Whether any form of the password opens it (``app.core.reading.passwords``): as bytes,
    so pypdf takes them as they are (it SASLpreps a str, which a key made from the typed text
    does not match)."""
    forms = [form if isinstance(form, bytes) else form.encode("utf-8") for form in pikepdf_forms(password)]
    return any(reader.decrypt(form) for form in forms)


def _open_source(doc: ExportDocument) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    name = doc.source.name
    try:
        reader = PdfReader(doc.source)
        if reader.is_encrypted and not _decrypted(reader, doc.password):
            raise ExportError("password", "export_password", "export_open", name=name)
        pages = len(reader.pages)
    except FileNotFoundError as error:
        raise ExportError(
            "source_missing", "export_source_gone", "export_make_pdf", source=doc.source
        ) from error
    except (PdfReadError, ValueError, KeyError) as error:
        raise ExportError(
            "source_unreadable", "export_source_not_pdf", "export_make_pdf", name=name
        ) from error
    except OSError as error:
        raise ExportError(
            "source_missing",
            "export_source_unreadable",
            "export_make_pdf",
            source=doc.source,
            detail=error.strerror,
        ) from error
    if pages != len(doc.pages) or {page.page for page in doc.pages} != set(range(pages)):
        raise ExportError(
            "source_changed",
            "export_source_changed",
            "export_make_pdf",
            name=name,
            now=pages,
            before=len(doc.pages),
        )
    return reader


def _stream(writer: PdfWriter, data: bytes, **entries: object) -> IndirectObject:
    from pypdf.generic import DecodedStreamObject, NameObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    encoded = stream.flate_encode(level=9)
    for key, value in entries.items():
        encoded[NameObject("/" + key)] = value
    return writer._add_object(encoded)


def _add_font(writer: PdfWriter) -> IndirectObject:
    """The Type0 font (Identity-H, glyphless CIDFontType2) shared by every page's layer."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    def name(value: str) -> NameObject:
        return NameObject("/" + value)

    font_file = truetype()
    descriptor = DictionaryObject(
        {
            name("Type"): name("FontDescriptor"),
            name("FontName"): name(FONT_NAME),
            name("Flags"): NumberObject(5),  # fixed pitch, symbolic
            name("FontBBox"): ArrayObject(NumberObject(v) for v in (0, DESCENT, ADVANCE, ASCENT)),
            name("ItalicAngle"): NumberObject(0),
            name("Ascent"): NumberObject(ASCENT),
            name("Descent"): NumberObject(DESCENT),
            name("CapHeight"): NumberObject(ASCENT),
            name("StemV"): NumberObject(80),
            name("FontFile2"): _stream(writer, font_file, Length1=NumberObject(len(font_file))),
        }
    )
    cid_font = DictionaryObject(
        {
            name("Type"): name("Font"),
            name("Subtype"): name("CIDFontType2"),
            name("BaseFont"): name(FONT_NAME),
            name("CIDSystemInfo"): DictionaryObject(
                {
                    name("Registry"): TextStringObject("Adobe"),
                    name("Ordering"): TextStringObject("Identity"),
                    name("Supplement"): NumberObject(0),
                }
            ),
            name("FontDescriptor"): writer._add_object(descriptor),
            name("DW"): NumberObject(ADVANCE),
            # Every CID (a UTF-16 code unit) draws glyph 1.
            name("CIDToGIDMap"): _stream(writer, b"\x00\x01" * 65536),
        }
    )
    font = DictionaryObject(
        {
            name("Type"): name("Font"),
            name("Subtype"): name("Type0"),
            name("BaseFont"): name(FONT_NAME),
            name("Encoding"): name("Identity-H"),
            name("DescendantFonts"): ArrayObject([writer._add_object(cid_font)]),
            name("ToUnicode"): _stream(writer, to_unicode_cmap()),
        }
    )
    return writer._add_object(font)


def _inherited(page: DictionaryObject, key: str) -> object:
    node: DictionaryObject | None = page
    for _ in range(64):  # a malformed tree may loop
        if node is None:
            return None
        if key in node:
            return node[key]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return None


def _geometry(page: PageObject) -> PageGeometry:
    media = page.mediabox
    crop = page.cropbox if "/CropBox" in page else media
    # Viewers show the crop box clipped to the media box.
    left, bottom = max(float(crop.left), float(media.left)), max(float(crop.bottom), float(media.bottom))
    right, top = min(float(crop.right), float(media.right)), min(float(crop.top), float(media.top))
    rotate = int(page.get("/Rotate", 0) or 0) % 360
    return PageGeometry(left, bottom, right, top, rotate if rotate in (0, 90, 180, 270) else 0)


def _font_name(fonts: DictionaryObject, font: IndirectObject) -> str:
    candidate, number = FONT_RESOURCE, 1
    while "/" + candidate in fonts and fonts["/" + candidate] != font:
        number += 1
        candidate = f"{FONT_RESOURCE}{number}"
    return candidate


def _add_layer(
    writer: PdfWriter, page: PageObject, result: PageResult, font: IndirectObject, visible: bool
) -> None:
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject

    for key in _INHERITABLE:  # make the page self-contained before changing it
        value = _inherited(page, key)
        if key not in page and value is not None:
            page[NameObject(key)] = value
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    page[NameObject("/Resources")] = resources
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else DictionaryObject()
    resources[NameObject("/Font")] = fonts
    name = _font_name(fonts, font)
    fonts[NameObject("/" + name)] = font
    contents = page.get("/Contents")
    parts = (
        []
        if contents is None
        else list(contents.get_object())
        if isinstance(contents.get_object(), ArrayObject)
        else [contents]
    )
    # A stream stored inline (against the specification) must become an object to sit in an array.
    original = [part if isinstance(part, IndirectObject) else writer._add_object(part) for part in parts]
    geometry = _geometry(page)
    layer = layer_stream(
        result.words, geometry, name, rotation=result.rotation, skew=result.skew, visible=visible
    )
    parts = [_stream(writer, b"q\n"), *original, _stream(writer, b"Q\n" + layer)]
    page[NameObject("/Contents")] = ArrayObject(parts)
    turned = result.rotation % 360
    if turned in (90, 180, 270):
        # Shown upright, as it was read: the viewer turns the page back (its /Rotate), so the
        # scan's pixels and the layer stay as they are, nothing re-encoded.
        page[NameObject("/Rotate")] = NumberObject((geometry.rotate - turned) % 360)


class SearchablePdfExporter:
    """The source PDF with an invisible, selectable text layer on every OCR'd page.

    Args:
        visible: Paint the layer (render mode 0), which shows each character as a solid box:
            debugging and tests, to see where the words lie.
    """

    name = "pdf"
    suffix = ".pdf"
    label = ("Searchable PDF", "PDF pesquisável")
    description = ("Searchable PDF", "PDF pesquisável")

    def __init__(self, *, visible: bool = False) -> None:
        self.visible = visible

    def write(self, doc: ExportDocument, out: BinaryIO, options: ExportOptions) -> None:
        from pypdf import PdfWriter

        if is_image_source(doc.source):
            writer = image_pages(doc)
        else:
            writer = PdfWriter(clone_from=_open_source(doc))
        font: IndirectObject | None = None
        for result in ordered_pages(doc):
            if not needs_layer(result):
                continue
            if font is None:
                font = _add_font(writer)
            _add_layer(writer, writer.pages[result.page], result, font, self.visible)
        writer.write(out)
