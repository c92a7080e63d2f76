"""Regenerate the screenshots of docs/ and docs/screenshots/ (run from the repository root, headless):

    python docs/screenshots/make_screenshots.py [NAME ...]     # default: all of them

NAME: main_window (first launch on a 1600×1000 screen, as README says), fr, dark, hidpi, costs, as_built,
commune_page (`print` + pdftoppm), web_map (`export --format web` + Chromium). Each window shot runs in a process
of its own (offscreen platform, throw-away settings), on the bundled Gers sample and its demo plan, or on the test
projects (tests/sim_fixtures.py, tests/project_samples.py) with ../shared/data beside the repository. Not made
here: the calibration dialog and the Occitanie premises (see docs/simulation.md and docs/performance.md).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SHOTS = DOCS / "screenshots"


def _screen(tmp: Path, width: int, height: int, dpr: int = 1) -> str:
    path = tmp / f"screen_{width}x{height}_{dpr}.json"
    path.write_text(json.dumps({"windowFrameMargins": False, "screens": [{
        "name": "S", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "logicalBaseDpi": 96,
        "dpr": dpr}]}))
    return f"offscreen:configfile={path}"


def _env(tmp: Path, platform: str) -> dict:
    return dict(os.environ, QT_QPA_PLATFORM=platform, XDG_CONFIG_HOME=str(tmp / "config"),
                ROLLOUT_PLANNER_RECOVERY_DIR=str(tmp / "recovery"), PYTHONPATH=str(ROOT))


def main_window(tmp: Path) -> None:
    """The app's own first-launch screenshot (README: how it is made)."""
    env = _env(tmp, _screen(tmp, 1600, 1000))
    env.update(ROLLOUT_PLANNER_STARTUP_BENCH="1", ROLLOUT_PLANNER_SCREENSHOT=str(DOCS / "main_window.png"))
    subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, cwd=ROOT, check=True)


def _window_shot(tmp: Path, variant: str, out: Path, size=(1280, 800), dpr: int = 1) -> None:
    env = _env(tmp, _screen(tmp, 2 * size[0] * dpr, 2 * size[1] * dpr))
    if dpr != 1:
        env["QT_SCALE_FACTOR"] = str(dpr)  # device pixels per logical pixel, as on a HiDPI screen
    subprocess.run([sys.executable, __file__, "--window", variant, str(out), str(size[0]), str(size[1])],
                   env=env, cwd=ROOT, check=True)


def commune_page(tmp: Path) -> None:
    """A printed commune page of the demo plan, as README says: `print --commune 32013 --month 2018-09`."""
    project, pdf = tmp / "demo.gpkg", tmp / "auch.pdf"
    _save_demo(project)
    subprocess.run([sys.executable, "main.py", "print", str(project), "--commune", "32013", "--month", "2018-09",
                    "-o", str(pdf), "--lang", "fr"], cwd=ROOT, check=True, env=_env(tmp, "offscreen"))
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf), str(tmp / "page")], check=True)
    shutil.copy(tmp / "page.png", DOCS / "commune_page.png")


def web_map(tmp: Path) -> None:
    """The published web map of the demo plan on Auch (docs/publish.md: Chromium's own screenshot)."""
    project, site = tmp / "demo.gpkg", tmp / "site"
    _save_demo(project)
    subprocess.run([sys.executable, "main.py", "export", str(project), "--format", "web", "-o", str(site),
                    "--lang", "fr"], cwd=ROOT, check=True, env=_env(tmp, "offscreen"))
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    subprocess.run([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=1400,900", f"--user-data-dir={tmp / 'chromium'}", "--virtual-time-budget=3000",
                    f"--screenshot={DOCS / 'web_map.png'}", (site / "index.html").as_uri() + "#32013"],
                   check=True, capture_output=True)


def _save_demo(path: Path) -> None:
    if path.exists():
        return
    code = ("import sys; from planner.io.layers.sample import load_sample_project; "
            "from planner.io.project.project_file import save_project; "
            "save_project(load_sample_project(demo_plan=True), sys.argv[1])")
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, check=True, env=dict(os.environ,
                                                                                         PYTHONPATH=str(ROOT)))


