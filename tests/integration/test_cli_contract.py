"""``scriba ocr`` as scripts use it: bad inputs, exit codes, Ctrl+C, paths with accents."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.integration.corpus import EN_PAGES, long_document, run_cli, scan, start_ocr, wait_for_pages
from tests.pdfgen import char_error_rate, encrypted_copy, text_pdf


def bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Each bad file and the words its one-sentence error must contain."""
    good = scan(tmp, "good source.pdf", EN_PAGES)
    data = good.read_bytes()
    cases = {
        "missing": (tmp / "nowhere.pdf", "does not exist"),
        "empty": (tmp / "empty.pdf", "is empty"),
        "not a pdf": (tmp / "notes.pdf", "not a PDF"),
        "truncated": (tmp / "truncated.pdf", "damaged"),
        "garbage after header": (tmp / "garbage.pdf", "damaged"),
        "needs password": (tmp / "locked.pdf", "protected by a password"),
        "zero pages": (tmp / "zero.pdf", "no pages"),
    }
    (tmp / "empty.pdf").write_bytes(b"")
    (tmp / "notes.pdf").write_text("Minutes of the meeting: nothing to report.\n")
    (tmp / "truncated.pdf").write_bytes(data[:200])
    (tmp / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(5000))
    encrypted_copy(good, tmp / "locked.pdf", "segredo")
    from pypdf import PdfWriter

    with (tmp / "zero.pdf").open("wb") as handle:
        PdfWriter().write(handle)
    return cases


def test_every_bad_input_gets_one_sentence_and_the_good_file_is_still_done(tmp_path: Path) -> None:
    # Given a batch of broken files with one good file among them
    cases = bad_inputs(tmp_path)
    good = scan(tmp_path, "Relatório ção (1).pdf", EN_PAGES)
    inputs = [p for p, _ in cases.values()] + [good]
    out = tmp_path / "out"
    # When they are processed together
    done = run_cli("ocr", *inputs, "--out-dir", out, "--progress", "none")
    # Then the run reports failure, names each bad file in one line without a traceback
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    for path, words in cases.values():
        [line] = [line for line in lines if path.name in line]
        assert words in line, line
    assert len(lines) == len(cases)
    # And the good file's text was written despite them
    text = (out / "Relatório ção (1).txt").read_text(encoding="utf-8")
    assert char_error_rate(EN_PAGES[0], text) < 0.03
    assert sorted(p.name for p in out.iterdir()) == ["Relatório ção (1).txt"]


def test_password_protected_pdf_reads_with_the_right_password_only(tmp_path: Path) -> None:
    good = scan(tmp_path, "letter.pdf", EN_PAGES)
    locked = encrypted_copy(good, tmp_path / "locked.pdf", "segredo")
    wrong = run_cli("ocr", locked, "-o", tmp_path / "w.txt", "--password", "errada")
    assert wrong.returncode == 1
    assert "password is not correct" in wrong.stderr
    right = run_cli("ocr", locked, "-o", tmp_path / "r.txt", "--password", "segredo")
    assert right.returncode == 0, right.stderr
    assert char_error_rate(EN_PAGES[0], (tmp_path / "r.txt").read_text()) < 0.03


def case_file(tmp: Path, pages: int) -> Path:
    """A born-digital file of ``pages`` pages, each "Folha N:" and 160 numbered words (~2 KB)."""
    texts = [f"Folha {n}: " + " ".join(f"palavra{n}x{w}" for w in range(160)) for n in range(1, pages + 1)]
    return text_pdf(tmp / "autos.pdf", texts, font_pt=4)


#: The environment of a user's shell: standard output buffered (this machine sets PYTHONUNBUFFERED).
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


