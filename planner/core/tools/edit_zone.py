"""Edit a phase's drawn zone: drag vertices, insert on an edge, delete a vertex, move the whole zone.

    tool = EditZoneTool(project, phase_id, push, snapper=Snapper(project))

Events: press on a vertex + drag → live preview, one MoveVertex pushed on release (one drag = one undo
step); double-click on an edge inserts a vertex there (InsertVertex); the Delete key removes the hovered
vertex (rings keep at least 3; otherwise `message` says why); press inside the zone + drag moves it (one
TranslateZone on release); Esc during a drag cancels it.
Overlay for the canvas: `preview_rings` (parts → rings → (n, 2) arrays, the zone as it looks now, dragged
or not), `preview_zone` (shapely), `hovered` ((part, ring, index) or None), `hovered_edge`, `dragging`.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import shapely

from planner.core.project.commands import Command
from planner.core.project.model import Project
from planner.core.phases.phase_commands import DeleteVertex, InsertVertex, MoveVertex, TranslateZone
from planner.core.phases.zones import zone_from_rings, zone_rings
from planner.core.phases.snapping import Snapper
from planner.core.tools.base import MapTool
from planner.core.tools.events import DOUBLE_CLICK, KEY, KEY_DELETE, KEY_ESCAPE, LEFT, MOVE, PRESS, RELEASE, MapEvent

VERTEX_TOLERANCE_PX = 8.0


def nearest_vertex(rings, x: float, y: float, tol: float):
    """((part, ring, index), distance) of the nearest vertex within tol, or (None, inf)."""
    best, best_d = None, np.inf
    for p, part in enumerate(rings):
        for r, xy in enumerate(part):
            d = np.hypot(xy[:, 0] - x, xy[:, 1] - y)
            k = int(np.argmin(d))
            if d[k] <= tol and d[k] < best_d:
                best, best_d = (p, r, k), float(d[k])
    return best, best_d


def nearest_edge(rings, x: float, y: float, tol: float):
    """((part, ring, index of the edge's end vertex), (px, py) on the edge) of the nearest edge within tol."""
    best, best_d, best_xy = None, np.inf, None
    for p, part in enumerate(rings):
        for r, a in enumerate(part):
            b = np.roll(a, -1, axis=0)  # edge i goes from vertex i to vertex i+1 (closing edge last)
            ab = b - a
            len2 = np.einsum("ij,ij->i", ab, ab)
            t = np.clip(np.einsum("ij,ij->i", np.array([x, y]) - a, ab) / np.where(len2 > 0, len2, 1), 0, 1)
            proj = a + t[:, None] * ab
            d = np.hypot(proj[:, 0] - x, proj[:, 1] - y)
            k = int(np.argmin(d))
            if d[k] <= tol and d[k] < best_d:
                best, best_d, best_xy = (p, r, k + 1), float(d[k]), (float(proj[k, 0]), float(proj[k, 1]))
    return best, best_xy


class EditZoneTool(MapTool):
    """State machine for editing the vertices and position of one phase's drawn zone."""

    def __init__(self, project: Project, phase_id: int, push: Callable[[Command], None],
                 snapper: Snapper | None = None, changed: Callable[[], None] | None = None,
                 tolerance_px: float = VERTEX_TOLERANCE_PX):
        super().__init__(project, push, changed)
        self.phase_id = phase_id
        self.snapper = snapper
        self.tolerance_px = tolerance_px
        self.hovered: tuple[int, int, int] | None = None
        self.hovered_edge: tuple[int, int, int] | None = None
        self.dragging: str | None = None  # 'vertex' or 'zone'
        self._drag_vertex: tuple[int, int, int] | None = None
        self._start: tuple[float, float] | None = None
        self._current: tuple[float, float] | None = None
        self._rings = None  # preview rings while dragging

    # --- overlay ----------------------------------------------------------------------------------------
    @property
    def zone(self):
        """The edited phase's drawn zone (None when it has none or the phase is gone)."""
        for phase in self.project.phases:
            if phase.id == self.phase_id:
                return phase.zone
        return None

    @property
    def preview_rings(self) -> list[list[np.ndarray]]:
        return self._rings if self._rings is not None else zone_rings(self.zone)

    @property
    def preview_zone(self):
        return zone_from_rings(self._rings) if self._rings is not None else self.zone

    # --- events -----------------------------------------------------------------------------------------
    def handle(self, event: MapEvent) -> bool:
        if self.zone is None:
            self.message = "This phase has no drawn zone to edit"
            return False
        tol = self.tolerance_px * event.pixel_size
        if event.kind == MOVE:
            return self._move(event, tol)
        if event.kind == PRESS and event.button == LEFT:
            return self._press(event, tol)
        if event.kind == RELEASE and event.button == LEFT:
            return self._release()
        if event.kind == DOUBLE_CLICK and event.button == LEFT:
            return self._insert(event, tol)
        if event.kind == KEY:
            return self._key(event)
        return False

    def _press(self, event: MapEvent, tol: float) -> bool:
        rings = zone_rings(self.zone)
        vertex, _ = nearest_vertex(rings, event.x, event.y, tol)
        if vertex is not None:
            self.dragging, self._drag_vertex = "vertex", vertex
        elif shapely.intersects_xy(self.zone, event.x, event.y):
            self.dragging = "zone"
        else:
            return False
        self._start = self._current = (float(event.x), float(event.y))
        return True

    def _move(self, event: MapEvent, tol: float) -> bool:
        if self.dragging == "vertex":
            x, y = float(event.x), float(event.y)
            if self.snapper is not None:
                x, y, _ = self.snapper.snap(x, y, event.pixel_size, exclude=(self.phase_id, *self._drag_vertex))
            self._current = (x, y)
            rings = zone_rings(self.zone)
            p, r, i = self._drag_vertex
            rings[p][r][i] = (x, y)
            self._rings = rings
            self._notify()
            return True
        if self.dragging == "zone":
            self._current = (float(event.x), float(event.y))
            dx, dy = self._current[0] - self._start[0], self._current[1] - self._start[1]
            self._rings = [[xy + (dx, dy) for xy in part] for part in zone_rings(self.zone)]
            self._notify()
            return True
        rings = zone_rings(self.zone)
        hovered, _ = nearest_vertex(rings, event.x, event.y, tol)
        edge = None if hovered is not None else nearest_edge(rings, event.x, event.y, tol)[0]
        if (hovered, edge) != (self.hovered, self.hovered_edge):
            self.hovered, self.hovered_edge = hovered, edge
            self._notify()
        return False

    def _release(self) -> bool:
        if self.dragging is None:
            return False
        kind, start, cur, vertex = self.dragging, self._start, self._current, self._drag_vertex
        self._end_drag()
        if cur == start:
            return True
        if kind == "vertex":
            self._push(lambda: MoveVertex(self.project, self.phase_id, *vertex, *cur))
        else:
            self._push(lambda: TranslateZone(self.project, self.phase_id, cur[0] - start[0], cur[1] - start[1]))
        self._sync()
        return True

    def _insert(self, event: MapEvent, tol: float) -> bool:
        edge, xy = nearest_edge(zone_rings(self.zone), event.x, event.y, tol)
        if edge is None:
            return False
        self._end_drag()
        p, r, i = edge
        self._push(lambda: InsertVertex(self.project, self.phase_id, p, r, i, *xy))
        self.hovered = (p, r, i)
        self._sync()
        return True

    def _key(self, event: MapEvent) -> bool:
        if event.key == KEY_ESCAPE and self.dragging is not None:
            self._end_drag()
            return True
        if event.key == KEY_DELETE and self.hovered is not None and self.dragging is None:
            vertex = self.hovered
            if self._push(lambda: DeleteVertex(self.project, self.phase_id, *vertex)):
                self.hovered = None
                self.message = ""
            self._sync()
            return True
        return False

    def _end_drag(self) -> None:
        self.dragging = None
        self._drag_vertex = self._start = self._current = None
        self._rings = None
        self._notify()

    def _sync(self) -> None:
        if self.snapper is not None:
            self.snapper.sync_phases(self.project)
        self._notify()

    def deactivate(self) -> None:
        self._end_drag()
