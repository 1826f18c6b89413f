"""Re-opening a finished 900-page document from the result cache: the whole command and the window.

    uv run --group bench python bench/cache_reopen.py [--pages 900] [--rounds 5] [--without-layout] [--no-window]

Makes a small-resolution scanned PDF with N pages, OCRs a sample page for real to get a realistic
PageResult (text + word boxes, its text laid out as a worker lays it out), checkpoints it for
every page into a fresh cache under the key the JobManager computes, then, alternating, in fresh
processes as a user re-opening the document would:

- times the whole `scriba ocr FILE -o out.txt` command (process start to exit; every page must
  come from the cache), and the same with `-o -`, wall and CPU (the command and its children);
- times a drop of the file on the window (bench/window_scale.py --drop): from the controller's
  add_files call to the row saying done and the review pane showing page 1's text.

``--without-layout`` stores the pages as a cache from before stored layouts holds them (laid out
when read). Python runs with its bytecode cache, as an installed Scriba does; a first untimed run
writes it. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TEXT = "\n".join(
    f"Linha {i}: o réu não compareceu à audiência de conciliação marcada para março." for i in range(30)
)


def _cache(work: Path, pages: int, layout: bool) -> tuple[Path, int, object]:
    """The N-page PDF and its pages in a fresh cache under ``work``: (pdf, words a page, info)."""
    from PIL import Image

    from app.core.export.stored_layout import with_layout
    from app.core.options import OcrOptions
    from app.core.reading.document import file_sha256, open_pdf
    from app.core.reading.engines import engine_version
    from app.core.reading.pages import PageContext, process_page
    from app.core.storage.cache import ResultCache
    from tests.pdfgen import page_image, scanned_pdf

    sample = scanned_pdf(work / "sample.pdf", [TEXT], dpi=300, font_pt=10)
    document, opened_with = open_pdf(sample, None)  # the document, and the password form that opened it
    result = process_page(PageContext(), document, sample, opened_with, 0, OcrOptions())
    if layout:
        result = with_layout(result)  # what the worker sends
    blank = page_image("x", dpi=20, noise=False)
    big = work / "big.pdf"
    blank.save(big, "PDF", resolution=20, save_all=True, append_images=[blank] * (pages - 1))
    del Image
    key = OcrOptions().cache_key(engine_version("tesserocr"))
    digest = file_sha256(big)
    cache = ResultCache.open()
    cache.set_document(digest, key, big.name, pages, False)
    for page in range(pages):
        cache.put_page(digest, key, dataclasses.replace(result, page=page))
    info = cache.info()
    cache.close()
    return big, len(result.words), info


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (the process and the children it waited for) and stdout."""
    from proctree import run

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = run(cmd, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{cmd} failed: {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.wall, cpu, json.dumps(done.events)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=900)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--without-layout", action="store_true", help="a cache from before stored layouts")
    parser.add_argument("--no-window", action="store_true", help="the command only")
    args = parser.parse_args()
    from report import machine

    load_before = os.getloadavg()
    begun = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="scriba-bench-"))
    os.environ["SCRIBA_CACHE_DIR"] = str(work / "cache")
    os.environ["SCRIBA_LOG_DIR"] = str(work / "logs")
    big, words, info = _cache(work, args.pages, not args.without_layout)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    python = sys.executable
    commands = {
        "whole `scriba ocr big.pdf -o out.txt`": [
            python, "-m", "app", "ocr", str(big), "-o", str(work / "out.txt"), "--progress", "json"
        ],
        "the same with `-o -` (text to stdout)": [python, "-m", "app", "ocr", str(big), "-o", "-"],
    }  # fmt: skip
    window = [python, str(ROOT / "bench" / "window_scale.py"), "--drop", str(big)]
    for cmd in commands.values():  # untimed: writes the bytecode cache, warms the disk cache
        subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, check=True)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    drops: list[dict[str, float]] = []
    for _ in range(args.rounds):
        for name, cmd in commands.items():
            wall, cpu, events = _timed(cmd, env)
            times[name].append((wall, cpu))
            if "--progress" in cmd:
                pages = [e for e in json.loads(events) if e.get("event") == "page"]
                assert {e["source"] for e in pages} == {"cache"} and len(pages) == args.pages, len(pages)
        if not args.no_window:
            done = subprocess.run(window, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
            drops.append(json.loads(done.stdout.strip().splitlines()[-1]))
    about = machine(load_before, os.getloadavg(), time.perf_counter() - begun)
    rows = [(name, [w for w, _ in runs], [c for _, c in runs]) for name, runs in times.items()]
    if drops:
        rows.append(
            (
                "window: drop to row done + page 1 shown",
                [d["drop_to_shown_s"] for d in drops],
                [d["cpu_s"] for d in drops],
            )
        )
    print(f"`{' '.join(['python', 'bench/cache_reopen.py', *sys.argv[1:]])}`")
    print(
        f"Machine: {about['cpu']}, {about['cores']} cores, Python {about['python']}; {about['date']}; "
        f"load {about['load'][0]} -> {about['load'][1]}; {args.pages} pages of {words} words "
        f"({'no stored layout: a cache from before' if args.without_layout else 'layouts stored'}); "
        f"{args.rounds} rounds, alternating.\n"
    )
    print("| measured | median wall (s) | min-max wall (s) | median CPU (s) | target |")
    print("|---|---|---|---|---|")
    for name, walls, cpus in rows:
        target = "" if "stdout" in name else "<= 1 s"
        print(
            f"| {name} | {statistics.median(walls):.2f} | {min(walls):.2f}-{max(walls):.2f} "
            f"| {statistics.median(cpus):.2f} | {target} |"
        )
    print(
        f"\ncache on disk: {info.bytes / 1e6:.1f} MB = {info.bytes / args.pages / 1024:.1f} KB per page "  # type: ignore[attr-defined]
        f"(stored results {info.result_bytes / args.pages / 1024:.1f} KB per page)"  # type: ignore[attr-defined]
    )


if __name__ == "__main__":
    main()
