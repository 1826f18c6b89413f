"""The Scriba side of a Dask worker: the plugin each worker loads and the task it runs.

Imported on the Dask workers (and by ``cluster.py`` when it registers the plugin); it needs the
``cluster`` extra. Engines load in the task, never here, so ``OMP_THREAD_LIMIT=1`` is set first.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin, get_worker

from app.core.reading.document import FileStamp
from app.core.running.protocol import Reply, Task

PLUGIN_NAME = "scriba"
#: Documents a worker keeps written in its scratch folder (more than a server's concurrent jobs).
_WRITTEN = 32


class ScribaPlugin(WorkerPlugin):
    """Lives in each Dask worker: the one-thread setting, engines per thread, written documents."""

    name = PLUGIN_NAME
    #: A second client (another office PC, a server) keeps the workers' plugin and its files.
    idempotent = True

    def setup(self, worker: Any) -> None:
        os.environ["OMP_THREAD_LIMIT"] = "1"  # before any Tesseract loads in this process
        self._folder = Path(worker.local_directory) / "scriba"
        self._local = threading.local()
        self._lock = threading.Lock()
        self._written: OrderedDict[str, Path] = OrderedDict()

    def teardown(self, worker: Any) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)

    def context(self) -> Any:
        """This thread's engine (a ``PageContext``), built the first time."""
        if not hasattr(self._local, "context"):
            from app.core.reading.pages import PageContext
            from app.core.running.worker import OpenDocuments

            self._local.context = PageContext()
            self._local.documents = OpenDocuments()
        return self._local.context

    def documents(self) -> Any:
        self.context()
        return self._local.documents

    def written(self, key: str, name: str, data: bytes) -> Path:
        """The document's bytes as a file in this worker's scratch folder (written once)."""
        with self._lock:
            if key in self._written:
                self._written.move_to_end(key)
                return self._written[key]
            folder = self._folder / key
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / (Path(name).name or "document")
            # Still there (its removal failed: a reader had it open, as Windows forbids): the same
            # bytes under the same key, so it is kept rather than replaced under that reader.
            if not (path.is_file() and path.stat().st_size == len(data)):
                temporary = path.with_name(path.name + ".part")
                temporary.write_bytes(data)
                temporary.replace(path)
            self._written[key] = path
            while len(self._written) > _WRITTEN:
                _, old = self._written.popitem(last=False)
                shutil.rmtree(old.parent, ignore_errors=True)
            return path


class _Replies:
    def __init__(self) -> None:
        self.items: list[Reply] = []

    def send(self, reply: object) -> None:
        self.items.append(reply)  # type: ignore[arg-type]


def cluster_task(task: Task, key: str, name: str, data: bytes) -> list[Reply]:
    """Run one task on a Dask worker; its replies, as a local worker would have sent them."""
    from app.core.running.worker import run_task

    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, ScribaPlugin)
    path = plugin.written(key, name, data)
    local = replace(task, path=path, stamp=FileStamp.of(path))
    replies = _Replies()
    run_task(replies, local, plugin.documents(), plugin.context())
    return replies.items
