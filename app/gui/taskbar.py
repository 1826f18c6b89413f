"""Progress on the taskbar button, where the platform has one: Windows' ITaskbarList3.

The COM object is reached through ctypes (no pywin32), made only on Windows and only when there
is progress to show: on Linux this module imports nothing but ``sys``, and ``TaskbarProgress``
does nothing. Any failure of the shell (Explorer restarting, no taskbar on a server) turns the
feature off for the session, with a line in the log; the window never depends on it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

#: Fraction shown as thousandths: fine enough for a 900-page document, whole numbers for COM.
_STEPS = 1000
_CLSID_TASKBAR_LIST = "{56FDF344-FD6D-11d0-958A-006097C9A090}"
_IID_TASKBAR_LIST3 = "{EA1AFB91-9E28-4B86-90E9-9E9F8A5EEFAF}"
_TBPF_NOPROGRESS, _TBPF_NORMAL = 0, 2
# Vtable slots: IUnknown (0-2), ITaskbarList (3 HrInit .. 7), ITaskbarList2 (8), ITaskbarList3 (9, 10).
_HR_INIT, _SET_PROGRESS_VALUE, _SET_PROGRESS_STATE = 3, 9, 10


class TaskbarProgress:
    """The progress bar in one window's taskbar button (Windows 7 and later)."""

    def __init__(self, window_handle: Callable[[], int]) -> None:
        self._handle = window_handle  # the HWND, read when first needed (the window exists by then)
        self._taskbar: Any = None
        self._failed = sys.platform != "win32"
        self._shown: int | None = None

    def show(self, fraction: float | None) -> None:
        """``fraction`` 0..1 of the queue done; ``None`` hides the bar (idle)."""
        steps = None if fraction is None else max(0, min(_STEPS, round(fraction * _STEPS)))
        if self._failed or steps == self._shown:
            return
        try:
            if self._taskbar is None:
                if steps is None:
                    return  # nothing shown yet, nothing to hide
                self._taskbar = _windows_taskbar()
            hwnd = self._handle()
            if steps is None:
                self._taskbar.state(hwnd, _TBPF_NOPROGRESS)
            else:
                self._taskbar.state(hwnd, _TBPF_NORMAL)
                self._taskbar.value(hwnd, steps, _STEPS)
            self._shown = steps
        except OSError:
            log.warning("the taskbar button cannot show progress; not trying again", exc_info=True)
            self._failed = True


class _WindowsTaskbar:
    """ITaskbarList3's two progress methods, called through its vtable."""

    def __init__(self, pointer: Any, state: Any, value: Any) -> None:
        self._pointer, self._state, self._value = pointer, state, value

    def state(self, hwnd: int, flag: int) -> None:
        self._check(self._state(self._pointer, hwnd, flag))

    def value(self, hwnd: int, done: int, total: int) -> None:
        self._check(self._value(self._pointer, hwnd, done, total))

    @staticmethod
    def _check(result: int) -> None:
        if result < 0:
            raise OSError(f"ITaskbarList3 failed: HRESULT {result & 0xFFFFFFFF:#010x}")


def _windows_taskbar() -> _WindowsTaskbar:
    if sys.platform != "win32":
        raise OSError("no Windows taskbar here")
    import ctypes
    import uuid
    from ctypes import wintypes

    def guid(text: str) -> ctypes.Array[ctypes.c_char]:
        return ctypes.create_string_buffer(uuid.UUID(text).bytes_le, 16)

    ole32 = ctypes.OleDLL("ole32")
    try:
        ole32.CoInitializeEx(None, 2)  # apartment-threaded, as Qt's GUI thread already is (S_FALSE)
    except OSError:
        pass  # initialised another way already (RPC_E_CHANGED_MODE): COM is usable all the same
    pointer = ctypes.c_void_p()
    clsid, iid = guid(_CLSID_TASKBAR_LIST), guid(_IID_TASKBAR_LIST3)
    ole32.CoCreateInstance(clsid, None, 1, iid, ctypes.byref(pointer))  # CLSCTX_INPROC_SERVER
    vtable = ctypes.cast(pointer, ctypes.POINTER(ctypes.POINTER(ctypes.c_void_p))).contents

    def method(index: int, *arguments: Any) -> Any:
        return ctypes.WINFUNCTYPE(ctypes.c_long, ctypes.c_void_p, *arguments)(vtable[index])

    hr_init = method(_HR_INIT)
    if hr_init(pointer) < 0:
        raise OSError("ITaskbarList3.HrInit failed")
    state = method(_SET_PROGRESS_STATE, wintypes.HWND, ctypes.c_int)
    value = method(_SET_PROGRESS_VALUE, wintypes.HWND, ctypes.c_ulonglong, ctypes.c_ulonglong)
    return _WindowsTaskbar(pointer, state, value)
