"""`print PROJECT.gpkg (--commune CODE... | --phase NAME | --all) -o OUT.pdf`: commune pages / the atlas as a PDF."""
from __future__ import annotations

import sys
import time

from planner.core.errors import ParameterError, PlannerError
from planner.cli_commands import _as_built


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "print",
        help="print commune pages (one per commune, INSEE order) or the whole atlas to a PDF",
        description="Print one A4/A3 page per commune, in INSEE order: the commune highlighted on its map, premises "
                    "by phase or by state at a month, legend, scale bar, locator, key figures and coverage curve. "
                    "--all adds a first page with the territory overview and curve.",
    )
    p.add_argument("project", help="project GeoPackage")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--commune", nargs="+", metavar="CODE", help="INSEE code(s) of the communes to print")
    which.add_argument("--phase", metavar="NAME", help="every commune with premises in this phase")
    which.add_argument("--all", action="store_true", help="every commune, after an overview page")
    p.add_argument("--month", metavar="YYYY-MM", help="show the state of premises at the end of this month")
    p.add_argument("--colour-by", choices=("phase", "state"), help="premise colours (default: state with --month, "
                   "else phase)")
    p.add_argument("--paper", default="A4", type=str.upper, choices=("A4", "A3"), help="paper size (default A4)")
    p.add_argument("--landscape", action="store_true", help="landscape pages")
    p.add_argument("--scenario", metavar="NAME", help="scenario to simulate (default: the active one)")
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="page language (default fr)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF to write")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    _as_built.add_arguments(p)
    p.set_defaults(func=run)


def phase_codes(project, assignment, name: str) -> list[str]:
    """INSEE codes of the communes holding units of phase `name`."""
    names = [ph.name for ph in project.phases]
    if name not in names:
        raise ParameterError(f"no phase named {name!r} (have: {', '.join(names) or 'none'})", field="phase")
    i = names.index(name)
    rows = assignment.cell_commune[(assignment.cell_phase == i) & (assignment.cell_commune >= 0)]
    if assignment.commune_level:
        rows = (assignment.commune_phase == i).nonzero()[0]
    if len(rows) == 0:
        raise PlannerError(f"phase {name!r} holds no commune to print")
    return [str(c) for c in project.communes.codes[rows]]


def run(args) -> int:
    from planner.core.phases.assignment import assign
    from planner.core.months import parse_month
    from planner.core.simulation.coverage import simulate
    from planner.io.project.project_file import load_project

    if args.month:
        try:
            parse_month(args.month)
        except ValueError as exc:
            raise ParameterError(str(exc), field="month") from None
    if not args.output.lower().endswith(".pdf"):
        raise ParameterError(f"{args.output}: the output is a PDF (.pdf)", field="output")
    t0 = time.perf_counter()
    project = load_project(args.project)
    if project.communes is None:
        raise PlannerError(f"{args.project}: the project has no commune layer")
    assignment = assign(project)
    sc = _as_built.apply(project, args)
    from planner.cli_commands.simulate import naming

    with naming(args.project):
        result = simulate(project, assignment, scenario=sc) if project.phases else None
    if args.month and result is not None and parse_month(args.month) > parse_month(result.months[-1]):
        raise ParameterError(f"{args.month} is after the simulated months ({result.months[0]}..{result.months[-1]})",
                             field="month")
    codes = None if args.all else (args.commune if args.commune else phase_codes(project, assignment, args.phase))
    from planner.render.printing.atlas import write_atlas
    from planner.render.printing.commune_page import PageOptions

    colour_by = args.colour_by or ("state" if args.month and result is not None else "phase")
    options = PageOptions(paper=args.paper, landscape=args.landscape, colour_by=colour_by, month=args.month,
                          lang=args.lang, scenario_name=result.scenario if result is not None else None)

    def progress(fraction: float, message: str = "") -> None:
        if not args.quiet:
            print(f"\r{fraction * 100:5.1f} %  {message[:50]:<50}", end="", file=sys.stderr, flush=True)

    try:
        report = write_atlas(project, args.output, codes=codes, options=options, assignment=assignment,
                             result=result, overview=bool(args.all), progress=progress)
    finally:  # end the progress line, also before an error or Ctrl-C's one line
        if not args.quiet:
            print(file=sys.stderr)
    print(f"wrote {report.path}: {report.pages} page(s) in {time.perf_counter() - t0:.1f} s")
    return 0
