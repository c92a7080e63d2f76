"""GeoJSON per RFC 7946: WGS84 lon/lat, counter-clockwise exterior rings, 6 decimals (~0.1 m), no "crs" member.

GDAL's GeoJSON driver with RFC7946=YES reprojects from Lambert-93, orients the rings and drops the "crs" member.
One file per layer into a folder (phases.geojson, communes.geojson, premises.geojson), or one chosen layer.
"""
from __future__ import annotations

from pathlib import Path

from planner.io.exports.plan import PhasePlan
from planner.io.exports.vector import write_table
from planner.io.writer import write_file, write_folder

LAYERS = ("phases", "communes", "premises")
OPTIONS = {"RFC7946": "YES", "COORDINATE_PRECISION": "6", "WRITE_NAME": "NO"}


def _outputs(plan: PhasePlan, out: Path, layer: str | None) -> list[tuple[Path, object]]:
    if layer is not None:
        return [(out, plan.table(layer))]
    return [(out / f"{t.name}.geojson", t) for t in plan.layers()]


def targets(plan: PhasePlan, out: Path, layer: str | None) -> list[Path]:
    return [p for p, _ in _outputs(plan, out, layer)]


def write(plan: PhasePlan, out: Path, layer: str | None, report) -> None:
    """One layer into the file `out`, or every layer into the folder `out` (through planner/io/writer.py)."""
    if layer is not None:
        table = plan.table(layer)
        write_file(out, lambda tmp: write_table(tmp, table, "GeoJSON", layer=table.name, layer_options=OPTIONS))
        report.counts[table.name] = len(table)
        report.files.append(out)
        return

    def fill(folder: Path) -> None:
        for path, table in _outputs(plan, folder, None):
            report.counts[table.name] = write_table(path, table, "GeoJSON", layer=table.name, layer_options=OPTIONS)

    report.files.extend(write_folder(out, fill))
