"""Searchable PDF/A-2b: the searchable PDF made fit for archives and courts (ISO 19005-2, level B).

What level B asks of a file, and where it is done:

* identification: an XMP packet with ``pdfaid:part`` 2 and ``pdfaid:conformance`` B, the title,
  producer and dates, the same as in the Info dictionary (``identify``);
* colour: an output intent (``GTS_PDFA1``) carrying the sRGB ICC profile shipped in
  ``resources/icc`` (``add_output_intent``);
* fonts: every font that paints text embedded. The text layer's glyphless font is; a page whose
  own fonts are not (a born-digital page set in a font the reader must supply) is drawn again as
  its image, its text kept as invisible text (``pdfa_fonts``);
* nothing the format forbids: no encryption, no JavaScript or launch actions, no attachments, no
  hidden or non-printing annotations, no interpolated images (``strip_forbidden``); LZW streams are
  decoded and stored with Flate when the file is saved (``pikepdf_source.saved``).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from typing import TYPE_CHECKING, BinaryIO

from app import __version__
from app.core.export.base import ExportDocument, ExportOptions
from app.core.export.compress import Compression, compress
from app.core.export.pdfa_colour import foreign_colour_pages
from app.core.export.pdfa_fonts import draw_pages, sound_boxes, unembedded_pages
from app.core.export.pikepdf_source import save_to, searchable_pdf
from app.core.resources import resource_dir

if TYPE_CHECKING:
    import pikepdf

log = logging.getLogger(__name__)

PRODUCER = f"Scriba {__version__}"
ICC_PROFILE = resource_dir() / "icc" / "sRGB.icc"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
_FORBIDDEN_ANNOTATIONS = {"/Movie", "/Sound", "/Screen", "/3D", "/RichMedia", "/FileAttachment"}
# Annotation flags: Invisible 1, Hidden 2, Print 4, NoView 32.
_ANNOTATION_OFF = 1 | 2 | 32
_PRINT = 4
_TRAILER_KEYS = {"/Root", "/Info", "/ID", "/Size", "/Prev", "/Encrypt"}
# ISO 32000-1 table 30, less what PDF/A forbids or Scriba's copy has no use for.
_PAGE_KEYS = {
    "/Type", "/Parent", "/LastModified", "/Resources", "/MediaBox", "/CropBox", "/BleedBox",
    "/TrimBox", "/ArtBox", "/BoxColorInfo", "/Contents", "/Rotate", "/Group", "/B", "/Dur",
    "/Trans", "/Annots", "/Metadata", "/PieceInfo", "/StructParents", "/ID", "/PZ",
    "/SeparationInfo", "/Tabs", "/UserUnit", "/VP",
}  # fmt: skip


def make_pdfa(pdf: pikepdf.Pdf, title: str, *, now: dt.datetime | None = None) -> None:
    """Turn the open searchable PDF into PDF/A-2b, in place."""
    for page in pdf.pages:
        sound_boxes(page)
    fonts, colour = unembedded_pages(pdf), foreign_colour_pages(pdf)
    drawn = draw_pages(pdf, sorted(set(fonts) | set(colour)))
    if drawn:
        log.info(
            "Pages drawn as images for PDF/A: %s (fonts not embedded: %s; CMYK or mismatched ICC colour: %s)",
            [n + 1 for n in drawn],
            [n + 1 for n in fonts],
            [n + 1 for n in colour],
        )
    strip_forbidden(pdf)
    add_output_intent(pdf)
    identify(pdf, title, now=now)


def _pdf_date(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{sign}{hours:02d}'{rest:02d}'"


def identify(pdf: pikepdf.Pdf, title: str, *, now: dt.datetime | None = None) -> None:
    """The XMP identification (part 2, conformance B) and an Info dictionary that says the same.

    The source's author, subject and keywords are kept, in both places; its old XMP packet,
    which may claim another standard or disagree with the Info dictionary, is replaced.
    """
    import pikepdf

    moment = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    info = pdf.docinfo
    kept = {key: str(info[key]) for key in ("/Author", "/Subject", "/Keywords") if key in info}
    for key in list(info.keys()):
        del info[key]
    for key, value in kept.items():
        info[key] = pikepdf.String(value)
    info["/Title"] = pikepdf.String(title)
    info["/Producer"] = pikepdf.String(PRODUCER)
    info["/Creator"] = pikepdf.String(PRODUCER)
    info["/CreationDate"] = pikepdf.String(_pdf_date(moment))
    info["/ModDate"] = pikepdf.String(_pdf_date(moment))
    if "/Metadata" in pdf.Root:
        del pdf.Root["/Metadata"]
    stamp = moment.isoformat()
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.load_from_docinfo(info, raise_failure=False)
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        meta["dc:title"] = title
        meta["pdf:Producer"] = PRODUCER
        meta["xmp:CreatorTool"] = PRODUCER
        meta["xmp:CreateDate"] = stamp
        meta["xmp:ModifyDate"] = stamp
        meta["xmp:MetadataDate"] = stamp


def add_output_intent(pdf: pikepdf.Pdf) -> None:
    """The sRGB output intent, in place of any the source had (a press's CMYK intent would make
    every gray and RGB image of the scan wrong under PDF/A)."""
    import pikepdf

    profile = pdf.make_stream(ICC_PROFILE.read_bytes())
    profile["/N"] = 3
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION),
        RegistryName=pikepdf.String("http://www.color.org"),
        Info=pikepdf.String(OUTPUT_CONDITION),
        DestOutputProfile=profile,
    )
    pdf.Root["/OutputIntents"] = pikepdf.Array([pdf.make_indirect(intent)])


def strip_forbidden(pdf: pikepdf.Pdf) -> None:
    """Remove what PDF/A-2 forbids and Scriba's output has no use for."""
    import pikepdf

    root = pdf.Root
    for key in ("/AA", "/OpenAction", "/Collection", "/Perms", "/Threads", "/AF"):
        if key in root:
            del root[key]
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in ("/JavaScript", "/EmbeddedFiles", "/AlternatePresentations"):
            if key in names:
                del names[key]
    if "/AcroForm" in root:
        # An archive copy is not filled in: the fields are drawn into their pages as they show
        # (flattened), and a signature field no longer signs anything in the copy.
        pdf.flatten_annotations("print")
        if "/AcroForm" in root:
            del root["/AcroForm"]
    _drop_dangling_bookmarks(pdf)
    _direct_destinations(pdf)
    for key in list(pdf.trailer.keys()):
        if key not in _TRAILER_KEYS:  # a producer's own entries (/DocChecksum, /DL...)
            del pdf.trailer[key]
    in_tree = {page.obj.objgen for page in pdf.pages}
    kids = {kid.objgen for kid in pdf.Root.Pages.get("/Kids", pikepdf.Array())}
    for page in pdf.pages:
        for key in list(page.obj.keys()):
            if key not in _PAGE_KEYS:  # actions, attachments, thumbnails, a producer's own keys
                del page.obj[key]
        rotate = page.obj.get("/Rotate")
        if rotate is not None and not (isinstance(rotate, int) and rotate % 90 == 0):
            del page.obj["/Rotate"]  # 45 degrees, or no number: viewers show it unturned, as does the copy
        _fix_annotations(page.obj, in_tree)
        if "/Parent" not in page.obj and page.obj.objgen in kids:
            page.obj["/Parent"] = pdf.Root.Pages  # a repaired tree's page that lost its way up
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image:
            for key in ("/Interpolate", "/Alternates", "/OPI"):
                if key in obj:
                    del obj[key]
        elif isinstance(obj, pikepdf.Dictionary) and isinstance(obj.get("/DescendantFonts"), pikepdf.Array):
            for descendant in obj["/DescendantFonts"]:
                _direct_system_info(descendant)


