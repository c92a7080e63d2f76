"""Rollout Planner: desktop GIS for planning fibre-to-the-home rollouts."""
__version__ = "0.1.0"
