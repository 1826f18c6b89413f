"""The window's persisted settings: one declarative defaults table over QSettings.

Every default comes from ``app.core.defaults``, the table ``scriba ocr`` reads too, so the window
and the CLI build the same options (and therefore share cache entries) and keep the cache to the
same cap unless the user changes something. The cache limits chosen here are also stored in the
cache itself (the controller hands them to the job manager), where ``scriba ocr`` finds them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal

from app.core import defaults
from app.core.options import MAX_DPI, MIN_DPI, OcrOptions
from app.core.running.limits import default_workers

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Setting:
    """One persisted value: its key, its default and the Python type it is read back as."""

    key: str
    default: object
    kind: type


#: The one table of every setting. ``ocr/dpi`` 0 means "auto" (``OcrOptions.dpi = None``).
#: ``cache/max_mb`` is in MiB (1024 * 1024 bytes), as the Settings dialog says.
DEFAULTS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("ocr/languages", defaults.LANGUAGES, str),
        Setting("ocr/dpi", defaults.DPI or 0, int),
        Setting("ocr/use_text_layer", defaults.USE_TEXT_LAYER, bool),
        Setting("ocr/auto_rotate", defaults.AUTO_ROTATE, bool),
        Setting("ocr/deskew", defaults.DESKEW, bool),
        Setting("jobs/workers", defaults.WORKERS or default_workers(), int),
        Setting("cache/max_mb", defaults.CACHE_MAX_MIB, int),
        Setting("cache/max_age_days", defaults.CACHE_MAX_AGE_DAYS, int),
        Setting("ui/language", "system", str),  # system | en | pt_BR
        Setting("ui/when_done", "notify", str),  # nothing | notify | quit
        Setting("ui/open_folder", "", str),  # where File > Add files / Add folder start
        Setting("ui/export_folder", "", str),  # last folder an export was saved in
        Setting("export/court_limit", "pje_jt", str),  # app.gui.court_export: a portal, or custom
        Setting("export/court_custom_kb", 1500, int),  # kB of 1000 bytes, as the portals count
        Setting("jobs/recent", "", str),  # app.gui.recent: the last session's finished documents
        Setting("ui/geometry", b"", bytes),
        Setting("ui/splitter", b"", bytes),
    )
}

UI_LANGUAGES = ("system", "en", "pt_BR")
WHEN_DONE = ("nothing", "notify", "quit")


class Settings(QObject):
    """Typed access to QSettings through :data:`DEFAULTS`.

    Unknown keys raise ``KeyError`` so a typo cannot silently create a new setting.
    """

    #: Emitted with the key after a value changed (not when it was set to the same value).
    changed = Signal(str)

    def __init__(self, store: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store if store is not None else QSettings()

    def get(self, key: str) -> object:
        setting = DEFAULTS[key]
        raw = self._store.value(key, None)
        if raw is None:
            return setting.default
        try:
            return _coerce(raw, setting.kind)
        except (TypeError, ValueError):
            log.warning("Ignoring unreadable setting %s=%r", key, raw)
            return setting.default

    def set(self, key: str, value: object) -> None:
        setting = DEFAULTS[key]
        value = _coerce(value, setting.kind)
        if value == self.get(key):
            return
        self._store.setValue(key, value)
        self.changed.emit(key)

    def reset(self) -> None:
        """Back to the defaults table (window geometry included)."""
        for key, setting in DEFAULTS.items():
            self.set(key, setting.default)

    def sync(self) -> None:
        self._store.sync()

    def ocr_options(self) -> OcrOptions:
        """The OCR options these settings describe; equal to ``OcrOptions()`` by default."""
        dpi = self.integer("ocr/dpi")
        return OcrOptions().with_changes(
            languages=str(self.get("ocr/languages")),
            dpi=min(max(dpi, MIN_DPI), MAX_DPI) if dpi else None,
            use_text_layer=bool(self.get("ocr/use_text_layer")),
            auto_rotate=bool(self.get("ocr/auto_rotate")),
            deskew=bool(self.get("ocr/deskew")),
        )

    def workers(self) -> int:
        return max(1, self.integer("jobs/workers"))

    def cache_limits(self) -> tuple[int, int]:
        """``(max_bytes, max_age_days)`` for ``ResultCache.set_limits``."""
        mebibytes = max(1, self.integer("cache/max_mb"))
        return mebibytes * defaults.MIB, self.integer("cache/max_age_days")

    def integer(self, key: str) -> int:
        """An ``int`` setting (``get`` has already read it back as one)."""
        value = self.get(key)
        assert isinstance(value, int), key
        return value


def _coerce(value: object, kind: type) -> object:
    # QSettings' INI backend hands every scalar back as a string ("true", "300").
    if kind is bool:
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    if kind is int:
        return int(value)  # type: ignore[call-overload]
    if kind is bytes:
        if isinstance(value, (bytes, bytearray)):
            return bytes(value)
        if hasattr(value, "data"):  # QByteArray
            return bytes(value.data())
        return b""
    return str(value)
