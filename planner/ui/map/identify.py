"""Identify: which commune is at a point (STRtree, built once per layer) and a dock showing feature attributes."""
from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from planner.core.project.model import Communes, Layer


class CommuneLocator:
    """Fast 'commune at (x, y)' lookup over a commune layer (STRtree on the polygons, built once)."""

    def __init__(self, communes: Communes | None):
        self.communes = communes
        geoms = communes.geometries if communes is not None else None
        self._tree = shapely.STRtree(geoms) if geoms is not None and len(geoms) else None
        if communes is not None and len(communes):
            self._names = communes.names
            self._codes = communes.codes
            shapely.prepare(geoms)

    def row_at(self, x: float, y: float) -> int:
        """Row of the commune containing (x, y), or -1."""
        if self._tree is None:
            return -1
        hits = self._tree.query(shapely.points(x, y), predicate="intersects")
        return int(hits.min()) if len(hits) else -1

    def label_at(self, x: float, y: float) -> str:
        """'Auch (32013)' for the commune under (x, y), or '' outside every commune."""
        row = self.row_at(x, y)
        if row < 0:
            return ""
        return f"{self._names[row]} ({self._codes[row]})"


def feature_attributes(layer: Layer, row: int) -> list[tuple[str, str]]:
    """(field, value as text) pairs of one feature, plus its position for points."""
    out = []
    for name, column in layer.fields.items():
        value = column[row]
        if isinstance(value, (float, np.floating)):
            text = "" if np.isnan(value) else (f"{value:.0f}" if float(value).is_integer() else f"{value:.4g}")
        elif value is None:
            text = ""
        else:
            text = str(value)
        out.append((name, text))
    if layer.kind == "point" and layer.x is not None:
        out.append(("x (L93)", f"{layer.x[row]:.1f}"))
        out.append(("y (L93)", f"{layer.y[row]:.1f}"))
    return out


class IdentifyPanel(QWidget):
    """The identify dock's content: which feature was clicked, and its field → value table."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(self.tr("Click a commune or a premise on the map."), self)
        self.title.setTextFormat(Qt.PlainText)  # names from data, as typed
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        lay.addWidget(self.title)
        lay.addWidget(self.table)
        self.layer: Layer | None = None
        self.row: int = -1

    def show_feature(self, layer: Layer | None, row: int, title: str = "") -> None:
        """Show a feature's attributes (layer None: clear)."""
        self.layer, self.row = layer, row
        if layer is None or row < 0:
            self.title.setText(self.tr("Nothing here."))
            self.table.setRowCount(0)
            return
        self.title.setText(title or f"{layer.name} #{row}")
        pairs = feature_attributes(layer, row)
        self.table.setRowCount(len(pairs))
        for i, (k, v) in enumerate(pairs):
            key, value = QTableWidgetItem(k), QTableWidgetItem(v)
            value.setToolTip(v)
            self.table.setItem(i, 0, key)
            self.table.setItem(i, 1, value)
        # field names fit, but leave the values at least 45 % of the width
        self.table.resizeColumnToContents(0)
        limit = int(self.table.viewport().width() * 0.55)
        if limit > 60 and self.table.columnWidth(0) > limit:
            self.table.setColumnWidth(0, limit)

    def value(self, field: str) -> str | None:
        """The shown value of a field (None if not shown)."""
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).text() == field:
                return self.table.item(i, 1).text()
        return None
