"""A page's ``PageTimings`` name the steps it went through, and together they are the page's time.

Real PDFs (tests/pdfgen), the real engine, the worker's own ``PdfSource.read_page`` and text layout; nothing timed
against a target (bench/limit.py --steps does that).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from app.core.options import OcrOptions
from app.core.reading.pages import PageContext
from app.core.reading.sources import open_source
from app.core.results import PageResult, PageSource, PageTimings
from app.core.running.worker import with_text_laid_out
from tests.integration.corpus import lines_of_print
from tests.pdfgen import page_image, text_pdf

OPTIONS = OcrOptions(languages="por+eng")


@pytest.fixture(scope="module")
def context() -> PageContext:
    warm = PageContext()
    warm.engine(OPTIONS)  # the models load once a worker: not one page's step
    return warm


def read(context: PageContext, pdf: Path, index: int = 0) -> PageResult:
    document = open_source(pdf, None)
    try:
        return with_text_laid_out(document.read_page(context, index, OPTIONS))  # as a worker sends it
    finally:
        document.close()


def steps_sum(timings: PageTimings) -> float:
    return sum(dataclasses.astuple(timings))


def test_a_crooked_scan_pays_every_step_and_they_make_up_its_time(
    context: PageContext, tmp_path: Path
) -> None:
    picture = page_image(lines_of_print(3, count=12), dpi=200, skew=4.0, seed=3)
    pdf = tmp_path / "crooked.pdf"
    picture.save(pdf, "PDF", resolution=200)
    result = read(context, pdf)
    assert result.source is PageSource.OCR and result.skew != 0.0
    timings = result.timings
    for step in (field.name for field in dataclasses.fields(PageTimings)):
        assert getattr(timings, step) > 0.0, step
    assert steps_sum(timings) <= result.seconds
    assert steps_sum(timings) >= 0.95 * result.seconds  # nothing of the page's work goes uncounted


def test_a_born_digital_page_pays_only_the_text_layer_check_and_opening(
    context: PageContext, tmp_path: Path
) -> None:
    pdf = text_pdf(tmp_path / "letter.pdf", ["Contrato de locação entre as partes.\nO inquilino pagará."])
    result = read(context, pdf)
    assert result.source is PageSource.TEXT
    timings = result.timings
    assert timings.text_layer > 0.0 and timings.render >= 0.0
    untouched = (
        timings.deskew,
        timings.orient,
        timings.blank,
        timings.recognize,
        timings.legal,
        timings.boxes,
    )
    assert untouched == (0.0,) * 6
    assert steps_sum(timings) == pytest.approx(result.seconds, abs=1e-6)


def test_a_blank_scan_stops_after_its_blank_looks(context: PageContext, tmp_path: Path) -> None:
    pdf = tmp_path / "blank.pdf"
    page_image("", dpi=200, seed=1).save(pdf, "PDF", resolution=200)
    result = read(context, pdf)
    assert result.source is PageSource.BLANK
    timings = result.timings
    assert timings.blank > 0.0 and timings.recognize == 0.0 and timings.boxes == 0.0
    assert steps_sum(timings) <= result.seconds
