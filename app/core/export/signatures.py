"""Whether a PDF carries a digital signature, which no rewritten copy can keep valid.

A signature covers the file's bytes (its ``/ByteRange``); the searchable copy has other bytes,
so its signature no longer verifies, whatever the copy keeps of the signature field. The
export therefore says so; the original is only read, never changed.

Signed means: the AcroForm's ``/SigFlags`` has SignaturesExist (bit 1), or a signature field
(``/FT /Sig``) has a value with a ``/ByteRange``; the catalog's ``/Perms`` (a certifying
signature) counts too.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.reading.passwords import open_pikepdf

if TYPE_CHECKING:
    import pikepdf

log = logging.getLogger(__name__)
_MAX_FIELDS = 10_000  # a looping field tree stops here


def _signed_field(fields: pikepdf.Object | None) -> bool:
    from pikepdf import Array, Dictionary

    pending = list(fields) if isinstance(fields, Array) else []
    seen: set[tuple[int, int]] = set()
    while pending and len(seen) < _MAX_FIELDS:
        field = pending.pop()
        if not isinstance(field, Dictionary):
            continue
        if field.is_indirect:
            if field.objgen in seen:
                continue
            seen.add(field.objgen)
        value = field.get("/V")
        if field.get("/FT") == "/Sig" and isinstance(value, Dictionary) and "/ByteRange" in value:
            return True
        kids = field.get("/Kids")
        if isinstance(kids, Array):
            pending.extend(kids)
    return False


def signed(pdf: pikepdf.Pdf) -> bool:
    """Whether the opened ``pdf`` is digitally signed."""
    from pikepdf import Dictionary

    root = pdf.Root
    if isinstance(root.get("/Perms"), Dictionary):
        return True
    form = root.get("/AcroForm")
    if not isinstance(form, Dictionary):
        return False
    try:
        flags = int(form.get("/SigFlags", 0))
    except (TypeError, ValueError):
        flags = 0
    return bool(flags & 1) or _signed_field(form.get("/Fields"))


def is_signed(path: Path, password: str | None = None) -> bool:
    """Whether the PDF at ``path`` is digitally signed; False for what is not a PDF qpdf opens."""
    import pikepdf

    try:
        with open_pikepdf(Path(path), password) as pdf:
            return signed(pdf)
    except (pikepdf.PdfError, RuntimeError, OSError, ValueError) as error:
        log.debug("%s: not checked for a signature: %s", Path(path).name, error)
        return False
