"""Saves onto the project's own file rewrite only what changed, in one transaction; kills leave old or new."""
import os
import random
import signal
import sqlite3
import time

import numpy as np
import pytest
import shapely

from planner.core.errors import PlannerError
from planner.core.phases import cell_counts
from planner.core.phases.assignment import assign
from planner.core.phases.phase_commands import SetPhaseAttribute
from planner.core.project.session import Session
from planner.io.project import incremental
from planner.io.project.project_file import load_project, save_project, write_project_file
from planner.io.project.stored_counts import load_for_counts

from project_samples import sample_project


def _pages(path, table: str) -> dict[int, bytes]:
    """The raw bytes of every database page of `table` (its b-tree), by page number."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        size = con.execute("PRAGMA page_size").fetchone()[0]
        pages = [r[0] for r in con.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
    finally:
        con.close()
    with open(path, "rb") as fh:
        data = fh.read()
    return {p: data[(p - 1) * size:p * size] for p in pages}


def _saved(tmp_path, cap=40):
    p = sample_project(per_commune_cap=cap)
    assign(p)
    target = tmp_path / "plan.gpkg"
    save_project(p, target)
    return p, target


def test_save_onto_own_file_leaves_premise_pages_untouched(tmp_path):
    p, target = _saved(tmp_path, cap=None)
    prem_before, com_before = _pages(target, "premises"), _pages(target, "communes")
    assert len(prem_before) > 100
    inode, size = os.stat(target).st_ino, target.stat().st_size
    p.phases[0].crews = 9.0
    p.scenarios[0].horizon_months = 96
    t = time.perf_counter()
    save_project(p, target)
    seconds = time.perf_counter() - t
    assert os.stat(target).st_ino == inode  # written in place, not a new file renamed over it
    assert _pages(target, "premises") == prem_before and _pages(target, "communes") == com_before
    assert abs(target.stat().st_size - size) < 64 * 1024
    assert seconds < 2.0  # the full save of this project writes 114,042 points (about 1 s)
    back = load_project(target)
    assert back.phases[0].crews == 9.0 and back.scenarios[0].horizon_months == 96
    assert [ph.name for ph in back.phases] == [ph.name for ph in p.phases]
    for a, b in zip(back.phases, p.phases):
        assert (a.zone is None and b.zone is None) or shapely.equals(a.zone, b.zone)
        assert a.communes == b.communes and a.depends_on == b.depends_on
    np.testing.assert_array_equal(back.premises.x, p.premises.x)
    # and the reloaded project saves in place again (the file's layers are its layers)
    back.phases[1].name = "Renamed"
    save_project(back, target)
    assert os.stat(target).st_ino == inode and _pages(target, "premises") == prem_before
    assert load_project(target).phases[1].name == "Renamed"


def test_new_layer_or_other_file_is_a_full_rewrite(tmp_path):
    p, target = _saved(tmp_path)
    inode = os.stat(target).st_ino
    p.premises = sample_project(per_commune_cap=10).premises  # replaced premise layer
    save_project(p, target)
    assert os.stat(target).st_ino != inode
    assert len(load_project(target).premises) == len(p.premises)
    other = sample_project(per_commune_cap=40)  # same content, but not the arrays the file was written from
    inode = os.stat(target).st_ino
    save_project(other, target)
    assert os.stat(target).st_ino != inode and len(load_project(target).premises) == len(other.premises)


def test_phase_table_with_rtree_stays_consistent_for_gdal(tmp_path):
    import pyogrio

    p, target = _saved(tmp_path)
    p.phases[0].zone = shapely.box(480000, 6260000, 490000, 6270000)
    save_project(p, target)
    info = pyogrio.read_info(str(target), layer="phases")
    assert info["features"] == len(p.phases)
    con = sqlite3.connect(target)
    rtree = con.execute("SELECT minx, maxx, miny, maxy FROM rtree_phases_geom WHERE id = "
                        "(SELECT fid FROM phases WHERE id = ?)", (p.phases[0].id,)).fetchone()
    extent = con.execute("SELECT min_x, max_x FROM gpkg_contents WHERE table_name = 'phases'").fetchone()
    con.close()
    assert rtree == pytest.approx((480000, 490000, 6260000, 6270000), abs=1)
    assert extent[0] <= 480000 and extent[1] >= 490000
    # GDAL reads the new zone back
    _m, _f, wkb, _d = pyogrio.raw.read(str(target), layer="phases")
    assert shapely.equals(shapely.from_wkb(wkb[0]), shapely.MultiPolygon([p.phases[0].zone]))


def test_failed_in_place_save_keeps_the_file(tmp_path, monkeypatch):
    p, target = _saved(tmp_path)
    before = target.read_bytes()

    def full_disk(con, counts):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(incremental, "write_counts", full_disk)
    p.phases[0].name = "never saved"
    with pytest.raises(PlannerError, match="previous file is unchanged") as info:
        save_project(p, target)
    assert str(target) in str(info.value)
    assert target.read_bytes() == before
    assert not os.path.exists(f"{target}-journal")


def test_in_place_only_refuses_a_file_of_other_layers(tmp_path):
    p, target = _saved(tmp_path)
    other = sample_project(per_commune_cap=5)
    with pytest.raises(PlannerError, match="cannot save in place"):
        write_project_file(other, target, in_place_only=True)
    assert len(load_project(target).premises) == len(p.premises)


# ---------------------------------------------------------------- the cached counts
def _same_counts(a, b):
    for name in cell_counts.COUNT_ARRAYS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert (a.total_units, a.unplanned_units, a.phase_ids) == (b.total_units, b.unplanned_units, b.phase_ids)


def test_counts_are_stored_and_used_without_the_premises(tmp_path):
    p, target = _saved(tmp_path)
    fresh = assign(p)
    project, cached = load_for_counts(target)
    assert project.premises is None and len(cached.premise_phase) == 0  # the premise table was not read
    _same_counts(cached, fresh)
    with pytest.raises(PlannerError, match="without its premise layer"):
        save_project(project, tmp_path / "other.gpkg")
    # a damaged counts table is only a cache: the project still opens, and counts come from the premises
    con = sqlite3.connect(target)
    con.execute("UPDATE rp_counts SET value = x'00' WHERE key = 'cell_units'")
    con.commit()
    con.close()
    project, again = load_for_counts(target)
    assert project.premises is not None and len(again.premise_phase) == len(p.premises)
    _same_counts(again, fresh)


def test_stale_counts_are_never_used(tmp_path):
    p, target = _saved(tmp_path)
    before = assign(p)
    # an edit that moves no premise keeps the counts
    p.phases[0].crews = 5
    save_project(p, target)
    assert load_for_counts(target)[0].premises is None
    # a zone edit saved without a new assignment: the stored counts are stale, the premises are read
    p.phases[0].zone = shapely.box(470000, 6250000, 520000, 6300000)
    save_project(p, target)
    project, a = load_for_counts(target)
    assert project.premises is not None
    assert a.phase_units[0] != before.phase_units[0]
    _same_counts(a, assign(load_project(target)))


@pytest.mark.parametrize("edit", ["zone", "communes", "order", "delete", "premises", "units_field", "communes_layer"])
def test_every_edit_that_moves_premises_invalidates_the_counts(edit):
    p = sample_project(per_commune_cap=30)
    assign(p)
    assert cell_counts.cached_assignment(p) is not None
    if edit == "zone":
        p.phases[0].zone = shapely.box(470000, 6250000, 520000, 6300000)
    elif edit == "communes":
        p.phases[3].communes = p.phases[3].communes + ["32001"]
    elif edit == "order":
        p.phases.reverse()
    elif edit == "delete":
        p.phases.pop(1)
    elif edit == "premises":
        layer = p.premises.layer
        layer.x = layer.x + 1.0  # a new array (layers are replaced, never edited in place)
    elif edit == "units_field":
        p.premises.units_field = "score"
    elif edit == "communes_layer":
        p.communes = sample_project(per_commune_cap=1).communes
    assert cell_counts.remembered(p) is None and cell_counts.cached_assignment(p) is None


def test_attribute_commands_keep_the_counts_current():
    p = sample_project(per_commune_cap=30)
    assign(p)
    session = Session(p)
    session.push(SetPhaseAttribute(p, p.phases[0].id, "crews", 6))
    session.push(SetPhaseAttribute(p, p.phases[3].id, "communes", list(reversed(p.phases[3].communes))))
    assert cell_counts.cached_assignment(p) is not None
    session.push(SetPhaseAttribute(p, p.phases[3].id, "communes", p.phases[3].communes[:1]))
    assert cell_counts.cached_assignment(p) is None
    session.undo()
    assert cell_counts.cached_assignment(p) is not None


# ---------------------------------------------------------------- kills during in-place saves
def _forked(fn) -> int:
    pid = os.fork()
    if pid == 0:
        try:
            fn()
            os._exit(0)
        except BaseException:
            os._exit(1)
    return pid


def test_kills_during_in_place_saves_leave_old_or_new_project(tmp_path):
    """15 SIGKILLs at random moments of in-place saves (60 in the slow test below)."""
    _kill_in_place_saves(tmp_path, kills=15, seed=3)


@pytest.mark.slow
def test_sixty_kills_during_in_place_saves(tmp_path):
    """60 SIGKILLs at random moments of in-place saves: the file always opens, holding one whole save."""
    _kill_in_place_saves(tmp_path, kills=60, seed=8)


def _kill_in_place_saves(tmp_path, kills: int, seed: int) -> None:
    p, target = _saved(tmp_path, cap=15)
    rng = random.Random(seed)
    inode = os.stat(target).st_ino
    t = time.perf_counter()
    save_project(p, target)
    duration = max(time.perf_counter() - t, 0.005)
    last, outcomes = p.name, {"old": 0, "new": 0}
    for i in range(kills):
        p.name = f"save {i}"
        n_phases = 1 + i % len(sample_project(per_commune_cap=1).phases)
        saved = p.phases
        p.phases = saved[:n_phases]
        for ph in p.phases:
            ph.crews = float(i + 1)
        pid = _forked(lambda: save_project(p, target))
        time.sleep(rng.uniform(0, duration * 1.2))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        back = load_project(target)
        assert back.name in (last, p.name)
        if back.name == p.name:
            assert len(back.phases) == n_phases and all(ph.crews == i + 1 for ph in back.phases)
            outcomes["new"] += 1
        else:
            outcomes["old"] += 1
        assert len(back.premises) == len(p.premises)
        last = back.name
        p.phases = saved
    assert os.stat(target).st_ino == inode  # every save was in place
    assert outcomes["old"] > 0


# ---------------------------------------------------------------- saves from the window (writer process)
def test_light_save_sends_no_layer_values_and_writes_in_place(tmp_path):
    import pickle

    from planner.io.project.light_copy import save_via

    p, target = _saved(tmp_path, cap=None)
    prem_before = _pages(target, "premises")
    inode = os.stat(target).st_ino
    sent = []

    def call(fn, *args):  # what call_in_writer_process does: everything crosses as a pickle
        data = pickle.dumps((fn, args), protocol=5)
        sent.append(len(data))
        fn, args = pickle.loads(data)
        return fn(*args)

    snapshot = p.snapshot()
    cell_counts.adopt(snapshot, cell_counts.raw(p))
    snapshot.phases[0].crews = 4.0
    save_via(call, snapshot, target, save_project)
    assert len(sent) == 1 and sent[0] < 200_000  # the 114,042 premises alone pickle to several MB
    assert os.stat(target).st_ino == inode and _pages(target, "premises") == prem_before
    project, cached = load_for_counts(target)
    assert project.phases[0].crews == 4.0 and project.premises is None  # the counts went along, still current
    # another project's layers: the light copy is refused and the whole project is sent
    sent.clear()
    other = sample_project(per_commune_cap=5)
    save_via(call, other, target, save_project)
    assert len(sent) == 1 and len(load_project(target).premises) == len(other.premises)


def test_autosave_rewrites_only_the_change_of_the_recovery_file(tmp_path, monkeypatch):
    from planner.ui.project import autosave_timer

    monkeypatch.setenv("ROLLOUT_PLANNER_RECOVERY_DIR", str(tmp_path / "rec"))
    p = sample_project(per_commune_cap=None)
    assign(p)
    path = tmp_path / "rec.recovery.gpkg"
    autosave_timer._write_recovery_file(p.snapshot(), path)  # the first one holds the layers
    prem_before, inode = _pages(path, "premises"), os.stat(path).st_ino
    p.phases[2].crews = 11.0
    shadow = p.snapshot()
    autosave_timer._write_recovery_file(shadow, path)
    assert os.stat(path).st_ino == inode and _pages(path, "premises") == prem_before
    assert load_project(path).phases[2].crews == 11.0


def test_a_premise_table_edited_elsewhere_is_not_trusted(tmp_path):
    """QGIS (through GDAL) adds a premise: the stored counts are stale and the next save rewrites the layer."""
    import pyogrio

    p, target = _saved(tmp_path)
    meta, _f, wkb, data = pyogrio.raw.read(str(target), layer="premises", max_features=1)
    pyogrio.raw.write(str(target), wkb, data, meta["fields"], layer="premises", driver="GPKG", append=True,
                      geometry_type="Point", crs="EPSG:2154")
    project, a = load_for_counts(target)
    assert project.premises is not None and len(project.premises) == len(p.premises) + 1  # counted again
    assert a.total_units == assign(load_project(target)).total_units
    back = load_project(target)
    inode = os.stat(target).st_ino
    back.phases[0].crews = 2.5
    save_project(back, target)  # the loaded layer gets a new token: written whole once…
    assert os.stat(target).st_ino != inode
    inode = os.stat(target).st_ino
    back.phases[0].crews = 3.5
    save_project(back, target)  # …then in place again
    assert os.stat(target).st_ino == inode and len(load_project(target).premises) == len(p.premises) + 1
