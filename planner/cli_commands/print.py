"""`print PROJECT.gpkg (--commune CODE... | --phase NAME | --all | --name-contains T ...) -o OUT.pdf`: pages as a PDF."""
from __future__ import annotations

import time

from planner.cli_commands import _as_built
from planner.cli_commands._common import add_parser, add_quiet, load_project, run_with_progress


def register(subparsers) -> None:
    p = add_parser(
        subparsers, "print",
        help="print commune pages (one per commune, INSEE order) or the whole atlas to a PDF",
        description="Print one A4/A3 page per commune, in INSEE order: the commune highlighted on its map, premises "
                    "by phase or by state at a month, legend, scale bar, locator, key figures and coverage curve. "
                    "Choose the communes by code, by phase, all of them, or by a filter (--name-contains, "
                    "--insee-prefix, --min-units: every criterion given must match). --all adds a first page with "
                    "the territory overview and curve (--overview adds it to any selection).",
        example=["python main.py print gers.gpkg --commune 32013 32107 --month 2020-06 -o auch_condom.pdf",
                 "python main.py print gers.gpkg --name-contains lectoure --lang en -o lectoure.pdf"])
    p.add_argument("project", help="project GeoPackage")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--commune", nargs="+", metavar="CODE", help="INSEE code(s) of the communes to print")
    which.add_argument("--phase", metavar="NAME", help="every commune with premises in this phase")
    which.add_argument("--all", action="store_true", help="every commune, after an overview page")
    p.add_argument("--name-contains", metavar="TEXT", default="", help="communes whose name contains TEXT "
                   "(case and accents ignored)")
    p.add_argument("--insee-prefix", metavar="P", default="", help="communes whose INSEE code starts with P")
    p.add_argument("--min-units", type=int, metavar="N", default=0, help="communes with at least N units")
    p.add_argument("--overview", action="store_true", help="start with the territory overview page")
    p.add_argument("--month", metavar="YYYY-MM", help="show the state of premises at the end of this month")
    p.add_argument("--colour-by", choices=("phase", "state"), help="premise colours (default: state with --month, "
                   "else phase)")
    p.add_argument("--paper", default="A4", type=str.upper, choices=("A4", "A3"), help="paper size (default A4)")
    p.add_argument("--landscape", action="store_true", help="landscape pages")
    p.add_argument("--scenario", metavar="NAME", help="scenario to simulate (default: the active one)")
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="page language (default fr)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF to write")
    _as_built.add_arguments(p)
    add_quiet(p)
    p.set_defaults(func=run)


def selection(args):
    """The CommuneSelection the arguments describe (ParameterError when they describe none)."""
    from planner.core.errors import ParameterError
    from planner.core.printing.selection import CommuneSelection

    filtered = bool(args.name_contains or args.insee_prefix or args.min_units)
    if filtered and (args.commune or args.phase or args.all):
        raise ParameterError("--name-contains, --insee-prefix and --min-units filter all communes: give them "
                             "without --commune, --phase or --all", field="filter")
    if args.commune:
        return CommuneSelection("codes", codes=[str(c) for c in args.commune])
    if args.phase:
        return CommuneSelection("phase", phase=args.phase)
    if filtered:
        return CommuneSelection("filter", name_contains=args.name_contains, insee_prefix=args.insee_prefix,
                                min_units=args.min_units)
    if args.all:
        return CommuneSelection("all")
    raise ParameterError("choose the communes: --commune, --phase, --all or a filter (--name-contains, "
                         "--insee-prefix, --min-units)", field="communes")


def operation(args):
    from planner.core.operations.print import PrintAtlas
    from planner.core.printing.options import PageOptions

    colour_by = args.colour_by or ("state" if args.month else "phase")
    page = PageOptions(paper=args.paper, landscape=args.landscape, colour_by=colour_by, month=args.month,
                       lang=args.lang, scenario_name=args.scenario)
    return PrintAtlas(output=args.output, selection=selection(args), overview=bool(args.all or args.overview),
                      page=page)


def run(args) -> int:
    t0 = time.perf_counter()
    op = operation(args)
    project, assignment = load_project(args.project, full=True)  # pages draw every premise
    _as_built.apply(project, args)  # actual figures are the project's (read for this run), the as-of the scenario's
    if not project.phases and op.page.colour_by == "state":
        op.page.colour_by = "phase"  # nothing to simulate: premises by phase (all unplanned)
    report = run_with_progress(op, project, args, "printing", assignment=assignment)
    print(f"wrote {report.path}: {report.pages} page(s) in {time.perf_counter() - t0:.1f} s")
    return 0
