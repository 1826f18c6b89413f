"""Searchable PDF: the original pages, untouched, with an invisible text layer on top.

Built with pikepdf (qpdf), which repairs broken cross-references, page-tree loops and deep
trees as it opens a file. Each page's content streams are kept byte for byte (images and
vectors are not decoded or re-compressed) and the layer is added around them
(``pdf_pages``); a page whose source was its own text layer, and a failed page, get no layer.
A page read by OCR loses the invisible old text it came with (``pdf_oldtext``). A page whose
print lay sideways or upside down gets a ``/Rotate`` that shows it upright.

When the source's structure cannot be kept (qpdf cannot open it, or finds another page count
than PDFium, which read it; a page object cannot take a layer), the page, or every page, is
rebuilt from its image plus the layer (``pdf_fallback``) rather than failing, and the log says so.

A password-protected source is opened with ``ExportDocument.password``; the output is written
without encryption (it holds the same content, now readable and searchable by anyone who has
the file).

An image source (a scanner's JPEG, PNG or TIFF) has no pages to keep: ``image_pdf`` makes them
from its images, and they get the same layer.

``build_searchable_pdf`` gives the ``pikepdf.Pdf`` before it is saved, for writers that
post-process it (PDF/A); ``save_searchable`` writes one.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, BinaryIO

from app.core.export.base import ExportDocument, ExportError, ExportOptions, ordered_pages
from app.core.export.image_pdf import image_pages, is_image_source
from app.core.export.pdf_fallback import PageImages, rebuild_document, replace_with_image
from app.core.export.pdf_oldtext import remove_invisible_text
from app.core.export.pdf_pages import UnusablePage, add_font, add_layer, prepare
from app.core.export.textlayer import PageGeometry
from app.core.reading.passwords import open_pikepdf
from app.core.results import PageResult, PageSource

if TYPE_CHECKING:
    import pikepdf

log = logging.getLogger(__name__)


def needs_layer(page: PageResult) -> bool:
    return page.source in (PageSource.OCR, PageSource.CACHE) and any(w.text.strip() for w in page.words)


def _has_words(page: PageResult) -> bool:
    return any(w.text.strip() for w in page.words)


def _matches(doc: ExportDocument, count: int) -> bool:
    return count == len(doc.pages) and {page.page for page in doc.pages} == set(range(count))


def _changed(doc: ExportDocument, count: int) -> ExportError:
    return ExportError(
        "source_changed",
        "export_source_changed",
        "export_make_pdf",
        name=doc.source.name,
        now=count,
        before=len(doc.pages),
    )


def _open_source(doc: ExportDocument, images: PageImages) -> tuple[pikepdf.Pdf, bool]:
    """The source opened by qpdf, or rebuilt from its images; True when rebuilt."""
    import pikepdf

    try:
        pdf = open_pikepdf(doc.source, doc.password)
    except pikepdf.PasswordError as error:
        raise ExportError("password", "export_password", "export_open", name=doc.source.name) from error
    except FileNotFoundError as error:
        raise ExportError(
            "source_missing", "export_source_gone", "export_make_pdf", source=doc.source
        ) from error
    except (pikepdf.PdfError, RuntimeError) as error:  # qpdf's own errors are RuntimeErrors too
        return _rebuilt(doc, images, f"qpdf cannot open it: {error}"), True
    except OSError as error:
        raise ExportError(
            "source_missing",
            "export_source_unreadable",
            "export_make_pdf",
            source=doc.source,
            detail=error.strerror,
        ) from error
    try:
        count = len(pdf.pages)
    except (pikepdf.PdfError, RuntimeError) as error:
        pdf.close()
        return _rebuilt(doc, images, f"its page tree cannot be read: {error}"), True
    if not _matches(doc, count):
        pdf.close()
        return _rebuilt(doc, images, f"qpdf finds {count} pages, {len(doc.pages)} were read"), True
    return pdf, False


def _rebuilt(doc: ExportDocument, images: PageImages, why: str) -> pikepdf.Pdf:
    count = images.count()
    if not _matches(doc, count):
        raise _changed(doc, count)
    return rebuild_document(images, why)


def _image_geometry(page: pikepdf.Page) -> PageGeometry:
    left, bottom, right, top = (float(v) for v in page.obj.MediaBox)
    return PageGeometry(left, bottom, right, top, 0)


def build_searchable_pdf(
    doc: ExportDocument,
    options: ExportOptions | None = None,
    *,
    visible: bool = False,
    from_images: bool = False,
) -> pikepdf.Pdf:
    """The searchable PDF of ``doc``, not yet saved; the caller saves and closes it.

    Args:
        visible: Paint the layer (render mode 0), which shows each character as a solid box:
            debugging and tests, to see where the words lie.
        from_images: Rebuild every page from its image instead of keeping the source's pages
            (what the exporter falls back to when qpdf cannot write the kept pages).

    Raises:
        ExportError: ``password``, ``source_missing``, ``source_unreadable``, ``source_changed``.
    """
    with PageImages(doc) as images:
        if is_image_source(doc.source):
            pdf, kept = image_pages(doc), False
        elif from_images:
            pdf, kept = _rebuilt(doc, images, "the kept pages could not be written"), False
        else:
            pdf, rebuilt = _open_source(doc, images)
            kept = not rebuilt
        _add_layers(pdf, doc, images, kept, visible)
    return pdf


def _add_layers(pdf: pikepdf.Pdf, doc: ExportDocument, images: PageImages, kept: bool, visible: bool) -> None:
    """Lay each page's words over it; ``kept``: the pages are the source's own."""
    import pikepdf

    font: pikepdf.Object | None = None
    for result in ordered_pages(doc):
        # A rebuilt page lost the source's text: every page with words gets a layer there.
        if not (needs_layer(result) if kept else _has_words(result)):
            continue
        if font is None:
            font = add_font(pdf)
        page = pdf.pages[result.page]
        if not kept:
            add_layer(pdf, page, _image_geometry(page), result, font, visible)
            continue
        try:
            geometry = prepare(page, (result.width_pt, result.height_pt))
            if remove_invisible_text(pdf, page):
                log.info("%s: page %d: its old invisible text removed", doc.source.name, result.page + 1)
            add_layer(pdf, page, geometry, result, font, visible)
        except (UnusablePage, pikepdf.PdfError, RuntimeError, TypeError, ValueError, KeyError) as error:
            read_size = (result.width_pt, result.height_pt)
            page = replace_with_image(pdf, images, result.page, read_size, f"{type(error).__name__}: {error}")
            add_layer(pdf, page, _image_geometry(page), result, font, visible)


def save_searchable(pdf: pikepdf.Pdf, out: BinaryIO) -> None:
    """Write ``pdf`` to ``out``, its pages' streams as they were (no decoding, no recompression)."""
    import pikepdf

    pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none)


class SearchablePdfExporter:
    """The source PDF with an invisible, selectable text layer on every OCR'd page.

    Args:
        visible: Paint the layer (render mode 0): see ``build_searchable_pdf``.
    """

    name = "pdf"
    suffix = ".pdf"
    label = ("Searchable PDF", "PDF pesquisável")
    description = ("Searchable PDF", "PDF pesquisável")

    def __init__(self, *, visible: bool = False) -> None:
        self.visible = visible

    def write(self, doc: ExportDocument, out: BinaryIO, options: ExportOptions) -> None:
        import pikepdf

        start = out.tell() if out.seekable() else None
        try:
            with build_searchable_pdf(doc, options, visible=self.visible) as pdf:
                save_searchable(pdf, out)
        except (pikepdf.PdfError, RuntimeError) as error:  # qpdf met an object it cannot write
            if start is None or is_image_source(doc.source):
                raise
            log.warning("%s: its pages cannot be written as they are (%s)", doc.source.name, error)
            out.seek(start)
            out.truncate()
            with build_searchable_pdf(doc, options, visible=self.visible, from_images=True) as pdf:
                save_searchable(pdf, out)
