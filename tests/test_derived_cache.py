"""Arrays derived from the layers (the commune of each premise, the map's density pyramid) are stored by a save,
read lazily by an open, and used only while the layers they came from are the same (planner/core/project/
derived.py, planner/io/project/derived_table.py)."""
import os
import pickle
import sqlite3

import numpy as np
import pytest

from planner.core.phases import assignment
from planner.core.phases.assignment import PREMISE_COMMUNE, assign, point_index
from planner.core.project import derived
from planner.core.project.content_tokens import content_token
from planner.io.project.project_file import load_project, save_project
from planner.render.map import density_pyramid
from planner.render.map.density_pyramid import DERIVED_NAME, DensityPyramid, pyramid_for, remember_pyramid

from project_samples import sample_project


@pytest.fixture
def pyramids(monkeypatch):
    """Pyramids for layers above 5,000 points (the real threshold is 250,000)."""
    monkeypatch.setattr(density_pyramid, "MIN_POINTS", 5000)


def _saved(tmp_path, name="plan.gpkg"):
    p = sample_project(per_commune_cap=40)
    a = assign(p)
    remember_pyramid(p.premises.layer)
    path = save_project(p, tmp_path / name)
    return p, a, path


def _keys(path) -> dict[str, bytes]:
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT key, value FROM rp_derived").fetchall())
    finally:
        con.close()


def _commune_passes(monkeypatch, n_communes: int) -> list[int]:
    """Records every pass of the premises over the whole commune layer."""
    calls = []
    original = assignment._fill_first_hit

    def counting(index, geoms, *args, **kwargs):
        if len(geoms) == n_communes:
            calls.append(len(geoms))
        return original(index, geoms, *args, **kwargs)

    monkeypatch.setattr(assignment, "_fill_first_hit", counting)
    return calls


def _rasters(pyramid: DensityPyramid, codes, cx: float, cy: float) -> list:
    """Rasters of an 800×600 view centred on (cx, cy) at the cell size of each of the first six levels."""
    pyramid.set_codes(codes)
    out = []
    for level in pyramid.levels[:6]:
        cell = level.cell
        x0, y0 = np.floor((cx - 400 * cell) / cell) * cell, np.floor((cy - 300 * cell) / cell) * cell
        out.append(pyramid.raster(level, x0, y0, 800, 600, cell))
    return out


def test_an_open_reads_the_commune_of_each_premise_and_the_pyramid_instead_of_computing_them(
        pyramids, tmp_path, monkeypatch):
    p, a, path = _saved(tmp_path)
    assert {"premises/premise_commune", "premises/premise_commune/rows", "premises/density_pyramid",
            "premises/density_pyramid/0.row"} <= set(_keys(path))
    back = load_project(path)
    entries = derived.entries(back.premises.layer)
    assert entries[PREMISE_COMMUNE].arrays is None and entries[DERIVED_NAME].arrays is None  # not read yet
    passes = _commune_passes(monkeypatch, len(back.communes))
    b = assign(back)
    assert passes == []  # no premise tested against the communes
    np.testing.assert_array_equal(b.premise_commune, a.premise_commune)
    np.testing.assert_array_equal(b.premise_phase, a.premise_phase)
    np.testing.assert_array_equal(b.cell_units, a.cell_units)
    # the pyramid is read, not built, and draws the same images as one built from the points
    index = point_index(back.premises.x, back.premises.y)
    built = DensityPyramid(index.xs, index.ys)
    monkeypatch.setattr(DensityPyramid, "__init__", lambda *args: pytest.fail("the pyramid was built again"))
    stored = pyramid_for(back.premises.layer, index.xs, index.ys)
    assert [len(lv.row) for lv in stored.levels] == [len(lv.row) for lv in built.levels]
    codes = b.premise_phase[index.order].astype(np.int16)
    cx, cy = float(np.median(index.xs)), float(np.median(index.ys))
    for (c1, k1), (c2, k2) in zip(_rasters(stored, codes, cx, cy), _rasters(built, codes, cx, cy)):
        np.testing.assert_array_equal(c1, c2)
        np.testing.assert_array_equal(k1, k2)
        assert c1.sum() > 0


def test_derived_arrays_are_used_only_for_the_layers_they_came_from(pyramids, tmp_path, monkeypatch):
    import pyogrio

    p, a, path = _saved(tmp_path)
    back = load_project(path)
    layer = back.premises.layer
    x = layer.x.copy()
    x[0] = float(back.communes.geometries[5].centroid.x)  # a premise moved: new arrays, a new content token
    layer.x = x
    layer.y = layer.y.copy()
    layer.y[0] = float(back.communes.geometries[5].centroid.y)
    passes = _commune_passes(monkeypatch, len(back.communes))
    b = assign(back)
    assert passes == [len(back.communes)]  # computed again
    assert b.premise_commune[0] == 5 and a.premise_commune[0] != 5
    index = point_index(layer.x, layer.y)
    assert len(pyramid_for(layer, index.xs, index.ys).levels[0].row) > 0  # built for these premises
    # a premise added in QGIS: the table no longer is what the arrays were stored for
    meta, _f, wkb, data = pyogrio.raw.read(str(path), layer="premises", max_features=1)
    pyogrio.raw.write(str(path), wkb, data, meta["fields"], layer="premises", driver="GPKG", append=True,
                      geometry_type="Point", crs="EPSG:2154")
    edited = load_project(path)
    assert derived.lookup(edited.premises.layer, PREMISE_COMMUNE,
                          (content_token(edited.premises.layer), content_token(edited.communes.layer))) is None
    assert len(assign(edited).premise_commune) == len(p.premises) + 1


