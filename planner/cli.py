"""Command line: `python main.py SUBCOMMAND ...` over core + io (+ render, imported lazily).

Each subcommand lives in `planner/cli_commands/<name>.py` and exposes `register(subparsers)`, which adds its
parser with `set_defaults(func=run)`; `run(args)` returns an exit status. Errors a user can fix
(PlannerError) print one line on stderr and exit with status 2, without a traceback.
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
    try:
        return int(args.func(args) or 0)
    except PlannerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