@pytest.mark.parametrize("pages", [1, 120], ids=["one short page", "more than a pipe holds"])
def test_text_written_to_standard_output_arrives_whole(tmp_path: Path, pages: int) -> None:
    # Given a born-digital file: a line of text, or far more than a pipe's buffer (64 KB)
    pdf = case_file(tmp_path, pages)
    # When its text goes to standard output, buffered as a user's shell has it (the command
    # then ends at once, without the interpreter's teardown)
    done = run_cli("ocr", pdf, "-o", "-", "--lang", "por", env=BUFFERED)
    # Then every page's text came through the pipe, the last one included
    assert done.returncode == 0, done.stderr
    for n in sorted({1, (pages + 1) // 2, pages}):
        assert f"Folha {n}:" in done.stdout and f"palavra{n}x159" in done.stdout


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    # Given the text of 200 pages going to a reader that takes only its first bytes (``| head``)
    pdf = case_file(tmp_path, 200)
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "ocr", str(pdf), "-o", "-", "--lang", "por"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=BUFFERED,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100).startswith("Folha 1:")
    process.stdout.close()
    # Then the command ends quietly, saying it did not deliver everything
    with process.stderr:
        errors = process.stderr.read()
    assert process.wait(60) == 1
    assert "Traceback" not in errors


@pytest.mark.parametrize(
    "args",
    [
        ["ocr"],
        ["ocr", "a.pdf", "b.pdf", "-o", "x.txt"],
        ["ocr", "a.pdf", "--workers", "0"],
        ["ocr", "a.pdf", "--lang", "klingon"],
        ["ocr", "a.pdf", "--format", "odt"],
        ["cache", "explode"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    done = run_cli(*args, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip()
    assert "Traceback" not in done.stderr


def test_messages_follow_a_portuguese_locale(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "pt_BR.UTF-8"}
    done = run_cli("ocr", tmp_path / "sumiu.pdf", env=env, timeout=60)
    assert done.returncode == 1
    assert "sumiu.pdf: o arquivo não existe." in done.stderr


def _as_a_terminal_starts_it() -> None:
    """Ctrl+C as a terminal's foreground job receives it: a run started from a script's background
    job (``cmd &``) inherits SIGINT ignored, and the CLI then rightly keeps ignoring it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(
    os.name != "posix", reason="sends SIGINT to a process group as a terminal does (POSIX only)"
)
def test_ctrl_c_stops_everything_within_two_seconds(tmp_path: Path) -> None:
    # Given a long run in its own process group, as a terminal starts it
    pdf = long_document(tmp_path, "long.pdf", 40)
    process = start_ocr(
        pdf,
        tmp_path / "long.txt",
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_as_a_terminal_starts_it,
    )
    assert process.stdout is not None
    wait_for_pages(process)  # real progress: the workers are busy
    tree = psutil.Process(process.pid).children(recursive=True)
    assert len(tree) >= 2
    # When Ctrl+C reaches the whole group
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    code = process.wait(timeout=10)
    elapsed = time.monotonic() - started
    process.stdout.close()
    assert process.stderr is not None
    stderr = process.stderr.read()
    process.stderr.close()
    # Then it exits 130 within 2 s, says so in one line, and leaves nothing running
    assert code == 130, stderr
    assert elapsed < 2.0
    assert "Traceback" not in stderr
    gone, alive = psutil.wait_procs(tree, timeout=2)
    assert not alive
    assert not (tmp_path / "long.txt").exists()


def test_workers_of_a_killed_run_leave_quietly(tmp_path: Path) -> None:
    # Given a long run whose workers are busy reading pages
    pdf = long_document(tmp_path, "long.pdf", 40)
    process = start_ocr(pdf, tmp_path / "long.txt", stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    wait_for_pages(process)
    workers = psutil.Process(process.pid).children(recursive=True)
    # When the run itself is killed outright (Task Manager, kill -9), not its workers
    process.kill()
    process.wait(timeout=10)
    # Then the workers notice, stop within seconds, and print no traceback on the way out
    gone, alive = psutil.wait_procs(workers, timeout=10)
    for child in alive:
        child.kill()
    stderr = process.stderr.read()  # ends once every process that shared the stream is gone
    process.stdout.close()
    process.stderr.close()
    assert not alive
    assert "Traceback" not in stderr, stderr


def test_plain_text_written_by_the_command_itself_fails_in_one_sentence(
    tmp_path: Path,
) -> None:
    # Given a document read once (its pages now in the cache)
    pdf = scan(tmp_path, "carta.pdf", EN_PAGES)
    assert run_cli("ocr", pdf, "-o", tmp_path / "first.txt").returncode == 0
    # When its text is asked for in a folder that does not exist, and then where it can be written
    missing = run_cli("ocr", pdf, "-o", tmp_path / "nowhere" / "carta.txt")
    written = run_cli("ocr", pdf, "-o", tmp_path / "again.txt")
    # Then the failure is one sentence naming the file and the reason, without a traceback
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    [line] = missing.stderr.strip().splitlines()
    assert "carta.txt" in line and "does not exist" in line, line
    # And the text written is the first run's, byte for byte
    assert written.returncode == 0
    assert (tmp_path / "again.txt").read_bytes() == (tmp_path / "first.txt").read_bytes()
