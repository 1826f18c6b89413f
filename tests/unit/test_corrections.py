"""Corrections: the user's text aligned to the OCR words' boxes, kept by document and page, and
written by every export (text, Word, searchable PDF, ALTO, hOCR)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from app.core.export import ExportDocument, export_document
from app.core.export.base import ExportOptions
from app.core.export.corrected import TYPED_CONF, aligned_words, apply_corrections, corrected_page
from app.core.export.page_text import page_paragraphs, page_text
from app.core.export.txt import document_text
from app.core.results import PageResult, PageSource, Word
from app.core.storage.cache import ResultCache
from tests.export_helpers import laid_out_page, recognise_pdf
from tests.old_caches import old_cache
from tests.pdfgen import scanned_pdf

ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"


def _word(text: str, x0: float, y0: float, line: int, par: int = 1, conf: float = 90.0) -> Word:
    return Word(text, x0, y0, x0 + 0.1, y0 + 0.02, conf, 1, par, line)


#: "a condi-/çao vale" (a word split at the line end, misread) and a second paragraph.
PAGE = PageResult(
    0,
    "",
    PageSource.OCR,
    80.0,
    (
        _word("a", 0.1, 0.10, 1),
        _word("condi-", 0.2, 0.10, 1),
        _word("çao", 0.1, 0.13, 2, conf=40.0),
        _word("vale", 0.2, 0.13, 2),
        _word("Depois", 0.1, 0.30, 1, par=2),
    ),
)


def _texts(words: tuple[Word, ...]) -> list[str]:
    return [w.text for w in words]


def test_an_unchanged_text_keeps_every_ocr_word_and_its_confidence() -> None:
    assert page_text(PAGE) == "a condiçao vale\n\nDepois"
    assert aligned_words(PAGE, page_text(PAGE)) == PAGE.words


def test_a_replaced_word_takes_the_box_of_the_word_it_replaces() -> None:
    # Given the misread "condiçao" (two halves over a line end) corrected
    words = aligned_words(PAGE, "a condição vale\n\nDepois")
    # Then the new word lies on the first half's box, sure as a person's check; the others stay
    assert _texts(words) == ["a", "condição", "vale", "Depois"]
    fixed = words[1]
    assert (fixed.x0, fixed.y0, fixed.x1, fixed.y1, fixed.line) == (0.2, 0.10, 0.2 + 0.1, 0.10 + 0.02, 1)
    assert fixed.conf == TYPED_CONF and words[2] == PAGE.words[3]


def test_inserted_words_share_a_neighbours_box_and_deleted_words_vanish() -> None:
    # An inserted word splits the box of the word before it, by length, in reading order
    words = aligned_words(PAGE, "a condiçao vale muito Depois")
    vale, muito = words[3], words[4]
    assert (vale.text, muito.text) == ("vale", "muito")
    assert vale.x0 == pytest.approx(0.2) and muito.x1 == pytest.approx(0.3) and vale.x1 < muito.x0
    assert vale.y0 == muito.y0 == 0.13
    # At the very start there is no word before: it shares the first word's box
    first = aligned_words(PAGE, "Então a condiçao vale Depois")
    assert _texts(first)[:2] == ["Então", "a"] and first[0].x1 <= first[1].x0 <= 0.2
    # A deleted word is gone, and nothing else moves
    assert aligned_words(PAGE, "a condiçao Depois") == (*PAGE.words[:3], PAGE.words[4])


def test_one_word_typed_over_several_takes_their_boxes_on_its_first_line() -> None:
    words = aligned_words(PAGE, "a b")
    assert _texts(words) == ["a", "b"]
    b = words[1]
    assert (b.x0, b.x1, b.y0, b.line) == (0.2, 0.2 + 0.1, 0.10, 1)  # condi- only: çao, vale, Depois lie lower


def test_a_sideways_page_splits_a_box_along_its_lines_as_they_read() -> None:
    # Given a page whose print lay turned 90 degrees: its lines run down the displayed page
    word = Word("abcdef", 0.5, 0.2, 0.52, 0.4, 90.0, 1, 1, 1)
    page = PageResult(0, "", PageSource.OCR, 90.0, (word,), rotation=90)
    first, second = aligned_words(page, "abc def")
    # Then the two halves share its width and split its height, in reading order
    assert (first.x0, first.x1, second.x0, second.x1) == pytest.approx((0.5, 0.52, 0.5, 0.52))
    assert first.y0 == pytest.approx(0.2) and second.y1 == pytest.approx(0.4)
    assert first.y1 < second.y0


def test_the_corrected_page_is_the_typed_text_in_every_text_format() -> None:
    typed = "a condição vale\r\n\r\nDepois disso\r\n"
    page = corrected_page(PAGE, typed)
    assert page.corrected and page.source is PageSource.OCR
    assert page_text(page) == "a condição vale\n\nDepois disso"
    assert page_paragraphs(page) == ["a condição vale", "Depois disso"]
    doc = ExportDocument(Path("x.pdf"), apply_corrections([PAGE, replace(PAGE, page=1)], {0: typed}))
    assert (
        document_text(doc, ExportOptions())
        == "a condição vale\n\nDepois disso\n\fa condiçao vale\n\nDepois\n"
    )


def test_alto_hocr_and_word_hold_the_corrected_words(tmp_path: Path) -> None:
    # Given a laid-out page whose "Certidao" the user corrected
    ocr = laid_out_page([["Certidao de intimacao"], ["Processo 4711"]])
    ocr = replace(ocr, width_pt=595.0, height_pt=842.0)
    typed = "Certidão de intimação\n\nProcesso nº 4711"
    doc = ExportDocument(tmp_path / "scan.pdf", apply_corrections([ocr], {0: typed}))
    # When ALTO, hOCR and Word are written
    alto = export_document(doc, tmp_path / "page.xml", "alto")
    hocr = export_document(doc, tmp_path / "page.hocr", "hocr")
    docx = export_document(doc, tmp_path / "page.docx", "docx")
    # Then each holds the corrected words, none of the misread ones
    strings = [s.get("CONTENT") for s in ET.parse(alto).getroot().iter(f"{ALTO}String")]
    assert strings == ["Certidão", "de", "intimação", "Processo", "nº", "4711"]
    hocr_text = hocr.read_text(encoding="utf-8")
    assert "Certidão" in hocr_text and "intimação" in hocr_text and "Certidao" not in hocr_text
    from docx import Document

    paragraphs = [p.text for p in Document(str(docx)).paragraphs if p.text]
    assert paragraphs[-2:] == ["Certidão de intimação", "Processo nº 4711"]  # after the title


def test_the_searchable_pdf_layer_holds_the_corrected_word_on_the_scan(tmp_path: Path) -> None:
    import pypdfium2  # type: ignore[import-untyped]

    # Given a real scan read by Tesseract, one of its words corrected by the user
    source = scanned_pdf(tmp_path / "scan.pdf", ["Invoice number 4711\nPayment is due within thirty days."])
    ocr = recognise_pdf(source)[0]
    assert "thirty" in page_text(ocr)
    typed = page_text(ocr).replace("thirty", "forty-five")
    doc = ExportDocument(source, apply_corrections([ocr], {0: typed}))
    # When the searchable PDF is written
    target = export_document(doc, tmp_path / "scan.ocr.pdf", "pdf")
    # Then its text layer says what the user typed, where "thirty" was printed
    document = pypdfium2.PdfDocument(target)
    try:
        page = document[0]
        width, height = page.get_size()
        textpage = page.get_textpage()
        layer = textpage.get_text_range()
        assert "forty-five" in layer and "thirty" not in layer
        found = textpage.search("forty-five").get_next()
        assert found is not None
        left, bottom, _right, top = textpage.get_charbox(found[0])
    finally:
        document.close()
    thirty = next(w for w in ocr.words if w.text.startswith("thirty"))
    assert thirty.x0 * width - 2 <= left <= thirty.x1 * width
    assert thirty.y0 * height - 4 <= height - top and height - bottom <= thirty.y1 * height + 4


def test_corrections_are_kept_by_document_and_page_whatever_the_options(tmp_path: Path) -> None:
    cache = ResultCache.open(tmp_path)
    cache.set_document("doc", "dpi300", "a.pdf", 2, False)
    cache.put_page("doc", "dpi300", PageResult(0, "Certidao", PageSource.OCR, 80.0))
    # When the user corrects page 1, then the page is read again with other options
    cache.put_correction("doc", 0, "Certidão", "Certidao")
    cache.set_document("doc", "dpi400", "a.pdf", 2, False)
    cache.put_page("doc", "dpi400", PageResult(0, "Certidâo", PageSource.OCR, 85.0))
    # Then the correction is still there, the OCR results under it as they were read
    (correction,) = cache.corrections("doc").values()
    assert (correction.page, correction.text, correction.base) == (0, "Certidão", "Certidao")
    assert cache.lookup("doc", "dpi300").pages[0].text == "Certidao"
    assert cache.lookup("doc", "dpi400").pages[0].text == "Certidâo"
    assert cache.corrections("other") == {}
    # Reverting removes it; Clear cache removes every one
    cache.remove_correction("doc", 0)
    assert cache.corrections("doc") == {}
    cache.put_correction("doc", 1, "x", "y")
    cache.clear()
    assert cache.corrections("doc") == {}
    cache.close()


def test_eviction_keeps_recent_corrections_of_a_document_whose_results_went(tmp_path: Path) -> None:
    cache = ResultCache.open(tmp_path)
    cache.set_limits(1, 90, evict=False)  # a cap so small every document goes
    cache.set_document("doc", "k", "a.pdf", 1, False)
    cache.put_page("doc", "k", PageResult(0, "Certidao " * 100, PageSource.OCR, 80.0))
    cache.put_correction("doc", 0, "Certidão", "Certidao")
    assert cache.evict() == 1 and cache.lookup("doc", "k").pages == {}
    assert cache.corrections("doc")[0].text == "Certidão"  # recent: a re-read finds it
    cache.set_limits(1, 0, evict=False)  # nothing is recent any more
    time.sleep(0.01)
    cache.evict()
    assert cache.corrections("doc") == {}
    cache.close()


def test_a_cache_made_before_corrections_existed_gains_the_table_and_keeps_its_pages(tmp_path: Path) -> None:
    # Given a cache file as an older Scriba wrote it: no corrections table
    conn = old_cache(tmp_path)
    conn.executescript(
        "INSERT INTO documents VALUES ('doc', 'k', 1, 0, 'a.pdf', 0, 9e12, 10);"
        "INSERT INTO pages VALUES ('doc', 'k', 0, 'ocr', 'old text', 90, NULL, 0, 0, 0, 0, 0);"
    )
    conn.close()
    # When this Scriba opens it
    cache = ResultCache.open(tmp_path)
    # Then its pages are still there and corrections can be kept
    assert cache.lookup("doc", "k").pages[0].text == "old text"
    cache.put_correction("doc", 0, "new text", "old text")
    assert cache.corrections("doc")[0].text == "new text"
    cache.close()
