"""Worker processes, each with its own pipe, started with ``spawn`` on every OS.

The dispatcher hands a task only to an idle worker, so nothing of a cancelled job waits in a
pipe; cancelling a busy worker means terminating it (then killing it) and starting another.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from app.core.reading.tessdata import user_dir
from app.core.running.protocol import Task
from app.core.running.worker import worker_main

log = logging.getLogger(__name__)

_TERMINATE_GRACE = 0.5  # seconds between terminate() and kill()
#: Address-space cap per worker (Linux/macOS). The worst page seen here (a 30000x30000 1-bit scan
#: under the pixel cap) peaked at ~420 MB virtual; 2 GiB leaves room and still stops a runaway.
DEFAULT_WORKER_MEMORY = 2 * 1024**3


@dataclass(eq=False)
class Worker:
    """One worker process and the task it is busy with, if any."""

    process: BaseProcess
    conn: Connection
    task: Task | None = None
    task_started: float = 0.0

    @property
    def busy(self) -> bool:
        return self.task is not None

    @property
    def sentinel(self) -> int:
        return self.process.sentinel


class WorkerPool:
    """Up to ``size`` workers, started when there is work and replaced when one dies."""

    def __init__(self, size: int, memory_limit: int | None = DEFAULT_WORKER_MEMORY) -> None:
        self.size = max(1, size)
        self.memory_limit = memory_limit
        self.workers: list[Worker] = []
        self._context = multiprocessing.get_context("spawn")
        self._user_tessdata = str(user_dir())  # found once here, not by each worker (platformdirs)

    def start_worker(self) -> Worker:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=worker_main,
            args=(child, self.memory_limit, self._user_tessdata),
            name="scriba-worker",
            daemon=True,
        )
        # Block SIGINT while starting: a spawned child inherits the mask through exec, so a
        # Ctrl+C during its start-up cannot hit it before it installs SIG_IGN itself.
        blocked = hasattr(signal, "pthread_sigmask")
        if blocked:
            previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            process.start()
        finally:
            if blocked:
                signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        child.close()
        worker = Worker(process, parent)
        self.workers.append(worker)
        log.debug("started worker pid %s", process.pid)
        return worker

    def idle(self) -> list[Worker]:
        return [w for w in self.workers if not w.busy]

    def can_grow(self) -> bool:
        return len(self.workers) < self.size

    def send(self, worker: Worker, task: Task) -> None:
        worker.task = task
        worker.task_started = time.monotonic()
        worker.conn.send(task)

    def discard(self, worker: Worker) -> None:
        """Stop ``worker`` now (terminate, then kill) and forget it."""
        if worker in self.workers:
            self.workers.remove(worker)
        process = worker.process
        if process.is_alive():
            process.terminate()
            process.join(_TERMINATE_GRACE)
            if process.is_alive():
                process.kill()
                process.join(_TERMINATE_GRACE)
        worker.conn.close()
        process.close() if process.exitcode is not None else None

    def retire(self, worker: Worker) -> None:
        """Let an idle worker leave politely (used when the pool shrinks)."""
        if worker in self.workers and not worker.busy:
            try:
                worker.conn.send(None)
            except OSError:
                log.debug("worker %s already gone", worker.process.pid)
            worker.process.join(_TERMINATE_GRACE)
            self.discard(worker)

    def shutdown(self) -> None:
        """Ask idle workers to leave, stop busy ones; no process is left behind."""
        for worker in list(self.workers):
            if not worker.busy:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass  # already gone; discard() below reaps it
        deadline = time.monotonic() + _TERMINATE_GRACE
        for worker in list(self.workers):
            if not worker.busy:
                worker.process.join(max(0.0, deadline - time.monotonic()))
            self.discard(worker)
