"""``scriba ocr --format pdfa --max-size``: parts on disk, one size line, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.corpus import run_cli, scan
from tests.pdfa_checks import assert_pdfa_2b, page_texts
from tests.pdfgen import text_pdf

PAGES = [f"Folha {n} do processo\nnumero {2000 + n}" for n in range(1, 5)]


def test_a_batch_is_written_as_pdfa_parts_within_the_limit(tmp_path: Path) -> None:
    # Given a four-page scan and a one-page one
    big = scan(tmp_path, "autos.pdf", PAGES)
    small = scan(tmp_path, "recibo.pdf", ["Recibo numero 77"])
    out = tmp_path / "out"
    # When both are exported as PDF/A within 100 KB
    done = run_cli(
        "ocr", big, small, "--format", "pdfa", "--max-size", "100KB", "--out-dir", out, "--progress", "json"
    )
    # Then the large one is in parts, the small one whole, each within the limit and PDF/A
    assert done.returncode == 0, done.stderr
    parts = sorted(out.glob("autos-*.pdf"))
    assert len(parts) > 1 and not (out / "autos.pdf").exists()
    assert (out / "recibo.pdf").exists()
    texts = []
    for path in [*parts, out / "recibo.pdf"]:
        assert path.stat().st_size <= 100_000
        assert_pdfa_2b(path.read_bytes(), path.stem.split("-")[0])
    for path in parts:
        texts += page_texts(path)
    assert [f"{2000 + n}" in text for n, text in enumerate(texts, start=1)] == [True] * 4
    # And each input has one line saying its size before and after, and one JSON export event
    lines = done.stderr.strip().splitlines()
    [line] = [line for line in lines if "autos.pdf" in line]
    assert "bytes ->" in line and f"in {len(parts)} parts" in line
    events = [json.loads(line) for line in done.stdout.splitlines()]
    [export] = [e for e in events if e["event"] == "export" and e["file"].endswith("autos.pdf")]
    assert [Path(p).name for p in export["outputs"]] == [p.name for p in parts]
    assert export["bytes_after"] == sum(p.stat().st_size for p in parts)


def test_a_limit_no_page_fits_is_one_sentence_and_exit_1(tmp_path: Path) -> None:
    big = scan(tmp_path, "autos.pdf", PAGES[:2])
    done = run_cli("ocr", big, "--format", "pdfa", "--max-size", "20KB", "--progress", "none")
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert "page 1 of autos.pdf is larger than 20 KB even compressed; no part was written." in line
    assert not list(tmp_path.glob("autos.ocr*.pdf"))


def test_size_flags_are_refused_for_other_formats_and_bad_sizes(tmp_path: Path) -> None:
    source = scan(tmp_path, "a.pdf", PAGES[:1])
    for extra, words in (
        (["--format", "txt", "--max-size", "2MB"], "apply to --format pdf or pdfa only"),
        (["--format", "pdfa", "--max-size", "lots"], "--max-size takes a size such as 1.5MB"),
        (["--format", "pdf", "--jpeg-quality", "100"], "--jpeg-quality must be between 10 and 95"),
    ):
        done = run_cli("ocr", source, *extra, "--progress", "none")
        assert done.returncode == 2 and words in done.stderr, done.stderr


def test_two_inputs_of_one_name_never_share_a_part_name(tmp_path: Path) -> None:
    # Given two born-digital documents both named x.pdf, in two folders
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = text_pdf(tmp_path / "a" / "x.pdf", ["Primeiro processo da vara"])
    second = text_pdf(tmp_path / "b" / "x.pdf", ["Segundo processo da vara"])
    # When both are written into one folder
    done = run_cli("ocr", first, second, "--out-dir", tmp_path / "out", "--progress", "none")
    assert done.returncode == 0, done.stderr
    # Then the second is "x (2)", as in the window, never "x-2" (a split document's part 2)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["x (2).txt", "x.txt"]
    assert "Segundo" in (tmp_path / "out" / "x (2).txt").read_text(encoding="utf-8")


def test_parts_left_by_an_earlier_export_are_named_not_deleted(tmp_path: Path) -> None:
    # Given a folder where an earlier export of autos.pdf left three parts
    big = scan(tmp_path, "autos.pdf", PAGES)
    out = tmp_path / "out"
    out.mkdir()
    for n in (1, 2, 3):
        (out / f"autos-{n}.pdf").write_bytes(b"%PDF-1.7 an older part\n")
    # When the document is exported again and now fits in one file
    done = run_cli(
        "ocr", big, "--format", "pdfa", "--max-size", "5MB", "--out-dir", out, "--progress", "none"
    )
    # Then it is written whole, the old parts stay (they may be anything), and one line names them
    assert done.returncode == 0, done.stderr
    assert (out / "autos.pdf").exists()
    assert sorted(p.name for p in out.glob("autos-*.pdf")) == ["autos-1.pdf", "autos-2.pdf", "autos-3.pdf"]
    lines = [line for line in done.stderr.splitlines() if "earlier export" in line]
    assert len(lines) == 1 and "autos-1.pdf, autos-2.pdf, autos-3.pdf" in lines[0], done.stderr
    assert lines[0].startswith("scriba: autos.pdf: ")
