"""Exports written in a child process with the workers' limits, for the CLI and the window alike.

Writing a searchable PDF parses the source PDF and decodes images, as reading does, so it runs
where reading runs: in a ``spawn`` child with the workers' address-space cap
(``DEFAULT_WORKER_MEMORY``), no core files and ``OMP_THREAD_LIMIT=1``. A file that crashes the
writer or exhausts its cap costs only its own export: the outcome says so in one sentence that
names the file, and the next export gets a fresh child. The child's log records (pikepdf's and
qpdf's warnings, a rebuilt page) go to the log file, never to stderr.

``ExportProcess`` keeps one child for a run of exports (the CLI exports each file as it is
read); ``export_batch`` writes a list and closes it (the window's Export). Qt-free.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from app.core.errors import message
from app.core.export.atomic import leftover_temporaries
from app.core.export.base import ExportDocument, ExportError
from app.core.running.limits import limit_memory, no_core_dumps
from app.core.running.pool import DEFAULT_WORKER_MEMORY

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

log = logging.getLogger(__name__)
_POLL = 0.2  # seconds between checks that the child still lives
_PDF_FORMATS = (".pdf",)


@dataclass(frozen=True, slots=True)
class ExportJob:
    doc: ExportDocument
    target: Path
    fmt: str
    page_markers: bool = False
    jpeg_quality: int | None = None  # pdf/pdfa: compress the images (app.core.export.compress)
    max_size: int | None = None  # pdf/pdfa: bytes; compressed, then split (app.core.export.split)


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What became of one export; plain data that crosses the process boundary.

    Attributes:
        target: The file written, None on failure.
        error: One English sentence (logs); ``lead``/``reason``/``params`` say it in any language.
        code: ``ExportError.code`` (``locked``, ``no_space``, ``crashed``, ``memory``...).
        notices: Catalog codes of things to tell about a written file (``export_signed_copy``),
            filled with ``params``.
        parts: A size-controlled export's files, in page order (one, or the parts).
        size_before, size_after: A size-controlled export's bytes as made, and as written.
    """

    source: Path
    target: Path | None
    error: str | None = None
    code: str | None = None
    reason: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    lead: str = "export_write"
    notices: tuple[str, ...] = field(default=())
    parts: tuple[Path, ...] = ()
    size_before: int = 0
    size_after: int = 0

    @classmethod
    def failed(cls, source: Path, error: ExportError) -> ExportOutcome:
        return cls(
            source, None, str(error), error.code, error.reason, tuple(error.params.items()), error.lead
        )

    def sentence(self, language: str) -> str | None:
        """The failure as one sentence in ``language`` (``Cannot write x.pdf: ...``); None when written."""
        if self.target is not None:
            return None
        params = dict(self.params)
        if self.reason is None:
            return self.error
        return f"{message(self.lead, language, **params)}: {message(self.reason, language, **params)}"

    def notice_sentences(self, language: str) -> list[str]:
        params = dict(self.params)
        return [message(code, language, **params) for code in self.notices]


def export_one(job: ExportJob) -> ExportOutcome:
    """Write one document here and now; never raises for an export that failed (it is reported)."""
    from app.core.export import export_document
    from app.core.export.registry import FORMATS
    from app.core.running.limits import memory_limit

    source = job.doc.source
    sized = None
    try:
        if job.fmt in ("pdf", "pdfa") and (job.jpeg_quality is not None or job.max_size is not None):
            from app.core.export.base import ExportOptions
            from app.core.export.split import export_sized

            options = ExportOptions(jpeg_quality=job.jpeg_quality, max_size=job.max_size)
            sized = export_sized(job.doc, job.target, job.fmt, options)
            written = sized.paths[0]
        else:
            written = Path(export_document(job.doc, job.target, job.fmt, page_markers=job.page_markers))
    except ExportError as error:
        return ExportOutcome.failed(source, error)
    except MemoryError:
        cap = memory_limit()
        limit = f"{cap // 1024**2} MB" if cap else "?"
        log.warning("%s: the export needs more memory than an export may use", source.name)
        return ExportOutcome.failed(
            source, ExportError("memory", "export_memory", name=source.name, limit=limit)
        )
    except OSError as error:
        detail = error.strerror or str(error)
        return ExportOutcome.failed(source, ExportError("os", "export_os", target=job.target, detail=detail))
    except Exception as error:  # noqa: BLE001 - a writer's bug costs this file, not the batch
        log.exception("%s: the export failed", source.name)
        failure = ExportError("internal", "export_stopped", target=job.target, detail=type(error).__name__)
        return ExportOutcome.failed(source, failure)
    notices: tuple[str, ...] = ()
    exporter = FORMATS.get(job.fmt)
    if exporter is not None and exporter.suffix in _PDF_FORMATS:
        from app.core.export.signatures import is_signed

        if is_signed(job.doc.source, job.doc.password):
            notices = ("export_signed_copy",)
    params: tuple[tuple[str, str], ...] = (("name", source.name), ("target", written.name))
    if sized is not None and sized.leftovers:
        notices += ("export_old_parts",)
        params += (("parts", ", ".join(path.name for path in sized.leftovers)),)
    outcome = ExportOutcome(source, written, notices=notices, params=params if notices else ())
    if sized is not None:
        outcome = replace(outcome, parts=sized.paths, size_before=sized.before, size_after=sized.after)
    return outcome


