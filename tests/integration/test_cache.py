"""The result cache on real SQLite: checkpoint and resume, instant re-open, bounds, faults."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

from app.core.jobs import JobRequest, JobState
from app.core.options import OcrOptions
from app.core.results import PageResult, PageSource, Word
from app.core.running.scheduler import JobManager
from app.core.storage.cache import DB_NAME, ResultCache
from tests.integration.corpus import (
    EN_PAGES,
    killed_after,
    long_document,
    many_pages,
    page_events,
    run_cli,
    scan,
)
from tests.old_caches import old_cache


def test_a_run_killed_mid_document_resumes_with_only_the_missing_pages(tmp_path: Path) -> None:
    pdf = many_pages(tmp_path, "processo.pdf", 12)
    reference = run_cli("ocr", pdf, "-o", tmp_path / "reference.txt", "--no-cache")
    assert reference.returncode == 0
    # Given a run killed outright (no chance to clean up) after a few pages
    killed_after(pdf, tmp_path / "killed.txt", 4)
    assert not (tmp_path / "killed.txt").exists()
    # When the same document is run again
    again = run_cli("ocr", pdf, "-o", tmp_path / "resumed.txt", "--progress", "json")
    assert again.returncode == 0
    # Then the pages finished before the kill come from the cache and only the rest are OCR'd
    sources = [e["source"] for e in page_events(again.stdout)]
    assert sources.count("cache") >= 4
    assert sources.count("ocr") == 12 - sources.count("cache")
    # And the result equals an uninterrupted run's, byte for byte
    assert (tmp_path / "resumed.txt").read_bytes() == (tmp_path / "reference.txt").read_bytes()


def test_same_bytes_under_another_name_hit_and_changed_language_misses(tmp_path: Path) -> None:
    pdf = scan(tmp_path, "carta.pdf", EN_PAGES * 2)
    first = run_cli("ocr", pdf, "-o", tmp_path / "1.txt", "--progress", "json")
    assert {e["source"] for e in page_events(first.stdout)} == {"ocr"}
    copy = tmp_path / "other folder" / "cópia da carta.pdf"
    copy.parent.mkdir()
    shutil.copy(pdf, copy)
    hit = run_cli("ocr", copy, "-o", tmp_path / "2.txt", "--progress", "json")
    assert {e["source"] for e in page_events(hit.stdout)} == {"cache"}
    assert (tmp_path / "2.txt").read_text() == (tmp_path / "1.txt").read_text()
    miss = run_cli("ocr", copy, "-o", tmp_path / "3.txt", "--progress", "json", "--lang", "eng")
    assert {e["source"] for e in page_events(miss.stdout)} == {"ocr"}
    bypass = run_cli("ocr", copy, "-o", tmp_path / "4.txt", "--progress", "json", "--no-cache")
    assert {e["source"] for e in page_events(bypass.stdout)} == {"ocr"}


def test_a_corrupt_database_is_set_aside_with_one_warning(tmp_path: Path) -> None:
    cache_dir = Path(os.environ["SCRIBA_CACHE_DIR"])
    cache_dir.mkdir(parents=True)
    (cache_dir / DB_NAME).write_bytes(b"this is not a database" * 1000)
    pdf = scan(tmp_path, "carta.pdf", EN_PAGES)
    done = run_cli("ocr", pdf, "-o", tmp_path / "out.txt")
    assert done.returncode == 0
    assert done.stderr.count("damaged") == 1
    assert "Invoice" in (tmp_path / "out.txt").read_text()
    assert len(list(cache_dir.glob("results.corrupt-*.sqlite3"))) == 1
    again = run_cli("ocr", pdf, "-o", tmp_path / "out2.txt", "--progress", "json")
    assert {e["source"] for e in page_events(again.stdout)} == {"cache"}
    assert again.stderr == ""


def filled_cache(folder: Path, pages: int = 300) -> ResultCache:
    cache = ResultCache.open(folder)
    cache.set_document("d" * 64, "k", "processo.pdf", pages, False)
    for page in range(pages):
        cache.put_page("d" * 64, "k", fake_page(page))
    return cache


def damage_the_middle(database: Path) -> None:
    """Overwrite a few of the file's 4 KB pages halfway through with bytes SQLite cannot read."""
    middle = database.stat().st_size // 2 // 4096 * 4096
    with database.open("r+b") as file:
        file.seek(middle)
        file.write(b"\xff" * 4096 * 4)


def test_damage_met_in_use_sets_the_database_aside_at_the_next_open(tmp_path: Path) -> None:
    # Given a cache damaged halfway through its file after its last full check
    filled_cache(tmp_path).close()
    damage_the_middle(tmp_path / DB_NAME)
    # When it opens (reading only its header and schema) and a lookup then meets the damage
    cache = ResultCache.open(tmp_path)
    assert cache.enabled and cache.warning is None
    assert cache.lookup("d" * 64, "k").pages == {}
    # Then the cache turns itself off with one sentence, and the run goes on without it
    assert not cache.enabled
    assert cache.warning is not None and "continuing without it" in cache.warning
    cache.close()
    # And the next open checks the whole file, sets it aside and starts afresh
    reopened = ResultCache.open(tmp_path)
    assert reopened.enabled
    assert reopened.warning is not None and "damaged" in reopened.warning
    assert len(list(tmp_path.glob("results.corrupt-*.sqlite3"))) == 1
    filled = filled_cache(tmp_path, pages=3)
    assert sorted(filled.lookup("d" * 64, "k").pages) == [0, 1, 2]


