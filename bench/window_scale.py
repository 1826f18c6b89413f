"""The review pane with a 900-page document: page switches, a search over every page, memory.

Builds the real window offscreen (real AppController, JobManager, cache and preview process) over
a 900-page PDF whose pages are already in a throw-away cache: realistic OCR results, 300-400
Portuguese words a page with their boxes (lines and paragraphs as Tesseract numbers them). The
job is served from the cache, so no page is recognised; then the document is selected and

- opening it in the pane is timed (the page list filled, the first page shown); the pages come
  with their stored layouts (as workers send them), so their exact texts are there at once, and
  the rest (unsure words counted for the labels, texts folded for search) is worked out in slices
  while the window runs, and how long that takes;
- page switches (random pages, a fixed seed) are timed from the click to the page shown (text
  set, hits marked, its image asked for): 20 while the texts are worked out, 60 after;
- searches over all 900 pages are timed from the typed query to the count and marks shown
  (a frequent word, an accent-blind one, a rare one, one that is nowhere);
- the window process's resident memory is read after loading and after the searches.

Usage: uv run python bench/window_scale.py [--pages 900]  -> a report and one JSON line on stdout

With ``--drop FILE`` it times a drop instead, in the cache ``SCRIBA_CACHE_DIR`` names (made by
bench/cache_reopen.py): from ``AppController.add_files`` (what a drop calls) until the row says
done and the review pane shows page 1's text, in a window already up.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import corpus  # noqa: F401  (puts the project root on sys.path)

VOCABULARY = (
    "a o de da do que em para com por processo autor ré ação decisão sentença tribunal juiz "
    "prazo recurso certidão intimação citação petição inicial contestação audiência réu março "
    "prova testemunha perícia laudo honorários custas execução penhora bens valor atualização "
    "monetária juros indenização danos morais materiais artigo código civil lei federal parágrafo "
    "inciso comarca vara cível cartório protocolo número data assinatura advogado procuração"
).split()


def page_result(number: int, rng: random.Random) -> object:
    from app.core.export.stored_layout import with_layout
    from app.core.packed_words import PackedWords
    from app.core.results import PageResult, PageSource, Word

    words, lines = [], []
    count = rng.randint(300, 400)
    line, par, y = 0, 1, 0.06
    x = 0.08
    current: list[str] = []
    for index in range(count):
        text = rng.choice(VOCABULARY)
        if index % 11 == 0 and rng.random() < 0.3:
            text = text.capitalize()
        width = 0.0105 * len(text) + 0.004
        if x + width > 0.92:  # the line is full
            lines.append(" ".join(current))
            current = []
            line += 1
            x = 0.08
            y += 0.026
            if line % 6 == 0:  # a paragraph every six lines
                par += 1
                y += 0.02
        conf = rng.choice((96.0, 93.0, 91.0, 88.0, 72.0, 45.0))
        words.append(Word(text, x, y, x + width, y + 0.017, conf, 1, par, line))
        current.append(text)
        x += width + 0.009
    lines.append(" ".join(current))
    packed = PackedWords.of(words)  # as a worker sends a page: its words packed, its text laid out
    return with_layout(
        PageResult(number, "\n".join(lines), PageSource.OCR, 88.0, packed, width_pt=595.0, height_pt=842.0)
    )


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def _application(folder: Path) -> tuple[Any, Any]:
    """The Qt application offscreen and the window's settings, in ``folder`` (English UI)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from app.gui.main import create_application
    from app.gui.settings import Settings

    app = create_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    settings = Settings()
    settings.set("ui/language", "en")
    return app, settings


def drop_to_shown(source: Path) -> dict[str, object]:
    """Seconds from a drop of ``source`` (all its pages in the cache) to its row done and page 1's
    text in the review pane; the window is up first (its cache open and manager started)."""
    folder = Path(tempfile.mkdtemp(prefix="scriba-window-drop-"))
    os.environ.setdefault("SCRIBA_LOG_DIR", str(folder / "logs"))
    app, settings = _application(folder)
    from PySide6.QtCore import QCoreApplication

    from app.core.export.page_text import page_text
    from app.core.jobs import JobState
    from app.gui.controller import AppController
    from app.gui.main import app_icon
    from app.gui.window import MainWindow

    controller = AppController(settings)
    window = MainWindow(controller, settings, app_icon())
    window.show()
    controller.start([])
    app.processEvents()
    review = window.review

    def shown() -> bool:
        rows = controller.model.rows()
        if not rows or rows[0].state is not JobState.DONE or review.current_page() != 0:
            return False
        results = controller.results(rows[0].job_id)
        return bool(results) and review.text.toPlainText() == page_text(results[0])

    profile = None
    if os.environ.get("WINDOW_SCALE_PROFILE"):
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    arrived: list[float] = []  # when the pane was given pages: the manager's part ends there
    feed = review.update_pages
    review.update_pages = lambda pages: (pages and arrived.append(time.perf_counter()), feed(pages))[1]  # type: ignore[method-assign]
    cpu = time.process_time()
    started = time.perf_counter()
    controller.add_files([source])
    while not shown():
        if time.perf_counter() - started > 120:
            raise TimeoutError("the dropped document was not shown in time")
        app.processEvents()
        time.sleep(0.001)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    if profile is not None:
        profile.disable()
        profile.dump_stats("/tmp/drop.prof")
    rows = controller.model.rows()
    pages = len(controller.results(rows[0].job_id))
    window.close()
    QCoreApplication.processEvents()
    return {
        "pages": pages,
        "drop_to_shown_s": round(seconds, 3),
        "pages_given_s": round(arrived[0] - started, 3) if arrived else None,
        "cpu_s": round(cpu, 3),  # the window process's CPU meanwhile (GUI and manager threads)
    }


