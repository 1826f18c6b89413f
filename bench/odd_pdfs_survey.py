"""Issue 15 baseline: the current `scriba ocr` over the odd PDFs of tests/data/odd_pdfs.

For every file of the corpus (tests/integration/odd_pdf_cases.py) it runs, each in its own
command with a timeout: ``scriba ocr FILE --format txt`` and then ``scriba ocr FILE --format pdf``
(with ``--password`` when the case has one; the pdf command finds the pages in the cache the txt
command filled, as a user's second export would). It prints a Markdown table: file; txt ok/fail
and its first stderr sentence (a traceback's exception line); how many of the case's expected
words the text holds; the same for the PDF and its text layer; whether a generated scan's PDF
carries a page's text twice; tracebacks seen; stderr lines that do not name their file; seconds.
Then the totals in the issue's words, three ``--format pdf`` commands with a nasty file between
two good scans, and the right and wrong passwords (SASLprep, owner passwords, none needed).

The runs use a private cache (SCRIBA_CACHE_DIR) and output directory, one worker, and
``--progress none``, so stderr holds only what Scriba says.

    uv run python bench/odd_pdfs_survey.py [--timeout 120] [--only NAME ...] [--out table.md]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.integration.odd_pdf_cases import CASES, GENERATED, SASLPREP_PASSWORD, OddPdf  # noqa: E402

#: The files put between two good scans in one --format pdf command.
BATCH_NASTY = ("gen_page_tree_depth_150.pdf", "gen_page_tree_loop.pdf", "gen_objstm_self_ref.pdf")
SCRIBA = [str(Path(sys.executable).with_name("scriba"))]


@dataclass
class Run:
    """One scriba ocr command and what it left behind."""

    code: int | None  # None: killed at the timeout
    stderr: str
    seconds: float
    outputs: list[Path]

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr

    def sentence(self) -> str:
        """The traceback's exception line, else the first stderr line, shortened for the table."""
        if self.code is None:
            return "timed out"
        lines = [line.strip() for line in self.stderr.splitlines() if line.strip()]
        if self.traceback:
            at = max(i for i, line in enumerate(lines) if line.startswith("Traceback"))
            frames = [line for line in lines[at + 1 :] if not line.startswith(('File "', "^", "~"))]
            text = "traceback: " + (frames[-1] if frames else "?")
        else:
            text = lines[0] if lines else ""
        return text if len(text) <= 140 else text[:137] + "..."

    def unnamed_lines(self, names: list[str]) -> int:
        """stderr lines that name none of the input files (traceback frames count too)."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        return sum(1 for line in lines if not any(name in line for name in names))


def run_scriba(
    files: list[OddPdf], fmt: str, out_dir: Path, cache: Path, timeout: float, password: str | None = None
) -> Run:
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = [
        *SCRIBA,
        "ocr",
        *[str(case.path) for case in files],
        "--format",
        fmt,
        "--out-dir",
        str(out_dir),
        "--workers",
        "1",
        "--progress",
        "none",
    ]
    passwords = {case.password for case in files if case.password}
    chosen = password if password is not None else next(iter(passwords), "")
    if chosen:
        cmd += ["--password", chosen]
    env = dict(os.environ, SCRIBA_CACHE_DIR=str(cache), OMP_THREAD_LIMIT="1")
    start = time.monotonic()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
        code, stderr = done.returncode, done.stderr
    except subprocess.TimeoutExpired as expired:
        err = expired.stderr
        code, stderr = None, err.decode(errors="replace") if isinstance(err, bytes) else (err or "")
    seconds = time.monotonic() - start
    outputs = sorted(p for p in out_dir.iterdir() if p.stat().st_size > 0)
    return Run(code, stderr, seconds, outputs)


def cell(run: Run) -> str:
    state = "ok" if run.code == 0 and run.outputs else "fail (file written)" if run.outputs else "fail"
    text = run.sentence().replace("|", "\\|")
    return f"{state}: {text}" if text else state


def words_found(case: OddPdf, run: Run) -> str:
    """How many of the case's expected words the txt output holds, as "found/expected"."""
    if not case.words:
        return "-"
    text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in run.outputs).lower()
    return f"{sum(1 for word in case.words if word.lower() in text)}/{len(case.words)}"


def pdf_text(run: Run) -> list[str]:
    """The text layer of each page of the PDF a run wrote (empty when none was written)."""
    import pypdfium2

    texts: list[str] = []
    for path in run.outputs:
        doc = pypdfium2.PdfDocument(str(path))
        try:
            texts += [page.get_textpage().get_text_range() for page in doc]
        finally:
            doc.close()
    return texts


def pdf_check(case: OddPdf, run: Run) -> tuple[str, str]:
    """(expected words found in the PDF's text layer, whether a scan page's text is doubled)."""
    if not run.outputs:
        return "-", "-"
    pages = pdf_text(run)
    text = " ".join(pages).lower()
    found = f"{sum(1 for w in case.words if w.lower() in text)}/{len(case.words)}" if case.words else "-"
    if case.source != GENERATED:
        return found, "-"
    doubled = any(page.lower().count("odd corpus page") > 1 for page in pages)
    return found, "yes" if doubled else "no"


