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
from planner.io.project import project_file
from planner.io.atomic import atomic_write, stale_temps, temp_path_for
from planner.io.project.project_file import load_project, save_project

from project_samples import sample_project


def _forked_save(project, target) -> int:
    """Fork a child that saves `project` to `target` and exits; returns its pid (the parent kills it)."""
    pid = os.fork()
    if pid == 0:  # child: save, then leave without any clean-up of the parent's state
        try:
            save_project(project, target)
            os._exit(0)
        except BaseException:
            os._exit(1)
    return pid


def _project(name, cap, phases):
    p = sample_project(per_commune_cap=cap)
    p.name = name
    p.phases = p.phases[:phases]
    return p


def _kill_many(tmp_path, kills, cap, seed):
    rng = random.Random(seed)
    target = tmp_path / "plan.gpkg"
    projects = [_project("P0", cap, 2), _project("P1", cap, 4)]  # saved alternately, under new names
    phase_counts = {"P0": 2}
    t = time.perf_counter()
    _, status = os.waitpid(_forked_save(projects[0], target), 0)
    duration = time.perf_counter() - t
    assert status == 0
    n_premises = len(projects[0].premises)
    last = "P0"
    outcomes = {"old": 0, "new": 0}
    for i in range(1, kills + 1):
        project = projects[i % 2]
        project.name = f"P{i}"
        phase_counts[project.name] = len(project.phases)
        pid = _forked_save(project, target)
        time.sleep(rng.uniform(0, duration * 1.1))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        back = load_project(target)  # always opens...
        assert back.name in (last, project.name)  # ...and holds the old or the new project, whole
        assert len(back.phases) == phase_counts[back.name]
        assert len(back.premises) == n_premises
        outcomes["new" if back.name == project.name else "old"] += 1
        last = back.name
    # the temporaries of killed saves are cleaned by the next save
    save_project(load_project(target), target)
    assert not list(tmp_path.glob(".plan.saving-*"))
    return outcomes


def test_sigkill_during_save_leaves_old_or_new_project(tmp_path):
    outcomes = _kill_many(tmp_path, kills=15, cap=60, seed=5)
    assert sum(outcomes.values()) == 15 and outcomes["old"] > 0


@pytest.mark.slow
def test_sigkill_during_save_many_times_full_premises(tmp_path):
    outcomes = _kill_many(tmp_path, kills=60, cap=None, seed=11)
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
    p = sample_project(per_commune_cap=20)  # other layer arrays: the whole file is written again
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
    target = tmp_path / "t.bin"
    target.write_bytes(b"old")

    def boom(tmp):
        tmp.write_bytes(b"partial")
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        atomic_write(target, boom)
    assert target.read_bytes() == b"old"
    assert [f.name for f in tmp_path.iterdir()] == ["t.bin"]
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
