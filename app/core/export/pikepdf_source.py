"""The searchable PDF as an open ``pikepdf.Pdf``: what PDF/A, compression and splitting work on.

The searchable PDF writer (``app.core.export.pdf``) builds the document; the steps of this
package that come after it (``pdfa``, ``compress``, ``split``) only post-process the open
``pikepdf.Pdf``, so they never depend on how the writer made it.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, BinaryIO

from app.core.export.base import ExportDocument, ExportOptions

if TYPE_CHECKING:
    import pikepdf

log = logging.getLogger(__name__)


def searchable_pdf(doc: ExportDocument, options: ExportOptions, *, from_images: bool = False) -> pikepdf.Pdf:
    """The searchable PDF of ``doc``, open (the caller closes it).

    Raises:
        ExportError: As the searchable PDF writer does.
    """
    from app.core.export.pdf import build_searchable_pdf

    return build_searchable_pdf(doc, options, from_images=from_images)


def _save_kwargs(pdfa: bool) -> dict[str, object]:
    import pikepdf

    kwargs: dict[str, object] = {
        "compress_streams": True,
        "object_stream_mode": pikepdf.ObjectStreamMode.generate,
        "encryption": None,
    }
    if pdfa:
        kwargs.update(
            stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
            fix_metadata_version=False,
            preserve_pdfa=True,
            normalize_content=False,
            force_version="1.7",
        )
    return kwargs


def save_to(pdf: pikepdf.Pdf, out: BinaryIO, *, pdfa: bool) -> None:
    """Write ``pdf`` into ``out`` (a seekable file open for reading and writing, at the place the
    file starts) as ``saved`` does, without holding the file in memory: qpdf writes it as it goes
    and the page images are copied from the source file, so a 900-page scan costs no more
    memory than a 10-page one. For PDF/A also what ISO 19005-2 asks of the file (no encryption,
    PDF 1.7 at most, LZW and other old filters decoded and stored again with Flate, the XMP
    packet left as written)."""
    import pikepdf

    if not (out.seekable() and out.readable()):  # a pipe or a device (written in place)
        out.write(saved(pdf, pdfa=pdfa))
        return
    kwargs = _save_kwargs(pdfa)
    start = out.tell()
    pdf.save(out, **kwargs)  # type: ignore[arg-type]
    out.flush()
    end = out.tell()
    out.seek(start)
    try:
        pikepdf.open(out).close()  # reads the cross-reference and the catalog, not the pages
    except pikepdf.PdfError:
        # qpdf 12 can write object streams that its own reader cannot find the catalog in, for
        # some repaired sources (a cyclic outline, a missing xref): without them it is sound.
        log.warning("Object streams made an unreadable file; saving without them")
        out.seek(start)
        out.truncate()
        pdf.save(out, **{**kwargs, "object_stream_mode": pikepdf.ObjectStreamMode.disable})
        return
    out.seek(end)


class _Counter(io.RawIOBase):
    """A file that only counts what is written to it."""

    def __init__(self) -> None:
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.size += len(data)
        return len(data)


def saved_size(pdf: pikepdf.Pdf, *, pdfa: bool) -> int:
    """How many bytes ``save_to`` would write (object streams kept), without keeping them."""
    counter = _Counter()
    pdf.save(counter, **_save_kwargs(pdfa))  # type: ignore[arg-type]
    return counter.size


def saved(pdf: pikepdf.Pdf, *, pdfa: bool) -> bytes:
    """``pdf`` written out as the bytes of a file (``save_to``): for small files (one page of a
    split, a test); a whole document goes to its file with ``save_to``."""
    buffer = io.BytesIO()
    save_to(pdf, buffer, pdfa=pdfa)
    return buffer.getvalue()
