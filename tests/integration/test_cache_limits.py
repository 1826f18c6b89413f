"""The cache's limits with real processes: one cap for the window and the CLI, eviction at job end."""

from __future__ import annotations

import os
from pathlib import Path

from app.core.defaults import MIB
from app.core.jobs import JobRequest, JobState
from app.core.running.scheduler import JobManager
from app.core.storage.cache import ResultCache
from tests.integration.corpus import EN_PAGES, page_events, run_cli, scan
from tests.unit.test_cache_store import cached_documents, fill


def over_its_cap(folder: Path) -> int:
    """Three documents of ~0.3 MiB each under a stored cap of 0.5 MiB, as the window stores it.

    Returns the cache's result bytes: what it holds before anything evicts."""
    cache = fill(folder)
    cache.set_limits(MIB // 2, 90, evict=False)
    held = cache.info().result_bytes
    assert held > MIB // 2
    cache.close()
    return held


def test_a_cache_over_its_cap_shrinks_at_the_next_job_end_not_at_open(tmp_path: Path) -> None:
    # Given a cache over its stored cap, opened for a run
    folder = Path(os.environ["SCRIBA_CACHE_DIR"])
    held = over_its_cap(folder)
    cache = ResultCache.open()
    assert cache.info().result_bytes == held
    # When a document is read
    pdf = scan(tmp_path, "carta.pdf", EN_PAGES)
    with JobManager(1, cache, record_jobs=False) as manager:
        job = manager.submit(JobRequest(pdf))
        assert manager.wait(timeout=120)
        assert manager.state(job) is JobState.DONE
        assert "quick brown" in manager.results(job)[0].text
    # Then, at its end, the least recently used documents went, down to the cap
    assert cached_documents(cache) == ["new"]
    assert cache.info().documents == 2  # "new" and the letter just read
    assert cache.info().result_bytes <= MIB // 2
    cache.close()


def test_scriba_cache_info_shows_the_cap_and_evicts_nothing() -> None:
    held = over_its_cap(Path(os.environ["SCRIBA_CACHE_DIR"]))
    info = run_cli("cache", "info")
    assert info.returncode == 0
    assert "documents: 3" in info.stdout
    assert "limit:     0.5 MiB, 90 days" in info.stdout
    assert "documents: 3" in run_cli("cache", "info").stdout
    assert ResultCache.open().info().result_bytes == held


def test_scriba_ocr_keeps_the_cache_to_the_stored_cap_not_its_own_default(tmp_path: Path) -> None:
    # Given a cache of ~0.9 MiB, far under the 2 GiB default, whose stored cap is 0.5 MiB
    over_its_cap(Path(os.environ["SCRIBA_CACHE_DIR"]))
    # When `scriba ocr` reads a letter
    pdf = scan(tmp_path, "carta.pdf", EN_PAGES)
    done = run_cli("ocr", pdf, "-o", tmp_path / "out.txt", "--progress", "json")
    assert done.returncode == 0
    assert {e["source"] for e in page_events(done.stdout)} == {"ocr"}
    # Then it evicted to the stored cap, least recently used first, and kept the letter
    cache = ResultCache.open()
    assert cached_documents(cache) == ["new"]
    assert cache.info().result_bytes <= MIB // 2
    again = run_cli("ocr", pdf, "-o", tmp_path / "again.txt", "--progress", "json")
    assert {e["source"] for e in page_events(again.stdout)} == {"cache"}
    cache.close()
