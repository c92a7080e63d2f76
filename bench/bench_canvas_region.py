"""Rows of bench_region.py that need Qt: map frames at every zoom over 5M premises, and the atlas per page."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CENTRE = (574_000.0, 6_279_000.0)  # Toulouse, the densest part of the region


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def frames(project_path: Path, load) -> None:
    """Pan frames at six zooms, then a sweep of zoom levels (each frame a new level, so nothing is reused)."""
    from PySide6.QtWidgets import QApplication

    from planner.core.phases.assignment import assign
    from planner.io.project.project_file import load_project
    from planner.ui.map.commune_item import CommuneItem, prepare_polygons
    from planner.ui.map.map_canvas import MapCanvas
    from planner.ui.map.premises_item import PremisesItem, prepare_points

    app = QApplication.instance() or QApplication([])
    project = load_project(project_path)
    a = assign(project)
    layer = project.premises.layer
    t = time.perf_counter()
    prepare_points(layer)
    t_index = time.perf_counter() - t
    prepare_polygons(project.communes.layer)
    canvas = MapCanvas()
    canvas.resize(1280, 800)
    canvas.show()
    canvas.view.addItem(CommuneItem(project.communes.layer))
    item = PremisesItem(layer)
    canvas.view.addItem(item)
    palette = [tuple(int(p.color[i:i + 2], 16) for i in (1, 3, 5)) + (255,) for p in project.phases]
    t = time.perf_counter()
    item.set_categories(a.premise_phase, palette + [(150, 150, 150, 255)])
    t_cat = time.perf_counter() - t
    app.processEvents()
    print(f"frames: {len(layer):,} premises; index built by the loading worker in {t_index:.2f} s, colours by phase "
          f"set in {t_cat * 1000:.0f} ms", flush=True)
    xmin, ymin, xmax, ymax = layer.bounds
    full = (xmax - xmin) * 1.1
    cx, cy = CENTRE
    worst_pan = pans(app, canvas, item, full, cx, cy)
    widths = []
    width = full
    while width > 100:
        widths.append(width)
        width /= 1.15
    best, runs = sweep(app, canvas, widths, cx, cy)
    k = int(np.argmax(best))
    print(f"slowest map frame at any zoom ({len(widths)} zoom levels from the whole region to 100 m, per-frame "
          f"minimum of 3 sweeps): {best[k] * 1000:.1f} ms at {widths[k] / 1000:.1f} km, median "
          f"{np.median(best) * 1000:.1f} ms; slowest single sample {np.max(runs) * 1000:.1f} ms, worst pan frame "
          f"{worst_pan * 1000:.1f} ms (target <= 40 ms); {load()}", flush=True)
    sharp = sharp_latency(app, canvas, widths[::4], cx, cy)
    print(f"slow layers drawn in the background (planner/ui/map/background_render.py): a zoom shows the previous "
          f"image at once, the exact one after {np.median(sharp) * 1000:.0f} ms median, {np.max(sharp) * 1000:.0f} ms "
          f"worst ({len(sharp)} zooms); {load()}", flush=True)
    best, runs = sweep(app, canvas, widths, cx, cy, direct=True)  # what drawing each frame exactly costs
    k = int(np.argmax(best))
    print(f"the same sweep with every layer drawn at once (no stand-in image): slowest frame {best[k] * 1000:.1f} ms "
          f"at {widths[k] / 1000:.1f} km, median {np.median(best) * 1000:.1f} ms; {load()}", flush=True)


def pans(app, canvas, item, full: float, cx: float, cy: float) -> float:
    """Eight pan frames at six zooms (printed); the slowest frame, in seconds."""
    worst_pan = 0.0
    for width in (full, full / 4, full / 16, full / 64, full / 256, full / 1024):
        h = width * 800 / 1280
        times = []
        for k in range(8):
            dx = width * 0.02 * k
            canvas.set_extent(cx - width / 2 + dx, cy - h / 2, cx + width / 2 + dx, cy + h / 2)
            app.processEvents()  # what the event loop does between frames (background renders land here)
            t = time.perf_counter()
            canvas.grab()
            times.append(time.perf_counter() - t)
        worst_pan = max(worst_pan, max(times))
        print(f"  {width / 1000:8.1f} km wide: {item.visible_count(canvas.view.viewRect()):>9,} visible, "
              f"{item.last_mode:>7}, first {times[0] * 1000:5.1f} ms, pan median {np.median(times[1:]) * 1000:5.1f} ms,"
              f" worst {max(times) * 1000:5.1f} ms", flush=True)
    return worst_pan


def sweep(app, canvas, widths, cx: float, cy: float, repeats: int = 3, direct: bool = False):
    """(per-frame minimum over the repeats, all samples) of frames at each width, every frame a new zoom;
    `direct`: every layer drawn at once, as if none were slow (no stand-in image)."""
    from planner.ui.map import background_render

    slow_ms = background_render.SLOW_MS
    if direct:
        background_render.SLOW_MS = float("inf")
    try:
        return _sweep(app, canvas, widths, cx, cy, repeats)
    finally:
        background_render.SLOW_MS = slow_ms


def _sweep(app, canvas, widths, cx: float, cy: float, repeats: int):
    runs = []
    for _ in range(repeats):
        times = []
        for width in widths:
            h = width * 800 / 1280
            canvas.set_extent(cx - width / 2, cy - h / 2, cx + width / 2, cy + h / 2)
            app.processEvents()  # what the event loop does between frames (background renders land here)
            t = time.perf_counter()
            canvas.grab()
            times.append(time.perf_counter() - t)
        runs.append(times)
    return np.min(np.array(runs), axis=0), runs


def sharp_latency(app, canvas, widths, cx: float, cy: float) -> list[float]:
    """Seconds from a zoom's frame to the frame drawn from the exact images of every slow layer."""
    from planner.ui.map import background_render

    items = [it for it in canvas.view.addedItems if hasattr(it, "_cost")]  # the layers that may draw aside
    assert items, "no map item draws in the background"
    out = []
    for width in widths:
        h = width * 800 / 1280
        canvas.set_extent(cx - width / 2, cy - h / 2, cx + width / 2, cy + h / 2)
        t = time.perf_counter()
        canvas.grab()
        while any(background_render.busy(it) for it in items):
            app.processEvents()
            time.sleep(0.0005)
        canvas.grab()
        out.append(time.perf_counter() - t)
    return out


