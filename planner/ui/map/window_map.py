"""The map side of the main window: one map item per layer, identify on click, and the zoom commands.

`WindowMap` is a part of planner.ui.shell.main_window.MainWindow (a mixin): it keeps `_items` (layer → its
CommuneItem or PremisesItem in the canvas) in step with the project's layers (`_rebuild_items`, in draw order,
restyled), answers a click with the premise or commune under it (`identify_at`), and zooms to the territory, a
layer or the selection.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt

from planner.core.project.layer_commands import draw_order
from planner.core.project.model import Layer, Project
from planner.ui.map.commune_item import CommuneItem
from planner.ui.map.identify import CommuneLocator
from planner.ui.map.premises_item import PremisesItem

translate = QCoreApplication.translate
#: identify search radius in screen pixels
IDENTIFY_PX = 6


class WindowMap:
    """Map items, identify and zoom for the main window (uses its `document`, `canvas`, `identify_panel`…)."""

    _items: dict

    @property
    def commune_item(self) -> CommuneItem | None:
        c = self.document.project.communes
        return self._items.get(c.layer) if c is not None else None

    @property
    def premises_item(self) -> PremisesItem | None:
        p = self.document.project.premises
        return self._items.get(p.layer) if p is not None else None

    def item_for(self, layer: Layer):
        """The map item drawing `layer` (None if not drawn)."""
        return self._items.get(layer)

    def _on_layers_changed(self) -> None:
        communes = self.document.project.communes
        if (communes is None) != (self.commune_locator.communes is None) or (
                communes is not None and communes is not self.commune_locator.communes):
            self.commune_locator = CommuneLocator(communes)
        self._rebuild_items()

    def _rebuild_items(self) -> None:
        """Create map items for new layers, drop items of removed ones, restack and restyle."""
        layers = draw_order(self.document.project)
        alive = set(layers)
        changed = False
        for key in list(self._items):
            if key not in alive:
                item = self._items.pop(key)
                self.canvas.view.removeItem(item)
                if getattr(item, "label_item", None) is not None:
                    self.canvas.view.removeItem(item.label_item)
                changed = True
        for layer in layers:
            if layer not in self._items:
                item = make_item(layer)
                if item is None:
                    continue
                self.canvas.view.addItem(item)
                if getattr(item, "label_item", None) is not None:
                    self.canvas.view.addItem(item.label_item)
                self._items[layer] = item
                changed = True
        self._apply_styles()
        c_item = self.commune_item
        if c_item is not None:
            c_item.set_highlight(self.document.selected_communes)
            self._apply_labels()
            c_item.label_item.setZValue(10_000)
        if changed:
            self.layersRebuilt.emit()

    def _apply_labels(self, *_args) -> None:
        item = self.commune_item
        if item is not None:
            item.set_labels(self.document.project.communes.names if self.act_labels.isChecked() else None)

    def _apply_styles(self) -> None:
        for z, layer in enumerate(draw_order(self.document.project)):
            item = self._items.get(layer)
            if item is not None:
                item.setZValue(z)
                item.apply_style()

    def _on_selection(self) -> None:
        item = self.commune_item
        if item is not None:
            item.set_highlight(self.document.selected_communes)
        self.act_zoom_selection.setEnabled(bool(self.document.selected_communes))

    # --- identify ---------------------------------------------------------------------------
    def _on_clicked(self, x: float, y: float, modifiers) -> None:
        self.identify_at(x, y, bool(modifiers & Qt.ControlModifier))

    def identify_at(self, x: float, y: float, add_to_selection: bool = False) -> tuple[Layer | None, int]:
        """Identify the premise (within a few pixels) or else the commune at (x, y); selects the commune."""
        project = self.document.project
        tol = IDENTIFY_PX * self.canvas.pixel_size()
        p_item = self.premises_item
        if p_item is not None and p_item.isVisible():
            row = p_item.nearest(x, y, tol)
            if row >= 0:
                px, py = float(project.premises.x[row]), float(project.premises.y[row])
                where = self.commune_locator.label_at(px, py)
                title = (translate("MainWindow", "Premise #{row} in {commune}").format(row=row, commune=where) if where
                         else translate("MainWindow", "Premise #{row}").format(row=row))
                self.identify_panel.show_feature(project.premises.layer, row, title)
                return project.premises.layer, row
        row = self.commune_locator.row_at(x, y)
        if row >= 0:
            layer = project.communes.layer
            self.identify_panel.show_feature(layer, row, self.commune_locator.label_at(x, y))
            sel = set(self.document.selected_communes) if add_to_selection else set()
            sel.symmetric_difference_update({row}) if add_to_selection else sel.add(row)
            self.document.set_selected_communes(sel)
            return layer, row
        self.identify_panel.show_feature(None, -1)
        if not add_to_selection and self.document.selected_communes:
            self.document.set_selected_communes([])
        return None, -1

    # --- zoom -------------------------------------------------------------------------------
    def zoom_full(self) -> None:
        bounds = [l.bounds for l in self.document.project.layers() if len(l) and l.style.visible]
        if not bounds:
            bounds = [l.bounds for l in self.document.project.layers() if len(l)]
        if bounds:
            b = np.array(bounds, dtype=float)
            self.canvas.zoom_to((np.nanmin(b[:, 0]), np.nanmin(b[:, 1]), np.nanmax(b[:, 2]), np.nanmax(b[:, 3])))

    def zoom_to_layer(self, layer: Layer) -> None:
        if len(layer):
            self.canvas.zoom_to(layer.bounds)

    def zoom_to_current_layer(self) -> None:
        layer = self.layers_panel.current_layer()
        if layer is None and self.document.project.communes is not None:
            layer = self.document.project.communes.layer
        if layer is not None:
            self.zoom_to_layer(layer)

    def zoom_to_selection(self) -> None:
        rows = sorted(self.document.selected_communes)
        communes = self.document.project.communes
        if not rows or communes is None:
            self.statusBar().showMessage(translate("MainWindow", "No commune selected."), 3000)
            return
        import shapely
        self.canvas.zoom_to(shapely.total_bounds(communes.geometries[rows]), margin=0.15)


def make_item(layer: Layer):
    """The map item for a layer: PremisesItem for points, CommuneItem for polygons and lines."""
    if layer.kind == "point" and layer.x is not None:
        return PremisesItem(layer)
    if layer.kind in ("polygon", "line") and layer.geometries is not None:
        return CommuneItem(layer)
    return None


def default_point_style(project: Project) -> None:
    """Premise layers with the polygon default fill get a point colour (the model default suits polygons)."""
    from planner.core.project.model import LayerStyle
    for layer in project.layers():
        if layer.kind == "point" and layer.style.fill == LayerStyle().fill:
            layer.style.fill = "#3949ab"
