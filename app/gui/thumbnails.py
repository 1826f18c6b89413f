"""Page thumbnails in the review pane's page list: icon + "Page N", drawn in the preview child.

Only the rows in view (and a few around them) are asked for, a moment after the list stops
moving, and the preview service keeps what it drew: a 900-page document's list opens as fast as
a 2-page one, and scrolling back shows the pictures at once. The window never draws a page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QPoint, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QStyle

from app.core.results import PageResult
from app.gui.preview_service import PreviewService, ThumbnailKey

#: The icon's size in the list (logical pixels): an A4 page 48 wide is 68 tall.
ICON_SIZE = QSize(48, 68)
#: Rows asked for beyond those in view, on each side: a short scroll finds them drawn.
AROUND = 4


class PageThumbnails(QObject):
    """Puts a thumbnail on each row of ``pages`` (a list whose row ``n`` shows ``page_at(n)``)."""

    def __init__(
        self,
        pages: QListWidget,
        previews: PreviewService,
        page_at: Callable[[int], PageResult | None],
    ) -> None:
        super().__init__(pages)
        self._list = pages
        self._previews = previews
        self._page_at = page_at
        self._path: Path | None = None
        self._password: str | None = None
        pages.setIconSize(ICON_SIZE)
        pages.setUniformItemSizes(True)  # a 900-row list lays out without measuring each row
        pages.setSpacing(1)
        # Room for the picture and the longest label ("Página 888  (88)"), so neither is cut.
        label = QCoreApplication.translate("ReviewPane", "Page %1").replace("%1", "888") + "  (88)"
        scroll_bar = pages.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        pages.setMinimumWidth(
            ICON_SIZE.width() + pages.fontMetrics().horizontalAdvance(label) + scroll_bar + 24
        )
        pages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        blank = QPixmap(ICON_SIZE)
        blank.fill(QColor(0, 0, 0, 0))
        self._placeholder = QIcon(blank)
        self._drawn: set[int] = set()  # pages whose row has its picture
        self._timer = QTimer(self, singleShot=True, interval=60)
        self._timer.timeout.connect(self._ask)
        pages.verticalScrollBar().valueChanged.connect(self._soon)
        pages.viewport().installEventFilter(self)  # shown or resized: other rows come into view
        pages.model().rowsInserted.connect(self._on_rows)
        pages.model().modelReset.connect(self._soon)
        previews.thumbnail_ready.connect(self._on_ready)

    def set_document(self, path: Path | None, password: str | None) -> None:
        """The document the list now shows (call before its rows are added)."""
        self._path, self._password = path, password
        self._drawn = set()
        self._soon()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._soon()
        return False

    @Slot()
    def _soon(self) -> None:
        self._timer.start()

    @Slot(QModelIndex, int, int)
    def _on_rows(self, parent: QModelIndex, first: int, last: int) -> None:
        # The same room on every row, drawn or not, so "Page N" never jumps sideways.
        for row in range(first, last + 1):
            item = self._list.item(row)
            if item is not None and item.icon().isNull():
                item.setIcon(self._placeholder)
        self._soon()

    def visible_rows(self) -> range:
        """The rows in view (empty when the list is)."""
        count = self._list.count()
        if count == 0:
            return range(0)
        viewport = self._list.viewport()
        top = self._list.indexAt(QPoint(4, 1)).row()
        bottom = self._list.indexAt(QPoint(4, viewport.height() - 2)).row()
        first = top if top >= 0 else 0
        last = bottom if bottom >= 0 else count - 1
        return range(first, last + 1)

    @Slot()
    def _ask(self) -> None:
        if self._path is None:
            return
        shown = self.visible_rows()
        if not shown:
            return
        rows = range(max(0, shown.start - AROUND), min(self._list.count(), shown.stop + AROUND))
        keys: list[ThumbnailKey] = []
        for row in rows:
            result = self._page_at(row)
            if result is not None and result.page not in self._drawn:
                keys.append((self._path, result.page, result.rotation % 360, result.skew))
        if keys:
            self._previews.request_thumbnails(keys, self._password)

    @Slot(object, bytes)
    def _on_ready(self, key: ThumbnailKey, png: bytes) -> None:
        if key[0] != self._path:
            return
        row = self._row_of(key[1])
        if row is None:
            return
        pixmap = QPixmap()
        if not pixmap.loadFromData(png, "PNG"):
            return
        ratio = self._list.devicePixelRatioF()
        pixmap = pixmap.scaled(
            ICON_SIZE * ratio, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        pixmap.setDevicePixelRatio(ratio)
        item = self._list.item(row)
        item.setIcon(QIcon(pixmap))
        self._drawn.add(key[1])

    def _row_of(self, page: int) -> int | None:
        """The row showing ``page``: rows are in page order, so a binary search finds it."""
        low, high = 0, self._list.count() - 1
        while low <= high:
            middle = (low + high) // 2
            result = self._page_at(middle)
            if result is None:
                return None
            if result.page == page:
                return middle
            if result.page < page:
                low = middle + 1
            else:
                high = middle - 1
        return None

    def has_picture(self, row: int) -> bool:
        result = self._page_at(row)
        return result is not None and result.page in self._drawn
