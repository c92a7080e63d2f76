"""The project a planner edits: the model (layers, phases, scenarios), the session with its one undo stack, and the commands every edit goes through."""
