"""What the subcommands share: their parser (help ending with an example on the bundled sample), progress on
stderr, loading a project file, writing JSON. (A module whose name starts with '_' is not a subcommand.)"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from contextlib import contextmanager

from planner.core.errors import InputError, ParameterError

SAMPLE_COMMUNES = "resources/sample/communes_gers_2026.gpkg"
SAMPLE_PREMISES = "resources/sample/premises_gers_synthetic.gpkg"
#: the `new` example: the other examples run on the project it writes
SAMPLE_NEW = (f"python main.py new --communes {SAMPLE_COMMUNES} --premises {SAMPLE_PREMISES} "
              f"--demo-plan -o gers.gpkg")
EXAMPLE_HEADER = "example, on the bundled Gers sample (from the repository's folder):"


class _HelpFormatter(argparse.HelpFormatter):
    """Descriptions wrapped as usual; the closing example kept line for line."""

    def _fill_text(self, text, width, indent):
        if text.startswith(EXAMPLE_HEADER):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def add_parser(subparsers, name: str, help: str, description: str, example: list[str]) -> argparse.ArgumentParser:
    """A subcommand parser whose --help ends with `example` (command lines run from the repository's folder;
    those on a project use gers.gpkg, written by the `new` example)."""
    epilog = EXAMPLE_HEADER + "\n" + "\n".join(f"  {line}" for line in example)
    return subparsers.add_parser(name, help=help, description=description, epilog=epilog,
                                 formatter_class=_HelpFormatter)


def example_commands(parser: argparse.ArgumentParser) -> list[str]:
    """The command lines of a parser's closing example (tests run them)."""
    lines = (parser.epilog or "").splitlines()[1:]
    return [line.strip() for line in lines if line.strip().startswith("python main.py")]


def add_quiet(parser: argparse.ArgumentParser) -> None:
    """--quiet and --progress for a long subcommand (progress shows on a terminal by default, as git's does)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quiet", action="store_true", help="no progress on stderr")
    group.add_argument("--progress", action="store_true",
                       help="progress on stderr even when it is not a terminal (a line per quarter of the work)")


class StderrProgress:
    """progress(fraction, message) for long subcommands, on stderr. On a terminal: one line updated in place and
    erased at the end (so an error stays one line). Elsewhere (logs, pipes): nothing, or with `--progress` a line
    per quarter of the work. `close()` ends it."""

    def __init__(self, title: str, args=None, stream=None):
        self.title = title
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.quiet = bool(getattr(args, "quiet", False))
        self.lines = bool(getattr(args, "progress", False)) and not self.tty
        self.show = not self.quiet and (self.tty or self.lines)
        self._last = 0.0
        self._step = -1
        self._width = 0

    def __call__(self, fraction: float, message: str = "") -> None:
        if not self.show:
            return
        fraction = max(0.0, min(1.0, float(fraction)))
        text = f"{self.title}: {fraction * 100:5.1f} %  {message[:50]}"
        if self.tty:
            now = time.monotonic()
            if now - self._last < 0.1 and fraction < 1.0:
                return
            self._last = now
            self._width = max(self._width, len(text))
            print(f"\r{text:<{self._width}}", end="", file=self.stream, flush=True)
        elif int(fraction * 4) > self._step:
            self._step = int(fraction * 4)
            self.stream.write(text + "\n")  # one write: Ctrl-C never leaves half a line for the next message
            self.stream.flush()

    def close(self) -> None:
        if self._width:
            print(f"\r{' ' * self._width}\r", end="", file=self.stream, flush=True)
            self._width = 0


def run_with_progress(operation, project, args, title: str, **context):
    """`operation.run(project, progress, **context)` with the subcommand's progress on stderr (StderrProgress);
    parameter errors of the project's content name its file (`naming`)."""
    progress = StderrProgress(title, args)
    try:
        with naming(getattr(args, "project", None)):
            return operation.run(project, progress, **context)
    finally:
        progress.close()


@contextmanager
def naming(path: str | None):
    """Parameter errors of a project's content (a dependency cycle, an unknown phase id…) name its file."""
    try:
        yield
    except ParameterError as exc:
        if path is None or (exc.field or "").startswith("--") or exc.field in _FLAG_FIELDS:
            raise  # about a command-line option, not the file
        raise InputError(path, str(exc)) from None


#: fields of ParameterErrors that come from command-line options rather than the project file
_FLAG_FIELDS = {"as_of", "runs", "actuals", "seed", "month", "output", "phase", "target", "by", "vary"}


def load_project(path: str, with_assignment: bool = True, full: bool = False):
    """(project, assignment or None) of a project file; InputError when the file is missing.

    The assignment comes from the (phase, commune) counts stored in the file when they are current, without
    reading its premises (planner/io/project/stored_counts.py); `full=True` reads the premises in any case (a
    project that will be saved, or whose premises are drawn) and assigns them when the counts do not serve."""
    from planner.core.phases.assignment import assign
    from planner.io.project.project_file import load_project as load
    from planner.io.project.stored_counts import load_for_counts

    if not Path(path).exists():
        raise InputError(path, "no such file")
    if with_assignment and not full:
        return load_for_counts(path)
    project = load(path)
    if not with_assignment:
        return project, None
    return project, assign(project)


def write_json(path: str, data: dict) -> None:
    """`data` as UTF-8 JSON through planner/io/writer.py (temporary file, parse check, rename)."""
    from planner.io.writer import write_json as _write_json

    _write_json(path, data)
