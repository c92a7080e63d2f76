"""`info FILE`: each layer's geometry type, feature count, CRS, bounds, fields and detected INSEE/units fields."""
from __future__ import annotations

import sys
from pathlib import Path

from planner.cli_commands._common import SAMPLE_COMMUNES, add_parser


def register(subparsers) -> None:
    p = add_parser(
        subparsers, "info",
        help="describe the layers of a vector file (or a project file)",
        description="Print each layer of FILE: geometry type, feature count, CRS, bounds, fields and the "
                    "detected INSEE code and units fields. A project GeoPackage is summarised instead.",
        example=[f"python main.py info {SAMPLE_COMMUNES}", "python main.py info gers.gpkg"])
    p.add_argument("file", help="GeoPackage, Shapefile, GeoJSON, FlatGeobuf, CSV or project file")
    p.set_defaults(func=run)


def _coord(v: float) -> str:
    return f"{v:.6f}" if abs(v) < 1000 else f"{v:.1f}"


def _no_crs(guess: str | None) -> str:
    if guess:
        return f"none in the file; will be guessed as {guess} from the coordinate range"
    return "none in the file, and the coordinates match no known French CRS"


def describe_file(path) -> str:
    """The text `info` prints for an ordinary vector file."""
    from planner.io.layers.readers import layer_summaries

    lines = [f"{path}"]
    for s in layer_summaries(path):
        b = s["bounds"]
        bounds = "(empty)" if b is None else ", ".join(_coord(v) for v in b)
        lines += [
            f"Layer: {s['name']}",
            f"  geometry: {s['geometry_type']}",
            f"  features: {s['count']:,}",
            f"  CRS: {s['crs'] or _no_crs(s['crs_guess'])}",
            f"  bounds: {bounds}",
            f"  fields ({len(s['fields'])}): " + ", ".join(f"{n} ({t})" for n, t in s["fields"]),
            f"  INSEE code field: {s['insee_field'] or '-'}",
            f"  units field: {s['units_field'] or '- (1 unit per feature)'}",
        ]
        lines += [f"  guessed: {g}" for g in s.get("guessed", [])]
        lines += [f"  note: {n}" for n in s["notes"]]
    return "\n".join(lines)


def run(args) -> int:
    path = Path(args.file)
    from planner.io.project.project_file import is_project
    from planner.io.project.stored_counts import has_project_table

    if path.exists() and (is_project(path) or has_project_table(path)):  # a damaged project: say what is wrong
        from planner.cli_commands._common import load_project
        from planner.cli_commands.new import format_summary
        from planner.io.project.project_file import describe_project

        print(describe_project(path))
        print(format_summary(*load_project(path)))
        return 0
    print(describe_file(path), file=sys.stdout)
    return 0
