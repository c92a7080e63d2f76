"""CSV exports: the commune x quarter table (eligible units per quarter) and the phase table.

';'-separated, decimal comma, UTF-8 with a byte-order mark so that a French spreadsheet shows the accents; one file per
table (plan_communes_quarters.csv, plan_phases.csv, or without the prefix in a folder: formats.layer_files) or one
chosen table (--layer communes|phases) into a file.
"""
from __future__ import annotations

import csv
from pathlib import Path

from planner.io.safe_names import PLAIN_NUMBER, csv_text
from planner.io.writer import write_file, write_folder
from planner.io.exports.plan import PhasePlan

LAYERS = ("communes", "phases")
FILE_NAMES = {"communes": "communes_quarters.csv", "phases": "phases.csv"}
EXTENSION = ".csv"


def phase_rows(plan: PhasePlan) -> tuple[list[str], list[list]]:
    """Header and rows of the phase table (dates as 'YYYY-MM', empty when not within the horizon)."""
    cols = plan.phases.columns
    params = ["crews", "units_per_crew_month", "study_months", "ramp_months"]
    money = ["cost_eur", "fixed_eur", "spent_eur", "wait_money"]
    header = ["order", "name", "start", "build_start", "end", "units", "communes"] + params + money
    sc = next((s for s in plan.project.scenarios if s.name == plan.result.scenario), plan.project.scenario)
    rows = []
    for i, phase in enumerate(plan.project.phases):
        rows.append([int(cols["order"][i]), phase.name, cols["start"][i], cols["build_start"][i], cols["end"][i],
                     int(cols["units"][i]), int(cols["communes"][i])] +
                    [sc.phase_value(phase, k) for k in params] + [cols[k][i].item() for k in money])
    return header, rows


def table(plan: PhasePlan, name: str) -> tuple[list[str], list[list]]:
    if name == "phases":
        return phase_rows(plan)
    return plan.quarter_header, plan.quarter_rows


def file_name(layer: str) -> str:
    return FILE_NAMES[layer]


def files_of(path: Path) -> list[Path]:
    return [path]


def cell_text(value) -> str:
    """A CSV cell for a French spreadsheet: decimal comma for non-whole numbers, empty for None, text made
    harmless (OWASP formula injection: planner/io/safe_names.csv_text)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.10g}".replace(".", ",")
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


def _write_rows(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow([cell_text(h) for h in header])
        w.writerows([cell_text(v) for v in row] for row in rows)


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    """One CSV table through planner/io/writer.py (temporary file, check, rename)."""
    return write_file(path, lambda tmp: _write_rows(tmp, header, rows))


def write(plan: PhasePlan, files: list[tuple[Path, str]], report) -> None:
    """Each (file, table) of `files` (one folder: formats.layer_files), through planner/io/writer.py: one file
    alone, several as a set written into a temporary folder and moved in."""
    if len(files) == 1:
        path, name = files[0]
        header, rows = table(plan, name)
        report.files.append(write_csv(path, header, rows))
        report.counts[Path(FILE_NAMES[name]).stem] = len(rows)
        return

    def fill(folder: Path) -> None:
        for path, name in files:
            header, rows = table(plan, name)
            _write_rows(folder / path.name, header, rows)
            report.counts[Path(FILE_NAMES[name]).stem] = len(rows)

    report.files.extend(write_folder(files[0][0].parent, fill))


def write_csv_columns(path: Path, columns: dict) -> None:
    """A large table as CSV (';', UTF-8 with BOM), column-wise through Arrow: text cells starting like a
    formula get a leading apostrophe (OWASP; as safe_names.csv_text), numbers stay numbers, None is empty."""
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
        risky = pc.and_kleene(pc.match_substring_regex(text, "^[=+\\-@\t\r]"),
                              pc.invert(pc.match_substring_regex(text, PLAIN_NUMBER.pattern)))
        arrays.append(pc.if_else(risky, pc.binary_join_element_wise("'", text, ""), text))
    table = pa.table(arrays, names=[str(n) for n in columns])

    def _write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            f.write("\ufeff".encode("utf-8"))
            pacsv.write_csv(table, f, pacsv.WriteOptions(delimiter=";", quoting_style="needed"))

    write_file(path, _write)
