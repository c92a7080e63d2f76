"""Benchmark: a parameter edit (or a slider move) to refreshed curves, tables and map on the Gers sample.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_refresh.py
The Gers sample (458 communes, ~114,000 synthetic premise units) gets one phase per intercommunality
(17 phases, picked communes). Each edit changes one phase's crews through the undo stack; the clock stops
when the new simulation is plotted, the Gantt and quarter table are refilled, communes and premises are
recoloured, and (second figure) the map and the plot have been repainted synchronously; the third figure waits
for the premises' states too, which a worker computes after each new result (the window stays responsive meanwhile).
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from planner.core.project.model import Phase  # noqa: E402
from planner.core.phases.phase_commands import SetPhaseAttribute  # noqa: E402
from planner.io.layers.sample import load_sample_project  # noqa: E402

EDITS = 30


def sample_with_phases():
    project = load_sample_project()
    fields = project.communes.layer.fields
    codes = project.communes.codes
    epci = fields["code_epci"].astype(str)
    for i, e in enumerate(sorted(set(epci))):
        project.phases.append(Phase(id=i + 1, name=f"EPCI {e}", communes=codes[epci == e].tolist()))
    return project


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from planner.ui.shell.main_window import MainWindow

    mw = MainWindow()
    mw.resize(1400, 900)
    mw.show()
    project = sample_with_phases()
    mw.document.set_project(project)
    ui = mw.coverage_ui
    ui.runner.wait(60)
    app.processEvents()
    doc = mw.document
    print(f"Gers sample: {len(project.communes)} communes, {len(project.premises):,} premises, "
          f"{project.territory_units():,} units, {len(project.phases)} phases; "
          f"simulation {ui.runner.last_duration_ms:.1f} ms")
    data_ms, paint_ms, sim_ms, own_ms, prem_ms = [], [], [], [], []
    for k in range(EDITS + 3):
        phase = project.phases[k % len(project.phases)]
        runs = ui.runner.runs
        t0 = time.perf_counter()
        doc.push(SetPhaseAttribute(project, phase.id, "crews", 3.0 if phase.crews == 2.0 else 2.0))
        while ui.runner.runs == runs:
            QCoreApplication.processEvents()
        t1 = time.perf_counter()
        mw.canvas.viewport().repaint()
        ui.panel.plot.viewport().repaint()
        t2 = time.perf_counter()
        ui.map_colours.wait(60)  # the premises' states, computed in their worker after the result
        mw.canvas.viewport().repaint()
        t_prem = time.perf_counter()
        if k >= 3:  # warm-up edits excluded
            data_ms.append((t1 - t0) * 1000)
            paint_ms.append((t2 - t0) * 1000)
            prem_ms.append((t_prem - t0) * 1000)
            sim_ms.append(ui.runner.last_duration_ms)
            ui.runner._last_key = None  # run the coverage pipeline again, alone, to time our share
            t3 = time.perf_counter()
            ui.runner.run_now()
            own_ms.append((time.perf_counter() - t3) * 1000)
    slider_ms = []
    for m in range(0, 120, 4):
        t0 = time.perf_counter()
        ui.slider.slider.setValue(m)
        mw.canvas.viewport().repaint()
        ui.panel.plot.viewport().repaint()
        slider_ms.append((time.perf_counter() - t0) * 1000)

    def fmt(v):
        return f"median {statistics.median(v):.1f} ms, max {max(v):.1f} ms"

    print(f"edit -> every panel of the window updated (ours and others'): {fmt(data_ms)} ({EDITS} edits)")
    print(f"   of which the simulation itself:                          {fmt(sim_ms)}")
    print(f"   simulation + curves, Gantt, table, map colours alone:    {fmt(own_ms)}")
    print(f"edit -> the above plus a repaint of map and plot:            {fmt(paint_ms)}")
    print(f"edit -> premises recoloured too (their worker) and repainted: {fmt(prem_ms)}")
    print(f"slider move -> recoloured and repainted map and plot:        {fmt(slider_ms)} ({len(slider_ms)} moves)")
    doc.set_clean()
    mw.close()


if __name__ == "__main__":
    main()
