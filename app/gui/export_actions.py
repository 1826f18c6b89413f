"""Export from the window: save dialogs that remember the last folder, writing off the GUI process.

The searchable PDF export parses the source PDF, which the GUI process never does, so every
export batch is written by the core's export child (``app.core.running.export_process``, the
workers' limits), driven from a thread so the window stays responsive.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.export.registry import FORMATS as REGISTRY
from app.core.export.registry import format_filter, format_label
from app.core.running.export_process import ExportJob, ExportOutcome, ExportProcess
from app.gui import i18n
from app.gui.overwrite_dialog import numbered, settle_clashes
from app.gui.settings import Settings

log = logging.getLogger(__name__)


#: What the window adds to a document's name per format, so a PDF export never proposes the
#: original's own name (``contrato.pdf`` -> ``contrato.ocr.pdf``, PDF/A ``contrato.pdfa.pdf``).
_NAME_TAILS = {"pdf": ".ocr", "pdfa": ".pdfa"}


@dataclass(frozen=True, slots=True)
class Format:
    name: str  # the app.core.export registry key
    suffix: str
    max_size: int | None = None  # bytes: written in parts within it (the court filing preset)

    @property
    def file_suffix(self) -> str:
        """The end of a suggested file name: ``.txt``, ``.ocr.pdf``, ``.pdfa.pdf``."""
        return _NAME_TAILS.get(self.name, "") + self.suffix

    def suggested_name(self, source: Path) -> str:
        return source.stem + self.file_suffix


#: The core's export registry, in its order: the Export menu and the dialogs offer these.
FORMATS = tuple(Format(name, exporter.suffix) for name, exporter in REGISTRY.items())


def notices_text(outcomes: list[ExportOutcome]) -> str:
    """What the window tells after an export besides success (a signed original), or ``""``."""
    language = i18n.shown_language()
    return "\n".join(line for outcome in outcomes for line in outcome.notice_sentences(language))


class ExportRunner(QObject):
    """Writes a batch of documents in the export child and reports the outcomes."""

    #: ``list[ExportOutcome]`` once every document of the batch was written or failed.
    finished = Signal(object)
    # Internal: the batch's thread is done.
    _done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: ExportProcess | None = None
        self._thread: threading.Thread | None = None
        self._done.connect(self._collect, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, jobs: list[tuple[Any, Path, str]], max_size: int | None = None) -> None:
        """``jobs``: (ExportDocument, target, format name). One batch at a time; ``max_size``:
        each file within it, in parts when larger (``app.core.export.split``)."""
        if self.busy or not jobs:
            return
        process = self._process = ExportProcess()
        batch = [ExportJob(doc, target, fmt, max_size=max_size) for doc, target, fmt in jobs]

        def run() -> None:
            outcomes = [process.export(job) for job in batch]
            process.close()
            self._done.emit(outcomes)

        self._thread = threading.Thread(target=run, name="scriba-export", daemon=True)
        self._thread.start()

    def shutdown(self) -> None:
        process, thread = self._process, self._thread
        self._process = self._thread = None
        if process is not None:
            process.cancel()
        if thread is not None:
            thread.join()

    @Slot(object)
    def _collect(self, outcomes: list[ExportOutcome]) -> None:
        thread, self._thread, self._process = self._thread, None, None
        if thread is not None:
            thread.join()
        self.finished.emit(outcomes)


class ExportDialogs(QObject):
    """Asks where to save: one file for one document, a folder for several."""

    def __init__(self, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self._parent = parent

    def filter_for(self, fmt: Format) -> str:
        return format_filter(fmt.name, i18n.shown_language())

    def targets(self, sources: list[Path], fmt: Format) -> list[Path | None]:
        """Target paths for ``sources`` (None: skip that one, the user keeps the existing file),
        or ``[]`` when the user cancelled.

        One document: a save dialog (it asks before replacing). Several: a folder, then one
        question for the files already there (``overwrite_dialog``).
        """
        folder = Path(str(self._settings.get("ui/export_folder")) or str(sources[0].parent))
        if len(sources) == 1:
            chosen, _ = QFileDialog.getSaveFileName(
                self._parent,
                self.tr("Export as %1").replace("%1", format_label(fmt.name, i18n.shown_language())),
                str(folder / fmt.suggested_name(sources[0])),
                self.filter_for(fmt),
            )
            if not chosen:
                return []
            target = Path(chosen)
            if target.suffix.lower() != fmt.suffix:
                target = target.with_name(target.name + fmt.suffix)
            self._settings.set("ui/export_folder", str(target.parent))
            return [target]
        chosen = QFileDialog.getExistingDirectory(
            self._parent, self.tr("Export %n document(s) into a folder", "", len(sources)), str(folder)
        )
        if not chosen:
            return []
        self._settings.set("ui/export_folder", chosen)
        targets = unique_targets(Path(chosen), sources, fmt.file_suffix)
        settled = settle_clashes(targets, fmt.file_suffix, self._parent, parts=fmt.max_size is not None)
        return settled if settled is not None else []


def unique_targets(folder: Path, sources: list[Path], suffix: str) -> list[Path]:
    """``folder/stem.suffix`` per source; two sources with the same stem get ``stem (2)``."""
    taken: set[str] = set()
    targets = []
    for source in sources:
        name, n = source.stem + suffix, 2
        while name.lower() in taken:
            name, n = numbered(source.stem + suffix, suffix, n), n + 1
        taken.add(name.lower())
        targets.append(folder / name)
    return targets
