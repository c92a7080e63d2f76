"""The Scenarios dock's comparison: every scenario's curve on one plot, milestones and phase dates side by side.

The scenarios are simulated in a worker thread (a WorkerPool stopped when the document closes) on a snapshot of
the project and the assignment of the current revision; the table highlights what differs from the active one.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from planner.core.errors import PlannerError
from planner.core.months import parse_month
from planner.ui.common.worker_pool import WorkerPool
from planner.ui.simulation.comparison_costs import cost_rows_for_table


def simulate_scenarios(project, assignment) -> tuple[list, list[str]]:
    """(one SimulationResult or None per scenario, error message or '' per scenario) on `assignment`."""
    from planner.core.simulation.coverage import simulate

    results, errors = [], []
    for s in project.scenarios:
        try:
            results.append(simulate(project, assignment, scenario=s) if assignment is not None else None)
            errors.append("")
        except PlannerError as exc:
            results.append(None)
            errors.append(str(exc))
    return results, errors


SCENARIO_COLORS = ["#08519c", "#e6550d", "#31a354", "#756bb1", "#d62728", "#8c564b", "#e377c2", "#17becf"]
DIFF_BRUSH = QBrush(QColor("#ffd966"))


def comparison_rows(project, results: list, reference: int):
    """Row labels and the core's ComparisonRows (planner.core.decisions.scenario_compare) over the results that exist.

    `results` holds one SimulationResult or None (failed) per scenario; values and differences of failed
    scenarios are None. The reference is the active scenario (or the first one that ran).
    """
    from planner.core.decisions.scenario_compare import compare_results
    from planner.core.simulation.coverage import MILESTONES

    ok = [i for i, r in enumerate(results) if r is not None]
    if not ok:
        return [], []
    ref = reference if reference in ok else ok[0]
    comparison = compare_results([results[i] for i in ok], ok.index(ref))
    t = QCoreApplication.translate
    labels, rows = [], []
    milestones = iter(MILESTONES)
    phases = iter(results[ref].phase_names)
    for row in comparison.rows:
        if row.kind == "milestone":
            labels.append(t("ScenarioComparison", "{0} % eligible").format(next(milestones)))
        else:
            labels.append(t("ScenarioComparison", "{0}: end").format(next(phases)))
        values = [None] * len(results)
        diffs = [None] * len(results)
        for j, i in enumerate(ok):
            values[i] = row.values[j]
            diffs[i] = row.diffs[j]
        rows.append((values, diffs))
    money = cost_rows_for_table(comparison, ok, len(results))
    return labels + money[0], rows + money[1]


class ScenarioComparison(QWidget):
    """All scenarios' coverage curves on one plot, and their milestones and phase dates side by side.

    Cells that differ from the active scenario's are highlighted. The scenarios are simulated in a worker thread
    on a snapshot of the project and the assignment the cache holds for the current revision (`refresh()`);
    `revision` is the document revision the shown results were computed from, `wait()` blocks until they are in.
    """

    _done = Signal(int, object, object, int)

    def __init__(self, document, cache, parent: QWidget | None = None):
        super().__init__(parent)
        from planner.ui.common.plots import plot_widget
        from planner.ui.simulation.coverage_panel import MonthAxis

        self.document = document
        self.cache = cache
        self.results: list = []
        self.errors: list[str] = []
        self.revision = -1
        self._token = 0
        self._running = False
        self._again = False
        self._pool = WorkerPool("comparison")
        self._done.connect(self._on_done)
        document.closing.connect(self._close)
        self.axis = MonthAxis(0)
        self.plot = plot_widget(axisItems={"bottom": self.axis}, background="w")
        self.plot.setObjectName("comparisonPlot")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("left", self.tr("eligible premises (%)"))
        self.plot.setYRange(0, 105, padding=0)
        self.plot.addLegend(offset=(-8, -30), labelTextSize="8pt")
        from planner.ui.simulation.as_built_view import TodayLine

        self.today = TodayLine(self.plot.getPlotItem(), absolute=True)
        self.curves: list = []
        self.table = QTableWidget(self)
        self.table.setObjectName("comparisonTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(22)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.plot)
        splitter.addWidget(self.table)
        splitter.setSizes([240, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def refresh(self) -> bool:
        """Simulate every scenario on the current assignment in the worker, then redraw plot and table.

        False when nothing was started (no assignment for this revision yet, or the window closed)."""
        if self._running:
            self._again = True
            return True
        if not self.cache.is_current():
            return False  # the runner's next result asks again
        project, assignment = self.document.project, self.cache.assignment
        snap, token = project.snapshot(), self._token + 1
        self._token = token
        pool, done = self._pool, self._done

        def work():
            results, errors = simulate_scenarios(snap, assignment)
            pool.emit(done, token, results, errors, snap.revision)

        self._running = pool.submit(work) is not None
        return self._running

    def wait(self, timeout_s: float = 30.0) -> bool:
        """Block until the comparison being computed is shown (tests, scripts); True when idle."""
        import time

        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + timeout_s
        while self._running and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.002)
        return not self._running

    def _close(self) -> None:
        self._pool.close()
        self._running = False

    def _on_done(self, token: int, results, errors, revision: int) -> None:
        self._running = False
        if token == self._token:
            self.results, self.errors, self.revision = list(results), list(errors), revision
            if len(self.results) == len(self.document.project.scenarios):
                self._draw_curves()
                self._fill_table()
        if self._again:
            self._again = False
            self.refresh()

    def _draw_curves(self) -> None:
        import numpy as np
        import pyqtgraph as pg

        project = self.document.project
        for c in self.curves:
            self.plot.removeItem(c)
        self.curves = []
        self.plot.getPlotItem().legend.clear()
        active = self.results[project.active_scenario] if project.active_scenario < len(self.results) else None
        self.today.set_result(active)
        for i, (s, r) in enumerate(zip(project.scenarios, self.results)):
            if r is None:
                continue
            x = parse_month(r.start) + np.arange(len(r.months), dtype=float)
            width = 3 if i == project.active_scenario else 1.5
            curve = self.plot.plot(x, r.coverage_pct, name=s.name,
                                   pen=pg.mkPen(SCENARIO_COLORS[i % len(SCENARIO_COLORS)], width=width))
            self.curves.append(curve)

    def _fill_table(self) -> None:
        project = self.document.project
        ref = project.active_scenario
        labels, rows = comparison_rows(project, self.results, ref)
        self.table.clear()
        self.table.setColumnCount(len(project.scenarios))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([s.name for s in project.scenarios])
        self.table.setVerticalHeaderLabels(labels)
        never = self.tr("not reached")
        for r, (values, diffs) in enumerate(rows):
            for c, (v, d) in enumerate(zip(values, diffs)):
                if self.errors[c]:
                    item = QTableWidgetItem(self.tr("error"))
                    item.setToolTip(self.errors[c])
                    self.table.setItem(r, c, item)
                    continue
                text = v or never
                if c != ref and d:
                    text += (self.tr(" ({0:+d} month)") if abs(d) == 1 else self.tr(" ({0:+d} months)")).format(d)
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, v)
                if c != ref and v != values[ref]:
                    item.setBackground(DIFF_BRUSH)
                    f = QFont(item.font())
                    f.setBold(True)
                    item.setFont(f)
                    item.setToolTip(self.tr("differs from the active scenario ({0})").format(values[ref] or never))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def highlighted_cells(self) -> list[tuple[str, str]]:
        """(row label, scenario name) of every highlighted cell."""
        out = []
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None and item.background().color() == DIFF_BRUSH.color():
                    out.append((self.table.verticalHeaderItem(r).text(), self.table.horizontalHeaderItem(c).text()))
        return out
