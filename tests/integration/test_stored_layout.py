"""A page's layout is worked out once, by the worker, and kept by the cache: read back, it gives
exactly the text and tokens that laying the page's words out afresh gives, on real pages read by
real workers (two columns, sideways, upside down, crooked, hyphenated). A cache from before
layouts were kept still opens and its pages read, laid out on the fly; a corrected page keeps
the user's text."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.export.corrected import apply_corrections
from app.core.export.page_text import page_text, page_tokens
from app.core.export.stored_layout import pack_layout, stored_text, with_layout
from app.core.jobs import JobRequest, JobState
from app.core.options import OcrOptions
from app.core.packed_words import PackedWords
from app.core.results import PageResult, PageSource, Word
from app.core.running.scheduler import JobManager
from app.core.storage.cache import ResultCache
from tests.integration.corpus import lines_of_print
from tests.old_caches import old_cache
from tests.pdfgen import images_pdf, page_image

HYPHENATED = (
    "O réu não compareceu à audiência de concili-\n"
    "ação marcada para março, e a intima-\n"
    "ção foi renovada pelo cartório.\n\n"
    "Novo parágrafo depois de uma linha em branco."
)


def _fresh(page: PageResult) -> PageResult:
    """The same page without its stored layout: what laying it out afresh gives."""
    return replace(page, layout=b"")


@pytest.fixture(scope="module")
def read_back(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[PageResult], list[PageResult]]:
    """A five-page scan read by real workers into a real cache: the pages as the workers sent
    them, and as a fresh open of the cache gives them back."""
    folder = tmp_path_factory.mktemp("stored-layout")
    pictures = [
        page_image(HYPHENATED, dpi=150, font_pt=12),
        page_image(lines_of_print(3, 40), dpi=150, font_pt=10, columns=2, seed=1),
        page_image(lines_of_print(4, 20), dpi=150, font_pt=11, rotate=90, seed=2),
        page_image(lines_of_print(5, 20), dpi=150, font_pt=11, rotate=180, seed=3),
        page_image(lines_of_print(6, 20), dpi=150, font_pt=11, skew=6.0, seed=4),
    ]
    pdf = images_pdf(folder / "autos.pdf", pictures, dpi=150)
    cache = ResultCache.open(folder / "cache")
    manager = JobManager(2, cache)
    try:
        job = manager.submit(JobRequest(pdf, OcrOptions(languages="por")))
        assert manager.wait(240)
        assert manager.state(job) is JobState.DONE
        sent = manager.results(job)
        digest = manager.document_hash(job)
    finally:
        manager.shutdown()
        cache.close()
    assert digest is not None
    again = ResultCache.open(folder / "cache")
    stored = again.lookup(digest, OcrOptions(languages="por").cache_key(_engine_version())).pages
    again.close()
    return folder, sent, [stored[page] for page in sorted(stored)]


def _engine_version() -> str:
    from app.core.reading.engines import engine_version

    return engine_version("tesserocr")


def test_every_page_read_carries_a_layout_that_gives_the_fresh_text_exactly(
    read_back: tuple[Path, list[PageResult], list[PageResult]],
) -> None:
    _, sent, stored = read_back
    # Given five real pages (two columns, turned 90 and 180 degrees, crooked, hyphenated)
    assert [page.source for page in sent] == [PageSource.OCR] * 5
    assert [page.rotation for page in sent][2:4] == [90, 180]
    assert sent[4].skew != 0.0
    for page in (*sent, *stored):
        # Then each came with its layout, and that layout is the text laid out afresh, token for token
        assert page.layout, page.page
        assert stored_text(page) is not None
        assert page_text(page) == page_text(_fresh(page))
        assert page_tokens(page) == page_tokens(_fresh(page))
    # And the cache gave back the layout the worker made, for the same words
    assert [page.layout for page in stored] == [page.layout for page in sent]
    assert [page_text(page) for page in stored] == [page_text(page) for page in sent]
    # And the text is the laid-out one (hyphenation undone, paragraphs apart), not the engine's
    assert "conciliação" in page_text(stored[0]) and "intimação" in page_text(stored[0])
    assert "\n\n" in page_text(stored[1])


def test_a_corrected_page_keeps_the_users_text_over_its_stored_layout(
    read_back: tuple[Path, list[PageResult], list[PageResult]],
) -> None:
    _, _, stored = read_back
    # Given a page read back with its stored layout, which the user then corrected
    typed = "Texto corrigido pelo usuário.\n\nSegundo parágrafo."
    [corrected, untouched] = apply_corrections(stored[:2], {0: typed})
    # Then the corrected page is the user's text; the other still reads from its layout
    assert corrected.layout  # still carried, never used for a corrected page
    assert page_text(corrected) == typed
    assert page_tokens(corrected) is None
    assert page_text(untouched) == stored_text(untouched)


def test_a_layout_that_no_longer_matches_its_page_is_not_used(
    read_back: tuple[Path, list[PageResult], list[PageResult]],
) -> None:
    _, _, stored = read_back
    page = stored[1]
    # Given the layout of one page attached to another page's words, and to the same words turned
    foreign = replace(stored[0], layout=page.layout)
    turned = replace(page, rotation=(page.rotation + 90) % 360)
    # Then neither uses it: each is laid out from its own words, as without a layout
    assert stored_text(foreign) is None and page_text(foreign) == page_text(_fresh(stored[0]))
    assert stored_text(turned) is None and page_text(turned) == page_text(_fresh(turned))


def test_words_the_split_would_not_give_back_keep_no_layout() -> None:
    # Given a page whose one word holds a space (no engine makes one, but a layout must be exact)
    words = PackedWords.of(
        (
            Word("dois mil", 0.1, 0.1, 0.3, 0.12, 90.0, 1, 1, 1),
            Word("reais", 0.35, 0.1, 0.5, 0.12, 90.0, 1, 1, 1),
        )
    )
    page = PageResult(0, "dois mil reais", PageSource.OCR, 90.0, words)
    # Then it keeps no layout, and its text is laid out when read, as before
    assert pack_layout(page) == b""
    assert with_layout(page) is page
    assert page_text(page) == "dois mil reais"


def test_a_cache_from_before_layouts_opens_and_its_pages_read_laid_out_on_the_fly(
    read_back: tuple[Path, list[PageResult], list[PageResult]], tmp_path: Path
) -> None:
    _, _, stored = read_back
    # Given a cache written before layouts were kept: its pages table has no layout column,
    # its rows the real pages' words
    folder = tmp_path / "old"
    old = old_cache(folder)
    now = time.time()
    old.execute("INSERT INTO documents VALUES ('d', 'k', 5, 0, 'autos.pdf', ?, ?, 0)", (now, now))
    for page in stored:
        assert isinstance(page.words, PackedWords)
        old.execute(
            "INSERT INTO pages VALUES ('d', 'k', ?, 'ocr', ?, ?, ?, ?, ?, ?, ?, ?)",
            (page.page, page.text, page.confidence, page.words.blob, page.rotation, page.width_pt,
             page.height_pt, page.seconds, page.skew),
        )  # fmt: skip
    old.commit()
    old.close()
    # When this Scriba opens it and reads the document
    cache = ResultCache.open(folder)
    pages = cache.lookup("d", "k").pages
    # Then every page loads without a layout and reads exactly as one with its stored layout
    assert sorted(pages) == [0, 1, 2, 3, 4]
    assert all(page.layout == b"" for page in pages.values())
    assert [page_text(pages[n]) for n in range(5)] == [page_text(page) for page in stored]
    assert [page_tokens(pages[n]) for n in range(5)] == [page_tokens(page) for page in stored]
    # And a page written now keeps its layout there, across a reopen
    cache.put_page("d", "k", replace(stored[1], page=5))
    cache.close()
    again = ResultCache.open(folder).lookup("d", "k").pages
    assert again[5].layout == stored[1].layout and page_text(again[5]) == page_text(stored[1])