def atlas(project_path: Path, load, pages: int = 300) -> None:
    """The first `pages` communes of the atlas (INSEE order) with the premises coloured by phase."""
    import tempfile

    from planner.core.phases.assignment import assign
    from planner.core.simulation.coverage import simulate
    from planner.io.project.project_file import load_project
    from planner.render.printing.atlas import write_atlas
    from planner.render.printing.commune_page import PageOptions

    project = load_project(project_path)
    a = assign(project)
    r = simulate(project, a)
    codes = sorted(project.communes.codes.tolist())[:pages]
    samples: list[tuple[float, float]] = []

    def progress(fraction, message=""):
        samples.append((time.perf_counter(), rss_mb()))

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "atlas.pdf"
        t0 = time.perf_counter()
        rss0 = rss_mb()
        rep = write_atlas(project, out, codes=codes, options=PageOptions(colour_by="phase"), assignment=a, result=r,
                          progress=progress)
        total = time.perf_counter() - t0
        size = out.stat().st_size / 2 ** 20
    times = np.diff([t0] + [s[0] for s in samples])
    rss = [s[1] for s in samples]
    after = rss[min(49, len(rss) - 1)]
    print(f"atlas, first {rep.pages} of {len(project.communes):,} communes: {total:.1f} s, "
          f"{total / rep.pages * 1000:.1f} ms a page (median page {np.median(times) * 1000:.1f} ms; first page "
          f"{times[0] * 1000:.0f} ms with the shared caches), RSS before {rss0:.0f} MiB, after page 50 {after:.0f} MiB, "
          f"at the end {rss[-1]:.0f} MiB, PDF {size:.0f} MiB (target <= 20 ms a page, flat memory); {load()}",
          flush=True)
