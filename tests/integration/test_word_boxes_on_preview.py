"""The review pane's preview and its word boxes: every box lands on its word, on pages fed
straight, turned and crooked, read by real workers; and each box maps to its word in the text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from app.core.export.page_text import page_text
from app.core.export.word_spans import page_spans
from app.core.jobs import JobRequest, JobState
from app.core.reading.engines import make_engine
from app.core.reading.preview import preview_boxes, render_page_png, render_pages_png
from app.core.reading.render import GrayImage
from app.core.results import PageResult
from app.core.running.scheduler import JobManager
from tests.integration.corpus import lines_of_print
from tests.pdfgen import char_error_rate, images_pdf, page_image

#: (turned clockwise as fed, skew): straight, turned three ways, crooked, crooked and turned.
FED = [(0, 0.0), (90, 0.0), (180, 0.0), (0, 5.0), (270, -4.0)]
PREVIEW = 900


@pytest.fixture(scope="module")
def read_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[PageResult]]:
    folder = tmp_path_factory.mktemp("fed")
    pictures = [
        page_image(lines_of_print(n + 3, count=12), dpi=200, rotate=turn, skew=skew, seed=n)
        for n, (turn, skew) in enumerate(FED)
    ]
    pdf = images_pdf(folder / "fed.pdf", pictures)
    with JobManager(2, None) as manager:
        job = manager.submit(JobRequest(pdf))
        assert manager.wait(240) and manager.state(job) is JobState.DONE
        results = sorted(manager.results(job), key=lambda r: r.page)
    return pdf, results


def word_read_back(preview: Image.Image, box: tuple[float, float, float, float]) -> str:
    """What Tesseract reads inside ``box`` (fractions) of the preview, a few pixels around it."""
    x0, y0, x1, y1 = box
    pad = 5
    crop = preview.crop(
        (
            round(x0 * preview.width) - pad,
            round(y0 * preview.height) - pad,
            round(x1 * preview.width) + pad,
            round(y1 * preview.height) + pad,
        )
    )
    crop = crop.resize((crop.width * 3, crop.height * 3), Image.Resampling.BICUBIC)
    return make_engine("tesserocr", "por").recognize(GrayImage.from_pil(crop), 300).text


def clean(read: str) -> str:
    return read.strip().strip(".,;:-‘'").casefold()


def test_each_word_box_lands_on_its_word_in_the_preview(read_pages) -> None:
    pdf, results = read_pages
    # Given pages read by the workers as they were fed
    assert [r.rotation for r in results] == [turn for turn, _ in FED]
    for result, (_, skew) in zip(results, FED, strict=True):
        assert result.skew == pytest.approx(skew, abs=0.3)
        # When the preview is drawn as the review pane asks for it (upright, straightened)
        preview = Image.open(
            io.BytesIO(render_page_png(pdf, result.page, None, PREVIEW, result.rotation, result.skew))
        )
        assert preview.width == PREVIEW and preview.height > preview.width  # upright: portrait
        boxes = preview_boxes(result)
        words = tuple(result.words)
        assert len(boxes) == len(words)
        # Then each sure word's box, read again from the preview alone, holds that word
        checked = [
            (word.text.strip(".,;:"), box)
            for word, box in zip(words, boxes, strict=True)
            if len(word.text) >= 5 and word.conf >= 85
        ][::3]
        assert len(checked) >= 6
        misplaced = [
            (text, read)
            for text, box in checked
            if char_error_rate(text.casefold(), read := clean(word_read_back(preview, box))) > 0.2
        ]
        assert not misplaced, (
            f"page {result.page + 1} (turned {result.rotation}, skew {result.skew}): {misplaced}"
        )


def test_a_box_moved_off_its_word_reads_as_something_else(read_pages) -> None:
    # The check above can fail: a box shifted by one word's height holds another word, or none
    pdf, results = read_pages
    result = results[3]  # the crooked page
    preview = Image.open(
        io.BytesIO(render_page_png(pdf, result.page, None, PREVIEW, result.rotation, result.skew))
    )
    word, (x0, y0, x1, y1) = next(
        (w, b) for w, b in zip(result.words, preview_boxes(result), strict=True) if len(w.text) >= 7
    )
    shift = (y1 - y0) * 1.6
    read = word_read_back(preview, (x0, y0 + shift, x1, y1 + shift))
    assert char_error_rate(word.text.casefold(), clean(read)) > 0.5


def test_each_word_box_maps_to_its_word_in_the_page_text(read_pages) -> None:
    _, results = read_pages
    for result in results:
        text, words = page_text(result), tuple(result.words)
        spans = page_spans(result)
        assert spans is not None and spans.spans
        # Every character range spells its boxes' words (a word split at a line end: both halves)
        for span in spans.spans:
            assert text[span.start : span.end] == "".join(words[i].text.strip() for i in span.words).replace(
                "-", "", len(span.words) - 1
            )
        # And the lookups go both ways: a character finds its word, a box finds its characters
        middle = spans.spans[len(spans.spans) // 2]
        assert spans.at((middle.start + middle.end) // 2) == middle
        assert spans.of_word(middle.words[0]) == middle
        assert spans.words_in([(middle.start, middle.end)]) == set(middle.words)


def test_thumbnails_are_drawn_upright_several_per_call(read_pages) -> None:
    pdf, results = read_pages
    drawings = [(r.page, 96, r.rotation, r.skew) for r in results] + [(99, 96, 0, 0.0)]
    pngs = render_pages_png(pdf, None, drawings)
    assert pngs[-1] is None  # a page that is not there gets no picture; the others still do
    for png in pngs[:-1]:
        assert png is not None
        thumbnail = Image.open(io.BytesIO(png))
        assert thumbnail.width == 96 and thumbnail.height > thumbnail.width
