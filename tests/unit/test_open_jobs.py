"""The job book opens a few documents at a time: a hundred given at once are read a few at a time."""

from __future__ import annotations

from app.core.jobs import JobStarted, JobState
from app.core.running.book import MAX_OPEN_JOBS, JobBook
from app.core.running.protocol import InspectTask
from app.core.running.scheduler import open_jobs_for
from tests.unit.test_job_book import (
    STAMP,
    TIMEOUT,
    counted,
    events,
    finished,
    next_page_task,
    page,
    read,
    request,
    submitted,
)


def test_only_max_open_documents_are_counted_and_read_the_next_opens_when_one_finishes() -> None:
    # Given five documents checked at once, with room for two open at a time
    book = JobBook(TIMEOUT, max_open=2)
    for job_id in range(1, 6):
        submitted(book, job_id, request(f"d{job_id}.pdf"))
    # Then only the first two are counted (and their first pages started): the rest wait
    tasks = [book.next_task(0.5) for _ in range(4)]
    assert [t.path.name for t in tasks if isinstance(t, InspectTask)] == ["d1.pdf", "d2.pdf"]
    assert {t.path.name for t in tasks} == {"d1.pdf", "d2.pdf"}
    assert book.next_task(0.5) is None
    # When both are counted (2 pages each) every task still goes to them
    counted(book, tasks[0], 2)
    counted(book, tasks[1], 2)
    seconds = [next_page_task(book), next_page_task(book)]
    assert {t.path.name for t in seconds} == {"d1.pdf", "d2.pdf"}
    assert book.next_task(1.0) is None
    # When d1's pages are all read, it finishes and d3 opens in its place: counted next
    effects = read(book, tasks[2]) + read(book, next(t for t in seconds if t.path.name == "d1.pdf"))
    assert finished(effects).path.name == "d1.pdf" and finished(effects).state is JobState.DONE
    opened = book.next_task(2.0)
    assert isinstance(opened, InspectTask) and opened.path.name == "d3.pdf"
    assert next_page_task(book, 2.0).path.name == "d3.pdf"  # its first page, while it is counted
    assert book.next_task(2.0) is None  # d4 and d5 still wait


def test_a_waiting_document_that_is_cancelled_never_opens_and_a_fully_cached_one_does_not_wait() -> None:
    book = JobBook(TIMEOUT, max_open=1)
    submitted(book, 1, request("a.pdf"))
    submitted(book, 2, request("b.pdf"))
    # A document the cache holds whole finishes at once, though no room is open
    book.add(3, request("c.pdf"), 0.0)
    effects = book.prepared(3, STAMP, {0: page(0), 1: page(1)}, 2, 0.0)
    assert events(effects, JobStarted)[0].cached == 2 and finished(effects).state is JobState.DONE
    # A waiting document cancelled is finished as cancelled, and never counted later
    assert finished(book.cancel(2, 0.1)).state is JobState.CANCELLED
    counting = book.next_task(0.2)
    assert isinstance(counting, InspectTask) and counting.path.name == "a.pdf"
    first = next_page_task(book, 0.2)
    effects = counted(book, counting, 1) + read(book, first, 0.3)
    assert finished(effects).path.name == "a.pdf"
    assert book.next_task(0.4) is None and book.unfinished() == []


def test_a_document_the_cache_knows_in_part_waits_its_turn_then_reads_only_what_is_missing() -> None:
    book = JobBook(TIMEOUT, max_open=1)
    submitted(book, 1, request("a.pdf"))
    book.add(2, request("b.pdf"), 0.0)
    assert book.prepared(2, STAMP, {0: page(0)}, 2, 0.0) == []  # it waits: a.pdf is open
    counting = book.next_task(0.1)
    assert isinstance(counting, InspectTask)
    effects = counted(book, counting, 1) + read(book, next_page_task(book, 0.1), 0.2)
    # When a.pdf finishes, b.pdf opens from what the cache knew: started, page 1 cached
    (started,) = [e for e in events(effects, JobStarted) if e.path.name == "b.pdf"]
    assert (started.total, started.cached) == (2, 1)
    assert next_page_task(book, 0.3).pages == (1,)


def test_enough_documents_are_open_for_every_worker() -> None:
    assert open_jobs_for(1) == MAX_OPEN_JOBS and open_jobs_for(2) == MAX_OPEN_JOBS
    assert open_jobs_for(8) == 10
