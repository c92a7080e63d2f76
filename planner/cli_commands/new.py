"""`new`: build a project file from a commune layer, optional premises and phases (imported or one per field value)."""
from __future__ import annotations

from pathlib import Path

from planner.cli_commands._common import SAMPLE_NEW, add_parser, add_quiet, run_with_progress


def register(subparsers) -> None:
    p = add_parser(
        subparsers, "new",
        help="build a project file from communes, premises and phases",
        description="Build a project GeoPackage from a commune layer, an optional premise layer, and phases "
                    "imported from a roll-out phases layer (--phases FILE --phase-field F), made one per value of "
                    "a commune field (--phases-by code_epci) or the sample's demonstration plan (--demo-plan). "
                    "Fields are detected unless given; with several layers in a file, the one plainly meant is "
                    "taken (the Lambert-93 one of twins in several projections), else name it. Prints the phases "
                    "with their units.",
        example=[SAMPLE_NEW])
    p.add_argument("--communes", required=True, metavar="FILE", help="commune polygons (INSEE code field detected)")
    p.add_argument("--communes-layer", metavar="L", help="layer of the commune file (when it has several)")
    p.add_argument("--code-field", metavar="F", help="INSEE code field of the communes (detected when omitted)")
    p.add_argument("--name-field", metavar="F", help="commune name field (detected when omitted)")
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
    group.add_argument("--phases-by-premise", metavar="FIELD",
                       help="one phase per value of this premise field: phases below the commune, e.g. one per PM "
                            "zone (IPE's ReferencePM)")
    group.add_argument("--demo-plan", action="store_true",
                       help="the demonstration rollout of the Gers sample: one phase per code_epci, three waves "
                            "(planner/core/project/demo_plan.py)")
    p.add_argument("--suggest-phases", type=int, metavar="N",
                   help="suggest N contiguous, balanced phases (docs/suggest.md): the communes are cut, or the "
                        "phases made by --phases-by-premise / --phases are grouped")
    p.add_argument("--phases-layer", metavar="L", help="layer of the phases file")
    p.add_argument("--phase-field", metavar="F", help="phase number/name field of --phases (default: PHASE)")
    p.add_argument("--name", help="project name (default: the output file name)")
    p.add_argument("-o", "--output", required=True, metavar="PROJECT.gpkg", help="project file to write")
    add_quiet(p)
    p.set_defaults(func=run)


def operation(args):
    """The NewProject the arguments describe."""
    from planner.core.operations.new_project import NewProject

    commune_units, units = args.commune_units_field, args.units_field
    if not args.premises and units and not commune_units:  # --units-field without premises: the communes'
        commune_units, units = units, None
    return NewProject(
        communes=args.communes, communes_layer=args.communes_layer, code_field=args.code_field,
        name_field=args.name_field, commune_units_field=commune_units, premises=args.premises,
        premises_layer=args.premises_layer, units_field=units, insee_field=args.insee_field, x_field=args.x_field,
        y_field=args.y_field, crs=args.crs, phases=args.phases, phases_layer=args.phases_layer,
        phase_field=args.phase_field, phases_by=args.phases_by, demo_plan=args.demo_plan,
        phases_by_premise=args.phases_by_premise, suggest_phases=args.suggest_phases,
        name=args.name or Path(args.output).stem)


class _PyramidAside:
    """The premise layer's density pyramid (planner/render/map/density_pyramid.py), stored with the premises so
    that opening the file draws at once. Built in a thread, its sorts running while shapely tests the premises
    against the communes (both release the interpreter lock) — unless a child process writes the premise table
    meanwhile (premises_ahead.py): then both cores are busy already, and it is built after the assignment, while
    the child finishes."""

    def __init__(self):
        self._thread = None
        self._later = None

    def start(self, layer, later: bool = False) -> None:
        import threading

        if later:
            self._later = layer
            return
        self._thread = threading.Thread(target=self._build, args=(layer,), name="pyramid", daemon=True)
        self._thread.start()

    @staticmethod
    def _build(layer) -> None:
        from planner.render.map.density_pyramid import remember_pyramid

        try:
            remember_pyramid(layer)
        except MemoryError:  # only a cache: the window builds it when it opens the file
            pass

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()
        if self._later is not None:
            layer, self._later = self._later, None
            self._build(layer)


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
    from planner.core.errors import PlannerError
    from planner.io.project.lock import holder
    from planner.io.project.premises_ahead import PremisesAhead

    other = holder(args.output)
    if other is not None:
        raise PlannerError(f"{args.output}: is open in Rollout Planner ({other.describe()}); close it there "
                           "first or choose another name")
    with PremisesAhead(args.output) as ahead:
        return _run(args, ahead)


def _run(args, ahead) -> int:
    from planner.core.errors import InputError
    from planner.core.phases.assignment import assign
    from planner.io.layers.placement import outside_report
    from planner.io.project.project_file import save_project

    op = operation(args)
    pyramid = _PyramidAside()

    def on_premises(layer) -> None:
        forked = ahead.start(layer)  # a child writes the premise table meanwhile (forked before any thread)
        pyramid.start(layer, later=forked)

    op.on_premises = on_premises
    project = run_with_progress(op, None, args, "reading")
    for line in guess_lines(project):
        print(line)
    assignment = assign(project, previous=getattr(op, "first_assignment", None), first_changed_phase=0)
    op.first_assignment = None
    outside = outside_report(project, assignment)
    if outside is not None and outside.blocking and not args.allow_outside:
        raise InputError(args.premises, outside.message() + " (nothing written; --allow-outside writes it anyway)")
    if outside is not None:
        print(f"warning: {outside.message()}")
    # the listing needs the counts only: the per-premise arrays and the sorted index go before the write
    from planner.core.phases.cell_counts import assignment_from_counts, raw

    assignment = assignment_from_counts(raw(project)) if raw(project) is not None else assignment
    pyramid.join()
    path = save_project(project, args.output, ahead=ahead)
    print(f"Wrote {path}")
    print(format_summary(project, assignment))
    if assignment.total_units == 0:
        print("warning: no units: give --premises, or --units-field / --commune-units-field for the communes")
    return 0
