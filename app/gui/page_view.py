"""The page image of the review pane: zoom, pan, and the words marked where they are printed.

A ``QGraphicsView`` over one page. The scene is the page's preview (``core/reading/preview.py``:
upright and straightened, as it was read) SCENE_WIDTH units wide whatever the pixels drawn, so
word boxes (fractions of the preview, ``preview_boxes``) keep their place when a sharper render
replaces the first one. Zoomed past the preview's pixels, a larger render is asked of the preview
child; the window itself never draws a page.

Zoom follows what Acrobat and FineReader users know: fit width by default, Ctrl+0 fit page,
Ctrl+1 actual size (100 %: the page at its printed size on the screen), Ctrl+2 fit width,
Ctrl++ / Ctrl+- and Ctrl+wheel zoom in steps of 25 %; drag the page or use the scroll bars to pan.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QLabel,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from app.core.reading.preview import preview_boxes
from app.core.results import PageResult
from app.gui.page_canvas import PageCanvas
from app.gui.preview_service import PreviewKey, PreviewService
from app.gui.zoom_bar import ZOOM_STEP, ZoomBar

#: The first render of a page, in pixels: fit to a pane, sharp on high-DPI screens.
PREVIEW_WIDTH = 900
#: The largest render asked for when zoomed in (the preview child also caps its pixels).
MAX_RENDER_WIDTH = 3600
#: Renders are asked in steps of this many pixels, so zooming does not ask for every width.
RENDER_STEP = 300
#: The scene is this many units wide; word boxes and the image are placed in them.
SCENE_WIDTH = 1000.0
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0  # of actual size
#: Pixels of the pane left around the page when it is fit.
MARGIN = 8

UNSURE_FILL = QColor(255, 176, 0, 70)
UNSURE_EDGE = QColor(214, 140, 0)
HIT_FILL = QColor(0, 120, 215, 70)
HIT_EDGE = QColor(0, 90, 180)
CHOSEN_EDGE = QColor(220, 0, 60)


class PageView(QWidget):
    """One page's image with its words: ``show_page`` asks for it, ``set_marks`` marks words."""

    #: Index (into ``PageResult.words``) of a word the user clicked on the image.
    word_clicked = Signal(int)

    def __init__(self, previews: PreviewService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageImage")
        self._previews = previews
        self._scene = QGraphicsScene(self)
        self.canvas = PageCanvas(self._scene, self)
        self.canvas.setAccessibleName(self.tr("Page image"))
        self.canvas.setAccessibleDescription(
            self.tr("Click a word to select it in the text; drag to move the page; Ctrl+wheel zooms.")
        )
        self.zoom_bar = ZoomBar(self)
        self._message = QLabel(self)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._stack = QStackedLayout()
        self._stack.addWidget(self._message)
        self._stack.addWidget(self.canvas)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.zoom_bar)
        layout.addLayout(self._stack, 1)

        self._item: QGraphicsPixmapItem | None = None
        self._shown_width = 0  # pixels of the render shown
        self._asked_width = 0  # the widest render asked for this page
        self._page: tuple[Path, int, int, float] | None = None  # (file, page, turn, skew)
        self._password: str | None = None
        self._page_width_pt = 0.0  # the upright page's printed width (100 %)
        self._boxes: list[tuple[float, float, float, float]] = []
        self._unsure: frozenset[int] = frozenset()
        self._hits: frozenset[int] = frozenset()
        self._chosen: tuple[int, ...] = ()
        self._marks: list[QGraphicsRectItem] = []
        self._mode = "width"  # "width", "page" or "fixed"
        self._scale = 1.0  # view pixels per scene unit
        self._sharpen = QTimer(self, singleShot=True, interval=150)
        self._sharpen.timeout.connect(self._ask_sharper)

        self.canvas.clicked.connect(self._on_clicked)
        self.canvas.wheel_zoom.connect(self.zoom_by)
        self.canvas.resized.connect(self._refit)
        self.zoom_bar.zoom_in.connect(self.zoom_in)
        self.zoom_bar.zoom_out.connect(self.zoom_out)
        self.zoom_bar.fit_width.connect(self.fit_width)
        self.zoom_bar.fit_page.connect(self.fit_page)
        self.zoom_bar.actual_size.connect(self.actual_size)
        previews.ready.connect(self._on_ready)
        previews.failed.connect(self._on_failed)
        self.clear()

    # -- feeding --------------------------------------------------------------------------------

    def show_page(self, path: Path, password: str | None, result: PageResult) -> None:
        """Show page ``result`` of ``path``, upright and straight, as it was read."""
        self._page = (path, result.page, result.rotation % 360, result.skew)
        self._password = password
        self._page_width_pt = result.height_pt if result.rotation % 180 else result.width_pt
        self._boxes = preview_boxes(result)
        self._unsure, self._hits, self._chosen = frozenset(), frozenset(), ()
        self._drop_image()
        self.set_message(self.tr("Loading page image…"))
        if self._mode != "fixed" and result.width_pt > 0 and result.height_pt > 0:
            # Fit to the page about to come, so the first render asked for is as wide as needed.
            upright = (result.width_pt, result.height_pt)[:: -1 if result.rotation % 180 else 1]
            self._scale = self._fit_scale(SCENE_WIDTH * upright[1] / upright[0])
        self._asked_width = self._wanted_width()
        self._previews.request(path, result.page, password, self._asked_width, *self._page[2:])

    def set_png(self, png: bytes) -> None:
        """Show these PNG bytes as the page (a render of the page ``show_page`` asked for)."""
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        if pixmap.isNull():
            self.set_message(self.tr("The page image is not available."))
            return
        first = self._item is None
        if self._item is None:
            self._item = self._scene.addPixmap(pixmap)
            self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        else:
            self._item.setPixmap(pixmap)
        self._item.setScale(SCENE_WIDTH / pixmap.width())
        self._shown_width = pixmap.width()
        self._scene.setSceneRect(QRectF(0, 0, SCENE_WIDTH, SCENE_WIDTH * pixmap.height() / pixmap.width()))
        self._stack.setCurrentWidget(self.canvas)
        self._draw_marks()
        self._refit()
        if first and self._chosen:  # a word was chosen before its page arrived (a search hit)
            self.canvas.ensureVisible(self._chosen_rect(), 40, 40)
        elif first:  # a new page starts at its top, centred across
            across = self.canvas.horizontalScrollBar()
            across.setValue((across.minimum() + across.maximum()) // 2)
            self.canvas.verticalScrollBar().setValue(self.canvas.verticalScrollBar().minimum())

    def set_message(self, text: str) -> None:
        self._message.setText(text)
        self._stack.setCurrentWidget(self._message)

    def clear(self) -> None:
        self._page = None
        self._boxes = []
        self._drop_image()
        self.set_message("")

    def pixmap(self) -> QPixmap | None:
        """The render shown, or None while there is only a message."""
        if self._item is None or self._stack.currentWidget() is not self.canvas:
            return None
        return self._item.pixmap()

    # -- words ----------------------------------------------------------------------------------

    def set_marks(self, unsure: Iterable[int], hits: Iterable[int]) -> None:
        """Mark these words (indexes into the page's words): unsure ones and search hits."""
        self._unsure, self._hits = frozenset(unsure), frozenset(hits)
        self._draw_marks()

    def show_word(self, words: Sequence[int]) -> None:
        """Outline these words (one word of the text; two for one split at a line end) and
        scroll them into view; an empty list takes the outline away."""
        self._chosen = tuple(i for i in words if 0 <= i < len(self._boxes))
        self._draw_marks()
        if self._chosen and self._item is not None:
            self.canvas.ensureVisible(self._chosen_rect(), 40, 40)

    def word_rect(self, word: int) -> QRectF:
        """Where word ``word`` lies in the scene (empty before the image is shown)."""
        if self._item is None or not 0 <= word < len(self._boxes):
            return QRectF()
        x0, y0, x1, y1 = self._boxes[word]
        height = self._scene.sceneRect().height()
        return QRectF(x0 * SCENE_WIDTH, y0 * height, (x1 - x0) * SCENE_WIDTH, (y1 - y0) * height)

    def image_rect(self, word: int) -> tuple[int, int, int, int]:
        """Word ``word``'s box in the pixels of the render shown: (left, top, right, bottom)."""
        rect = self.word_rect(word)
        ratio = self._shown_width / SCENE_WIDTH
        return (
            math.floor(rect.left() * ratio),
            math.floor(rect.top() * ratio),
            math.ceil(rect.right() * ratio),
            math.ceil(rect.bottom() * ratio),
        )

    def marked(self) -> tuple[frozenset[int], frozenset[int], tuple[int, ...]]:
        """(unsure, hits, outlined): the words marked now."""
        return self._unsure, self._hits, self._chosen

    def _chosen_rect(self) -> QRectF:
        rect = QRectF()
        for word in self._chosen:
            rect = rect.united(self.word_rect(word))
        return rect

    def _draw_marks(self) -> None:
        for mark in self._marks:
            self._scene.removeItem(mark)
        self._marks = []
        if self._item is None:
            return
        styles = (
            (self._unsure - self._hits, UNSURE_FILL, UNSURE_EDGE, 1.0),
            (self._hits, HIT_FILL, HIT_EDGE, 1.0),
            (self._chosen, QColor(0, 0, 0, 0), CHOSEN_EDGE, 2.0),
        )
        for words, fill, edge, width in styles:
            pen = QPen(edge, width)
            pen.setCosmetic(True)  # the same on the screen at any zoom
            for word in sorted(words):
                rect = self.word_rect(word)
                if rect.isEmpty():
                    continue
                mark = self._scene.addRect(rect.adjusted(-1, -1, 1, 1), pen, QBrush(fill))
                mark.setZValue(1 + width)
                self._marks.append(mark)

    @Slot(QPointF)
    def _on_clicked(self, point: QPointF) -> None:
        hits = [
            i for i in range(len(self._boxes)) if self.word_rect(i).adjusted(-2, -2, 2, 2).contains(point)
        ]
        if hits:
            word = min(hits, key=lambda i: self.word_rect(i).width() * self.word_rect(i).height())
            self.show_word([word])
            self.word_clicked.emit(word)

    # -- zoom -----------------------------------------------------------------------------------

    @Slot()
    def fit_width(self) -> None:
        self._mode = "width"
        self._refit()

    @Slot()
    def fit_page(self) -> None:
        self._mode = "page"
        self._refit()

    @Slot()
    def actual_size(self) -> None:
        self._zoom_to(self._actual_scale())

    @Slot()
    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    @Slot()
    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    @Slot(float)
    def zoom_by(self, factor: float) -> None:
        self._zoom_to(self._scale * factor)

    def zoom(self) -> float:
        """The zoom shown: 1.0 is actual size (the page at its printed size)."""
        return self._scale / self._actual_scale()

    def zoom_mode(self) -> str:
        return self._mode

    def _zoom_to(self, scale: float) -> None:
        actual = self._actual_scale()
        self._mode = "fixed"
        self._apply(min(MAX_ZOOM * actual, max(MIN_ZOOM * actual, scale)))

    def _actual_scale(self) -> float:
        """View pixels per scene unit at 100 %: the page as wide on the screen as on paper."""
        width_in = self._page_width_pt / 72 if self._page_width_pt > 0 else PREVIEW_WIDTH / 96
        return width_in * self.logicalDpiX() / SCENE_WIDTH

    @Slot()
    def _refit(self) -> None:
        if self._mode == "fixed":
            self._apply(self._scale)
            return
        self._apply(self._fit_scale(self._scene.sceneRect().height()))

    def _fit_scale(self, scene_height: float) -> float:
        """The scale that fits the page (``scene_height`` units tall) as the zoom mode says."""
        viewport = self.canvas.viewport()
        by_width = max(40, viewport.width() - 2 * MARGIN) / SCENE_WIDTH
        if self._mode == "page" and scene_height > 0:
            return min(by_width, max(40, viewport.height() - 2 * MARGIN) / scene_height)
        return by_width

    def _apply(self, scale: float) -> None:
        self._scale = scale
        self.canvas.resetTransform()
        self.canvas.scale(scale, scale)
        self.zoom_bar.show_zoom(self.zoom(), self._mode)
        if self._wanted_width() > max(self._asked_width, self._shown_width):
            self._sharpen.start()

    def _wanted_width(self) -> int:
        """The render width that shows the page sharp at this zoom on this screen."""
        pixels = SCENE_WIDTH * self._scale * self.devicePixelRatioF()
        if pixels <= PREVIEW_WIDTH * 1.05:
            return PREVIEW_WIDTH
        return min(MAX_RENDER_WIDTH, math.ceil(pixels / RENDER_STEP) * RENDER_STEP)

    @Slot()
    def _ask_sharper(self) -> None:
        width = self._wanted_width()
        if self._page is None or width <= max(self._asked_width, self._shown_width):
            return
        self._asked_width = width
        path, page, turn, skew = self._page
        self._previews.request(path, page, self._password, width, turn, skew)

    # -- renders --------------------------------------------------------------------------------

    def _is_current(self, key: PreviewKey) -> bool:
        return self._page is not None and (key[0], key[1], key[3], key[4]) == self._page

    @Slot(object, bytes)
    def _on_ready(self, key: PreviewKey, png: bytes) -> None:
        # A smaller render that arrives late never replaces a sharper one.
        if self._is_current(key) and (self._item is None or key[2] >= self._shown_width):
            self.set_png(png)

    @Slot(object, str)
    def _on_failed(self, key: PreviewKey, reason: str) -> None:
        if self._is_current(key) and self.pixmap() is None:
            self.set_message(self.tr("The page image is not available."))

    def _drop_image(self) -> None:
        self._marks = []
        self._scene.clear()
        self._item = None
        self._shown_width = 0
        self._asked_width = 0
