"""`new`: build a project file from a commune layer, optional premises and phases (imported or one per field value)."""
from __future__ import annotations

from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "new",
        help="build a project file from communes, premises and phases",
        description="Build a project GeoPackage from a commune layer, an optional premise layer, and phases "
                    "imported from a roll-out phases layer (--phases FILE --phase-field F) or made one per "
                    "value of a commune field (--phases-by code_epci). Prints the phases with their units.",
    )
    p.add_argument("--communes", required=True, metavar="FILE", help="commune polygons (INSEE code field detected)")
    p.add_argument("--communes-layer", metavar="L", help="layer of the commune file (GeoPackage with several)")
    p.add_argument("--commune-units-field", metavar="F",
                   help="commune field giving units when there is no premise layer (e.g. locaux_insee_2018)")
    p.add_argument("--premises", metavar="FILE", help="premise points (GeoPackage, Shapefile, CSV, ...)")
    p.add_argument("--premises-layer", metavar="L", help="layer of the premise file")
    p.add_argument("--units-field", metavar="F",
                   help="units per premise ('a' or 'a+b'); without --premises, the commune units field")
    p.add_argument("--insee-field", metavar="F", help="INSEE code field of the premises (default: detected)")
    p.add_argument("--x-field", metavar="F", help="X / longitude column of a CSV premise file (default: detected)")
    p.add_argument("--y-field", metavar="F", help="Y / latitude column of a CSV premise file (default: detected)")
    p.add_argument("--crs", metavar="CRS",
                   help="coordinate system of the premise coordinates, e.g. EPSG:2154 (default: the file's, or "
                        "guessed)")
    p.add_argument("--allow-outside", action="store_true",
                   help="write the project even when many premises fall outside every commune")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--phases", metavar="FILE", help="roll-out phases polygons (one phase per value of a field)")
    group.add_argument("--phases-by", metavar="FIELD", help="one phase per value of this commune field (e.g. code_epci)")
    group.add_argument("--demo-plan", action="store_true",
                       help="the demonstration rollout of the Gers sample: one phase per code_epci, three waves "
                            "(planner/core/project/demo_plan.py)")
    p.add_argument("--phases-layer", metavar="L", help="layer of the phases file")
    p.add_argument("--phase-field", metavar="F", help="phase number/name field of --phases (default: PHASE)")
    p.add_argument("--name", help="project name (default: the output file name)")
    p.add_argument("-o", "--output", required=True, metavar="PROJECT.gpkg", help="project file to write")
    p.set_defaults(func=run)


def _phase_field(layer, wanted: str | None, path: str) -> str:
    from planner.core.errors import InputError

    if wanted:
        return wanted
    for name in layer.fields:
        if name.lower() in ("phase", "phase_num", "num_phase", "phase_name", "nom_phase"):
            return name
    raise InputError(path, f"no phase field found; choose one with --phase-field (fields: {', '.join(layer.fields)})")


def build_project(args, progress=None):
    """The project described by the `new` arguments (not saved)."""
    from planner.core.project.model import Project
    from planner.core.phases.phase_builders import import_phase_zones_command, phases_per_field
    from planner.io.layers.readers import load_communes, load_premises, read_layer

    commune_units = args.commune_units_field or (None if args.premises else args.units_field)
    communes = load_communes(args.communes, layer=args.communes_layer, units_field=commune_units)
    premises = None
    if args.premises:
        chosen = {k: getattr(args, k, None) for k in ("insee_field", "x_field", "y_field", "crs")}
        premises = load_premises(args.premises, layer=args.premises_layer, units_field=args.units_field, **chosen)
    if premises is not None:  # stored sorted by x: the map and the assignment then need no second copy
        from planner.core.phases.assignment import sort_points_by_x

        sort_points_by_x(premises.layer)
    project = Project(name=args.name or Path(args.output).stem, communes=communes, premises=premises)
    if args.phases:
        layer = read_layer(args.phases, args.phases_layer)
        import_phase_zones_command(project, layer, _phase_field(layer, args.phase_field, args.phases)).do(project)
    elif args.phases_by:
        from planner.core.phases.assignment import assign

        # one pass of the premises over the communes, reused by the phase assignment that follows (`run`)
        project.__dict__["_new_assignment"] = first = assign(project) if premises is not None else None
        phases_per_field(project, args.phases_by, assignment=first).do(project)
    elif getattr(args, "demo_plan", False):
        from planner.core.project.demo_plan import add_demo_plan

        add_demo_plan(project)
    elif args.phase_field:
        from planner.core.errors import ParameterError
        raise ParameterError("--phase-field needs --phases FILE", None, "phase-field")
    return project


def format_summary(project, assignment) -> str:
    """The phase listing printed after `new` (and usable by `info`)."""
    from planner.core.phases.assignment import phase_summary

    unit_source = "premises" if not assignment.commune_level else "commune units field"
    lines = [f"{len(project.communes)} communes, {assignment.total_units:,} units ({unit_source}), "
             f"{len(project.phases)} phases"]
    for row in phase_summary(project, assignment):
        communes = "" if row["communes"] is None else f"{row['communes']:>5} communes"
        lines.append(f"  {row['name'][:40]:<40} {row['units']:>10,} units {row['percent']:6.1f} %  {communes}")
    return "\n".join(lines)


def guess_lines(project) -> list[str]:
    """What the readers guessed and warned about (coordinate columns, CRS, units and INSEE fields), one a line."""
    lines = []
    for role, holder in (("communes", project.communes), ("premises", project.premises)):
        if holder is None:
            continue
        lines += [f"guessed ({role}): {g}" for g in holder.layer.guessed]
        lines += [f"note ({role}): {w}" for w in holder.layer.warnings]
    return lines


def run(args) -> int:
    from planner.core.errors import InputError
    from planner.core.phases.assignment import assign
    from planner.io.layers.placement import outside_report
    from planner.io.project.project_file import save_project

    from planner.core.errors import PlannerError
    from planner.io.project.lock import holder

    other = holder(args.output)
    if other is not None:
        raise PlannerError(f"{args.output}: is open in Rollout Planner ({other.describe()}); close it there "
                           "first or choose another name")
    project = build_project(args)
    for line in guess_lines(project):
        print(line)
    assignment = assign(project, previous=project.__dict__.pop("_new_assignment", None), first_changed_phase=0)
    outside = outside_report(project, assignment)
    if outside is not None and outside.blocking and not args.allow_outside:
        raise InputError(args.premises, outside.message() + " (nothing written; --allow-outside writes it anyway)")
    if outside is not None:
        print(f"warning: {outside.message()}")
    # the listing needs the counts only: the per-premise arrays and the sorted index go before the write
    from planner.core.phases.cell_counts import assignment_from_counts, raw

    assignment = assignment_from_counts(raw(project)) if raw(project) is not None else assignment
    path = save_project(project, args.output)
    print(f"Wrote {path}")
    print(format_summary(project, assignment))
    if assignment.total_units == 0:
        print("warning: no units: give --premises, or --units-field / --commune-units-field for the communes")
    return 0
