"""``scriba ocr``: the headless engine with a console progress listener."""

from __future__ import annotations

import argparse
import os
import queue
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.cluster import cluster_executor
from app.cli.language import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, number, t
from app.cli.progress import BarProgress, JsonProgress, job_error_sentence
from app.cli.startup import is_closed_pipe, stdout_closed
from app.core.errors import ScribaError, message, ui_language
from app.core.jobs import JobEvent, JobFinished, JobRequest, JobState
from app.core.options import MAX_DPI, MIN_DPI, OcrOptions
from app.core.reading.tessdata import tessdata_for

if TYPE_CHECKING:
    from app.core.running.export_process import ExportOutcome, ExportProcess
    from app.core.running.scheduler import JobManager


def _usage(text: str) -> int:
    print(f"scriba ocr: {text}", file=sys.stderr)
    return EXIT_USAGE


def _targets(args: argparse.Namespace, fmt: str) -> list[Path | None]:
    """Where each input's export goes (None: stdout)."""
    from app.core.export.registry import FORMATS

    suffix = FORMATS[fmt].suffix
    if args.output is not None:
        return [None if str(args.output) == "-" else args.output]
    targets: list[Path | None] = []
    taken: set[str] = set()
    for source in args.files:
        folder = args.out_dir if args.out_dir is not None else source.parent
        target = folder / (source.stem + suffix)
        # Never overwrite the input with its own export; a searchable PDF beside its scan is always
        # x.ocr.pdf, whether the scan was x.pdf or x.tif, so the name says which file has the text.
        if target.resolve() == source.resolve() or (fmt in ("pdf", "pdfa") and args.out_dir is None):
            target = folder / (source.stem + ".ocr" + suffix)
        # Two inputs with one name get "x (2)", as in the window: "x-2.pdf" is the name of a
        # split document's second part (--max-size), and one document must not overwrite another's.
        number = 2
        while os.path.normcase(target.resolve()) in taken:
            target = folder / f"{source.stem} ({number}){suffix}"
            number += 1
        taken.add(os.path.normcase(target.resolve()))
        targets.append(target)
    return targets


def _options(args: argparse.Namespace) -> OcrOptions:
    """What the flags ask for; a switch left alone keeps the shared default (app.core.defaults)."""
    switched_off = {
        name: False
        for name, flag in (
            ("auto_rotate", args.no_rotate),
            ("deskew", args.no_deskew),
            ("use_text_layer", args.force_ocr),
        )
        if flag
    }
    chosen = OcrOptions(languages=args.lang, dpi=args.dpi, engine=args.engine, renderer=args.renderer)
    return chosen.with_changes(**switched_off)


def _size_refusal(args: argparse.Namespace, fmt: str) -> str | None:
    """Check the size-control flags; ``args.max_size`` becomes bytes. The refusal, or None."""
    from app.core.export.compress import DEFAULT_QUALITY, MAX_QUALITY, MIN_QUALITY
    from app.core.export.split import SMALLEST_LIMIT, human_size, parse_size

    asked = args.compress or args.jpeg_quality is not None or args.max_size is not None
    if asked and fmt not in ("pdf", "pdfa"):
        return message("usage_sized_format", ui_language())
    if args.jpeg_quality is not None and not MIN_QUALITY <= args.jpeg_quality <= MAX_QUALITY:
        return message("usage_jpeg_quality", ui_language(), low=MIN_QUALITY, high=MAX_QUALITY)
    if args.compress and args.jpeg_quality is None:
        args.jpeg_quality = DEFAULT_QUALITY
    if args.max_size is not None:
        try:
            args.max_size = parse_size(args.max_size)
        except ValueError:
            args.max_size = 0
        if args.max_size < SMALLEST_LIMIT:
            return message("usage_max_size", ui_language(), low=human_size(SMALLEST_LIMIT))
    return None


