"""ª, º, §, ° and @ come out of a scanned court page read by the real engine in a real worker."""

from __future__ import annotations

import time
from pathlib import Path

from app.core.jobs import JobRequest, JobState
from app.core.options import OcrOptions
from app.core.reading.engines import TesserocrEngine
from app.core.reading.pages import PageContext, PagePixels, read_pixels
from app.core.reading.render import GrayImage
from app.core.running.scheduler import JobManager
from tests.legal_pages import SYMBOLS, SymbolCount, count_symbols, intact, legal_page
from tests.pdfgen import char_error_rate, page_image, scanned_pdf


def test_a_court_page_keeps_its_symbols_and_its_numbers(tmp_path: Path) -> None:
    # Given a scanned page of court prose in a Times-like face, with ordinals, §, °C, e-mail
    # addresses, money, CPF and CNPJ numbers, dates and page counts
    page = legal_page(7, lines=12)
    pdf = scanned_pdf(
        tmp_path / "despacho.pdf", [page.text], dpi=200, font="LiberationSerif-Regular.ttf", font_pt=11
    )
    # When Scriba reads it with the default languages (por+eng)
    with JobManager(1, None) as manager:
        job = manager.submit(JobRequest(pdf))
        assert manager.wait(120)
        assert manager.state(job) is JobState.DONE
        [result] = manager.results(job)
    # Then the symbols the Portuguese model cannot write are there, and none where none belong
    counts: dict[str, SymbolCount] = {}
    count_symbols(page.text, result.text, counts)
    for symbol in SYMBOLS:
        assert counts[symbol].expected > 0, symbol
        assert counts[symbol].recall >= 0.8, (symbol, result.text)
        assert counts[symbol].extra == 0, (symbol, result.text)
    # And every number that must not change came out exactly
    assert intact(page.protected, result.text) == len(page.protected), result.text
    assert char_error_rate(page.text, result.text) < 0.02, result.text
    # And the word boxes carry the same words as the text
    assert " ".join(w.text for w in result.words) == " ".join(result.text.split())


def test_pages_read_without_portuguese_keep_tesseracts_text() -> None:
    # Given a few lines with ordinals and §, read with English only
    text = "Distribuído à 3ª Vara Cível, art. 5º, § 1º.\nA 2ª Turma ouviu a 4ª testemunha."
    image = GrayImage.from_pil(
        page_image(text, dpi=300, font="LiberationSerif-Regular.ttf", size_in=(8.27, 3.0))
    )
    pixels = PagePixels(image, 300.0, 595.0, 216.0)
    english = OcrOptions(languages="eng", auto_rotate=False)
    # When the page goes through the pipeline
    result = read_pixels(PageContext(), pixels, 0, english, time.perf_counter())
    # Then its text is exactly what Tesseract said: the corrections are for Portuguese readings
    assert result.text == TesserocrEngine("eng").recognize(image, 300.0).text
    # while a Portuguese reading of the same pixels gets its symbols
    portuguese = read_pixels(PageContext(), pixels, 0, OcrOptions(auto_rotate=False), time.perf_counter())
    assert "3ª Vara" in portuguese.text and "§ 1º" in portuguese.text, portuguese.text
