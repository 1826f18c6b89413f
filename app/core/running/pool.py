"""The local executor: worker processes on this machine, each with its own pipe, started with
``spawn`` on every OS.

A task goes only to an idle worker, so nothing of a cancelled job waits in a pipe; stopping a busy
worker means terminating it (then killing it) and starting another when there is work. The manager
sees none of this: only the ``Executor`` methods (``app.core.running.executor``).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe, wait
from multiprocessing.process import BaseProcess

from app.core.reading.tessdata import user_dir
from app.core.running.executor import Lost, Outcome, Replied
from app.core.running.protocol import Task, TaskDone
from app.core.running.worker import worker_main

log = logging.getLogger(__name__)

_TERMINATE_GRACE = 0.5  # seconds between terminate() and kill()
#: Address-space cap per worker (Linux/macOS). The worst page seen here (a 30000x30000 1-bit scan
#: under the pixel cap) peaked at ~420 MB virtual; 2 GiB leaves room and still stops a runaway.
DEFAULT_WORKER_MEMORY = 2 * 1024**3


def exit_reason(code: int | None) -> str:
    """How a process ended, in words for the log and the page's error ("SIGKILL", "exit code 3")."""
    if code is None:
        return "unknown"
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


@dataclass(eq=False)
class Worker:
    """One worker process and the task it is busy with, if any."""

    process: BaseProcess
    conn: Connection
    task: Task | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None

    @property
    def sentinel(self) -> int:
        return self.process.sentinel


class LocalExecutor:
    """Up to ``size`` worker processes, started when there is work and replaced when one dies."""

    def __init__(self, size: int, memory_limit: int | None = DEFAULT_WORKER_MEMORY) -> None:
        self._size = max(1, size)
        self.memory_limit = memory_limit
        self.workers: list[Worker] = []
        self._context = multiprocessing.get_context("spawn")
        self._user_tessdata = str(user_dir())  # found once here, not by each worker (platformdirs)
        self._outcomes: list[Outcome] = []  # found outside ``collect`` (a send that failed)
        self._wake_r, self._wake_w = Pipe(duplex=False)
        self._wake_lock = threading.Lock()

    # -- the Executor protocol -------------------------------------------------------------------
    @property
    def size(self) -> int:
        return self._size

    def resize(self, count: int) -> None:
        self._size = max(1, count)
        self._trim()

    def warm_up(self) -> None:
        while self.can_grow():
            self.start_worker()

    def has_room(self) -> bool:
        return bool(self.idle()) or self.can_grow()

    def start(self, task: Task) -> None:
        idle = self.idle()
        worker = idle[0] if idle else self.start_worker()
        worker.task = task
        try:
            worker.conn.send(task)
        except OSError:
            self.discard(worker)
            self._outcomes.append(Lost(task.task_id, "pipe closed"))

    def collect(self, timeout: float | None) -> list[Outcome]:
        handles: list[object] = [self._wake_r]
        for worker in self.workers:
            handles += [worker.conn, worker.sentinel]
        for ready in wait(handles, timeout=0 if self._outcomes else timeout):  # type: ignore[arg-type]
            if ready is self._wake_r:
                while self._wake_r.poll():
                    self._wake_r.recv_bytes()
            else:
                self._service(ready)
        self._trim()
        outcomes, self._outcomes = self._outcomes, []
        return outcomes

    def wake(self) -> None:
        with self._wake_lock:
            if not self._wake_w.closed:
                self._wake_w.send_bytes(b"!")

    def stop(self, task_ids: Iterable[int]) -> None:
        stopping = set(task_ids)
        doomed = [w for w in self.workers if w.task is not None and w.task.task_id in stopping]
        for worker in doomed:  # all told at once, so their grace periods overlap
            worker.task = None
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in doomed:
            self.discard(worker)

    def pids(self) -> list[int]:
        return [w.process.pid for w in list(self.workers) if w.process.pid]

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
        with self._wake_lock:
            self._wake_w.close()
            self._wake_r.close()

    # -- the processes ---------------------------------------------------------------------------
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

    def _trim(self) -> None:
        """Idle workers above the size leave (the pool was made smaller)."""
        while len(self.workers) > self._size and self.idle():
            self.retire(self.idle()[0])

    def _service(self, handle: object) -> None:
        """Read what a worker sent; report its task lost if it is gone."""
        for worker in self.workers:
            if handle is worker.conn or handle == worker.sentinel:
                break
        else:
            return  # its worker was already discarded in this round
        try:
            while worker.conn.poll():
                reply = worker.conn.recv()
                if isinstance(reply, TaskDone) and worker.task and worker.task.task_id == reply.task_id:
                    worker.task = None
                self._outcomes.append(Replied(reply.task_id, reply))
        except (EOFError, OSError):
            log.debug("worker pipe closed")  # the worker is gone; handled just below
        if not worker.process.is_alive():
            task, reason = worker.task, exit_reason(worker.process.exitcode)
            self.discard(worker)
            if task is not None:
                self._outcomes.append(Lost(task.task_id, reason))
