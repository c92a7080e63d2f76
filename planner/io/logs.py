"""Where the details of failures go: the log file (library messages, SQL, tracebacks never shown to the planner).

`setup_logging()` (called by the command line and the window at start) sends the 'planner' loggers to
`rollout-planner.log` in the user's data folder (rotated at 1 MB, three files kept), or to the file named by
$ROLLOUT_PLANNER_LOG ('-' for stderr, 'none' for nowhere). Without it the loggers are silent (a NullHandler):
a library message is never printed beside the one-line error.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

ENV_VAR = "ROLLOUT_PLANNER_LOG"
_root = logging.getLogger("planner")
_root.addHandler(logging.NullHandler())
_root.propagate = False  # never Python's last-resort handler on stderr


class _Quiet:
    """A log that cannot be written (full disk, size limit) is skipped silently: it never adds lines to stderr."""

    def handleError(self, record) -> None:  # noqa: N802 - logging's name
        pass


class _QuietFile(_Quiet, logging.handlers.RotatingFileHandler):
    pass


class _QuietStream(_Quiet, logging.StreamHandler):
    pass


def log_path() -> Path | None:
    """The log file in use (None: stderr or nowhere)."""
    env = os.environ.get(ENV_VAR)
    if env in ("-", "none"):
        return None
    if env:
        return Path(env)
    from planner.io.project.autosave import default_data_dir

    return default_data_dir() / "rollout-planner.log"


def setup_logging() -> None:
    """Attach the log file once (a read-only home only loses the log, never the run)."""
    if any(getattr(h, "_planner", False) for h in _root.handlers):
        return
    env = os.environ.get(ENV_VAR)
    if env == "none":
        return
    try:
        if env == "-":
            handler = _QuietStream(sys.stderr)
        else:
            path = log_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = _QuietFile(path, maxBytes=1 << 20, backupCount=3, encoding="utf-8")
    except OSError:
        return
    handler._planner = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s: %(message)s"))
    _root.addHandler(handler)
    _root.setLevel(logging.INFO)
