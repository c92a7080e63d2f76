"""Simulation views: coverage curves, time slider and legend, Gantt chart, commune × quarter table, scenarios panel, the simulation runner."""
