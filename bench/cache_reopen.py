"""Time to re-open a finished 900-page document from the result cache, and the cache's size per page.

    uv run python bench/cache_reopen.py [--pages 900]

Makes a small-resolution scanned PDF with N pages, OCRs a sample page for real to get a realistic
PageResult (text + word boxes), checkpoints it for every page into a fresh cache under the key
the JobManager computes, then times `scriba ocr FILE -o out.txt` (every page must come from the
cache) in a fresh process, as a user re-opening the document would.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TEXT = "\n".join(
    f"Linha {i}: o réu não compareceu à audiência de conciliação marcada para março." for i in range(30)
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=900)
    args = parser.parse_args()
    from PIL import Image

    from app.core.export.stored_layout import with_layout
    from app.core.options import OcrOptions
    from app.core.reading.document import file_sha256, open_pdf
    from app.core.reading.engines import engine_version
    from app.core.reading.pages import PageContext, process_page
    from app.core.storage.cache import ResultCache
    from tests.pdfgen import page_image, scanned_pdf

    work = Path(tempfile.mkdtemp(prefix="scriba-bench-"))
    os.environ["SCRIBA_CACHE_DIR"] = str(work / "cache")
    sample = scanned_pdf(work / "sample.pdf", [TEXT], dpi=300, font_pt=10)
    document, opened_with = open_pdf(sample, None)  # the document, and the password form that opened it
    result = with_layout(process_page(PageContext(), document, sample, opened_with, 0, OcrOptions()))
    blank = page_image("x", dpi=20, noise=False)
    big = work / "big.pdf"
    blank.save(big, "PDF", resolution=20, save_all=True, append_images=[blank] * (args.pages - 1))
    del Image
    key = OcrOptions().cache_key(engine_version("tesserocr"))
    digest = file_sha256(big)
    cache = ResultCache.open()
    cache.set_document(digest, key, big.name, args.pages, False)
    for page in range(args.pages):
        cache.put_page(digest, key, dataclasses.replace(result, page=page))
    info = cache.info()
    cache.close()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "app", "ocr", str(big), "-o", str(work / "out.txt"), "--progress", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    wall = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "app", "ocr", str(big), "-o", "-"], capture_output=True, cwd=ROOT, check=True
    )
    to_stdout = time.perf_counter() - started
    events = [json.loads(line) for line in done.stdout.splitlines()]
    sources = {e["source"] for e in events if e["event"] == "page"}
    job = events[-1]
    assert sources == {"cache"}, sources
    print(f"pages: {args.pages}; words per page: {len(result.words)}")
    print(f"re-open from cache, whole command (process start, hash, read, export): {wall:.2f} s")
    print(f"  of which the job itself (hash + cache read + events): {job['seconds']:.2f} s")
    print(f"the same with the text to stdout (-o -: no export child): {to_stdout:.2f} s")
    print(
        f"cache on disk: {info.bytes / 1e6:.1f} MB = {info.bytes / args.pages / 1024:.1f} KB per page "
        f"(stored results {info.result_bytes / args.pages / 1024:.1f} KB per page)"
    )


if __name__ == "__main__":
    main()
