"""Rollout Planner entry point: no subcommand opens the GUI; otherwise the command line."""
import sys

from planner.cli import main

if __name__ == "__main__":
    sys.exit(main())
