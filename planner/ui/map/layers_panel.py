"""The Layers dock: layers top = drawn on top, visibility, order, fill/outline colours, opacity — all undoable."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QColorDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMenu,
                               QSlider, QStyle, QToolButton, QVBoxLayout, QWidget)

from planner.core.project.layer_commands import MoveLayer, RemoveLayer, SetLayerStyle, draw_order
from planner.core.project.model import Layer
from planner.ui.common.document import ProjectDocument


def layer_swatch(layer: Layer, size: int = 16) -> QIcon:
    """A small legend swatch: a filled square for polygons, a dot for points, a stroke for lines."""
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    fill, outline = QColor(layer.style.fill), QColor(layer.style.outline)
    if layer.kind == "point":
        p.setPen(Qt.white)
        p.setBrush(fill)
        p.drawEllipse(size // 2 - 4, size // 2 - 4, 8, 8)
    elif layer.kind == "line":
        p.setPen(outline)
        p.drawLine(2, size - 3, size - 3, 2)
    else:
        p.setPen(outline)
        p.setBrush(fill)
        p.drawRect(2, 2, size - 5, size - 5)
    p.end()
    return QIcon(pm)


def _colour_icon(colour: str, size: int = 14) -> QIcon:
    """A plain colour swatch for the Fill/Outline buttons."""
    pm = QPixmap(size, size)
    pm.fill(QColor(colour))
    p = QPainter(pm)
    p.setPen(QColor(0, 0, 0, 90))
    p.drawRect(0, 0, size - 1, size - 1)
    p.end()
    return QIcon(pm)


class LayersPanel(QWidget):
    """List of layers (top of the list = drawn on top) with style controls; every change is a command.

    Double-click (or the context menu's "Zoom to layer") emits `zoomRequested(layer)`.
    """

    zoomRequested = Signal(object)

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self._layers: list[Layer] = []  # top to bottom, as listed
        self._refreshing = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        self.list = QListWidget(self)
        self.list.setDragDropMode(QAbstractItemView.InternalMove)
        self.list.setDefaultDropAction(Qt.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.ElideRight)
        lay.addWidget(self.list, 1)

        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        sp = QStyle.StandardPixmap
        self.up_button = self._button(self.tr("Move up (drawn above)"), sp.SP_ArrowUp, lambda: self.move_current(+1))
        self.down_button = self._button(self.tr("Move down (drawn below)"), sp.SP_ArrowDown, lambda: self.move_current(-1))
        self.fill_button = self._button(self.tr("Fill colour…"), None, lambda: self.pick_color("fill"), self.tr("Fill"))
        self.outline_button = self._button(self.tr("Outline colour…"), None, lambda: self.pick_color("outline"),
                                           self.tr("Outline"))
        self.remove_button = self._button(self.tr("Remove layer"), sp.SP_TrashIcon, self.remove_current)
        for b in (self.up_button, self.down_button, self.fill_button, self.outline_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        lay.addLayout(buttons)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Opacity"), self))
        self.opacity = QSlider(Qt.Horizontal, self)
        self.opacity.setRange(0, 100)
        row.addWidget(self.opacity, 1)
        self.opacity_label = QLabel("100 %", self)
        self.opacity_label.setMinimumWidth(40)
        row.addWidget(self.opacity_label)
        lay.addLayout(row)

        self.list.itemChanged.connect(self._on_item_changed)
        self.list.itemDoubleClicked.connect(lambda item: self._zoom_row(self.list.row(item)))
        self.list.setContextMenuPolicy(Qt.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.currentRowChanged.connect(lambda _: self._update_controls())
        self.list.model().rowsMoved.connect(self._on_rows_moved)
        self.opacity.valueChanged.connect(self._on_opacity)
        document.layersChanged.connect(self.refresh)
        document.projectReplaced.connect(self.refresh)
        self.refresh()

    def _button(self, tip: str, icon, slot, text: str | None = None) -> QToolButton:
        b = QToolButton(self)
        b.setToolTip(tip)
        if icon is not None:
            b.setIcon(self.style().standardIcon(icon))
        if text:
            b.setText(text)
            b.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    # --- state ---------------------------------------------------------------------------
    def layers(self) -> list[Layer]:
        """Layers as listed: top of the drawing first."""
        return list(self._layers)

    def current_layer(self) -> Layer | None:
        row = self.list.currentRow()
        return self._layers[row] if 0 <= row < len(self._layers) else None

    def select_layer(self, layer: Layer) -> None:
        for i, l in enumerate(self._layers):
            if l is layer:
                self.list.setCurrentRow(i)

    def refresh(self) -> None:
        """Rebuild the list from the project (keeps the current layer)."""
        current = self.current_layer()
        project = self.document.project
        self._refreshing = True
        try:
            self.list.clear()
            self._layers = list(reversed(draw_order(project)))
            for layer in self._layers:
                role = self.tr("other layer")
                if project.communes is not None and project.communes.layer is layer:
                    role = self.tr("commune layer")
                elif project.premises is not None and project.premises.layer is layer:
                    role = self.tr("premise layer")
                item = QListWidgetItem(layer_swatch(layer), layer.name)
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable | Qt.ItemIsDragEnabled)
                item.setCheckState(Qt.Checked if layer.style.visible else Qt.Unchecked)
                item.setToolTip(self.tr("{role}: {n} features\n{source}").format(
                    role=role, n=f"{len(layer):,}".replace(",", " "), source=layer.source or layer.name))
                self.list.addItem(item)
            row = next((i for i, l in enumerate(self._layers) if l is current), 0 if self._layers else -1)
            self.list.setCurrentRow(row)
        finally:
            self._refreshing = False
        self._update_controls()

    def _update_controls(self) -> None:
        layer = self.current_layer()
        for w in (self.up_button, self.down_button, self.fill_button, self.outline_button, self.remove_button,
                  self.opacity):
            w.setEnabled(layer is not None)
        if layer is None:
            return
        self.opacity.blockSignals(True)
        self.opacity.setValue(int(round(layer.style.opacity * 100)))
        self.opacity.blockSignals(False)
        self.opacity_label.setText(f"{int(round(layer.style.opacity * 100))} %")
        self.outline_button.setEnabled(layer.kind != "point")
        self.fill_button.setIcon(_colour_icon(layer.style.fill))
        self.outline_button.setIcon(_colour_icon(layer.style.outline))
        row = self.list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(row < len(self._layers) - 1)

    def _zoom_row(self, row: int) -> None:
        if 0 <= row < len(self._layers):
            self.zoomRequested.emit(self._layers[row])

    def _context_menu(self, pos) -> None:
        row = self.list.indexAt(pos).row()
        if row < 0:
            return
        self.list.setCurrentRow(row)
        menu = QMenu(self)
        menu.addAction(self.tr("Zoom to layer"), lambda: self._zoom_row(row))
        menu.addSeparator()
        menu.addAction(self.tr("Fill colour…"), lambda: self.pick_color("fill"))
        if self._layers[row].kind != "point":
            menu.addAction(self.tr("Outline colour…"), lambda: self.pick_color("outline"))
        menu.addSeparator()
        menu.addAction(self.tr("Remove layer"), self.remove_current)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    # --- edits (commands) -----------------------------------------------------------------
    def set_visible(self, layer: Layer, visible: bool) -> None:
        """Show or hide a layer: a view setting like the map extent (kept in the project file at the next save),
        not an edit: it is not undone and does not mark the project modified."""
        if layer.style.visible != visible:
            layer.style.visible = bool(visible)
            self.document.layersChanged.emit()

    def move_current(self, steps: int) -> None:
        """Move the current layer up (+1: drawn above) or down (-1)."""
        layer = self.current_layer()
        if layer is not None:
            self.document.push(MoveLayer(layer, steps))
            self.select_layer(layer)

    def remove_current(self) -> None:
        layer = self.current_layer()
        if layer is not None:
            self.document.push(RemoveLayer(layer))

    def pick_color(self, which: str) -> None:
        layer = self.current_layer()
        if layer is None:
            return
        old = QColor(getattr(layer.style, which))
        color = QColorDialog.getColor(old, self, self.tr("Choose the {which} colour of {name}").format(
            which=self.tr("fill") if which == "fill" else self.tr("outline"), name=layer.name))
        if color.isValid() and color != old:
            self.document.push(SetLayerStyle(layer, **{which: color.name()}))

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._refreshing:
            return
        row = self.list.row(item)
        if 0 <= row < len(self._layers):
            self.set_visible(self._layers[row], item.checkState() == Qt.Checked)

    def _on_opacity(self, value: int) -> None:
        layer = self.current_layer()
        self.opacity_label.setText(f"{value} %")
        if layer is not None and abs(layer.style.opacity - value / 100) > 1e-9:
            self.document.push(SetLayerStyle(layer, opacity=value / 100))

    def _on_rows_moved(self, _parent, start, _end, _dest, dest_row) -> None:
        if self._refreshing:
            return
        if dest_row > start:
            dest_row -= 1
        steps = start - dest_row  # list top = drawn on top, so moving up the list raises the layer
        if steps and 0 <= start < len(self._layers):
            layer = self._layers[start]
            # the command rebuilds the list after Qt has finished the drag
            from PySide6.QtCore import QTimer
            QTimer.singleShot(0, lambda: (self.document.push(MoveLayer(layer, steps)), self.select_layer(layer)))
