"""Scriba's benchmark: speed against OCRmyPDF and a naive baseline, efficiency, memory, latency.

    uv run --group bench python bench/run.py            # ~20 min on 2 cores
    uv run --group bench python bench/run.py --full     # adds the 900-page memory run (~10 min more)

Prints a Markdown report and writes it to bench/out/results-<time>.md. Inputs are generated
into bench/out/ on the first run (nothing is downloaded). Needs the apt packages tesseract-ocr,
tesseract-ocr-por, tesseract-ocr-eng, poppler-utils and ghostscript (for OCRmyPDF and the naive
baseline; Scriba itself needs none of them).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import corpus
import report
from accuracy import mean_cer
from proctree import Run, run

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
LANG = "por+eng"
WORKERS = 2


def scriba_cmd(source: Path, out: Path, workers: int = WORKERS) -> list[str | Path]:
    return [
        BIN / "scriba", "ocr", source, "-o", out, "--workers", str(workers),
        "--lang", LANG, "--progress", "json", "--no-cache",
    ]  # fmt: skip


def ocrmypdf_cmd(source: Path, out: Path, workers: int = WORKERS) -> list[str | Path]:
    # --output-type none: no PDF is written, only the sidecar text (OCRmyPDF's fastest text mode);
    # --deskew --rotate-pages: the cleanup Scriba does too (it straightens crooked pages by default)
    return [
        BIN / "ocrmypdf", "-q", "-j", str(workers), "-l", LANG, "--force-ocr", "--deskew", "--rotate-pages",
        "--output-type", "none", "--sidecar", out, source, "-",
    ]  # fmt: skip


def naive_cmd(source: Path, out: Path) -> list[str | Path]:
    return [sys.executable, BENCH / "naive.py", source, out, LANG]


def checked(result: Run, what: str) -> Run:
    if result.returncode != 0:
        raise SystemExit(f"{what} failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return result


def json_of(cmd: list[str | Path], env: dict[str, str] | None = None) -> dict[str, object]:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{cmd[1]} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def speed(source: Path, pages: int, reps: int, with_naive: bool) -> dict[str, object]:
    """Alternating repetitions; the order rotates each round so no tool always runs first."""
    out = corpus.OUT
    tools = ["scriba", "ocrmypdf", "limit"] + (["naive"] if with_naive else [])
    walls: dict[str, list[float]] = {t: [] for t in tools}
    first_page: list[float] = []
    breakdown: dict[str, list[float]] = {}
    for rep in range(reps):
        order = tools[rep % len(tools) :] + tools[: rep % len(tools)]
        for tool in order:
            print(f"  round {rep + 1}/{reps}: {tool}", file=sys.stderr, flush=True)
            target = out / f"speed-{tool}.txt"
            if tool == "scriba":
                result = checked(run(scriba_cmd(source, target)), "scriba")
                walls[tool].append(result.wall)
                if result.first_page is not None:
                    first_page.append(result.first_page)
            elif tool == "ocrmypdf":
                walls[tool].append(checked(run(ocrmypdf_cmd(source, target)), "ocrmypdf").wall)
            elif tool == "naive":
                walls[tool].append(checked(run(naive_cmd(source, target)), "naive").wall)
            else:
                times = json_of([sys.executable, BENCH / "limit.py", source, str(pages)])
                walls[tool].append(sum(times["recognize"]) / WORKERS)  # type: ignore[arg-type]
                breakdown = times  # type: ignore[assignment]
    truth = source.with_suffix(".json")
    every_page = tuple(range(pages))
    cer = {t: mean_cer(out / f"speed-{t}.txt", truth, every_page) for t in tools if t != "limit"}
    return {"walls": walls, "first_page": first_page, "breakdown": breakdown, "cer": cer}


def long_job(source: Path, pages: int) -> dict[str, object]:
    """Efficiency where start-up (~0.4 s: Python, workers, models) no longer weighs: one round;
    then each page once through the worker's pipeline in one process: what each step costs."""
    print(f"  long job: {pages} pages", file=sys.stderr, flush=True)
    scriba = checked(run(scriba_cmd(source, corpus.OUT / f"long-{pages}.txt")), "scriba").wall
    times = json_of([sys.executable, BENCH / "limit.py", source, str(pages)])
    print(f"  long job: steps of {pages} pages", file=sys.stderr, flush=True)
    steps = json_of([sys.executable, BENCH / "limit.py", "--steps", source, "--pages", str(pages)])
    return {
        "pages": pages,
        "scriba": scriba,
        "limit": sum(times["recognize"]) / WORKERS,  # type: ignore[arg-type]
        "steps": steps["pages"],
    }


