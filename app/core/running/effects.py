"""What the job book asks of the manager after a step: events to emit, cache writes, stops.

The book decides and the manager carries out, in the order given, so the cache is written before
the event that reports the page, and a job's workers stop before it is reported finished.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.jobs import JobEvent
from app.core.results import PageResult


@dataclass(frozen=True, slots=True)
class Emit:
    """Tell the listeners; ``result`` is the page a ``PageDone`` reports (kept for ``results``)."""

    event: JobEvent
    result: PageResult | None = None


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """Store a page just read in the cache (before it is reported)."""

    job_id: int
    result: PageResult


@dataclass(frozen=True, slots=True)
class Counted:
    """The document's page count came back: store it in the cache."""

    job_id: int
    name: str
    page_count: int
    encrypted: bool


@dataclass(frozen=True, slots=True)
class Touch:
    """Pages of the job were read back from the cache: mark its entry as used."""

    job_id: int


@dataclass(frozen=True, slots=True)
class Stop:
    """Stop the workers busy with these tasks now (their replies are no longer wanted)."""

    task_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """A line for the log (the book itself never logs): ``level`` is a ``logging`` level."""

    level: int
    text: str
    args: tuple[object, ...] = ()


Effect = Emit | Checkpoint | Counted | Touch | Stop | Note
