"""Actual figures from the files as the regulator and the operators publish them (issue 22): title lines, Champ
rows, workbooks with several sheets, a best-estimate column that is never a quarter, dated snapshots, IPE."""
import zipfile

import numpy as np
import pytest

from conftest import ARCEP_CSV, GERS
from planner.core.errors import InputError
from planner.core.months import parse_month
from planner.io.actuals.reader import read_actuals, read_actuals_series
from sim_fixtures import gers_project

AS_PUBLISHED = GERS / "arcep_ftth_gers_2017T3_2018T1_as_published.csv"
GERS_TOTALS = [5189, 7030, 7834]


@pytest.fixture(scope="module")
def communes():
    return gers_project(phases_per_epci=False).communes


def _published_rows():
    """The as-published file's rows (code, champ, three quarters), as the regulator's sheet holds them."""
    lines = AS_PUBLISHED.read_text(encoding="utf-8").splitlines()[5:]
    return [[c[0], c[1]] + [int(v) for v in c[2:]] for c in (ln.split(",") for ln in lines) if c[0]]


def test_as_published_csv_reads_only_eligible_rows(communes, shared_data):
    act = read_actuals(AS_PUBLISHED, communes)
    assert act.quarter_labels() == ["T3 2017", "T4 2017", "T1 2018"]
    assert act.totals().tolist() == GERS_TOTALS
    assert act.values[communes.index_of("32013")].tolist() == [4842, 5364, 5808]
    assert act.skipped_rows == 462 and act.unmatched == []
    summary = "\n".join(act.summary_lines())
    assert "Q1 2018 7,834" in summary and "462 rows skipped" in summary and "title line" in summary
    # the tidy layout keeps working and agrees commune by commune
    tidy = read_actuals(ARCEP_CSV, communes)
    assert np.array_equal(np.nan_to_num(tidy.values), np.nan_to_num(act.values))


def test_xlsx_as_published_with_title_rows_and_sheets(communes, tmp_path, shared_data):
    import openpyxl

    wb = openpyxl.Workbook()
    dep = wb.active
    dep.title = "Déploiement par Département"
    dep.append(["Réseaux en fibre optique jusqu'à l'abonné (FttH)"])
    dep.append([])
    dep.append(["Code département", "Champ", "T3 2017", "T4 2017", "T1 2018"])
    dep.append(["32", "Locaux Raccordables", 5189, 7030, 7834])
    ws = wb.create_sheet("Déploiement par Commune")
    ws.append(["Réseaux en fibre optique jusqu'à l'abonné (FttH)"])
    ws.append(["Déploiement par Commune"])
    ws.append([])
    ws.append([])
    ws.append(["Code commune", "Champ", "T3 2017", "T4 2017", "T1 2018"])
    for row in _published_rows():
        ws.append(row)
    path = tmp_path / "arcep_published.xlsx"
    wb.save(path)
    act = read_actuals(path, communes)
    assert act.sheet == "Déploiement par Commune"
    assert act.totals().tolist() == GERS_TOTALS and act.skipped_rows == 462
    assert act.values[communes.index_of("32013"), 2] == 5808
    assert any("Déploiement par Commune" in line for line in act.summary_lines())


def test_todays_workbook_best_estimate_is_never_a_quarter(communes, tmp_path, shared_data):
    import openpyxl

    fields = communes.layer.fields
    wb = openpyxl.Workbook()
    reg = wb.active
    reg.title = "Régions"
    reg.append(["Code région", "Nom région", "T1 2018"])
    reg.append(["76", "Occitanie", 1])
    dep = wb.create_sheet("Départements")
    dep.append(["Code département", "Nom département", "T1 2018"])
    dep.append(["32", "Gers", 7834])
    ws = wb.create_sheet("Communes")
    for title in ("Observatoire du très haut débit", "Déploiements FttH par commune", "Source : Arcep", ""):
        ws.append([title])
    ws.append(["Code commune", "Nom commune", "Code département", "Logements", "Etablissements",
               "Meilleure estimation des locaux T1 2018", "T3 2017", "T4 2017", "T1 2018"])
    for i in range(len(communes)):
        ws.append([str(fields["code_insee"][i]), str(fields["nom"][i]), "32", int(fields["logements_2018"][i]),
                   int(fields["etablissements_2018"][i]), int(fields["locaux_insee_2018"][i]),
                   int(fields["ftth_racc_T32017"][i]), int(fields["ftth_racc_T42017"][i]),
                   int(fields["ftth_racc_T12018"][i])])
    path = tmp_path / "observatoire_communes.xlsx"
    wb.save(path)
    act = read_actuals(path, communes)
    assert act.sheet == "Communes"
    assert act.quarter_labels() == ["T3 2017", "T4 2017", "T1 2018"]
    assert act.totals().tolist() == GERS_TOTALS  # the estimate (every premise, ~114,000) is not summed in


