"""Excel workbook (openpyxl): Summary (milestones, costs, scenario parameters), Phases, Communes x quarters,
Costs (spend per phase and calendar year).

Numbers are numbers and months are real dates (first day of the month, shown 'mm/yyyy'); header rows are frozen
and columns sized to their content. Every text cell is text, never a formula (names come from other people's
files). Written through planner/io/writer.py (temporary file, zip check, rename).
"""
from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from planner.core.errors import PlannerError
from planner.core.months import parse_month

from planner.io.writer import write_file
from planner.io.exports.plan import PhasePlan
from planner.io.exports.tables import phase_rows
from planner.io.exports.costs_table import costs_sheet
from planner.core.simulation.spend import milestone_costs

LAYERS = ()
MONTH_FORMAT = "mm/yyyy"
EUR_FORMAT = '#,##0 "€"'


def month_date(label: str | None) -> _dt.date | None:
    """'2019-03' -> date(2019, 3, 1); None stays None."""
    if label is None:
        return None
    n = parse_month(label)
    return _dt.date(n // 12, n % 12 + 1, 1)


def targets(plan: PhasePlan, out: Path, layer: str | None) -> list[Path]:
    if out.suffix.lower() != ".xlsx":
        raise PlannerError(f"{out}: an Excel export must end in .xlsx")
    return [out]


def _as_text(cells) -> None:
    """Strings from data stay strings: openpyxl stores a string starting with '=' as a formula, so its type is
    set back to text ('=HYPERLINK(...)' is shown, never evaluated; docs/exports.md)."""
    for cell in cells:
        if cell.data_type == "f" and isinstance(cell.value, str):
            cell.data_type = "s"


def _sheet(wb, title: str, header: list[str], rows: list[list], freeze: str, date_cols=(), first=False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
        _as_text(ws[ws.max_row])
    for col in date_cols:
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = MONTH_FORMAT
    ws.freeze_panes = freeze
    widths = [len(str(h)) for h in header]
    for row in rows[:500]:
        for i, v in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], 8 if isinstance(v, _dt.date) else len(str(v)) if v is not None else 0)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, w + 2))
    return ws


def _summary_rows(plan: PhasePlan) -> list[list]:
    res = plan.result
    sc = next((s for s in plan.project.scenarios if s.name == res.scenario), plan.project.scenario)
    rows = [["Project", plan.project.name], ["Scenario", res.scenario], ["Start", month_date(res.start)],
            ["Horizon (months)", sc.horizon_months], ["Units", int(res.units)],
            ["Unplanned units", int(res.unplanned_units)], ["Phases", len(plan.project.phases)],
            ["Eligible at the end", int(res.eligible[-1]) if len(res.eligible) else 0]]
    for pct, month in sorted(res.milestones.items()):
        rows.append([f"{pct} % eligible", month_date(month)])
    costs = res.costs
    rows += [["Cost of the plan (€)", round(float(costs.cost_total), 2)],
             ["Spent within the horizon (€)", round(float(costs.spend[-1]), 2)]]
    rows += [[f"Spent at {pct} % eligible (€)", None if v is None else round(v, 2)]
             for pct, v in sorted(milestone_costs(res).items())]
    rows += [[f"Budget {y} (€)", float(eur)] for y, eur in sc.costs.budget]
    rows += [["Marketing delay (months)", sc.marketing_delay_months],
             ["Take-up max share", sc.take_up.max_share], ["Take-up midpoint (months)", sc.take_up.midpoint_months],
             ["Take-up steepness", sc.take_up.steepness]]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    rows += [[f"Calendar {m}", float(f)] for m, f in zip(months, sc.calendar)]
    if sc.crew_pool is not None:
        rows += [[f"Crew pool from {m}", month_date(m), float(c)] for m, c in sc.crew_pool.plan]
    return rows


def _workbook_bytes(wb) -> bytes:
    """The workbook zipped in memory (a few MB for a region): written to disk in one go by the writer, so a
    full disk fails in our write with its errno, not inside zipfile's clean-up."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write(plan: PhasePlan, out: Path, layer: str | None, report) -> None:
    wb = Workbook()
    summary = _summary_rows(plan)
    ws = _sheet(wb, "Summary", ["Item", "Value"], summary, "A2", first=True)
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            if isinstance(cell.value, (_dt.date, _dt.datetime)):
                cell.number_format = MONTH_FORMAT
    header, rows = phase_rows(plan)
    rows = [r[:2] + [month_date(v) for v in r[2:5]] + r[5:] for r in rows]
    _sheet(wb, "Phases", header, rows, "C2", date_cols=(3, 4, 5))
    com = plan.communes.columns
    extra = ["phase", "planned_quarter_50", "planned_quarter_100"]
    qh = plan.quarter_header
    header = qh[:3] + extra + qh[3:]
    rows = [r[:3] + [com[k][i] for k in extra] + r[3:] for i, r in enumerate(plan.quarter_rows)]
    _sheet(wb, "Communes x quarters", header, rows, "C2")
    cost_header, cost_rows = costs_sheet(plan.result)
    ws = _sheet(wb, "Costs", cost_header, cost_rows, "B2")
    for row in ws.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = EUR_FORMAT
    write_file(out, lambda tmp: tmp.write_bytes(_workbook_bytes(wb)))
    report.files.append(out)
    report.counts.update({"Summary": len(summary), "Phases": len(plan.project.phases),
                          "Communes x quarters": len(rows), "Costs": len(cost_rows)})
