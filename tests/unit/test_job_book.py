"""The job book's rules, driven by hand: no process, no thread, no clock (the tests say the time)."""

from __future__ import annotations

from pathlib import Path

from app.core.errors import ScribaError
from app.core.jobs import JobFinished, JobRequest, JobStarted, JobState, PageDone
from app.core.options import OcrOptions
from app.core.reading.document import FileStamp
from app.core.reading.render import Pdf2ImageRenderer, PdfiumRenderer, pages_per_call
from app.core.results import PageResult, PageSource
from app.core.running.book import MAX_PAGE_ATTEMPTS, JobBook
from app.core.running.effects import Checkpoint, Counted, Effect, Emit, Stop, Touch
from app.core.running.protocol import (
    DocumentInfo,
    InspectTask,
    PageMessage,
    PageTask,
    Task,
    TaskDone,
    TaskError,
)
from app.core.running.speed import pages_per_second, seconds_left

STAMP = FileStamp(1000, 1)
TIMEOUT = 30.0


def request(name: str, renderer: str = "pdfium") -> JobRequest:
    return JobRequest(Path("/docs") / name, OcrOptions(renderer=renderer))


def page(number: int) -> PageResult:
    return PageResult(number, f"text of page {number + 1}", PageSource.OCR)


def events(effects: list[Effect], kind: type) -> list:
    return [e.event for e in effects if isinstance(e, Emit) and isinstance(e.event, kind)]


def pages_done(effects: list[Effect]) -> list[int]:
    return [e.page for e in events(effects, PageDone)]


def finished(effects: list[Effect]) -> JobFinished:
    (event,) = events(effects, JobFinished)
    return event


def submitted(book: JobBook, job_id: int, req: JobRequest, now: float = 0.0) -> list[Effect]:
    """The job as the manager hands it over: added, then its file checked (nothing cached)."""
    book.add(job_id, req, now)
    return book.prepared(job_id, STAMP, {}, None, now)


def counted(book: JobBook, task: Task, pages: int, now: float = 1.0) -> list[Effect]:
    """A worker counted the pages of ``task``'s document and is done with it."""
    effects = book.on_reply(task.task_id, DocumentInfo(task.task_id, pages, False), now)
    return effects + book.on_reply(task.task_id, TaskDone(task.task_id), now)


def read(book: JobBook, task: Task, now: float = 2.0) -> list[Effect]:
    """A worker read every page of ``task`` and is done with it."""
    assert isinstance(task, PageTask)
    effects: list[Effect] = []
    for number in task.pages:
        effects += book.on_reply(task.task_id, PageMessage(task.task_id, page(number)), now)
    return effects + book.on_reply(task.task_id, TaskDone(task.task_id), now)


def next_page_task(book: JobBook, now: float = 1.0) -> PageTask:
    task = book.next_task(now)
    assert isinstance(task, PageTask)
    return task


def test_renderers_say_how_many_pages_they_draw_per_call() -> None:
    assert PdfiumRenderer.pages_per_call == 1 and Pdf2ImageRenderer.pages_per_call == 8
    assert pages_per_call("pdfium") == 1 and pages_per_call("pdf2image") == 8
    assert pages_per_call("no such renderer") == 1


def test_counting_comes_first_and_the_first_page_overlaps_it() -> None:
    # Given two documents checked one after the other
    book = JobBook(TIMEOUT)
    submitted(book, 1, request("a.pdf"))
    submitted(book, 2, request("b.pdf"))
    # Then both are counted first, then both first pages start while the counting goes on
    first, second, third, fourth = (book.next_task(0.5) for _ in range(4))
    assert isinstance(first, InspectTask) and first.path.name == "a.pdf"
    assert isinstance(second, InspectTask) and second.path.name == "b.pdf"
    assert isinstance(third, PageTask) and (third.path.name, third.pages) == ("a.pdf", (0,))
    assert isinstance(fourth, PageTask) and (fourth.path.name, fourth.pages) == ("b.pdf", (0,))
    assert book.next_task(0.5) is None  # nothing else until a page count comes back
    # When both counts come back (3 pages each), the jobs take turns page by page
    assert events(counted(book, first, 3), JobStarted) == [JobStarted(1, first.path, 3, 0)]
    counted(book, second, 3)
    turns = [next_page_task(book) for _ in range(4)]
    assert [(t.path.name, t.pages) for t in turns] == [
        ("a.pdf", (1,)),
        ("b.pdf", (1,)),
        ("a.pdf", (2,)),
        ("b.pdf", (2,)),
    ]
    assert book.next_task(1.0) is None  # the first pages are still in flight: never given twice
    # And each job finishes once its last task is done, every page reported once
    effects = read(book, third) + read(book, turns[0]) + read(book, turns[2])
    assert sorted(pages_done(effects)) == [0, 1, 2]
    assert finished(effects).state is JobState.DONE and finished(effects).pages == 3


