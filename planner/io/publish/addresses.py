"""`export --format addresses`: the per-address forecast — one row per premise with its planned eligibility.

Each row keeps the premise layer's own fields (address, IPE building id, … whatever the layer has), then adds
`code_insee`, `commune`, `phase`, `eligible_month` ('YYYY-MM') and `eligible_quarter` (regulator style 'T2 2019'),
and `status` (`built` — its month is the real one, from the project's actual figures —, `planned`, or `unplanned`
with empty dates). `.csv`: ';'-separated UTF-8 with a byte-order mark,
the French convention for such files, written column-wise by Arrow (millions of rows in seconds); text cells
that a spreadsheet would run as a formula are neutralised (docs/exports.md). `.gpkg`: a point layer `forecast`
(Lambert-93) with the same columns.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from planner.core.errors import PlannerError
from planner.core.months import parse_month, quarter_label
from planner.io.exports.plan import PhasePlan, PlanTable

ADDED = ("code_insee", "commune", "phase", "eligible_month", "eligible_quarter", "status")


def forecast_table(plan: PhasePlan, lang: str = "fr") -> PlanTable:
    """The forecast as a point table: the premise layer's fields, then the planned columns."""
    if plan.premises is None:
        raise PlannerError(f"{plan.project.name}: the project has no premise layer; a per-address forecast needs one")
    layer = plan.project.premises.layer
    pcols = plan.premises.columns
    columns: dict[str, np.ndarray] = {}
    for name, values in layer.fields.items():
        if name.lower() not in ADDED:
            columns[name] = values
    codes = pcols["code_insee"]
    com = plan.project.communes
    name_of = dict(zip(com.codes.tolist(), com.names.tolist()))
    distinct, inverse = np.unique(codes.astype(str), return_inverse=True)
    communes = np.array([name_of.get(c) for c in distinct], dtype=object)[inverse]
    months = pcols["eligible_month"]
    quarters = _quarters(months, lang)
    columns.update({
        "code_insee": codes, "commune": communes, "phase": pcols["phase"],
        "eligible_month": months, "eligible_quarter": quarters,
        "status": pcols["status"],
    })
    return PlanTable("forecast", columns, kind="point", x=plan.premises.x, y=plan.premises.y)


def _quarters(months: np.ndarray, lang: str) -> np.ndarray:
    """'T2 2019' per 'YYYY-MM' label (None stays None), through the distinct months only."""
    out = np.full(len(months), None, dtype=object)
    ok = months != None  # noqa: E711
    if ok.any():
        distinct, inverse = np.unique(months[ok].astype(str), return_inverse=True)
        labels = np.array([quarter_label(parse_month(m), lang) for m in distinct], dtype=object)
        out[ok] = labels[inverse]
    return out


def targets(out: Path) -> list[Path]:
    if out.suffix.lower() not in (".csv", ".gpkg"):
        raise PlannerError(f"{out}: a per-address forecast is written as .csv or .gpkg")
    return [out]


def write_forecast(plan: PhasePlan, out: Path, lang: str = "fr", report=None) -> None:
    table = forecast_table(plan, lang)
    if out.suffix.lower() == ".gpkg":
        from planner.io.writer import write_file
        from planner.io.exports.vector import write_table

        write_file(out, lambda tmp: write_table(tmp, table, "GPKG", dataset_options={"VERSION": "1.2"}))
    else:
        from planner.io.exports.tables import write_csv_columns

        write_csv_columns(out, table.columns)
    if report is not None:
        report.files.append(out)
        report.counts["forecast"] = len(table)
        planned = int((table.columns["status"] == "planned").sum())
        built = int((table.columns["status"] == "built").sum())
        report.notes.append(f"{planned} of {len(table)} premises have a planned eligibility month"
                            + (f"; {built} are built (real month)" if built else ""))
