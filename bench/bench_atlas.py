"""Printing benchmark: one commune page (preview image and PDF) and the 458-page Gers atlas (time, RSS, size)."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import shapely  # noqa: E402

from planner.core.project.model import Phase  # noqa: E402

MONTH = "2020-06"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20


def gers_plan():
    """The Gers sample with four phases (Grand Auch, the towns, north and south halves by zone)."""
    from planner.io.layers.sample import load_sample_project

    p = load_sample_project()
    com = p.communes
    reps = shapely.get_coordinates(shapely.point_on_surface(com.geometries))
    auch = reps[com.index_of("32013")]
    near = com.codes[np.hypot(*(reps - auch).T) < 9000]
    b = shapely.total_bounds(com.geometries)
    midy = (b[1] + b[3]) / 2
    p.phases = [Phase(1, "Phase 1 — Grand Auch", "#1f77b4", communes=list(near), crews=4),
                Phase(2, "Phase 2 — Villes", "#ff7f0e", communes=["32107", "32208", "32160", "32132", "32119",
                                                                  "32256", "32296"], crews=3),
                Phase(3, "Phase 3 — Nord", "#2ca02c", zone=shapely.box(b[0] - 1, midy, b[2] + 1, b[3] + 1), crews=6,
                      earliest_start="2019-06"),
                Phase(4, "Phase 4 — Sud", "#9467bd", zone=shapely.box(b[0] - 1, b[1] - 1, b[2] + 1, midy + 1), crews=6,
                      earliest_start="2020-06")]
    p.name = "Gers — plan FTTH"
    return p


def main() -> None:
    from planner.core.phases.assignment import assign
    from planner.core.simulation.coverage import simulate
    from planner.render.printing.atlas import write_atlas
    from planner.render.printing.commune_page import PageOptions, PageRenderer, page_image, render_commune_page
    from planner.render.map.export_map import ensure_gui_app

    ensure_gui_app()
    t = time.perf_counter()
    p = gers_plan()
    a = assign(p)
    r = simulate(p, a)
    print(f"load + assign + simulate: {time.perf_counter() - t:.2f} s ({len(p.premises)} premises, "
          f"{int(p.premises.units.sum())} units, {len(p.communes)} communes)")
    opts = PageOptions(colour_by="state", month=MONTH)
    tmp = Path(tempfile.mkdtemp())
    renderer = PageRenderer(p, a, r, opts)
    auch = p.communes.index_of("32013")
    t = time.perf_counter()
    renderer.warm()
    print(f"shared caches (premise index and states, territory, locator), built once: {time.perf_counter() - t:.3f} s")
    t = time.perf_counter()
    page_image(renderer, auch, dpi=96)
    print(f"first page after warm(), Auch, preview image 96 dpi: {time.perf_counter() - t:.3f} s")
    times = []
    for row in [auch, *range(0, len(p.communes), 46)]:
        t = time.perf_counter()
        page_image(renderer, row, dpi=96)
        times.append(time.perf_counter() - t)
    print(f"one page, preview image 96 dpi (warm): Auch {times[0]:.3f} s, median of {len(times)} "
          f"{np.median(times):.3f} s, max {max(times):.3f} s")
    t = time.perf_counter()
    render_commune_page(p, "32013", tmp / "auch.pdf", opts, a, r)
    print(f"one page to its own PDF (new renderer, cold caches), Auch: {time.perf_counter() - t:.3f} s, "
          f"{(tmp / 'auch.pdf').stat().st_size / 1024:.0f} KiB")
    for overview in (False, True):
        samples = []
        out = tmp / f"atlas_{int(overview)}.pdf"
        rss0 = rss_mb()

        def progress(f, m="", samples=samples):
            samples.append(rss_mb())

        t = time.perf_counter()
        rep = write_atlas(p, out, options=PageOptions(colour_by="state", month=MONTH), assignment=a, result=r,
                          overview=overview, progress=progress)
        dt = time.perf_counter() - t
        s = np.array(samples)
        print(f"atlas {'with overview ' if overview else ''}({rep.pages} pages, state at {MONTH}): {dt:.2f} s "
              f"({dt / rep.pages * 1000:.1f} ms/page), PDF {out.stat().st_size / 2 ** 20:.1f} MiB, RSS before "
              f"{rss0:.0f} MiB, after page 50 {s[min(49, len(s) - 1)]:.0f} MiB, at the end {s[-1]:.0f} MiB "
              f"(growth over the last {len(s) - 50} pages: {s[-1] - s[min(49, len(s) - 1)]:+.0f} MiB)")
        out.unlink()


if __name__ == "__main__":
    main()
