"""`export --format qgis -o plan.qgz`: a QGIS project beside the exported plan GeoPackage, styled as in the app,
whose temporal controller plays the rollout.

Written: `plan.gpkg` (the plan: phases, communes, premises, GeoPackage 1.2) and `plan.qgz` (a zip holding
`plan.qgs`). Layers point at the GeoPackage by a relative path, so the two files travel together. Temporal
settings (QGIS 3.14+; opens in 3.22 and later with nothing else to install):
- `premises`: instant from field `eligible_date`, accumulated — a premise appears in the month it becomes eligible;
- `communes (eligible)`: instant from `planned_date_100`, accumulated — a commune fills when all its units are;
- `phases` and `communes` outlines: not temporal (always shown);
- project: time range from the scenario start to its horizon, step one month, 4 frames a second.
The XML is built with ElementTree, so every name from the data is escaped as XML text.
"""
from __future__ import annotations

import datetime as _dt
import uuid
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pyproj

from planner.core.errors import PlannerError
from planner.core.months import parse_month
from planner.core.simulation.palette import COVERAGE_COLOURS
from planner.io.exports.plan import PhasePlan
from planner.io.project.qgis_styles import categorized_qml, single_symbol_qml

QGIS_VERSION = "3.22.0-Białowieża"
TEMPORAL_INSTANT_FROM_FIELD = "1"  # QgsVectorLayerTemporalProperties::ModeFeatureDateTimeInstantFromField


PROJ4_L93 = ("+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 "
             "+towgs84=0,0,0,0,0,0,0 +units=m +no_defs")


def targets(out: Path) -> list[Path]:
    if out.suffix.lower() != ".qgz":
        raise PlannerError(f"{out}: a QGIS project export must end in .qgz")
    return [out, out.with_suffix(".gpkg")]


def _srs(parent: ET.Element) -> None:
    crs = pyproj.CRS.from_epsg(2154)
    srs = ET.SubElement(parent, "spatialrefsys", nativeFormat="Wkt")
    for tag, text in (("wkt", crs.to_wkt()), ("proj4", PROJ4_L93), ("srsid", "145"), ("srid", "2154"),
                      ("authid", "EPSG:2154"), ("description", "RGF93 v1 / Lambert-93"), ("projectionacronym", "lcc"),
                      ("ellipsoidacronym", "EPSG:7019"), ("geographicflag", "false")):
        ET.SubElement(srs, tag).text = text


def _renderer(qml: str) -> ET.Element:
    """The <renderer-v2> (and <labeling>) of a QML style document."""
    doc = ET.fromstring(qml.split("\n", 1)[1] if qml.startswith("<!DOCTYPE") else qml)
    return doc


