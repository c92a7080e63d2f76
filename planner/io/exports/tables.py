"""CSV exports: the commune x quarter table (eligible units per quarter) and the phase table.

';'-separated, decimal comma, UTF-8 with a byte-order mark so that a French spreadsheet shows the accents; one file per table
into a folder (communes_quarters.csv, phases.csv) or one chosen table (--layer communes|phases) into a file.
"""
from __future__ import annotations

import csv
from pathlib import Path

from planner.io.atomic import atomic_write
from planner.io.exports.plan import PhasePlan

LAYERS = ("communes", "phases")
FILE_NAMES = {"communes": "communes_quarters.csv", "phases": "phases.csv"}


def phase_rows(plan: PhasePlan) -> tuple[list[str], list[list]]:
    """Header and rows of the phase table (dates as 'YYYY-MM', empty when not within the horizon)."""
    cols = plan.phases.columns
    header = ["order", "name", "start", "build_start", "end", "units", "communes", "crews", "units_per_crew_month",
              "study_months", "ramp_months"]
    sc = next((s for s in plan.project.scenarios if s.name == plan.result.scenario), plan.project.scenario)
    rows = []
    for i, phase in enumerate(plan.project.phases):
        rows.append([int(cols["order"][i]), phase.name, cols["start"][i], cols["build_start"][i], cols["end"][i],
                     int(cols["units"][i]), int(cols["communes"][i])] +
                    [sc.phase_value(phase, k) for k in header[7:]])
    return header, rows


def table(plan: PhasePlan, name: str) -> tuple[list[str], list[list]]:
    if name == "phases":
        return phase_rows(plan)
    return plan.quarter_header, plan.quarter_rows


def _outputs(out: Path, layer: str | None) -> list[tuple[Path, str]]:
    if layer is not None:
        return [(out, layer)]
    return [(out / FILE_NAMES[name], name) for name in LAYERS]


def targets(plan: PhasePlan, out: Path, layer: str | None) -> list[Path]:
    return [p for p, _ in _outputs(out, layer)]


def cell_text(value) -> str:
    """A CSV cell for a French spreadsheet: decimal comma for non-whole numbers, empty for None."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.10g}".replace(".", ",")
    return str(value)


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    def _write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, delimiter=";", lineterminator="\r\n")
            w.writerow(header)
            w.writerows([cell_text(v) for v in row] for row in rows)

    atomic_write(path, _write)


def write(plan: PhasePlan, out: Path, layer: str | None, report) -> None:
    if layer is None:
        out.mkdir(parents=True, exist_ok=True)
    for path, name in _outputs(out, layer):
        header, rows = table(plan, name)
        write_csv(path, header, rows)
        report.files.append(path)
        report.counts[path.stem] = len(rows)


#: first characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_csv_columns(path: Path, columns: dict) -> None:
    """A large table as CSV (';', UTF-8 with BOM), column-wise through Arrow: text cells starting like a
    formula get a leading apostrophe (OWASP), numbers stay numbers, None is an empty cell."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    arrays = []
    for values in columns.values():
        values = np.asarray(values)
        if values.dtype.kind in "iufb":
            arrays.append(pa.array(values))
            continue
        text = pa.array([None if v is None else str(v) for v in values] if values.dtype == object
                        else values.astype(str), type=pa.string())
        risky = pc.match_substring_regex(text, "^[=+\\-@\t\r]")
        arrays.append(pc.if_else(risky, pc.binary_join_element_wise("'", text, ""), text))
    table = pa.table(arrays, names=[str(n) for n in columns])

    def _write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            f.write("\ufeff".encode("utf-8"))
            pacsv.write_csv(table, f, pacsv.WriteOptions(delimiter=";", quoting_style="needed"))

    atomic_write(path, _write)
