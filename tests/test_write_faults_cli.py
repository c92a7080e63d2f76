"""The command line on a disk that fills up mid-write: every writing subcommand in a subprocess whose files may
not grow past a few kB (RLIMIT_FSIZE, SIGXFSZ ignored: the libraries' own writes fail, GDAL's, SQLite's, Qt's
PDF writer's, openpyxl's). Each must exit 2 with one line naming the file, leave a file of the same name that
was there before byte for byte, and leave nothing behind. Also: a closed pipe, Ctrl-C during a long write."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fault_injection import ROOT, limited_run, snapshot
from project_samples import small_project

LIMIT = 2048

COMMANDS = {
    "export-gpkg": ["export", "p.gpkg", "-f", "gpkg", "-o", "out/plan.gpkg"],
    "export-geojson": ["export", "p.gpkg", "-f", "geojson", "-o", "out/gj"],
    "export-shp": ["export", "p.gpkg", "-f", "shp", "-o", "out/shp"],
    "export-csv": ["export", "p.gpkg", "-f", "csv", "-o", "out/tables"],
    "export-xlsx": ["export", "p.gpkg", "-f", "xlsx", "-o", "out/plan.xlsx"],
    "export-png": ["export", "p.gpkg", "-f", "png", "-o", "out/map.png", "--size", "300x200"],
    "export-web": ["export", "p.gpkg", "-f", "web", "-o", "out/site"],
    "export-addresses": ["export", "p.gpkg", "-f", "addresses", "-o", "out/addr.gpkg"],
    "export-qgis": ["export", "p.gpkg", "-f", "qgis", "-o", "out/qgis.qgz"],
    "print": ["print", "p.gpkg", "--commune", "32013", "32107", "-o", "out/atlas.pdf", "--quiet"],
    "render": ["render", "--communes", "p.gpkg", "--communes-layer", "communes", "-o", "out/map2.png",
               "--size", "300x200"],
    "simulate-json": ["simulate", "p.gpkg", "--json", "out/sim.json"],
    "new": ["new", "--communes", "p.gpkg", "--communes-layer", "communes", "--commune-units-field",
            "locaux_insee_2018", "--phases-by", "code_epci", "-o", "out/new.gpkg"],
}
#: what each message must name
TARGETS = {name: args[args.index("-o") + 1] if "-o" in args else args[args.index("--json") + 1]
           for name, args in COMMANDS.items()}

DRIVER = r"""
import contextlib, io, json, sys
from planner.cli import main
out = {}
for name, args in json.loads(sys.argv[1]).items():
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            rc = main(args)
        except BaseException as exc:  # a traceback would escape the CLI: report it
            rc = "raised " + type(exc).__name__ + ": " + str(exc)[:300]
    out[name] = [rc, err.getvalue()]
print(json.dumps(out))
"""


def _drive(folder: Path, force: bool) -> dict:
    commands = {n: a + (["--force"] if force and a[0] == "export" else []) for n, a in COMMANDS.items()}
    script = DRIVER.replace("sys.argv[1]", repr(json.dumps(commands)))
    proc = limited_run(script, LIMIT, folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from planner.io.project.project_file import save_project

    d = tmp_path_factory.mktemp("cli")
    save_project(small_project(), d / "p.gpkg")
    (d / "out").mkdir()
    return d


def _check(results: dict, folder: Path, existed: bool) -> None:
    bad = {}
    for name, (rc, err) in results.items():
        lines = err.strip().splitlines()
        target = str((folder / TARGETS[name]).absolute())
        ok = (rc == 2 and len(lines) == 1 and lines[0].startswith("error: ") and "not written" in lines[0]
              and (target in lines[0] or str(Path(target).parent) in lines[0])
              and "Traceback" not in err and "SELECT" not in err and "CREATE" not in err)
        if not ok:
            bad[name] = (rc, err[-600:])
    assert not bad, bad


def test_every_writer_on_a_disk_that_fills_up_new_names(base, tmp_path):
    d = tmp_path / "w"
    d.mkdir()
    os.link(base / "p.gpkg", d / "p.gpkg")
    (d / "out").mkdir()
    results = _drive(d, force=False)
    _check(results, d, existed=False)
    assert sorted(os.listdir(d / "out")) == []  # nothing half-written, no empty folder, no temporary


@pytest.mark.slow  # ~8 s: writes every output once first (the in-process suite covers existing files fast)
def test_every_writer_on_a_disk_that_fills_up_existing_files(base, tmp_path):
    from planner.cli import main

    d = tmp_path / "w"
    d.mkdir()
    os.link(base / "p.gpkg", d / "p.gpkg")
    (d / "out").mkdir()
    cwd = os.getcwd()
    os.chdir(d)
    try:  # the outputs, written once without a limit
        for name, args in COMMANDS.items():
            assert main(args) == 0, name
    finally:
        os.chdir(cwd)
    before = snapshot(d / "out")
    results = _drive(d, force=True)
    _check(results, d, existed=True)
    assert snapshot(d / "out") == before


def _cli(args, cwd, **kwargs):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, env=env, **kwargs)


def test_a_closed_pipe_ends_quietly(base):
    reader = subprocess.Popen(["head", "-1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    writer = _cli(["info", "p.gpkg"], base, stdout=reader.stdin, stderr=subprocess.PIPE)
    reader.stdin.close()
    _, err = writer.communicate(timeout=120)
    first = reader.stdout.read().decode()
    reader.wait(30)
    assert first.startswith("Project:")
    assert err.decode() == "" and writer.returncode in (0, 141)


def test_ctrl_c_during_a_long_write_leaves_nothing_half_written(tmp_path):
    from planner.io.project.project_file import save_project

    d = tmp_path / "w"
    d.mkdir()
    save_project(small_project(n_communes=300, per_commune_cap=2), d / "p.gpkg")  # an atlas of ~300 pages: seconds
    (d / "atlas.pdf").write_bytes(b"%PDF-1.4 the previous atlas")
    proc = _cli(["print", "p.gpkg", "--all", "-o", "atlas.pdf", "--progress"], d, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True)
    # wait until the atlas is under way (its first progress line on stderr), then press Ctrl-C while pages are drawn
    deadline = time.time() + 60
    seen = ""
    while time.time() < deadline and "%" not in seen:
        seen += proc.stderr.read(1)
    proc.send_signal(signal.SIGINT)  # at the first quarter of the pages: most of the atlas is still to draw
    err = proc.stderr.read()  # the same text stream (communicate() would skip what its buffer already holds)
    proc.stdout.read()
    proc.wait(timeout=60)
    assert proc.returncode == 130, err
    assert (seen + err).strip().splitlines()[-1].startswith("interrupted: nothing was left half-written")
    assert "Traceback" not in err
    assert (d / "atlas.pdf").read_bytes() == b"%PDF-1.4 the previous atlas"
    assert sorted(os.listdir(d)) == ["atlas.pdf", "p.gpkg"]
