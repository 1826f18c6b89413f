"""Faded photocopies are read, and a page judged blank is said to be, everywhere it shows."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.corpus import PT_PAGES, lines_of_print, run_cli
from tests.pdfgen import char_error_rate, faded_copy, images_pdf, page_image


def test_faded_copies_are_read_and_the_blank_sheet_between_them_is_named(tmp_path: Path) -> None:
    # Given a photocopied case file: a faded letter (print 45 levels below the paper), the blank
    # back of the sheet, and a full page faded to 25 levels, as one scanned PDF at 200 DPI
    full_page = lines_of_print(7, count=20)
    pages = [
        faded_copy(page_image(PT_PAGES[0], dpi=200, seed=1), 45),
        faded_copy(page_image("", dpi=200, seed=2), 45),
        faded_copy(page_image(full_page, dpi=200, seed=3), 25),
    ]
    pdf = images_pdf(tmp_path / "copia.pdf", pages, dpi=200)
    out = tmp_path / "copia.txt"

    # When it is read from the command line with JSON progress
    done = run_cli("ocr", pdf, "-o", out, "--progress", "json", "--no-cache")

    # Then both faded pages are read, and the blank one is said to be blank, not passed off as read
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    sources = {e["page"]: e["source"] for e in events if e["event"] == "page"}
    assert sources == {1: "ocr", 2: "blank", 3: "ocr"}
    (job,) = [e for e in events if e["event"] == "job"]
    assert job["state"] == "done" and job["blank_pages"] == [2]
    assert "copia.pdf: page 2 has no text (blank)." in done.stderr
    # and the text export keeps the blank page's place between the two others
    texts = out.read_text(encoding="utf-8").split("\f")
    assert len(texts) == 3 and texts[1].strip() == ""
    assert char_error_rate(PT_PAGES[0], texts[0]) < 0.05, texts[0]
    assert char_error_rate(full_page, texts[2]) < 0.05, texts[2]
