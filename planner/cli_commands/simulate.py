"""`simulate PROJECT.gpkg`: run the coverage simulation, print milestones and phase dates, write JSON/CSV."""
from __future__ import annotations

from planner.cli_commands import _as_built
from planner.cli_commands._common import add_parser, add_quiet, load_project, run_with_progress, write_json


def register(subparsers) -> None:
    p = add_parser(
        subparsers, "simulate",
        help="simulate the rollout of a project and print milestones and phase dates",
        description="Run the coverage simulation (docs/simulation.md) on a project file. Flags override the "
                    "scenario for quick what-ifs. --runs N adds P10/P50/P90 bands from the scenario's uncertainty.",
        example=["python main.py simulate gers.gpkg --json gers.json --csv gers_quarters.csv --runs 200"])
    p.add_argument("project", help="project GeoPackage")
    p.add_argument("--scenario", help="scenario name (default: the active scenario)")
    p.add_argument("--json", metavar="OUT.json", help="write the result as JSON")
    p.add_argument("--csv", metavar="OUT.csv", help="write eligible units per commune and quarter (';', UTF-8)")
    p.add_argument("--crews", type=float, metavar="N", help="crews of every phase (and of the pool, if any)")
    p.add_argument("--units-per-crew-month", type=float, metavar="N", help="productivity of every phase")
    p.add_argument("--start", metavar="YYYY-MM", help="start the whole programme at this month")
    p.add_argument("--budget", type=float, metavar="EUR_PER_YEAR",
                   help="limit spending to this many euros per year (every simulated year; unspent money carries over)")
    p.add_argument("--pool", type=float, metavar="N", help="run every phase on one shared pool of N crews (phases "
                   "take crews in order, each at most its own crews): plans compared on equal resources")
    p.add_argument("--runs", type=int, metavar="N", help="uncertainty runs (P10/P50/P90 bands)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed for --runs (default 1)")
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="quarter labels: T1 2019 (fr) or Q1 2019 (en)")
    _as_built.add_arguments(p)
    add_quiet(p)
    p.set_defaults(func=run)


def operation(args):
    from planner.core.operations.simulate import Simulate

    return Simulate(scenario=args.scenario, crews=args.crews, units_per_crew_month=args.units_per_crew_month,
                    start=args.start, budget=args.budget, pool=args.pool, runs=args.runs, seed=args.seed)


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
    """The regulator-style commune x quarter table (';', UTF-8 with BOM, text cells OWASP-guarded), written as
    the CSV export writes it (planner/io/exports/tables.py, through planner/io/writer.py)."""
    from pathlib import Path

    from planner.core.simulation.coverage import commune_quarter_table
    from planner.io.exports.tables import write_csv as write_table

    header, rows = commune_quarter_table(result, project, lang)
    write_table(Path(path), header, rows)


def run(args) -> int:
    project, assignment = load_project(args.project)
    _as_built.apply(project, args)  # actual figures are the project's (read for this run), the as-of the scenario's
    answer = run_with_progress(operation(args), project, args, "simulating", assignment=assignment)
    print("\n".join(summary_lines(answer.result)))
    from planner.core.simulation.spend import summary_lines as cost_lines

    print("\n".join(cost_lines(answer.result)))
    if answer.bands is not None:
        print("\n".join(answer.bands.summary_lines()))
    if args.json and answer.result.as_built is None:  # communes written from the arrays (simulation_json.py)
        from planner.io.exports.simulation_json import write_simulation_json

        write_simulation_json(args.json, answer.to_json_dict(project, communes=False), answer.result, project)
    elif args.json:
        write_json(args.json, answer.to_json_dict(project))
    if args.csv:
        write_csv(args.csv, answer.result, project, args.lang)
    return 0
