"""`export --format web`: a folder with index.html that opens from the disk (file://) with no network and no
server, and can be copied as is onto any web host.

The folder holds the page (resources/web: index.html, app.js, style.css), the map library (Leaflet, BSD-2,
shipped with its licence in vendor/leaflet) and the plan as `data/plan.js` (`window.ROLLOUT_PLAN = {...};` — a
script, not a JSON file, because browsers refuse to fetch files from file:// pages). The JSON is escaped so that
no name from the data can close the script or become markup (`<`, `>`, `&`, U+2028/9 as \\u escapes).
The whole folder is built beside the target and moved in at the end: a failure leaves nothing half-written, and
a target folder that already holds other files is refused (a site folder is replaced only when it is one of ours).
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from planner.core.errors import PlannerError
from planner.core.project.paths import resources_dir
from planner.io.exports.plan import PhasePlan
from planner.io.publish.web_data import build_web_data

#: files of the page copied from resources/web (relative paths)
PAGE_FILES = ("index.html", "app.js", "style.css", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css",
              "vendor/leaflet/LICENSE", "vendor/leaflet/SOURCE.txt")
MARKER = ".rollout-planner-site"  # tells a folder we wrote (and may replace) from a folder of other files


def palette() -> dict:
    """The colours the page uses (the same classes as the window and the printed pages)."""
    from planner.core.simulation import palette as core_palette

    return core_palette.web_palette()


def script_json(value) -> str:
    """JSON safe inside a <script> file: no character of the data can end the script or start markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def check_site_target(out: Path, force: bool) -> None:
    """A site goes into a new or empty folder, or replaces a site we wrote (with force)."""
    if out.exists() and not out.is_dir():
        raise PlannerError(f"{out}: exists and is not a folder; a web map is written into a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise PlannerError(f"{out}: the folder already holds other files; choose a new or empty folder")
        if not force:
            raise PlannerError(f"{out}: already holds a published web map; use --force to replace it")


def write_site(plan: PhasePlan, out: Path, lang: str = "fr", today: str | None = None, force: bool = False,
               report=None) -> list[Path]:
    """Build the site for `plan` into the folder `out`; returns the files written (relative to `out`)."""
    out = Path(out)
    check_site_target(out, force)
    data = build_web_data(plan, lang=lang, today=today)
    data["palette"] = palette()
    from planner.io.writer import write_folder

    def build(tmp: Path) -> None:
        src = resources_dir() / "web"
        for rel in PAGE_FILES:
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src / rel, tmp / rel)
        (tmp / "data").mkdir(exist_ok=True)
        (tmp / "data" / "plan.js").write_text("window.ROLLOUT_PLAN = " + script_json(data) + ";\n", encoding="utf-8")
        (tmp / MARKER).write_text("Published by Rollout Planner; this folder is replaced on the next publish.\n")

    write_folder(out, build, whole=True)
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    if report is not None:
        report.files.append(out / "index.html")
        report.counts["communes"] = len(data["communes"]["features"])
        size = sum(os.path.getsize(out / f) for f in files)
        report.notes.append(f"web map: {len(files)} files, {size / 1e6:.1f} MB; open {out / 'index.html'}")
    return files
