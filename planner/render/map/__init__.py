"""Drawing the map with QtGui: commune and premise painters, paths, point index, styles, map images for export."""
