"""Jobs and the events the JobManager emits about them.

Events are plain frozen dataclasses: picklable, Qt-free. The CLI prints them; the GUI bridge
re-emits them as Qt signals. Listeners are called on the JobManager's dispatcher thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from app.core.errors import message
from app.core.options import OcrOptions
from app.core.results import PageSource

#: (0-based page, code of ``app.core.errors``, its parameters) per failed page.
FailedCodes = tuple[tuple[int, str, tuple[tuple[str, str], ...]], ...]


class JobState(StrEnum):
    QUEUED = "queued"  # waiting: hashing, validating, or for a free worker
    RUNNING = "running"  # pages are being processed
    DONE = "done"  # every page has text (some may have failed: see ``failed_pages``)
    FAILED = "failed"  # the document could not be read at all; ``error`` says why
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


@dataclass(frozen=True, slots=True)
class JobRequest:
    """What the user asked for: one file, its options, and its password if it has one."""

    path: Path
    options: OcrOptions = field(default_factory=OcrOptions)
    password: str | None = None
    use_cache: bool = True


@dataclass(frozen=True, slots=True)
class JobQueued:
    job_id: int
    path: Path


@dataclass(frozen=True, slots=True)
class JobStarted:
    """The document was validated; ``total`` pages will be reported."""

    job_id: int
    path: Path
    total: int
    cached: int  # pages already in the cache, reported at once with source "cache"


@dataclass(frozen=True, slots=True)
class PageDone:
    job_id: int
    path: Path
    page: int  # 0-based
    done: int
    total: int
    source: PageSource
    seconds: float
    pages_per_second: float  # over this run's processed pages (cache hits excluded)
    eta_seconds: float | None
    error: str | None = None  # set when source is FAILED
    skew: float = 0.0  # degrees the page lay tilted and was straightened (PageResult.skew)
    error_code: str | None = None  # the catalog code of ``error`` (app.core.errors)


@dataclass(frozen=True, slots=True)
class JobFinished:
    job_id: int
    path: Path
    state: JobState
    pages: int
    error: str | None = None  # one sentence (English) when state is FAILED
    error_code: str | None = None  # stable code of the error (see app.core.errors), for translation
    error_params: tuple[tuple[str, str], ...] = ()  # the sentence's parameters, for translation
    failed_pages: tuple[tuple[int, str], ...] = ()  # (0-based page, reason)
    seconds: float = 0.0
    blank_pages: tuple[int, ...] = ()  # 0-based pages with no text on them (``PageSource.BLANK``)
    #: (0-based page, code, parameters) of the failed pages: ``failed_pages``' reasons, for translation.
    failed_codes: FailedCodes = ()

    def localized_error(self, language: str) -> str | None:
        """The error sentence in ``en`` or ``pt_BR``."""
        if self.error_code is None:
            return self.error
        return message(self.error_code, language, **dict(self.error_params))

    def localized_failed_pages(self, language: str) -> list[tuple[int, str]]:
        """``failed_pages`` with their reasons in ``en`` or ``pt_BR``."""
        return localized_failed_pages(self.failed_pages, self.failed_codes, language)


def localized_failed_pages(
    failed_pages: tuple[tuple[int, str], ...], failed_codes: FailedCodes, language: str
) -> list[tuple[int, str]]:
    """(page, reason) in ``en`` or ``pt_BR``; a page without a code keeps its English reason."""
    codes = {page: (code, dict(params)) for page, code, params in failed_codes}
    return [
        (page, message(codes[page][0], language, **codes[page][1]) if page in codes else reason)
        for page, reason in failed_pages
    ]


JobEvent = JobQueued | JobStarted | PageDone | JobFinished
