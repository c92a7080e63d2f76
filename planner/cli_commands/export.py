"""`export PROJECT.gpkg --format F -o OUT [--force] [--scenario NAME] [--layer NAME]`: export the phase plan."""
from __future__ import annotations

import sys

from planner.cli_commands import _as_built


def register(subparsers) -> None:
    from planner.io.exports.formats import FORMATS

    p = subparsers.add_parser(
        "export",
        help="export the phase plan (gpkg, geojson, shp, csv, xlsx), the map (png, svg, pdf), or publish it "
             "(web map, per-address forecast, QGIS project)",
        description="Export a project's phase plan, simulated with a scenario: gpkg (layers with QGIS styles), "
                    "geojson (RFC 7946), shp (10-character field names, see docs/exports.md), csv (';', UTF-8), "
                    "xlsx, or the map as png/svg/pdf. geojson/shp/csv write one file per layer into the folder OUT, "
                    "or the layer chosen with --layer into the file OUT. Publishing: web (a folder with index.html that "
                    "opens from disk, no server), addresses (per-address forecast, .csv or .gpkg), qgis (a .qgz "
                    "project beside the plan .gpkg, with a time slider). Nothing is overwritten without --force.",
    )
    p.add_argument("project", help="project file (.gpkg)")
    p.add_argument("--format", "-f", required=True, choices=FORMATS, help="export format")
    p.add_argument("-o", "--output", required=True, help="output file or folder")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.add_argument("--scenario", default=None, help="scenario name (default: the project's active scenario)")
    p.add_argument("--layer", default=None,
                   help="one layer only: phases, communes or premises (csv: communes or phases)")
    p.add_argument("--size", default="1600x1200", help="map size in pixels for png/svg/pdf (default 1600x1200)")
    p.add_argument("--lang", choices=("fr", "en"), default=None,
                   help="language of the web map and of quarter labels (default: the project's, else fr)")
    _as_built.add_arguments(p)
    p.set_defaults(func=run)


def _size(text: str) -> tuple[int, int]:
    from planner.core.errors import PlannerError

    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise PlannerError(f"--size {text!r}: expected WIDTHxHEIGHT, e.g. 1600x1200") from None
    return w, h


def run(args) -> int:
    from planner.io.exports.formats import MAP_FORMATS, export
    from planner.io.project.project_file import load_project

    project = load_project(args.project)
    _as_built.apply(project, args)
    renderer = None
    if args.format in MAP_FORMATS:
        from planner.render.map.export_map import render_map as renderer  # Qt, imported only for map exports
    report = export(project, args.format, args.output, force=args.force, scenario=args.scenario, layer=args.layer,
                    map_renderer=renderer, map_size=_size(args.size), lang=args.lang)
    print(report, file=sys.stdout)
    return 0
