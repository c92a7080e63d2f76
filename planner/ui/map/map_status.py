"""Status-bar readouts of the map: commune under the cursor, Lambert-93 and lon/lat position, map scale."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from planner.ui.map.map_canvas import MapCanvas

#: a hypothetical widest position text, to size the label once (no jitter while the mouse moves)
_WIDEST_POSITION = "X 000 000 m  Y 0 000 000 m (Lambert-93)   0.00000°E  00.00000°N"


def _thousands(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


class MapStatus(QObject):
    """Three permanent status-bar labels fed by the canvas; `label_at(x, y)` names the commune ('Auch (32013)')."""

    def __init__(self, status_bar: QStatusBar, canvas: MapCanvas, label_at: Callable[[float, float], str]):
        super().__init__(status_bar)
        self.canvas = canvas
        self.label_at = label_at
        self._transformer = None
        fm = status_bar.fontMetrics()
        self.commune_label = QLabel(status_bar)
        self.commune_label.setMinimumWidth(170)
        self.commune_label.setToolTip(self.tr("Commune under the cursor"))
        self.coord_label = QLabel(status_bar)
        self.coord_label.setMinimumWidth(fm.horizontalAdvance(_WIDEST_POSITION) + 12)
        self.coord_label.setToolTip(self.tr("Cursor position: Lambert-93 (EPSG:2154) metres and WGS 84 "
                                            "longitude/latitude"))
        self.scale_label = QLabel(status_bar)
        self.scale_label.setMinimumWidth(fm.horizontalAdvance("Scale 1:0 000 000") + 12)
        self.scale_label.setToolTip(self.tr("Map scale at the screen's resolution"))
        for label in (self.commune_label, self.coord_label, self.scale_label):
            label.setTextFormat(Qt.PlainText)  # a commune named '<b>x</b>' is shown as typed
            label.setContentsMargins(8, 0, 8, 0)
            status_bar.addPermanentWidget(label)
        canvas.mouseMoved.connect(self.show_position)
        canvas.mouseLeft.connect(self.clear_position)
        canvas.extentChanged.connect(self.show_scale)

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        """WGS 84 longitude/latitude of a Lambert-93 point (one pyproj Transformer, created on first use)."""
        if self._transformer is None:
            from pyproj import Transformer

            self._transformer = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)
        lon, lat = self._transformer.transform(x, y)
        return float(lon), float(lat)

    def show_position(self, x: float, y: float) -> None:
        lon, lat = self.lonlat(x, y)
        self.coord_label.setText(self.tr("X {x} m  Y {y} m (Lambert-93)   {lon}°{ew}  {lat}°{ns}").format(
            x=_thousands(x), y=_thousands(y), lon=f"{abs(lon):.5f}", ew="E" if lon >= 0 else self.tr("W", "west"),
            lat=f"{abs(lat):.5f}", ns="N" if lat >= 0 else "S"))
        self.commune_label.setText(self.label_at(x, y))

    def clear_position(self) -> None:
        self.coord_label.clear()
        self.commune_label.clear()

    def show_scale(self) -> None:
        if self.canvas.view.width() > 0:
            dpi = self.canvas.logicalDpiX() or 96
            scale = self.canvas.pixel_size() * dpi / 0.0254
            self.scale_label.setText(self.tr("Scale 1:{scale}").format(scale=_thousands(scale)))
