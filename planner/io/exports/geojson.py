"""GeoJSON per RFC 7946: WGS84 lon/lat, counter-clockwise exterior rings, 6 decimals (~0.1 m), no "crs" member.

GDAL's GeoJSON driver with RFC7946=YES reprojects from Lambert-93, orients the rings and drops the "crs" member.
One file per layer (plan_phases.geojson, ... or phases.geojson, ... in a folder: formats.layer_files), or one chosen
layer.
"""
from __future__ import annotations

from pathlib import Path

from planner.io.exports.plan import PhasePlan
from planner.io.exports.vector import write_table
from planner.io.writer import write_file, write_folder

LAYERS = ("phases", "communes", "premises")
EXTENSION = ".geojson"
OPTIONS = {"RFC7946": "YES", "COORDINATE_PRECISION": "6", "WRITE_NAME": "NO"}


def file_name(layer: str) -> str:
    return f"{layer}{EXTENSION}"


def files_of(path: Path) -> list[Path]:
    """The files one layer's export writes."""
    return [path]


def write(plan: PhasePlan, files: list[tuple[Path, str]], report) -> None:
    """Each (file, layer) of `files` (one folder: planner/io/exports/formats.layer_files) through
    planner/io/writer.py: one file alone, several as a set written into a temporary folder and moved in."""
    if len(files) == 1:
        path, table = files[0][0], plan.table(files[0][1])
        write_file(path, lambda tmp: write_table(tmp, table, "GeoJSON", layer=table.name, layer_options=OPTIONS))
        report.counts[table.name] = len(table)
        report.files.append(path)
        return

    def fill(tmp: Path) -> None:
        for path, name in files:
            table = plan.table(name)
            report.counts[table.name] = write_table(tmp / path.name, table, "GeoJSON", layer=table.name,
                                                    layer_options=OPTIONS)

    report.files.extend(write_folder(files[0][0].parent, fill))
