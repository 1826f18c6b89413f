"""Per-worker resource limits where the OS offers them (Linux, macOS), and how many workers the
machine can hold.

A worker caps its own address space so a hostile page fails alone instead of pushing the whole
machine into swap or the OOM killer, and never writes a core file (it would hold the pages it
was reading). Windows would need a Job Object; that is not done (see SECURITY.md).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

log = logging.getLogger(__name__)

#: Share of the cap at which a page's result is no longer trusted (see ``near_memory_limit``).
_NEAR_LIMIT = 0.9
_memory_limit: int | None = None  # this process's address-space cap, once set


def memory_limit() -> int | None:
    return _memory_limit


def peak_address_space() -> int | None:
    """The most address space this process ever mapped (Linux ``VmPeak``); None elsewhere."""
    return _proc_bytes("/proc/self/status", "VmPeak:")


def _proc_bytes(path: str, field: str) -> int | None:
    """A "<field> <n> kB" line of a Linux /proc file, in bytes; None where there is none."""
    try:
        with open(path, encoding="ascii") as lines:
            for line in lines:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def near_memory_limit() -> bool:
    """True when this worker came close enough to its cap that an allocation may have been refused.

    Not every refusal surfaces as an error: Leptonica logs a failed allocation and hands Tesseract
    no image, so the page reads as empty (seen here with a cap just under a page's need). A page
    that brought the peak this close to the cap is therefore not trusted.
    """
    if not _memory_limit:
        return False
    peak = peak_address_space()
    return peak is not None and peak >= _NEAR_LIMIT * _memory_limit


def limit_memory(limit: int | None) -> bool:
    """Cap this process's address space at ``limit`` bytes; False where the OS has no such cap.

    RLIMIT_AS counts virtual memory, which runs above resident memory (a normal worker maps
    ~170-300 MB for ~120-250 MB resident), so the limit must be generous. Windows would need a
    Job Object; that is not done (see SECURITY.md).
    """
    if not limit:
        return False
    try:
        import resource
    except ImportError:
        return False
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ValueError, OSError) as exc:
        log.debug("no memory limit for this worker: %s", exc)
        return False
    global _memory_limit
    _memory_limit = soft
    return True


def no_core_dumps() -> None:
    """A crashing worker must not leave a core file: it would hold the pages it was reading."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError) as exc:
        log.debug("core dumps stay as the OS sets them: %s", exc)


#: glibc's ``mallopt`` parameters (malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
#: Blocks up to this size come from the heap and are reused page after page. glibc's default
#: gives each multi-megabyte page buffer its own mapping and unmaps it when freed, and trims the
#: heap as it shrinks: the next page then faults all of it in again, zeroed. Measured on A4 pages
#: at 300 DPI: ~6,000 page faults and ~3 % of a page's time; with these thresholds, none.
_KEEP_BLOCKS_UP_TO = 64 * 1024**2
_KEEP_FREE_UP_TO = 256 * 1024**2


def keep_freed_memory_for_reuse() -> None:
    """Let a worker reuse the memory of one page for the next (glibc only; a no-op elsewhere).

    The peak stays what one page needs; what a resting worker holds goes back to the OS with
    ``release_free_memory``.
    """
    libc = _glibc()
    if libc:
        libc.mallopt(_M_MMAP_THRESHOLD, _KEEP_BLOCKS_UP_TO)
        libc.mallopt(_M_TRIM_THRESHOLD, _KEEP_FREE_UP_TO)


def release_free_memory() -> None:
    """Hand freed memory back to the OS (glibc only; a no-op elsewhere), when a worker rests.

    Tesseract and PDFium free a page's buffers when it is done, but glibc keeps freed heap mapped
    for reuse: a worker rested at ~150 MB after a few A4 pages instead of ~100 MB (measured,
    bench/). ``malloc_trim`` costs ~1-3 ms, and the next page faults the memory in again.
    """
    libc = _glibc()
    if libc:
        libc.malloc_trim(0)


def _glibc() -> Any:
    """The C library when it is glibc (it has ``malloc_trim`` and ``mallopt``), else None."""
    global _libc
    if _libc is False:
        return None
    if _libc is None:
        _libc = False
        if sys.platform.startswith("linux"):
            import ctypes
            import ctypes.util

            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt"):
                    _libc = libc
            except OSError:
                pass
    return _libc or None


_libc: Any = None  # None: not looked up yet; False: not glibc


#: Memory to set aside per worker when choosing how many to start: a worker rests at ~100 MB and
#: peaks at ~150 MB PSS on an A4 page at 300 DPI (bench/); large pages take more.
WORKER_BUDGET = 300 * 1024**2


def workers_for(cores: int, available: int | None) -> int:
    """As many workers as cores, but no more than the free memory can hold (at least one)."""
    if available is None:
        return max(1, cores)
    return max(1, min(cores, available // WORKER_BUDGET))


def default_workers() -> int:
    """Workers to start by default: one per core this process may use, within free memory."""
    return workers_for(usable_cores(), available_memory())


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # Linux: a container or `taskset` may allow fewer
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def available_memory() -> int | None:
    """Bytes the OS could hand out now without swapping, or None when it does not say."""
    if sys.platform == "win32":
        return _windows_available_memory()
    return _proc_bytes("/proc/meminfo", "MemAvailable:")


def _windows_available_memory() -> int | None:
    import ctypes
    from ctypes import wintypes

    class MemoryStatus(ctypes.Structure):
        _fields_ = [  # noqa: RUF012  (ctypes wants a plain list)
            ("dwLength", wintypes.DWORD),
            ("dwMemoryLoad", wintypes.DWORD),
            ("ullTotalPhys", ctypes.c_ulonglong),
            ("ullAvailPhys", ctypes.c_ulonglong),
            ("ullTotalPageFile", ctypes.c_ulonglong),
            ("ullAvailPageFile", ctypes.c_ulonglong),
            ("ullTotalVirtual", ctypes.c_ulonglong),
            ("ullAvailVirtual", ctypes.c_ulonglong),
            ("ullAvailExtendedVirtual", ctypes.c_ulonglong),
        ]

    status = MemoryStatus()
    status.dwLength = ctypes.sizeof(MemoryStatus)
    if not ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
        return None
    return int(status.ullAvailPhys)
