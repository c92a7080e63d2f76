"""Every writer on a full disk, a read-only folder and a forbidden folder, to a new name and onto an existing
file: a WriteError naming the file and the cause in plain words, the old file byte for byte, nothing left
behind (the folder's listing is unchanged). Faults: tests/fault_injection.py (no special rights needed)."""
import shutil
from pathlib import Path

import pytest

from fault_injection import WORDS, inject, snapshot
from project_samples import small_project
from planner.io.write_errors import WriteError

LIBRARY_WORDS = ("select ", "create table", "insert into", "sqlite", "pyogrio", "gdal", "traceback", "errno",
                 "ogr")


@pytest.fixture(scope="module")
def project():
    return small_project()


@pytest.fixture(autouse=True)
def _plan_once(project, monkeypatch):
    """Every export builds the same plan: computed once (the writers are under test, not the simulation)."""
    from planner.io.exports import plan as plan_module

    real = plan_module.build_plan
    cache = _plan_once.__dict__.setdefault("cache", {})

    def build_plan(p, scenario=None, progress=None, lang="fr"):
        key = (id(p), scenario, lang)
        if key not in cache:
            cache[key] = real(p, scenario=scenario, lang=lang)
        return cache[key]

    monkeypatch.setattr(plan_module, "build_plan", build_plan)
    monkeypatch.setattr("planner.io.publish.publish.build_plan", build_plan)


def _export(fmt, name, layer=None):
    def run(project, d: Path) -> Path:
        from planner.io.exports.formats import export
        from planner.render.map.export_map import render_map

        out = d / name
        export(project, fmt, out, force=True, layer=layer, map_renderer=render_map, map_size=(200, 150))
        return out
    return run


def _save(project, d):
    from planner.io.project.project_file import save_project
    return save_project(project.snapshot(), d / "p.gpkg")


def _recovery(project, d):
    from planner.io.project.project_file import write_project_file
    return write_project_file(project, d / "p.recovery.gpkg", extra_meta={"recovery_of": None})


def _atlas(project, d):
    from planner.render.printing.atlas import write_atlas
    write_atlas(project, d / "atlas.pdf", codes=["32013", "32107"])
    return d / "atlas.pdf"


def _render(project, d):
    from planner.render.map.export_map import render_map
    return render_map(project, d / "map.png", size=(120, 90))


def _json(project, d):
    from planner.cli_commands.simulate import write_json
    write_json(str(d / "sim.json"), {"name": project.name, "values": list(range(50))})
    return d / "sim.json"


def _sim_csv(project, d):
    from planner.cli_commands.simulate import write_csv
    from planner.core.simulation.coverage import simulate
    write_csv(str(d / "q.csv"), simulate(project), project)
    return d / "q.csv"


WRITERS = {
    "save": _save, "autosave": _recovery, "atlas": _atlas, "render": _render, "simulate-json": _json,
    "simulate-csv": _sim_csv,
    "gpkg": _export("gpkg", "plan.gpkg"), "geojson": _export("geojson", "gj"),
    "geojson-layer": _export("geojson", "phases.geojson", "phases"), "shp": _export("shp", "shp"),
    "csv": _export("csv", "tables"), "csv-layer": _export("csv", "phases.csv", "phases"),
    "xlsx": _export("xlsx", "plan.xlsx"), "png": _export("png", "map.png"), "pdf": _export("pdf", "map.pdf"),
    "svg": _export("svg", "map.svg"), "web": _export("web", "site"), "addresses": _export("addresses", "a.csv"),
    "qgis": _export("qgis", "plan.qgz"),
}


@pytest.fixture(scope="module")
def written(project, tmp_path_factory):
    """Each writer run once, to a folder of its own: the 'existing file' every fault case starts from."""
    base = tmp_path_factory.mktemp("written")
    out = {}
    for name, writer in WRITERS.items():
        d = base / name
        d.mkdir()
        target = writer(project, d)
        out[name] = (d, Path(target).relative_to(d))
    return out


#: outputs of several files that are written as a set: the message names their folder (geojson and csv write
#: gj_phases.geojson, ... or tables_communes_quarters.csv, ... beside the name given)
SETS = {"qgis", "shp", "geojson", "csv"}


def _check(exc: WriteError, target: Path, kind: str, existed: bool, folder_ok: bool = False) -> None:
    text = str(exc)
    named = str(target) in text or (folder_ok and exc.path == str(target.parent))
    assert named and "not written" in text, text
    assert WORDS[kind] in text, text
    if exc.path == str(target.parent):  # a set of files moved into the folder: none of them is
        assert "the folder is unchanged" in text, text
    else:
        assert ("unchanged" if existed else "nothing was left behind") in text, text
    low = text.lower()
    assert not [w for w in LIBRARY_WORDS if w in low], text
    assert len(text) < 400 and "\n" not in text


