"""`simulate PROJECT.gpkg`: run the coverage simulation, print milestones and phase dates, write JSON/CSV."""
from __future__ import annotations

import csv
from pathlib import Path

from contextlib import contextmanager

from planner.core.errors import InputError, ParameterError
from planner.cli_commands import _as_built


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "simulate",
        help="simulate the rollout of a project and print milestones and phase dates",
        description="Run the coverage simulation (docs/simulation.md) on a project file. Flags override the "
                    "scenario for quick what-ifs. --runs N adds P10/P50/P90 bands from the scenario's uncertainty.",
    )
    p.add_argument("project", help="project GeoPackage")
    p.add_argument("--scenario", help="scenario name (default: the active scenario)")
    p.add_argument("--json", metavar="OUT.json", help="write the result as JSON")
    p.add_argument("--csv", metavar="OUT.csv", help="write eligible units per commune and quarter (';', UTF-8)")
    p.add_argument("--crews", type=float, metavar="N", help="crews of every phase (and of the pool, if any)")
    p.add_argument("--units-per-crew-month", type=float, metavar="N", help="productivity of every phase")
    p.add_argument("--start", metavar="YYYY-MM", help="start the whole programme at this month")
    p.add_argument("--budget", type=float, metavar="EUR_PER_YEAR",
                   help="limit spending to this many euros per year (every simulated year; unspent money carries over)")
    p.add_argument("--runs", type=int, metavar="N", help="uncertainty runs (P10/P50/P90 bands)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed for --runs (default 1)")
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="quarter labels: T1 2019 (fr) or Q1 2019 (en)")
    _as_built.add_arguments(p)
    p.set_defaults(func=run)


def load(path: str, full: bool = False):
    """Load a project file and its assignment (InputError when the file is missing): the (phase, commune)
    counts stored in the file when they are current, without reading its premises; else a fresh assignment.
    `full=True` reads the premises in any case (a project that will be saved)."""
    from planner.core.phases.assignment import assign
    from planner.core.phases.cell_counts import cached_assignment
    from planner.io.project.project_file import load_project
    from planner.io.project.stored_counts import load_for_counts

    if not Path(path).exists():
        raise InputError(path, "no such file")
    if full:
        project = load_project(path)
        return project, cached_assignment(project) or assign(project)
    return load_for_counts(path)


@contextmanager
def naming(path: str):
    """Parameter errors of a project's content (a dependency cycle, an unknown phase id…) name its file."""
    try:
        yield
    except ParameterError as exc:
        if (exc.field or "").startswith("--") or exc.field in _FLAG_FIELDS:
            raise  # about a command-line option, not the file
        raise InputError(path, str(exc)) from None


#: fields of ParameterErrors that come from command-line options rather than the project file
_FLAG_FIELDS = {"as_of", "runs", "actuals", "seed"}


def resolve_scenario(project, name: str | None):
    from planner.core.simulation.coverage import _scenario

    return _scenario(project, name)


def summary_lines(result) -> list[str]:
    """The text printed for a run: milestones, then one line per phase."""
    from planner.core.simulation.as_built_result import milestone_text

    lines = [
        f"Scenario {result.scenario}: {result.units:,} units ({result.unplanned_units:,} unplanned), "
        f"{result.months[0]} to {result.months[-1]}",
        *_as_built.summary_lines(result),
        "Milestones: " + " | ".join(milestone_text(result, k, "en") for k in result.milestones),
        f"{'phase':<30} {'units':>8}  {'start':<8} {'build':<8} {'end':<8}",
    ]
    states = result.as_built.phase_state if result.as_built is not None else [""] * len(result.phase_names)
    for i, name in enumerate(result.phase_names):
        lines.append(f"{name[:30]:<30} {int(result.phase_units[i]):>8,}  {result.phase_start[i] or '-':<8} "
                     f"{result.phase_build_start[i] or '-':<8} {result.phase_end[i] or '-':<8}"
                     f"{'  ' + states[i].replace('_', ' ') if states[i] else ''}".rstrip())
    return lines


def write_csv(path: str, result, project, lang: str = "fr") -> None:
    """The commune x quarter table as ';' CSV through planner/io/writer.py (text cells OWASP-guarded)."""
    from planner.core.simulation.coverage import commune_quarter_table
    from planner.io.safe_names import csv_text
    from planner.io.writer import write_file

    header, rows = commune_quarter_table(result, project, lang)

    def _write(tmp) -> None:
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerow(header)
            w.writerows([csv_text(v) if isinstance(v, str) else v for v in row] for row in rows)

    write_file(path, _write)


def write_json(path: str, data: dict) -> None:
    """`data` as UTF-8 JSON through planner/io/writer.py (temporary file, parse check, rename)."""
    from planner.io.writer import write_json as _write_json

    _write_json(path, data)


def run(args) -> int:
    from planner.core.simulation.whatif import apply_overrides
    from planner.core.simulation.coverage import inputs_from, run as run_sim, to_json_dict

    project, assignment = load(args.project)
    sc = apply_overrides(resolve_scenario(project, args.scenario), project, crews=args.crews,
                         units_per_crew_month=args.units_per_crew_month, start=args.start, budget=args.budget)
    _as_built.apply(project, args, sc)
    with naming(args.project):
        inp = inputs_from(project, assignment, sc)
        result = run_sim(inp)
    print("\n".join(summary_lines(result)))
    from planner.core.simulation.spend import summary_lines as cost_lines

    print("\n".join(cost_lines(result)))
    fast = args.json and result.as_built is None  # communes written from the arrays (simulation_json.py)
    data = to_json_dict(result, project, communes=not fast)
    if args.runs:
        from planner.core.decisions.uncertainty import run_ensemble

        with naming(args.project):
            bands = run_ensemble(inp, sc.uncertainty, runs=args.runs, seed=args.seed)
        data["territory"].update(bands.json_bands())
        data["uncertainty"] = bands.to_json_dict()
        print("\n".join(bands.summary_lines()))
    if args.json and fast:
        from planner.io.exports.simulation_json import write_simulation_json

        write_simulation_json(args.json, data, result, project)
    elif args.json:
        write_json(args.json, data)
    if args.csv:
        write_csv(args.csv, result, project, args.lang)
    return 0