def test_a_first_page_read_before_the_count_is_reported_when_the_job_starts() -> None:
    book = JobBook(TIMEOUT)
    submitted(book, 1, request("a.pdf"))
    counting, first = book.next_task(0.0), next_page_task(book, 0.0)
    assert isinstance(counting, InspectTask)
    # When the first page comes back before the page count: nothing is reported yet
    assert pages_done(read(book, first, 0.5)) == []
    # Then the job starts with it: checkpointed, then reported, and not handed out again
    effects = counted(book, counting, 2, 1.0)
    assert [type(e).__name__ for e in effects[:4]] == ["Counted", "Emit", "Checkpoint", "Emit"]
    assert pages_done(effects) == [0]
    assert next_page_task(book).pages == (1,)
    assert book.next_task(1.0) is None


def test_a_renderer_drawing_runs_of_pages_gets_runs_and_no_early_first_page() -> None:
    book = JobBook(TIMEOUT)
    submitted(book, 1, request("a.pdf", renderer="pdf2image"))
    counting = book.next_task(0.0)
    assert isinstance(counting, InspectTask)
    assert book.next_task(0.0) is None  # no first page alone: Poppler would draw its run twice
    counted(book, counting, 20)
    assert [next_page_task(book).pages for _ in range(3)] == [
        tuple(range(0, 8)),
        tuple(range(8, 16)),
        tuple(range(16, 20)),
    ]


def test_a_page_whose_worker_dies_is_read_again_once_then_fails() -> None:
    book = JobBook(TIMEOUT)
    submitted(book, 1, request("a.pdf"))
    counting, first = book.next_task(0.0), next_page_task(book, 0.0)
    assert isinstance(counting, InspectTask)
    read(book, first)
    counted(book, counting, 2)
    # When the worker on page 2 dies, the page is handed out again, first
    task = next_page_task(book)
    assert task.pages == (1,)
    assert pages_done(book.on_lost(task.task_id, "SIGKILL", 3.0)) == []
    again = next_page_task(book, 3.0)
    assert again.pages == (1,)
    # And when it dies again (the limit is two tries), the page fails and the job is done
    effects = book.on_lost(again.task_id, "SIGSEGV", 4.0)
    assert MAX_PAGE_ATTEMPTS == 2
    (failed,) = events(effects, PageDone)
    assert failed.page == 1 and failed.source is PageSource.FAILED
    assert failed.error == "the page could not be processed (the worker stopped: SIGSEGV)"
    job = finished(effects)
    assert job.state is JobState.DONE and job.failed_pages == ((1, failed.error),)
    assert [(p, code) for p, code, _ in job.failed_codes] == [(1, "page_crashed")]  # for translation
    assert not any(isinstance(e, Checkpoint) for e in effects)  # a failure is never cached
    assert book.next_task(4.0) is None


def test_a_counting_whose_worker_dies_twice_fails_the_job_as_damaged() -> None:
    book = JobBook(TIMEOUT)
    submitted(book, 1, request("a.pdf"))
    counting = book.next_task(0.0)
    first = next_page_task(book, 0.0)
    assert isinstance(counting, InspectTask)
    book.on_lost(counting.task_id, "SIGKILL", 1.0)
    again = book.next_task(1.0)
    assert isinstance(again, InspectTask) and again.path == counting.path
    # When it dies again the job fails as damaged; its first page, still in flight, changes nothing
    effects = book.on_lost(again.task_id, "SIGKILL", 2.0)
    job = finished(effects)
    assert (job.state, job.error_code, job.error_params) == (JobState.FAILED, "damaged", (("name", "a.pdf"),))
    assert book.on_reply(first.task_id, PageMessage(first.task_id, page(0)), 2.5) == []


