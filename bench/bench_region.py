"""A whole region: Occitanie's 4,485 communes and ~5 million synthetic premises (issue 18), plus France's 35,357.

Run: .venv/bin/python bench/bench_region.py [--only new,simulate,open,frames,save,edit,atlas,france]
The inputs are built once into ~/.cache/rollout-planner-bench (override with ROLLOUT_PLANNER_BENCH_CACHE):
premises by `main.py synth-premises --units-field population_2026_commune` (5,035,995 points, 6,123,113 units),
the project by `main.py new --phases-by dep` (one phase per département). Command-line rows run `main.py` in a
fresh process and report its wall time and peak RSS (wait4); the window row opens the project in the main
window (ROLLOUT_PLANNER_STARTUP_BENCH: process start to the map drawn). Prints one line per row of the issue's
table, with the load average.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
OCC = DATA / "occitanie" / "occitanie_communes_2018.gpkg"
FRANCE = DATA / "france" / "france_communes_2018.gpkg"
CACHE = Path(os.environ.get("ROLLOUT_PLANNER_BENCH_CACHE", Path.home() / ".cache" / "rollout-planner-bench"))
PREMISES = CACHE / "occitanie_premises.gpkg"
PROJECT = CACHE / "occitanie.gpkg"
FRANCE_PROJECT = CACHE / "france.gpkg"
ROWS = ("new", "simulate", "open", "frames", "save", "edit", "atlas", "france")


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def run_main(args: list[str]) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"main.py {' '.join(args)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")


def peak_of(args: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """run_main in a child that reports only its own peak (RUSAGE_CHILDREN is a maximum over all children)."""
    code = ("import os,resource,subprocess,sys,time;t=time.perf_counter();"
            "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);w=time.perf_counter()-t;"
            "r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;sys.stdout.write(p.stdout);"
            "sys.stderr.write(p.stderr);print(f'@@ {w:.3f} {r}');sys.exit(p.returncode)")
    proc = subprocess.run([sys.executable, "-c", code, sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, env=dict(os.environ, **(env or {})))
    if proc.returncode != 0:
        raise SystemExit(f"main.py {' '.join(args)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    last = proc.stdout.strip().splitlines()[-1].split()
    return float(last[1]), int(last[2]) / 2 ** 20, proc.stdout


def _pss_gib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("Pss:")) / 2 ** 20
    except (OSError, StopIteration):
        return 0.0


def _descendants(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = [int(c) for c in f.read().split()]
    except OSError:
        return []
    return children + [d for c in children for d in _descendants(c)]


def tree_peak(args: list[str]) -> tuple[float, float]:
    """(wall, peak memory in GiB of main.py and every process it forks, summed), sampled every 20 ms from
    /proc (PSS: pages the processes share are counted once, split between them). `new` forks a child that writes
    the premise table (planner/io/project/premises_ahead.py): the maximum RSS of one process would leave it out."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, sum(_pss_gib(p) for p in [proc.pid, *_descendants(proc.pid)]))
        time.sleep(0.02)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"main.py {' '.join(args)} failed:\n{proc.stderr.read()[-2000:]}")
    return wall, peak


def build_inputs() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    if not PREMISES.exists():
        print("building the Occitanie premises (once) ...", flush=True)
        run_main(["synth-premises", str(OCC), "--units-field", "population_2026_commune", "-o", str(PREMISES),
                  "--no-spatial-index"])


def row_new() -> None:
    out = CACHE / "occitanie-new.gpkg"
    args = ["new", "--communes", str(OCC), "--premises", str(PREMISES), "--units-field", "units", "--phases-by",
            "dep", "-o", str(out)]
    wall, peak = tree_peak(args) if sys.platform.startswith("linux") else peak_of(args)[:2]
    shutil.move(out, PROJECT)
    size = PROJECT.stat().st_size / 1e6
    print(f"new --phases-by dep: {wall:.1f} s, peak {peak:.2f} GB (process and forked writer, PSS), file "
          f"{size:.0f} MB (target <= 8 s, <= 1.2 GB); {load()}", flush=True)


def row_simulate() -> None:
    wall, peak, _ = peak_of(["simulate", str(PROJECT)])
    print(f"simulate (command line): {wall:.2f} s, peak {peak:.2f} GB (target <= 1.5 s); {load()}", flush=True)