def memory(source: Path, pages: int) -> dict[str, float]:
    print(f"  memory: {pages} pages", file=sys.stderr, flush=True)
    result = checked(run(scriba_cmd(source, corpus.OUT / f"memory-{pages}.txt"), memory=True), "scriba")
    return {
        "pages": pages,
        "peak_mb": result.peak_pss / 2**20,
        "processes": result.peak_processes,
        "samples": result.samples,
        "wall": result.wall,
        "pages_per_s": pages / result.wall,
    }


def born_digital(source: Path, pages: int, reps: int) -> dict[str, object]:
    walls = []
    for rep in range(reps):
        print(f"  born-digital round {rep + 1}/{reps}", file=sys.stderr, flush=True)
        result = checked(run(scriba_cmd(source, corpus.OUT / "digital.txt")), "scriba")
        sources = {e.get("source") for e in result.events if e.get("event") == "page"}
        if sources != {"text"}:
            raise SystemExit(f"born-digital pages were not all taken from the text layer: {sources}")
        walls.append(result.wall)
    return {"pages": pages, "walls": walls}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=20, help="pages of the speed comparison file")
    parser.add_argument("--reps", type=int, default=3, help="alternating repetitions of the comparison")
    parser.add_argument("--memory-pages", type=int, default=100)
    parser.add_argument("--digital-pages", type=int, default=400)
    parser.add_argument("--full", action="store_true", help="also the 900-page memory run")
    parser.add_argument("--no-naive", action="store_true", help="skip the (slow) naive baseline")
    parser.add_argument("--no-gui", action="store_true", help="skip the window's stall measurement")
    parser.add_argument("--only-speed", action="store_true", help="only the alternating comparison")
    parser.add_argument(
        "--only-long", action="store_true", help="only the long job's efficiency and steps (--memory-pages)"
    )
    args = parser.parse_args()
    if not (BIN / "ocrmypdf").exists():
        raise SystemExit("OCRmyPDF is missing: run with `uv run --group bench python bench/run.py`")
    if os.environ.get("OMP_THREAD_LIMIT"):
        print("note: OMP_THREAD_LIMIT is set in this shell; unset it for comparable numbers", file=sys.stderr)

    started = time.time()
    load_before = os.getloadavg()
    results: dict[str, object] = {"args": vars(args)}
    if args.only_long:
        results["long"] = long_job(corpus.scanned(args.memory_pages), args.memory_pages)
    else:
        scan = corpus.scanned(args.pages)
        print(f"speed: {args.pages} pages x {args.reps} rounds", file=sys.stderr, flush=True)
        results["speed"] = speed(scan, args.pages, args.reps, not args.no_naive)
    if not (args.only_speed or args.only_long):
        big = corpus.scanned(args.memory_pages)
        results["long"] = long_job(big, args.memory_pages)
        results["memory"] = [memory(big, args.memory_pages)]
        if args.full:
            results["memory"].append(memory(corpus.scanned(900), 900))  # type: ignore[attr-defined]
        digital = corpus.born_digital(args.digital_pages)
        results["digital"] = born_digital(digital, args.digital_pages, 2)
        print("  latency", file=sys.stderr, flush=True)
        results["latency"] = json_of([sys.executable, BENCH / "latency.py", scan, "3"])
        if not args.no_gui:
            print("  window stall", file=sys.stderr, flush=True)
            results["gui"] = json_of([sys.executable, BENCH / "gui_stall.py", big])
    results["machine"] = report.machine(load_before, os.getloadavg(), time.time() - started)
    text = report.markdown(results, " ".join(["uv run --group bench python bench/run.py", *sys.argv[1:]]))
    corpus.OUT.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (corpus.OUT / f"results-{stamp}.md").write_text(text, encoding="utf-8")
    (corpus.OUT / f"results-{stamp}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
