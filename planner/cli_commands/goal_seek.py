"""`goal-seek PROJECT.gpkg --target 66 --by 2020-12`: fewest crews, latest start or lowest productivity meeting a target."""
from __future__ import annotations

from planner.cli_commands import _as_built


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "goal-seek",
        help="find the fewest crews, latest start, lowest productivity or budget reaching a coverage target by a date",
        description="Goal seek on a project's scenario (docs/simulation.md). Coverage is of the territory, or of "
                    "the communes given with --communes.",
    )
    p.add_argument("project", help="project GeoPackage")
    p.add_argument("--target", type=float, required=True, metavar="PCT", help="coverage target in %% (e.g. 66)")
    p.add_argument("--by", required=True, metavar="YYYY-MM", help="date by which the target must be met")
    p.add_argument("--vary", choices=("crews", "start", "productivity", "budget"), default="crews",
                   help="what to find: fewest crews, latest start, lowest productivity or lowest yearly budget (€)")
    p.add_argument("--scenario", help="scenario name (default: the active scenario)")
    p.add_argument("--communes", metavar="INSEE,...", help="comma-separated INSEE codes: target their coverage")
    p.add_argument("--json", metavar="OUT", help="write the answer as JSON")
    _as_built.add_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from planner.core.decisions.goal_seek import goal_seek
    from planner.cli_commands.simulate import load, naming, resolve_scenario, write_json

    project, assignment = load(args.project)
    communes = [c.strip() for c in args.communes.split(",") if c.strip()] if args.communes else None
    sc = _as_built.apply(project, args, resolve_scenario(project, args.scenario).copy())
    with naming(args.project):
        g = goal_seek(project, args.target, args.by, args.vary, assignment=assignment, scenario=sc,
                      communes=communes)
    print(g.message())
    if g.result is not None:
        from planner.core.simulation.as_built_result import milestone_text

        print("Milestones with the answer: " + " | ".join(milestone_text(g.result, k, "en") for k in g.result.milestones))
    if args.json:
        write_json(args.json, g.to_json_dict())
    return 0 if g.feasible else 1
