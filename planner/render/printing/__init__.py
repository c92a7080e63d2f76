"""Printed pages with QtGui: the commune page, the atlas overview, and the page elements (legend, scale bar, north arrow, locator, curve)."""