def test_map_site_statistics_snapshot(communes, tmp_path):
    path = tmp_path / "commune_techno.csv"
    lines = ["code_insee;nom_com;type;nbr;elig_ftth;elig_cu;date"]
    lines += ["32013;Auch;all;14000;9100;13000;2021-06-30", "32013;Auch;res;12000;8000;11000;2021-06-30",
              "32013;Auch;pro;2000;1100;2000;2021-06-30", "32107;Fleurance;all;4000;0;3900;2021-06-30",
              "99999;Ailleurs;all;10;5;5;2021-06-30"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    act = read_actuals(path, communes)
    assert act.kind == "snapshot" and act.quarters == [parse_month("2021-06")]
    assert act.values[communes.index_of("32013"), 0] == 9100  # the 'all' row, not all + res + pro
    assert act.values[communes.index_of("32107"), 0] == 0
    assert act.skipped_rows == 2 and act.unmatched == ["99999"] and act.unmatched_units.tolist() == [5]


def _write_fibre_map_layer(folder, name):
    import pyarrow as pa
    import pyogrio
    import shapely

    pts = shapely.to_wkb(shapely.points([500000.0, 510000.0], [6280000.0, 6290000.0]))
    table = pa.table({"INSEE_COM": ["32013", "32160"], "NOM_COM": ["Auch", "L'Isle-Jourdain"],
                      "Locaux": [14000, 4500], "ftth": [9800, 2100], "geometry": pa.array(pts, pa.binary())})
    shp = folder / "communes.shp"
    pyogrio.write_arrow(table, shp, driver="ESRI Shapefile", geometry_name="geometry", geometry_type="Point",
                        crs="EPSG:2154")
    archive = folder / name
    with zipfile.ZipFile(archive, "w") as z:
        for part in folder.glob("communes.*"):
            z.write(part, part.name)
    return archive, shp.with_suffix(".dbf")


def test_fibre_map_layer_zip_and_dbf_dated_by_name(communes, tmp_path):
    archive, dbf = _write_fibre_map_layer(tmp_path, "2025t4-communes.zip")
    act = read_actuals(archive, communes)
    assert act.quarters == [parse_month("2025-12")] and act.kind == "snapshot"
    assert act.values[communes.index_of("32013"), 0] == 9800  # ftth, never Locaux
    assert act.values[communes.index_of("32160"), 0] == 2100
    from planner.io.actuals.reader import SnapshotDateNeeded

    with pytest.raises(SnapshotDateNeeded, match="communes.dbf: a snapshot .* without a date"):
        read_actuals(dbf, communes)
    act = read_actuals(dbf, communes, date="2024-09")
    assert act.quarters == [parse_month("2024-09")]


def test_series_of_snapshots_and_bad_values(communes, tmp_path):
    archive, _ = _write_fibre_map_layer(tmp_path, "2025t4-communes.zip")
    series = read_actuals_series([AS_PUBLISHED, archive], communes)
    assert series.kind == "series" and len(series.quarters) == 4
    assert series.values[communes.index_of("32013")].tolist() == [4842, 5364, 5808, 9800]
    bad = tmp_path / "bad.csv"
    bad.write_text("code_insee;T1 2019;T2 2019\n32013;10;20\n32107;abc;3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv: line 3, column 'T1 2019': 'abc' is not a number"):
        read_actuals(bad, communes)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("code_insee;T1 2019\n32013;10\n32107;3;4;5\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"ragged.csv: line 3: 4 cells"):
        read_actuals(ragged, communes)


@pytest.mark.parametrize("name, quarter", [
    ("T1 2018", "T1 2018"), ("2018 T1", "T1 2018"), ("2018-T1", "T1 2018"), ("racc_T12018", "T1 2018"),
    ("ftth_racc_T32017", "T3 2017"), ("Q4 2019", "T4 2019"), ("Locaux raccordables T1 2018", "T1 2018"),
    ("Meilleure estimation des locaux T1 2018", None), ("cat_T32017", None), ("locaux_T12018", None),
    ("T1 2018 (estimation)", None),
])
def test_a_column_is_a_quarter_only_when_its_name_is_one(name, quarter):
    from planner.core.decisions.actuals import quarter_of_column
    from planner.core.months import parse_quarter

    assert quarter_of_column(name) == (None if quarter is None else parse_quarter(quarter))


def test_vector_attribute_tables(communes, shared_data):
    from conftest import BANO_GPKG, COMMUNES_GPKG

    # the commune layer itself carries the regulator's quarters (ftth_racc_T32017 ...): read as a wide table
    act = read_actuals(COMMUNES_GPKG, communes)
    assert act.totals().tolist() == GERS_TOTALS
    with pytest.raises(InputError, match="bano_gers_2015.gpkg: no INSEE code column with figures .* columns: id, "):
        read_actuals(BANO_GPKG, communes)
