"""Coverage classes of the map (0 %, 1–25, 25–50, 50–75, 75–99, 100 %), premise states, and their legend widget.

Colours come from the one palette, planner/core/simulation/palette.py (the curves and printed pages use it too)."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from planner.core.simulation.palette import COVERAGE_COLOURS, STATE_COLOURS, rgba
from planner.core.simulation.premise_state import STATES

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


class CoverageLegend(QWidget):
    """Two short legends: commune coverage classes and premise states."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("coverageLegend")
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 2, 6, 2)
        grid.setHorizontalSpacing(3)
        grid.setVerticalSpacing(2)
        grid.addWidget(QLabel(self.tr("<b>Communes</b>"), self), 0, 0)
        self.class_labels: list[QLabel] = []
        for i, text in enumerate(coverage_labels()):
            sw = QLabel(self)
            sw.setPixmap(_swatch(QColor(*COVERAGE_COLORS[i]), 12))
            lab = QLabel(text, self)
            self.class_labels.append(lab)
            grid.addWidget(sw, 0, 1 + 2 * i)
            grid.addWidget(lab, 0, 2 + 2 * i)
        grid.addWidget(QLabel(self.tr("<b>Premises</b>"), self), 1, 0)
        self.state_labels: list[QLabel] = []
        #: the colour of each premise state swatch, straight from the palette
        self.state_colours = {key: STATE_COLOURS[key] for key in STATES}
        for i, (key, text) in enumerate(zip(STATES, state_labels())):
            sw = QLabel(self)
            sw.setPixmap(_swatch(QColor(self.state_colours[key]), 10))
            lab = QLabel(text, self)
            self.state_labels.append(lab)
            grid.addWidget(sw, 1, 1 + 2 * i)
            grid.addWidget(lab, 1, 2 + 2 * i)
        self.setToolTip(self.tr("Communes: share of their premises eligible at the slider's month. "
                                "Premises: state at that month."))
        grid.setColumnStretch(13, 1)
