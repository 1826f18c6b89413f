"""Archive scale: many documents in ONE ``scriba ocr`` command against a single job of the same pages.

Generates ``--docs`` scanned PDFs of ``--pages`` pages each (bench/corpus.py's scanner pages: JPEG
at 300 DPI, one page in ten sideways and one upside down; every document has a first page of its
own, so no two have the same bytes and the cache dedupes nothing, and draws its other pages from
``--pages`` shared ones, see ``page_index``), plus one reference document of ``--pages`` pages of
the same kind. The pages are lighter than corpus's 30 lines (``--lines``,
default 6) so that the full 100 x 100 run fits in ~30 min on 2 idle cores: a 300 DPI scan costs
~0.3 s of CPU before its text (render, deskew, orientation), and measured per page with its text
(one worker, start-up included): 4 lines 0.51 s, 10 lines 0.64 s, 30 lines 1.22 s.

Then, with the cache ON as a user has it (a fresh private cache folder for each command):

1. the single job: ``scriba ocr ref.pdf --out-dir OUT --workers 2 --progress json``;
2. the archive: ``scriba ocr d001.pdf ... dNNN.pdf --out-dir OUT --workers 2 --progress json``;

each watched by bench/proctree.py (the whole tree's PSS: main process, workers, export child).
Reported: pages/s of each and their ratio (target >= 0.95), peak PSS (target <= 350 MB), PSS at
every tenth document finished, the slope of PSS against pages done (MB per 1000 pages, after the
first tenth of the run: flat means ~0), the workers' busy share (sum of page seconds / wall /
workers) and the largest gap between two page events, the cache's bytes per page (its own
``ResultCache.info()``), and that every page came out (page events, no failed page, every export
file with its pages, a few pages' text against their truth).

Usage: uv run python bench/archive_scale.py [--docs 100] [--pages 100] [--lines 6] [--workers 2]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import corpus
from proctree import Run, run
from report import machine

from tests.pdfgen import char_error_rate

MB = 1e6
SAMPLE_SECONDS = 0.5  # smaps of ~4 processes twice a second: ~0.1 % of a core


#: Corpus numbers of the documents' first pages, apart from the shared pages' 0..pages-1.
FIRST_PAGES = 1_000_000


def page_index(doc: int, page: int, pages: int) -> int:
    """Document ``doc``'s page ``page`` as a corpus page number.

    A first page of its own (its bytes make the document unlike any other: the cache, keyed by
    the file's hash, dedupes nothing); the other pages drawn from ``pages`` shared ones, each
    document starting at another one, so a page in ten is still sideways and one upside down.
    Drawing 10,000 distinct pages would take ~35 min of CPU (0.2 s a page), longer than the run.
    """
    return FIRST_PAGES + doc if page == 0 else (doc * 7 + page) % pages


@functools.cache
def scanned_page(index: int, lines: int) -> tuple[bytes, int, int]:
    return corpus.jpeg_page(index, lines)


def make_documents(folder: Path, docs: int, pages: int, lines: int) -> tuple[Path, list[Path]]:
    """The reference document (number 0) and the archive's (1..docs)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for doc in range(docs + 1):
        path = folder / f"d{doc:03d}.pdf"
        corpus.write_image_pdf(
            path, pages, lambda page, doc=doc: scanned_page(page_index(doc, page, pages), lines)
        )
        made.append(path)
    return made[0], made[1:]


def scriba(files: list[Path], work: Path, name: str, workers: int) -> tuple[Run, Path, Path]:
    out, cache = work / f"out-{name}", work / f"cache-{name}"
    env = dict(os.environ, SCRIBA_CACHE_DIR=str(cache), SCRIBA_LOG_DIR=str(work / f"logs-{name}"))
    command = [sys.executable, "-m", "app", "ocr", *map(str, files), "--out-dir", str(out)]
    command += ["--workers", str(workers), "--progress", "json"]
    result = run(command, memory=True, env=env, interval=SAMPLE_SECONDS)
    if result.returncode != 0:
        raise SystemExit(f"{name}: exit {result.returncode}\n{result.stderr[-2000:]}")
    return result, out, cache


def cache_info(cache: Path) -> tuple[Any, dict[str, int]]:
    """The cache's own account (``ResultCache.info()``) and the size of each of its files as the
    command left them (the database, and a write-ahead log if one was left behind)."""
    files = {path.name: path.stat().st_size for path in cache.iterdir() if path.is_file()}
    os.environ["SCRIBA_CACHE_DIR"] = str(cache)
    from app.core.storage.cache import ResultCache

    opened = ResultCache.open()
    try:
        return opened.info(), files
    finally:
        opened.close()


def pss_at(result: Run, when: float) -> int:
    """The tree's PSS at the last sample taken at or before ``when`` seconds."""
    earlier = [pss for at, pss in result.series if at <= when]
    return earlier[-1] if earlier else 0


def slope_mb_per_1000_pages(result: Run) -> float:
    """Least-squares slope of tree PSS against pages done, after the first tenth of the pages."""
    page_times = [at for at, e in zip(result.event_times, result.events, strict=True) if e["event"] == "page"]
    total = len(page_times)
    points = []
    done = 0
    for at, pss in result.series:
        while done < total and page_times[done] <= at:
            done += 1
        if total // 10 <= done < total:
            points.append((done, pss / MB))
    if len(points) < 2:
        return 0.0
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return 0.0
    return 1000 * sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def busy(result: Run, workers: int) -> tuple[float, float]:
    """The workers' busy share (sum of page seconds / wall / workers) and the longest page gap (s)."""
    pages = [(at, e) for at, e in zip(result.event_times, result.events, strict=True) if e["event"] == "page"]
    seconds = sum(float(e["seconds"]) for _, e in pages)
    gaps = [b[0] - a[0] for a, b in zip(pages, pages[1:], strict=False)]
    return seconds / result.wall / workers, max(gaps, default=0.0)


def steady_rate(result: Run) -> float:
    """Pages/s from the first page event to the last: start-up (interpreter, workers, first
    document's hash and count) left out, which a single job pays on fewer pages."""
    times = [at for at, e in zip(result.event_times, result.events, strict=True) if e["event"] == "page"]
    return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0


def check_pages(result: Run, out: Path, files: list[Path], pages: int, lines: int) -> dict[str, Any]:
    """Every page came out: events, states, export files; a few pages' text against their truth."""
    jobs = [e for e in result.events if e["event"] == "job"]
    page_events = [e for e in result.events if e["event"] == "page"]
    failed = [e for e in page_events if e.get("error")]
    not_done = [e["file"] for e in jobs if e["state"] != "done" or e["failed_pages"]]
    problems = []
    if len(jobs) != len(files) or not_done:
        problems.append(f"{len(jobs)} job events for {len(files)} files; not done: {not_done[:3]}")
    if len(page_events) != len(files) * pages or failed:
        problems.append(
            f"{len(page_events)} page events for {len(files) * pages} pages, {len(failed)} failed"
        )
    rates = []
    for path in files:
        text = (out / (path.stem + ".txt")).read_text(encoding="utf-8").split("\f")
        if len(text) != pages:
            problems.append(f"{path.name}: {len(text)} pages exported of {pages}")
    for path in (files[0], files[len(files) // 2], files[-1]):  # first, middle, last document
        doc = int(path.stem[1:])
        text = (out / (path.stem + ".txt")).read_text(encoding="utf-8").split("\f")
        for page in range(min(3, pages)):  # an upright page, then two of the set's (sideways at 3)
            truth = corpus.page_text(page_index(doc, page, pages), lines)
            rates.append(char_error_rate(truth, text[page] if page < len(text) else ""))
    return {"problems": problems, "cer_checked": rates}


def measure(args: argparse.Namespace) -> dict[str, Any]:
    load_before = os.getloadavg()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="scriba-archive-") as tmp:
        work = Path(tmp)
        print(f"generating {args.docs + 1} documents of {args.pages} pages ...", file=sys.stderr, flush=True)
        reference, archive = make_documents(work / "in", args.docs, args.pages, args.lines)
        print("single job ...", file=sys.stderr, flush=True)
        single, single_out, single_cache = scriba([reference], work, "single", args.workers)
        print("archive ...", file=sys.stderr, flush=True)
        many, many_out, many_cache = scriba(archive, work, "archive", args.workers)
        checks = check_pages(many, many_out, archive, args.pages, args.lines)
        single_checks = check_pages(single, single_out, [reference], args.pages, args.lines)
        info, files = cache_info(many_cache)
        single_info, _ = cache_info(single_cache)
    job_times = [at for at, e in zip(many.event_times, many.events, strict=True) if e["event"] == "job"]
    step = max(1, args.docs // 10)
    over_time = [
        (n, job_times[n - 1], pss_at(many, job_times[n - 1])) for n in range(step, args.docs + 1, step)
    ]
    total = args.docs * args.pages
    rates = {"single": args.pages / single.wall, "archive": total / many.wall}
    rates |= {"single_steady": steady_rate(single), "archive_steady": steady_rate(many)}
    return {
        "args": vars(args),
        "machine": machine(load_before, os.getloadavg(), time.monotonic() - started),
        "single": {
            "wall": single.wall,
            "peak_pss": single.peak_pss,
            "busy": busy(single, args.workers),
            "cpu_per_page": single.cpu / args.pages,
        },
        "archive": {
            "wall": many.wall,
            "peak_pss": many.peak_pss,
            "processes": many.peak_processes,
            "busy": busy(many, args.workers),
            "cpu_per_page": many.cpu / total,
            "slope": slope_mb_per_1000_pages(many),
            "over_time": over_time,
        },
        "rates": rates,
        "cache": {
            "pages": info.pages,
            "disk_per_page": info.bytes / max(1, info.pages),
            "stored_per_page": info.result_bytes / max(1, info.pages),
            "single_disk_per_page": single_info.bytes / max(1, single_info.pages),
            "files": files,
        },
        "checks": checks,
        "single_checks": single_checks,
    }


def markdown(r: dict[str, Any], command: str) -> str:
    m, a, s = r["machine"], r["archive"], r["single"]
    ratio = r["rates"]["archive"] / r["rates"]["single"]
    steady = r["rates"]["archive_steady"] / max(1e-9, r["rates"]["single_steady"])
    docs, pages = r["args"]["docs"], r["args"]["pages"]
    problems = r["checks"]["problems"] + r["single_checks"]["problems"]
    cer = r["checks"]["cer_checked"]
    lines = [
        f"## Archive scale: {docs} documents x {pages} pages, {m['date']}",
        "",
        f"- machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM; {m['os']}; Python {m['python']}",
        f"- load average (1 min) at start / end: {m['load'][0]} / {m['load'][1]}; run took {m['minutes']} min",
        f"- command: `{command}`; pages of {r['args']['lines']} lines (corpus's are 30)",
        "",
        "| measure | single job | archive (one command) | target |",
        "|---|---|---|---|",
        f"| pages | {pages} | {docs * pages} | |",
        f"| wall, s | {s['wall']:.1f} | {a['wall']:.1f} | |",
        f"| pages/s | {r['rates']['single']:.3f} | {r['rates']['archive']:.3f} | |",
        f"| throughput ratio (archive / single) | | {ratio:.3f} | >= 0.95 |",
        f"| pages/s from first page to last (no start-up) | {r['rates']['single_steady']:.3f} |"
        f" {r['rates']['archive_steady']:.3f} (ratio {steady:.3f}) | |",
        f"| CPU s per page, whole tree (load-proof; start-up included) | {s['cpu_per_page']:.3f} |"
        f" {a['cpu_per_page']:.3f} | |",
        f"| peak PSS of the tree, MB | {s['peak_pss'] / MB:.0f} | {a['peak_pss'] / MB:.0f}"
        f" ({a['processes']} processes) | <= 350 |",
        f"| PSS slope after the first tenth, MB / 1000 pages | | {a['slope']:+.2f} | ~0 (flat) |",
        f"| workers busy (sum of page s / wall / workers) | {s['busy'][0]:.1%} | {a['busy'][0]:.1%} | |",
        f"| longest gap between page events, s | {s['busy'][1]:.2f} | {a['busy'][1]:.2f} | |",
        f"| cache bytes per page: on disk (archive: / stored results) | {r['cache']['single_disk_per_page']:,.0f}"
        f" | {r['cache']['disk_per_page']:,.0f} / {r['cache']['stored_per_page']:,.0f} | |",
        f"| every page out, none failed | {'yes' if not r['single_checks']['problems'] else 'NO'} |"
        f" {'yes' if not r['checks']['problems'] else 'NO'} | all |",
        f"| CER of {len(cer)} checked pages (3 documents x 3 pages): max | | {max(cer, default=0):.4f} | |",
        "",
        "Tree PSS as documents finish (from the `job` events):",
        "",
        "| documents finished | at, s | PSS, MB |",
        "|---|---|---|",
    ]
    lines += [f"| {n} | {at:.1f} | {pss / MB:.0f} |" for n, at, pss in a["over_time"]]
    files = ", ".join(f"{name} {size / MB:.1f} MB" for name, size in sorted(r["cache"]["files"].items()))
    lines += ["", f"The archive's cache files when the command ended: {files}."]
    lines += [f"\nProblems: {'; '.join(problems)}" if problems else ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--lines", type=int, default=6, help="text lines per page (corpus: 30)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    results = measure(args)
    command = "uv run python bench/archive_scale.py " + " ".join(sys.argv[1:])
    print(markdown(results, command))
    out = corpus.OUT
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"archive-{stamp}.json").write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
