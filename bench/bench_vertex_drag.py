"""Vertex drag on the Gers sample in the main window: preview frame time, and release → counts and colours.

Run: .venv/bin/python bench/bench_vertex_drag.py   (offscreen; prints the figures for docs/performance.md)

Setup: the sample project (≈104,700 premises, 114,042 units, 458 communes), one phase per intercommunality
(17 commune-based phases) plus a drawn zone of ~185 vertices around Auch as phase 1, premises coloured by
phase, the Edit zone tool active, the canvas zoomed on Auch (1600×1000 window, bottom docks hidden).
A frame = one mouse-move event sent to the canvas (tool state machine + snapping + overlay update) and a
synchronous repaint of the canvas viewport, so it is the time a user waits for each step of the drag.
After the release, the time until the assignment cache published new counts and the premises were
recoloured is measured (target ≤ 100 ms).
"""
from __future__ import annotations

import copy
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QDockWidget  # noqa: E402

FRAMES = 60


def send(canvas, kind, x, y, buttons=Qt.NoButton, button=Qt.NoButton):
    pos = canvas.map_to_widget(x, y)
    ev = QMouseEvent(kind, pos, canvas.mapToGlobal(pos), button, buttons, Qt.NoModifier)
    QApplication.sendEvent(canvas.viewport(), ev)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from planner.core.phases import phase_builders as pb
    from planner.core.phases import phase_commands as pc
    from planner.io.layers.sample import load_sample_project
    from planner.ui.shell.main_window import MainWindow

    t0 = time.perf_counter()
    project = load_sample_project()
    print(f"sample loaded: {len(project.premises):,} premises, {project.territory_units():,} units "
          f"in {time.perf_counter() - t0:.2f} s")
    mw = MainWindow()
    mw.resize(1600, 1000)
    mw.show()
    for dock in mw.findChildren(QDockWidget):  # a canvas of a usual size: no bottom docks
        if mw.dockWidgetArea(dock) == Qt.BottomDockWidgetArea:
            dock.hide()
    mw.set_project(copy.copy(project))
    project = mw.document.project
    ui = mw.phase_ui
    ui.cache.wait()
    mw.document.push(pb.phases_per_field(project, "code_epci"))
    auch = project.communes.geometries[project.communes.index_of("32013")]
    c = auch.centroid
    zone = shapely.buffer(c, 4000.0, quad_segs=46)  # 185 vertices
    mw.document.push(pc.AddPhase(project, zone=zone, index=0))
    ui.cache.wait()
    ui.act_by_phase.setChecked(True)
    phase = project.phases[0]
    mw.document.set_current_phase(phase.id)
    mw.canvas.zoom_to(shapely.bounds(zone), margin=0.4)
    app.processEvents()
    ui.act_edit.trigger()
    print(f"{len(project.phases)} phases, edited zone: {len(zone.exterior.coords) - 1} vertices; "
          f"canvas {mw.canvas.width()}×{mw.canvas.height()} px, snapping {'on' if ui.tools.snapping_enabled else 'off'}")

    canvas = mw.canvas
    vertex = np.asarray(phase.zone.exterior.coords)[0]
    canvas.viewport().repaint()
    send(canvas, QEvent.MouseMove, *vertex)
    send(canvas, QEvent.MouseButtonPress, *vertex, Qt.LeftButton, Qt.LeftButton)
    frames = []
    for k in range(1, FRAMES + 1):
        x = vertex[0] + 2500.0 * np.sin(k / FRAMES * np.pi)
        y = vertex[1] + 40.0 * k
        t = time.perf_counter()
        send(canvas, QEvent.MouseMove, x, y, Qt.LeftButton)
        canvas.viewport().repaint()
        frames.append((time.perf_counter() - t) * 1000.0)
    assert ui.edit.tool.dragging == "vertex", "the drag did not start on the vertex"
    stamps = []
    ui.cache.updated.connect(lambda *_: stamps.append(time.perf_counter()))
    steps = mw.document.session.count()
    t = time.perf_counter()
    send(canvas, QEvent.MouseButtonRelease, x, y, Qt.NoButton, Qt.LeftButton)
    ui.cache.wait()
    release_ms = ((stamps[-1] if stamps else time.perf_counter()) - t) * 1000.0
    assert mw.document.session.count() == steps + 1
    frames.sort()
    mean = statistics.mean(frames)
    p95 = frames[int(0.95 * (len(frames) - 1))]
    print(f"drag preview frame: median {statistics.median(frames):.1f} ms, mean {mean:.1f} ms, "
          f"p95 {p95:.1f} ms, max {frames[-1]:.1f} ms → {1000.0 / mean:.0f} frames/s (target ≥ 30)")
    print(f"release → MoveVertex pushed, counts and premise colours updated: {release_ms:.1f} ms "
          f"(assignment {ui.cache.last_duration_ms:.1f} ms; target ≤ 100 ms) — undo step "
          f"'{mw.document.undo_text()}'")
    mw.close()


if __name__ == "__main__":
    main()
