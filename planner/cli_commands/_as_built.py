"""The as-built options shared by simulate, goal-seek, print and export: `--actuals FILE`, `--as-of YYYY-MM`,
`--from-scratch` (docs/simulation.md, "Starting from what is built")."""
from __future__ import annotations

from planner.core.errors import ParameterError


def add_arguments(parser) -> None:
    g = parser.add_argument_group("as-built start (plan from what is really built)")
    g.add_argument("--actuals", metavar="FILE", nargs="+", help="actual eligible units per commune and quarter "
                   "(the regulator's tables, CSV or .xlsx; dated snapshots; an IPE file); several files make one "
                   "history; default: the figures stored in the project")
    g.add_argument("--as-of", metavar="YYYY-MM", dest="as_of",
                   help="start from what is built at the end of this month (default: the latest actual quarter)")
    g.add_argument("--from-scratch", action="store_true", help="ignore actual figures: plan from nothing")


def apply(project, args, scenario=None):
    """Put the options into `project` (read `--actuals` as its as-built state, for this run only) and into
    `scenario` (default: the project's scenario named by `args.scenario`, changed in place). Returns it."""
    from planner.core.months import parse_month
    from planner.core.simulation.coverage import _scenario

    sc = scenario if scenario is not None else _scenario(project, getattr(args, "scenario", None))
    if getattr(args, "from_scratch", False):
        if args.actuals or args.as_of:
            raise ParameterError("--from-scratch ignores actual figures: drop --actuals and --as-of",
                                 field="--from-scratch")
        sc.use_as_built = False
        return sc
    if args.actuals:
        from planner.core.project.as_built import AsBuilt, snapshot_from_actuals
        from planner.io.actuals.reader import read_actuals, read_actuals_series

        if project.communes is None:
            raise ParameterError(f"{args.actuals[0]}: the project has no commune layer to match the figures to",
                                 field="--actuals")
        if len(args.actuals) == 1:
            actuals = read_actuals(args.actuals[0], project.communes)
        else:
            actuals = read_actuals_series(args.actuals, project.communes)
        project.as_built = AsBuilt([snapshot_from_actuals(actuals, project.communes)])
    if args.as_of:
        try:
            parse_month(args.as_of)
        except ValueError as exc:
            raise ParameterError(str(exc), field="--as-of") from None
        if project.as_built is None or not project.as_built.snapshots:
            raise ParameterError(f"--as-of {args.as_of}: the project holds no actual figures; give them with "
                                 f"--actuals FILE", field="--as-of")
        sc.as_of = args.as_of
        sc.use_as_built = True
    return sc


def summary_lines(result, lang: str = "en") -> list[str]:
    """What the run starts from: the as-of month, the real figure, phase states and the notes."""
    ab = result.as_built
    if ab is None:
        return []
    t = ab.as_of_index
    pct = result.coverage_pct[t]
    states = {s: ab.phase_state.count(s) for s in ("done", "under_way", "not_begun")}
    lines = [f"As of {ab.as_of}: {int(result.eligible[t]):,} eligible units ({pct:.1f} %, actual, from "
             f"{ab.source}); phases done {states['done']}, under way {states['under_way']}, "
             f"not begun {states['not_begun']}"]
    lines += [f"note: {n}" for n in ab.notes]
    return lines
