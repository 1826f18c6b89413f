"""ª, º, §, ° and @ come out of a scanned court page read by the real engine in a real worker."""

from __future__ import annotations

from pathlib import Path

from app.core.jobs import JobRequest, JobState
from app.core.scheduler import JobManager
from tests.legal_pages import SYMBOLS, SymbolCount, count_symbols, intact, legal_page
from tests.pdfgen import char_error_rate, scanned_pdf


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
