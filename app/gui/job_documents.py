"""What a row's document gives: whether it can be read again, and what can be exported of it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.core.jobs import JobState
from app.gui import i18n

if TYPE_CHECKING:
    from app.core.export import ExportDocument
    from app.core.results import PageResult
    from app.gui.job_model import JobRow

#: A document that stopped for want of its password (none given, or a wrong one).
PASSWORD_CODES = ("password", "wrong_password")


def retryable(state: JobState) -> bool:
    """Whether Retry applies: the document stopped before every page was read."""
    return state in (JobState.CANCELLED, JobState.FAILED)


def with_unread_pages(pages: Sequence[PageResult], total: int) -> list[PageResult]:
    """A cancelled document's pages, with a failed page (code ``page_cancelled``, which every
    export writes as a note, ``export.base.failure_note``) for each page that was not read."""
    from app.core.results import failed_page

    read = {page.page: page for page in pages}
    count = max(total, max(read) + 1 if read else 0)
    return [read.get(n) or failed_page(n, "page_cancelled") for n in range(count)]


def export_document(row: JobRow, pages: Sequence[PageResult]) -> ExportDocument | None:
    """The document to export for ``row``: a finished one, or a cancelled one's finished pages
    (a note for each page not read); ``None`` when there is nothing to export."""
    from app.core.export import ExportDocument

    if row.state is JobState.CANCELLED and pages:
        pages = with_unread_pages(pages, row.total)
    elif row.state is not JobState.DONE:
        return None
    request = row.request
    return ExportDocument(
        source=request.path,
        pages=pages,
        languages=request.options.languages,
        password=request.password,
        dpi=request.options.dpi,
        language=i18n.shown_language(),
    )
