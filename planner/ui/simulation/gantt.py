"""Gantt chart of the phases: studies, ramp-up and build bars on a month axis, with the current month; the months
a phase waits for money (a budget) are hatched."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planner.core.months import parse_month
from planner.ui.common.plain_text import as_plain
from planner.ui.simulation.as_built_view import TodayLine
from planner.ui.simulation.coverage_panel import MonthAxis
from planner.ui.common.plots import plot_widget

STUDY_COLOR = "#c8c8c8"
MONEY_WAIT_COLOR = "#d94801"  # hatch of the months a phase waits for money (the phase table shades them too)


def money_wait_runs(result) -> list[tuple[int, int, int]]:
    """(phase row, first month, months) of each run of consecutive months a phase waits for money."""
    costs = getattr(result, "costs", None)
    if costs is None or costs.money_wait is None or not costs.money_wait.any():
        return []
    wait = costs.money_wait.astype(np.int8)
    edges = np.diff(wait, axis=1, prepend=0, append=0)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # same row-major order as the starts
    return [(int(r), int(a), int(b - a)) for r, a, b in zip(rows, starts, ends)]


#: widest the phase-name axis grows (px); longer names are elided, with the whole name in the tooltip
AXIS_MAX_WIDTH = 220


def phase_bars(result) -> list[dict]:
    """Per phase: name, id and month offsets (study_start, build_start, ramp_end, end, open_end).

    `end` is the month after the last unit is built, or the horizon when the phase does not finish
    (then `open_end` is True); offsets are None when the phase does not even start within the horizon.
    With an as-built start, `state` is 'done', 'under_way' or 'not_begun' and `actual_end` the month after the
    as-of month for the real part of done and under-way phases (their start is their first real units; they
    have no studies nor ramp-up before it), else None.
    """
    start = parse_month(result.start)
    horizon = len(result.months)
    ramps = result.inputs.ramp if result.inputs is not None else np.zeros(len(result.phase_names), dtype=int)
    ab = getattr(result, "as_built", None)
    states = ab.phase_state if ab is not None else [None] * len(result.phase_names)
    resume_ramp = ab is not None and ab.state is not None and ab.state.resume_ramp

    def off(label):
        return None if label is None else parse_month(label) - start

    bars = []
    for i, name in enumerate(result.phase_names):
        s, b, e = off(result.phase_start[i]), off(result.phase_build_start[i]), off(result.phase_end[i])
        open_end = e is None
        end = horizon if e is None else e + 1
        ramp_end = None if b is None else min(end, b + int(ramps[i]))
        actual_end = None
        if states[i] in ("done", "under_way") and b is not None:
            actual_end = min(end, ab.as_of_index + 1)
            ramp_end = min(end, actual_end + (int(ramps[i]) if resume_ramp else 0))
        bars.append({"name": name, "id": result.phase_ids[i], "study_start": s, "build_start": b,
                     "ramp_end": ramp_end, "end": end if s is not None else None, "open_end": open_end,
                     "state": states[i], "actual_end": actual_end})
    return bars


def bar_segments(bars: list[dict], colors: dict) -> dict:
    """{kind: (x0, widths, rows, brushes)} for the kinds study, actual (hatched: built by the actual figures),
    ramp and build, from `phase_bars`."""
    kinds = {"study": ([], [], [], []), "actual": ([], [], [], []), "ramp": ([], [], [], []),
             "build": ([], [], [], [])}
    for row, bar in enumerate(bars):
        if bar["study_start"] is None:
            continue
        color = QColor(colors.get(bar["id"], "#777777"))
        light = QColor(color)
        light.setAlpha(110)
        segments = [("study", bar["study_start"], bar["build_start"], QColor(STUDY_COLOR)),
                    ("ramp", bar["actual_end"] or bar["build_start"], bar["ramp_end"], light),
                    ("build", bar["ramp_end"], bar["end"], color)]
        if bar["actual_end"] is not None:
            segments.append(("actual", bar["build_start"], bar["actual_end"], QBrush(color, Qt.BDiagPattern)))
        for kind, a, b, brush in segments:
            if a is None or b is None or b <= a:
                continue
            x0, w, ys, brushes = kinds[kind]
            x0.append(a)
            w.append(b - a)
            ys.append(row)
            brushes.append(brush)
    return kinds


class GanttChart(QWidget):
    """One row per phase (first phase on top): grey studies, light ramp-up, full-colour build."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ganttChart")
        self.document = document
        self.bars: list[dict] = []
        self.money_runs: list[tuple[int, int, int]] = []
        self.axis = MonthAxis()
        self.left_axis = pg.AxisItem("left")
        self.plot = plot_widget(axisItems={"bottom": self.axis, "left": self.left_axis}, background="w")
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.showGrid(x=True, y=False, alpha=0.25)
        self.plot.getPlotItem().invertY(True)
        self.items: list[pg.BarGraphItem] = []
        self.month_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#444444", width=1.5))
        self.plot.addItem(self.month_line)
        self.today = TodayLine(self.plot.getPlotItem(), label_position=0.03)  # y is inverted
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.PlainText)  # phase names as typed
        self.note.setWordWrap(True)  # the French legend takes two lines in a narrow dock
        self.plot.setMinimumHeight(60)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        document.monthChanged.connect(lambda m: self.month_line.setValue(m))
        self.plot.scene().sigMouseMoved.connect(self._hover)

    def set_result(self, result) -> None:
        for it in self.items:
            self.plot.removeItem(it)
        self.items = []
        self.today.set_result(result)
        if result is None:
            self.bars, self.money_runs = [], []
            return
        self.axis.start = parse_month(result.start)
        self.axis.picture = None
        self.bars = phase_bars(result)
        kinds = bar_segments(self.bars, {p.id: p.color for p in self.document.project.phases})
        for kind, (x0, w, ys, brushes) in kinds.items():
            if not x0:
                continue
            item = pg.BarGraphItem(x0=x0, width=w, y=ys, height=0.6 if kind != "study" else 0.4,
                                   brushes=brushes, pen=pg.mkPen("#555555", width=0.5))
            self.plot.addItem(item)
            self.items.append(item)
        runs = money_wait_runs(result)
        if runs:  # cross-hatched orange: distinct from the as-built hatch
            colour = QColor(MONEY_WAIT_COLOR)
            colour.setAlpha(170)  # the phase's colour stays readable under the hatch
            hatch = QBrush(colour, Qt.BrushStyle.DiagCrossPattern)
            item = pg.BarGraphItem(x0=[a for _, a, _ in runs], width=[n for _, _, n in runs],
                                   y=[r for r, _, _ in runs], height=0.8, brush=hatch,
                                   pen=pg.mkPen(MONEY_WAIT_COLOR, width=0.8))
            item.setZValue(5)
            self.plot.addItem(item)
            self.items.append(item)
        self.money_runs = runs
        self._set_row_labels()
        left = min([0] + [bar["build_start"] for bar in self.bars if bar["actual_end"] is not None])
        self.plot.setXRange(left, len(result.months), padding=0.01)
        self.plot.setYRange(-0.6, max(1, len(self.bars)) - 0.4, padding=0)
        self.plot.setMinimumHeight(max(110, min(220, 13 * len(self.bars) + 40)))
        self.month_line.setValue(self.document.month)
        self.note.setText(self._note_text(result))
        self._fit_note()

    def _note_text(self, result) -> str:
        """The line under the chart: unfinished/unstarted/done phases, then the legend."""
        unfinished = [b["name"] for b in self.bars if b["open_end"] and b["study_start"] is not None]
        never = [b["name"] for b in self.bars if b["study_start"] is None]
        notes = []
        if unfinished:
            notes.append(self.tr("Not finished within the horizon: {0}").format(", ".join(unfinished)))
        if never:
            notes.append(self.tr("Not started within the horizon: {0}").format(", ".join(never)))
        if not self.bars:
            notes.append(self.tr("No phase yet: add one in the Phases panel to see its studies and build here."))
        legend = self.tr("Grey: studies · light: ramp-up · full colour: build")
        if self.money_runs:
            legend += self.tr(" · orange cross-hatch: waits for money")
        ab = getattr(result, "as_built", None)
        if ab is not None:
            legend += " · " + self.tr("hatched: built (actual figures, as of {0})").format(ab.as_of)
            done = [b["name"] for b in self.bars if b["state"] == "done"]
            if done:
                notes.append(self.tr("Done: {0}").format(", ".join(done)))
        if not notes:
            return legend
        return " · ".join(notes + [legend]) if (self.money_runs or ab is not None) else " · ".join(notes)

    def _set_row_labels(self) -> None:
        """Phase names beside the rows, as typed; a name too long for the axis is elided ('…') and shown whole
        in the row's tooltip (pyqtgraph drops a tick label that does not fit, so none is left too long)."""
        fm = QFontMetrics(self.left_axis.style.get("tickFont") or self.font())
        widest = max((fm.horizontalAdvance(b["name"]) for b in self.bars), default=40)
        width = min(AXIS_MAX_WIDTH, widest + 16)
        self.left_axis.setWidth(width)
        room = width - 16
        self.left_axis.setTicks([[(i, fm.elidedText(b["name"], Qt.ElideRight, room))
                                  for i, b in enumerate(self.bars)]])

    def name_at(self, scene_pos) -> str | None:
        """The full name of the phase whose row is under `scene_pos` (scene coordinates), else None."""
        vb = self.plot.getPlotItem().getViewBox()
        y = vb.mapSceneToView(scene_pos).y()
        row = int(round(y))
        if 0 <= row < len(self.bars) and abs(y - row) <= 0.5:
            return self.bars[row]["name"]
        return None

    def _hover(self, scene_pos) -> None:
        name = self.name_at(scene_pos)
        self.plot.setToolTip(as_plain(name) if name else "")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_note()

    def _fit_note(self) -> None:
        """Reserve the wrapped note's real height (layouts ignore a word-wrapped label's height-for-width)."""
        width = max(1, self.width() - 4)
        self.note.setMinimumHeight(max(0, self.note.heightForWidth(width)))
