"""`goal-seek PROJECT.gpkg --target 66 --by 2020-12`: fewest crews, latest start or lowest productivity meeting a target."""
from __future__ import annotations

from planner.cli_commands import _as_built
from planner.cli_commands._common import add_parser, add_quiet, load_project, run_with_progress, write_json


def register(subparsers) -> None:
    p = add_parser(
        subparsers, "goal-seek",
        help="find the fewest crews, latest start, lowest productivity or budget reaching a coverage target by a date",
        description="Goal seek on a project's scenario (docs/simulation.md). Coverage is of the territory, or of "
                    "the communes given with --communes; crews or productivity change in the phases given with "
                    "--phases (default: every phase). A crews answer also gives the total crews it means.",
        example=["python main.py goal-seek gers.gpkg --target 66 --by 2020-12 --vary crews --json crews.json"])
    p.add_argument("project", help="project GeoPackage")
    p.add_argument("--target", type=float, required=True, metavar="PCT", help="coverage target in %% (e.g. 66)")
    p.add_argument("--by", required=True, metavar="YYYY-MM", help="date by which the target must be met")
    p.add_argument("--vary", choices=("crews", "start", "productivity", "budget"), default="crews",
                   help="what to find: fewest crews, latest start, lowest productivity or lowest yearly budget (€)")
    p.add_argument("--scenario", help="scenario name (default: the active scenario)")
    p.add_argument("--communes", metavar="INSEE,...", help="comma-separated INSEE codes: target their coverage")
    p.add_argument("--phases", metavar="NAME,...",
                   help="comma-separated phase names whose crews or productivity may change (default: all)")
    p.add_argument("--json", metavar="OUT", help="write the answer as JSON")
    _as_built.add_arguments(p)
    add_quiet(p)
    p.set_defaults(func=run)


def _list(text: str | None) -> list[str] | None:
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


def operation(args):
    from planner.core.operations.goal_seek import GoalSeek

    return GoalSeek(target_pct=args.target, by=args.by, vary=args.vary, scenario=args.scenario,
                    communes=_list(args.communes), phases=_list(args.phases))


def run(args) -> int:
    from planner.core.simulation.as_built_result import milestone_text

    project, assignment = load_project(args.project)
    _as_built.apply(project, args)  # actual figures are the project's (read for this run), the as-of the scenario's
    g = run_with_progress(operation(args), project, args, "goal seek", assignment=assignment)
    print(g.message())
    if g.crews_line():
        print(g.crews_line())
    if g.result is not None:
        print("Milestones with the answer: " + " | ".join(milestone_text(g.result, k, "en") for k in g.result.milestones))
    if args.json:
        write_json(args.json, g.to_json_dict())
    return 0 if g.feasible else 1