@pytest.mark.parametrize("damage", ["short blob", "huge shape", "rows out of range", "pyramid index out of range",
                                    "not json"])
def test_damaged_or_hostile_entries_are_ignored(pyramids, tmp_path, damage):
    p, a, path = _saved(tmp_path)
    con = sqlite3.connect(path)
    with con:
        if damage == "short blob":
            con.execute("UPDATE rp_derived SET value = zeroblob(12) WHERE key = 'premises/premise_commune/rows'")
        elif damage == "huge shape":
            con.execute("UPDATE rp_derived SET value = ? WHERE key = 'premises/premise_commune'", (
                b'{"tokens": %s, "arrays": {"rows": {"dtype": "<i4", "shape": [1099511627775]}}}'
                % str(list(derived.entries(p.premises.layer)[PREMISE_COMMUNE].tokens)).replace("'", '"').encode(),))
        elif damage == "rows out of range":
            rows = np.full(len(p.premises), 99_999, dtype="<i4")
            con.execute("UPDATE rp_derived SET value = ? WHERE key = 'premises/premise_commune/rows'", (rows.tobytes(),))
        elif damage == "pyramid index out of range":
            last = np.frombuffer(con.execute("SELECT value FROM rp_derived WHERE key = "
                                             "'premises/density_pyramid/0.last'").fetchone()[0], dtype="<i4").copy()
            last[-1] = len(p.premises) + 7
            con.execute("UPDATE rp_derived SET value = ? WHERE key = 'premises/density_pyramid/0.last'",
                        (last.tobytes(),))
        else:
            con.execute("UPDATE rp_derived SET value = x'7b7b7b' WHERE key NOT LIKE '%/%/%'")
    con.close()
    back = load_project(path)
    b = assign(back)
    np.testing.assert_array_equal(b.premise_commune, a.premise_commune)  # computed again, correctly
    index = point_index(back.premises.x, back.premises.y)
    pyramid = pyramid_for(back.premises.layer, index.xs, index.ys)
    assert int(pyramid.levels[0].last.max()) == len(p.premises) - 1


def test_a_save_in_place_keeps_them_and_a_snapshot_or_the_writer_process_shares_them(pyramids, tmp_path):
    p, a, path = _saved(tmp_path)
    before = _keys(path)
    back = load_project(path)
    inode = os.stat(path).st_ino
    back.phases[0].crews = 9.0
    save_project(back, path)
    assert os.stat(path).st_ino == inode and _keys(path) == before  # in place, untouched
    again = load_project(path)
    tokens = (content_token(again.premises.layer), content_token(again.communes.layer))
    rows = derived.lookup(again.premises.layer, PREMISE_COMMUNE, tokens)["rows"]
    np.testing.assert_array_equal(rows, a.premise_commune)
    snap = again.snapshot()
    assert derived.lookup(snap.premises.layer, PREMISE_COMMUNE, tokens)["rows"] is rows  # shared, not copied
    # the window's whole-file save pickles the project to its writer process: the arrays go along
    copy = pickle.loads(pickle.dumps(snap))
    other = save_project(copy, tmp_path / "copy.gpkg")
    assert set(_keys(other)) == set(before)
    np.testing.assert_array_equal(np.frombuffer(_keys(other)["premises/premise_commune/rows"], dtype="<i4"),
                                  a.premise_commune)


def test_new_on_the_command_line_stores_the_pyramid_and_the_communes_of_the_premises(
        pyramids, shared_data, tmp_path, capsys, monkeypatch):
    """34,072 BANO premises (pyramids from 5,000 here): the first open finds both instead of computing them."""
    from planner.cli import main

    from conftest import BANO_GPKG, COMMUNES_GPKG

    out = tmp_path / "gers.gpkg"
    assert main(["new", "--communes", str(COMMUNES_GPKG), "--communes-layer", "communes_l93",
                 "--premises", str(BANO_GPKG), "--phases-by", "code_epci", "-o", str(out)]) == 0
    keys = set(_keys(out))
    assert {"premises/premise_commune/rows", "premises/density_pyramid/9.last"} <= keys
    back = load_project(out)
    passes = _commune_passes(monkeypatch, len(back.communes))
    a = assign(back)
    assert passes == []  # read, not computed
    computed = load_project(out)
    derived.forget(computed.premises.layer)
    want = assign(computed)
    assert passes == [len(back.communes)]
    np.testing.assert_array_equal(a.premise_commune, want.premise_commune)
    index = point_index(back.premises.x, back.premises.y)
    monkeypatch.setattr(DensityPyramid, "__init__", lambda *args: pytest.fail("the pyramid was built again"))
    assert pyramid_for(back.premises.layer, index.xs, index.ys).n == len(back.premises)
