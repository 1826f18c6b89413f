"""The worker process: pulls one task at a time from its pipe and answers with small results.

Started with the ``spawn`` method on every OS. It ignores SIGINT (the parent owns shutdown),
limits Tesseract to one thread (``OMP_THREAD_LIMIT=1``: OpenMP inside parallel workers was ~6x
slower here), loads engines once and keeps recently used documents open.
"""

from __future__ import annotations

import logging
import os
import signal
from collections import OrderedDict
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.document import FileStamp, open_pdf
from app.core.errors import ScribaError
from app.core.messages import DocumentInfo, InspectTask, PageMessage, PageTask, Task, TaskDone, TaskError
from app.core.results import PageResult, PageSource

if TYPE_CHECKING:
    import pypdfium2

    from app.core.pages import PageContext

log = logging.getLogger(__name__)

_OPEN_DOCUMENTS = 2
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
}


class OpenDocuments:
    """A tiny LRU of open PDFium documents, keyed by path, password and file stamp."""

    def __init__(self) -> None:
        self._docs: OrderedDict[tuple[str, str | None, FileStamp], pypdfium2.PdfDocument] = OrderedDict()

    def get(self, path: Path, password: str | None, stamp: FileStamp) -> pypdfium2.PdfDocument:
        try:
            current = FileStamp.of(path)
        except FileNotFoundError:
            raise ScribaError("changed", name=path.name) from None
        if current != stamp:
            raise ScribaError("changed", name=path.name)
        key = (str(path), password, stamp)
        if key in self._docs:
            self._docs.move_to_end(key)
            return self._docs[key]
        document = open_pdf(path, password)
        self._docs[key] = document
        while len(self._docs) > _OPEN_DOCUMENTS:
            _, old = self._docs.popitem(last=False)
            old.close()
        return document


def _is_encrypted(document: pypdfium2.PdfDocument) -> bool:
    import pypdfium2.raw as pdfium_c

    return int(pdfium_c.FPDF_GetSecurityHandlerRevision(document.raw)) != -1


def _run(conn: Connection, task: Task, documents: OpenDocuments, context: PageContext) -> None:
    try:
        document = documents.get(task.path, task.password, task.stamp)
        if isinstance(task, InspectTask):
            conn.send(DocumentInfo(task.task_id, len(document), _is_encrypted(document)))
        else:
            _run_pages(conn, task, document, context)
    except ScribaError as exc:
        conn.send(TaskError(task.task_id, exc.code, {k: str(v) for k, v in exc.params.items()}))
    conn.send(TaskDone(task.task_id))


def _run_pages(
    conn: Connection, task: PageTask, document: pypdfium2.PdfDocument, context: PageContext
) -> None:
    from app.core.pages import process_page

    for index in task.pages:
        try:
            result = process_page(context, document, task.path, task.password, index, task.options)
            if FileStamp.of(task.path) != task.stamp:  # changed while we read it?
                raise ScribaError("changed", name=task.path.name)
        except FileNotFoundError:
            raise ScribaError("changed", name=task.path.name) from None
        except ScribaError as exc:
            if exc.code in _DOCUMENT_ERRORS:
                raise
            result = PageResult(index, "", PageSource.FAILED, error=str(exc))
        except Exception as exc:  # one bad page must not stop the others
            log.warning("page %d of a document failed: %s", index + 1, type(exc).__name__)
            result = PageResult(index, "", PageSource.FAILED, error=f"{type(exc).__name__}: {exc}")
        conn.send(PageMessage(task.task_id, result))


def worker_main(conn: Connection) -> None:
    """Entry point of a worker process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from app.core.pages import PageContext

    context = PageContext()
    documents = OpenDocuments()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        _run(conn, task, documents, context)
