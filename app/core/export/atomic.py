"""Write a file so that readers see the old file or the complete new one, never a part.

The new content goes to a temporary file in the target's folder (same disk, so the final
``os.replace`` is a rename), is flushed to disk, then replaces the target in one step. Any
failure removes the temporary file and leaves the target as it was.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import secrets
import shutil
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO

from app.core.export.base import ExportError

log = logging.getLogger(__name__)

_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_BAD_NAME = {errno.ENAMETOOLONG, errno.EINVAL}


def leftover_temporaries(target: Path) -> list[Path]:
    """The temporary files a writer stopped mid-write (killed, crashed) left beside ``target``
    or its numbered parts (``x-1.pdf``, ...): the names ``_open_temporary`` gives them."""
    stem, suffix = re.escape(target.stem), re.escape(target.suffix)
    ours = re.compile(rf"\.{stem}(-\d+)?{suffix}\.[0-9a-f]+\.tmp")
    try:
        return [path for path in target.parent.glob(".*.tmp") if ours.fullmatch(path.name)]
    except OSError:
        return []


def _open_temporary(target: Path) -> tuple[Path, BinaryIO]:
    # os.open with mode 0o666 lets the umask decide permissions, like any new file; mkstemp
    # would leave the export readable by its owner only.
    # Readable too: a PDF writer reads back the file it wrote (``pikepdf_source.save_to``).
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(10):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
        return temporary, os.fdopen(fd, "w+b")
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


def _error_for(target: Path, error: OSError, replacing: bool) -> ExportError:
    """One sentence and a stable code for an OS error met while writing ``target``."""
    code = error.errno
    if code in _NO_SPACE:
        return ExportError("no_space", "export_no_space", target=target)
    if code == errno.EROFS:
        return ExportError("permission", "export_read_only_disk", target=target)
    if isinstance(error, PermissionError):
        if replacing and not (target.exists() and not os.access(target, os.W_OK)):
            # The folder took the temporary file, so the target itself refused: on Windows
            # that is a file another program holds open.
            return ExportError("locked", "export_locked", target=target)
        if replacing:
            return ExportError("permission", "export_read_only_file", target=target)
        return ExportError("permission", "export_no_permission", target=target, folder=target.parent)
    if code in _BAD_NAME:
        return ExportError("bad_name", "export_bad_name", target=target)
    reason = (error.strerror or str(error)).rstrip(".")
    return ExportError("io", "export_os", target=target, detail=f"{reason[:1].lower()}{reason[1:]}")


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one existing file (an export must never replace its source)."""
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def write_atomically(target: Path, produce: Callable[[BinaryIO], None]) -> Path:
    """Call ``produce`` with a binary handle, then put what it wrote at ``target``.

    Raises:
        ExportError: The file could not be written (``permission``, ``locked``,
            ``no_space``, ``no_folder``, ``bad_name``, ``io``); the target is unchanged.
        Exception: Whatever ``produce`` raises, after the temporary file is removed.
    """
    target = Path(target)
    _check_place(target)
    if target.exists() and not target.is_file():
        # A device or pipe (/dev/null, a FIFO a script reads): renaming over it would replace
        # the device itself with a regular file, so it is written in place.
        return _write_in_place(target, produce)
    _replace(_staged(target, produce), target)
    return target


def write_all_atomically(files: Sequence[tuple[Path, bytes | Path]]) -> None:
    """Write every ``(target, data)`` or none (``data``: the bytes, or a file to copy them
    from, a piece at a time): each goes to a temporary file first, and only
    when all are on disk do they replace their targets (the parts of one split document: a
    filing with a part missing, or a part from an earlier export, would be wrong).

    Raises:
        ExportError: As ``write_atomically``; no target has changed.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files:
            _check_place(target)
            if target.exists() and not target.is_file():
                raise ExportError("bad_name", "export_is_folder", target=target)
            staged.append((_staged(target, partial(_put, data)), target))
    except BaseException:
        for temporary, _ in staged:
            _discard(temporary)
        raise
    for position, (temporary, target) in enumerate(staged):
        try:
            _replace(temporary, target)
        except ExportError:
            for left, _ in staged[position + 1 :]:
                _discard(left)
            raise


def _put(data: bytes | Path, handle: BinaryIO) -> None:
    if isinstance(data, bytes):
        handle.write(data)
        return
    with data.open("rb") as source:
        shutil.copyfileobj(source, handle, 1024 * 1024)


def _check_place(target: Path) -> None:
    if not target.parent.is_dir():
        raise ExportError("no_folder", "export_no_folder", target=target, folder=target.parent)
    if target.is_dir():
        raise ExportError("bad_name", "export_is_folder", target=target)


def _staged(target: Path, produce: Callable[[BinaryIO], None]) -> Path:
    """What ``produce`` writes, in a temporary file beside ``target``, flushed to the disk."""
    try:
        temporary, handle = _open_temporary(target)
    except OSError as error:
        raise _error_for(target, error, replacing=False) from error
    try:
        with handle:
            produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as error:
        _discard(temporary)
        if isinstance(error, OSError):
            raise _error_for(target, error, replacing=False) from error
        raise
    return temporary


def _replace(temporary: Path, target: Path) -> None:
    """Put the staged file at ``target`` in one step; on failure the target is as it was."""
    try:
        os.replace(temporary, target)
    except OSError as error:
        _discard(temporary)
        raise _error_for(target, error, replacing=True) from error


def _discard(temporary: Path) -> None:
    try:
        temporary.unlink(missing_ok=True)
    except OSError as cleanup:
        log.warning("Could not remove the temporary file %s: %s", temporary, cleanup)


def _write_in_place(target: Path, produce: Callable[[BinaryIO], None]) -> Path:
    try:
        with target.open("wb") as handle:
            produce(handle)
    except OSError as error:
        raise _error_for(target, error, replacing=False) from error
    return target
