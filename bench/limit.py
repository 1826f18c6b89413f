"""What the cores can do: each page's pure recognition time in one warm engine, one process.

Pages are rendered first (as Scriba renders them) and turned upright with their known rotation,
so only ``TesserocrEngine.recognize`` is timed. Render and the quick orientation look that
Scriba takes before reading each page are timed separately, page by page, to show where the
rest of Scriba's time goes.

With ``--steps``, each page of the files goes through the worker's own pipeline instead
(``Source.read_page``, one ``PageContext`` kept between pages, the default options): what each
step of a page cost (``PageTimings``), its source and skew, page by page; ``step_table`` prints them.

Usage: OMP_THREAD_LIMIT=1 python bench/limit.py IN.pdf PAGES  → one JSON object on stdout
       python bench/limit.py --steps FILE... [--pages N]     → one JSON object on stdout
"""

from __future__ import annotations

import dataclasses
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ["OMP_THREAD_LIMIT"] = "1"  # as in Scriba's workers, before Tesseract loads

from corpus import rotation_of  # noqa: E402  (also puts the project root on sys.path)


def main(source: Path, count: int) -> dict[str, list[float]]:
    from app.core.options import OcrOptions
    from app.core.reading.document import open_pdf
    from app.core.reading.engines import TesserocrEngine
    from app.core.reading.orientation import quick_rotation, upright
    from app.core.reading.render import PdfiumRenderer, page_scale
    from app.core.running.limits import keep_freed_memory_for_reuse

    keep_freed_memory_for_reuse()  # as Scriba's workers do: recognition then faults in no memory
    options = OcrOptions()
    document, _ = open_pdf(source, None)
    renderer = PdfiumRenderer()
    engine = TesserocrEngine(options.languages)
    times: dict[str, list[float]] = {"render": [], "orient": [], "recognize": []}
    images = []
    for index in range(count):
        page = document[index]
        scale = page_scale(page, options)
        page.close()
        started = time.perf_counter()
        image = renderer.render(document, source, None, index, scale)
        rendered = time.perf_counter()
        quick_rotation(engine, image, scale)
        times["render"].append(rendered - started)
        times["orient"].append(time.perf_counter() - rendered)
        rotation = rotation_of(index)
        images.append(upright(image, rotation) if rotation else image)
    engine.recognize(images[0], 300)  # warm: first-call allocations are not part of the limit
    for image in images:
        started = time.perf_counter()
        engine.recognize(image, 300)
        times["recognize"].append(time.perf_counter() - started)
    return times


def steps(files: list[Path], most: int | None = None) -> dict[str, Any]:
    """Every page of ``files`` (the first ``most`` of each) read as a worker reads it: per page,
    its ``PageTimings`` fields, ``seconds``, ``source`` and ``skew``."""
    from app.core.options import OcrOptions
    from app.core.reading.pages import PageContext
    from app.core.reading.sources import open_source
    from app.core.running.limits import keep_freed_memory_for_reuse
    from app.core.running.worker import with_text_laid_out

    keep_freed_memory_for_reuse()
    options = OcrOptions()
    context = PageContext()
    context.engine(options)  # loaded before the first page, as a worker's is after its first
    pages: list[dict[str, Any]] = []
    for path in files:
        document = open_source(path, None)
        try:
            for index in range(min(document.page_count, most or document.page_count)):
                result = with_text_laid_out(document.read_page(context, index, options))
                pages.append(
                    {
                        "file": path.name,
                        "page": index,
                        "source": result.source.value,
                        "skew": result.skew,
                        "seconds": result.seconds,
                        **dataclasses.asdict(result.timings),
                    }
                )
        finally:
            document.close()
    return {"pages": pages}


def _ms(values: list[float]) -> str:
    return f"{statistics.mean(values) * 1000:.1f} (max {max(values) * 1000:.0f})" if values else "—"


def step_table(pages: list[dict[str, Any]], layered: frozenset[str] = frozenset()) -> str:
    """A Markdown table of what each step costs a page that pays it, as a share of a mean page;
    ``layered``: names of the files whose scans carry a text layer (refused or not)."""
    page = statistics.mean(p["seconds"] for p in pages)
    ocr = [p for p in pages if p["source"] != "text"]
    plain = [p for p in ocr if p["file"] not in layered]
    rows = [
        ("render (open, draw or decode)", [p["render"] for p in pages]),
        ("text-layer check, scans without a layer", [p["text_layer"] for p in plain if p["text_layer"] > 0]),
        (
            "text-layer check, born-digital pages (taken)",
            [p["text_layer"] for p in pages if p["source"] == "text"],
        ),
        (
            "text-layer check, scans with a layer (refused)",
            [p["text_layer"] for p in ocr if p["file"] in layered],
        ),
        ("deskew: measure the tilt (pages left straight)", [p["deskew"] for p in ocr if p["skew"] == 0]),
        ("deskew: measure and turn (crooked pages)", [p["deskew"] for p in ocr if p["skew"] != 0]),
        ("orientation looks (and any second reading)", [p["orient"] for p in ocr]),
        (
            "blank looks, incl. the second look for faint print",
            [p["blank"] for p in ocr if p["blank"] > 0.0005],
        ),
        ("recognition (first reading)", [p["recognize"] for p in ocr]),
        ("ª º § ° @ pass", [p["legal"] for p in ocr if p["legal"] > 0]),
        ("word boxes mapped and packed", [p["boxes"] for p in ocr]),
        ("text laid out for the cache (stored layout)", [p["text_layout"] for p in ocr]),
    ]
    from app.core.results import PageTimings

    fields = [field.name for field in dataclasses.fields(PageTimings)]
    rows.append(("other (outside the steps)", [p["seconds"] - sum(p[f] for f in fields) for p in pages]))
    lines = [
        f"{len(pages)} pages ({len(ocr)} read by OCR), mean page {page:.3f} s.",
        "",
        "| step | pages that pay it | ms per such page, mean (max) | share of a mean page |",
        "|---|---|---|---|",
    ]
    for name, values in rows:
        share = f"{statistics.mean(values) / page:.1%}" if values else "—"
        lines.append(f"| {name} | {len(values)} | {_ms(values)} | {share} |")
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1] == "--steps":
        arguments = sys.argv[2:]
        most = None
        if "--pages" in arguments:
            at = arguments.index("--pages")
            most = int(arguments[at + 1])
            del arguments[at : at + 2]
        print(json.dumps(steps([Path(a) for a in arguments], most)))
    else:
        print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]))))
