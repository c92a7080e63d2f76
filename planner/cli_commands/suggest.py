"""`suggest PROJECT.gpkg --phases N -o OUT.gpkg`: contiguous, balanced phases ordered to raise coverage early."""
from __future__ import annotations

import sys

from planner.cli_commands._common import add_parser


def register(subparsers) -> None:
    p = add_parser(
        subparsers, "suggest",
        help="suggest a phasing: contiguous, balanced phases ordered to reach coverage targets soonest",
        description="Cut the planned territory (the communes of the current plan, or --communes) into N phases: each "
                    "one piece of neighbouring communes, balanced in build time, ordered densest first. With "
                    "--target and --by, tries phase counts around N on the --pool of crews and keeps the plan "
                    "reaching the target soonest; the current plan is scored on the same pool. -o writes a copy "
                    "of the project with the suggested phases. E.g. --phases 14 --pool 14 --target 66 --by 2021-12 "
                    "compares 12 to 16 phases on a pool of 14 crews.",
        example=["python main.py suggest gers.gpkg --phases 14 -o gers_suggested.gpkg"])
    p.add_argument("project", help="project GeoPackage")
    p.add_argument("--phases", type=int, required=True, metavar="N", help="number of phases")
    p.add_argument("-o", "--output", metavar="OUT.gpkg", help="write a copy of the project with the suggested phases")
    p.add_argument("--pool", type=float, metavar="N", help="score the plans on one shared pool of N crews")
    p.add_argument("--target", type=float, metavar="PCT", help="coverage target in %% (with --by and --pool)")
    p.add_argument("--by", metavar="YYYY-MM", help="month by which the target should be reached")
    p.add_argument("--balance", choices=("time", "units"), default="time",
                   help="balance build time (units × effort, default) or units")
    p.add_argument("--keep-whole", metavar="FIELD", help="keep the communes sharing a value of FIELD together "
                                                         "(e.g. code_epci)")
    p.add_argument("--start", metavar="INSEE", help="the first phase starts from this commune (e.g. the NRO's)")
    p.add_argument("--min-units", type=int, metavar="N", help="smallest phase, in units")
    p.add_argument("--max-units", type=int, metavar="N", help="largest phase, in units")
    p.add_argument("--communes", metavar="INSEE,...", help="cut only these communes")
    p.add_argument("--group", choices=("communes", "phases"), default="communes",
                   help="cut the communes (default), or group the current phases, e.g. PM zones, into N phases")
    p.add_argument("--crews", type=float, default=2.0, metavar="N", help="crews of each phase (default 2)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0): same seed, same plan")
    p.add_argument("--scenario", help="scenario name (default: the active scenario)")
    p.add_argument("--force", action="store_true", help="overwrite OUT.gpkg")
    p.set_defaults(func=run)


def operation_from_args(args):
    from planner.core.operations.suggest import SuggestPhases

    communes = [c.strip() for c in args.communes.split(",") if c.strip()] if args.communes else None
    return SuggestPhases(n_phases=args.phases, communes=communes, balance=args.balance, keep_field=args.keep_whole,
                         start=args.start, min_units=args.min_units, max_units=args.max_units, seed=args.seed,
                         crews=args.crews, pool=args.pool, target_pct=args.target, by=args.by,
                         scenario=args.scenario, group=args.group)


def run(args) -> int:
    from pathlib import Path

    from planner.core.errors import PlannerError
    from planner.core.operations.suggest import suggested_copy
    from planner.io.project.project_file import load_project, save_project

    op = operation_from_args(args)
    if args.output and Path(args.output).exists() and not args.force:
        raise PlannerError(f"{args.output}: already exists; use --force to overwrite")
    project = load_project(args.project)
    result = op.run(project, progress=_progress)
    print("\n".join(result.lines()))
    if args.output:
        save_project(suggested_copy(project, result, args.pool), args.output)
        print(f"wrote {args.output}")
    if args.by and result.score is not None and not (result.score.target_month and result.score.target_month <= args.by):
        return 1
    return 0


def _progress(fraction: float, message: str = "") -> None:
    print(f"\r[{fraction * 100:5.1f} %] {message[:60]:<60}", end="", file=sys.stderr, flush=True)
    if fraction >= 1.0:
        print(file=sys.stderr)
