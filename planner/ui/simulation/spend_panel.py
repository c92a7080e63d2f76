"""The spend plot beside the coverage curves: cumulative euros spent (and the budget made available, when the
scenario has one) on the left axis, spend per calendar year as bars on the right axis, on the same months.

Figures come from `result.costs` (planner/core/simulation/spend.py); a budget too small to finish is said in red.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planner.core.months import format_month, parse_month
from planner.core.simulation.spend import budget_note, milestone_costs, yearly
from planner.ui.common.figures import money
from planner.ui.simulation.coverage_panel import MonthAxis
from planner.ui.common.plots import plot_widget

SPEND_COLOR = "#54278f"
BUDGET_COLOR = "#d94801"
BAR_COLOR = (158, 154, 200, 120)


def scale_of(value: float) -> tuple[float, str]:
    """Divisor and unit for an axis reaching `value` euros: (1e6, 'M€'), (1e3, 'k€') or (1, '€')."""
    if value >= 1e6:
        return 1e6, "M€"
    if value >= 1e4:
        return 1e3, "k€"
    return 1.0, "€"


class SpendPanel(QWidget):
    """Cumulative spend (and budget) per month, spend per year as bars; call `set_result(result)`."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("spendPanel")
        self.document = document
        self.result = None
        self.budget_short = False  # the budget leaves planned units unbuilt at the end of the horizon
        self.axis = MonthAxis()
        self.plot = plot_widget(axisItems={"bottom": self.axis}, background="w")
        self.plot.setObjectName("spendPlot")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.setMinimumHeight(80)  # the coverage curves above get the room first
        item = self.plot.getPlotItem()
        self.bars_view = pg.ViewBox(enableMenu=False)  # no parentless context menu to outlive the window
        item.showAxis("right")
        item.scene().addItem(self.bars_view)
        item.getAxis("right").linkToView(self.bars_view)
        self.bars_view.setXLink(item)
        self.bars_view.setMouseEnabled(x=False, y=False)
        item.vb.sigResized.connect(self._sync_views)
        self.bars = pg.BarGraphItem(x0=[], width=[], height=[], brush=pg.mkBrush(*BAR_COLOR),
                                    pen=pg.mkPen(QColor(*BAR_COLOR[:3]), width=0.5))
        self.bars_view.addItem(self.bars)
        self.spend_curve = self.plot.plot([], [], pen=pg.mkPen(SPEND_COLOR, width=2.5))
        self.budget_curve = self.plot.plot([], [], pen=pg.mkPen(BUDGET_COLOR, width=1.5, style=Qt.PenStyle.DashLine))
        self.month_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#444444", width=1.5))
        item.addItem(self.month_line)
        self.legend = QLabel(self)
        self.legend.setObjectName("spendLegend")
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot, 1)
        document.monthChanged.connect(lambda m: self.month_line.setValue(m))

    def _sync_views(self) -> None:
        self.bars_view.setGeometry(self.plot.getPlotItem().vb.sceneBoundingRect())
        self.bars_view.linkedViewChanged(self.plot.getPlotItem().vb, self.bars_view.XAxis)

    def set_result(self, result) -> None:
        """Plot a SimulationResult's money (None, or a result without costs, clears the plot)."""
        self.result = result
        costs = getattr(result, "costs", None)
        if costs is None:
            for c in (self.spend_curve, self.budget_curve):
                c.setData([], [])
            self.bars.setOpts(x0=[], width=[], height=[])
            self.legend.setText("")
            self.legend.setToolTip("")
            self.budget_short = False
            return
        self.axis.start = parse_month(result.start)
        self.axis.picture = None
        top = float(max(costs.spend[-1], costs.budget[-1] if costs.budget is not None else 0.0, 1.0))
        div, unit = scale_of(top)
        x = np.arange(len(result.months), dtype=float)
        self.spend_curve.setData(x, costs.spend / div)
        if costs.budget is not None:
            self.budget_curve.setData(x, costs.budget / div)
        else:
            self.budget_curve.setData([], [])
        years, amounts = yearly(result, costs.spend)
        start = parse_month(result.start)
        first = np.maximum(np.array(years) * 12 - start, 0)
        last = np.minimum(np.array(years) * 12 + 12 - start, len(result.months))
        ydiv, yunit = scale_of(float(max(amounts.max(initial=0.0), 1.0)))
        span = last - first
        self.bars.setOpts(x0=first + 0.15 * span - 0.5, width=0.7 * span, height=amounts / ydiv)
        self.bars_view.setYRange(0, max(amounts.max(initial=0.0) / ydiv, 1e-9) * 1.1, padding=0)
        self.plot.setLabel("left", unit)
        self.plot.getPlotItem().getAxis("right").setLabel(self.tr("{0} a year").format(yunit))
        self.plot.setYRange(0, top / div * 1.05, padding=0)
        self.plot.setXRange(0, max(1, len(result.months) - 1), padding=0.01)
        self.month_line.setValue(self.document.month)
        self._sync_views()
        self._update_text(result)

    def _update_text(self, result) -> None:
        costs = result.costs
        ms = milestone_costs(result)
        parts = [f"<span style='color:{SPEND_COLOR}'>━</span>&nbsp;" + self.tr("spent"),
                 f"<span style='color:rgb{BAR_COLOR[:3]}'>▇</span>&nbsp;" + self.tr("per year")]
        if costs.budget is not None:
            parts.append(f"<span style='color:{BUDGET_COLOR}'>╍</span>&nbsp;" + self.tr("budget"))
        parts.append("<b>" + self.tr("plan {0}").format(money(costs.cost_total)) + "</b>")
        parts += [self.tr("{0} % for {1}").format(m, money(v)) for m, v in ms.items() if v is not None]
        self.budget_short = budget_note(result) is not None
        if self.budget_short:  # said in the legend line (the plot keeps its height), in full in the tooltip
            parts.append("<span style='color:#b00020'><b>" + self.tr("budget too small: {0:.0f} % by {1}").format(
                float(result.coverage_pct[-1]), result.months[-1]) + "</b></span>")
        self.legend.setText("&nbsp;&nbsp;".join(parts))
        self.legend.setToolTip(self.tr("The budget is too small to finish by {0}: coverage reaches {1:.1f} % ({2} "
                                       "spent of {3} available; the plan costs {4})").format(
            result.months[-1], float(result.coverage_pct[-1]), money(costs.spend[-1]),
            money(costs.budget[-1]), money(costs.cost_total)) if self.budget_short else "")

    def values_at(self, month: int) -> str:
        """Spend (cumulative and in that year) and budget at month index `month`, as text."""
        if self.result is None or getattr(self.result, "costs", None) is None:
            return ""
        c = self.result.costs
        month = max(0, min(len(self.result.months) - 1, int(month)))
        abs_month = parse_month(self.result.start) + month
        year_start = max(0, month - abs_month % 12)
        before = c.spend[year_start - 1] if year_start > 0 else 0.0
        text = self.tr("{0}: spent {1} ({2} since January)").format(
            format_month(abs_month), money(c.spend[month]), money(c.spend[month] - before))
        if c.budget is not None:
            text += " · " + self.tr("budget available {0}").format(money(c.budget[month]))
        return text
