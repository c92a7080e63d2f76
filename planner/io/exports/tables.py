"""CSV exports: the commune x quarter table (eligible units per quarter) and the phase table.

';'-separated, decimal comma, UTF-8 with a byte-order mark so that a French spreadsheet shows the accents; one file per table
(plan_communes_quarters.csv, plan_phases.csv, or without the prefix in a folder) or one chosen table
(--layer communes|phases) into a file.
"""
from __future__ import annotations

import csv
from pathlib import Path

from planner.io.atomic import atomic_write
from planner.io.exports.plan import PhasePlan

LAYERS = ("communes", "phases")
FILE_NAMES = {"communes": "communes_quarters.csv", "phases": "phases.csv"}
EXTENSION = ".csv"


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


def file_name(layer: str) -> str:
    return FILE_NAMES[layer]


def files_of(path: Path) -> list[Path]:
    return [path]


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


def write(plan: PhasePlan, files: list[tuple[Path, str]], report) -> None:
    for path, name in files:
        header, rows = table(plan, name)
        write_csv(path, header, rows)
        report.files.append(path)
        report.counts[path.stem] = len(rows)
