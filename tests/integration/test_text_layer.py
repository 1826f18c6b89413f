"""A page's own text layer is taken only when it is plausible: real scans carrying the invisible
layers scanners and OCR tools write (right, garbage, or in the wrong place) and born-digital
pages, through the real worker pool and Tesseract."""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from app.core.jobs import JobRequest, JobState
from app.core.reading.engines import make_engine
from app.core.reading.plausible_text import look_at, why_not_text
from app.core.reading.render import GrayImage
from app.core.reading.text_layer import judge_text_layer
from app.core.results import PageSource
from app.core.running.scheduler import JobManager
from tests.pdfgen import Placed, char_error_rate, layered_scan_pdf, line_placements, page_image, text_pdf
from tests.text_corpus import EN_PROSE, MIXED, PT_PROSE, random_letters

DPI = 200


def fit(text: str) -> str:
    """``text`` in lines that fit between an A4 page's margins at 12 pt."""
    return "\n".join(textwrap.wrap(" ".join(text.split()), 62))


#: What each scanned page shows, and the typeface it is printed in.
SCANS = [
    (fit(PT_PROSE[0]), "DejaVuSerif.ttf"),
    (fit(EN_PROSE[0]), "DejaVuSans.ttf"),
    (fit(PT_PROSE[2]), "DejaVuSerif.ttf"),
    (fit(MIXED[1]), "DejaVuSans.ttf"),
]


