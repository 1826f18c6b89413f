"""What crosses the pipe between the dispatcher and a worker: small picklable dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.options import OcrOptions
from app.core.reading.document import FileStamp
from app.core.results import PageResult


@dataclass(frozen=True, slots=True)
class InspectTask:
    """Open the document and count its pages."""

    task_id: int
    path: Path
    password: str | None
    stamp: FileStamp


@dataclass(frozen=True, slots=True)
class PageTask:
    """Process ``pages`` (0-based, usually one) of a document."""

    task_id: int
    path: Path
    password: str | None
    stamp: FileStamp
    options: OcrOptions
    pages: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    task_id: int
    page_count: int
    encrypted: bool


@dataclass(frozen=True, slots=True)
class PageMessage:
    task_id: int
    result: PageResult


@dataclass(frozen=True, slots=True)
class TaskDone:
    task_id: int


@dataclass(frozen=True, slots=True)
class TaskError:
    """The whole document failed (it cannot be opened, a language is missing, …)."""

    task_id: int
    code: str
    params: dict[str, str]


Task = InspectTask | PageTask
Reply = DocumentInfo | PageMessage | TaskDone | TaskError