def main(pages: int) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="scriba-window-scale-"))
    os.environ["SCRIBA_CACHE_DIR"] = str(folder / "cache")
    os.environ["SCRIBA_LOG_DIR"] = str(folder / "logs")
    from PySide6.QtCore import QCoreApplication

    from app.core.jobs import JobState
    from app.core.reading.document import file_sha256
    from app.core.reading.engines import engine_version
    from app.core.storage.cache import ResultCache
    from app.gui.controller import AppController
    from app.gui.main import app_icon
    from app.gui.window import MainWindow
    from tests.pdfgen import text_pdf

    app, settings = _application(folder)

    # A real 900-page PDF (the previews draw its pages) and its pages' results in the cache.
    rng = random.Random(7)
    source = text_pdf(folder / "processo.pdf", [f"Folha {n + 1}" for n in range(pages)])
    options = settings.ocr_options()
    key = options.cache_key(engine_version(options.engine))
    digest = file_sha256(source)
    cache = ResultCache.open()
    cache.set_document(digest, key, source.name, pages, False)
    results = [page_result(n, rng) for n in range(pages)]
    for result in results:
        cache.put_page(digest, key, result)  # type: ignore[arg-type]
    cache.close()
    word_count = sum(len(r.words) for r in results)  # type: ignore[attr-defined]
    del results
    base_mb = rss_mb()

    controller = AppController(settings)
    window = MainWindow(controller, settings, app_icon())
    window.show()
    controller.start([source])

    def wait(condition: object, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not condition():  # type: ignore[operator]
            if time.monotonic() > deadline:
                raise TimeoutError("the window did not get there in time")
            app.processEvents()
            time.sleep(0.005)

    wait(lambda: controller.model.rows() and controller.model.rows()[0].state is JobState.DONE, 120)
    review = window.review
    window.jobs.selectRow(0)
    app.processEvents()
    # Opening the document in the pane (what selecting its row does), timed on its own.
    started = time.perf_counter()
    if os.environ.get("WINDOW_SCALE_PROFILE"):
        import cProfile

        cProfile.runctx(
            "window._show_review(controller.model.rows()[0].job_id)", globals(), locals(), "/tmp/open.prof"
        )
    else:
        window._show_review(controller.model.rows()[0].job_id)
    open_ms = (time.perf_counter() - started) * 1000
    assert review.page_list.count() == pages
    loaded_mb = rss_mb()

    def switch(positions: list[int]) -> list[float]:
        times = []
        for position in positions:
            started = time.perf_counter()
            review.page_list.setCurrentRow(position)
            app.processEvents()  # includes a slice of the texts still being worked out
            times.append((time.perf_counter() - started) * 1000)
        return times

    sample = random.Random(11).sample(range(pages), 80)
    early = switch(sample[:20])  # right after opening, while the page texts are worked out
    started = time.perf_counter()
    wait(lambda: None not in review.texts.texts and all(review.texts.counted), 120)
    texts_ready_s = time.perf_counter() - started + sum(early) / 1000
    switches = switch(sample[20:])

    searches = {}
    for query in ("processo", "acao", "Intimação", "honorarios advocaticios", "zebra", "a"):
        started = time.perf_counter()
        review.search.setText(query)
        app.processEvents()
        searches[query] = {
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "hits": review.finder.pages.total,
        }
    review.search.clear()
    app.processEvents()
    step_started = time.perf_counter()
    review.search.setText("sentença")
    for _ in range(20):
        review.find_next()
        app.processEvents()
    step_ms = (time.perf_counter() - step_started) * 1000 / 20
    searched_mb = rss_mb()

    window.close()
    QCoreApplication.processEvents()
    report = {
        "pages": pages,
        "words": word_count,
        "open_document_ms": round(open_ms, 1),
        "texts_ready_s": round(texts_ready_s, 2),
        "switch_ms_while_filling_median": round(statistics.median(early), 1),
        "switch_ms_while_filling_max": round(max(early), 1),
        "switch_ms_median": round(statistics.median(switches), 1),
        "switch_ms_p95": round(sorted(switches)[int(len(switches) * 0.95) - 1], 1),
        "switch_ms_max": round(max(switches), 1),
        "search": searches,
        "next_hit_ms_mean": round(step_ms, 1),
        "rss_mb_before_window": round(base_mb, 1),
        "rss_mb_loaded": round(loaded_mb, 1),
        "rss_mb_after_searches": round(searched_mb, 1),
    }
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=900)
    parser.add_argument("--drop", type=Path, help="time a drop of this cached document instead")
    arguments = parser.parse_args()
    result = drop_to_shown(arguments.drop) if arguments.drop else main(arguments.pages)
    for name, value in result.items():
        print(f"{name:24} {value}", file=sys.stderr)
    print(json.dumps(result))
