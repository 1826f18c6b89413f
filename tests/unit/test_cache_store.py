"""The split cache on real SQLite: opening never evicts, stored limits, journal apart from pages."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from app.core import defaults
from app.core.jobs import JobRequest
from app.core.options import OcrOptions
from app.core.results import PageResult, PageSource
from app.core.storage.cache import DB_NAME, ResultCache
from app.core.storage.limits import CacheLimits

#: A page's text: ~100 KB, so three documents of three pages hold ~0.9 MB of results.
TEXT = "Certidão de intimação do processo número 4711. " * 2_100


def fill(folder: Path, pages: int = 3) -> ResultCache:
    """Documents "old", "middle" and "new", used in that order, of ``pages`` ~100 KB pages each."""
    cache = ResultCache.open(folder)
    for name in ("old", "middle", "new"):
        cache.set_document(name, "k", f"{name}.pdf", pages, False)
        for page in range(pages):
            cache.put_page(name, "k", PageResult(page, f"{name} {page} {TEXT}", PageSource.OCR, 90.0))
        time.sleep(0.01)
    return cache


def cached_documents(cache: ResultCache) -> list[str]:
    return [name for name in ("old", "middle", "new") if cache.lookup(name, "k").pages]


def test_opening_a_cache_over_its_cap_leaves_it_as_it_is(tmp_path: Path) -> None:
    # Given a cache of three documents whose stored cap now holds only one of them
    cache = fill(tmp_path)
    one_document = cache.info().result_bytes // 3
    cache.set_limits(int(one_document * 1.5), 90, evict=False)
    before = cache.info()
    cache.close()
    # When it is opened again, twice (a window starting, `scriba cache info`)
    for _ in range(2):
        reopened = ResultCache.open(tmp_path)
        # Then nothing was evicted: every page is still there
        assert reopened.limits.max_bytes == int(one_document * 1.5)
        assert reopened.info().result_bytes == before.result_bytes
        assert cached_documents(reopened) == ["old", "middle", "new"]
        reopened.close()
    # And the explicit eviction (a job's end) keeps only the most recently used one
    reopened = ResultCache.open(tmp_path)
    assert reopened.evict() == 2
    assert cached_documents(reopened) == ["new"]
    assert reopened.info().result_bytes <= reopened.limits.max_bytes
    reopened.close()


def test_limits_live_in_the_cache_and_every_open_reads_them(tmp_path: Path) -> None:
    # Given a new cache: the shared defaults, 2 GiB and 90 days
    fresh = ResultCache.open(tmp_path)
    assert fresh.limits == CacheLimits(defaults.CACHE_MAX_BYTES, defaults.CACHE_MAX_AGE_DAYS)
    assert defaults.CACHE_MAX_BYTES == 2048 * 1024 * 1024
    # When someone chooses 300 MiB and 30 days
    fresh.set_limits(300 * defaults.MIB, 30)
    fresh.close()
    # Then the next open, in any process, has them; an override for one object is not stored
    again = ResultCache.open(tmp_path)
    assert again.limits == CacheLimits(300 * defaults.MIB, 30.0)
    assert again.info().limits == again.limits
    again.close()
    ResultCache.open(tmp_path, max_bytes=5 * defaults.MIB).close()
    assert ResultCache.open(tmp_path).limits == CacheLimits(300 * defaults.MIB, 30.0)


def test_unreadable_stored_limits_fall_back_to_the_defaults(tmp_path: Path) -> None:
    ResultCache.open(tmp_path).close()
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.execute("INSERT INTO settings VALUES ('max_bytes', 'lots'), ('max_age_days', '30')")
    assert ResultCache.open(tmp_path).limits == CacheLimits()


def test_clearing_the_pages_keeps_the_resume_journal_and_the_limits(tmp_path: Path) -> None:
    # Given cached pages, an unfinished document and a chosen cap
    cache = fill(tmp_path)
    unfinished = JobRequest(tmp_path / "longo.pdf", OcrOptions(languages="por"))
    cache.remember_job(unfinished, "d" * 64)
    cache.set_limits(500 * defaults.MIB, 60)
    # When the cache is cleared
    cache.clear()
    # Then the text is gone, from the file too, but the document is still offered and the cap kept
    assert cache.info().documents == 0 and cache.info().pages == 0
    assert b"intima" not in b"".join(p.read_bytes() for p in tmp_path.glob(DB_NAME + "*"))
    assert [(r.path, r.options.languages) for r in cache.pending_jobs()] == [(unfinished.path, "por")]
    cache.close()
    reopened = ResultCache.open(tmp_path)
    assert reopened.limits == CacheLimits(500 * defaults.MIB, 60.0)
    assert [r.path for r in reopened.pending_jobs()] == [unfinished.path]
    # And forgetting the job leaves pages cached since alone
    reopened.set_document("h", "k", "a.pdf", 1, False)
    reopened.put_page("h", "k", PageResult(0, "Intimação", PageSource.OCR, 90.0))
    reopened.forget_job(unfinished.path)
    assert reopened.pending_jobs() == []
    assert reopened.lookup("h", "k").pages[0].text == "Intimação"
    reopened.close()


def test_a_write_that_cannot_even_begin_turns_the_cache_off_instead_of_failing_the_caller(
    tmp_path: Path,
) -> None:
    # Given a cache whose file turns into something SQLite cannot open after it was checked
    from app.core.storage.database import Database

    db = Database(tmp_path / "gone")
    (tmp_path / "gone").mkdir()
    db.path.mkdir()  # a folder where the database file should be: connecting fails
    # When a write is attempted
    with db.writing() as conn:
        ran = conn
    # Then the block ran without a connection, and the cache says it is off and why
    assert ran is None
    assert not db.enabled
    assert db.warning and "stopped working" in db.warning