def test_a_page_over_its_time_limit_fails_at_once_and_its_run_goes_back() -> None:
    book = JobBook(TIMEOUT)
    submitted(book, 1, request("a.pdf", renderer="pdf2image"))
    counting = book.next_task(0.0)
    assert isinstance(counting, InspectTask)
    counted(book, counting, 3)
    run = next_page_task(book, 10.0)
    assert run.pages == (0, 1, 2) and book.deadline() == 10.0 + TIMEOUT
    # Given the first page read in time: the clock restarts for the next page of the run
    book.on_reply(run.task_id, PageMessage(run.task_id, page(0)), 20.0)
    assert book.deadline() == 20.0 + TIMEOUT
    assert book.expire(20.0 + TIMEOUT) == []  # not over yet
    # When the second page runs over, its worker is stopped and that page fails (no second try)
    effects = book.expire(20.0 + TIMEOUT + 0.1)
    assert effects[0] == Stop((run.task_id,))
    (failed,) = events(effects, PageDone)
    assert failed.page == 1 and failed.error == "the page took longer than 30 s"
    assert book.deadline() is None
    # And the page after it is handed out again
    rest = next_page_task(book, 51.0)
    assert rest.pages == (2,)
    job = finished(read(book, rest, 52.0))
    assert job.state is JobState.DONE and [p for p, _ in job.failed_pages] == [1]


def test_cancel_mid_job_stops_its_workers_and_ignores_late_replies() -> None:
    book = JobBook(TIMEOUT)
    submitted(book, 1, request("a.pdf"))
    submitted(book, 2, request("b.pdf"))
    first_count, second_count = book.next_task(0.0), book.next_task(0.0)
    assert isinstance(first_count, InspectTask) and isinstance(second_count, InspectTask)
    book.next_task(0.0), book.next_task(0.0)  # both first pages
    counted(book, first_count, 5)
    counted(book, second_count, 2)
    mine, theirs = next_page_task(book), next_page_task(book)
    assert (mine.path.name, theirs.path.name) == ("a.pdf", "b.pdf")
    # When job 1 is cancelled, its tasks in flight stop and it finishes cancelled
    effects = book.cancel(1, 5.0)
    (stop,) = [e for e in effects if isinstance(e, Stop)]
    assert mine.task_id in stop.task_ids and theirs.task_id not in stop.task_ids
    assert finished(effects).state is JobState.CANCELLED
    # Then a late reply of it changes nothing, and only job 2 gets work
    assert book.on_reply(mine.task_id, PageMessage(mine.task_id, page(1)), 5.5) == []
    assert book.next_task(6.0) is None
    assert book.cancel(1, 6.0) == [] and not book.is_open(1) and book.is_open(2)


def test_a_job_whose_pages_are_all_cached_finishes_without_a_worker() -> None:
    book = JobBook(TIMEOUT)
    book.add(1, request("a.pdf"), 0.0)
    blank = PageResult(1, "", PageSource.BLANK)
    cached = {0: page(0), 1: blank, 2: page(2)}
    # When the cache knows the page count and every page
    effects = book.prepared(1, STAMP, cached, 3, 0.5)
    # Then the job starts and finishes at once: pages reported as cached (a blank one stays blank)
    assert events(effects, JobStarted) == [JobStarted(1, Path("/docs/a.pdf"), 3, 3)]
    assert [(e.page, e.source) for e in events(effects, PageDone)] == [
        (0, PageSource.CACHE),
        (1, PageSource.BLANK),
        (2, PageSource.CACHE),
    ]
    assert Touch(1) in effects and not any(isinstance(e, (Checkpoint, Counted)) for e in effects)
    assert all(e.pages_per_second == 0.0 and e.eta_seconds is None for e in events(effects, PageDone))
    job = finished(effects)
    assert job.state is JobState.DONE and job.blank_pages == (1,) and job.seconds == 0.5
    assert book.next_task(1.0) is None


