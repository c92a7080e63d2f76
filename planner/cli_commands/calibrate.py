"""`calibrate PROJECT.gpkg --actuals FILE`: fit the pace (and start) on actual figures; JSON report, calibrated copy."""
from __future__ import annotations

from planner.cli_commands._common import SAMPLE_COMMUNES, add_parser


def register(subparsers) -> None:
    p = add_parser(
        subparsers, "calibrate",
        help="fit the pace (and start) of a scenario to actual eligible premises per commune and quarter",
        description="Calibration on actuals (docs/simulation.md): least squares of the planned minus actual "
                    "eligible units per quarter, a 90 % profile-likelihood interval on each fitted value, "
                    "diagnostics when the figures cannot decide (exit status 2).",
        example=[f"python main.py calibrate gers.gpkg --actuals {SAMPLE_COMMUNES} --fit-start"])
    p.add_argument("project", help="project GeoPackage")
    p.add_argument("--actuals", required=True, metavar="FILE", nargs="+",
                   help="actual eligible units per commune (the regulator's tables, CSV or .xlsx; dated snapshots; "
                        "an IPE file); several files make one history")
    p.add_argument("--scenario", help="scenario name (default: the active scenario)")
    p.add_argument("--fit-start", action="store_true", help="also fit the start (months earlier or later)")
    p.add_argument("--start-span", type=int, default=24, metavar="MONTHS",
                   help="start shifts tried first, either way (widened when the best lies at an edge; default 24)")
    p.add_argument("--per-phase", action="store_true", help="give each phase with figures its own pace")
    p.add_argument("--holdout", type=int, default=0, metavar="N", help="fit on all but the last N quarters")
    p.add_argument("--communes", metavar="INSEE,...", help="use only these communes' figures")
    p.add_argument("--phases", metavar="NAME|ID,...", help="use only the figures of these phases' communes")
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="quarter labels: T1 2018 (fr) or Q1 2018 (en)")
    p.add_argument("--json", metavar="OUT.json", help="write the calibration as JSON")
    p.add_argument("-o", "--output", metavar="CALIBRATED.gpkg",
                   help="write a copy of the project with the calibrated scenario added and active (and the "
                        "figures as its as-built state when it holds none)")
    p.add_argument("--use-uncertainty", action="store_true",
                   help="with -o: the interval becomes the scenario's productivity distribution")
    p.set_defaults(func=run)


def _split(text: str | None) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()] if text else []


def operation_from_args(args, actuals):
    """The Calibrate operation the arguments describe (the dialog builds the same one)."""
    from planner.core.operations.calibrate import Calibrate

    return Calibrate(actuals=actuals, scenario=args.scenario, fit_start=args.fit_start, per_phase=args.per_phase,
                     holdout=args.holdout, communes=_split(args.communes), phases=_split(args.phases),
                     start_span=args.start_span, lang=args.lang)


def run(args) -> int:
    from planner.cli_commands._common import load_project as load, write_json
    from planner.io.actuals.reader import read_actuals, read_actuals_series

    project, assignment = load(args.project, full=bool(args.output))  # a calibrated copy is saved whole
    if len(args.actuals) == 1:
        actuals = read_actuals(args.actuals[0], project.communes)
    else:
        actuals = read_actuals_series(args.actuals, project.communes)
    op = operation_from_args(args, actuals)
    cal = op.require_answer(op.run(project, assignment=assignment))  # degenerate: exit 2, print no numbers
    print("\n".join(cal.summary_lines()))
    if args.json:
        write_json(args.json, cal.to_json_dict())
    if args.output:
        from planner.io.project.project_file import save_project

        save_project(op.calibrated_copy(project, cal, args.use_uncertainty), args.output)
        print(f"Wrote {args.output} with scenario '{cal.scenario.name}' active"
              + (" and the figures as its as-built state" if project.as_built is None and cal.as_built else ""))
    return 0
