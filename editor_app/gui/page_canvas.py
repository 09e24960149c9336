"""The page view's drawing surface and its image cache (``page_view``): one rendered
page with the highlight rectangles and the caret over it, in PDF points; the last
rendered pages, least recently used out."""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from editor_app.model.pdf import Box
from editor_app.services.proof_view import PageImage

CACHE_PAGES = 12  # rendered pages kept (a 794×1123 page is 2.7 MB)
CARET_COLOR = QColor(220, 40, 40)
MARGIN = 8  # pixels around the page


class ImageCache:
    """The last rendered pages: (issue, page, scale) -> QImage, least recently used out."""

    def __init__(self, size: int = CACHE_PAGES):
        self.size = size
        self._items: OrderedDict[tuple[int, int, float], QImage] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key: tuple[int, int, float]) -> QImage | None:
        img = self._items.get(key)
        if img is None:
            self.misses += 1
            return None
        self.hits += 1
        self._items.move_to_end(key)
        return img

    def put(self, key: tuple[int, int, float], img: QImage) -> None:
        self._items[key] = img
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def fallback(self, key: tuple[int, int, float]) -> QImage | None:
        """The image of ``key`` if it has arrived meanwhile, else one of the same page at
        another scale (drawn to size until the right one comes); not counted as a hit
        or a miss."""
        return self._items.get(key) or next(
            (v for k, v in self._items.items() if k[:2] == key[:2]), None
        )

    def drop_issue(self, issue_id: int) -> None:
        for k in [k for k in self._items if k[0] == issue_id]:
            del self._items[k]

    def __len__(self) -> int:
        return len(self._items)


def to_qimage(img: PageImage) -> QImage:
    """A QImage owning a copy of the rendered bytes (BGR, rows of ``stride`` bytes)."""
    return QImage(img.data, img.width, img.height, img.stride, QImage.Format.Format_BGR888).copy()


class PageCanvas(QWidget):
    """One page image with the highlight rectangles over it; a click gives PDF points."""

    clicked = Signal(float, float)  # x, y in PDF points (origin bottom left)
    zoom_wheel = Signal(int)  # +1 / -1: Ctrl+wheel over the page

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageCanvas")
        self.image: QImage | None = None
        self.page_size = (595.0, 842.0)  # points
        self.scale = 1.0  # logical pixels per point
        self.highlights: list[tuple[Box, QColor]] = []
        self.caret: Box | None = None
        self.setCursor(Qt.CursorShape.IBeamCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_page(self, image: QImage | None, page_size: tuple[float, float], scale: float) -> None:
        self.image, self.page_size, self.scale = image, page_size, scale
        self.setFixedSize(self.sizeHint())
        self.update()

    def set_marks(self, highlights: list[tuple[Box, QColor]], caret: Box | None) -> None:
        self.highlights, self.caret = highlights, caret
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        w, h = self.page_size
        return QSize(math.ceil(w * self.scale) + 2 * MARGIN, math.ceil(h * self.scale) + 2 * MARGIN)

    def rect_of(self, box: Box) -> QRectF:
        """Widget rectangle of a box in PDF points."""
        x0, y0, x1, y1 = box
        h, s = self.page_size[1], self.scale
        return QRectF(MARGIN + x0 * s, MARGIN + (h - y1) * s, (x1 - x0) * s, (y1 - y0) * s)

    def point_of(self, pos: QPointF) -> tuple[float, float]:
        s = self.scale
        return (pos.x() - MARGIN) / s, self.page_size[1] - (pos.y() - MARGIN) / s

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        w, h = self.page_size
        page = QRectF(MARGIN, MARGIN, w * self.scale, h * self.scale)
        p.fillRect(page.translated(2, 2), QColor(0, 0, 0, 40))  # a shadow: the page on the desk
        if self.image is not None:
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawImage(page, self.image)
        else:
            p.fillRect(page, QColor("white"))
        for box, color in self.highlights:
            r = self.rect_of(box).adjusted(-1.5, -1.5, 1.5, 1.5)  # visible on a page drawn small
            fill = QColor(color)
            fill.setAlpha(80)
            p.fillRect(r, fill)
            p.setPen(QPen(color, 1.6))
            p.drawRect(r)
        if self.caret is not None:
            r = self.rect_of(self.caret)
            p.setPen(QPen(CARET_COLOR, 2))
            p.drawLine(r.topLeft(), r.bottomLeft())
        p.end()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            dy = event.angleDelta().y()
            if dy:
                self.zoom_wheel.emit(1 if dy > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            x, y = self.point_of(event.position())
            self.clicked.emit(x, y)
        super().mousePressEvent(event)
