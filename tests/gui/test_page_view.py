"""The review pane's page view: words marked where they are printed, a word clicked in one pane
shown in the other, zoom and pan, sharper renders when zoomed, thumbnails in the page list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from app.core.jobs import JobState
from app.core.reading.engines import make_engine
from app.core.reading.render import GrayImage
from app.core.results import PageResult, PageSource
from app.gui.page_view import PREVIEW_WIDTH, PageView
from app.gui.preview_service import PreviewService
from app.gui.review_text import LOW_CONFIDENCE
from tests.integration.corpus import lines_of_print
from tests.pdfgen import char_error_rate, images_pdf, page_image, scanned_pdf

OCR_TIMEOUT = 120_000
#: A page fed turned a quarter, and one fed crooked.
FED = [(90, 0.0), (0, -5.0)]


def shown_gray(view: PageView) -> Image.Image:
    """The render the view shows, as a Pillow image."""
    pixmap = view.pixmap()
    assert pixmap is not None
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    return Image.frombytes(
        "L", (image.width(), image.height()), bytes(image.constBits()), "raw", "L", image.bytesPerLine()
    )


def darkness(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    """Mean ink (0: paper white, 255: black) inside ``box``."""
    region = image.crop(box)
    return 255 - sum(v * n for v, n in enumerate(region.histogram())) / max(1, region.width * region.height)


@pytest.fixture
def fed_window(make_window, qtbot, tmp_path: Path):
    pictures = [
        page_image(lines_of_print(n + 7, count=10), dpi=200, rotate=turn, skew=skew, seed=n)
        for n, (turn, skew) in enumerate(FED)
    ]
    window = make_window([images_pdf(tmp_path / "fed.pdf", pictures)])
    qtbot.waitUntil(lambda: window.controller.model.rows()[0].state is JobState.DONE, timeout=OCR_TIMEOUT)
    window.jobs.selectRow(0)
    qtbot.waitUntil(lambda: window.review.page_list.count() == 2, timeout=5_000)
    return window


def sure_words(result: PageResult) -> list[int]:
    return [i for i, w in enumerate(result.words) if len(w.text) >= 6 and w.conf >= 85 and w.text.isalpha()]


def test_words_land_on_turned_and_crooked_pages_and_clicks_go_both_ways(fed_window, qtbot) -> None:
    review = fed_window.review
    view = review.image
    engine = make_engine("tesserocr", "por")
    for row, (turn, skew) in enumerate(FED):
        # Given a page fed turned or crooked, shown in the review pane
        review.page_list.setCurrentRow(row)
        result = review._pages[row]
        assert result.rotation == turn and result.skew == pytest.approx(skew, abs=0.3)
        qtbot.waitUntil(lambda: view.pixmap() is not None, timeout=60_000)
        shown = shown_gray(view)
        assert shown.width >= PREVIEW_WIDTH and shown.height > shown.width  # upright: portrait
        # Then a word's box on the image covers ink, the paper just around it none, and read
        # back from the image alone it is that word
        for index in sure_words(result)[:6]:
            left, top, right, bottom = view.image_rect(index)
            height = bottom - top
            inside = darkness(shown, (left, top, right, bottom))
            above = darkness(shown, (left, top - height // 2 - 2, right, top - 2))
            assert inside > 25 and inside > 4 * above, (result.words[index].text, inside, above)
            crop = shown.crop((left - 5, top - 5, right + 5, bottom + 5))
            crop = crop.resize((crop.width * 3, crop.height * 3), Image.Resampling.BICUBIC)
            read = engine.recognize(GrayImage.from_pil(crop), 300).text.strip().strip(".,;:")
            assert char_error_rate(result.words[index].text, read) <= 0.2, (result.words[index].text, read)

        # When a word is clicked on the image, it is selected in the text
        index = sure_words(result)[-1]
        word_rect = view.word_rect(index)
        view.canvas.ensureVisible(word_rect)
        at = view.canvas.mapFromScene(word_rect.center())
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at)
        assert review.text.textCursor().selectedText() == result.words[index].text
        assert view.marked()[2] == (index,)

        # And a word clicked in the text is outlined on the image and scrolled into view
        other = sure_words(result)[0]
        view.zoom_by(3.0)  # zoomed in, so the word may lie outside the view
        text = review.text.toPlainText()
        position = text.index(result.words[other].text) + 1
        cursor = review.text.textCursor()
        cursor.setPosition(position)
        review.text.setTextCursor(cursor)
        assert other in view.marked()[2]
        seen = view.canvas.mapToScene(view.canvas.viewport().rect()).boundingRect()
        assert seen.contains(view.word_rect(other))
        view.fit_width()

    # A searched word is marked on the image where it is printed
    word = review._pages[1].words[sure_words(review._pages[1])[1]].text
    review.search.setText(word)
    review.find_next()
    hits = view.marked()[1]
    assert hits and all(review._pages[review.current_page()].words[i].text.startswith(word) for i in hits)
    # And unsure words are marked too, exactly those below the review's threshold
    unsure = {
        i for i, w in enumerate(review._pages[review.current_page()].words) if 0 <= w.conf < LOW_CONFIDENCE
    }
    assert view.marked()[0] == unsure


@pytest.fixture
def pane(qtbot, tmp_path: Path):
    from app.gui.review import ReviewPane

    previews = PreviewService()
    review = ReviewPane(previews)
    review.resize(1100, 700)
    qtbot.addWidget(review)
    review.show()
    yield review
    review.close()
    previews.shutdown()


def test_zoom_fit_width_fit_page_actual_size_keys_wheel_and_pan(pane, qtbot, tmp_path: Path) -> None:
    pdf = scanned_pdf(tmp_path / "a4.pdf", ["Ofício número 12\nSegue o parecer."], dpi=100)
    page = PageResult(
        0, "Ofício número 12\nSegue o parecer.", PageSource.OCR, width_pt=595.0, height_pt=842.0
    )
    pane.set_document(pdf, None, [page])
    view = pane.image
    qtbot.waitUntil(lambda: view.pixmap() is not None, timeout=60_000)
    canvas = view.canvas
    # Fit width by default: the page spans the pane's width
    assert view.zoom_mode() == "width"
    assert canvas.mapFromScene(view.word_rect(0).topLeft()) is not None
    page_width = canvas.transform().m11() * 1000
    assert canvas.viewport().width() - 20 <= page_width <= canvas.viewport().width()
    # Ctrl+1: actual size, the page as wide as on paper (595 pt = 8.26 in)
    qtbot.keyClick(pane.text, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.0)
    assert canvas.transform().m11() * 1000 == pytest.approx(595 / 72 * view.logicalDpiX())
    assert view.zoom_bar.percent.text() == "100%" == view.zoom_bar.actual_button.text()
    # Ctrl++ and Ctrl+- step by 25 %
    qtbot.keyClick(pane.text, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.25)
    qtbot.keyClick(pane.text, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.0)
    # Ctrl+0: fit page, the whole page in view
    qtbot.keyClick(pane.text, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_mode() == "page" and view.zoom_bar.page_button.isChecked()
    seen = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    assert seen.contains(canvas.sceneRect())
    # Ctrl+wheel zooms in around the mouse; a sharper render is then asked for and shown
    for _ in range(8):  # 1.25 ** 8: about 6 times the fit page's zoom
        wheel = QWheelEvent(
            QPointF(100, 100),
            QPointF(canvas.viewport().mapToGlobal(QPoint(100, 100))),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.ControlModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(canvas.viewport(), wheel)
    assert view.zoom_mode() == "fixed"
    qtbot.waitUntil(
        lambda: view.pixmap() is not None and view.pixmap().width() > PREVIEW_WIDTH, timeout=60_000
    )
    # Dragging the page pans it
    bar = canvas.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    viewport = canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(200, 300))
    qtbot.mouseMove(viewport, QPoint(200, 250))
    qtbot.mouseMove(viewport, QPoint(200, 200))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    assert bar.value() == before + 100
    # Ctrl+2: back to fit width; the zoom holds for the next page shown
    qtbot.keyClick(pane.text, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_mode() == "width" and view.zoom_bar.width_button.isChecked()


def test_thumbnails_are_drawn_for_the_rows_in_view_only(pane, qtbot, tmp_path: Path) -> None:
    # Given a 60-page document listed in the review pane
    texts = [f"Folha {n}" for n in range(1, 61)]
    pdf = scanned_pdf(tmp_path / "long.pdf", texts, dpi=50, noise=False)
    pages = [PageResult(n, texts[n], PageSource.OCR, width_pt=595.0, height_pt=842.0) for n in range(60)]
    pane.set_document(pdf, None, pages)
    thumbnails, rows = pane.thumbnails, pane.page_list
    shown = thumbnails.visible_rows()
    assert 0 < len(shown) < 30
    # Then the rows in view get their pictures, drawn in the preview child, and show "Page N"
    qtbot.waitUntil(lambda: all(thumbnails.has_picture(r) for r in shown), timeout=60_000)
    assert rows.item(0).text() == "Page 1" and not rows.item(0).icon().isNull()
    size = rows.item(0).icon().availableSizes()[0]
    assert size.height() > size.width()  # a portrait page
    # And rows far below are not drawn until they are scrolled to
    assert not thumbnails.has_picture(59)
    rows.scrollToBottom()
    qtbot.waitUntil(lambda: thumbnails.has_picture(59), timeout=60_000)
    assert not thumbnails.has_picture(len(shown) + 10)


#: Run in a fresh interpreter: the review pane shows a page and its thumbnails, then says
#: whether the window's process ever loaded a PDF library.
_WINDOW_PROCESS = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.core.results import PageResult, PageSource
from app.gui.preview_service import PreviewService
from app.gui.review import ReviewPane
app = QApplication([])
previews = PreviewService()
pane = ReviewPane(previews)
pane.resize(1000, 700)
pane.show()
pages = [PageResult(n, f"Folha {n + 1}", PageSource.OCR, width_pt=595.0, height_pt=842.0) for n in range(12)]
pane.set_document(Path(sys.argv[1]), None, pages)
rows = pane.thumbnails.visible_rows()
while pane.image.pixmap() is None or not all(pane.thumbnails.has_picture(r) for r in rows):
    app.processEvents()
print(len(rows), "pypdfium2" in sys.modules, "PIL.Image" in sys.modules)
pane.close()
previews.shutdown()
"""


