"""What a file is, from its first bytes: a PDF or a scanner's image. Never from its name.

A scan saved as ``.jpg`` that is really a PNG, or a PDF without an extension, is read as what it
is. Only the magic bytes are looked at, so this runs anywhere, even in the main process.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

HEADER_WINDOW = 1024  # the PDF spec lets %PDF- start anywhere in the first 1024 bytes
#: Sizes of the BMP info headers Windows and OS/2 write: ``BM`` alone is too weak a signature.
_BMP_HEADER_SIZES = frozenset({12, 16, 40, 52, 56, 64, 108, 124})


#: The names the window offers and looks for in folders (it never opens a file to see what it is;
#: the engine then goes by the bytes, so a PNG named .jpg is read and a text file named .pdf is not).
DOCUMENT_SUFFIXES = (".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".png", ".bmp", ".webp")


class DocumentKind(Enum):
    PDF = "pdf"
    IMAGE = "image"


def image_format(head: bytes) -> str | None:
    """Pillow's name for the image format ``head`` starts with, or ``None``."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):  # TIFF, BigTIFF (> 4 GB scans)
        return "TIFF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    if (
        head.startswith(b"BM")
        and len(head) >= 18
        and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES
    ):
        return "BMP"
    return None


def kind_of(head: bytes) -> DocumentKind | None:
    """The kind of document whose first bytes are ``head``, or ``None`` for anything else."""
    if head.startswith(b"%PDF-"):
        return DocumentKind.PDF
    if image_format(head) is not None:
        return DocumentKind.IMAGE
    if b"%PDF-" in head[:HEADER_WINDOW]:
        return DocumentKind.PDF
    return None


def kind_of_file(path: Path) -> DocumentKind | None:
    """The kind of the file at ``path`` (``OSError`` when it cannot be read)."""
    with path.open("rb") as handle:
        return kind_of(handle.read(HEADER_WINDOW))
