"""The odd-input corpus through the real CLI: every file gives its text or one sentence.

The whole corpus goes through one ``scriba ocr`` run (as a user drops a folder of mixed files),
watched from outside: worker memory is sampled and every process must be gone at the end.
Each case is then checked on its own: what came out, or the one line that says why not.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from tests.integration.corpus import ROOT
from tests.pdfgen import char_error_rate
from tests.reliability import odd_inputs as odd

PASSWORD = "segredo"
TRUNCATIONS = (0.02, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.97, 0.995)
WORKER_RSS_LIMIT = 600 * 1024**2
TEXT, SENTENCE, EITHER = "text", "sentence", "either"
ENCRYPTED = ("RC4-40", "RC4-128", "AES-128", "AES-256")


@dataclass(frozen=True)
class Case:
    """One odd input: how to make it, and what must come out (``words``: expected text or error words)."""

    name: str
    make: Callable[[Path, Path], Path]  # (folder, a good scan) -> the file
    expect: str
    words: str = ""


def _copy_of_good(name: str) -> Callable[[Path, Path], Path]:
    def make(folder: Path, good: Path) -> Path:
        target = folder / name
        target.write_bytes(good.read_bytes())
        return target

    return make


def _bytes(name: str, data: bytes) -> Callable[[Path, Path], Path]:
    def make(folder: Path, good: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return make


CASES = [
    *[
        Case(f"truncated at {f:.1%}", lambda d, g, f=f: odd.truncated(g, d / f"cut-{f}.pdf", f), EITHER)
        for f in TRUNCATIONS
    ],
    *[
        Case(
            f"random bytes after the header #{s}",
            lambda d, g, s=s: odd.garbage_after_header(d / f"rnd{s}.pdf", s),
            SENTENCE,
            "damaged",
        )
        for s in range(3)
    ],
    *[
        Case(
            f"{n} bit flips #{s}",
            lambda d, g, s=s, n=n: odd.bit_flips(g, d / f"flip{n}-{s}.pdf", s, n),
            EITHER,
        )
        for s, n in ((1, 1), (2, 3), (3, 10), (4, 30), (5, 100), (6, 1000))
    ],
    Case("header only", _bytes("header.pdf", b"%PDF-1.7\n"), SENTENCE, "damaged"),
    Case(
        "a broken PNG named .pdf",
        _bytes("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        SENTENCE,
        "image is damaged",
    ),
    Case("a ZIP named .pdf", _bytes("archive.pdf", b"PK\x03\x04" + bytes(200)), SENTENCE, "not a PDF"),
    Case("HTML named .pdf", _bytes("page.pdf", b"<!DOCTYPE html><p>%PDF</p>"), SENTENCE, "not a PDF"),
    Case("text that mentions %PDF-", _bytes("notes.pdf", b"see %PDF-1.4 spec\n" * 50), SENTENCE, "damaged"),
    *[
        Case(
            f"encrypted {a}, no password",
            lambda d, g, a=a: odd.encrypted(g, d / f"locked-{a}.pdf", PASSWORD, a),
            SENTENCE,
            "protected by a password",
        )
        for a in ENCRYPTED
    ],
    Case("owner password only", lambda d, g: _owner_only(g, d / "owner-only.pdf"), TEXT, odd.WORDS),
    Case("zero pages", lambda d, g: odd.zero_pages(d / "zero.pdf"), SENTENCE, "has no pages"),
    Case("200 x 200 inch page", lambda d, g: odd.giant_page(d / "giant.pdf"), TEXT, odd.WORDS),
    Case("30000 x 30000 1-bit scan", lambda d, g: odd.huge_monochrome(d / "mono30k.pdf"), TEXT, odd.WORDS),
    Case("CCITT G4 scan", lambda d, g: odd.ccitt_scan(d / "fax.pdf"), TEXT, odd.WORDS),
    Case("CMYK JPEG scan", lambda d, g: odd.cmyk_jpeg_scan(d / "cmyk.pdf"), TEXT, odd.WORDS),
    Case("JBIG2 scan", lambda d, g: odd.jbig2_scan(d / "jbig2.pdf"), TEXT, odd.WORDS),
    Case("filled-in form", lambda d, g: odd.form_pdf(d / "form.pdf"), TEXT, odd.WORDS + "\nMaria Conceição"),
    *[
        Case(
            f"xref table {how}",
            lambda d, g, how=how: odd.broken_xref(d / f"xref-{how}.pdf", how),
            TEXT,
            odd.WORDS,
        )
        for how in ("shifted", "lost")
    ],
    # With no trailer there is no /Root to rebuild from: PDFium gives up, and says so in one line.
    Case(
        "xref table and trailer absent",
        lambda d, g: odd.broken_xref(d / "xref-absent.pdf", "absent"),
        SENTENCE,
        "damaged",
    ),
    Case("Portuguese name", _copy_of_good("Relatório de ação nº 3 — cópia.pdf"), TEXT, odd.WORDS),
    Case("CJK name", _copy_of_good("報告書 第1号.pdf"), TEXT, odd.WORDS),
    Case("emoji name", _copy_of_good("📄 recibo 🎉.pdf"), TEXT, odd.WORDS),
]


def _owner_only(source: Path, target: Path) -> Path:
    """Encrypted with an empty user password: it opens for anyone, as many bank statements do."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="", owner_password="dono", algorithm="AES-128")
    with target.open("wb") as handle:
        writer.write(handle)
    return target


