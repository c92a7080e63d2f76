"""Coverage classes of the map (0 %, 1–25, 25–50, 50–75, 75–99, 100 %), premise states, and their legend widget.

Colours come from the one palette, planner/core/simulation/palette.py (the curves and printed pages use it too)."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from planner.core.simulation.palette import COVERAGE_COLOURS, STATE_COLOURS, STATE_HOLLOW, rgba
from planner.core.simulation.premise_state import STATES
from planner.ui.common.flow_layout import FlowLayout, fixed

#: class colours, light to dark (planner/core/simulation/palette.py); the last row is for communes without any premise
COVERAGE_COLORS = np.array([rgba(c) for c in COVERAGE_COLOURS] + [(255, 255, 255, 0)], dtype=np.uint8)
NO_UNITS_CLASS = 6


def coverage_labels() -> list[str]:
    translate = QCoreApplication.translate
    return [translate("CoverageLegend", "0 %"), translate("CoverageLegend", "1–25 %"),
            translate("CoverageLegend", "25–50 %"), translate("CoverageLegend", "50–75 %"),
            translate("CoverageLegend", "75–99 %"), translate("CoverageLegend", "100 %")]


def coverage_classes(pct: np.ndarray) -> np.ndarray:
    """Coverage % per commune -> class 0..5 (NaN, i.e. no units -> NO_UNITS_CLASS)."""
    pct = np.asarray(pct, dtype=float)
    classes = np.digitize(pct, [1e-9, 25.0, 50.0, 75.0, 100.0 - 1e-9], right=False)
    classes = np.where(pct <= 0, 0, classes)
    classes = np.where(pct >= 100.0 - 1e-9, 5, classes)
    return np.where(np.isnan(pct), NO_UNITS_CLASS, classes).astype(np.int8)


def coverage_rgba(pct: np.ndarray) -> np.ndarray:
    """Coverage % per commune -> (C, 4) uint8 fill colours for the map."""
    return COVERAGE_COLORS[coverage_classes(pct)]


def state_labels() -> list[str]:
    translate = QCoreApplication.translate
    return [translate("CoverageLegend", "unplanned"), translate("CoverageLegend", "planned"),
            translate("CoverageLegend", "eligible"), translate("CoverageLegend", "marketable"),
            translate("CoverageLegend", "connected")]


def _swatch(color: QColor, size: int = 14) -> QPixmap:
    pix = QPixmap(QSize(size, size))
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setPen(QColor(120, 120, 120))
    p.setBrush(color)
    p.drawRect(0, 0, size - 1, size - 1)
    p.end()
    return pix


def _mark(color: QColor, hollow: bool, size: int = 10) -> QPixmap:
    """A premise state as the map draws it: a dot, or a ring for the hollow states."""
    pix = QPixmap(QSize(size, size))
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if hollow:
        width = max(1.5, size * 0.25)
        p.setPen(QPen(color, width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QRectF(width / 2, width / 2, size - width, size - width))
    else:
        p.setPen(QColor(120, 120, 120))
        p.setBrush(color)
        p.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    p.end()
    return pix


class CoverageLegend(QWidget):
    """Two short legends: commune coverage classes and premise states. Each wraps onto a second row when the dock
    is narrow (a flow layout), so the legend never sets the dock's width."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("coverageLegend")
        rows = QVBoxLayout(self)
        rows.setContentsMargins(6, 2, 6, 2)
        rows.setSpacing(2)
        communes = FlowLayout(spacing=8)
        rows.addLayout(communes)
        communes.addWidget(fixed(QLabel(self.tr("<b>Communes</b>"), self)))
        self.class_labels: list[QLabel] = []
        for i, text in enumerate(coverage_labels()):
            self.class_labels.append(self._entry(communes, _swatch(QColor(*COVERAGE_COLORS[i]), 12), text))
        premises = FlowLayout(spacing=8)
        rows.addLayout(premises)
        premises.addWidget(fixed(QLabel(self.tr("<b>Premises</b>"), self)))
        self.state_labels: list[QLabel] = []
        #: the colour of each premise state swatch, straight from the palette
        self.state_colours = {key: STATE_COLOURS[key] for key in STATES}
        for key, text in zip(STATES, state_labels()):
            mark = _mark(QColor(self.state_colours[key]), key in STATE_HOLLOW)
            self.state_labels.append(self._entry(premises, mark, text))
        self.setToolTip(self.tr("Communes: share of their premises eligible at the slider's month. "
                                "Premises: state at that month."))

    def _entry(self, flow: FlowLayout, pixmap: QPixmap, text: str) -> QLabel:
        """A swatch and its label, kept together on one row."""
        entry = QWidget(self)
        box = QHBoxLayout(entry)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(3)
        swatch = QLabel(entry)
        swatch.setPixmap(pixmap)
        label = QLabel(text, entry)
        box.addWidget(swatch)
        box.addWidget(label)
        flow.addWidget(fixed(entry))
        return label
