"""Pages rebuilt from their image, when the source's own page cannot be kept.

Used when qpdf cannot open the source at all, finds another page count than PDFium (a looping
page tree, which PDFium walks repeatedly), or a page object cannot take a layer. PDFium, which
read the pages, renders each such page in colour at the resolution it was read at (the same
rule: ``app.core.reading.render.page_scale``), as a viewer shows it (``/Rotate`` applied); the
page is stored as that image, JPEG at quality 85 (gray when the page has no colour), the size
it was displayed at, and gets the text layer like any other page. It looks as it did, but is
no longer text or vectors, so the exporter logs every page it rebuilt.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from app.core.export.base import ExportDocument, ExportError
from app.core.export.image_pdf import EmbeddedImage, add_image_page
from app.core.reading.passwords import open_pdfium

if TYPE_CHECKING:
    from types import TracebackType

    import pikepdf
    import pypdfium2
    from PIL import Image

log = logging.getLogger(__name__)
_QUALITY = 85


class PageImages:
    """The source as PDFium sees it, opened on first use; a context manager that closes it."""

    def __init__(self, doc: ExportDocument) -> None:
        self.doc = doc
        self._pdf: pypdfium2.PdfDocument | None = None

    def _document(self) -> pypdfium2.PdfDocument:
        import pypdfium2  # named in the except clause below: not only a type here

        if self._pdf is None:
            try:
                self._pdf = open_pdfium(self.doc.source, self.doc.password)[0]
            except FileNotFoundError as error:
                raise ExportError(
                    "source_missing", "export_source_gone", "export_make_pdf", source=self.doc.source
                ) from error
            except (pypdfium2.PdfiumError, OSError) as error:
                raise ExportError(
                    "source_unreadable", "export_source_not_pdf", "export_make_pdf", name=self.doc.source.name
                ) from error
        return self._pdf

    def count(self) -> int:
        return len(self._document())

    def render(
        self, index: int, read_size: tuple[float, float] = (0.0, 0.0)
    ) -> tuple[EmbeddedImage | None, tuple[float, float]]:
        """Page ``index`` as a JPEG image, and its displayed size in points; no image (a blank
        page of ``read_size``, or Letter) when PDFium cannot load the page either."""
        import pypdfium2

        from app.core.options import OcrOptions
        from app.core.reading.render import page_scale

        try:
            page = self._document()[index]
        except pypdfium2.PdfiumError:
            log.warning("%s: page %d cannot be loaded: left blank", self.doc.source.name, index + 1)
            width, height = read_size
            return None, (width, height) if width >= 1 and height >= 1 else (612.0, 792.0)
        try:
            scale = page_scale(page, OcrOptions(dpi=self.doc.dpi))
            image = page.render(scale=scale, may_draw_forms=True).to_pil()
        finally:
            page.close()
        # The bitmap is the page as displayed (its /Rotate applied): its size at the scale is the page's.
        return _jpeg(image), (image.width / scale, image.height / scale)

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def __enter__(self) -> PageImages:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _jpeg(image: Image.Image) -> EmbeddedImage:
    from PIL import ImageChops

    image = image.convert("RGB")
    gray = image.convert("L")
    if ImageChops.difference(image, gray.convert("RGB")).getbbox() is None:
        image = gray
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=_QUALITY, optimize=True)
    colorspace = "/DeviceGray" if image.mode == "L" else "/DeviceRGB"
    return EmbeddedImage(buffer.getvalue(), image.width, image.height, colorspace, 8, "/DCTDecode")


def append_image_page(
    pdf: pikepdf.Pdf, images: PageImages, index: int, read_size: tuple[float, float] = (0.0, 0.0)
) -> pikepdf.Page:
    """Add page ``index`` of the source, rebuilt from its image, at the end of ``pdf``."""
    picture, size = images.render(index, read_size)
    return add_image_page(pdf, picture, size)


def replace_with_image(
    pdf: pikepdf.Pdf, images: PageImages, index: int, read_size: tuple[float, float], why: str
) -> pikepdf.Page:
    """Put page ``index`` rebuilt from its image in place of the source's page ``index``."""
    import pikepdf

    log.warning("%s: page %d rebuilt from its image (%s)", images.doc.source.name, index + 1, why)
    scratch = pikepdf.new()
    append_image_page(scratch, images, index, read_size)
    pdf.pages[index] = scratch.pages[0]
    return pdf.pages[index]


def rebuild_document(images: PageImages, why: str) -> pikepdf.Pdf:
    """A new PDF of every page of the source, each rebuilt from its image."""
    import pikepdf

    log.warning("%s: every page rebuilt from its image (%s)", images.doc.source.name, why)
    pdf = pikepdf.new()
    read = {page.page: (page.width_pt, page.height_pt) for page in images.doc.pages}
    for index in range(images.count()):
        append_image_page(pdf, images, index, read.get(index, (0.0, 0.0)))
    return pdf
