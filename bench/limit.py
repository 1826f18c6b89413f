"""What the cores can do: each page's pure recognition time in one warm engine, one process.

Pages are rendered first (as Scriba renders them) and turned upright with their known rotation,
so only ``TesserocrEngine.recognize`` is timed. Render and the quick orientation look that
Scriba takes before reading each page are timed separately, page by page, to show where the
rest of Scriba's time goes.

Usage: OMP_THREAD_LIMIT=1 python bench/limit.py IN.pdf PAGES  → one JSON object on stdout
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

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
    document = open_pdf(source, None)
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


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]))))
