"""Installs coverage over time in the main window: runner, curves, slider, legend, Gantt, quarter table, map colours.

`install_coverage_ui(main_window)` is called by MainWindow; it returns a `CoverageUI` (also stored as
`main_window.coverage_ui`) that holds every piece, so tests and other modules can reach them.
The map colours communes by coverage class at the slider's month and premises by state
(unplanned / planned / eligible / marketable / connected) while "Coverage on map" is on.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from planner.core.errors import Cancelled
from planner.core.simulation.palette import BEHIND_PLAN_COLOUR, STATE_COLOUR_LIST, STATE_HOLLOW, rgba
from planner.core.simulation.premise_state import (STATES, BuildOrder, build_order_for, premise_states,
                                                   premise_timeline)
from planner.ui.simulation.coverage_legend import CoverageLegend, coverage_rgba
from planner.ui.simulation.coverage_panel import CoveragePanel
from planner.ui.simulation.gantt import GanttChart
from planner.ui.simulation.spend_panel import SpendPanel
from planner.ui.simulation.quarter_table import QuarterTable
from planner.ui.simulation.simulation_runner import simulation_runner_for
from planner.ui.simulation.time_slider import TimeSlider
from planner.ui.common.window_part import WindowPart
from planner.ui.common.worker_pool import WorkerPool


#: fill of communes marked as behind plan (the one palette's)
MARK_RGBA = rgba(BEHIND_PLAN_COLOUR)


#: widths (px) of the left and right axes of plots stacked on the same months
AXIS_WIDTHS = (54, 56)


def align_plot_axes(plots) -> None:
    """Give plots linked on x the same left and right axis widths: pyqtgraph links views in screen space, so views
    of different widths (the spend plot has a right axis) showed different months (the curves started late)."""
    left, right = AXIS_WIDTHS
    for plot in plots:
        item = plot.getPlotItem()
        item.getAxis("left").setWidth(left)
        if not item.getAxis("right").isVisible():
            item.showAxis("right")
            item.getAxis("right").setStyle(showValues=False)
        item.getAxis("right").setWidth(right)


def commune_pct_at(result, month: int) -> np.ndarray:
    """Coverage % of every commune at month index `month` (NaN for communes without units)."""
    units = np.asarray(result.commune_units, dtype=float)
    month = max(0, min(len(result.months) - 1, int(month)))
    eligible = np.asarray(result.commune_eligible[:, month], dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(units > 0, eligible * 100.0 / units, np.nan)


def state_palette() -> list[tuple[int, int, int, int]]:
    """RGBA of each premise state, in state code order: the one palette (planner/core/simulation/palette.py)."""
    return [rgba(c) for c in STATE_COLOUR_LIST]


class CoverageMapColours(QObject):
    """Colours the map for the document's month from the runner's latest result, while `enabled`.

    Premise states come from the result and the assignment it was computed on (`runner.assignment`, same
    revision), never from a newer assignment the cache may hold meanwhile. Communes are coloured at once; the
    premises' timeline (when each one becomes eligible, marketable, connected: tens of milliseconds on the Gers,
    a second for a million premises) is computed in a worker thread after each new result, and the premises
    take their colours when it arrives, so an edit never waits for it. A slider move reads the timeline: ~1 ms.
    """

    _timelineReady = Signal(object, object, object, object)  # result, assignment, BuildOrder, PremiseTimeline
    #: the premises' timeline of the latest result arrived (Identify shows a premise's state from it)
    statesReady = Signal()

    def __init__(self, document, runner, commune_item_getter, premises_item_getter, parent=None):
        super().__init__(parent)
        self.document = document
        self.runner = runner
        self._communes = commune_item_getter
        self._premises = premises_item_getter
        self.enabled = True
        self.marked_rows = np.zeros(0, dtype=np.int64)  # communes drawn in MARK_RGBA (e.g. behind plan)
        self._order: BuildOrder | None = None
        self._timeline = None  # (result, order, PremiseTimeline)
        self.last_fill: np.ndarray | None = None
        self.last_states: np.ndarray | None = None
        self._pool = WorkerPool("premise-states")
        self._pending = None  # (result, assignment) whose timeline the worker is computing
        self._timelineReady.connect(self._on_timeline, Qt.ConnectionType.QueuedConnection)
        runner.updated.connect(lambda _r: self.apply())
        document.monthChanged.connect(lambda _m: self.apply())
        document.closing.connect(self._pool.close)

    def set_marked(self, rows) -> None:
        """Draw these commune rows in the 'behind plan' colour over the coverage classes (empty: none)."""
        self.marked_rows = np.asarray(sorted(int(r) for r in rows), dtype=np.int64)
        self.apply()

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        if on:
            self.apply()
        else:
            item = self._communes()
            if item is not None:
                item.set_fill_colors(None)
            self.last_fill = None
            self.last_states = None

    def premise_state(self, row: int) -> tuple[int, int] | None:
        """(state code at the document's month, absolute month it turns eligible or -1) of one premise, by the one
        rule the map colours it with; None until the latest result's timeline is known (then `statesReady`)."""
        result, a = self.runner.result, self.runner.assignment  # the assignment `result` was computed on
        premises = self.document.project.premises
        if result is None or a is None or premises is None or len(a.premise_phase) != len(premises):
            return None
        cached = self._timeline
        if cached is None or cached[0] is not result or self._order is None or self._order.assignment is not a:
            self._start_timeline(result, a)  # (also when the map shows phases, not states)
            return None
        timeline = cached[2]
        return int(premise_states(timeline, self.document.month)[row]), int(timeline.eligible[row])

    def apply(self) -> None:
        result = self.runner.result
        if not self.enabled or result is None:
            return
        month = self.document.month
        item = self._communes()
        if item is not None and len(result.commune_units) == len(self.document.project.communes or []):
            self.last_fill = coverage_rgba(commune_pct_at(result, month))
            if len(self.marked_rows):
                self.last_fill[self.marked_rows] = MARK_RGBA
            item.set_fill_colors(self.last_fill)
        p_item = self._premises()
        a = self.runner.assignment  # the one `result` was computed on
        if p_item is None or a is None or self.document.project.premises is None:
            return
        if len(a.premise_phase) != p_item.point_count():  # the premise layer was replaced since
            return
        cached = self._timeline
        if cached is not None and cached[0] is result and self._order is not None and self._order.assignment is a:
            self.last_states = premise_states(cached[2], month)
            p_item.set_categories(self.last_states, state_palette(), hollow=[k in STATE_HOLLOW for k in STATES])
        else:
            self._start_timeline(result, a)

    def _start_timeline(self, result, assignment) -> None:
        """Compute the timeline of `result` in the worker (once per result); `_on_timeline` applies it."""
        if self._pending is not None and self._pending[0] is result and self._pending[1] is assignment:
            return
        prem = self.document.project.premises
        x, y, units = prem.x, prem.y, prem.units  # arrays replaced by edits, never changed in place
        previous = self._order
        self._pending = (result, assignment)
        signal, pool = self._timelineReady, self._pool

        def work():
            try:  # a window closed meanwhile stops the work between its sorts: the process need not wait to exit
                order = previous if previous is not None and previous.assignment is assignment else \
                    build_order_for(assignment, x, y, units, previous, cancel=lambda: pool.closed)
            except Cancelled:
                return
            if pool.closed:
                return
            pool.emit(signal, result, assignment, order, premise_timeline(result, order))

        if pool.submit(work) is None:
            self._pending = None

    def _on_timeline(self, result, assignment, order, timeline) -> None:
        if self._pending is not None and self._pending[0] is result:
            self._pending = None
        self._order = order
        self._timeline = (result, order, timeline)
        if result is self.runner.result and assignment is self.runner.assignment:
            self.apply()
            self.statesReady.emit()

    def wait(self, timeout_s: float = 30.0) -> bool:
        """Process events until the premises' colours of the latest result are applied (tests, scripts)."""
        import time

        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            QCoreApplication.processEvents()
            if self._pending is None:
                return True
            time.sleep(0.002)
        return False


class CoverageUI(WindowPart):
    """Everything the coverage feature adds to a main window."""

    def __init__(self, mw):
        super().__init__(mw)
        doc = mw.document
        self.document = doc
        self.runner = simulation_runner_for(doc)
        self.panel = CoveragePanel(doc)
        self.slider = TimeSlider(doc)
        self.legend = CoverageLegend()
        self.gantt = GanttChart(doc)
        self.quarter_table = QuarterTable(doc)
        self.map_colours = CoverageMapColours(doc, self.runner, lambda: mw.commune_item, lambda: mw.premises_item,
                                              self)
        self._build_docks(mw, doc)

        self.runner.updated.connect(self._on_result)
        identify = getattr(mw, "identify_panel", None)
        if identify is not None:  # a premise's state and a commune's coverage follow the simulation
            self.runner.updated.connect(identify.refresh_details)
            self.map_colours.statesReady.connect(identify.refresh_details)
        self.runner.failed.connect(self.panel.show_error)
        if hasattr(mw, "layersRebuilt"):
            mw.layersRebuilt.connect(self.map_colours.apply)

        self._build_actions(mw)
        self._install_decisions(mw)
        if self.runner.result is not None:
            self._on_result(self.runner.result)

    def _build_docks(self, mw, doc) -> None:
        """Coverage dock (curves over spend, slider, legend), Gantt and quarter-table docks (tabbed)."""
        holder = QWidget()
        holder.setObjectName("coverageDock")
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.spend = SpendPanel(doc)
        self.spend.plot.setXLink(self.panel.plot)  # same months under the coverage curves
        align_plot_axes([self.panel.plot, self.spend.plot])
        curves = QSplitter(Qt.Orientation.Vertical, holder)
        curves.addWidget(self.panel)
        curves.addWidget(self.spend)
        curves.setStretchFactor(0, 2)  # the coverage curves (under their controls) get most of the height
        curves.setStretchFactor(1, 1)
        curves.setSizes([500, 220])
        lay.addWidget(curves, 1)
        lay.addWidget(self.slider)
        lay.addWidget(self.legend)
        self.coverage_dock = mw.add_dock(holder, self.tr("Coverage"), Qt.RightDockWidgetArea)
        self.gantt_dock = mw.add_dock(self.gantt, self.tr("Gantt"), Qt.BottomDockWidgetArea)
        self.table_dock = mw.add_dock(self.quarter_table, self.tr("Communes by quarter"), Qt.BottomDockWidgetArea)
        mw.tabifyDockWidget(self.gantt_dock, self.table_dock)
        self.gantt_dock.raise_()

    def _build_actions(self, mw) -> None:
        """Coverage on map and Play rollout, in the Simulation menu and the toolbar."""
        self.act_coverage_map = QAction(self.tr("Coverage on &map"), mw)
        self.act_coverage_map.setCheckable(True)
        self.act_coverage_map.setChecked(True)
        self.act_coverage_map.setShortcut(QKeySequence(self.tr("Ctrl+Shift+M")))
        self.act_coverage_map.setToolTip(self.tr("Colour communes by coverage and premises by state at the "
                                                 "slider's month (Ctrl+Shift+M)"))
        self.act_coverage_map.toggled.connect(self.map_colours.set_enabled)
        zones = getattr(getattr(mw, "phase_ui", None), "zones_item", None)
        if zones is not None:  # coverage colours under tinted zones would be unreadable: outline the zones
            self.act_coverage_map.toggled.connect(lambda on: zones.set_filled(not on))
            zones.set_filled(not self.act_coverage_map.isChecked())
        self.act_play = QAction(self.tr("&Play rollout"), mw)
        self.act_play.setCheckable(True)
        self.act_play.setShortcut(QKeySequence(self.tr("Ctrl+Space")))
        self.act_play.setToolTip(self.tr("Play the rollout month by month (Ctrl+Space)"))
        self.act_play.setIcon(self.slider.play_button.icon())
        self.act_play.toggled.connect(self.slider.play_button.setChecked)
        self.slider.play_button.toggled.connect(self.act_play.setChecked)
        self.slider.play_button.setShortcut(QKeySequence())  # the action owns the shortcut
        menu = mw.menu("Simulation")
        menu.addAction(self.act_coverage_map)
        menu.addAction(self.act_play)
        menu.addSeparator()
        mw.toolbar.addAction(self.act_coverage_map)
        mw.toolbar.addAction(self.act_play)

    def _install_decisions(self, mw) -> None:
        """Scenarios dock and the decision dialogs (goal seek, comparison, uncertainty, actuals, calibration)."""
        from planner.ui.simulation.scenario_panel import ScenarioPanel

        self.scenario_panel = ScenarioPanel(self.document, self.runner.cache)
        self.scenario_dock = mw.add_dock(self.scenario_panel, self.tr("Scenarios"), Qt.RightDockWidgetArea)
        mw.tabifyDockWidget(self.coverage_dock, self.scenario_dock)
        self.coverage_dock.raise_()
        self.runner.updated.connect(lambda _r: self.scenario_panel.refresh_comparison())
        menu = mw.menu("Simulation")
        self.decision_actions = {}
        for key, text, shortcut, tip, slot in [
            ("goal_seek", self.tr("&Goal seek…"), "Ctrl+Shift+G",
             self.tr("Find the fewest crews, latest start or lowest productivity that meets a coverage target"),
             self.open_goal_seek),
            ("compare", self.tr("&Compare scenarios"), "Ctrl+Shift+K",
             self.tr("All scenarios' curves, milestones and phase dates side by side"), self.open_comparison),
            ("uncertainty", self.tr("&Uncertainty…"), "Ctrl+Shift+U",
             self.tr("Many runs with uncertain productivity: P10/P50/P90 bands and the chance of meeting a target"),
             self.open_uncertainty),
            ("actuals", self.tr("Import &actuals…"), "Ctrl+Shift+T",
             self.tr("Import actual eligible premises per commune and quarter (Arcep layout or long table)"),
             self.open_actuals),
            ("calibrate", self.tr("Ca&librate on actuals…"), "Ctrl+Shift+B",
             self.tr("Fit the pace to the imported actuals and project it as a new scenario"), self.open_calibration),
        ]:
            act = QAction(text, mw)
            act.setShortcut(QKeySequence(shortcut))
            act.setToolTip(f"{tip} ({shortcut})")
            act.setStatusTip(tip)
            act.triggered.connect(slot)
            menu.addAction(act)
            self.decision_actions[key] = act
        self.actuals_ui = None
        self.uncertainty = None

    def open_comparison(self) -> None:
        self.scenario_dock.show()
        self.scenario_dock.raise_()
        self.scenario_panel.show_comparison()

    def open_goal_seek(self):
        from planner.ui.decisions.goal_seek_dialog import GoalSeekDialog

        dlg = GoalSeekDialog(self.document, self.runner.cache, self.mw)
        dlg.show()
        self.goal_seek_dialog = dlg
        return dlg

    def open_uncertainty(self):
        from planner.ui.decisions.uncertainty_view import UncertaintyDialog

        if self.uncertainty is None:
            self.uncertainty = UncertaintyDialog(self.document, self.runner.cache, self.panel, self.mw)
        goal_seek = getattr(self, "goal_seek_dialog", None)
        if goal_seek is not None:  # the same question as goal seek's, unless another was typed
            self.uncertainty.follow_target(goal_seek.target.value(), goal_seek.by.text().strip())
        if self.uncertainty.isVisible():  # already open, maybe behind the window: bring it forward
            self.uncertainty.raise_()
            self.uncertainty.activateWindow()
        self.uncertainty.show()
        return self.uncertainty

    def _actuals(self):
        from planner.ui.decisions.actuals_ui import ActualsUI

        if self.actuals_ui is None:
            self.actuals_ui = ActualsUI(self.mw, self)
        return self.actuals_ui

    def open_actuals(self):
        return self._actuals().import_dialog()

    def open_calibration(self):
        return self._actuals().open_calibration()

    def _on_result(self, result) -> None:
        if self.actuals_ui is None and getattr(self.document.project, "as_built", None) is not None:
            self._actuals().refresh()  # figures kept in the project: show them (plan vs actual, as-built start)
        self.panel.set_result(result)
        self.spend.set_result(result)
        self.gantt.set_result(result)
        self.quarter_table.set_result(result)
        self.slider.refresh_range()


def install_coverage_ui(main_window) -> CoverageUI:
    """Add the coverage docks, slider, map colouring and the Simulation menu to `main_window`."""
    ui = CoverageUI(main_window)
    main_window.coverage_ui = ui
    return ui
