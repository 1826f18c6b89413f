"""The job model on its own: Qt's model contract, and how events move a row."""

from __future__ import annotations

from pathlib import Path

from app.core.jobs import JobFinished, JobRequest, JobStarted, JobState, PageDone
from app.core.results import PageSource
from app.gui.job_model import ACTIVE_ROLE, FRACTION_ROLE, Column, JobModel


def _page(job_id: int, done: int, total: int = 4, pps: float = 0.5) -> PageDone:
    return PageDone(
        job_id, Path("a.pdf"), done - 1, done, total, PageSource.OCR, 1.0, pps, (total - done) / pps
    )


def _model_with_rows() -> JobModel:
    model = JobModel()
    model.add(1, JobRequest(Path("/scans/a.pdf")))
    model.add(2, JobRequest(Path("/scans/b.pdf")))
    model.add(3, JobRequest(Path("/scans/c.pdf")))
    return model


def test_model_passes_qt_model_tester(qtmodeltester) -> None:
    # Given rows in every state
    model = _model_with_rows()
    model.on_started(JobStarted(1, Path("a.pdf"), total=4, cached=1))
    model.on_progress([_page(1, 2)])
    model.on_finished(JobFinished(2, Path("b.pdf"), JobState.FAILED, 0, "damaged", "damaged"))
    # Then Qt's own checks hold, also while rows come and go
    qtmodeltester.check(model, force_py=True)
    model.remove([2])
    model.add(4, JobRequest(Path("d.pdf")))
    qtmodeltester.check(model, force_py=True)


def test_progress_moves_the_row_and_finishing_fills_it() -> None:
    model = _model_with_rows()
    # Before the page count is known the bar is "unknown", not 0 %
    assert model.index(0, Column.PROGRESS).data(FRACTION_ROLE) == -1.0
    model.on_started(JobStarted(1, Path("a.pdf"), total=4, cached=0))
    model.on_progress([_page(1, 1), _page(1, 3)])
    assert model.index(0, Column.PROGRESS).data() == "3 / 4"
    assert model.index(0, Column.PROGRESS).data(FRACTION_ROLE) == 0.75
    assert model.index(0, Column.SPEED).data() == "30 pages/min"
    assert model.index(0, Column.ETA).data() == "2 s"
    assert model.index(0, Column.STATE).data() == "Running"
    # A stale batch never moves a row backwards
    model.on_progress([_page(1, 2)])
    assert model.row(1).done == 3
    model.on_finished(JobFinished(1, Path("a.pdf"), JobState.DONE, 4))
    assert model.index(0, Column.PROGRESS).data(FRACTION_ROLE) == 1.0
    assert model.index(0, Column.ETA).data() == ""
    assert not model.index(0, Column.CANCEL).data(ACTIVE_ROLE)
    # Progress arriving after the finish is ignored
    model.on_progress([_page(1, 3)])
    assert model.row(1).state is JobState.DONE


def test_failed_rows_say_why_and_fall_back_to_the_engine_sentence() -> None:
    model = _model_with_rows()
    model.on_finished(JobFinished(1, Path("a.pdf"), JobState.FAILED, 0, "x", "wrong_password"))
    model.on_finished(JobFinished(2, Path("b.pdf"), JobState.FAILED, 0, "Disk on fire.", "new_code"))
    model.on_finished(JobFinished(3, Path("c.pdf"), JobState.DONE, 3, failed_pages=((1, "worker died"),)))
    assert model.index(0, Column.STATE).data() == "The password is not correct."
    assert model.index(1, Column.STATE).data() == "Disk on fire."
    assert model.index(2, Column.STATE).data() == "Done · 1 page failed"
    assert "Page 2: worker died" in model.index(2, Column.STATE).data(3)  # ToolTipRole


def test_a_resubmitted_job_keeps_its_row() -> None:
    model = _model_with_rows()
    model.replace(2, 7, JobRequest(Path("/scans/b.pdf"), password="pw"))
    assert [row.job_id for row in model.rows()] == [1, 7, 3]
    assert model.row(7).state is JobState.QUEUED
    assert model.row(2) is None


def test_blank_pages_are_counted_in_the_row() -> None:
    model = _model_with_rows()
    model.on_finished(JobFinished(1, Path("a.pdf"), JobState.DONE, 4, blank_pages=(1, 3)))
    assert model.index(0, Column.STATE).data() == "Done · 2 blank pages"
