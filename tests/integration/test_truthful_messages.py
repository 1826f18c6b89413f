"""``scriba ocr`` over the odd third-party and generated PDFs: what it says on stderr is true.

Every line names the file it is about; no library chatter (pypdf's "incorrect startxref pointer",
a hundred on one file) reaches stderr; a file opens with its user or owner password, a password
typed in another Unicode form, or none when its user password is empty, even while a password
for other files is given; a wrong password is "not correct", never "damaged".
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import pytest

from tests.integration.corpus import run_cli
from tests.integration.odd_pdf_cases import ASDF, CASES, OddPdf

pytestmark = pytest.mark.slow


def _groups() -> dict[str, list[OddPdf]]:
    """The corpus by the password to give; files that need none go with another file's password."""
    groups: dict[str, list[OddPdf]] = defaultdict(list)
    for case in CASES:
        groups[case.password or ASDF].append(case)
    return groups


def _run(tmp_path: Path, password: str, cases: list[OddPdf], fmt: str = "txt") -> list[str]:
    out = tmp_path / "out"
    env = {**os.environ, "SCRIBA_LOG_DIR": str(tmp_path / "log")}
    done = run_cli(
        "ocr", *(c.path for c in cases), "--out-dir", out, "--format", fmt, "--password", password,
        "--no-cache", "--progress", "none", timeout=900, env=env,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return done.stderr.splitlines()


def _about(line: str, cases: list[OddPdf]) -> OddPdf | None:
    """The file a line names: it starts with the name, or (an export's sentence) names it."""
    starts = next((c for c in cases if line.startswith(f"scriba: {c.name}:")), None)
    return starts or next((c for c in cases if line.startswith("scriba: ") and c.name in line), None)


@pytest.mark.parametrize("password", sorted(_groups()), ids=lambda p: repr(p))
def test_every_line_on_stderr_names_its_file_and_tells_the_real_cause(tmp_path: Path, password: str) -> None:
    # Given odd PDFs: broken xrefs and page trees, scans, encrypted ones that take this password
    # or none at all
    cases = _groups()[password]
    # When scriba ocr reads them all with this password
    lines = _run(tmp_path, password, cases)
    # Then every line on stderr names its file
    unnamed = [line for line in lines if _about(line, cases) is None]
    assert unnamed == []
    for line in lines:
        case = _about(line, cases)
        assert case is not None
        # And none refuses a file for a password it was given or does not need, or calls a
        # readable file damaged
        assert "password" not in line, line
        if case.readable:
            assert "damaged and cannot be opened" not in line, line
    # And every readable file was written
    for case in cases:
        if case.readable:
            assert (tmp_path / "out" / f"{case.path.stem}.txt").stat().st_size > 0, case.name


def test_files_that_made_libraries_complain_give_only_scribas_sentences(tmp_path: Path) -> None:
    # Given files whose broken cross-reference tables made pypdf complain on stderr (104 lines on
    # one file) when it wrote the searchable PDF; qpdf now repairs them, and what a library still
    # says goes to the log (tests/integration/test_export_batch.py shows qpdf's words there)
    cases = [c for c in CASES if "xref" in c.name or c.name == "pypdf_issue-297.pdf"]
    assert len(cases) >= 4
    # When scriba ocr writes their searchable PDFs
    lines = _run(tmp_path, ASDF, cases, "pdf")
    # Then stderr holds only Scriba's sentences, each naming its file
    assert [line for line in lines if _about(line, cases) is None] == []
    # And every one of them got its searchable PDF
    for case in cases:
        assert (tmp_path / "out" / f"{case.path.stem}.pdf").stat().st_size > 0, case.name
