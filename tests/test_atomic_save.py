"""Atomic save: SIGKILL at random moments of a save, a full disk, a failing writer -> the previous file survives."""
import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.core.errors import PlannerError
from planner.io import project_file
from planner.io.atomic import atomic_write, stale_temps, temp_path_for
from planner.io.project_file import load_project, save_project

from project_samples import sample_project

TESTS = Path(__file__).resolve().parent

# the child builds a project named argv[2] (premises capped per commune by argv[3]), says "ready", then saves it
CHILD = r"""
import sys, time
sys.path.insert(0, {tests!r})
from project_samples import sample_project
from planner.io.project_file import save_project
cap = int(sys.argv[3])
p = sample_project(per_commune_cap=cap if cap > 0 else None)
p.name = sys.argv[2]
p.phases = p.phases[: 1 + len(sys.argv[2]) % 4]
print("ready", flush=True)
t = time.perf_counter()
save_project(p, sys.argv[1])
print("saved", time.perf_counter() - t, flush=True)
"""


def _child(tmp_path, target, name, cap):
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(tests=str(TESTS)))
    proc = subprocess.Popen([sys.executable, str(script), str(target), name, str(cap)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _kill_many(tmp_path, kills, cap, seed):
    rng = random.Random(seed)
    target = tmp_path / "plan.gpkg"
    proc = _child(tmp_path, target, "P0", cap)
    line = proc.stdout.readline()
    assert proc.wait() == 0
    duration = float(line.split()[1])
    last = "P0"
    outcomes = {"old": 0, "new": 0}
    for i in range(1, kills + 1):
        name = f"P{i}"
        proc = _child(tmp_path, target, name, cap)
        time.sleep(rng.uniform(0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        back = load_project(target)  # always opens...
        assert back.name in (last, name)  # ...and holds the old or the new project, whole
        assert len(back.phases) == 1 + len(back.name) % 4
        assert len(back.premises) == len(sample_project_premises(cap))
        outcomes["new" if back.name == name else "old"] += 1
        last = back.name
    # the temporaries of killed saves are cleaned by the next save
    save_project(load_project(target), target)
    assert not list(tmp_path.glob(".plan.saving-*"))
    return outcomes


_PREMISE_COUNTS = {}


def sample_project_premises(cap):
    if cap not in _PREMISE_COUNTS:
        _PREMISE_COUNTS[cap] = sample_project(per_commune_cap=cap if cap > 0 else None).premises.x
    return _PREMISE_COUNTS[cap]


def test_sigkill_during_save_leaves_old_or_new_project(tmp_path):
    outcomes = _kill_many(tmp_path, kills=15, cap=60, seed=5)
    assert sum(outcomes.values()) == 15 and outcomes["old"] > 0


@pytest.mark.slow
def test_sigkill_during_save_many_times_full_premises(tmp_path):
    outcomes = _kill_many(tmp_path, kills=60, cap=0, seed=11)
    assert outcomes["old"] > 0  # kills did land inside saves


def test_full_disk_keeps_previous_file_and_removes_temp(tmp_path, monkeypatch):
    target = tmp_path / "plan.gpkg"
    p = sample_project(per_commune_cap=20)
    save_project(p, target)
    before = target.read_bytes()
    real_write = project_file.pyogrio.raw.write
    calls = []

    def failing_write(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:  # the first layer is already in the temporary file
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, *args, **kwargs)

    monkeypatch.setattr(project_file.pyogrio.raw, "write", failing_write)
    p.name = "changed"
    with pytest.raises(PlannerError, match="disk is full") as info:
        save_project(p, target)
    assert str(target) in str(info.value) and "previous file is unchanged" in str(info.value)
    assert target.read_bytes() == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["plan.gpkg"]
    assert Path(calls[0]).parent == tmp_path  # the temporary is written beside the target
    monkeypatch.undo()
    assert load_project(target).name == "Gers — FTTH"


def test_any_failure_removes_the_temporary_and_keeps_the_target(tmp_path):
    target = tmp_path / "t.gpkg"
    target.write_bytes(b"old")

    def boom(tmp):
        tmp.write_bytes(b"partial")
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        atomic_write(target, boom)
    assert target.read_bytes() == b"old"
    assert [f.name for f in tmp_path.iterdir()] == ["t.gpkg"]
    atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    assert target.read_bytes() == b"new"


def test_stale_temporaries_of_dead_processes_are_found(tmp_path):
    target = tmp_path / "x.gpkg"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = target.with_name(f".x.saving-{dead.pid}-abcd1234.gpkg")
    stale.write_bytes(b"")
    mine = temp_path_for(target)
    mine.write_bytes(b"")  # a save of this (living) process in progress: not stale
    assert stale_temps(target) == [stale]
    assert os.getpid() == int(mine.name.split("-")[1])