def _drop_dangling_bookmarks(pdf: pikepdf.Pdf) -> None:
    """Bookmarks and named destinations that point at page objects outside the page tree (a
    looping outline, a repaired tree) would carry those orphans into the file: they go."""
    import pikepdf

    in_tree = {page.obj.objgen for page in pdf.pages}
    orphans = any(
        isinstance(obj, pikepdf.Dictionary)
        and obj.get("/Type") == pikepdf.Name.Page
        and obj.objgen not in in_tree
        for obj in pdf.objects
    )
    if not orphans:
        return
    root = pdf.Root
    for key in ("/Outlines", "/Dests"):
        if key in root:
            del root[key]
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/Dests" in names:
        del names["/Dests"]


def _direct_destinations(pdf: pikepdf.Pdf) -> None:
    """A bookmark's destination written as a reference to an array (``/D 12 0 R``) made the
    array itself, as PDF/A's validators expect; every bookmark is visited once, however deep or
    looping the outline is."""
    import pikepdf

    outlines = pdf.Root.get("/Outlines")
    if not isinstance(outlines, pikepdf.Dictionary):
        return
    stack: list[object] = [outlines.get("/First")]
    seen: set[tuple[int, int]] = set()
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary) or item.objgen in seen:
            continue
        seen.add(item.objgen)
        action = item.get("/A")
        for holder, key in ((item, "/Dest"), (action, "/D")):
            if isinstance(holder, pikepdf.Dictionary):
                target = holder.get(key)
                if isinstance(target, pikepdf.Array) and target.is_indirect:
                    holder[key] = pikepdf.Array(list(target))
        stack.extend((item.get("/Next"), item.get("/First")))


