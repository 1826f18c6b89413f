"""Searchable PDFs of a batch, written in the export child: one file's trouble stays its own."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pypdfium2
from PIL import Image, ImageDraw

from app.core.export import ExportDocument
from app.core.results import PageResult, PageSource, Word
from app.core.running.export_process import ExportJob, ExportProcess, export_batch
from tests.integration.corpus import EN_PAGES, PT_PAGES, run_cli, scan
from tests.integration.odd_pdf_cases import ODD_DIR


def _text(path: Path) -> str:
    document = pypdfium2.PdfDocument(path)
    try:
        return " ".join(str(document[i].get_textpage().get_text_range()) for i in range(len(document)))
    finally:
        document.close()


def _page(words: tuple[str, ...] = ("Prazo", "recursal")) -> PageResult:
    boxes = tuple(
        Word(w, 0.1 + 0.2 * n, 0.1, 0.25 + 0.2 * n, 0.14, 90.0, 1, 1, 1) for n, w in enumerate(words)
    )
    return PageResult(0, " ".join(words), PageSource.OCR, 90.0, boxes)


def test_a_batch_with_nasty_files_in_the_middle_gets_every_pdf(tmp_path: Path) -> None:
    # Given two good scans around a page tree that loops and one 150 nodes deep
    first, last = scan(tmp_path, "a.pdf", EN_PAGES), scan(tmp_path, "c.pdf", PT_PAGES[:1])
    loop, deep = ODD_DIR / "gen_page_tree_loop_two_nodes.pdf", ODD_DIR / "gen_page_tree_depth_150.pdf"
    out = tmp_path / "out"
    # When they are made searchable in one command
    done = run_cli("ocr", first, loop, deep, last, "--format", "pdf", "--out-dir", out, "--progress", "none")
    # Then every file has its PDF with its words, and stderr has no traceback nor library noise
    assert "Traceback" not in done.stderr and "qpdf" not in done.stderr and "pikepdf" not in done.stderr
    assert "quick brown fox" in _text(out / "gen_page_tree_depth_150.pdf")
    assert "quick brown fox" in _text(out / "gen_page_tree_loop_two_nodes.pdf")
    assert "Invoice number 4711" in _text(out / "a.pdf")
    assert "audiência de conciliação" in _text(out / "c.pdf")


def test_one_file_that_cannot_be_written_is_one_sentence_and_the_others_are_written(tmp_path: Path) -> None:
    # Given three scans, the middle one's output path taken by a folder
    sources = [scan(tmp_path, f"{name}.pdf", EN_PAGES) for name in ("a", "nasty", "c")]
    out = tmp_path / "out"
    (out / "nasty.pdf").mkdir(parents=True)
    # When they are exported together
    done = run_cli("ocr", *sources, "--format", "pdf", "--out-dir", out, "--progress", "none")
    # Then the other two are written, the command fails with one line naming the bad one
    assert done.returncode == 1
    assert (out / "a.pdf").is_file() and (out / "c.pdf").is_file()
    [line] = done.stderr.strip().splitlines()
    assert "nasty.pdf" in line and "folder" in line and line.startswith("scriba: ")


def test_a_signed_input_is_said_to_lose_its_signature_in_both_languages(tmp_path: Path) -> None:
    signed = ODD_DIR / "gen_signed.pdf"
    before = signed.read_bytes()
    for language, words in (
        ("C.UTF-8", "no longer carries a valid signature"),
        ("pt_BR.UTF-8", "assinatura"),
    ):
        env = {**os.environ, "LC_ALL": language, "LANG": language}
        out = tmp_path / language
        done = run_cli("ocr", signed, "--format", "pdf", "--out-dir", out, "--progress", "none", env=env)
        assert done.returncode == 0, done.stderr
        [line] = done.stderr.strip().splitlines()
        assert "gen_signed.pdf" in line and words in line
        assert "quick brown fox" in _text(out / "gen_signed.pdf")
    assert signed.read_bytes() == before


def test_the_export_child_dying_costs_one_file_and_the_next_is_written(tmp_path: Path) -> None:
    source = scan(tmp_path, "scan.pdf", EN_PAGES)
    doc = ExportDocument(source, [_page()])
    with ExportProcess() as exports:
        # Given an export child that dies (killed, as the OOM killer or a crash would)
        pid = exports.start()
        os.kill(pid, signal.SIGKILL)
        # (what a child killed mid-write leaves: its temporary file; and another export's)
        (tmp_path / ".lost.pdf.0a1b2c3d.tmp").write_bytes(b"%PDF half")
        (tmp_path / ".lost-2.pdf.0a1b2c3e.tmp").write_bytes(b"%PDF half")
        (tmp_path / ".lostx.pdf.0a1b2c3f.tmp").write_bytes(b"someone else's")
        # When a file is exported, and then another
        lost = exports.export(ExportJob(doc, tmp_path / "lost.pdf", "pdf"))
        kept = exports.export(ExportJob(doc, tmp_path / "kept.pdf", "pdf"))
    # Then the first is one sentence naming the file, the second is written by a fresh child
    assert lost.target is None and lost.code == "crashed"
    assert "scan.pdf" in (lost.sentence("en") or "") and "stopped unexpectedly" in (lost.sentence("en") or "")
    assert "parou inesperadamente" in (lost.sentence("pt_BR") or "")
    assert not (tmp_path / "lost.pdf").exists()
    assert sorted(p.name for p in tmp_path.glob(".*.tmp")) == [".lostx.pdf.0a1b2c3f.tmp"]
    assert kept.target == tmp_path / "kept.pdf" and "Prazo recursal" in _text(kept.target)


def test_an_export_over_the_memory_cap_fails_alone(tmp_path: Path) -> None:
    # Given a 7,000 x 7,000 colour scan (~150 MB decoded) and a child capped well under its need
    big = Image.new("RGB", (7000, 7000), "white")
    ImageDraw.Draw(big).rectangle((100, 100, 6900, 300), fill=(200, 30, 30))
    big.save(tmp_path / "big.png")
    small = scan(tmp_path, "small.pdf", EN_PAGES)
    jobs = [
        ExportJob(ExportDocument(tmp_path / "big.png", [_page()]), tmp_path / "big.pdf", "pdf"),
        ExportJob(ExportDocument(small, [_page()]), tmp_path / "small.ocr.pdf", "pdf"),
    ]
    # When both are exported in one batch
    outcomes = export_batch(jobs, memory_limit=220 * 1024**2)
    # Then the big one fails with one sentence naming it, and the small one is written
    assert outcomes[0].target is None and outcomes[0].code == "memory"
    assert "big.png needs more memory than an export may use (220 MB)" in (outcomes[0].sentence("en") or "")
    assert not (tmp_path / "big.pdf").exists()
    assert outcomes[1].target == tmp_path / "small.ocr.pdf"


def test_library_warnings_go_to_the_log_file_never_to_stderr(tmp_path: Path) -> None:
    # Given a file whose page tree holds non-pages: qpdf warns about it while the PDF is written
    env = {**os.environ, "SCRIBA_LOG_DIR": str(tmp_path / "logs")}
    source = ODD_DIR / "gen_kids_not_pages.pdf"
    # When it is made searchable
    done = run_cli(
        "ocr", source, "--format", "pdf", "--out-dir", tmp_path / "out", "--progress", "none", env=env
    )
    # Then every stderr line is Scriba's own, naming the file; qpdf's words are in the log
    lines = done.stderr.strip().splitlines()
    assert lines and all(line.startswith("scriba: gen_kids_not_pages.pdf: ") for line in lines), lines
    log = (tmp_path / "logs" / "scriba.log").read_text(encoding="utf-8")
    assert "non-dictionary object" in log and "rebuilt from its image" in log
    assert "quick brown fox" in _text(tmp_path / "out" / "gen_kids_not_pages.pdf")


def test_a_page_cropped_to_nothing_is_read_as_its_media_box_shows_it(tmp_path: Path) -> None:
    # Given a page whose CropBox lies wholly outside its MediaBox (PDFium sees a 0 x 0 pt page)
    from tests.integration.odd_pdf_cases import ODD_DIR

    # When it is read
    done = run_cli("ocr", ODD_DIR / "gen_cropbox_outside.pdf", "-o", "-", "--progress", "none", "--no-cache")
    # Then its words come out, as a viewer that ignores such a box shows them
    assert done.returncode == 0, done.stderr
    assert "quick brown fox" in done.stdout