@pytest.mark.parametrize("kind", ["full", "read_only", "denied"])
@pytest.mark.parametrize("name", list(WRITERS))
def test_onto_an_existing_file(name, kind, project, written, tmp_path, monkeypatch):
    src, rel = written[name]
    d = tmp_path / name
    shutil.copytree(src, d)
    before = snapshot(d)
    with pytest.MonkeyPatch.context() as mp:
        failed = inject(mp, kind, d)
        with pytest.raises(WriteError) as info:
            WRITERS[name](project, d)
    assert failed, "the fault was never met: the writer did not go through planner/io/writer.py"
    _check(info.value, d / rel, kind, existed=True, folder_ok=name in SETS)
    assert snapshot(d) == before  # old bytes and the folder's listing


@pytest.mark.parametrize("kind", ["full", "read_only", "denied"])
@pytest.mark.parametrize("name", list(WRITERS))
def test_to_a_new_name(name, kind, project, written, tmp_path, monkeypatch):
    _src, rel = written[name]
    d = tmp_path / name
    d.mkdir()
    (d / "other.txt").write_text("a file of the user's")
    before = snapshot(d)
    with pytest.MonkeyPatch.context() as mp:
        failed = inject(mp, kind, d)
        with pytest.raises(WriteError) as info:
            WRITERS[name](project, d)
    assert failed
    _check(info.value, d / rel, kind, existed=False, folder_ok=name in SETS)
    assert snapshot(d) == before


def test_full_disk_message_says_how_much_is_free(project, tmp_path, monkeypatch):
    inject(monkeypatch, "full", tmp_path)
    with pytest.raises(WriteError) as info:
        _save(project, tmp_path)
    assert info.value.cause == "disk_full" and info.value.free is not None
    assert " free)" in str(info.value) and "needed" in str(info.value)


def test_room_is_checked_before_a_long_write(project, tmp_path, monkeypatch):
    """The atlas and big exports stop before the first page/feature when the disk clearly cannot hold them."""
    from planner.io import writer
    from planner.render.printing import atlas

    monkeypatch.setattr(writer, "free_bytes", lambda folder: 50_000)
    drawn = []
    monkeypatch.setattr(atlas.PageRenderer, "draw_commune", lambda self, p, row: drawn.append(row))
    (tmp_path / "atlas.pdf").write_bytes(b"%PDF-old")
    with pytest.raises(WriteError) as info:
        atlas.write_atlas(project, tmp_path / "atlas.pdf")
    assert drawn == []  # stopped before drawing anything
    assert info.value.cause == "disk_full" and info.value.needed > 50_000
    assert "not enough room" in str(info.value) and "50.0 kB free" in str(info.value)
    assert (tmp_path / "atlas.pdf").read_bytes() == b"%PDF-old"


def test_causes_in_plain_words(tmp_path, monkeypatch):
    """Locked files (Windows sharing violation, SQLite busy), missing folders, folders in the way, saves in
    place: each gets its cause, and nothing of the library's message."""
    import sqlite3

    from planner.io import writer

    class SharingViolation(PermissionError):
        winerror = 32

    target = tmp_path / "plan.txt"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise SharingViolation(13, "The process cannot access the file because it is being used")

    monkeypatch.setattr(writer.os, "replace", locked)
    with pytest.raises(WriteError) as info:
        writer.write_bytes(target, b"new")
    assert info.value.cause == "locked" and "locked by another program" in str(info.value)
    monkeypatch.undo()
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["plan.txt"]

    with pytest.raises(WriteError, match="the folder .*nowhere does not exist"):
        writer.write_bytes(tmp_path / "nowhere" / "x.json", b"{}")
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(WriteError, match="a folder of that name is in the way"):
        writer.write_text(tmp_path / "d.csv", "a;b")
    with pytest.raises(WriteError) as info:  # a save in place on a busy project file
        with writer.plain_errors(tmp_path / "p.gpkg", after="the project file is unchanged (rolled back)"):
            raise sqlite3.OperationalError("database is locked")
    assert info.value.cause == "locked" and str(info.value).endswith("the project file is unchanged (rolled back)")
    with pytest.raises(WriteError) as info:
        with writer.plain_errors(tmp_path / "p.gpkg"):
            raise sqlite3.OperationalError("database or disk is full")
    assert info.value.cause == "disk_full" and "sqlite" not in str(info.value).lower()
    with pytest.raises(TypeError):  # a bug is not dressed up as a disk problem
        writer.write_file(tmp_path / "bug.json", lambda tmp: None + 1)
    assert not list(tmp_path.glob(".bug*"))


@pytest.mark.parametrize("fmt, out", [("gpkg", "plan.gpkg"), ("geojson", "gj"), ("addresses", "a.csv")])
def test_big_exports_stop_before_writing_when_the_disk_is_too_small(fmt, out, project, tmp_path, monkeypatch):
    from planner.io import writer
    from planner.io.exports.formats import export

    monkeypatch.setattr(writer, "free_bytes", lambda folder: 1000)
    with pytest.raises(WriteError) as info:
        export(project, fmt, tmp_path / out)
    assert info.value.cause == "disk_full" and info.value.needed > 1000
    assert "not enough room" in str(info.value) and "1.0 kB free" in str(info.value)
    assert list(tmp_path.iterdir()) == []