def _month_iso(n: int) -> str:
    return _dt.datetime(n // 12, n % 12 + 1, 1, tzinfo=_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _layer(root_layers, tree, gpkg_name, table, title, geometry, qml, temporal_field=None, visible=True):
    layer_id = f"{table}_{uuid.uuid4().hex[:12]}"
    source = f"./{gpkg_name}|layername={table}"
    ml = ET.SubElement(root_layers, "maplayer", type="vector", geometry=geometry, autoRefreshEnabled="0",
                       simplifyDrawingHints="1", labelsEnabled="1" if "labeling" in qml else "0")
    ET.SubElement(ml, "id").text = layer_id
    ET.SubElement(ml, "datasource").text = source
    ET.SubElement(ml, "layername").text = title
    _srs(ET.SubElement(ml, "srs"))
    ET.SubElement(ml, "provider", encoding="UTF-8").text = "ogr"
    temporal = ET.SubElement(ml, "temporal", enabled="1" if temporal_field else "0",
                             mode=TEMPORAL_INSTANT_FROM_FIELD if temporal_field else "0",
                             startField=temporal_field or "", endField="", durationField="", durationUnit="min",
                             fixedDuration="0", accumulate="1" if temporal_field else "0", startExpression="",
                             endExpression="", limitMode="0")
    fixed = ET.SubElement(temporal, "fixedRange")
    ET.SubElement(fixed, "start")
    ET.SubElement(fixed, "end")
    style = _renderer(qml)
    for child in style:
        ml.append(child)
    ET.SubElement(tree, "layer-tree-layer", id=layer_id, name=title, source=source, providerKey="ogr",
                  checked="Qt::Checked" if visible else "Qt::Unchecked", expanded="0")
    return layer_id


def project_xml(plan: PhasePlan, gpkg_name: str, title: str | None = None) -> bytes:
    """The .qgs document for `plan`, whose layers live in `gpkg_name` (a path relative to the project)."""
    project = plan.project
    title = title or str(project.name)
    root = ET.Element("qgis", projectname=title, version=QGIS_VERSION)
    ET.SubElement(root, "homePath", path="")
    ET.SubElement(root, "title").text = title
    _srs(ET.SubElement(root, "projectCrs"))
    tree = ET.SubElement(root, "layer-tree-group")
    layers = ET.SubElement(root, "projectlayers")
    cats = [(str(n), str(n), str(c)) for n, c in zip(plan.phases.columns["name"], plan.phases.columns["color"])]
    if plan.premises is not None:
        _layer(layers, tree, gpkg_name, "premises", "premises (eligible by month)", "Point",
               categorized_qml("point", "phase", cats, point_size=2.0, other_color="#9a9a9a"), "eligible_date")
    _layer(layers, tree, gpkg_name, "communes", "communes (100 % eligible by month)", "Polygon",
           single_symbol_qml("polygon", COVERAGE_COLOURS[-1], "#7a7a7a", opacity=0.6), "planned_date_100")
    _layer(layers, tree, gpkg_name, "phases", "phases", "Polygon",
           categorized_qml("polygon", "name", cats, opacity=0.35, other_color=None, label_field="name"))
    _layer(layers, tree, gpkg_name, "communes", "communes by phase", "Polygon",
           categorized_qml("polygon", "phase", cats, outline="#7a7a7a", other_color="#f2efe6"), visible=False)
    start = parse_month(plan.result.start)
    time = ET.SubElement(root, "ProjectTimeSettings", timeStepUnit="months", timeStep="1", frameRate="4",
                         cumulativeTemporalRange="0", totalMovieFrames=str(len(plan.result.months)))
    rng = ET.SubElement(time, "TemporalRange")
    ET.SubElement(rng, "start").text = _month_iso(start)
    ET.SubElement(rng, "end").text = _month_iso(start + len(plan.result.months))
    props = ET.SubElement(ET.SubElement(root, "properties"), "Paths")
    ET.SubElement(props, "Absolute", type="bool").text = "false"
    ET.indent(root)
    return (b"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" +
            ET.tostring(root, encoding="utf-8", xml_declaration=False))


def write_qgis_project(plan: PhasePlan, out: Path, report=None) -> None:
    """Write the plan GeoPackage beside `out` (same name, .gpkg) and the .qgz pointing at it, as one set
    (planner/io/writer.write_folder): both are replaced together or neither is."""
    from planner.io.exports.gpkg_plan import write_gpkg
    from planner.io.writer import write_folder

    gpkg = out.with_suffix(".gpkg")
    xml = project_xml(plan, gpkg.name)
    tables = plan.layers()

    def fill(tmp: Path) -> None:
        write_gpkg(plan, tmp / gpkg.name, tables)
        with zipfile.ZipFile(tmp / out.name, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(out.with_suffix(".qgs").name, xml)

    write_folder(out.parent, fill)
    if report is not None:
        report.files.extend([gpkg, out])
        report.counts.update({t.name: len(t) for t in tables})
        report.notes.append("open the .qgz in QGIS 3.22+; View ▸ Panels ▸ Temporal Controller ▸ animated mode ▸ play")


class _Sink:
    def __init__(self):
        self.files, self.counts, self.notes = [], {}, []
