"""CSV and xlsx exports read back (csv module, openpyxl) and compared with the simulation."""
import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from planner.core.errors import PlannerError
from planner.io.exports.formats import export
from planner.io.exports.plan import build_plan

from project_samples import sample_project


@pytest.fixture(scope="module")
def project():
    return sample_project(with_premises=False)


@pytest.fixture(scope="module")
def plan(project):
    return build_plan(project)


def test_csv_tables_for_a_french_spreadsheet(project, plan, tmp_path):
    (tmp_path / "csv").mkdir()
    report = export(project, "csv", tmp_path / "csv")
    assert report.counts == {"communes_quarters": 458, "phases": 4}
    raw = (tmp_path / "csv" / "communes_quarters.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    assert "Bézéril".encode("utf-8") in raw and "Aujan-Mournède".encode("utf-8") in raw
    with open(tmp_path / "csv" / "communes_quarters.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[0] == plan.quarter_header and rows[0][:3] == ["code_insee", "nom", "units"]
    assert rows[0][3] == "T2 2018"  # the active scenario starts in June 2018
    assert len(rows) == 459
    by_code = {r[0]: r for r in rows[1:]}
    res = plan.result
    auch = project.communes.index_of("32013")
    assert by_code["32013"][1] == "Auch"
    assert [int(v) for v in by_code["32013"][3:]] == plan.quarter_rows[auch][3:]
    assert int(by_code["32013"][-1]) == res.commune_eligible[auch, -1] == res.commune_units[auch]
    with open(tmp_path / "csv" / "phases.csv", encoding="utf-8-sig", newline="") as f:
        phases = list(csv.DictReader(f, delimiter=";"))
    assert [p["name"] for p in phases] == [p.name for p in project.phases]
    assert phases[0]["units_per_crew_month"] == "120,5"  # decimal comma
    assert phases[0]["crews"] == "4"  # the scenario's override of the phase's 3 crews
    assert [p["end"] for p in phases] == [m or "" for m in res.phase_end]  # empty: not within the horizon
    assert [float(p["cost_eur"].replace(",", ".")) for p in phases] == pytest.approx(res.costs.phase_cost)
    assert int(phases[0]["wait_money"]) == 0


def test_csv_one_table_and_overwrite(project, tmp_path):
    out = tmp_path / "phases.csv"
    export(project, "csv", out, layer="phases")
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].split(";")[:3] == ["order", "name", "start"]
    with pytest.raises(PlannerError, match="already exists"):
        export(project, "csv", out, layer="phases")
    out.write_text("old")
    export(project, "csv", out, layer="phases", force=True)
    assert out.read_text(encoding="utf-8-sig").startswith("order;")
    # every table: named after the file given, beside it
    report = export(project, "csv", tmp_path / "plan.csv")
    assert [f.name for f in report.files] == ["plan_communes_quarters.csv", "plan_phases.csv"]
    assert (tmp_path / "plan_phases.csv").read_text(encoding="utf-8-sig").startswith("order;")


def test_xlsx_workbook(project, plan, tmp_path):
    out = tmp_path / "plan.xlsx"
    report = export(project, "xlsx", out, scenario="Base")
    assert report.files == [out]
    base = build_plan(project, scenario="Base").result
    wb = load_workbook(out)
    assert wb.sheetnames == ["Summary", "Phases", "Communes x quarters", "Costs"]
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Scenario"] == "Base"
    assert summary["Units"] == base.units and isinstance(summary["Units"], int)
    assert summary["Start"] == dt.datetime(2018, 1, 1)
    m50 = base.milestones[50]
    expected = None if m50 is None else dt.datetime(int(m50[:4]), int(m50[5:]), 1)
    assert summary["50 % eligible"] == expected
    assert summary["Calendar Aug"] == 0.5
    ph = wb["Phases"]
    assert ph.freeze_panes == "C2"
    header = [c.value for c in ph[1]]
    assert header[:7] == ["order", "name", "start", "build_start", "end", "units", "communes"]
    first = [c.value for c in ph[2]]
    assert first[1] == "Phase 1 — Auch"
    y, m = base.phase_start[0].split("-")
    assert first[2] == dt.datetime(int(y), int(m), 1) and ph.cell(2, 3).number_format == "mm/yyyy"
    assert first[5] == base.phase_units[0] and isinstance(first[5], int)
    cq = wb["Communes x quarters"]
    assert cq.freeze_panes == "C2" and cq.max_row == 459
    assert [c.value for c in cq[1]][:6] == ["code_insee", "nom", "units", "phase", "planned_quarter_50",
                                            "planned_quarter_100"]
    rows = {r[0]: r for r in cq.iter_rows(min_row=2, values_only=True)}
    auch = project.communes.index_of("32013")
    assert rows["32013"][6:] == tuple(int(v) for v in base.commune_eligible[auch][[
        i for i, mo in enumerate(base.months) if int(mo[5:]) % 3 == 0 or i == len(base.months) - 1]])
    assert rows["32051"][1] == "Bézéril"
    assert cq.column_dimensions["B"].width >= len("Avéron-Bergelle")
    assert summary["Cost of the plan (€)"] == pytest.approx(base.costs.cost_total)
    costs = wb["Costs"]
    header = [c.value for c in costs[1]]
    assert header[0] == "phase" and header[1] == "2018" and header[-2:] == ["spent within the horizon (€)",
                                                                           "cost of the phase (€)"]
    table = {r[0]: r[1:] for r in costs.iter_rows(min_row=2, values_only=True)}
    assert set(table) == {p.name for p in project.phases} | {"Territory"}
    first = table["Phase 1 — Auch"]
    assert sum(first[:-2]) == pytest.approx(first[-2]) == pytest.approx(base.costs.phase_spend[0, -1])
    assert first[-1] == pytest.approx(base.costs.phase_cost[0])
    assert table["Territory"][-1] == pytest.approx(base.costs.cost_total)
    assert costs.cell(2, 2).number_format == '#,##0 "€"'
    with pytest.raises(PlannerError, match="must end in .xlsx"):
        export(project, "xlsx", tmp_path / "plan.xls")
