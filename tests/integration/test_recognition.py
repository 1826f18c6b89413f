"""Text comes out of real scans through the real worker pool: accuracy, rotation, text layers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.export import ExportDocument, ExportOptions
from app.core.export.txt import document_text
from app.core.jobs import JobRequest, JobState
from app.core.options import OcrOptions
from app.core.results import PageSource
from app.core.running.scheduler import JobManager
from tests.integration.corpus import EN_PAGES, PT_PAGES, born_digital, run_cli, scan
from tests.pdfgen import char_error_rate, scanned_pdf


def recognise(path: Path, options: OcrOptions | None = None, workers: int = 2) -> list[str]:
    with JobManager(workers, None) as manager:
        job = manager.submit(JobRequest(path, options or OcrOptions()))
        assert manager.wait(120)
        assert manager.state(job) is JobState.DONE
        return [r.text for r in manager.results(job)]


def test_portuguese_scan_reads_with_low_error_rate(tmp_path: Path) -> None:
    # Given a three-page scanned Portuguese document
    pdf = scan(tmp_path, "Relatório ção (1).pdf", PT_PAGES)
    # When it is recognised with the default options
    texts = recognise(pdf)
    # Then every page reads back almost exactly, accents included, in page order
    assert len(texts) == 3
    for expected, actual in zip(PT_PAGES, texts, strict=True):
        assert char_error_rate(expected, actual) < 0.03, actual


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_page_scanned_sideways_or_upside_down_comes_out_right(tmp_path: Path, rotate: int) -> None:
    pdf = scan(tmp_path, f"rot{rotate}.pdf", PT_PAGES[:1], rotate=rotate)
    with JobManager(1, None) as manager:
        job = manager.submit(JobRequest(pdf))
        assert manager.wait(120)
        [page] = manager.results(job)
    assert page.rotation == rotate
    assert char_error_rate(PT_PAGES[0], page.text) < 0.03, page.text
    # The first word's box is mapped back onto the page as displayed (rotated with it).
    first = page.words[0]
    centre = ((first.x0 + first.x1) / 2, (first.y0 + first.y1) / 2)
    expected_quadrant = {90: (1, 0), 180: (1, 1), 270: (0, 1)}[rotate]
    assert (round(centre[0]), round(centre[1])) == expected_quadrant
    # And the exported text reads in order, not in the order of the sideways boxes.
    exported = document_text(ExportDocument(pdf, [page]), ExportOptions())
    assert char_error_rate(PT_PAGES[0], exported) < 0.03, exported


def test_without_auto_rotate_a_sideways_page_is_not_turned(tmp_path: Path) -> None:
    pdf = scan(tmp_path, "rot.pdf", EN_PAGES, rotate=180)
    [text] = recognise(pdf, OcrOptions(auto_rotate=False), workers=1)
    assert char_error_rate(EN_PAGES[0], text) > 0.5


def test_existing_text_layer_is_used_unless_ocr_is_forced(tmp_path: Path) -> None:
    pdf = born_digital(tmp_path, "contrato.pdf")
    with JobManager(2, None) as manager:
        layer = manager.submit(JobRequest(pdf))
        forced = manager.submit(JobRequest(pdf, OcrOptions(use_text_layer=False)))
        assert manager.wait(120)
        assert {r.source for r in manager.results(layer)} == {PageSource.TEXT}
        assert {r.source for r in manager.results(forced)} == {PageSource.OCR}
        for result in manager.results(layer) + manager.results(forced):
            assert "prestação de serviços" in result.text


def test_cli_json_progress_and_form_feed_separated_text(tmp_path: Path) -> None:
    pdf = scan(tmp_path, "Relatório ção (1).pdf", PT_PAGES)
    out = tmp_path / "out" / "relatório.txt"
    out.parent.mkdir()
    done = run_cli("ocr", pdf, "-o", out, "--progress", "json", "--workers", "2")
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    pages = [e for e in events if e["event"] == "page"]
    assert sorted(e["page"] for e in pages) == [1, 2, 3]
    assert [e["done"] for e in pages] == [1, 2, 3]
    assert all(e["total"] == 3 and e["source"] == "ocr" and e["file"] == str(pdf) for e in pages)
    assert events[-1] == {**events[-1], "event": "job", "state": "done", "pages": 3, "error": None}
    text = out.read_text(encoding="utf-8")
    parts = text.split("\f")
    assert len(parts) == 3
    for expected, actual in zip(PT_PAGES, parts, strict=True):
        assert char_error_rate(expected, actual) < 0.03


def test_alternative_engine_and_renderer_use_the_system_programs(tmp_path: Path) -> None:
    import shutil

    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        pytest.skip("tesseract-ocr and poppler-utils are not installed")
    pdf = scan(tmp_path, "letter.pdf", EN_PAGES * 2)
    texts = recognise(pdf, OcrOptions(languages="eng", engine="pytesseract", renderer="pdf2image"))
    assert all(char_error_rate(EN_PAGES[0], t) < 0.05 for t in texts), texts


def test_a_blank_back_page_is_read_as_empty_at_once(tmp_path: Path) -> None:
    # Given a duplex scan that starts with a blank sheet (paper and scanner noise): with nothing
    # to anchor its threshold, Tesseract's layout analysis took 312 s over this very page
    pdf = scanned_pdf(tmp_path / "duplex.pdf", ["", EN_PAGES[0], ""], dpi=300)
    with JobManager(2, None, page_timeout=30) as manager:
        job = manager.submit(JobRequest(pdf))
        assert manager.wait(60)
        results = manager.results(job)
    # Then the blank pages are said to be blank (not failed, not timed out) and the other reads as usual
    assert [r.source for r in results] == [PageSource.BLANK, PageSource.OCR, PageSource.BLANK]
    assert results[0].text == results[2].text == ""
    assert "quick brown fox" in results[1].text
