"""Labels of a plot's lines that never overlap: the coverage targets ('66 % — 2020-05') and the 'today' line.

    placer = LabelPlacer(plot_item)
    placer.set_labels([(line.label, TARGET_CANDIDATES, False), (today.line.label, VERTICAL_CANDIDATES, True)])
    placer.place()            # also done on its own when the view is panned, zoomed or resized

Each label (a pyqtgraph InfLineLabel, attached to its line) has candidate places, best first: a position along
its line (0..1 of the view) and a text anchor. Labels are taken in order; each goes to its first candidate whose
rectangle on screen stays inside the plot and overlaps no label placed before it; when none is free, an optional
label is hidden and any other takes its least overlapping place.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QTimer

#: a horizontal target line's label: right-aligned near the right edge below the line, then above it, then
#: further left
TARGET_CANDIDATES = [(x, anchor) for x in (0.98, 0.75, 0.52, 0.3) for anchor in ((1, 0), (1, 1))]
#: a vertical line's label: right of the line from the top down, then left of it
_DOWN = [round(0.97 - 0.03 * k, 2) for k in range(25)]  # 0.97 .. 0.25
VERTICAL_CANDIDATES = [(y, (0, 0)) for y in _DOWN] + [(y, (1, 0)) for y in _DOWN]


def _put(label, position: float, anchor) -> QRectF:
    """Move `label` to `position` along its line with `anchor`; its rectangle in scene coordinates."""
    label.anchors = [anchor, anchor]  # the same anchor whichever side of the view the line is
    label.orthoPos = position
    label.updatePosition()
    label.updateTransform(force=True)
    return label.mapRectToScene(label.boundingRect())


class LabelPlacer:
    """Places the labels of a plot's lines so that none overlaps another (see the module doc)."""

    def __init__(self, plot_item):
        self.plot_item = plot_item
        self.labels: list[tuple[object, list]] = []
        #: where each label went: its rectangle in scene coordinates (tests read it)
        self.rects: dict[int, QRectF] = {}
        vb = plot_item.getViewBox()
        timer = self._timer = QTimer(vb)  # a child of the view: it goes with the plot, never fires after it
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(self.place)
        vb.sigRangeChanged.connect(lambda *_: timer.start())
        vb.sigResized.connect(lambda *_: timer.start())

    def set_labels(self, labels: list[tuple]) -> None:
        """(label, candidates, optional) in priority order; placed at once. An optional label that finds no free
        place is hidden (its line stays, the legend names it); any other takes its least overlapping place."""
        self.labels = list(labels)
        self.place()

    def place(self) -> None:
        box = self.plot_item.getViewBox().sceneBoundingRect()
        placed: list[QRectF] = []
        self.rects = {}
        for label, candidates, optional in self.labels:
            if not label.line.isVisible() or not label.isVisible() or not label.toPlainText():
                continue
            rect = _first_free(label, candidates, box, placed)
            if rect is None and optional:
                label.setOpacity(0.0)  # no room: hidden (setVisible(True) would reset an InfLineLabel's text)
                continue
            if rect is None:
                rect = _least_overlap(label, candidates, box, placed)
            label.setOpacity(1.0)
            placed.append(rect)
            self.rects[id(label)] = rect


def _first_free(label, candidates, box: QRectF, placed: list[QRectF]) -> QRectF | None:
    for position, anchor in candidates:
        r = _put(label, position, anchor)
        if box.contains(r) and not any(r.intersects(p) for p in placed):
            return r
    return None


def _least_overlap(label, candidates, box: QRectF, placed: list[QRectF]) -> QRectF:
    """The candidate covering the least of the labels placed (and of the outside of the plot)."""
    def cost(r: QRectF) -> float:
        outside = r.width() * r.height() - _area(r.intersected(box))
        return outside + sum(_area(r.intersected(p)) for p in placed)

    best = min(candidates, key=lambda c: cost(_put(label, *c)))
    return _put(label, *best)


def _area(r: QRectF) -> float:
    return max(0.0, r.width()) * max(0.0, r.height())
