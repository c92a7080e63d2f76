"""The PyInstaller one-folder bundle builds and passes its smoke test (slow: `make test-slow`)."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installer"))


def test_desktop_entry_and_inno_script_are_consistent():
    desktop = (ROOT / "installer" / "rollout-planner.desktop").read_text(encoding="utf-8")
    assert "Exec=rollout-planner %F" in desktop and "Icon=rollout-planner" in desktop
    iss = (ROOT / "installer" / "rollout_planner.iss").read_text(encoding="utf-8")
    assert r"..\dist\rollout-planner\*" in iss and "rollout-planner.exe" in iss
    assert (ROOT / "resources" / "icons" / "rollout-planner.ico").stat().st_size > 1000


@pytest.mark.slow
def test_bundle_builds_and_runs(tmp_path):
    pytest.importorskip("PyInstaller")
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(tmp_path / "dist"),
         "--workpath", str(tmp_path / "build"), str(ROOT / "installer" / "rollout_planner.spec")],
        capture_output=True, text=True, cwd=ROOT, timeout=1800,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    from smoke_test import bundle_executable, run_smoke

    assert run_smoke(bundle_executable(tmp_path / "dist")) == []
