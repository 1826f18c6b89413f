"""An open document of either kind, as the worker sees it: a page count and a way to read a page.

The kind comes from the file's magic bytes (``app.core.reading.kinds``), looked at again in the worker:
the dispatcher only checked them. Worker processes only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.core.errors import ScribaError
from app.core.options import OcrOptions
from app.core.reading.document import open_pdf
from app.core.reading.kinds import DocumentKind, kind_of_file
from app.core.results import PageResult

if TYPE_CHECKING:
    import pypdfium2

    from app.core.reading.pages import PageContext


class Source(Protocol):
    """A document open in a worker."""

    @property
    def page_count(self) -> int: ...

    @property
    def encrypted(self) -> bool: ...

    def read_page(self, context: PageContext, index: int, options: OcrOptions) -> PageResult: ...

    def close(self) -> None: ...


class PdfSource:
    """A PDF open in PDFium; its pages go through ``process_page`` (text layer, render)."""

    def __init__(self, document: pypdfium2.PdfDocument, path: Path, password: str | None) -> None:
        self.document, self.path, self.password = document, path, password

    @classmethod
    def open(cls, path: Path, password: str | None) -> PdfSource:
        document, used = open_pdf(path, password)  # the form of the password that opened it
        return cls(document, path, used)

    @property
    def page_count(self) -> int:
        return len(self.document)

    @property
    def encrypted(self) -> bool:
        import pypdfium2.raw as pdfium_c

        return int(pdfium_c.FPDF_GetSecurityHandlerRevision(self.document.raw)) != -1

    def read_page(self, context: PageContext, index: int, options: OcrOptions) -> PageResult:
        from app.core.reading.pages import process_page

        return process_page(context, self.document, self.path, self.password, index, options)

    def close(self) -> None:
        self.document.close()


def _open_image(path: Path, password: str | None) -> Source:
    from app.core.reading.images import ImageDocument  # Pillow loads only for an image document

    return ImageDocument.open(path, password)


OPENERS: dict[DocumentKind, Callable[[Path, str | None], Source]] = {
    DocumentKind.PDF: PdfSource.open,
    DocumentKind.IMAGE: _open_image,
}


def open_source(path: Path, password: str | None) -> Source:
    """Open the document at ``path`` as the kind its first bytes say.

    Raises:
        ScribaError: ``missing``, ``unreadable``, ``not_document``, or what the opener raises.
    """
    try:
        kind = kind_of_file(path)
    except FileNotFoundError:
        raise ScribaError("missing", name=path.name) from None
    except OSError as exc:
        raise ScribaError("unreadable", name=path.name, detail=exc.strerror or str(exc)) from None
    if kind is None:
        raise ScribaError("not_document", name=path.name)
    return OPENERS[kind](path, password)
