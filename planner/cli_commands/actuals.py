"""`actuals PROJECT.gpkg --add FILE | --premises-state F | --premises-date F | --remove N | --list`: the actual
figures the project keeps (its as-built state, docs/simulation.md §0)."""
from __future__ import annotations

from planner.cli_commands._common import SAMPLE_COMMUNES, add_parser


def register(subparsers) -> None:
    p = add_parser(
        subparsers, "actuals",
        help="store actual figures in a project (what is really built), list or remove them",
        description="Keep actual figures in the project file, so that simulate, goal-seek, print and export "
                    "start from what is built: --add a regulator's table (eligible units per commune and quarter, "
                    "CSV or .xlsx), or mark built premises from a field of the premise layer. Several snapshots "
                    "make a history (the sample's commune layer carries the regulator's figures of 2017–2018).",
        example=[f"python main.py actuals gers.gpkg --add {SAMPLE_COMMUNES}"])
    p.add_argument("project", help="project GeoPackage (rewritten in place)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--add", metavar="FILE", help="add a table of eligible units per commune and quarter")
    what.add_argument("--premises-state", metavar="FIELD", help="premises whose FIELD says deployed are built "
                      "(IPE EtatImmeuble 'deploye', GraceTHD ad_ietat 'DE'); dated by --premises-date or --month")
    what.add_argument("--premises-date", metavar="FIELD", help="premises with a date in FIELD are built then")
    what.add_argument("--ipe", action="store_true", help="the premise layer is an IPE file: buildings whose "
                      "EtatImmeuble says deployed are built, at DateMiseEnServiceCommercialeImmeuble or --month "
                      "(default: the date in the file name)")
    what.add_argument("--remove", type=int, metavar="N", help="remove snapshot number N (see --list)")
    what.add_argument("--clear", action="store_true", help="remove every snapshot")
    p.add_argument("--month", metavar="YYYY-MM", help="the snapshot's month, for --premises-state without a date")
    p.add_argument("--list", action="store_true", help="list the snapshots (the default)")
    p.set_defaults(func=run)


def _premise_snapshot(project, args):
    from planner.core.errors import ParameterError
    from planner.core.project.as_built import PremiseSnapshot, parse_month_arg, premise_built_months

    if project.premises is None:
        raise ParameterError(f"{args.project}: the project has no premise layer", field="--premises-state")
    state = args.premises_state
    date = args.premises_date
    month = parse_month_arg(args.month, "--month") if args.month else None
    if args.ipe:
        from planner.io.actuals.snapshots import month_from_name
        from planner.io.layers.ipe import COMMISSIONING_COLUMN, STATE_COLUMN

        fields = {f.lower(): f for f in project.premises.layer.fields}
        state = fields.get(STATE_COLUMN.lower())
        if state is None:
            raise ParameterError(f"{args.project}: the premise layer has no {STATE_COLUMN} field (not an IPE)",
                                 field="--ipe")
        date = fields.get(COMMISSIONING_COLUMN.lower())
        if month is None:
            month = month_from_name(project.premises.layer.source or "")
    if state and month is None and not date:
        raise ParameterError("--premises-state needs the snapshot's --month (the file's date)", field="--month")
    snap = PremiseSnapshot(source=f"{args.project} (premise layer)", state_field=state, date_field=date, month=month)
    built = premise_built_months(project.premises, snap)  # checks the fields now, not at the next simulation
    print(f"{int((built >= 0).sum()):,} of {len(built):,} premises built")
    return snap


def run(args) -> int:
    from planner.core.errors import ParameterError
    from planner.core.project.as_built import AsBuilt, SetAsBuilt, snapshot_from_actuals, with_snapshot
    from planner.core.project.session import Session
    from planner.io.project.project_file import load_project, save_project

    project = load_project(args.project)
    session = Session(project)
    current = project.as_built
    if args.add:
        from planner.io.actuals.reader import read_actuals

        actuals = read_actuals(args.add, project.communes)
        snap = snapshot_from_actuals(actuals, project.communes)
        if actuals.unmatched:
            print(f"note: {args.add}: {len(actuals.unmatched)} code(s) match no commune: "
                  f"{', '.join(actuals.unmatched[:10])}")
        session.push(SetAsBuilt(with_snapshot(current, snap), f"Add actual figures {args.add}"))
    elif args.premises_state or args.premises_date or args.ipe:
        session.push(SetAsBuilt(with_snapshot(current, _premise_snapshot(project, args)), "Mark built premises"))
    elif args.remove is not None:
        snaps = list(current.snapshots) if current is not None else []
        if not 1 <= args.remove <= len(snaps):
            raise ParameterError(f"no snapshot number {args.remove} (the project has {len(snaps)})", field="--remove")
        snaps.pop(args.remove - 1)
        session.push(SetAsBuilt(AsBuilt(snaps) if snaps else None, "Remove actual figures"))
    elif args.clear:
        session.push(SetAsBuilt(None, "Clear actual figures"))
    if session.can_undo():
        save_project(project, args.project)
    lines = project.as_built.describe() if project.as_built is not None else []
    print("\n".join(f"{i + 1}. {line}" for i, line in enumerate(lines)) or "no actual figures")
    return 0
