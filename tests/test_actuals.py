"""Actual figures: the real Arcep Gers file (wide layout, 2018 codes mapped to 2026 communes), long layout, plan vs actual."""
import numpy as np
import pytest

from conftest import ARCEP_CSV
from planner.core.decisions.actuals import parse_actuals, plan_vs_actual
from planner.core.errors import InputError
from planner.core.decisions.scenario_compare import compare_scenarios
from planner.core.simulation.coverage import simulate
from planner.io.actuals.reader import read_actuals
from sim_fixtures import gers_assignment, gers_project


@pytest.fixture(scope="module")
def gers():
    project = gers_project()
    return project, gers_assignment(project)


def test_arcep_file_imports_with_gers_totals(gers, shared_data):
    project, _ = gers
    act = read_actuals(ARCEP_CSV, project.communes)
    assert act.quarter_labels() == ["T3 2017", "T4 2017", "T1 2018"]
    assert act.totals().tolist() == [5189, 7030, 7834]
    assert act.unmatched == []
    # merged communes: the 2018 codes were summed into today's commune, as the commune file has them
    fields = project.communes.layer.fields
    for j, col in enumerate(("ftth_racc_T32017", "ftth_racc_T42017", "ftth_racc_T12018")):
        assert np.array_equal(np.nan_to_num(act.values[:, j]).astype(int), fields[col])
    auch = project.communes.index_of("32013")
    assert act.values[auch, 2] == 5808


def test_former_codes_map_to_todays_commune(gers):
    project, _ = gers
    codes = project.communes.layer.fields["codes_insee_2018"].astype(str)
    row = int(np.flatnonzero(np.char.count(codes, ",") == 3)[0])  # a commune made of four former ones
    former = codes[row].split(",")
    rows = [[c, "T2 2019", 10 * (k + 1)] for k, c in enumerate(former)] + [["99999", "T2 2019", 7]]
    act = parse_actuals(["code_insee", "trimestre", "raccordables"], rows, project.communes)
    assert act.values[row, 0] == 100 and act.unmatched == ["99999"] and act.unmatched_units.tolist() == [7]
    assert act.has_commune().sum() == 1


def test_wide_layout_variants_and_errors(gers, tmp_path):
    project, _ = gers
    header = ["INSEE", "nom", "T4 2018", "Q1 2019", "cat_T12019"]
    act = parse_actuals(header, [["32013", "Auch", "1 200", 2000, 4], ["32107", "X", "", "50", 1]], project.communes)
    auch, other = project.communes.index_of("32013"), project.communes.index_of("32107")
    assert act.quarter_labels("en") == ["Q4 2018", "Q1 2019"]
    assert act.values[auch].tolist() == [1200, 2000] and np.isnan(act.values[other, 0])
    bad = tmp_path / "bad.csv"
    bad.write_text("commune;value\nA;1\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.csv: no INSEE code column"):
        read_actuals(bad, project.communes)
    with pytest.raises(InputError, match="no such file"):
        read_actuals(tmp_path / "missing.csv", project.communes)


def test_plan_vs_actual_lists_communes_behind(gers, shared_data):
    project, a = gers
    sc = project.scenario.copy("early")
    sc.start = "2017-01"
    result = simulate(project, a, sc)
    act = read_actuals(ARCEP_CSV, project.communes)
    pva = plan_vs_actual(result, act)
    assert pva.labels == ["T3 2017", "T4 2017", "T1 2018"]
    t = result.month_index("2018-03")
    assert np.array_equal(pva.plan[:, 2], result.commune_eligible[:, t])
    assert np.allclose(pva.diff, pva.plan - pva.actual)
    assert pva.territory_actual.tolist() == [5189, 7030, 7834]
    last = pva.diff[:, 2]
    assert set(pva.behind) == set(np.flatnonzero(last > 0).tolist()) and len(pva.behind) > 0
    assert all(last[pva.behind[i]] >= last[pva.behind[i + 1]] for i in range(len(pva.behind) - 1))
    # before the simulated period the plan is unknown
    late = plan_vs_actual(simulate(project, a), act)
    assert np.isnan(late.plan[:, 0]).all()


def test_scenario_comparison(gers):
    project, a = gers
    fast = project.scenario.copy("Fast")
    fast.phase_overrides = {p.id: {"crews": 4} for p in project.phases}
    cmp = compare_scenarios(project, a, [project.scenario, fast])
    assert cmp.names == ["Base", "Fast"]
    m100 = next(r for r in cmp.rows if r.label == "Milestone 100 %")
    assert m100.diffs[0] == 0 and m100.diffs[1] < 0 and m100.differs
    header, rows = cmp.table()
    assert header == ["", "Base", "Fast"] and len(rows) == 3 + len(project.phases) + len(cmp.cost_rows)
    assert f"({m100.diffs[1]:+d})" in rows[2][2]


def test_excel_wide_and_latin1_long_files(gers, tmp_path):
    import openpyxl

    project, _ = gers
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["code_insee", "nom", "T1 2019", "T2 2019"])
    ws.append([32013, "Auch", 100, 250])
    ws.append(["32344", "Castéra", None, 12])
    path = tmp_path / "actuals.xlsx"
    wb.save(path)
    act = read_actuals(path, project.communes)
    auch, other = project.communes.index_of("32013"), project.communes.index_of("32344")
    assert act.quarter_labels() == ["T1 2019", "T2 2019"] and act.totals().tolist() == [100, 262]
    assert np.isnan(act.values[other, 0]) and act.values[other, 1] == 12
    long = tmp_path / "long.csv"
    long.write_bytes("code_insee;nom;trimestre;raccordables\n32013;Auch;T2 2019;250\n32074;Castéra-Verduzan;2019-T2;5\n"
                     .encode("cp1252"))
    act = read_actuals(long, project.communes)
    assert act.values[auch, 0] == 250 and act.values[other, 0] == 5  # 32074 merged into 32344
