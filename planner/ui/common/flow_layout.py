"""A layout that places its items left to right and wraps them onto more rows when the width runs out (Qt's flow
layout example): a legend in a narrow dock takes two rows instead of widening the dock."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items in reading order, wrapped at the layout's width; its height follows its width (heightForWidth)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8, row_spacing: int = 2):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._row_spacing = row_spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        m = self.contentsMargins()
        hints = [it.sizeHint() for it in self._items]
        width = sum(h.width() for h in hints) + self._spacing * max(0, len(hints) - 1)
        height = max((h.height() for h in hints), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest item: narrower, the rows wrap."""
        m = self.contentsMargins()
        size = QSize()
        for it in self._items:
            size = size.expandedTo(it.minimumSize())
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _rows(self, width: int) -> int:
        """How many rows the items take at `width` (greedy wrap)."""
        rows, x = 1, 0
        for it in self._items:
            w = it.sizeHint().width()
            if x > 0 and x + w > width:
                rows, x = rows + 1, 0
            x += w + self._spacing
        return rows

    def _balanced(self, width: int) -> int:
        """The narrowest width that still needs no more rows than `width` does: wrapped rows come out even
        (3 + 3 entries rather than 5 + 1)."""
        rows = self._rows(width)
        if rows == 1:
            return width
        lo = max((it.sizeHint().width() for it in self._items), default=0)
        hi = width
        while lo < hi:
            mid = (lo + hi) // 2
            if self._rows(mid) <= rows:
                hi = mid
            else:
                lo = mid + 1
        return hi

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in `rect` (moving them when `move`), each centred on its row's height; returns the
        height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        right = area.x() + self._balanced(area.width())
        rows: list[list] = [[]]
        x = area.x()
        for it in self._items:
            hint = it.sizeHint()
            if rows[-1] and x + hint.width() > right:
                rows.append([])
                x = area.x()
            rows[-1].append((it, hint, x))
            x += hint.width() + self._spacing
        y = area.y()
        for row in rows:
            height = max((hint.height() for _, hint, _ in row), default=0)
            if move:
                for it, hint, x in row:
                    it.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
            y += height + self._row_spacing
        return y - self._row_spacing - rect.y() + m.bottom()


def fixed(widget: QWidget) -> QWidget:
    """A widget at its size hint (a legend entry)."""
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return widget
