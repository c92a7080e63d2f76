"""Phases: assigning premises to communes and phases, the commands that edit phases, building phases from communes or fields, validation and snapping."""