def survey(cases: list[OddPdf], timeout: float, work: Path) -> tuple[list[str], dict[str, int]]:
    rows = [
        "| file | txt | words | pdf | pdf words | doubled | traceback | unnamed stderr lines | s (txt+pdf) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    totals = {
        "files": 0,
        "txt_ok": 0,
        "pdf_ok": 0,
        "read_no_pdf": 0,
        "read_no_pdf_tb": 0,
        "tracebacks": 0,
        "unnamed": 0,
        "doubled": 0,
        "words_short": 0,
    }
    for i, case in enumerate(cases):
        cache = work / "cache"
        txt = run_scriba([case], "txt", work / f"{i}-txt", cache, timeout)
        pdf = run_scriba([case], "pdf", work / f"{i}-pdf", cache, timeout)
        names = [case.path.name]
        txt_ok = txt.code == 0 and bool(txt.outputs)
        pdf_ok = pdf.code == 0 and bool(pdf.outputs)
        tb = txt.traceback or pdf.traceback
        unnamed = txt.unnamed_lines(names) + pdf.unnamed_lines(names)
        totals["files"] += 1
        totals["txt_ok"] += txt_ok
        totals["pdf_ok"] += pdf_ok
        totals["read_no_pdf"] += txt_ok and not pdf_ok
        totals["read_no_pdf_tb"] += txt_ok and not pdf_ok and pdf.traceback
        totals["tracebacks"] += tb
        totals["unnamed"] += unnamed
        found, doubled = pdf_check(case, pdf)
        txt_words = words_found(case, txt)
        totals["doubled"] += doubled == "yes"
        totals["words_short"] += txt_ok and "/" in txt_words and len(set(txt_words.split("/"))) > 1
        rows.append(
            f"| {case.path.name} | {cell(txt)} | {txt_words} | {cell(pdf)} | {found} | {doubled} |"
            f" {'yes' if tb else 'no'} | {unnamed} |"
            f" {txt.seconds:.1f}+{pdf.seconds:.1f} |"
        )
        print(rows[-1], file=sys.stderr, flush=True)
    return rows, totals


def batch(nasty: str, timeout: float, work: Path) -> list[str]:
    """One --format pdf command: two good scans with the nasty file between them."""
    by_name = {case.path.name: case for case in CASES}
    files = [by_name["gen_scan_jpeg.pdf"], by_name[nasty], by_name["gen_scan_ccitt_g4.pdf"]]
    run = run_scriba(files, "pdf", work / f"batch-{nasty}", work / f"batch-cache-{nasty}", timeout)
    written = [p.name for p in run.outputs]
    names = [case.path.name for case in files]
    return [
        f"Batch `scriba ocr {' '.join(names)} --format pdf`: exit {run.code}, {run.seconds:.1f} s,"
        f" written: {', '.join(written) or 'nothing'}; traceback: {'yes' if run.traceback else 'no'};"
        f" stderr lines not naming their file: {run.unnamed_lines(names)}. Last lines of its stderr:",
        "",
        "```",
        *(run.stderr.strip().splitlines()[-6:] or ["(empty)"]),
        "```",
        "",
    ]


def probes(timeout: float, work: Path) -> list[str]:
    """Right passwords that are not the plain user password: SASLprep, owner passwords."""
    by_name = {case.path.name: case for case in CASES}
    tries = [
        ("gen_aes256_saslprep.pdf", SASLPREP_PASSWORD, "user password typed in NFD (needs SASLprep)"),
        ("gen_aes256_saslprep.pdf", "Caf\u00e9", "user password in NFC"),
        ("gen_aes256_saslprep.pdf", "owner-\u00e9", "owner password"),
        ("pypdf_r6-owner-password.pdf", "asdfzxcv", "owner password given"),
        ("pypdf_r6-both-passwords.pdf", "bar", "owner password given"),
        ("gen_aes256_scan_user.pdf", "scan-owner", "owner password given"),
        ("gen_rc4_40_scan_user.pdf", "rc4owner", "owner password given"),
        ("pypdf_r2-owner-password.pdf", "asdfzxcv", "owner password given"),
        ("pikepdf_graph-encrypted.pdf", "", "no password (its user password is unknown)"),
        ("gen_aes256_scan_user.pdf", "", "no password"),
        ("gen_aes256_scan_user.pdf", "wrong", "a wrong password"),
        ("gen_scan_jpeg.pdf", "needless", "a password for a file that needs none"),
    ]
    rows = ["| file | password | txt | pdf |", "|---|---|---|---|"]
    for i, (name, password, label) in enumerate(tries):
        case = by_name[name]
        txt = run_scriba([case], "txt", work / f"p{i}-txt", work / f"p{i}-cache", timeout, password)
        pdf = run_scriba([case], "pdf", work / f"p{i}-pdf", work / f"p{i}-cache", timeout, password)
        rows.append(f"| {name} | {label} | {cell(txt)} | {cell(pdf)} |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per command")
    parser.add_argument("--only", nargs="*", help="file names to run (default: every case)")
    parser.add_argument("--out", type=Path, help="also write the table and totals here")
    args = parser.parse_args()
    cases = [case for case in CASES if not args.only or case.path.name in args.only]
    with tempfile.TemporaryDirectory(prefix="odd-survey-") as tmp:
        work = Path(tmp)
        start = time.monotonic()
        rows, t = survey(cases, args.timeout, work)
        lines = [line for nasty in BATCH_NASTY for line in batch(nasty, args.timeout, work)]
        password_rows = [] if args.only else probes(args.timeout, work)
        total_s = time.monotonic() - start
    summary = [
        f"Of {t['files']} files, the text of {t['txt_ok']} was read (--format txt) and {t['pdf_ok']} got a"
        f" searchable PDF. Of the {t['txt_ok']} files whose text was read, **{t['read_no_pdf']} got no"
        f" searchable PDF**; {t['read_no_pdf_tb']} of them with a Python traceback. Files with a traceback in"
        f" either command: {t['tracebacks']}. stderr lines that do not name their file: {t['unnamed']}."
        f" Generated scans whose PDF carries a page's text twice: {t['doubled']}. Files read whose text lacks"
        f" some expected words: {t['words_short']}."
        f" Wall time {total_s:.0f} s.",
    ]
    text = "\n".join([*rows, "", *summary, "", *lines, "", *password_rows]) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
