"""The worker process: pulls one task at a time from its pipe and answers with small results.

Started with the ``spawn`` method on every OS. It ignores SIGINT (the parent owns shutdown),
limits Tesseract to one thread (``OMP_THREAD_LIMIT=1``: OpenMP inside parallel workers was ~6x
slower here), loads engines once and keeps recently used documents open.

Where the OS offers it, a worker caps its own memory (``app.core.running.limits``).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from collections import OrderedDict
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Protocol

from app.core.errors import ScribaError
from app.core.logs import log_worker_records
from app.core.reading.document import FileStamp
from app.core.reading.sources import Source, open_source
from app.core.reading.tessdata import USER_DIR_VARIABLE
from app.core.results import PageResult, failed_page
from app.core.running.limits import (
    keep_freed_memory_for_reuse,
    limit_memory,
    memory_limit,
    near_memory_limit,
    no_core_dumps,
    release_free_memory,
)
from app.core.running.protocol import (
    DocumentInfo,
    InspectTask,
    PageMessage,
    PageTask,
    Task,
    TaskDone,
    TaskError,
)

if TYPE_CHECKING:
    from app.core.reading.pages import PageContext

log = logging.getLogger(__name__)

_OPEN_DOCUMENTS = 2
#: PDFium keeps every stream it has loaded (a scan's JPEG, ~0.7 MB a page) until its document
#: closes: a worker's memory grew by that much per page, 1 GB for a 900-page file (bench/).
#: Reopening after this many pages bounds the growth at ~6 MB for ~7 ms a page (<1 %).
_PAGES_PER_OPEN = 8
#: A worker with no next task after this long is resting: only then does it hand freed memory
#: back to the OS (``app.core.running.limits``); between pages of a job the memory is reused.
_REST_AFTER = 0.05
_worn_out = False  # it came too near the cap: finish the page, then let a fresh worker go on
#: Errors that doom the whole document rather than one page.
_DOCUMENT_ERRORS = {
    "missing",
    "password",
    "wrong_password",
    "damaged",
    "no_pages",
    "changed",
    "language",
    "engine",
    "unreadable",
    "not_document",
    "image_damaged",
    "image_too_large",
}


class OpenDocuments:
    """A tiny LRU of open documents (PDFs or images), keyed by path, password and file stamp."""

    def __init__(self) -> None:
        self._docs: OrderedDict[tuple[str, str | None, FileStamp], Source] = OrderedDict()
        self._uses: dict[tuple[str, str | None, FileStamp], int] = {}

    def get(self, path: Path, password: str | None, stamp: FileStamp) -> Source:
        try:
            current = FileStamp.of(path)
        except FileNotFoundError:
            raise ScribaError("changed", name=path.name) from None
        if not stamp.same_as(current):
            raise ScribaError("changed", name=path.name)
        key = (str(path), password, stamp)
        if key in self._docs and self._uses[key] >= _PAGES_PER_OPEN:
            self._docs.pop(key).close()
        if key in self._docs:
            self._docs.move_to_end(key)
            self._uses[key] += 1
            return self._docs[key]
        try:
            document = open_source(path, password)
        except ScribaError as exc:
            if exc.code == "missing":  # it was there when the job was accepted: it vanished since
                raise ScribaError("changed", name=path.name) from None
            raise
        self._docs[key] = document
        self._uses[key] = 1
        while len(self._docs) > _OPEN_DOCUMENTS:
            old_key, old = self._docs.popitem(last=False)
            self._uses.pop(old_key, None)
            old.close()
        return document


class Sender(Protocol):
    """Where a task's replies go: the worker's pipe, or a list a cluster task returns."""

    def send(self, reply: object) -> None: ...


def run_task(conn: Sender, task: Task, documents: OpenDocuments, context: PageContext) -> None:
    """Answer one task: its replies (document info, one message a page, or the document's error),
    then ``TaskDone``. The local worker and a cluster task both run tasks through here."""
    try:
        document = documents.get(task.path, task.password, task.stamp)
        if isinstance(task, InspectTask):
            conn.send(DocumentInfo(task.task_id, document.page_count, document.encrypted))
        elif not _run_pages(conn, task, document, context):
            return  # no TaskDone: the dispatcher sees this worker go and re-queues the rest
    except ScribaError as exc:
        conn.send(TaskError(task.task_id, exc.code, {k: str(v) for k, v in exc.params.items()}))
    conn.send(TaskDone(task.task_id))


def _run_pages(conn: Sender, task: PageTask, document: Source, context: PageContext) -> bool:
    """Send a result for each page of ``task``; False when it stopped early, out of memory."""
    import pypdfium2

    for position, index in enumerate(task.pages):
        try:
            result = document.read_page(context, index, task.options)
            if not task.stamp.matches(task.path):  # changed while we read it?
                raise ScribaError("changed", name=task.path.name)
            if near_memory_limit():
                result = _out_of_memory(task.path, index)
        except FileNotFoundError as exc:
            if not task.path.exists():
                raise ScribaError("changed", name=task.path.name) from None
            # Another file was missing (a renderer's program, a language file): not the source.
            log.warning("%s: page %d failed: %s", task.path.name, index + 1, exc)
            result = failed_page(index, "page_failed", detail=f"{type(exc).__name__}: {exc}")
        except ScribaError as exc:
            if exc.code in _DOCUMENT_ERRORS:
                raise
            result = failed_page(index, exc.code, **exc.params)
        except MemoryError:
            result = _out_of_memory(task.path, index)
        except pypdfium2.PdfiumError:
            # PDFium opened the document but not this page (a broken page object or tree): its
            # own words ("Failed to load page.") are no sentence for a user.
            log.warning("%s: page %d is damaged", task.path.name, index + 1)
            result = failed_page(index, "page_damaged")
        except Exception as exc:  # one bad page must not stop the others
            log.warning("%s: page %d failed: %s", task.path.name, index + 1, type(exc).__name__)
            result = failed_page(index, "page_failed", detail=f"{type(exc).__name__}: {exc}")
        conn.send(PageMessage(task.task_id, with_text_laid_out(result)))
        if _worn_out:
            return position == len(task.pages) - 1
    return True


def with_text_laid_out(result: PageResult) -> PageResult:
    """The page with its text laid out once, here, beside its recognition (~4 ms of ~700): a
    document re-opened from the cache then reads its text instead of laying it out again. The
    time it took is the page's ``timings.text_layout`` (and part of its ``seconds``)."""
    from app.core.export.stored_layout import with_layout

    started = time.perf_counter()
    try:
        laid = with_layout(result)
    except Exception:  # the page is read: without a stored layout it is laid out when shown
        log.exception("page %d: laying out its text failed", result.page + 1)
        return result
    spent = time.perf_counter() - started
    return replace(laid, seconds=laid.seconds + spent, timings=replace(laid.timings, text_layout=spent))


def _out_of_memory(path: Path, index: int) -> PageResult:
    """Fail the page with its reason and mark this worker for replacement.

    The peak stays at the cap for the process's lifetime, so later pages could not be told
    apart from pages that really ran out: a fresh worker takes them.
    """
    global _worn_out
    _worn_out = True
    log.warning("%s: page %d needs more memory than a worker may use", path.name, index + 1)
    cap = memory_limit()
    limit = f"{cap // 1024**2} MB" if cap else "?"
    return failed_page(index, "page_memory", limit=limit)


def _leave() -> NoReturn:
    """Exit at once when told to: the interpreter's own teardown (~25 ms of freeing models and
    modules that the OS frees anyway) would only keep the user's command waiting."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def worker_main(conn: Connection, memory_limit: int | None = None, user_tessdata: str | None = None) -> None:
    """Entry point of a worker process; ``user_tessdata`` is the user's model folder, as the
    parent found it (``tessdata.user_dir``)."""
    log_worker_records()
    no_core_dumps()
    limit_memory(memory_limit)
    keep_freed_memory_for_reuse()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if user_tessdata:
        os.environ[USER_DIR_VARIABLE] = user_tessdata
    from app.core.reading.pages import PageContext

    context = PageContext()
    documents = OpenDocuments()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            _leave()
        try:
            run_task(conn, task, documents, context)
        except (BrokenPipeError, EOFError):
            return  # the parent went away mid-task (killed): nobody is left to tell
        if _worn_out:
            return
        try:
            resting = not conn.poll(_REST_AFTER)
        except (EOFError, OSError):
            return  # the parent is gone
        if resting:
            release_free_memory()  # hand back what the last pages freed