def test_cached_pages_are_not_read_again_and_a_cached_first_page_is_not_started_early() -> None:
    book = JobBook(TIMEOUT)
    book.add(1, request("a.pdf"), 0.0)
    book.prepared(1, STAMP, {0: page(0), 2: page(2)}, None, 0.0)  # pages known, count not
    counting = book.next_task(0.0)
    assert isinstance(counting, InspectTask)
    assert book.next_task(0.0) is None  # its first page is cached: nothing to start early
    effects = counted(book, counting, 4)
    assert pages_done(effects) == [0, 2]
    assert [next_page_task(book).pages for _ in range(2)] == [(1,), (3,)]


def test_a_worker_death_with_several_pages_in_flight_costs_one_try_of_the_first_unread() -> None:
    book = JobBook(TIMEOUT)
    submitted(book, 1, request("a.pdf", renderer="pdf2image"))
    counting = book.next_task(0.0)
    assert isinstance(counting, InspectTask)
    counted(book, counting, 10)
    run = next_page_task(book)
    assert run.pages == tuple(range(8))
    # Given pages 1 and 2 of the run read
    for number in (0, 1):
        book.on_reply(run.task_id, PageMessage(run.task_id, page(number)), 2.0)
    # When its worker dies on the third
    assert pages_done(book.on_lost(run.task_id, "SIGKILL", 3.0)) == []
    # Then the unread pages go back in order, ahead of the rest, and run again as one run
    again = next_page_task(book, 3.0)
    assert again.pages == tuple(range(2, 10))
    effects = read(book, again, 4.0)
    assert pages_done(effects) == list(range(2, 10))
    assert finished(effects).state is JobState.DONE and finished(effects).failed_pages == ()


def test_a_one_page_document_whose_first_page_worker_dies_after_the_count_is_read_again() -> None:
    book = JobBook(TIMEOUT)
    submitted(book, 1, request("a.pdf"))
    counting, first = book.next_task(0.0), next_page_task(book, 0.0)
    assert isinstance(counting, InspectTask)
    counted(book, counting, 1)  # started with nothing pending: its only page is in flight
    book.on_lost(first.task_id, "SIGKILL", 2.0)
    again = next_page_task(book, 2.0)
    assert again.pages == (0,)
    assert finished(read(book, again, 3.0)).state is JobState.DONE


def test_a_document_error_stops_the_jobs_other_workers_but_not_the_one_that_told() -> None:
    book = JobBook(TIMEOUT)
    submitted(book, 1, request("a.pdf"))
    counting, first = book.next_task(0.0), next_page_task(book, 0.0)
    assert isinstance(counting, InspectTask)
    effects = book.on_reply(counting.task_id, TaskError(counting.task_id, "password", {"name": "a.pdf"}), 1.0)
    assert Stop((first.task_id,)) in effects
    job = finished(effects)
    assert (job.state, job.error_code) == (JobState.FAILED, "password")
    assert book.on_reply(counting.task_id, TaskDone(counting.task_id), 1.1) == []


def test_a_file_that_fails_its_checks_fails_the_job_and_forget_drops_it() -> None:
    book = JobBook(TIMEOUT)
    book.add(1, request("a.pdf"), 0.0)
    job = finished(book.fail(1, ScribaError("missing", name="a.pdf"), 0.25))
    assert (job.state, job.error_code, job.seconds) == (JobState.FAILED, "missing", 0.25)
    assert book.prepared(1, STAMP, {}, None, 1.0) == []  # a late preparation changes nothing
    assert book.forget(1, 1.0) == [] and book.job(1) is None


def test_speed_and_time_left_count_only_pages_read_in_this_run() -> None:
    book = JobBook(TIMEOUT)
    book.add(1, request("a.pdf"), 0.0)
    book.prepared(1, STAMP, {0: page(0)}, 5, 0.0)
    task = next_page_task(book, 10.0)
    (done,) = events(book.on_reply(task.task_id, PageMessage(task.task_id, page(1)), 12.0), PageDone)
    assert (done.done, done.total, done.pages_per_second, done.eta_seconds) == (2, 5, 0.5, 6.0)
    assert pages_per_second(0, 1.0, 5.0) == 0.0 and pages_per_second(3, None, 5.0) == 0.0
    assert seconds_left(4, 2.0) == 2.0 and seconds_left(4, 0.0) is None