def row_open() -> None:
    """A first launch on a 1600×1000 screen (settings of its own) opening the project given on the command line:
    time and memory at the map drawn (the app's own report), then — a second launch that waits for the plan's
    colours before quitting (ROLLOUT_PLANNER_SCREENSHOT) — the peak of the settled window."""
    import tempfile

    from bench_startup import fresh_user_env

    with tempfile.TemporaryDirectory() as tmp:
        wall, _peak, out = peak_of([str(PROJECT)], env=fresh_user_env(Path(tmp)))
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(fresh_user_env(Path(tmp)), ROLLOUT_PLANNER_SCREENSHOT=str(Path(tmp) / "open.png"))
        _wall, settled, _out = peak_of([str(PROJECT)], env=env)
    report = {line.split()[0]: line.split()[1] for line in out.splitlines() if line.startswith("startup-")}
    drawn = float(report.get("startup-seconds", wall))
    at_map = float(report.get("startup-peak-mb", "nan")) / 1024
    print(f"open in the window to the map drawn: {drawn:.2f} s (process {wall:.2f} s; map "
          f"{report.get('startup-map', '?')} px), peak {at_map:.2f} GB at the map drawn (target <= 3 s, <= 1.2 GB); "
          f"{settled:.2f} GB once the plan's premise colours are computed; {load()}", flush=True)


def row_save() -> None:
    from planner.io.project.project_file import load_project, save_project

    work = CACHE / "occitanie-save.gpkg"
    shutil.copy(PROJECT, work)
    project = load_project(work)
    times = []
    for k in range(5):
        project.phases[k % len(project.phases)].crews = 3.0 + k
        t = time.perf_counter()
        save_project(project, work)
        times.append(time.perf_counter() - t)
    print(f"save after changing one phase's crews: median {sorted(times)[2] * 1000:.0f} ms, worst "
          f"{max(times) * 1000:.0f} ms over 5 saves (file {work.stat().st_size / 1e6:.0f} MB, target <= 0.5 s); "
          f"{load()}", flush=True)
    work.unlink()


def row_edit() -> None:
    """A drawn phase (a box around Toulouse) first; moving one of its vertices -> assignment from that phase
    on, simulation, and the curves' data (coverage series); the window's own refresh is bench_refresh.py."""
    import numpy as np
    import shapely

    from planner.core.phases.assignment import assign
    from planner.core.phases.phase_commands import AddPhase, MoveVertex
    from planner.core.project.session import Session
    from planner.core.simulation.coverage import simulate
    from planner.io.project.project_file import load_project

    project = load_project(PROJECT)
    session = Session(project)
    zone = shapely.Polygon([(560000, 6260000), (590000, 6262000), (592000, 6290000), (565000, 6292000)])
    session.push(AddPhase(project, name="Toulouse drawn", index=0, zone=zone))
    a = assign(project)
    simulate(project, a)
    times = []
    for k in range(10):
        t = time.perf_counter()
        cmd = MoveVertex(project, project.phases[0].id, 0, 0, 2, 592000 + 500 * k, 6290000 - 300 * k)
        session.push(cmd)
        a = assign(project, previous=a, first_changed_phase=cmd.first_changed_phase)
        r = simulate(project, a)
        assert len(np.asarray(r.coverage_pct)) and np.asarray(r.phase_eligible).shape[0] == len(project.phases)
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"edit a phase polygon -> assignment + simulation + curve data: median {times[5] * 1000:.0f} ms, worst "
          f"{times[-1] * 1000:.0f} ms (10 vertex moves, target <= 200 ms); {load()}", flush=True)


def row_frames() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench_canvas_region import frames

    frames(PROJECT, load)


def row_atlas() -> None:
    from bench_canvas_region import atlas

    atlas(PROJECT, load)


def row_france() -> None:
    if not FRANCE.exists():
        print("france: ../shared/data/france not found, skipped")
        return
    # built by this version each time (its stored counts must match this version's fingerprint)
    run_main(["new", "--communes", str(FRANCE), "--commune-units-field", "population_2026_commune",
              "--phases-by", "dep", "-o", str(FRANCE_PROJECT)])
    plain, _, _ = peak_of(["simulate", str(FRANCE_PROJECT)])
    out = CACHE / "france-sim.json"
    pairs = []  # one pair is noisy (±0.1 s on this machine): 7 alternating pairs, their median difference
    for _ in range(7):
        info, _, _ = peak_of(["info", str(FRANCE_PROJECT)])
        with_json, _, _ = peak_of(["simulate", str(FRANCE_PROJECT), "--json", str(out)])
        pairs.append((info, with_json))
    diffs = sorted(j - i for i, j in pairs)
    info, with_json = (statistics.median(v) for v in zip(*pairs))
    print(f"France (35,357 communes, no premises): info {info:.2f} s, simulate {plain:.2f} s, simulate --json "
          f"{with_json:.2f} s ({out.stat().st_size / 1e6:.0f} MB JSON): --json beyond info median "
          f"{statistics.median(diffs):+.2f} s over 7 pairs ({diffs[0]:+.2f} to {diffs[-1]:+.2f}) (target <= 0.3 s); "
          f"{load()}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default=",".join(ROWS), help="comma-separated rows: " + ", ".join(ROWS))
    args = ap.parse_args()
    rows = [r.strip() for r in args.only.split(",") if r.strip()]
    build_inputs()
    print(f"{os.cpu_count()} cores, {load()}; cache {CACHE}", flush=True)
    if "new" in rows or not PROJECT.exists():
        row_new()
    for name in rows:
        if name != "new":
            globals()[f"row_{name}"]()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