def run_ocr(args: argparse.Namespace) -> int:
    if args.output is not None and len(args.files) > 1:
        return _usage(message("usage_one_output", ui_language()))
    fmt = args.format
    if fmt is None and args.output is not None and str(args.output) != "-":
        from app.core.export.registry import format_for_path

        fmt = format_for_path(args.output)
    fmt = fmt or "txt"
    if str(args.output) == "-" and fmt != "txt":
        return _usage(message("usage_stdout_text", ui_language()))
    if args.workers is not None and args.workers < 1:
        return _usage(message("usage_workers", ui_language()))
    if args.dpi is not None and not MIN_DPI <= args.dpi <= MAX_DPI:
        return _usage(message("usage_dpi", ui_language(), low=MIN_DPI, high=MAX_DPI))
    refusal = _size_refusal(args, fmt)
    if refusal is not None:
        return _usage(refusal)
    options = _options(args)
    if options.engine == "tesserocr":
        try:
            tessdata_for(options.languages)
        except ScribaError as exc:
            return _usage(exc.localized(ui_language()))
    if args.out_dir is not None:
        try:
            args.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return _usage(message("usage_out_dir", ui_language(), folder=args.out_dir, detail=exc.strerror))
    return _run(args, options, fmt, _targets(args, fmt))


