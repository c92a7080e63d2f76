"""Headless input/output: layer readers, project file, exports (no Qt here)."""
