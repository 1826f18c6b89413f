"""The "For court filing" export preset: searchable PDF/A in parts within a court portal's limit.

The limit is a setting (``export/court_limit``: one of ``COURT_LIMITS`` or ``custom``, whose
size is ``export/court_custom_kb``, in kB of 1000 bytes as the portals count), chosen in the
Settings dialog with ``CourtLimitChooser``. The preset itself is one more entry of the Export
menu (``add_court_action``); what it writes is ``app.core.export.split``'s work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMenu, QSpinBox, QWidget

from app.core.export.split import SMALLEST_LIMIT, human_size
from app.gui.export_actions import Format
from app.gui.settings import Settings


def _limits() -> tuple[tuple[str, str, int], ...]:
    """(key, label, bytes) of the common portals' per-file limits, in the window's language."""
    return (
        ("pje_jt", QCoreApplication.translate("CourtExport", "PJe, labour courts (1.5 MB)"), 1_500_000),
        ("trf5", QCoreApplication.translate("CourtExport", "TRF5 (2 MB)"), 2_000_000),
        ("pje_cnj", QCoreApplication.translate("CourtExport", "PJe, CNJ (3 MB)"), 3_000_000),
        ("projudi", QCoreApplication.translate("CourtExport", "Projudi (4 MB)"), 4_000_000),
    )


CUSTOM = "custom"


def court_limit(settings: Settings) -> int:
    """The chosen limit in bytes."""
    chosen = str(settings.get("export/court_limit"))
    for key, _, size in _limits():
        if key == chosen:
            return size
    return max(SMALLEST_LIMIT, settings.integer("export/court_custom_kb") * 1000)


def court_format(settings: Settings) -> Format:
    """What the preset exports: PDF/A, in parts within the chosen limit."""
    return Format("pdfa", ".pdf", max_size=court_limit(settings))


def _action_text(settings: Settings) -> str:
    return QCoreApplication.translate(
        "CourtExport", "For court filing (PDF/A, at most %1 per file)…"
    ).replace("%1", human_size(court_limit(settings)))


def add_court_action(menu: QMenu, settings: Settings, export: Callable[[Format], object]) -> QAction:
    """Add the preset to the Export menu; its text follows the setting."""
    menu.addSeparator()
    action = QAction(_action_text(settings), menu)
    action.setData("court")
    action.triggered.connect(lambda _=False: export(court_format(settings)))
    menu.addAction(action)

    def follow(key: str) -> None:
        if key.startswith("export/court"):
            action.setText(_action_text(settings))

    settings.changed.connect(follow)
    return action


class CourtLimitChooser(QWidget):
    """The Settings dialog's row: a combo of the common limits, and a size for "Custom"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(QCoreApplication.translate("CourtExport", "Court filing size limit"))
        for key, label, _ in _limits():
            self.combo.addItem(label, key)
        self.combo.addItem(QCoreApplication.translate("CourtExport", "Custom"), CUSTOM)
        self.custom = QSpinBox(self)
        self.custom.setRange(SMALLEST_LIMIT // 1000, 100_000)
        self.custom.setSingleStep(100)
        self.custom.setSuffix(" kB")  # 1000 bytes, as the portals count
        self.custom.setAccessibleName(QCoreApplication.translate("CourtExport", "Custom size limit"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)
        row.addWidget(self.custom)
        row.addStretch(1)
        self.combo.currentIndexChanged.connect(self._chosen)

    def load(self, get: Callable[[str], Any]) -> None:
        index = self.combo.findData(str(get("export/court_limit")))
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.custom.setValue(int(get("export/court_custom_kb")))
        self._chosen()

    def values(self) -> dict[str, object]:
        return {"export/court_limit": self.combo.currentData(), "export/court_custom_kb": self.custom.value()}

    @Slot()
    def _chosen(self) -> None:
        self.custom.setEnabled(self.combo.currentData() == CUSTOM)
