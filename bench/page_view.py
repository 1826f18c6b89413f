"""The review pane with a 900-page document: listing it, switching pages, thumbnails in view.

    uv run python bench/page_view.py [--pages 900]

One real page is read by the workers (a full A4 page of print, ~250 words), and its result is
given to every page of a 900-page scanned PDF, so the pane has real word boxes everywhere. The
pane runs offscreen with the real preview child. Prints medians in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=900)
    count = parser.parse_args().pages
    work = Path(tempfile.mkdtemp(prefix="scriba-pageview-"))
    os.environ["SCRIBA_CACHE_DIR"] = str(work / "cache")
    os.environ["SCRIBA_LOG_DIR"] = str(work / "logs")
    import psutil
    from PySide6.QtWidgets import QApplication

    from app.core.jobs import JobRequest, JobState
    from app.core.running.scheduler import JobManager
    from app.gui.preview_service import PreviewService
    from app.gui.review import ReviewPane
    from tests.integration.corpus import lines_of_print
    from tests.pdfgen import images_pdf, page_image

    full = images_pdf(work / "one.pdf", [page_image(lines_of_print(1, count=30), dpi=200)])
    with JobManager(1, None) as manager:
        job = manager.submit(JobRequest(full))
        assert manager.wait(120) and manager.state(job) is JobState.DONE
        (read,) = manager.results(job)
    pictures = [page_image(f"Folha {n + 1}", dpi=40, noise=False) for n in range(count)]
    pdf = images_pdf(work / "long.pdf", pictures, dpi=40)
    pages = [replace(read, page=n) for n in range(count)]

    app = QApplication.instance() or QApplication([])
    previews = PreviewService()
    pane = ReviewPane(previews)
    pane.resize(1300, 800)
    pane.show()

    def settle(condition: object, timeout: float = 60.0) -> float:
        started = time.perf_counter()
        while not condition():  # type: ignore[operator]
            app.processEvents()
            if time.perf_counter() - started > timeout:
                raise TimeoutError
        return time.perf_counter() - started

    try:
        started = time.perf_counter()
        if os.environ.get("PROFILE"):
            import cProfile

            cProfile.runctx("pane.set_document(pdf, None, pages)", globals(), locals(), sort="cumtime")
        else:
            pane.set_document(pdf, None, pages)
        listed = time.perf_counter() - started
        first_image = settle(lambda: pane.image.pixmap() is not None)
        visible = pane.thumbnails.visible_rows()
        thumbs = settle(lambda: all(pane.thumbnails.has_picture(r) for r in visible))
        switches = []
        for row in range(10, 400, 13):
            started = time.perf_counter()
            pane.page_list.setCurrentRow(row)
            switches.append(time.perf_counter() - started)
        settle(lambda: pane.image.pixmap() is not None)
        drawn = sum(pane.thumbnails.has_picture(r) for r in range(count))
        rss = psutil.Process().memory_info().rss / 2**20
        print(f"pages: {count}, words on each page: {len(read.words)}")
        print(f"set_document (list {count} rows, show page 1): {listed * 1000:.0f} ms")
        print(f"first page image shown after: {first_image * 1000:.0f} ms")
        print(f"thumbnails of the {len(visible)} rows in view shown after: {thumbs * 1000:.0f} ms")
        print(
            f"switching pages (text, marks, spans, image asked): median {statistics.median(switches) * 1000:.1f} ms,"
            f" max {max(switches) * 1000:.1f} ms over {len(switches)}"
        )
        print(f"rows with a thumbnail after jumping through 30 pages: {drawn} of {count}")
        print(f"window process RSS: {rss:.0f} MB")
    finally:
        pane.close()
        previews.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
