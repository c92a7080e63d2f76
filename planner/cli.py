"""Command line: `python main.py SUBCOMMAND ...` over core + io (+ render, imported lazily).

Each subcommand lives in `planner/cli_commands/<name>.py` and exposes `register(subparsers)`, which adds its
parser with `set_defaults(func=run)`; `run(args)` returns an exit status. Errors a user can fix
(PlannerError, among them the writer's WriteError naming the file and the cause) print one line on stderr and
exit with status 2, without a traceback. A closed pipe (`info p.gpkg | head -1`) ends quietly (status 141);
Ctrl-C prints one line and exits 130, after the writer removed what it was writing.
"""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from planner import __version__
from planner.core.errors import PlannerError


def _subcommand_modules():
    from planner import cli_commands

    for info in sorted(pkgutil.iter_modules(cli_commands.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"{cli_commands.__name__}.{info.name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rollout-planner",
        description="Rollout Planner: plan fibre-to-the-home rollouts. Without a subcommand, opens the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"rollout-planner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for module in _subcommand_modules():
        module.register(sub)
    return parser


def _looks_like_a_file(arg: str) -> bool:
    """A path to open in the GUI, rather than a mistyped subcommand ('simulat' gets argparse's error)."""
    return os.path.exists(arg) or os.sep in arg or "/" in arg or "." in os.path.basename(arg)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known = set(parser._subparsers._group_actions[0].choices) if parser._subparsers else set()
    if not argv or (argv[0] not in known and not argv[0].startswith("-") and _looks_like_a_file(argv[0])):
        # no subcommand: the GUI, on the sample or on the files given
        from planner.ui.shell.app import run_gui

        return run_gui(argv)
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 2
    import planner.io.ports  # noqa: F401  (plug file reading/writing and drawing into the operations)
    import planner.render.ports  # noqa: F401
    from planner.io.logs import setup_logging

    setup_logging()
    try:
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's final flush
        return status
    except PlannerError as exc:
        _say(f"error: {exc}")
        return 2
    except BrokenPipeError:
        return _closed_pipe()
    except KeyboardInterrupt:
        _say("interrupted: nothing was left half-written (files being written were removed, earlier ones kept)")
        return 130
    except OSError as exc:  # not through the writer: reading, or the terminal
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"error: {where}{(exc.strerror or str(exc)).lower()}")
        return 2


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr)
    except (BrokenPipeError, OSError):
        pass


def _closed_pipe() -> int:
    """The reader of our output went away (`info p.gpkg | head -1`): stop quietly, like a C tool on SIGPIPE.

    stdout is pointed at /dev/null so that the interpreter's final flush does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141

if __name__ == "__main__":
    sys.exit(main())