def test_the_whole_file_is_checked_once_a_day(tmp_path: Path) -> None:
    # Given a cache last checked in full two days ago, damaged since
    filled_cache(tmp_path).close()
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.execute("UPDATE checks SET done=?", (time.time() - 2 * 86400,))
    damage_the_middle(tmp_path / DB_NAME)
    # Then opening it finds the damage at once
    reopened = ResultCache.open(tmp_path)
    assert reopened.enabled
    assert reopened.warning is not None and "damaged" in reopened.warning
    assert reopened.lookup("d" * 64, "k").pages == {}


def test_an_unusable_cache_location_degrades_to_no_cache(tmp_path: Path) -> None:
    # A path below a regular file cannot be created, even by root.
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    env = {**os.environ, "SCRIBA_CACHE_DIR": str(blocker / "cache")}
    pdf = scan(tmp_path, "carta.pdf", EN_PAGES)
    done = run_cli("ocr", pdf, "-o", tmp_path / "out.txt", env=env)
    assert done.returncode == 0
    assert done.stderr.count("continuing without it") == 1
    assert "Invoice" in (tmp_path / "out.txt").read_text()


def fake_page(page: int, words: int = 50) -> PageResult:
    box = [Word(f"palavra{i}", 0.1, 0.1, 0.2, 0.12, 95.0, 1, 1, i // 10) for i in range(words)]
    return PageResult(page, " ".join(w.text for w in box), PageSource.OCR, 95.0, tuple(box))


def test_least_recently_used_documents_are_evicted_first_under_the_cap(tmp_path: Path) -> None:
    cache = ResultCache.open(tmp_path / "c", max_bytes=10**9)
    for doc in ("old", "middle", "new"):
        cache.set_document(doc, "k", f"{doc}.pdf", 3, False)
        for page in range(3):
            cache.put_page(doc, "k", fake_page(page))
        time.sleep(0.01)
    cache.touch("old", "k")  # read again: now the most recently used
    one_document = cache.info().result_bytes // 3
    cache.set_limits(max_bytes=int(one_document * 2.2), max_age_days=90)
    assert cache.lookup("middle", "k").pages == {}
    assert len(cache.lookup("old", "k").pages) == 3
    assert len(cache.lookup("new", "k").pages) == 3
    cache.set_limits(max_bytes=10**9, max_age_days=0)
    assert cache.info().documents == 0
    cache.close()


def test_words_and_text_survive_the_round_trip_exactly(tmp_path: Path) -> None:
    cache = ResultCache.open(tmp_path / "c")
    result = PageResult(
        0,
        "Ação é ótima\n",
        PageSource.OCR,
        91.5,
        (Word("Ação", 0.1234, 0.2, 0.3, 0.25, 91.5, 1, 1, 1),),
        90,
        595.0,
        842.0,
        1.5,
    )
    cache.set_document("h", "k", "a.pdf", 1, False)
    cache.put_page("h", "k", result)
    [back] = cache.lookup("h", "k").pages.values()
    assert back.text == result.text and back.rotation == 90 and back.words[0].text == "Ação"
    assert abs(back.words[0].x0 - 0.1234) < 1e-4
    cache.close()


def test_clear_really_deletes_the_text(tmp_path: Path) -> None:
    pdf = scan(tmp_path, "carta.pdf", EN_PAGES)
    assert run_cli("ocr", pdf, "-o", tmp_path / "out.txt").returncode == 0
    info = run_cli("cache", "info")
    assert "documents: 1" in info.stdout
    files = lambda: b"".join(p.read_bytes() for p in Path(os.environ["SCRIBA_CACHE_DIR"]).glob("results*"))  # noqa: E731
    assert b"quick brown" in files()
    assert run_cli("cache", "clear").returncode == 0
    assert b"quick brown" not in files()
    assert "documents: 0" in run_cli("cache", "info").stdout


def test_unfinished_jobs_are_offered_after_a_restart(tmp_path: Path) -> None:
    pdf = long_document(tmp_path, "longo.pdf", 20)
    done_pdf = scan(tmp_path, "curto.pdf", EN_PAGES)
    cache = ResultCache.open()
    manager = JobManager(2, cache)
    finished = manager.submit(JobRequest(done_pdf))
    running = manager.submit(JobRequest(pdf, OcrOptions(languages="por")))
    deadline = time.monotonic() + 60
    while not (manager.state(finished) is JobState.DONE and len(manager.results(running)) >= 2):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    manager.shutdown()  # the app closes mid-job
    cache.close()
    pending = ResultCache.open().pending_jobs()
    assert [(p.path, p.options.languages) for p in pending] == [(pdf, "por")]


def test_a_page_s_skew_is_kept_and_a_cache_from_before_it_still_loads(tmp_path: Path) -> None:
    # Given a cache written before pages kept their skew: its pages table has no such column
    folder = tmp_path / "old"
    old = old_cache(folder, skew=False)
    now = time.time()
    old.execute("INSERT INTO documents VALUES ('d', 'k', 2, 0, 'a.pdf', ?, ?, 0)", (now, now))
    old.execute("INSERT INTO pages VALUES ('d', 'k', 0, 'ocr', 'Certidão', 91.0, NULL, 90, 595, 842, 0.5)")
    old.commit()
    old.close()
    # When this Scriba opens it, reads the old page and adds one straightened by -3.25 degrees
    cache = ResultCache.open(folder)
    first = cache.lookup("d", "k").pages[0]
    cache.put_page(
        "d", "k", PageResult(1, "Intimação", PageSource.OCR, 88.0, (), 0, 595, 842, 0.7, skew=-3.25)
    )
    cache.close()
    # Then the old page loads as it was, straight, and the new one keeps its skew across a reopen
    assert (first.text, first.rotation, first.skew) == ("Certidão", 90, 0.0)
    again = ResultCache.open(folder).lookup("d", "k").pages
    assert again[1].skew == -3.25 and again[1].text == "Intimação"
    assert again[0].skew == 0.0
