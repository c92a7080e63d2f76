"""`export PROJECT.gpkg --format F -o OUT [--force] [--scenario NAME] [--layer NAME]`: export the phase plan."""
from __future__ import annotations

from planner.cli_commands import _as_built
from planner.cli_commands._common import add_parser, add_quiet, load_project, run_with_progress


def register(subparsers) -> None:
    from planner.core.operations.export import FORMATS

    p = add_parser(
        subparsers, "export",
        help="export the phase plan (gpkg, geojson, shp, csv, xlsx), the map (png, svg, pdf), or publish it "
             "(web map, per-address forecast, QGIS project)",
        description="Export a project's phase plan, simulated with a scenario: gpkg (layers with QGIS styles), "
                    "geojson (RFC 7946), shp (10-character field names, see docs/exports.md), csv (';', UTF-8), "
                    "xlsx, or the map as png/svg/pdf. geojson/shp/csv write one file per layer beside OUT, named "
                    "after it (-o plan.geojson: plan_phases.geojson, plan_communes.geojson, ...), or into OUT when "
                    "it is a folder, or the layer chosen with --layer into the file OUT. Publishing: web (a folder "
                    "with index.html that opens from disk, no server), addresses (per-address forecast, .csv or "
                    ".gpkg), qgis (a .qgz project beside the plan .gpkg, with a time slider). Nothing is overwritten "
                    "without --force.",
        example=["python main.py export gers.gpkg --format geojson -o plan.geojson",
                 "python main.py export gers.gpkg --format xlsx -o plan.xlsx --lang en"])
    p.add_argument("project", help="project file (.gpkg)")
    p.add_argument("--format", "-f", required=True, choices=FORMATS, help="export format")
    p.add_argument("-o", "--output", required=True, help="output file or folder")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.add_argument("--scenario", default=None, help="scenario name (default: the project's active scenario)")
    p.add_argument("--layer", default=None,
                   help="one layer only: phases, communes or premises (csv: communes or phases)")
    p.add_argument("--size", default="1600x1200", help="map size in pixels for png/svg/pdf (default 1600x1200)")
    p.add_argument("--lang", choices=("fr", "en"), default=None,
                   help="quarter labels, T1 2019 (fr, the regulator's) or Q1 2019 (en), and the web map's language "
                        "(default: the project's, else fr)")
    _as_built.add_arguments(p)
    add_quiet(p)
    p.set_defaults(func=run)


def operation(args):
    from planner.cli_commands.render import parse_size
    from planner.core.operations.export import Export

    return Export(fmt=args.format, output=args.output, scenario=args.scenario, layer=args.layer, force=args.force,
                  size=parse_size(args.size), lang=args.lang)


def run(args) -> int:
    op = operation(args)
    project, _ = load_project(args.project, with_assignment=False)
    _as_built.apply(project, args)  # actual figures are the project's (read for this run), the as-of the scenario's
    report = run_with_progress(op, project, args, "exporting")
    print(report)
    return 0
