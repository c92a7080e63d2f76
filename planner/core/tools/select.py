"""Select communes on the map: click, shift-click (toggle), rectangle drag, lasso (alt-drag).

    tool = SelectTool(project, on_selection=lambda rows: document.set_selected_communes(rows))

A click selects the commune under the cursor (nothing → empty selection); shift-click toggles it; a drag
selects the communes touching the rectangle, an alt-drag those touching the lasso (with shift: added to the
selection). Each change calls `on_selection(rows)` with the sorted commune rows.
Overlay for the canvas: `rubber_rect` ((xmin, ymin, xmax, ymax) or None), `lasso` (list of (x, y)).
"""
from __future__ import annotations

from typing import Callable, Iterable

import numpy as np
import shapely
from shapely.geometry import Point, Polygon

from planner.core.project.model import Project
from planner.core.tools.events import KEY, KEY_ESCAPE, LEFT, MOVE, PRESS, RELEASE, MapEvent

CLICK_TOLERANCE_PX = 3.0


class SelectTool:
    """State machine selecting commune rows; needs no push (selection is not an undoable edit)."""

    def __init__(self, project: Project, on_selection: Callable[[list[int]], None],
                 changed: Callable[[], None] | None = None, selection: Iterable[int] = ()):
        self.project = project
        self.on_selection = on_selection
        self.changed = changed
        self.selection: set[int] = set(int(r) for r in selection)
        self.rubber_rect: tuple[float, float, float, float] | None = None
        self.lasso: list[tuple[float, float]] = []
        self.message = ""
        self._press: MapEvent | None = None
        self._tree = None
        self._tree_geoms = None

    # --- queries ----------------------------------------------------------------------------------------
    def _strtree(self) -> shapely.STRtree | None:
        communes = self.project.communes
        if communes is None or len(communes) == 0:
            return None
        if self._tree is None or self._tree_geoms is not communes.geometries:
            self._tree_geoms = communes.geometries
            self._tree = shapely.STRtree(self._tree_geoms)
        return self._tree

    def rows_touching(self, geom) -> np.ndarray:
        """Commune rows intersecting a geometry, sorted."""
        tree = self._strtree()
        if tree is None or geom is None or shapely.is_empty(geom):
            return np.zeros(0, dtype=np.int64)
        return np.sort(tree.query(geom, predicate="intersects"))

    def commune_at(self, x: float, y: float) -> int | None:
        """The commune row under a point (the lowest row on a shared border), or None."""
        rows = self.rows_touching(Point(x, y))
        return int(rows[0]) if len(rows) else None

    def set_selection(self, rows: Iterable[int]) -> None:
        """Sync with a selection made elsewhere (table, other view) without calling back."""
        self.selection = set(int(r) for r in rows)

    # --- events -----------------------------------------------------------------------------------------
    def handle(self, event: MapEvent) -> bool:
        if event.kind == PRESS and event.button == LEFT:
            self._press = event
            self.lasso = [(event.x, event.y)] if event.alt else []
            return True
        if event.kind == MOVE and self._press is not None:
            if self._press.alt:
                self.lasso.append((event.x, event.y))
            else:
                x0, y0 = self._press.x, self._press.y
                self.rubber_rect = (min(x0, event.x), min(y0, event.y), max(x0, event.x), max(y0, event.y))
            self._notify()
            return True
        if event.kind == RELEASE and event.button == LEFT and self._press is not None:
            self._release(event)
            return True
        if event.kind == KEY and event.key == KEY_ESCAPE and self._press is not None:
            self._clear_drag()
            return True
        return False

    def _release(self, event: MapEvent) -> None:
        press = self._press
        moved = max(abs(event.x - press.x), abs(event.y - press.y)) / max(event.pixel_size, 1e-12)
        add = press.shift or event.shift
        if moved <= CLICK_TOLERANCE_PX:
            row = self.commune_at(press.x, press.y)
            if add:
                if row is not None:
                    self.selection ^= {row}
            else:
                self.selection = set() if row is None else {row}
        else:
            if press.alt and len(self.lasso) >= 2:
                ring = self.lasso + [(event.x, event.y)]
                shape = shapely.make_valid(Polygon(ring)) if len(ring) >= 3 else None
            else:
                shape = shapely.box(min(press.x, event.x), min(press.y, event.y),
                                    max(press.x, event.x), max(press.y, event.y))
            rows = set(self.rows_touching(shape).tolist())
            self.selection = (self.selection | rows) if add else rows
        self._clear_drag()
        self.message = f"{len(self.selection)} commune(s) selected"
        self.on_selection(sorted(self.selection))

    def _clear_drag(self) -> None:
        self._press = None
        self.rubber_rect = None
        self.lasso = []
        self._notify()

    def _notify(self) -> None:
        if self.changed is not None:
            self.changed()

    def deactivate(self) -> None:
        self._clear_drag()
