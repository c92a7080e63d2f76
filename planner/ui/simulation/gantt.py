"""Gantt chart of the phases: studies, ramp-up and build bars on a month axis, with the current month."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planner.core.months import parse_month
from planner.ui.simulation.coverage_panel import MonthAxis
from planner.ui.common.plots import plot_widget

STUDY_COLOR = "#c8c8c8"


def phase_bars(result) -> list[dict]:
    """Per phase: name, id and month offsets (study_start, build_start, ramp_end, end, open_end).

    `end` is the month after the last unit is built, or the horizon when the phase does not finish
    (then `open_end` is True); offsets are None when the phase does not even start within the horizon.
    """
    start = parse_month(result.start)
    horizon = len(result.months)
    ramps = result.inputs.ramp if result.inputs is not None else np.zeros(len(result.phase_names), dtype=int)

    def off(label):
        return None if label is None else parse_month(label) - start

    bars = []
    for i, name in enumerate(result.phase_names):
        s, b, e = off(result.phase_start[i]), off(result.phase_build_start[i]), off(result.phase_end[i])
        open_end = e is None
        end = horizon if e is None else e + 1
        ramp_end = None if b is None else min(end, b + int(ramps[i]))
        bars.append({"name": name, "id": result.phase_ids[i], "study_start": s, "build_start": b,
                     "ramp_end": ramp_end, "end": end if s is not None else None, "open_end": open_end})
    return bars


class GanttChart(QWidget):
    """One row per phase (first phase on top): grey studies, light ramp-up, full-colour build."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ganttChart")
        self.document = document
        self.bars: list[dict] = []
        self.axis = MonthAxis()
        self.left_axis = pg.AxisItem("left")
        self.plot = plot_widget(axisItems={"bottom": self.axis, "left": self.left_axis}, background="w")
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.showGrid(x=True, y=False, alpha=0.25)
        self.plot.getPlotItem().invertY(True)
        self.items: list[pg.BarGraphItem] = []
        self.month_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#444444", width=1.5))
        self.plot.addItem(self.month_line)
        self.note = QLabel(self)
        self.note.setWordWrap(True)  # the French legend takes two lines in a narrow dock
        self.plot.setMinimumHeight(60)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        document.monthChanged.connect(lambda m: self.month_line.setValue(m))

    def set_result(self, result) -> None:
        for it in self.items:
            self.plot.removeItem(it)
        self.items = []
        if result is None:
            self.bars = []
            return
        self.axis.start = parse_month(result.start)
        self.axis.picture = None
        self.bars = phase_bars(result)
        colors = {p.id: p.color for p in self.document.project.phases}
        kinds = {"study": ([], [], [], []), "ramp": ([], [], [], []), "build": ([], [], [], [])}
        for row, bar in enumerate(self.bars):
            if bar["study_start"] is None:
                continue
            color = QColor(colors.get(bar["id"], "#777777"))
            light = QColor(color)
            light.setAlpha(110)
            segments = [("study", bar["study_start"], bar["build_start"], QColor(STUDY_COLOR)),
                        ("ramp", bar["build_start"], bar["ramp_end"], light),
                        ("build", bar["ramp_end"], bar["end"], color)]
            for kind, a, b, brush in segments:
                if a is None or b is None or b <= a:
                    continue
                x0, w, ys, brushes = kinds[kind]
                x0.append(a)
                w.append(b - a)
                ys.append(row)
                brushes.append(brush)
        for kind, (x0, w, ys, brushes) in kinds.items():
            if not x0:
                continue
            item = pg.BarGraphItem(x0=x0, width=w, y=ys, height=0.6 if kind != "study" else 0.4,
                                   brushes=brushes, pen=pg.mkPen("#555555", width=0.5))
            self.plot.addItem(item)
            self.items.append(item)
        self.left_axis.setTicks([[(i, b["name"]) for i, b in enumerate(self.bars)]])
        widest = max((self.fontMetrics().horizontalAdvance(b["name"]) for b in self.bars), default=40)
        self.left_axis.setWidth(min(220, widest + 16))
        self.plot.setXRange(0, len(result.months), padding=0.01)
        self.plot.setYRange(-0.6, max(1, len(self.bars)) - 0.4, padding=0)
        self.plot.setMinimumHeight(max(110, min(220, 13 * len(self.bars) + 40)))
        self.month_line.setValue(self.document.month)
        unfinished = [b["name"] for b in self.bars if b["open_end"] and b["study_start"] is not None]
        never = [b["name"] for b in self.bars if b["study_start"] is None]
        notes = []
        if unfinished:
            notes.append(self.tr("Not finished within the horizon: {0}").format(", ".join(unfinished)))
        if never:
            notes.append(self.tr("Not started within the horizon: {0}").format(", ".join(never)))
        if not self.bars:
            notes.append(self.tr("No phase yet: add one in the Phases panel to see its studies and build here."))
        self.note.setText(" · ".join(notes) or self.tr("Grey: studies · light: ramp-up · full colour: build"))
        self._fit_note()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_note()

    def _fit_note(self) -> None:
        """Reserve the wrapped note's real height (layouts ignore a word-wrapped label's height-for-width)."""
        width = max(1, self.width() - 4)
        self.note.setMinimumHeight(max(0, self.note.heightForWidth(width)))
