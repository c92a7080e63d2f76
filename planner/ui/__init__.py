"""Qt widgets: main window, map canvas, tools, panels, dialogs, workers."""
