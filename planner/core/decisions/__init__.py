"""Decisions on top of the simulation: goal seek, scenario comparison, uncertainty, plan versus actual, calibration."""
