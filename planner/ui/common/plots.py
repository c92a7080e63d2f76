"""pyqtgraph plots whose helper objects belong to the plot, so a closed window frees them.

pyqtgraph's PlotItem and ViewBox create their context menus (a QMenu, a ViewBoxMenu) and WidgetGroups with no
Qt parent. They then live only through Python reference cycles: they outlived every closed window, and a garbage
collection that happened to run on a worker thread destroyed them there (the freeze of issue 17). `plot_widget`
makes them Qt children of the PlotWidget, so they are deleted with it, on the GUI thread.
"""
from __future__ import annotations

import pyqtgraph as pg


def adopt_plot_helpers(plot: pg.PlotWidget) -> pg.PlotWidget:
    """Make the parentless menus and widget group of `plot`'s PlotItem and ViewBox Qt children of `plot`."""
    item = plot.getPlotItem()
    view_menu = getattr(item.getViewBox(), "menu", None)
    for menu in (getattr(item, "ctrlMenu", None), view_menu):
        if menu is not None and menu.parent() is None:
            menu.setParent(plot, menu.windowFlags())  # keep it a popup
    groups = [getattr(item, "stateGroup", None)] + list(getattr(view_menu, "widgetGroups", []))
    for group in groups:
        if group is not None and group.parent() is None:
            group.setParent(plot)
    return plot


def plot_widget(**kwargs) -> pg.PlotWidget:
    """A pg.PlotWidget (same arguments) that owns its menus and widget group."""
    return adopt_plot_helpers(pg.PlotWidget(**kwargs))
