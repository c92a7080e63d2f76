"""Error types that carry a message fit to show a planner (no traceback)."""


class PlannerError(Exception):
    """An error whose message is shown to the user as is (dialog in the GUI, one line on stderr in the CLI)."""


class InputError(PlannerError):
    """A file or layer cannot be read or used: the message names the file and what is wrong."""

    def __init__(self, path, what: str):
        self.path = str(path)
        self.what = what
        super().__init__(f"{self.path}: {what}")


class ParameterError(PlannerError):
    """An invalid simulation or phase parameter: the message names the phase and the field."""

    def __init__(self, what: str, phase: str | None = None, field: str | None = None):
        self.phase = phase
        self.field = field
        where = []
        if phase is not None:
            where.append(f"phase '{phase}'")
        if field is not None:
            where.append(f"field '{field}'")
        prefix = (", ".join(where) + ": ") if where else ""
        super().__init__(prefix + what)


class Cancelled(PlannerError):
    """Long work was cancelled by the user."""

    def __init__(self):
        super().__init__("cancelled")
