"""Scanner images through ``scriba ocr``: a real CLI process, real workers, the real engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2
import pytest

from tests.integration.corpus import PT_PAGES, killed_after, page_events, page_text, run_cli
from tests.pdfgen import char_error_rate, page_image
from tests.unit.test_images import _png_declaring


def _fax(path: Path) -> Path:
    """A 3-page 1-bit G4 TIFF at 200 DPI, A4-wide and 5 inches tall, one known page per frame."""
    frames = [
        page_image(text, dpi=200, size_in=(8.27, 5), seed=n).convert("1") for n, text in enumerate(PT_PAGES)
    ]
    frames[0].save(path, compression="group4", dpi=(200, 200), save_all=True, append_images=frames[1:])
    return path


@pytest.mark.slow
def test_a_g4_tiff_is_read_in_order_cached_by_content_and_made_searchable(tmp_path: Path) -> None:
    # Given a 3-page G4 TIFF
    scan = _fax(tmp_path / "scan.tif")
    # When scriba ocr reads it with no output named
    done = run_cli("ocr", scan, "--progress", "none")
    # Then scan.txt holds its 3 pages in order, one per form feed
    assert done.returncode == 0, done.stderr
    pages = (tmp_path / "scan.txt").read_text(encoding="utf-8").split("\f")
    assert len(pages) == 3
    for expected, text in zip(PT_PAGES, pages, strict=True):
        assert char_error_rate(expected, text) < 0.05, text

    # When the same bytes come again under another name, as a searchable PDF
    copy = shutil.copy(scan, tmp_path / "copy.TIFF")
    again = run_cli("ocr", copy, "--format", "pdf", "--progress", "json")
    # Then every page comes from the cache, and copy.ocr.pdf is written beside it
    assert again.returncode == 0, again.stderr
    sources = [e["source"] for e in page_events(again.stdout)]
    assert sources == ["cache"] * 3
    pdf = pypdfium2.PdfDocument(tmp_path / "copy.ocr.pdf")
    try:
        # With 3 pages of the image's size (8.27 x 5 in) whose text layer has each page's words
        assert len(pdf) == 3
        for index, expected in enumerate(PT_PAGES):
            assert pdf[index].get_size() == pytest.approx((8.27 * 72, 5 * 72), abs=0.5)
            extracted = pdf[index].get_textpage().get_text_range()
            assert char_error_rate(expected, extracted) < 0.05, extracted
    finally:
        pdf.close()


@pytest.mark.slow
def test_bad_images_get_one_sentence_each_and_the_rest_of_the_command_is_read(tmp_path: Path) -> None:
    # Given a bomb (a gigapixel declared in 70 bytes), a truncated JPEG, and a PNG named .jpg
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png_declaring(100_000, 100_000))
    whole = tmp_path / "whole.jpg"
    page_image(PT_PAGES[0], dpi=150, size_in=(8.27, 3)).save(whole, quality=85, dpi=(150, 150))
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    png = tmp_path / "photo.jpg"
    page_image(PT_PAGES[1], dpi=150, size_in=(8.27, 3)).save(png, format="PNG", dpi=(150, 150))
    notes = tmp_path / "notes.png"
    notes.write_text("a note, not a picture\n")
    # When they are read in one command
    done = run_cli("ocr", bomb, cut, png, notes, "--out-dir", tmp_path / "out", "--progress", "none")
    # Then each bad file gets one sentence naming it, nothing else is said, and the PNG is read
    assert done.returncode == 1
    assert sorted(done.stderr.splitlines()) == [  # in the order they failed
        "scriba: bomb.png: the image is too large to be read (more than 150 megapixels).",
        "scriba: cut.jpg: the image is damaged or incomplete and cannot be read.",
        "scriba: notes.png: this is not a PDF or an image Scriba can read.",
    ]
    text = (tmp_path / "out" / "photo.txt").read_text(encoding="utf-8")
    assert char_error_rate(PT_PAGES[1], text) < 0.05, text


@pytest.mark.slow
def test_a_tiff_run_killed_midway_resumes_with_only_the_missing_pages(tmp_path: Path) -> None:
    # Given a 12-page TIFF whose run was killed outright after a few pages
    frames = [page_image(page_text(i), dpi=150, size_in=(8.27, 3), seed=i) for i in range(12)]
    scan = tmp_path / "lote.tif"
    frames[0].save(scan, compression="tiff_lzw", dpi=(150, 150), save_all=True, append_images=frames[1:])
    killed_after(scan, tmp_path / "killed.txt", 4)
    # When it is run again
    again = run_cli("ocr", scan, "-o", tmp_path / "resumed.txt", "--progress", "json")
    # Then the pages read before the kill come from the cache, only the rest are read, all in order
    assert again.returncode == 0, again.stderr
    sources = [e["source"] for e in page_events(again.stdout)]
    assert sources.count("cache") >= 4
    assert sources.count("ocr") == 12 - sources.count("cache")
    pages = (tmp_path / "resumed.txt").read_text(encoding="utf-8").split("\f")
    assert [char_error_rate(page_text(i), text) < 0.05 for i, text in enumerate(pages)] == [True] * 12
