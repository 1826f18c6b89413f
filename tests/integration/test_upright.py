"""A page fed sideways or upside down is read upright, shown upright and saved upright."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from app.core.export import ExportDocument, export_document
from app.core.jobs import JobRequest, JobState
from app.core.reading.engines import make_engine
from app.core.reading.preview import render_page_png
from app.core.reading.render import GrayImage
from app.core.running.scheduler import JobManager
from tests.integration.corpus import lines_of_print
from tests.pdfgen import char_error_rate, scanned_pdf

TEXT = lines_of_print(5, count=14)


def read_as_shown(image: Image.Image) -> str:
    """What Tesseract reads of an image taken as it is, with no turning of its own."""
    return make_engine("tesserocr", "por").recognize(GrayImage.from_pil(image.convert("L")), 100).text


@pytest.mark.parametrize("fed", [90, 180, 270])
def test_a_turned_page_is_shown_and_saved_upright(tmp_path: Path, fed: int) -> None:
    # Given a portrait page that went through the scanner turned ``fed`` degrees clockwise
    pdf = scanned_pdf(tmp_path / "turned.pdf", [TEXT], dpi=150, rotate=fed)
    with JobManager(1, None) as manager:
        job = manager.submit(JobRequest(pdf))
        assert manager.wait(120) and manager.state(job) is JobState.DONE
        (result,) = manager.results(job)
    assert result.rotation == fed
    assert char_error_rate(TEXT, result.text) < 0.03

    # Then the review pane's image of it is upright: portrait, and it reads as it stands
    preview = Image.open(io.BytesIO(render_page_png(pdf, 0, None, 850, result.rotation)))
    assert preview.width == 850 and preview.height > preview.width
    assert char_error_rate(TEXT, read_as_shown(preview)) < 0.05

    # And the searchable PDF shows it upright through /Rotate, its scan untouched, its text in order
    import pypdfium2
    from pypdf import PdfReader

    out = export_document(ExportDocument(pdf, [result]), tmp_path / "out.pdf")
    page = PdfReader(out).pages[0]
    assert int(page.get("/Rotate", 0)) == (360 - fed) % 360
    original = PdfReader(pdf).pages[0]
    image_name = next(iter(original["/Resources"]["/XObject"]))
    assert (
        page["/Resources"]["/XObject"][image_name].get_object()._data
        == original["/Resources"]["/XObject"][image_name].get_object()._data
    )
    document = pypdfium2.PdfDocument(str(out))
    try:
        shown = document[0].render(scale=100 / 72, grayscale=True).to_pil()
        text = document[0].get_textpage().get_text_range()
    finally:
        document.close()
    assert shown.height > shown.width
    assert char_error_rate(TEXT, read_as_shown(shown)) < 0.05
    assert char_error_rate(TEXT, text) < 0.05, text


def test_a_sideways_photo_of_a_page_is_previewed_upright(tmp_path: Path) -> None:
    # Given a phone photo of a page taken sideways, with no EXIF turn to say so
    photo = tmp_path / "foto.jpg"
    from tests.pdfgen import page_image

    page_image(TEXT, dpi=150, rotate=90).save(photo, dpi=(150, 150))
    with JobManager(1, None) as manager:
        job = manager.submit(JobRequest(photo))
        assert manager.wait(120) and manager.state(job) is JobState.DONE
        (result,) = manager.results(job)
    # Then it was read upright, and its preview is shown upright at the asked width
    assert result.rotation == 90 and char_error_rate(TEXT, result.text) < 0.03
    preview = Image.open(io.BytesIO(render_page_png(photo, 0, None, 600, result.rotation)))
    assert preview.width == 600 and preview.height > preview.width
    assert char_error_rate(TEXT, read_as_shown(preview)) < 0.05
