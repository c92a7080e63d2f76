"""`new` has the premise table written ahead by a child process (planner/io/project/premises_ahead.py): the
project file is the same as a plain save's, a layer changed meanwhile or a failing child falls back to the plain
save, and nothing is left behind."""
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pyogrio
import pytest

from planner.core.errors import PlannerError
from planner.core.project.model import Layer, Premises, Project
from planner.io.project import layer_tables, premises_ahead
from planner.io.project.point_writing import write_points_arrow
from planner.io.project.premises_ahead import PremisesAhead
from planner.io.project.project_file import load_project, save_project

from conftest import BANO_GPKG, COMMUNES_GPKG
from project_samples import sample_communes

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the premise table is written ahead "
                                                                            "on Linux only")


@pytest.fixture
def forking(monkeypatch):
    """Layers above 100 points take the bulk path; the test runner's own (idle) threads do not forbid a fork."""
    monkeypatch.setattr(layer_tables, "SPATIAL_INDEX_MAX_POINTS", 100)
    monkeypatch.setattr(premises_ahead, "can_fork", lambda: True)
    # a fork beside the runner's threads could leave the child stuck on a lock one of them held: the test fails
    # (the save writes the table itself) rather than hangs
    monkeypatch.setattr(premises_ahead, "WAIT_LIMIT_S", 60.0)


def _project(n: int = 2000, seed: int = 3) -> Project:
    rng = np.random.default_rng(seed)
    fields = {"code_insee": np.array(["32013", "32107", "31555"])[rng.integers(0, 3, n)],
              "units": rng.integers(1, 9, n).astype(np.float64),
              "nom": np.array(["Bézéril", None] * (n // 2), dtype=object)}
    x = np.sort(rng.uniform(4.6e5, 5.4e5, n))
    layer = Layer("Locaux", "point", fields=fields, x=x, y=rng.uniform(6.22e6, 6.32e6, n))
    return Project(name="ahead", communes=sample_communes(),
                   premises=Premises(layer, units_field="units", insee_field="code_insee"))


def _tables(path) -> list[str]:
    """The file's tables in the order they were created."""
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
                                          "('premises', 'communes') ORDER BY rowid")]
    finally:
        con.close()


def _assert_same_premises(path, layer: Layer) -> None:
    back = load_project(path).premises.layer
    np.testing.assert_array_equal(back.x, layer.x)
    np.testing.assert_array_equal(back.y, layer.y)
    np.testing.assert_array_equal(back.fields["units"], layer.fields["units"])
    assert list(back.fields["code_insee"]) == list(layer.fields["code_insee"])
    assert list(back.fields["nom"]) == list(layer.fields["nom"])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".saving-" in p.name)


def test_the_table_written_ahead_makes_the_same_project_as_a_plain_save(forking, tmp_path):
    project = _project()
    out = tmp_path / "ahead.gpkg"
    with PremisesAhead(out) as ahead:
        assert ahead.start(project.premises.layer)
        assert ahead.path is not None and ahead.path.parent == tmp_path
        save_project(project, out, ahead=ahead)
    assert _tables(out) == ["premises", "communes"]  # the child's table came first: it was taken
    _assert_same_premises(out, project.premises.layer)
    plain = save_project(_project(), tmp_path / "plain.gpkg")
    assert _tables(plain) == ["communes", "premises"]
    assert load_project(out).premises.layer.fields.keys() == load_project(plain).premises.layer.fields.keys()
    con = sqlite3.connect(out)
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'premises'").fetchone()[0] == 2000
    con.close()
    assert _leftovers(tmp_path) == []


def test_a_layer_changed_after_the_fork_is_written_by_the_save_itself(forking, tmp_path):
    project = _project()
    out = tmp_path / "changed.gpkg"
    with PremisesAhead(out) as ahead:
        ahead.start(project.premises.layer)
        child_file = ahead.path
        layer = project.premises.layer
        layer.x = layer.x + 10.0  # an edit replaces the arrays: the child's table no longer describes the layer
        save_project(project, out, ahead=ahead)
        assert not child_file.exists()
    assert _tables(out) == ["communes", "premises"]
    _assert_same_premises(out, layer)
    assert _leftovers(tmp_path) == []


def test_a_failing_child_leaves_the_save_to_say_what_is_wrong(forking, tmp_path):
    project = _project()
    project.premises.layer.fields["geom"] = project.premises.layer.fields["units"]  # refused by the writer
    out = tmp_path / "bad.gpkg"
    with PremisesAhead(out) as ahead:
        ahead.start(project.premises.layer)
        with pytest.raises(PlannerError, match="may not be named 'geom'"):
            save_project(project, out, ahead=ahead)
    assert not out.exists() and _leftovers(tmp_path) == []