SHOTS_BY_NAME = {
    "main_window": main_window,
    "fr": lambda tmp: _window_shot(tmp, "fr", SHOTS / "main_window_fr.png"),
    "dark": lambda tmp: _window_shot(tmp, "dark", SHOTS / "main_window_dark.png"),
    "hidpi": lambda tmp: _window_shot(tmp, "hidpi", SHOTS / "main_window_hidpi_x2.png", dpr=2),
    "costs": lambda tmp: _window_shot(tmp, "costs", SHOTS / "costs_budget.png", size=(1700, 1050)),
    "as_built": lambda tmp: _window_shot(tmp, "as_built", SHOTS / "as_built.png", size=(1700, 1050)),
    "commune_page": commune_page,
    "web_map": web_map,
}


# --- in the child process: one window, one picture ---------------------------------------------------------
def _dark_palette(app) -> None:
    from PySide6.QtGui import QColor, QPalette

    app.setStyle("Fusion")
    p = QPalette()
    for role, colour in ((QPalette.Window, "#2b2b2b"), (QPalette.WindowText, "#e6e6e6"), (QPalette.Base, "#1e1e1e"),
                         (QPalette.AlternateBase, "#2f2f2f"), (QPalette.Text, "#e6e6e6"), (QPalette.Button, "#353535"),
                         (QPalette.ButtonText, "#e6e6e6"), (QPalette.Highlight, "#2f65ca"),
                         (QPalette.HighlightedText, "#ffffff"), (QPalette.ToolTipBase, "#3a3a3a"),
                         (QPalette.ToolTipText, "#e6e6e6"), (QPalette.PlaceholderText, "#8a8a8a")):
        p.setColor(role, QColor(colour))
    p.setColor(QPalette.Disabled, QPalette.ButtonText, QColor("#777777"))
    p.setColor(QPalette.Disabled, QPalette.WindowText, QColor("#777777"))
    app.setPalette(p)


def _project(variant: str):
    sys.path.insert(0, str(ROOT / "tests"))
    if variant == "costs":  # the sample, one phase per intercommunality (3 crews each), 18 M€ a year
        from planner.core.phases.phase_builders import phases_per_field
        from planner.core.simulation.whatif import with_budget
        from planner.io.layers.sample import load_sample_project

        project = load_sample_project()
        phases_per_field(project, "code_epci").do(project)
        for phase in project.phases:
            phase.crews, phase.units_per_crew_month = 3.0, 150.0
        project.scenarios[project.active_scenario] = with_budget(project.scenario, 18e6)
        return project, "2022-01"
    if variant == "as_built":  # the demo plan from the real Arcep figures as of 2018-03
        from conftest import ARCEP_CSV
        from planner.core.project.as_built import AsBuilt, snapshot_from_actuals
        from planner.io.actuals.reader import read_actuals
        from planner.io.layers.sample import load_sample_project

        project = load_sample_project(demo_plan=True)
        project.as_built = AsBuilt([snapshot_from_actuals(read_actuals(ARCEP_CSV, project.communes),
                                                          project.communes)])
        return project, "2018-03"
    return None, "2020-06"  # the bundled sample and its demo plan, opened as the user opens it


def _child(variant: str, out: str, width: int, height: int) -> None:
    from PySide6.QtCore import QSettings

    from planner.ui.shell.app import make_application
    from planner.ui.shell import i18n

    app = make_application()
    i18n.install_language("fr" if variant == "fr" else "en")
    if variant == "dark":
        _dark_palette(app)
    from planner.ui.shell.main_window import MainWindow
    from planner.ui.shell.settings import Settings

    settings = Settings(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.IniFormat))
    w = MainWindow(settings=settings)
    w.resize(width, height)
    w.show()
    project, month = _project(variant)
    if project is None:
        w.open_sample(demo_plan=True)
        while w.is_busy():
            app.processEvents()
    else:
        w.document.set_project(project)
    cov = w.coverage_ui
    assert w.phase_ui.cache.wait() and cov.runner.wait()
    for _ in range(20):
        app.processEvents()
    if cov.actuals_ui is not None:  # plan versus actual, beside the Gantt
        cov.actuals_ui.dock.raise_()
    from planner.core.months import parse_month

    w.document.set_month(parse_month(month) - parse_month(cov.runner.result.start))
    assert cov.map_colours.wait()
    for _ in range(20):
        app.processEvents()
    w.repaint()
    app.processEvents()
    w.grab().save(out)
    w.document.set_clean()
    w.close()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--window":
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
        sys.exit(0)
    names = sys.argv[1:] or list(SHOTS_BY_NAME)
    with tempfile.TemporaryDirectory() as d:
        for name in names:
            SHOTS_BY_NAME[name](Path(d))
            print("made", name, flush=True)
