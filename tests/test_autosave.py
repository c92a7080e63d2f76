"""Autosave: recovery files written in a process that dies abruptly are found, described and loaded afterwards."""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from planner.core.errors import PlannerError
from planner.io.project import autosave
from planner.io.project.project_file import save_project

from project_samples import sample_project

TESTS = Path(__file__).resolve().parent


@pytest.fixture
def recovery_env(tmp_path, monkeypatch):
    folder = tmp_path / "recovery"
    monkeypatch.setenv(autosave.ENV_VAR, str(folder))
    return folder


CRASHING_CHILD = r"""
import os, sys
sys.path.insert(0, {tests!r})
from project_samples import sample_project
from planner.core.project.model import Phase
from planner.io.project.autosave import write_recovery
p = sample_project(per_commune_cap=30)
p.path = sys.argv[1] or None
p.phases.append(Phase(id=99, name="Ajout non enregistré", communes=["32013"]))
write_recovery(p)
os._exit(9)  # crash: no clean-up, no atexit
"""


def _crash_after_autosave(tmp_path, source_path=""):
    script = tmp_path / "crash.py"
    script.write_text(CRASHING_CHILD.format(tests=str(TESTS)))
    result = subprocess.run([sys.executable, str(script), source_path], env=dict(os.environ))
    assert result.returncode == 9


def test_recovery_after_a_crash(tmp_path, recovery_env):
    original = tmp_path / "gers.gpkg"
    _crash_after_autosave(tmp_path, str(original))
    found = autosave.find_recoveries()
    assert len(found) == 1
    rec = found[0]
    assert rec.path.parent == recovery_env
    assert rec.project_name == "Gers — FTTH"
    assert rec.phases == 5 and rec.source_path == str(original)
    assert rec.saved_at is not None and rec.saved_at.tzinfo is not None
    project = autosave.load_recovery(rec)
    assert project.path == str(original)  # Save goes back to the user's file, not to the recovery folder
    assert project.phases[-1].name == "Ajout non enregistré"
    expected = sample_project(per_commune_cap=30)
    np.testing.assert_array_equal(project.premises.x, expected.premises.x)
    autosave.discard_recovery(rec.path)
    assert autosave.find_recoveries() == []


def test_untitled_project_recovery(tmp_path, recovery_env):
    _crash_after_autosave(tmp_path, "")
    [rec] = autosave.find_recoveries()
    assert rec.source_path is None
    assert autosave.load_recovery(rec).path is None


def test_clean_save_clears_recovery(tmp_path, recovery_env):
    p = sample_project(with_premises=False)
    first = autosave.write_recovery(p)  # untitled
    assert first.exists() and first.name.endswith(autosave.SUFFIX)
    assert autosave.write_recovery(p) == first  # same file each time while untitled
    save_project(p, tmp_path / "p.gpkg")
    second = autosave.write_recovery(p)
    assert second != first and second.exists()
    # our own recoveries are listed (the process is this one); the original project is untouched by autosave
    assert {r.path for r in autosave.find_recoveries()} == {first, second}
    autosave.clear_recovery_for(p)
    assert not first.exists() and not second.exists()
    assert list(recovery_env.iterdir()) == []


def test_recoveries_of_a_running_instance_are_not_offered(tmp_path, recovery_env):
    p = sample_project(with_premises=False)
    path = autosave.write_recovery(p)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        import sqlite3

        con = sqlite3.connect(path)
        with con:
            con.execute("UPDATE rp_project SET value = ? WHERE key = 'recovery_pid'", (str(other.pid),))
        con.close()
        assert autosave.find_recoveries() == []
    finally:
        other.kill()
        other.wait()
    assert [r.path for r in autosave.find_recoveries()] == [path]


def test_discard_refuses_other_files(tmp_path, recovery_env):
    victim = tmp_path / "important.gpkg"
    victim.write_bytes(b"x")
    with pytest.raises(PlannerError):
        autosave.discard_recovery(victim)
    assert victim.exists()


def test_recovery_dir_defaults_to_user_data(monkeypatch, tmp_path):
    monkeypatch.delenv(autosave.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert autosave.recovery_dir() == tmp_path / "xdg" / "rollout-planner" / "recovery"
        assert autosave.recovery_dir().is_dir()