def test_a_child_that_never_ends_is_killed_and_the_save_writes_the_table(forking, tmp_path, monkeypatch):
    project = _project()
    out = tmp_path / "stuck.gpkg"
    monkeypatch.setattr(premises_ahead, "write_bulk_points", lambda *a: time.sleep(600))  # a child that hangs
    monkeypatch.setattr(premises_ahead, "WAIT_LIMIT_S", 0.5)
    with PremisesAhead(out) as ahead:
        assert ahead.start(project.premises.layer)
        pid = ahead._pid
        save_project(project, out, ahead=ahead)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    assert _tables(out) == ["communes", "premises"]  # written by the save itself
    _assert_same_premises(out, project.premises.layer)
    assert _leftovers(tmp_path) == []


def test_closing_stops_the_child_and_removes_its_file(forking, tmp_path):
    ahead = PremisesAhead(tmp_path / "stopped.gpkg")
    ahead.start(_project(20_000).premises.layer)
    pid = ahead._pid
    ahead.close()
    with pytest.raises(ChildProcessError):  # reaped: no zombie left
        os.waitpid(pid, os.WNOHANG)
    assert _leftovers(tmp_path) == []


def test_no_fork_beside_another_thread_or_for_a_small_layer(tmp_path, monkeypatch):
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        monkeypatch.setattr(layer_tables, "SPATIAL_INDEX_MAX_POINTS", 100)
        assert not premises_ahead.can_fork()
        assert not PremisesAhead(tmp_path / "t.gpkg").start(_project().premises.layer)
    finally:
        stop.set()
        worker.join()
    monkeypatch.setattr(premises_ahead, "can_fork", lambda: True)
    monkeypatch.undo()  # the real threshold (250,000): 2,000 points are written by the save as before
    assert not PremisesAhead(tmp_path / "t.gpkg").start(_project().premises.layer)
    assert _leftovers(tmp_path) == []


@pytest.fixture(scope="module")
def region_sized(tmp_path_factory):
    """272,576 BANO points (the Gers addresses eight times, moved by up to 5 m): above the bulk threshold, so the
    real `new` forks its writer. Returns (file, x)."""
    import shapely

    if not BANO_GPKG.exists():
        pytest.skip("../shared/data is not beside the checkout")
    meta, table = pyogrio.read_arrow(BANO_GPKG)
    pts = shapely.from_wkb(table.column(meta["geometry_name"] or "geometry").to_numpy(zero_copy_only=False))
    x0, y0 = shapely.get_x(pts), shapely.get_y(pts)
    rng = np.random.default_rng(1)
    x = np.concatenate([x0 + rng.uniform(-5, 5, len(x0)) for _ in range(8)])
    y = np.concatenate([y0 + rng.uniform(-5, 5, len(y0)) for _ in range(8)])
    premises = tmp_path_factory.mktemp("region") / "big.gpkg"
    write_points_arrow(premises, "premises", {"units": np.ones(len(x))}, x, y)
    return premises, x


def _new_args(premises, out) -> list[str]:
    return ["new", "--communes", str(COMMUNES_GPKG), "--communes-layer", "communes_l93", "--premises",
            str(premises), "--units-field", "units", "--insee-field", "", "--phases-by", "code_epci",
            "--allow-outside", "-o", str(out)]


def test_new_on_the_command_line_writes_a_region_sized_premise_table_ahead(region_sized, tmp_path):
    premises, x = region_sized
    out = tmp_path / "region.gpkg"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *_new_args(premises, out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert _tables(out) == ["premises", "communes"]  # written ahead by the child, then completed
    back = load_project(out)
    assert len(back.premises) == len(x) and bool(np.all(np.diff(back.premises.layer.x) >= 0))
    assert sorted(back.premises.layer.x.tolist()) == sorted(x.tolist())
    assert f"{len(x):,} units (premises), 17 phases" in proc.stdout
    assert _leftovers(tmp_path) == []


def test_new_on_a_disk_that_fills_up_says_so_and_leaves_nothing(region_sized, tmp_path):
    """The child's write fails (the file outgrows the limit), the save tries again itself and fails the same way:
    one plain-words line naming the output, nothing left beside it."""
    from fault_injection import limited_run

    premises, _x = region_sized
    out = tmp_path / "full.gpkg"
    script = f"import sys; from planner.cli import main; sys.exit(main({_new_args(premises, out)!r}))"
    proc = limited_run(script, 4_000_000, tmp_path)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert lines[-1].startswith("error: ") and str(out) in lines[-1] and "not written" in lines[-1], lines
    assert "Traceback" not in proc.stderr and "INSERT" not in proc.stderr
    assert not out.exists() and _leftovers(tmp_path) == []
