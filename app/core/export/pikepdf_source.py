"""The searchable PDF as an open ``pikepdf.Pdf``: what PDF/A, compression and splitting work on.

The searchable PDF writer (``app.core.export.pdf``) builds the document; the steps of this
package that come after it (``pdfa``, ``compress``, ``split``) only post-process the open
``pikepdf.Pdf``, so they never depend on how the writer made it.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

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


def saved(pdf: pikepdf.Pdf, *, pdfa: bool) -> bytes:
    """``pdf`` written out: compressed streams and object streams; for PDF/A also what ISO
    19005-2 asks of the file (no encryption, PDF 1.7 at most, LZW and other old filters decoded
    and stored again with Flate, the XMP packet left as written)."""
    import pikepdf

    buffer = io.BytesIO()
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
    pdf.save(buffer, **kwargs)  # type: ignore[arg-type]
    data = buffer.getvalue()
    try:
        pikepdf.open(io.BytesIO(data)).close()
    except pikepdf.PdfError:
        # qpdf 12 can write object streams that its own reader cannot find the catalog in, for
        # some repaired sources (a cyclic outline, a missing xref): without them it is sound.
        log.warning("Object streams made an unreadable file; saving without them")
        buffer = io.BytesIO()
        pdf.save(buffer, **{**kwargs, "object_stream_mode": pikepdf.ObjectStreamMode.disable})
        data = buffer.getvalue()
    return data
