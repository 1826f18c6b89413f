"""The cluster executor: page tasks run on the workers of a Dask cluster instead of local processes.

For archives that outgrow one machine (``scriba ocr --cluster tcp://HOST:PORT``, ``scriba serve
--cluster``). The manager and the job book do not change: this is a second ``Executor``
(``app.core.running.executor``) beside the local pool, so results land in the local cache as
they arrive and progress, resume and exports behave as in a local run.

- A document's bytes are read here once (the main process reads files, it never parses them) and
  scattered to the cluster; each task carries that reference, its pages and the options. A
  worker writes the bytes to its own scratch folder under the document's name, so every sentence
  about the file names it as the user knows it.
- On each Dask worker, ``cluster_worker.ScribaPlugin`` sets ``OMP_THREAD_LIMIT=1`` before any engine loads, and
  the engine (``PageContext``) is built once per worker thread: it is never pickled. Start the
  workers with ``--nthreads 1`` (one page per worker process, like the local pool).
- The task runs the local worker's own code (``worker.run_task``), so the text is the same.
- A worker that dies mid-page: Dask runs the task again on another worker. A task that fails there
  too is reported ``Lost`` and the job book retries it or fails that page, as locally. Cancel
  drops queued tasks at once; a page already running on a worker finishes there, unreported.

Needs the ``cluster`` extra (``pip install scriba[cluster]``: Dask distributed); nothing here is
imported otherwise.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from app.core.errors import ScribaError
from app.core.reading.document import FileStamp
from app.core.running.executor import Lost, Outcome, Replied
from app.core.running.protocol import Reply, Task, TaskDone, TaskError

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0  # seconds
#: Documents kept scattered on the cluster, most recent first (a job's pages reuse its bytes).
_SCATTERED = 8
_RESIZE_EVERY = 5.0
#: Times a task is sent again because the bytes of its document were lost with a worker.
_RESCATTERS = 3  # seconds between looks at how many worker threads the cluster has


def connect(address: str, size: int | None = None) -> DaskExecutor:
    """A ``DaskExecutor`` on the cluster whose scheduler is at ``address``.

    Raises:
        ScribaError: ``cluster_missing`` without the ``cluster`` extra; ``cluster_unreachable``
            when no scheduler answers there.
    """
    try:
        from distributed import Client
    except ImportError:
        raise ScribaError("cluster_missing") from None
    try:
        client: Any = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise ScribaError(
            "cluster_unreachable", address=address, detail=str(exc) or type(exc).__name__
        ) from exc
    return DaskExecutor(client, size, owns_client=True)


class DaskExecutor:
    """Tasks on a Dask cluster: one at a time per worker thread the cluster has (or ``size``)."""

    def __init__(self, client: Any, size: int | None = None, *, owns_client: bool = False) -> None:
        self._client = client
        self._owns_client = owns_client
        self._fixed_size = size
        self._size = 1  # until the cluster says how many worker threads it has
        self._size = max(1, size or self._threads())
        self._sized_at = time.monotonic()
        # Task ids start at 1 in every process, and Dask answers a key it knows with the result
        # it has: this run's own prefix keeps two clients (or two runs) from sharing results.
        self._run = uuid.uuid4().hex
        self._futures: dict[int, Any] = {}
        self._tasks: dict[int, tuple[Task, Any]] = {}  # task id -> the task and its document's future
        self._attempts: dict[int, int] = {}  # task id -> times its document's bytes were lost under it
        self._done: queue.SimpleQueue[tuple[int, Any] | None] = queue.SimpleQueue()
        self._outcomes: list[Outcome] = []
        self._scattered: OrderedDict[tuple[str, FileStamp], tuple[str, Any]] = OrderedDict()
        from app.core.running.cluster_worker import PLUGIN_NAME, ScribaPlugin

        client.register_plugin(ScribaPlugin(), name=PLUGIN_NAME)

    # -- the Executor protocol -------------------------------------------------------------------
    @property
    def size(self) -> int:
        return self._size

    def resize(self, count: int) -> None:
        self._fixed_size = max(1, count)
        self._size = self._fixed_size

    def warm_up(self) -> None:
        """Nothing to start: the cluster's workers are already running."""

    def has_room(self) -> bool:
        return len(self._futures) < self._size

    def start(self, task: Task) -> None:
        self._attempts[task.task_id] = 0
        self._submit(task)

    def _submit(self, task: Task) -> None:
        try:
            key, data = self._document(task)
        except ScribaError as exc:  # the file changed or vanished since the job checked it
            self._outcomes.append(
                Replied(task.task_id, TaskError(task.task_id, exc.code, _strings(exc.params)))
            )
            self._outcomes.append(Replied(task.task_id, TaskDone(task.task_id)))
            return
        from app.core.running.cluster_worker import cluster_task

        attempt = self._attempts[task.task_id]
        future = self._client.submit(
            cluster_task,
            task,
            key,
            task.path.name,
            data,
            key=f"scriba-task-{self._run}-{task.task_id}-{attempt}",
            pure=False,
        )
        self._futures[task.task_id] = future
        self._tasks[task.task_id] = (task, data)
        future.add_done_callback(lambda done, task_id=task.task_id: self._done.put((task_id, done)))

    def collect(self, timeout: float | None) -> list[Outcome]:
        self._refresh_size()
        arrived: list[tuple[int, Any] | None] = []
        try:
            arrived.append(self._done.get(timeout=0 if self._outcomes else timeout))
        except queue.Empty:
            pass
        while True:
            try:
                arrived.append(self._done.get_nowait())
            except queue.Empty:
                break
        for item in arrived:
            if item is not None:
                self._settle(*item)
        outcomes, self._outcomes = self._outcomes, []
        return outcomes

    def wake(self) -> None:
        self._done.put(None)

    def stop(self, task_ids: Iterable[int]) -> None:
        for task_id in task_ids:
            self._tasks.pop(task_id, None)
            self._attempts.pop(task_id, None)
            future = self._futures.pop(task_id, None)
            if future is not None:
                future.cancel()  # queued: dropped now; running: Dask lets it finish, unreported

    def pids(self) -> list[int]:
        return []  # the workers are the cluster's processes, maybe on other machines

    def shutdown(self) -> None:
        for future in self._futures.values():
            future.cancel()
        self._futures.clear()
        self._tasks.clear()
        self._scattered.clear()
        if self._owns_client:
            try:
                self._client.close(timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                log.warning("The cluster connection did not close cleanly: %s", exc)

    # -- the cluster -------------------------------------------------------------------------------
    def _settle(self, task_id: int, future: Any) -> None:
        if task_id not in self._futures or self._futures[task_id] is not future:
            return  # stopped: nothing more is reported of it
        del self._futures[task_id]
        task, data = self._tasks.pop(task_id)
        if future.status == "finished":
            try:
                replies: list[Reply] = future.result()
            except Exception as exc:  # the result could not be fetched (its worker left)
                self._lost(task, f"{type(exc).__name__}: {exc}")
                return
            self._attempts.pop(task_id, None)
            self._outcomes.extend(Replied(task_id, reply) for reply in replies)
            return
        reason = "cancelled by the cluster"
        if future.status != "cancelled":
            error = future.exception()
            reason = f"{type(error).__name__}: {error}"
        if data.status != "finished" and self._attempts[task_id] < _RESCATTERS:
            # The worker that held the document's bytes died: the page is not at fault. Send the
            # bytes again and run the task again, without counting it against the page.
            log.info("Cluster lost the bytes of %s; sending them again", task.path.name)
            self._scattered.pop((str(task.path), task.stamp), None)
            self._attempts[task_id] += 1
            self._submit(task)
            return
        self._lost(task, reason)

    def _lost(self, task: Task, reason: str) -> None:
        log.warning("Cluster task %s for %s failed: %s", task.task_id, task.path.name, reason)
        self._attempts.pop(task.task_id, None)
        self._outcomes.append(Lost(task.task_id, reason))

    def _document(self, task: Task) -> tuple[str, Any]:
        """The scattered bytes of the task's document (read and sent once per document)."""
        found = (str(task.path), task.stamp)
        if found in self._scattered and self._scattered[found][1].status == "finished":
            self._scattered.move_to_end(found)
            return self._scattered[found]
        try:
            data = task.path.read_bytes()
            now = FileStamp.of(task.path)
        except OSError:
            raise ScribaError("changed", name=task.path.name) from None
        if not task.stamp.same_as(now) or len(data) != now.size:
            raise ScribaError("changed", name=task.path.name)
        key = hashlib.sha256(f"{task.path}\0{task.stamp}".encode()).hexdigest()[:20]
        future = self._client.scatter(data, hash=False)
        self._scattered[found] = (key, future)
        while len(self._scattered) > _SCATTERED:
            self._scattered.popitem(last=False)
        return key, future

    def _threads(self) -> int:
        try:
            return sum(self._client.nthreads().values())
        except (OSError, TimeoutError) as exc:
            log.warning("Could not ask the cluster how many workers it has: %s", exc)
            return self._size

    def _refresh_size(self) -> None:
        """Follow workers joining and leaving the cluster (unless a size was given)."""
        if self._fixed_size is not None or time.monotonic() - self._sized_at < _RESIZE_EVERY:
            return
        self._sized_at = time.monotonic()
        self._size = max(1, self._threads())


def _strings(params: dict[str, object]) -> dict[str, str]:
    return {key: str(value) for key, value in params.items()}