def _quiet_logging() -> None:
    """The child's records go to the parent's log file; with none, nowhere (never stderr)."""
    from app.core.logs import log_worker_records

    log_worker_records()
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())  # keeps logging.lastResort off stderr
    logging.captureWarnings(True)


def _child_main(conn: Connection, cap: int | None) -> None:
    """The export child: one job at a time from ``conn`` until ``None`` or the parent is gone."""
    _serve(conn, cap)
    # At once: the interpreter's teardown would only keep the user's command waiting.
    logging.shutdown()
    os._exit(0)


def _serve(conn: Connection, cap: int | None) -> None:
    _quiet_logging()
    no_core_dumps()
    limit_memory(cap)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        outcome = export_one(job)
        try:
            conn.send(outcome)
        except (BrokenPipeError, EOFError, OSError):
            return
        if outcome.code == "memory":
            return  # its heap may be left fragmented at the cap: a fresh child takes the next export


class ExportProcess:
    """One export child, started on first use and restarted after it died; a context manager."""

    def __init__(self, memory_limit: int | None = DEFAULT_WORKER_MEMORY) -> None:
        self.memory_limit = memory_limit
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._cancelled = False

    def start(self) -> int:
        """Start the child now (it starts on the first export otherwise); its process id."""
        self._connection()
        assert self._process is not None and self._process.pid is not None
        return self._process.pid

    def _connection(self) -> Connection:
        if self._conn is None:
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            process = context.Process(
                target=_child_main, args=(child, self.memory_limit), name="scriba-export", daemon=True
            )
            process.start()
            child.close()
            self._process, self._conn = process, parent
        return self._conn

    def export(self, job: ExportJob) -> ExportOutcome:
        """Write ``job`` in the child; a crashed child is an outcome, not an exception."""
        if self._cancelled:
            return self._stopped(job)
        conn = self._connection()
        try:
            conn.send(job)
            while True:
                if conn.poll(_POLL):
                    outcome: ExportOutcome = conn.recv()
                    if outcome.code == "memory":
                        self.close()  # the child leaves after it (see _child_main)
                    return outcome
                if self._process is not None and not self._process.is_alive() and not conn.poll(0):
                    break
        except (EOFError, OSError, BrokenPipeError):
            pass
        _remove_temporaries(job.target)  # a child stopped mid-write leaves its temporary file
        if self._cancelled:
            return self._stopped(job)
        exit_code = self._process.exitcode if self._process is not None else None
        log.warning("%s: the export child stopped (exit code %s)", job.doc.source.name, exit_code)
        self.kill()
        name = job.doc.source.name
        return ExportOutcome.failed(
            job.doc.source, ExportError("crashed", "export_crashed", target=job.target, name=name)
        )

    @staticmethod
    def _stopped(job: ExportJob) -> ExportOutcome:
        error = ExportError("cancelled", "export_cancelled", target=job.target)
        return ExportOutcome.failed(job.doc.source, error)

    def cancel(self) -> None:
        """Stop the child now and write nothing more (from any thread): what is left fails."""
        self._cancelled = True
        self.kill()

    def kill(self) -> None:
        """Stop the child at once (a cancelled batch, a crashed child)."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(5)

    def close(self) -> None:
        """Let the child finish and leave; kill it if it does not."""
        process, conn = self._process, self._conn
        if conn is not None:
            try:
                conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        if process is not None:
            process.join(10)
        self.kill()

    def __enter__(self) -> ExportProcess:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def export_batch(
    jobs: Iterable[ExportJob],
    on_outcome: Callable[[ExportOutcome], Any] | None = None,
    *,
    memory_limit: int | None = DEFAULT_WORKER_MEMORY,
) -> list[ExportOutcome]:
    """Write every job in one child, in order; one's failure never stops the others."""
    outcomes = []
    with ExportProcess(memory_limit) as process:
        for job in jobs:
            outcome = process.export(job)
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    return outcomes


def _remove_temporaries(target: Path) -> None:
    """The temporary files ``export.atomic`` was writing beside ``target`` (and beside its
    parts), removed once the child that wrote them is gone: killed, crashed or cancelled."""
    leftovers = leftover_temporaries(target)
    for leftover in leftovers:
        try:
            leftover.unlink()
            log.info("Removed %s, left by an export that stopped", leftover.name)
        except OSError as error:
            log.warning("Could not remove %s: %s", leftover, error)
