"""Export from the window: save dialogs that remember the last folder, writing off the GUI process.

The searchable PDF export parses the source PDF, which the GUI process never does, so every
export batch runs in a one-off ``spawn`` child (``app.gui.export_worker`` is Qt-free).
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.export.base import ExportError
from app.core.export.registry import FORMATS as REGISTRY
from app.core.export.registry import format_filter
from app.gui import i18n
from app.gui.export_worker import ExportOutcome, export_one
from app.gui.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Format:
    name: str  # the app.core.export registry key
    suffix: str
    max_size: int | None = None  # bytes: written in parts within it (the court filing preset)


#: The core's export registry, in its order: the Export menu and the dialogs offer these.
FORMATS = tuple(Format(name, exporter.suffix) for name, exporter in REGISTRY.items())


class ExportRunner(QObject):
    """Writes a batch of documents in a child process and reports the outcomes."""

    #: ``list[ExportOutcome]`` once every document of the batch was written or failed.
    finished = Signal(object)
    # Internal: a future finished on the executor's thread.
    _one_done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ProcessPoolExecutor | None = None
        self._pending = 0
        self._outcomes: list[ExportOutcome] = []
        self._one_done.connect(self._collect, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self._executor is not None

    def start(self, jobs: list[tuple[Any, Path, str]], max_size: int | None = None) -> None:
        """``jobs``: (ExportDocument, target, format name). One batch at a time; ``max_size``:
        each file within it, in parts when larger."""
        if self.busy or not jobs:
            return
        self._executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self._pending = len(jobs)
        self._outcomes = []
        for doc, target, fmt in jobs:
            future = self._executor.submit(export_one, doc, target, fmt, max_size)
            future.add_done_callback(
                lambda f, doc=doc, target=target: self._one_done.emit((doc.source, target, f))
            )

    def shutdown(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    @Slot(object)
    def _collect(self, item: tuple[Path, Path, Future[ExportOutcome]]) -> None:
        source, target, future = item
        try:
            outcome = future.result()
        except Exception as exc:  # noqa: BLE001 - a crashed child is one more failed export
            log.warning("Export child failed: %s", type(exc).__name__)
            failure = ExportError("internal", "export_stopped", target=target, detail=exc)
            outcome = ExportOutcome(
                source, None, str(failure), failure.code, failure.reason, tuple(failure.params.items())
            )
        self._outcomes.append(outcome)
        self._pending -= 1
        if self._pending == 0:
            self.shutdown()
            self.finished.emit(self._outcomes)


class ExportDialogs(QObject):
    """Asks where to save: one file for one document, a folder for several."""

    def __init__(self, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self._parent = parent

    def filter_for(self, fmt: Format) -> str:
        return format_filter(fmt.name, i18n.shown_language())

    def targets(self, sources: list[Path], fmt: Format) -> list[Path]:
        """Target paths for ``sources``, or ``[]`` when the user cancelled."""
        folder = Path(str(self._settings.get("ui/export_folder")) or str(sources[0].parent))
        if len(sources) == 1:
            chosen, _ = QFileDialog.getSaveFileName(
                self._parent,
                self.tr("Export text"),
                str(folder / (sources[0].stem + fmt.suffix)),
                self.filter_for(fmt),
            )
            if not chosen:
                return []
            target = Path(chosen)
            if target.suffix.lower() != fmt.suffix:
                target = target.with_name(target.name + fmt.suffix)
            self._settings.set("ui/export_folder", str(target.parent))
            return [target]
        chosen = QFileDialog.getExistingDirectory(self._parent, self.tr("Export into folder"), str(folder))
        if not chosen:
            return []
        self._settings.set("ui/export_folder", chosen)
        return unique_targets(Path(chosen), sources, fmt.suffix)


def unique_targets(folder: Path, sources: list[Path], suffix: str) -> list[Path]:
    """``folder/stem.suffix`` per source; two sources with the same stem get ``stem (2)``."""
    taken: set[str] = set()
    targets = []
    for source in sources:
        name, n = source.stem + suffix, 2
        while name.lower() in taken:
            name, n = f"{source.stem} ({n}){suffix}", n + 1
        taken.add(name.lower())
        targets.append(folder / name)
    return targets