@dataclass
class Run:
    returncode: int
    stderr: str
    jobs: dict[str, dict[str, object]]  # file name -> its final JSON "job" record
    out: Path
    worker_peak_rss: int
    leftovers: list[int]


def run_watched(args: list[str | Path], out: Path, env: dict[str, str], timeout: float = 240) -> Run:
    """``scriba ocr`` with JSON progress, sampling its workers' memory until it exits."""
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "ocr", *map(str, args), "--out-dir", str(out), "--progress", "json"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak, seen = 0, set()
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        parent = psutil.Process(process.pid)
        while not stop.is_set():
            try:
                children = parent.children(recursive=True)
            except psutil.NoSuchProcess:
                return
            for child in children:
                try:
                    peak = max(peak, child.memory_info().rss)
                    seen.add(child)
                except psutil.NoSuchProcess:
                    continue
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    finally:
        process.kill()  # only reached alive on a hang; the test then fails on the timeout
        stop.set()
        sampler.join()
    jobs = {}
    for line in stdout.splitlines():
        record = json.loads(line)
        if record["event"] == "job":
            jobs[Path(record["file"]).name] = record
    gone, alive = psutil.wait_procs(list(seen), timeout=3)
    return Run(process.returncode, stderr, jobs, out, peak, [p.pid for p in alive])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Path], Run, Run]]:
    """Every case made in one folder, then two runs: without a password, and encrypted files with it."""
    folder = tmp_path_factory.mktemp("odd")
    good = odd.scan_of_words(folder / "source.scan")
    paths = {case.name: case.make(folder, good) for case in CASES}
    env = {
        **os.environ,
        "SCRIBA_CACHE_DIR": str(folder / "cache"),
        "SCRIBA_LOG_DIR": str(folder / "logs"),
        "LANG": "C.UTF-8",
    }
    env.pop("LC_ALL", None)
    plain = run_watched(["--workers", "2", *paths.values()], folder / "out", env)
    locked = [paths[f"encrypted {a}, no password"] for a in ENCRYPTED]
    with_password = run_watched(["--workers", "2", "--password", PASSWORD, *locked], folder / "out-pw", env)
    yield paths, plain, with_password


def _output(run: Run, path: Path) -> str:
    return (run.out / (path.stem + ".txt")).read_text(encoding="utf-8")


def _close_enough(expected: str, actual: str) -> bool:
    return char_error_rate(expected, actual) < 0.05


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_odd_input_gives_text_or_one_sentence(
    corpus: tuple[dict[str, Path], Run, Run], case: Case
) -> None:
    # Given the odd file, processed in one batch with all the others
    paths, run, _ = corpus
    path = paths[case.name]
    job = run.jobs[path.name]
    mentions = [line for line in run.stderr.splitlines() if path.name in line]
    # Then it got an answer, with no traceback anywhere
    assert "Traceback" not in run.stderr
    if case.expect == TEXT:
        assert job["state"] == "done" and not job["failed_pages"], (job, mentions)
        assert _close_enough(case.words, _output(run, path)), _output(run, path)
        assert not mentions
    elif case.expect == SENTENCE:
        assert job["state"] == "failed"
        assert not (run.out / (path.stem + ".txt")).exists()
        [line] = mentions  # one line, naming the file
        assert case.words in line, line
    else:  # damaged in ways PDFium may or may not repair: text, or failed pages and sentences
        if job["state"] == "done":
            # one line per unreadable page, and one naming the pages that drew blank, if any
            assert len(mentions) == len(job["failed_pages"]) + bool(job["blank_pages"]), mentions
            assert (run.out / (path.stem + ".txt")).exists()
        else:
            assert job["state"] == "failed"
            [line] = mentions
            assert "damaged" in line, line


def test_the_batch_ends_with_exit_1_bounded_memory_and_no_process_left(
    corpus: tuple[dict[str, Path], Run, Run],
) -> None:
    _, run, with_password = corpus
    # Then the batch as a whole reports its failures, every input has a final record,
    assert run.returncode == 1
    assert len(run.jobs) == len(CASES)
    # no worker ever held more than 600 MB (the pixel cap keeps the giant pages small)
    assert 0 < run.worker_peak_rss < WORKER_RSS_LIMIT, run.worker_peak_rss / 1024**2
    # and nothing outlived the run
    assert run.leftovers == [] and with_password.leftovers == []


def test_the_right_password_opens_every_encryption(corpus: tuple[dict[str, Path], Run, Run]) -> None:
    paths, _, run = corpus
    assert run.returncode == 0, run.stderr
    for algorithm in ENCRYPTED:
        path = paths[f"encrypted {algorithm}, no password"]
        assert run.jobs[path.name]["state"] == "done"
        assert _close_enough(odd.WORDS, _output(run, path)), algorithm