def test_the_window_process_never_draws_a_page(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    pdf = scanned_pdf(tmp_path / "folhas.pdf", [f"Folha {n + 1}" for n in range(12)], dpi=50, noise=False)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _WINDOW_PROCESS, str(pdf)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    shown, pdfium, pillow = done.stdout.split()
    # The page and the thumbnails of the rows in view came from the preview child alone
    assert int(shown) > 0 and pdfium == "False" and pillow == "False"


def test_the_page_asked_for_is_drawn_before_waiting_thumbnails(qtbot, tmp_path: Path) -> None:
    # Given thumbnails of 30 pages asked for
    pdf = scanned_pdf(tmp_path / "pilha.pdf", [f"Folha {n + 1}" for n in range(30)], dpi=50, noise=False)
    previews = PreviewService()
    drawn: list[int] = []
    previews.thumbnail_ready.connect(lambda key, png: drawn.append(key[1]))
    try:
        previews.request_thumbnails([(pdf, n, 0, 0.0) for n in range(30)], None)
        # When the user opens a page meanwhile
        with qtbot.waitSignal(previews.ready, timeout=60_000) as page:
            previews.request(pdf, 29, None, PREVIEW_WIDTH)
        # Then it comes after at most the batch being drawn, not after all thumbnails
        assert page.args[0][1] == 29 and len(drawn) < 30
        qtbot.waitUntil(lambda: len(drawn) == 30, timeout=60_000)
        assert sorted(drawn) == list(range(30))
        # And asked again, they come from the cache at once
        drawn.clear()
        previews.request_thumbnails([(pdf, n, 0, 0.0) for n in range(30)], None)
        assert len(drawn) == 30
    finally:
        previews.shutdown()


def test_a_search_hit_on_another_page_is_scrolled_into_view_when_its_image_arrives(
    pane, qtbot, tmp_path: Path
) -> None:
    from app.core.results import Word

    # Given two pages, the second with a word near its bottom, and the view zoomed in
    pdf = scanned_pdf(tmp_path / "duas.pdf", ["Primeira folha", "Segunda folha"], dpi=60, noise=False)
    words = (
        Word("Segunda", 0.12, 0.10, 0.30, 0.12, 95.0, 1, 1, 1),
        Word("protocolo", 0.60, 0.86, 0.80, 0.88, 95.0, 2, 1, 1),
    )
    pages = [
        PageResult(0, "Primeira folha", PageSource.OCR, width_pt=595.0, height_pt=842.0),
        PageResult(1, "", PageSource.OCR, 95.0, words, width_pt=595.0, height_pt=842.0),
    ]
    pane.set_document(pdf, None, pages)
    view = pane.image
    qtbot.waitUntil(lambda: view.pixmap() is not None, timeout=60_000)
    view.zoom_by(3.0)
    # When a search finds the word on the second page
    pane.search.setText("protocolo")
    pane.find_next()
    assert pane.current_page() == 1
    qtbot.waitUntil(lambda: view.pixmap() is not None, timeout=60_000)
    # Then the image shows it marked as a hit, outlined, and scrolled to
    assert view.marked()[1] == {1} and view.marked()[2] == (1,)
    seen = view.canvas.mapToScene(view.canvas.viewport().rect()).boundingRect()
    assert seen.contains(view.word_rect(1))


def test_a_taller_page_list_draws_the_rows_that_came_into_view(pane, qtbot, tmp_path: Path) -> None:
    texts = [f"Folha {n}" for n in range(1, 41)]
    pdf = scanned_pdf(tmp_path / "folhas.pdf", texts, dpi=40, noise=False)
    pane.set_document(pdf, None, [PageResult(n, texts[n], PageSource.OCR) for n in range(40)])
    thumbnails = pane.thumbnails
    shown = thumbnails.visible_rows()
    qtbot.waitUntil(lambda: all(thumbnails.has_picture(r) for r in shown), timeout=60_000)
    # When the pane grows taller, more rows show, and they get their pictures without a scroll
    pane.resize(pane.width(), pane.height() * 2)
    qtbot.waitUntil(lambda: len(thumbnails.visible_rows()) > len(shown), timeout=5_000)
    qtbot.waitUntil(lambda: all(thumbnails.has_picture(r) for r in thumbnails.visible_rows()), timeout=60_000)
