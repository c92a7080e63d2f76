"""Draw a phase zone: click vertices, double-click or Enter finishes; holes with Ctrl; Esc never loses work silently.

    tool = DrawPolygonTool(project, phase_id, push, snapper=Snapper(project), confirm_discard=ask_user)
    canvas.set_tool(tool)      # the canvas feeds tool.handle(MapEvent)

Events: left press adds a (snapped) vertex; move updates the rubber band; double-click or Enter finishes
(at least 3 distinct vertices, else the polygon is kept and `message` says why); Backspace removes the last
vertex; Esc removes the vertex in progress (the rubber-band point), a second Esc asks `confirm_discard()`
before dropping the unfinished polygon; a right-click does nothing.
Finishing pushes one command: with Ctrl held over the phase's zone, a hole is cut ('Cut hole in Phase 2');
otherwise the polygon is added as a part ('Add part to Phase 2') or becomes the zone ('Draw zone of
Phase 2'). With `phase_id=None` a new phase is created with the polygon as its zone.
Overlay for the canvas: `vertices` (placed), `cursor` (rubber-band point or None), `preview` (both),
`snap_kind` ('vertex' / 'edge' / None) at `cursor`.
"""
from __future__ import annotations

from typing import Callable

import shapely
from shapely.geometry import Polygon

from planner.core.project.commands import Command
from planner.core.errors import ParameterError
from planner.core.project.model import Project
from planner.core.phases.phase_commands import AddPhase, SetPhaseZone
from planner.core.phases.zones import normalize_zone
from planner.core.phases.snapping import Snapper
from planner.core.tools.base import MapTool
from planner.core.tools.events import DOUBLE_CLICK, KEY, KEY_BACKSPACE, KEY_ENTER, KEY_ESCAPE, LEFT, MOVE, PRESS, RELEASE, RIGHT, MapEvent

MIN_VERTICES = 3


class DrawPolygonTool(MapTool):
    """State machine for drawing one polygon at a time into a phase's zone."""

    def __init__(self, project: Project, phase_id: int | None, push: Callable[[Command], None],
                 snapper: Snapper | None = None, confirm_discard: Callable[[], bool] | None = None,
                 changed: Callable[[], None] | None = None):
        super().__init__(project, push, changed)
        self.phase_id = phase_id
        self.snapper = snapper
        self.confirm_discard = confirm_discard or (lambda: False)
        self.vertices: list[tuple[float, float]] = []
        self.cursor: tuple[float, float] | None = None
        self.snap_kind: str | None = None
        self._escapes = 0

    # --- overlay ----------------------------------------------------------------------------------------
    @property
    def preview(self) -> list[tuple[float, float]]:
        """The rubber band: placed vertices then the vertex in progress (if any)."""
        return self.vertices + ([self.cursor] if self.cursor is not None else [])

    @property
    def drawing(self) -> bool:
        return bool(self.vertices)

    # --- events -----------------------------------------------------------------------------------------
    def _snapped(self, event: MapEvent) -> tuple[float, float]:
        if self.snapper is None:
            self.snap_kind = None
            return float(event.x), float(event.y)
        x, y, kind = self.snapper.snap(event.x, event.y, event.pixel_size)
        self.snap_kind = kind
        return float(x), float(y)

    def handle(self, event: MapEvent) -> bool:
        if event.kind in (PRESS, RELEASE, DOUBLE_CLICK) and event.button == RIGHT:
            return True  # a right-click neither finishes nor drops anything
        if event.kind == MOVE:
            self.cursor = self._snapped(event)
            self._escapes = 0
            self._notify()
            return False  # moves without a button never pan: let the canvas track the mouse too
        if event.kind == PRESS and event.button == LEFT:
            self._escapes = 0
            self._add_vertex(self._snapped(event))
            return True
        if event.kind == RELEASE and event.button == LEFT:
            return True
        if event.kind == DOUBLE_CLICK and event.button == LEFT:
            self._add_vertex(self._snapped(event))  # no-op when the press already placed it here
            self.finish(ctrl=event.ctrl)
            return True
        if event.kind == KEY:
            return self._key(event)
        return False

    def _key(self, event: MapEvent) -> bool:
        if event.key == KEY_ENTER:
            self.finish(ctrl=event.ctrl)
            return True
        if event.key == KEY_BACKSPACE:
            if self.vertices:
                self.vertices.pop()
                self.message = ""
                self._notify()
            return True
        if event.key == KEY_ESCAPE:
            self._escape()
            return True
        return False

    def _escape(self) -> None:
        self._escapes += 1
        if self.cursor is not None and self._escapes == 1:
            self.cursor = None  # first Esc: only the vertex in progress goes
            self.message = "Press Esc again to drop the unfinished polygon" if self.vertices else ""
        elif self.vertices:
            if self.confirm_discard():
                self.reset()
                self.message = "Unfinished polygon dropped"
            else:
                self.message = "Polygon kept"
                self._escapes = 0
        self._notify()

    def _add_vertex(self, xy: tuple[float, float]) -> None:
        if self.vertices and self.vertices[-1] == xy:
            return
        self.vertices.append(xy)
        self.cursor = xy
        self.message = ""
        self._notify()

    def reset(self) -> None:
        """Forget the polygon in progress (no question asked: callers decide)."""
        self.vertices = []
        self.cursor = None
        self.snap_kind = None
        self._escapes = 0
        self._notify()

    def distinct_vertices(self) -> list[tuple[float, float]]:
        seen, out = set(), []
        for v in self.vertices:
            if v not in seen:
                seen.add(v)
                out.append(v)
        return out

    # --- finishing --------------------------------------------------------------------------------------
    def finish(self, ctrl: bool = False) -> bool:
        """Close the polygon and push its command; False (and a message) when it cannot be finished."""
        if len(self.distinct_vertices()) < MIN_VERTICES:
            self.message = f"A zone needs at least {MIN_VERTICES} distinct vertices"
            self._notify()
            return False
        polygon = normalize_zone(Polygon(self.vertices))
        if polygon is None:
            self.message = "The polygon has no area"
            self._notify()
            return False
        if self._push(lambda: self._command(polygon, ctrl)):
            self.vertices = []
            self.cursor = None
            self._escapes = 0
            if self.snapper is not None:
                self.snapper.sync_phases(self.project)
        self._notify()
        return True

    def _command(self, polygon, ctrl: bool) -> Command:
        if self.phase_id is None:
            cmd = AddPhase(self.project, zone=polygon)
            self.phase_id = cmd.phase.id
            return cmd
        try:
            phase = self.project.phase_by_id(self.phase_id)
        except KeyError:
            raise ParameterError("the phase being drawn no longer exists; choose another phase") from None
        zone = phase.zone
        if zone is None or shapely.is_empty(zone):
            if ctrl:
                self.message = "Ctrl cuts a hole in the phase's zone, which has none yet: zone drawn instead"
            return SetPhaseZone(self.project, self.phase_id, polygon)
        zone = zone if zone.is_valid else shapely.make_valid(zone)
        if ctrl and shapely.intersects(zone, polygon):
            return SetPhaseZone(self.project, self.phase_id, shapely.difference(zone, polygon),
                                label=f"Cut hole in {phase.name}")
        return SetPhaseZone(self.project, self.phase_id, shapely.union(zone, polygon),
                            label=f"Add part to {phase.name}")
