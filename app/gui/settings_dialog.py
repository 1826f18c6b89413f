"""The Settings dialog: edits :class:`~app.gui.settings.Settings`, writes only on OK.

Clear cache never runs on the GUI thread: the dialog hands it to the cache's owner (the
controller, which passes it to the dispatcher thread), says it is working, and shows the result
when it comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core import defaults
from app.core.running.limits import default_workers
from app.gui import i18n
from app.gui.court_export import CourtLimitChooser
from app.gui.language_names import ocr_language_name, ui_language_name
from app.gui.settings import DEFAULTS, Settings

if TYPE_CHECKING:
    from app.core.storage.cache import CacheInfo, ResultCache

DPI_CHOICES = (150, 200, 300, 400, 600)


class CacheOwner(Protocol):
    """Who may touch the cache for the dialog (the controller): reads now, writes on its thread."""

    def cache_info(self) -> CacheInfo | None: ...

    def on_cache(
        self, work: Callable[[ResultCache], object], done: Callable[[object], None] | None = None
    ) -> bool: ...


def _clear_and_count(cache: ResultCache) -> CacheInfo:
    cache.clear()
    return cache.info()


def language_label(code: str) -> str:
    """An OCR language by its name in the window's language ("Inglês"); the code is a tooltip."""
    return ocr_language_name(code)


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        languages: list[str],
        cache: CacheOwner | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self._cache = cache

        self.languages = QListWidget(self)
        self.languages.setAccessibleName(self.tr("OCR languages"))
        self.languages.setMaximumHeight(110)
        self._available = languages
        self._fill_languages(str(settings.get("ocr/languages")).split("+"))
        self.dpi = QComboBox(self)
        self.dpi.setAccessibleName(self.tr("Resolution"))
        self.dpi.addItem(self.tr("Automatic (the scan's own resolution)"), 0)
        for value in DPI_CHOICES:
            self.dpi.addItem(self.tr("%1 DPI").replace("%1", str(value)), value)
        self.text_layer = QCheckBox(self.tr("Use the text already in the PDF when it has some"), self)
        self.auto_rotate = QCheckBox(self.tr("Turn sideways and upside-down pages upright"), self)
        self.deskew = QCheckBox(self.tr("Straighten crooked pages"), self)
        self.workers = QSpinBox(self)
        self.workers.setRange(1, max(64, default_workers() * 2))
        self.workers.setAccessibleName(self.tr("Parallel workers"))
        self.workers.valueChanged.connect(self._name_workers)
        self._name_workers(self.workers.value())

        self.cache_mb = QSpinBox(self)
        self.cache_mb.setRange(defaults.CACHE_MIN_MIB, 1_000_000)
        self.cache_mb.setSingleStep(256)
        self.cache_mb.setSuffix(" MiB")  # 1024 * 1024 bytes, as the cap counts them
        self.cache_mb.setGroupSeparatorShown(True)  # "10.240 MiB" in pt-BR
        self.cache_mb.setAccessibleName(self.tr("Cache size limit"))
        self.cache_usage = QLabel(self)
        self.clear_cache = QPushButton(self.tr("Clear cache"), self)

        self.ui_language = QComboBox(self)
        self.ui_language.setAccessibleName(self.tr("Interface language"))
        self.ui_language.addItem(self.tr("System"), "system")
        for code in ("en", "pt_BR"):  # translated, and in its own words when those differ
            self.ui_language.addItem(ui_language_name(code), code)
        self.when_done = QComboBox(self)
        self.when_done.setAccessibleName(self.tr("When the queue finishes"))
        self.when_done.addItem(self.tr("Do nothing"), "nothing")
        self.when_done.addItem(self.tr("Show a notification"), "notify")
        self.when_done.addItem(self.tr("Quit Scriba"), "quit")

        self.court_limit = CourtLimitChooser(self)

        ocr = QGroupBox(self.tr("Recognition"), self)
        ocr_form = QFormLayout(ocr)
        ocr_form.addRow(self.tr("Languages:"), self.languages)
        ocr_form.addRow(self.tr("Resolution:"), self.dpi)
        ocr_form.addRow("", self.text_layer)
        ocr_form.addRow("", self.auto_rotate)
        ocr_form.addRow("", self.deskew)
        ocr_form.addRow(self.tr("Workers:"), self.workers)
        cache_box = QGroupBox(self.tr("Cache"), self)
        cache_form = QFormLayout(cache_box)
        cache_row = QHBoxLayout()
        cache_row.addWidget(self.cache_mb)
        cache_row.addWidget(self.clear_cache)
        cache_row.addStretch(1)
        cache_form.addRow(self.tr("Size limit:"), cache_row)
        cache_form.addRow(self.tr("In use:"), self.cache_usage)
        app_box = QGroupBox(self.tr("Application"), self)
        app_form = QFormLayout(app_box)
        app_form.addRow(self.tr("Language:"), self.ui_language)
        app_form.addRow(self.tr("When the queue finishes:"), self.when_done)
        app_form.addRow(self.tr("Court filing limit:"), self.court_limit)
        note = QLabel(self.tr("Language changes apply the next time Scriba starts."), self)
        note.setObjectName("hint")
        note.setWordWrap(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        self.clear_cache.clicked.connect(self._clear_cache)

        layout = QVBoxLayout(self)
        for widget in (ocr, cache_box, app_box, note, buttons):
            layout.addWidget(widget)
        self._load(lambda key: settings.get(key))
        info = cache.cache_info() if cache is not None else None
        self.clear_cache.setEnabled(info is not None and info.enabled)
        self._show_usage(info)

    def _load(self, get: Callable[[str], Any]) -> None:
        """Show values from ``get``: the stored settings, or the defaults table."""
        _select(self.dpi, int(get("ocr/dpi")))
        self.text_layer.setChecked(bool(get("ocr/use_text_layer")))
        self.auto_rotate.setChecked(bool(get("ocr/auto_rotate")))
        self.deskew.setChecked(bool(get("ocr/deskew")))
        self.workers.setValue(int(get("jobs/workers")))
        self.cache_mb.setValue(int(get("cache/max_mb")))
        _select(self.ui_language, str(get("ui/language")))
        _select(self.when_done, str(get("ui/when_done")))
        self.court_limit.load(get)

    def _fill_languages(self, chosen: list[str]) -> None:
        self.languages.clear()
        available = self._available
        # Chosen languages first, in their order: the first one is Tesseract's primary language.
        for code in [c for c in chosen if c in available] + [c for c in available if c not in chosen]:
            item = QListWidgetItem(language_label(code), self.languages)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setToolTip(code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)

    @Slot()
    def restore_defaults(self) -> None:
        self._load(lambda key: DEFAULTS[key].default)
        self._fill_languages(str(DEFAULTS["ocr/languages"].default).split("+"))

    def chosen_languages(self) -> str:
        codes = []
        for i in range(self.languages.count()):
            item = self.languages.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                codes.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return "+".join(codes)

    def accept(self) -> None:
        languages = self.chosen_languages()
        if not languages:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Choose at least one OCR language."))
            return
        values = {
            "ocr/languages": languages,
            "ocr/dpi": self.dpi.currentData(),
            "ocr/use_text_layer": self.text_layer.isChecked(),
            "ocr/auto_rotate": self.auto_rotate.isChecked(),
            "ocr/deskew": self.deskew.isChecked(),
            "jobs/workers": self.workers.value(),
            "cache/max_mb": self.cache_mb.value(),
            "ui/language": self.ui_language.currentData(),
            "ui/when_done": self.when_done.currentData(),
            **self.court_limit.values(),
        }
        for key, value in values.items():
            self._settings.set(key, value)
        self._settings.sync()
        super().accept()

    def _show_usage(self, info: CacheInfo | None, before: str = "") -> None:
        if info is None or not info.enabled:
            self.cache_usage.setText(self.tr("The cache is not available."))
            return
        # MiB like the limit above it; counts with plural forms and the locale's digit groups.
        usage = ", ".join(
            (
                self.tr("%Ln document(s)", "", info.documents),
                self.tr("%Ln page(s)", "", info.pages),
                i18n.format_size(info.bytes, iec=True),
            )
        )
        self.cache_usage.setText(f"{before} {usage}" if before else usage)
        self.cache_usage.setToolTip(str(info.location))

    @Slot(int)
    def _name_workers(self, count: int) -> None:
        # A suffix has no plural form of its own: "1 processo", "2 processos".
        self.workers.setSuffix(self.tr(" process(es)", "", count))

    @Slot()
    def _clear_cache(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Clear cache"),
            self.tr("Delete all cached text? Documents will be read again when opened."),
        )
        if answer != QMessageBox.StandardButton.Yes or self._cache is None:
            return
        if self._cache.on_cache(_clear_and_count, self._cleared):
            self.clear_cache.setEnabled(False)
            self.cache_usage.setText(self.tr("Clearing the cache…"))

    @Slot(object)
    def _cleared(self, info: object) -> None:
        """Clear cache finished (on the dispatcher thread); ``info`` is what the cache holds now."""
        self.clear_cache.setEnabled(True)
        if info is None:
            self.cache_usage.setText(self.tr("The cache could not be cleared."))
            return
        self._show_usage(info, before=self.tr("Cleared."))  # type: ignore[arg-type]


def _select(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    if index < 0 and isinstance(data, int) and data > 0:
        combo.addItem(str(data), data)  # a DPI set elsewhere (CLI, older version) stays selectable
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))
