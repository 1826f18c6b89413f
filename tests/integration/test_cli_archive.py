"""`scriba ocr` with many documents in one command: every page read, each document let go once
exported, memory that does not grow with the number of documents."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pytest

from app.cli.main import _ocr_parser
from app.cli.ocr import export_as_finished
from app.core.jobs import JobEvent, JobFinished, JobRequest
from app.core.running.export_process import ExportProcess
from app.core.running.scheduler import JobManager
from app.core.storage.cache import ResultCache
from tests.integration.corpus import ROOT, page_text, run_cli
from tests.pdfgen import char_error_rate, scanned_pdf


def distinct_documents(tmp: Path, count: int, pages: int) -> list[Path]:
    """``count`` documents of ``pages`` pages each, no two with the same bytes (the cache must not
    take one for another): document d's page p says ``page_text(p)`` and its own number."""
    return [
        scanned_pdf(
            tmp / f"d{d:03d}.pdf", [f"{page_text(p)}\nDocumento {d + 1}" for p in range(pages)], dpi=150
        )
        for d in range(count)
    ]


def test_each_document_is_let_go_once_exported_and_every_export_has_its_pages(tmp_path: Path) -> None:
    # Given three documents read by a manager with the cache on, as `scriba ocr` reads them
    sources = distinct_documents(tmp_path, 3, 2)
    args = _ocr_parser().parse_args([*map(str, sources), "--out-dir", str(tmp_path / "out")])
    (tmp_path / "out").mkdir()
    finished: queue.SimpleQueue[JobFinished] = queue.SimpleQueue()

    def on_event(event: JobEvent) -> None:
        if isinstance(event, JobFinished):
            finished.put(event)

    cache = ResultCache.open()
    exports = ExportProcess()
    exports.start()
    try:
        with JobManager(2, cache, record_jobs=False) as manager:
            manager.add_listener(on_event)
            jobs = {
                manager.submit(JobRequest(s, use_cache=True)): tmp_path / "out" / f"{s.stem}.txt"
                for s in sources
            }
            ids = list(jobs)
            # When each is exported as it finishes
            status = export_as_finished(manager, exports, finished, dict(jobs), "txt", args)
            manager.with_cache(lambda _cache: None).result(30)  # commands run in order: forgets done
            # Then every document was let go: no pages, no cache key left in the manager
            assert status == 0
            assert all(manager.results(job) == [] and manager.document_hash(job) is None for job in ids)
        # And every export holds its document's pages, and the cache every page
        for number, target in enumerate(jobs.values()):
            texts = target.read_text(encoding="utf-8").split("\f")
            assert len(texts) == 2
            for page, text in enumerate(texts):
                assert char_error_rate(f"{page_text(page)}\nDocumento {number + 1}", text) < 0.05, text
        assert cache.info().pages == 6
    finally:
        exports.close()
        cache.close()


def test_a_batch_of_more_documents_than_are_open_at_once_reads_every_page_with_the_cache_on(
    tmp_path: Path,
) -> None:
    # Given nine documents (more than the four open at once) and the cache on
    sources = distinct_documents(tmp_path, 9, 2)
    out = tmp_path / "out"
    # When one command reads them all
    done = run_cli("ocr", *sources, "--out-dir", out, "--workers", "2", "--progress", "json")
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    # Then every document finished with both its pages
    jobs = [e for e in events if e["event"] == "job"]
    assert [(e["state"], e["pages"], e["failed_pages"]) for e in jobs] == [("done", 2, [])] * 9
    # And no more than four were open at any time, opened in the order given
    started = [Path(e["file"]).name for e in events if e["event"] == "start"]
    assert set(started[:4]) == {s.name for s in sources[:4]} and sorted(started) == [s.name for s in sources]
    open_at_once, most = 0, 0
    for event in events:
        open_at_once += {"start": 1, "job": -1}.get(event["event"], 0)
        most = max(most, open_at_once)
    assert 2 <= most <= 4  # four open; one may finish before the last of them is counted
    for number, source in enumerate(sources):
        texts = (out / f"{source.stem}.txt").read_text(encoding="utf-8").split("\f")
        truths = [f"{page_text(p)}\nDocumento {number + 1}" for p in range(2)]
        assert len(texts) == 2 and all(
            char_error_rate(a, b) < 0.05 for a, b in zip(truths, texts, strict=True)
        )
    # And a second run is served from the cache: every page, none read again
    again = run_cli("ocr", *sources, "--out-dir", out, "--progress", "json")
    pages = [json.loads(line) for line in again.stdout.splitlines() if '"event": "page"' in line]
    assert again.returncode == 0 and len(pages) == 18 and {p["source"] for p in pages} == {"cache"}


def tree_pss(root: psutil.Process) -> int:
    total = 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_full_info().pss
        except psutil.Error:
            continue  # it ended between listing and reading
    return total


@pytest.mark.slow
def test_memory_of_forty_documents_in_one_command_does_not_grow(tmp_path: Path) -> None:
    # Given forty three-page documents, no two alike
    sources = distinct_documents(tmp_path, 40, 3)
    # When one command reads them, the whole tree's PSS measured as each document finishes
    process = psutil.Popen(
        [sys.executable, "-m", "app", "ocr", *map(str, sources), "--out-dir", str(tmp_path / "out")]
        + ["--workers", "2", "--progress", "json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    at_job: list[int] = []
    reader = threading.Thread(
        target=lambda: at_job.extend(tree_pss(process) for line in process.stdout if '"event": "job"' in line)
    )
    reader.start()
    reader.join(600)
    process.stdout.close()
    assert process.wait(60) == 0
    # Then all forty finished, and the memory after the fortieth is within 40 MB of the tenth
    assert len(at_job) == 40
    assert at_job[-1] - at_job[9] < 40 * 2**20, [round(p / 2**20) for p in at_job]
    assert sorted(p.stem for p in (tmp_path / "out").iterdir()) == [s.stem for s in sources]
