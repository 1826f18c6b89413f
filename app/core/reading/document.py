"""Validate a document (a PDF or a scanner's image) before any work, and open a PDF in a worker.

``check_file`` runs in the main process and only reads the first bytes (no parsing).
``open_pdf`` parses the document and runs only in worker processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import ScribaError
from app.core.reading.kinds import HEADER_WINDOW, kind_of

if TYPE_CHECKING:
    import pypdfium2

DEFAULT_MAX_BYTES = 2 * 1024**3


@dataclass(frozen=True, slots=True)
class FileStamp:
    """Size and modification time: detects a file changed under our feet."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp:
        stat = path.stat()
        return cls(stat.st_size, stat.st_mtime_ns)

    def same_as(self, other: FileStamp) -> bool:
        """Whether ``other`` is this stamp, read again: equal, or the same size with one time the
        other rounded to a coarser clock. A file on a share is stamped first from the client's
        cache (the time as the copy set it, to the nanosecond), later from the server, which
        keeps 100 ns, microseconds or, on a FAT or exFAT disk, 10 ms or 2 s: the same file, but
        its time moved by less than one tick of that clock, onto a whole tick."""
        if self == other:
            return True
        if self.size != other.size:
            return False
        a, b = self.mtime_ns, other.mtime_ns
        return any(
            coarse % tick == 0 and abs(coarse - fine) < tick
            for tick in _CLOCK_TICKS_NS
            for coarse, fine in ((a, b), (b, a))
        )

    def matches(self, path: Path) -> bool:
        """Whether the file at ``path`` is still the file this stamp was taken of.

        Raises:
            FileNotFoundError: It is gone.
        """
        return self.same_as(FileStamp.of(path))


#: The clocks file systems keep modification times in: NTFS and SMB (100 ns), NFS and some
#: NAS (1 us), exFAT (10 ms), most FAT-backed and older shares (1 s), FAT (2 s).
_CLOCK_TICKS_NS = (100, 1_000, 10_000_000, 1_000_000_000, 2_000_000_000)


def _human_size(count: int) -> str:
    value = float(count)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{count} bytes"


def check_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> FileStamp:
    """Cheap checks that need no parser: exists, readable, size, the magic bytes of a PDF or of an
    image Scriba reads (``app.core.reading.kinds``).

    Raises:
        ScribaError: ``missing``, ``unreadable``, ``empty``, ``too_large`` or ``not_document``.
    """
    name = path.name
    try:
        stamp = FileStamp.of(path)
        if not path.is_file():
            raise ScribaError("unreadable", name=name, detail="not a regular file")
        if stamp.size == 0:
            raise ScribaError("empty", name=name)
        if stamp.size > max_bytes:
            raise ScribaError("too_large", name=name, limit=_human_size(max_bytes))
        with path.open("rb") as handle:
            head = handle.read(HEADER_WINDOW)
    except FileNotFoundError:
        raise ScribaError("missing", name=name) from None
    except PermissionError:
        raise ScribaError("unreadable", name=name, detail="permission denied") from None
    except OSError as exc:
        raise ScribaError("unreadable", name=name, detail=exc.strerror or str(exc)) from None
    if kind_of(head) is None:
        raise ScribaError("not_document", name=name)
    return stamp


def open_pdf(path: Path, password: str | None) -> tuple[pypdfium2.PdfDocument, str | None]:
    """Open with PDFium, turning its failures into one clear sentence. Worker processes only.

    Returns:
        The document, and the form of the password that opened it (``None``: none was needed),
        which whatever else reads the file (a renderer) should be given.

    Raises:
        ScribaError: ``missing``, ``password``, ``wrong_password``, ``damaged`` or ``no_pages``.
    """
    import pypdfium2

    from app.core.reading.passwords import open_pdfium

    name = path.name
    if not os.path.exists(path):
        raise ScribaError("missing", name=name)
    try:
        document, used = open_pdfium(path, password)
    except pypdfium2.PdfiumError as exc:
        raise ScribaError(_why_not(path, password, str(exc)), name=name) from None
    if len(document) == 0:
        document.close()
        raise ScribaError("no_pages", name=name)
    return document, used


def _why_not(path: Path, password: str | None, pdfium_message: str) -> str:
    """The error code for a PDF that PDFium would not open.

    PDFium's reason is its *last* error, which can be stale (a zero-page file right after an
    encrypted one reports "password"), and it refuses well-formed zero-page files; qpdf is asked
    for a second opinion, with the same forms of the password (``app.core.reading.passwords``):
    a file qpdf opens unencrypted is not refused for a password, one PDFium opens only with a
    password is.
    """
    import pikepdf

    from app.core.reading.passwords import open_pikepdf

    if not path.exists():
        return "missing"
    wants_password = "password" in pdfium_message.lower()
    try:
        with open_pikepdf(path, password) as pdf:
            if pdf.is_encrypted and wants_password:
                # qpdf also opens a file with an empty owner password, which PDFium never tries:
                # for PDFium it still takes the user password.
                return "wrong_password" if password else "password"
            return "no_pages" if len(pdf.pages) == 0 else "damaged"
    except pikepdf.PasswordError:
        return "wrong_password" if password else "password"
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError, RecursionError):
        if wants_password:
            return "wrong_password" if password else "password"
        return "damaged"


def file_sha256(path: Path, chunk: int = 1024 * 1024, stop: Callable[[], bool] | None = None) -> str:
    """SHA-256 of the file's bytes, streamed: never the whole file in memory.

    ``stop`` is polled between chunks so a shutdown never waits for a 2 GB file to be hashed.
    """
    import hashlib

    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while block := handle.read(chunk):
                digest.update(block)
                if stop is not None and stop():
                    raise ScribaError("internal", name=path.name, detail="stopped")
    except FileNotFoundError:
        raise ScribaError("changed", name=path.name) from None
    except OSError as exc:
        raise ScribaError("unreadable", name=path.name, detail=exc.strerror or str(exc)) from None
    return digest.hexdigest()