def _run(args: argparse.Namespace, options: OcrOptions, fmt: str, targets: list[Path | None]) -> int:
    # Here, not at the top: a usage error or ``--help`` answers without loading the scheduler,
    # the engines and the cache (~90 ms).
    from app.core.running.scheduler import JobManager
    from app.core.storage.cache import ResultCache

    cache = None if args.no_cache else ResultCache.open()
    finished: queue.SimpleQueue[JobFinished] = queue.SimpleQueue()
    progress = args.progress or ("bar" if sys.stderr.isatty() else "none")
    reader_gone = threading.Event()  # the JSON lines' reader closed its end (``| head``)

    def on_event(event: JobEvent) -> None:
        if isinstance(event, JobFinished):
            finished.put(event)

    try:
        executor = cluster_executor(args.cluster, args.workers)
    except ScribaError as error:
        print(f"scriba ocr: {error.localized(ui_language())}", file=sys.stderr)
        if cache is not None:
            cache.close()
        return EXIT_FAILED
    kwargs = {"page_timeout": args.page_timeout} if args.page_timeout else {}
    manager = JobManager(args.workers, cache, record_jobs=False, executor=executor, **kwargs)
    json_progress = JsonProgress(on_closed=reader_gone.set) if progress == "json" else None
    if json_progress is not None:
        manager.add_listener(json_progress)
    elif progress == "bar":
        manager.add_listener(BarProgress())
    manager.add_listener(on_event)
    exports: ExportProcess | None = None
    try:
        by_id: dict[int, Path | None] = {}
        for source, target in zip(args.files, targets, strict=True):
            by_id[manager.submit(JobRequest(source, options, args.password, use_cache=cache is not None))] = (
                target
            )
        exports = _load_exporters(start=fmt != "txt" and any(target is not None for target in targets))
        status = export_as_finished(manager, exports, finished, by_id, fmt, args, json_progress, reader_gone)
    except KeyboardInterrupt:
        if exports is not None:
            exports.kill()
        manager.shutdown()
        print(t("\nInterrupted.", "\nInterrompido."), file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if exports is not None:
            exports.close()
        manager.shutdown()
        if cache is not None:
            cache.close()
    return status


def export_as_finished(
    manager: JobManager,
    exports: ExportProcess,
    finished: queue.SimpleQueue[JobFinished],
    targets: dict[int, Path | None],
    fmt: str,
    args: argparse.Namespace,
    json_progress: JsonProgress | None = None,
    reader_gone: threading.Event | None = None,
) -> int:
    """Export each job of ``targets`` (job id -> where) as it finishes, then forget it: its pages
    (words and all) leave memory once written, so a run of a hundred documents holds the few
    being read, not every page it read (they stay in the cache). The exit status."""
    status = EXIT_OK
    while targets:
        if reader_gone is not None and reader_gone.is_set():
            return EXIT_FAILED  # nobody reads on: stop the workers (below) and end quietly
        try:
            event = finished.get(timeout=0.2)  # short waits keep Ctrl+C responsive
        except queue.Empty:
            continue
        if not _report(manager, exports, event, targets.pop(event.job_id), fmt, args, json_progress):
            status = EXIT_FAILED
        manager.forget(event.job_id)
    return status


def _load_exporters(*, start: bool) -> ExportProcess:
    """Import the exporters while the workers read pages: the export after the last page then
    does not wait for them (~15 ms). Not at the top of this module, where they would delay the
    workers' start instead (~60 ms). Files are written by the export child (the workers'
    limits), started here too when files are to be written, so its start overlaps the reading."""
    import app.core.export
    import app.core.export.txt  # noqa: F401
    from app.core.running.export_process import ExportProcess

    exports = ExportProcess()
    if start:
        exports.start()
    return exports


def blank_pages_sentence(pages: tuple[int, ...]) -> str:
    """Which pages had no text, said so that nobody takes an empty page for a page read."""
    numbers = ", ".join(str(page + 1) for page in pages)
    if len(pages) == 1:
        return t(f"page {numbers} has no text (blank).", f"a página {numbers} não tem texto (em branco).")
    return t(
        f"{len(pages)} pages have no text (blank): {numbers}.",
        f"{len(pages)} páginas não têm texto (em branco): {numbers}.",
    )


def _named(name: str, sentence: str, target: Path | None = None) -> str:
    """``sentence``, led by the input's name unless it names the input or its export already:
    every line on stderr says which file it is about ("The OCR language 'xx' is not installed")."""
    named = name in sentence or (target is not None and str(target) in sentence)
    return sentence if named else f"{name}: {sentence}"


def _report(
    manager: JobManager,
    exports: ExportProcess,
    event: JobFinished,
    target: Path | None,
    fmt: str,
    args: argparse.Namespace,
    json_progress: JsonProgress | None = None,
) -> bool:
    """Export a finished job or name its failure; True when the input fully succeeded."""
    # Loaded by _load_exporters while the pages were read: these lines only name them.
    from app.core.export import ExportDocument, ExportOptions
    from app.core.export.txt import document_text
    from app.core.running.export_process import ExportJob, export_one

    if event.state is not JobState.DONE:
        print(f"scriba: {_named(event.path.name, job_error_sentence(event))}", file=sys.stderr)
        return False
    pages = manager.corrected_results(event.job_id)  # with the corrections made in the window
    ok = True
    for page, reason in event.localized_failed_pages(ui_language()):
        sentence = message("page_unread", ui_language(), name=event.path.name, page=page + 1, detail=reason)
        print(f"scriba: {sentence}", file=sys.stderr)
        ok = False
    if event.blank_pages:
        print(f"scriba: {event.path.name}: {blank_pages_sentence(event.blank_pages)}", file=sys.stderr)
    document = ExportDocument(
        source=event.path,
        pages=pages,
        languages=args.lang,
        password=args.password,
        dpi=args.dpi,
        language=ui_language(),
    )
    if target is None:
        try:
            sys.stdout.write(document_text(document, ExportOptions(page_markers=args.page_markers)))
            sys.stdout.flush()
        except OSError as exc:
            if not is_closed_pipe(exc):
                raise
            stdout_closed()
            return False  # the reader stopped reading (``... -o - | head``): nothing more to say
        return ok
    # One file's export that fails, even by crashing its writer, is one sentence: the rest go on.
    job = ExportJob(
        document,
        target,
        fmt,
        page_markers=args.page_markers,
        jpeg_quality=args.jpeg_quality,
        max_size=args.max_size,
    )
    # Plain text parses nothing (the pages' own text, written atomically): written here, it spares
    # the command an export child's start (~0.3 s of a 900-page re-open from the cache).
    outcome = export_one(job) if fmt == "txt" else exports.export(job)
    failure = outcome.sentence(ui_language())
    if failure is not None:
        print(f"scriba: {_named(event.path.name, failure, target)}", file=sys.stderr)
        return False
    if outcome.parts:
        _say_sizes(document.source, outcome, json_progress)
    for notice in outcome.notice_sentences(ui_language()):
        print(f"scriba: {_named(event.path.name, notice, target)}", file=sys.stderr)
    return ok


def _say_sizes(source: Path, outcome: ExportOutcome, json_progress: JsonProgress | None) -> None:
    """A size-controlled export: its bytes before and after, and its files (stderr; JSON too)."""
    count = len(outcome.parts)
    names = ", ".join(path.name for path in outcome.parts)
    before, after = number(outcome.size_before), number(outcome.size_after)
    print(
        "scriba: "
        + t(
            f"{source.name}: {before} bytes -> {after} bytes"
            + (f" in {count} parts: {names}" if count > 1 else f": {names}"),
            f"{source.name}: {before} bytes -> {after} bytes"
            + (f" em {count} partes: {names}" if count > 1 else f": {names}"),
        ),
        file=sys.stderr,
    )
    if json_progress is not None:
        json_progress.exported(source, outcome.parts, outcome.size_before, outcome.size_after)
