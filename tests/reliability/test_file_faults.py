"""Faults around the user's files: sources that change or vanish mid-run, folders that refuse writes.

Read-only folders are made with ``chattr +i`` (immutable), because these tests run as root in CI
and root ignores permission bits; where the file system has no such flag the test is skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.core.jobs import JobRequest, JobState
from app.core.running.scheduler import JobManager
from tests.integration.corpus import many_pages, run_cli
from tests.integration.test_jobs import Recorder, wait_for
from tests.pdfgen import char_error_rate
from tests.reliability import odd_inputs as odd


@pytest.fixture
def immutable() -> Iterator[Callable[[Path], Path]]:
    """Make folders that nobody, root included, can write into; undone after the test."""
    made: list[Path] = []

    def make(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        if shutil.which("chattr") is None:
            pytest.skip("chattr is not available: no way to make a folder read-only for root")
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"this file system has no immutable flag: {done.stderr.strip()}")
        made.append(folder)
        return folder

    yield make
    for folder in made:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def _lose(path: Path, how: str) -> None:
    if how == "deleted":
        path.unlink()
    elif how == "renamed":
        path.rename(path.with_name("renamed.pdf"))
    elif how == "rewritten":
        path.write_bytes(path.read_bytes())  # same bytes, new mtime: still "changed" for us
    elif how == "appended to":
        with path.open("ab") as handle:
            handle.write(b"\n% an incremental update\n")
    elif how == "folder removed":
        shutil.rmtree(path.parent)
    else:
        raise ValueError(how)


@pytest.mark.parametrize("how", ["deleted", "renamed", "rewritten", "appended to", "folder removed"])
def test_a_source_that_changes_mid_run_fails_the_job_clearly(tmp_path: Path, how: str) -> None:
    # Given a long document being read (in its own folder, which may disappear like a network share)
    (tmp_path / "share").mkdir()
    pdf = many_pages(tmp_path / "share", "processo.pdf", 8)
    recorder = Recorder()
    with JobManager(2, None) as manager:
        manager.add_listener(recorder)
        job = manager.submit(JobRequest(pdf))
        wait_for(lambda: len(recorder.pages(job)) >= 1)
        # When the file is deleted, renamed, rewritten or its folder removed under our feet
        _lose(pdf, how)
        assert manager.wait(120)
        finished = recorder.finished(job)
    # Then the job fails with one sentence saying so, before reading every page of a file that is gone
    assert finished is not None and finished.state is JobState.FAILED
    assert finished.error_code == "changed"
    assert finished.error == "processo.pdf: the file changed or disappeared while it was being read."
    assert len(recorder.pages(job)) < 8


def test_an_unwritable_out_dir_gives_one_sentence_exit_1_and_no_file(
    tmp_path: Path, immutable: Callable[[Path], Path]
) -> None:
    # Given a good scan and an output folder that refuses new files (even to root)
    pdf = odd.scan_of_words(tmp_path / "carta.pdf")
    out = immutable(tmp_path / "out")
    # When it is exported there
    done = run_cli("ocr", pdf, "--out-dir", out, "--progress", "none", "--no-cache")
    # Then the run fails with one sentence naming the target, and nothing, not even a temp file, is left
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"scriba: Cannot write {out / 'carta.txt'}")
    assert list(out.iterdir()) == []


def test_an_out_dir_that_cannot_exist_is_a_usage_error(tmp_path: Path) -> None:
    # Given an output folder "inside" a regular file (cannot be created, whoever asks)
    pdf = odd.scan_of_words(tmp_path / "carta.pdf")
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder")
    done = run_cli("ocr", pdf, "--out-dir", blocker / "out", "--progress", "none")
    # Then it says so before any work, with exit 2
    assert done.returncode == 2
    assert f"cannot create {blocker / 'out'}" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("where", ["read-only folder", "under a file"])
def test_an_unusable_cache_folder_warns_once_and_ocr_still_works(
    tmp_path: Path, immutable: Callable[[Path], Path], where: str
) -> None:
    # Given a cache location that cannot be created or written
    if where == "read-only folder":
        cache = immutable(tmp_path / "profile") / "cache"
    else:
        (tmp_path / "file").write_text("x")
        cache = tmp_path / "file" / "cache"
    pdf = odd.scan_of_words(tmp_path / "carta.pdf")
    env = {**os.environ, "SCRIBA_CACHE_DIR": str(cache)}
    # When a document is read
    done = run_cli("ocr", pdf, "-o", tmp_path / "carta.txt", "--progress", "none", env=env)
    # Then it is read all the same, and the only complaint is one line about the cache
    assert done.returncode == 0, done.stderr
    assert char_error_rate(odd.WORDS, (tmp_path / "carta.txt").read_text()) < 0.05
    [line] = done.stderr.strip().splitlines()
    assert "result cache" in line and "continuing without it" in line


def test_a_path_longer_than_windows_max_path_is_read_and_written(tmp_path: Path) -> None:
    # Given a scan 300+ characters deep in nested folders (Windows' old limit is 260)
    folder = tmp_path
    while len(str(folder)) < 300:
        folder = folder / "Processos digitalizados do escritório de advocacia"
    folder.mkdir(parents=True)
    pdf = odd.scan_of_words(folder / "Petição inicial — versão final assinada.pdf")
    assert len(str(pdf)) > 260
    # When it is read with the export beside it
    done = run_cli("ocr", pdf, "--progress", "none")
    # Then the text comes out next to the source
    assert done.returncode == 0, done.stderr
    text = pdf.with_suffix(".txt").read_text(encoding="utf-8")
    assert char_error_rate(odd.WORDS, text) < 0.05