def _direct_system_info(font: object) -> None:
    """A CIDFont's /Registry and /Ordering must be direct strings, not references to them."""
    import pikepdf

    info = font.get("/CIDSystemInfo") if isinstance(font, pikepdf.Dictionary) else None
    if isinstance(info, pikepdf.Dictionary):
        for key in ("/Registry", "/Ordering"):
            if key in info:
                info[key] = pikepdf.String(str(info[key]))


def _points_outside(annotation: pikepdf.Dictionary, in_tree: set[tuple[int, int]]) -> bool:
    """A link to a page object that is not one of the document's pages."""
    import pikepdf

    action = annotation.get("/A")
    target = action.get("/D") if isinstance(action, pikepdf.Dictionary) else annotation.get("/Dest")
    if not isinstance(target, pikepdf.Array) or len(target) == 0:
        return False
    page = target[0]
    return isinstance(page, pikepdf.Dictionary) and page.objgen not in in_tree


def _fix_annotations(page: pikepdf.Dictionary, in_tree: set[tuple[int, int]]) -> None:
    import pikepdf

    annotations = page.get("/Annots")
    if not isinstance(annotations, pikepdf.Array):
        return
    kept = []
    for annotation in annotations:
        if not isinstance(annotation, pikepdf.Dictionary):
            continue
        subtype = str(annotation.get("/Subtype", ""))
        flags = int(annotation.get("/F", 0))
        if subtype in _FORBIDDEN_ANNOTATIONS or flags & _ANNOTATION_OFF or subtype == "/Widget":
            continue
        if subtype == "/Link" and _points_outside(annotation, in_tree):
            continue
        if subtype != "/Popup":
            annotation["/F"] = flags | _PRINT
        action = annotation.get("/A")
        if isinstance(action, pikepdf.Dictionary) and action.get("/S") != pikepdf.Name.URI:
            if action.get("/S") != pikepdf.Name.GoTo:
                del annotation["/A"]
        if "/AA" in annotation:
            del annotation["/AA"]
        kept.append(annotation)
    page["/Annots"] = pikepdf.Array(kept)


def write_pdfa(doc: ExportDocument, options: ExportOptions, out: BinaryIO) -> None:
    """Write the PDF/A-2b searchable PDF of ``doc`` into ``out`` (seekable, readable: see
    ``pikepdf_source.save_to``); its images compressed when ``options.jpeg_quality`` asks (a size
    limit is ``split``'s work: one file here)."""
    with searchable_pdf(doc, options) as pdf:
        make_pdfa(pdf, doc.display_title)
        if options.jpeg_quality is not None:
            compress(pdf, Compression(options.jpeg_quality))
        save_to(pdf, out, pdfa=True)


def pdfa_bytes(doc: ExportDocument, options: ExportOptions) -> bytes:
    """``write_pdfa`` as the bytes of a file (tests, small documents)."""
    buffer = io.BytesIO()
    write_pdfa(doc, options, buffer)
    return buffer.getvalue()


class PdfAExporter:
    """The searchable PDF as PDF/A-2b, for archives and court filing systems."""

    name = "pdfa"
    suffix = ".pdf"
    label = ("Searchable PDF/A (archives, courts)", "PDF/A pesquisável (arquivos, tribunais)")
    description = ("Searchable PDF/A", "PDF/A pesquisável")

    def write(self, doc: ExportDocument, out: BinaryIO, options: ExportOptions) -> None:
        write_pdfa(doc, options, out)
