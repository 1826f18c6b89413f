"""The realistic corpus through Scriba and OCRmyPDF with the same cleanup: wall, CER of both, step costs.

    uv run --group bench python bench/real_pages.py                    # 46 pages x 3 rounds, ~10 min quiet
    uv run --group bench python bench/real_pages.py --sets 2 --rounds 2
    uv run --group bench python bench/real_pages.py --no-ocrmypdf --rounds 1 --scriba-root ../old

The corpus is ``real_corpus.build(sets)``: ten files of an office's scans per set (gray, JPEG and
CCITT G4 PDFs, a multi-page G4 TIFF, JPEG and PNG images, scans with a scanner's garbage text
layer, a born-digital PDF), 46 pages with known text. Both tools read all of it with two workers:

- Scriba: one command for every file, ``scriba ocr FILES --out-dir DIR --workers 2
  --lang por+eng --no-cache``;
- OCRmyPDF: one command per file (it takes one input), ``ocrmypdf -q -j 2 -l por+eng --force-ocr
  --deskew --rotate-pages --output-type none --sidecar OUT.txt IN -`` (its fastest text mode),
  with ``--image-dpi 300`` for an image file, which it converts itself (img2pdf, the multi-page
  TIFF too): the same inputs, no conversion outside the timed command. Its wall is the sum over
  the files, so its start-up is paid once a file, as a user running it over a folder pays it.

Rounds alternate, the order rotating each round (``run.speed``'s way). CER is over each page's
whole text, whitespace ignored, in each tool's own reading order, from the last round. Then each
page goes once through Scriba's own pipeline in one process (``limit.py --steps``): what each
step costs a page. Prints a Markdown report.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import real_corpus
from limit import step_table
from proctree import run as watched
from real_corpus import CorpusFile

from tests.pdfgen import char_error_rate

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
BIN = Path(sys.executable).parent
TOOLS = ("scriba", "ocrmypdf")


def scriba(files: list[CorpusFile], out: Path, root: Path, env: dict[str, str]) -> float:
    """Scriba from the checkout at ``root`` (another one: an older version, for before and after)."""
    command = [
        sys.executable, "-m", "app", "ocr", *(str(f.path) for f in files), "--out-dir", str(out),
        "--workers", "2", "--lang", "por+eng", "--no-cache",
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=root, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"scriba failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def ocrmypdf_cmd(source: Path, sidecar: Path) -> list[str | Path]:
    image = ["--image-dpi", "300"] if source.suffix.lower() in (".tif", ".jpg", ".png") else []
    return [
        BIN / "ocrmypdf", "-q", "-j", "2", "-l", "por+eng", "--force-ocr", "--deskew", "--rotate-pages",
        *image, "--output-type", "none", "--sidecar", sidecar, source, "-",
    ]  # fmt: skip


def ocrmypdf(files: list[CorpusFile], out: Path) -> list[float]:
    """Each file through OCRmyPDF, one after the other: the wall of each."""
    walls = []
    for item in files:
        result = watched(ocrmypdf_cmd(item.path, out / (item.path.stem + ".txt")))
        if result.returncode != 0:
            raise SystemExit(f"ocrmypdf failed on {item.path.name}:\n{result.stderr[-2000:]}")
        walls.append(result.wall)
    return walls


def pages_of(folder: Path, item: CorpusFile) -> list[str]:
    path = folder / (item.path.stem + ".txt")
    return path.read_text(encoding="utf-8").split("\f") if path.exists() else []


def cer_rows(files: list[CorpusFile], outputs: dict[str, Path]) -> list[tuple[str, str, dict[str, float]]]:
    """(file, kind, CER of each tool) for every page."""
    rows = []
    for item in files:
        got = {tool: pages_of(folder, item) for tool, folder in outputs.items()}
        for index, (kind, text) in enumerate(zip(item.kinds, item.texts, strict=True)):
            rates = {
                tool: char_error_rate(text, pages[index] if index < len(pages) else "")
                for tool, pages in got.items()
            }
            rows.append((item.path.name, kind, rates))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", type=int, default=1, help="sets of the corpus (46 pages each)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    parser.add_argument("--no-ocrmypdf", action="store_true", help="Scriba alone")
    parser.add_argument("--no-steps", action="store_true", help="skip the per-step table")
    parser.add_argument("--scriba-root", type=Path, default=ROOT, help="the checkout whose Scriba is run")
    args = parser.parse_args()
    files = real_corpus.build(args.sets)
    count = sum(len(f.texts) for f in files)
    tools = ["scriba"] if args.no_ocrmypdf else list(TOOLS)
    load_before = os.getloadavg()
    walls: dict[str, list[float]] = {tool: [] for tool in tools}
    per_file: list[list[float]] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = {
            **os.environ,
            "SCRIBA_CACHE_DIR": str(folder / "cache"),
            "SCRIBA_LOG_DIR": str(folder / "logs"),
        }
        outputs = {tool: folder / tool for tool in tools}
        for out in outputs.values():
            out.mkdir()
        for rep in range(args.rounds):
            for tool in tools[rep % len(tools) :] + tools[: rep % len(tools)]:
                print(f"  round {rep + 1}/{args.rounds}: {tool}", file=sys.stderr, flush=True)
                if tool == "scriba":
                    walls[tool].append(scriba(files, outputs[tool], args.scriba_root, env))
                else:
                    per_file.append(ocrmypdf(files, outputs[tool]))
                    walls[tool].append(sum(per_file[-1]))
        print("  CER", file=sys.stderr, flush=True)
        rows = cer_rows(files, outputs)
    steps = None
    if not args.no_steps:
        print("  steps", file=sys.stderr, flush=True)
        command = [sys.executable, str(BENCH / "limit.py"), "--steps", *(str(f.path) for f in files)]
        steps = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)

    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = f"{load_before[0]:.1f} / {os.getloadavg()[0]:.1f}"
    print(f"# Realistic corpus, {when}, load (1 min) at start / end {load}\n")
    print(f"- command: `uv run --group bench python bench/real_pages.py {' '.join(sys.argv[1:])}`")
    print(f"- {count} pages in {len(files)} files ({args.sets} set(s)), Scriba from {args.scriba_root}\n")
    print("| file | page | " + " | ".join(f"{t} CER" for t in tools) + " |")
    print("|---|---|" + "---|" * len(tools))
    for file, kind, rates in rows:
        print(f"| {file} | {kind} | " + " | ".join(f"{rates[t]:.3f}" for t in tools) + " |")
    print()
    for tool in tools:
        cers = [rates[tool] for _, _, rates in rows]
        print(
            f"- {tool}: mean CER {statistics.mean(cers):.4f} over {len(cers)} pages, "
            f"{sum(c > 0.05 for c in cers)} pages above 5 %; "
            f"wall per round {', '.join(f'{w:.1f}' for w in walls[tool])} s"
        )
    if len(tools) == 2:
        ratios = [s / o for s, o in zip(walls["scriba"], walls["ocrmypdf"], strict=True)]
        verdict = "PASS" if statistics.median(ratios) <= 0.3 else "FAIL"
        print(
            f"- wall, Scriba ÷ OCRmyPDF: {statistics.median(ratios):.2f} "
            f"(rounds {', '.join(f'{r:.2f}' for r in ratios)}); target ≤ 0.3: {verdict}"
        )
        middle = [statistics.median(column) for column in zip(*per_file, strict=True)]
        print(
            "- OCRmyPDF per file, median s: "
            + ", ".join(f"{f.path.name} {w:.1f}" for f, w in zip(files, middle, strict=True))
        )
    if steps is not None:
        print("\nEach page once through Scriba's pipeline, one process (`bench/limit.py --steps`):\n")
        print(step_table(steps["pages"], frozenset(f.path.name for f in files if "layer" in f.path.name)))


if __name__ == "__main__":
    main()
