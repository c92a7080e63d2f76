"""Headless core: model, phases, assignment, simulation, commands (no Qt here)."""