def faint(image: Image.Image) -> Image.Image:
    """The page as a light scan shows it: print at ~60 % gray instead of black."""
    return image.point(lambda v: 255 - (255 - v) * 4 // 10)


def read_upside_down(image: Image.Image) -> list[Placed]:
    """The layer a scanner's OCR leaves when it reads the page upside down: real Tesseract on the
    turned image, each word put back where it lies on the page as it really stands."""
    turned = image.rotate(180)
    engine = make_engine("tesserocr", "por+eng")
    words = engine.recognize(GrayImage.from_pil(turned), DPI).words
    width, height = image.size
    return [
        Placed(w.text, width - w.left - w.width, height - w.top, w.width, w.height)
        for w in words
        if w.text.strip()
    ]


@pytest.fixture(scope="module")
def layered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four scans with a text layer each: (a) garbage from reading the page upside down,
    (b) random letters on the words, (c) the right text moved far off the words, (d) the right
    text on its words, on a faint scan."""
    images = [page_image(text, dpi=DPI, font=font, seed=i) for i, (text, font) in enumerate(SCANS)]
    right = [line_placements(text, dpi=DPI, font=font) for text, font in SCANS]
    pages = [
        (images[0], read_upside_down(images[0])),
        (
            images[1],
            [Placed(random_letters(r.text, 7), r.left, r.baseline, r.width, r.size) for r in right[1]],
        ),
        (images[2], [r.moved(0, 0.45 * images[2].height) for r in right[2]]),
        (faint(images[3]), right[3]),
    ]
    return layered_scan_pdf(tmp_path_factory.mktemp("layered") / "camadas.pdf", pages, dpi=DPI)


def test_each_layer_is_judged_for_what_it_is(layered: Path) -> None:
    # Given the four scans; when each page's layer is judged as process_page does, then the
    # garbage is told by its words, the moved layer by the print, and the right one is taken
    assert judged(layered) == ["garbage", "garbage", "off_print", None]


def test_why_a_layer_was_refused_can_be_told_in_both_languages(layered: Path) -> None:
    document = pypdfium2.PdfDocument(layered)
    verdicts = []
    try:
        for index in range(len(document)):
            page = document[index]
            verdicts.append(judge_text_layer(page, "por+eng"))
            page.close()
    finally:
        document.close()
    english = [v.sentence("en") for v in verdicts]
    portuguese = [v.sentence("pt_BR") for v in verdicts]
    assert english[0] == english[1] == "the page's own text is not readable text; the page was read instead"
    assert portuguese[2] == "o texto da própria página não está sobre o que está impresso; a página foi lida"
    assert english[3] is None and portuguese[3] is None  # taken: nothing to tell


@pytest.mark.slow
def test_only_a_plausible_layer_is_taken_and_the_rest_is_read(layered: Path, tmp_path: Path) -> None:
    # Given the four layered scans and a born-digital file with a Portuguese and an English page
    digital = text_pdf(tmp_path / "nascido-digital.pdf", [PT_PROSE[1], EN_PROSE[1]])
    # When both run through the worker pool with the default options
    with JobManager(2, None) as manager:
        scans = manager.submit(JobRequest(layered))
        born = manager.submit(JobRequest(digital))
        assert manager.wait(180)
        assert manager.state(scans) is JobState.DONE
        scan_results, born_results = manager.results(scans), manager.results(born)
    # Then the three wrong layers were read from the image instead, and read right
    assert [r.source for r in scan_results] == [PageSource.OCR] * 3 + [PageSource.TEXT]
    for result, (text, _) in zip(scan_results, SCANS, strict=True):
        assert char_error_rate(text, result.text) < 0.05, (result.page, result.source)
    # ... the right layer came through as it is
    assert char_error_rate(SCANS[3][0], scan_results[3].text) < 0.01
    # ... and born-digital pages were taken from their text, exactly
    assert [r.source for r in born_results] == [PageSource.TEXT, PageSource.TEXT]
    for result, text in zip(born_results, [PT_PROSE[1], EN_PROSE[1]], strict=True):
        assert char_error_rate(text, result.text) < 0.01


@pytest.mark.parametrize(
    ("text", "font", "dpi"),
    [
        (PT_PROSE[1], "DejaVuSerif.ttf", 150),
        (EN_PROSE[2], "DejaVuSans.ttf", 300),
        (MIXED[0], "DejaVuSans.ttf", 150),
        (MIXED[3], "DejaVuSerif.ttf", 200),
    ],
)
def test_what_tesseract_reads_from_an_upside_down_page_is_garbage(text: str, font: str, dpi: int) -> None:
    # Given what Tesseract makes of a page it was handed upside down
    image = page_image(fit(text), dpi=dpi, font=font).rotate(180)
    reading = make_engine("tesserocr", "por+eng").recognize(GrayImage.from_pil(image), dpi).text
    # When it is looked at as a text layer, then it is not text: few common words, few word shapes
    look = look_at(reading, "por+eng")
    assert why_not_text(look) is not None
    assert look.known < 0.2, look


def judged(path: Path) -> list[str | None]:
    """The verdict code of each page's layer, as process_page decides it."""
    document = pypdfium2.PdfDocument(path)
    try:
        codes = []
        for index in range(len(document)):
            page = document[index]
            codes.append(judge_text_layer(page, "por+eng").code)
            page.close()
        return codes
    finally:
        document.close()


@pytest.mark.parametrize("rotate", [0, 90, 270])
def test_a_layer_between_the_lines_of_print_is_not_taken(tmp_path: Path, rotate: int) -> None:
    # Given one scan with its right layer, then moved by half a line down and up, and by a whole
    # line down and up (12 pt at 1.5 spacing: 50 px at 200 DPI), shown with /Rotate
    from pypdf import PdfReader, PdfWriter

    text, font = SCANS[2]
    image, right = page_image(text, dpi=DPI, font=font), line_placements(text, dpi=DPI, font=font)
    moves = [0.0, 0.5, -0.5, 1.0, -1.0]
    pdf = layered_scan_pdf(tmp_path / "a.pdf", [(image, [r.moved(0, m * 50) for r in right]) for m in moves])
    writer = PdfWriter(clone_from=PdfReader(pdf))
    for page in writer.pages:
        page.rotate(rotate)
    with (tmp_path / "b.pdf").open("wb") as handle:
        writer.write(handle)
    # Then the right layer is taken and the layers between the lines are not; a whole line off
    # puts its last (or first) line in the margin, and is not taken either
    assert judged(tmp_path / "b.pdf") == [None, "off_print", "off_print", "off_print", "off_print"]


def test_scribas_own_searchable_pdf_keeps_its_layer_unless_it_is_moved(tmp_path: Path) -> None:
    import dataclasses

    from pypdf import PdfReader, PdfWriter

    from app.core.export import ExportDocument, export_document
    from tests.export_helpers import recognise_pdf
    from tests.pdfgen import scanned_pdf

    # Given a scan read by Tesseract and exported as a searchable PDF (an invisible font with
    # no glyph outlines, as OCR tools write), upright and stored sideways with /Rotate 90
    text = fit(PT_PROSE[3])
    upright = scanned_pdf(tmp_path / "up.pdf", [text])
    [result] = recognise_pdf(upright)
    writer = PdfWriter(clone_from=PdfReader(scanned_pdf(tmp_path / "side.pdf", [text], rotate=270)))
    writer.pages[0].rotate(90)
    with (tmp_path / "rotated.pdf").open("wb") as handle:
        writer.write(handle)
    moved = dataclasses.replace(
        result, words=tuple(dataclasses.replace(w, y0=w.y0 + 0.4, y1=w.y1 + 0.4) for w in result.words)
    )
    outputs = [
        export_document(ExportDocument(source, [page]), tmp_path / f"out{i}.pdf")
        for i, (source, page) in enumerate(
            [
                (upright, result),
                (tmp_path / "rotated.pdf", result),
                (upright, moved),
                (tmp_path / "rotated.pdf", moved),
            ]
        )
    ]
    # Then its layer is taken back as it is, both ways up, but not when moved down off the print
    assert [judged(path) for path in outputs] == [[None], [None], ["off_print"], ["off_print"]]


def test_a_refused_layer_is_logged_with_its_reason_but_not_its_text(
    layered: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from app.core.reading.text_layer import usable_text_layer

    document = pypdfium2.PdfDocument(layered)
    try:
        with caplog.at_level(logging.DEBUG, logger="app.core.reading.text_layer"):
            for index in range(3):
                page = document[index]
                assert usable_text_layer(page, "por+eng") is None
                page.close()
    finally:
        document.close()
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 3
    assert all(message.startswith("text layer not taken: ") for message in messages)
    assert "common words" in messages[0] and "sit on the print" in messages[2]
    # The layer's words never reach the log (the moved layer is the page's real text)
    assert not any(word in " ".join(messages) for word in ("exposto", "PROCEDENTE", "honorários"))


def test_a_layer_over_a_blank_scan_is_not_taken(tmp_path: Path) -> None:
    # Given a blank scanned sheet (paper noise only) carrying a layer of a whole page of text
    text, font = SCANS[0]
    blank = page_image("", dpi=DPI, seed=3)
    pdf = layered_scan_pdf(tmp_path / "branco.pdf", [(blank, line_placements(text, dpi=DPI, font=font))])
    # Then there is no print for it to sit on
    assert judged(pdf) == ["off_print"]
