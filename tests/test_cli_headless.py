"""Drawing commands work on a machine without a display, with no Qt platform chosen (servers, CI, cron)."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "sample"


def test_render_and_print_need_no_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    png = tmp_path / "map.png"
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "render", "--communes",
                          str(SAMPLE / "communes_gers_2026.gpkg"), "--communes-layer", "communes_l93",
                          "-o", str(png), "--size", "400x300"], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert png.stat().st_size > 5000


def test_a_mistyped_subcommand_is_an_error_not_a_file_to_open(capsys):
    import pytest

    from planner.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["simulat", "plan.gpkg"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'simulat'" in capsys.readouterr().err
