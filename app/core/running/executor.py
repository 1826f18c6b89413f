"""The executor seam: where tasks run. The manager drives it; the job book never sees it.

An executor starts tasks on workers, reports what comes back (``Replied``) and tasks whose worker
is gone (``Lost``), grows and shrinks, and stops the workers of tasks no longer wanted. It knows
nothing of jobs, pages or the cache. ``app.core.running.pool.LocalExecutor`` runs tasks in local
worker processes; an executor on a cluster can be added beside it without touching the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from app.core.running.protocol import Reply, Task


@dataclass(frozen=True, slots=True)
class Replied:
    """A worker answered for a task (it may answer several times: one ``PageMessage`` a page)."""

    task_id: int
    reply: Reply


@dataclass(frozen=True, slots=True)
class Lost:
    """The worker busy with a task is gone (it died, or its pipe broke); ``reason`` says how."""

    task_id: int
    reason: str


Outcome = Replied | Lost


class Executor(Protocol):
    """Runs tasks on up to ``size`` workers; every method is called from the manager's thread but
    ``wake``, which any thread may call."""

    @property
    def size(self) -> int:
        """How many workers it aims at."""
        ...

    def resize(self, count: int) -> None:
        """Aim at ``count`` workers: idle ones above it leave now, busy ones when their task is done."""
        ...

    def warm_up(self) -> None:
        """Start workers up to the size ahead of work, so their start-up overlaps other work."""
        ...

    def has_room(self) -> bool:
        """A task started now would run at once (an idle worker, or room for another)."""
        ...

    def start(self, task: Task) -> None:
        """Run ``task`` (only when ``has_room``); a worker that cannot take it is reported ``Lost``."""
        ...

    def collect(self, timeout: float | None) -> list[Outcome]:
        """Wait up to ``timeout`` seconds (None: no limit) for replies, lost tasks or ``wake``;
        returns what came, in order (possibly nothing)."""
        ...

    def wake(self) -> None:
        """Make a ``collect`` under way (or the next one) return at once. Safe from any thread."""
        ...

    def stop(self, task_ids: Iterable[int]) -> None:
        """Stop the workers busy with these tasks now; nothing more is reported of those tasks."""
        ...

    def pids(self) -> list[int]:
        """The process ids of the workers (for the user's task manager and for tests)."""
        ...

    def shutdown(self) -> None:
        """Stop every worker; nothing is left behind. ``wake`` stays safe to call afterwards."""
        ...
