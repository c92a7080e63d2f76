"""The project file: one GeoPackage holding the layers, the phases and a JSON table of settings and scenarios.

Layers `communes`, `premises`, `phases` (plus `layer_<n>_<name>` for extra layers) are ordinary GeoPackage
layers QGIS opens with their styles (`layer_styles`); the non-spatial table `rp_project` holds key/value JSON
(schema_version, name, settings, scenarios, view, roles, layer descriptions). Saving goes through planner/io/writer.py
(temporary file, GeoPackage check, rename): a failed save names the file and the cause, the old file stays.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import sqlite3
from pathlib import Path
from typing import Callable

import numpy as np
import pyogrio
import pyogrio.raw
import shapely

from planner import __version__
from planner.core.errors import InputError, PlannerError
from planner.core.project.model import L93, Communes, Layer, Premises, Project

from planner.core.phases import cell_counts
from planner.core.project.content_tokens import adopt_token, content_token
from planner.io.arrow_text import release_arrow_memory
from planner.io.project import derived_table, incremental, schema
from planner.io.project.layer_tables import read_layer_table, write_layer
from planner.io.project.phases_table import read_phase_rows as _read_phase_rows, write_phases as _write_phases
from planner.io.project.as_built_json import as_built_from_json, as_built_to_json
from planner.io.writer import write_file
from planner.io.project.qgis_styles import LayerStyleRow, categorized_qml, single_symbol_qml, write_layer_styles

META_TABLE = "rp_project"
_GPKG_APPLICATION_ID = 0x47504B47

Progress = Callable[[float, str], None]


def _report(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)



# ---------------------------------------------------------------- rp_project table
def _layer_entry(table: str, role: str, layer: Layer) -> dict:
    return {"table": table, "role": role, "name": layer.name, "kind": layer.kind, "source": layer.source,
            "source_crs": layer.source_crs, "style": schema.style_to_json(layer.style),
            "warnings": list(layer.warnings), "fields": list(layer.fields), "content_token": content_token(layer)}


def _slug(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z_]+", "_", name).strip("_").lower()[:40] or "layer"


def project_meta(project: Project) -> tuple[dict, list[tuple[str, Layer, dict]]]:
    """The rp_project key/values of a project and the (table, layer, entry) list of its layers."""
    layers = []
    if project.communes is not None:
        layers.append(("communes", project.communes.layer, _layer_entry("communes", "communes", project.communes.layer)))
    if project.premises is not None:
        layers.append(("premises", project.premises.layer, _layer_entry("premises", "premises", project.premises.layer)))
    for i, layer in enumerate(project.extra_layers):
        table = f"layer_{i + 1}_{_slug(layer.name)}"
        layers.append((table, layer, _layer_entry(table, "extra", layer)))
    meta = {
        "schema_version": schema.SCHEMA_VERSION,
        "app_version": __version__,
        "saved_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "name": project.name,
        "settings": project.settings,
        "view": project.view,
        "scenarios": [schema.scenario_to_json(s) for s in project.scenarios],
        "active_scenario": int(project.active_scenario),
        "layers": [entry for _, _, entry in layers],
        "communes_role": None if project.communes is None else {
            "code_field": project.communes.code_field, "name_field": project.communes.name_field,
            "units_field": project.communes.units_field},
        "premises_role": None if project.premises is None else {
            "units_field": project.premises.units_field, "insee_field": project.premises.insee_field},
        "phase_count": len(project.phases),
        "phase_names": [p.name for p in project.phases],
        "as_built": as_built_to_json(getattr(project, "as_built", None)),
    }
    return meta, layers


def _write_meta(con: sqlite3.Connection, meta: dict) -> None:
    con.execute(f"CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY NOT NULL, value TEXT)")
    con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
                f"VALUES ('{META_TABLE}', 'attributes', '{META_TABLE}', 'Rollout Planner project settings (JSON)', "
                "strftime('%Y-%m-%dT%H:%M:%fZ','now'))")
    con.executemany(f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?)",
                    [(k, schema.dumps(v, k)) for k, v in meta.items()])


def _styles(project: Project, layers: list[tuple[str, Layer, dict]]) -> list[LayerStyleRow]:
    rows = []
    for table, layer, _ in layers:
        st = layer.style
        label = project.communes.name_field if (project.communes is not None and layer is project.communes.layer
                                                and project.communes.name_field in layer.fields) else None
        kind = "point" if layer.kind == "point" else "polygon"
        if layer.kind == "line":
            continue
        rows.append(LayerStyleRow(table, single_symbol_qml(kind, st.fill, st.outline, st.opacity, st.point_size, label)))
    cats = [(p.name, p.name, p.color) for p in project.phases]
    rows.append(LayerStyleRow("phases", categorized_qml("polygon", "name", cats, opacity=0.6)))
    return rows


def _write_project(project: Project, path: Path, progress: Progress | None, extra_meta: dict | None = None,
                   meta_layers=None, ahead=None) -> None:
    meta, layers = meta_layers or project_meta(project)
    meta.update(extra_meta or {})
    total = max(1, sum(len(layer) for _, layer, _ in layers))
    done = 0
    written = {"premises"} if ahead is not None and project.premises is not None and ahead.take(
        project.premises.layer, path) else set()  # the table a child process wrote meanwhile (premises_ahead.py)
    for table, layer, _entry in layers:
        _report(progress, 0.05 + 0.8 * done / total, f"Saving layer {layer.name}")
        if table not in written:
            write_layer(path, table, layer)
        done += len(layer)
    _report(progress, 0.87, "Saving phases")
    _write_phases(path, project)
    _report(progress, 0.93, "Saving settings and scenarios")
    con = sqlite3.connect(str(path))
    try:
        with con:
            incremental.stamp_layers(con, meta)
            _write_meta(con, meta)
            write_layer_styles(con, _styles(project, layers))
            incremental.write_counts(con, cell_counts.remembered(project))
            derived_table.write(con, layers)  # premise -> commune rows, density pyramid (a cache)
    finally:
        con.close()


def _check_not_an_input(project: Project, target: Path) -> None:
    if not target.exists():
        return
    for layer in project.layers():
        src = (layer.source or "").split("|")[0]
        if not src:
            continue
        try:
            same = os.path.samefile(src, target)
        except OSError:
            continue
        if same and not is_project(target):
            raise PlannerError(f"{target}: this is the input file of layer '{layer.name}'; "
                               "choose another name (input files are never modified)")


def estimate_bytes(project: Project) -> int:
    """A low estimate of the project file's size (premise points ~40 B each with their fields, polygons by
    vertex): used to refuse a save the disk clearly cannot hold before writing anything."""
    total = 200_000
    for layer in project.layers():
        if layer.kind == "point" and layer.x is not None:
            total += len(layer) * (21 + 8 * len(layer.fields))
        elif layer.geometries is not None and len(layer.geometries):
            total += int(shapely.get_num_coordinates(np.asarray(layer.geometries, dtype=object)).sum()) * 16
    return total


def write_project_file(project: Project, path: str | os.PathLike, extra_meta: dict | None = None,
                       progress: Progress | None = None, layer_tokens: dict[str, str] | None = None,
                       in_place_only: bool = False, ahead=None) -> Path:
    """Write the project to `path` without changing `project.path` (used by save and autosave): in place when the
    file holds the project's layers (incremental.py), else a whole new file. `extra_meta`: more rp_project keys
    (a recovery file's); `layer_tokens`/`in_place_only`: for layers sent without their arrays (light_copy.py);
    `ahead`: a PremisesAhead whose child may have written the premise table already (`new`)."""
    target = Path(path)
    try:
        if layer_tokens:  # the caller sent layers without their arrays (autosave): they stand for these tokens
            incremental.adopt_layer_tokens(project_meta(project)[1], layer_tokens)
        meta, layers = project_meta(project)  # fail early on values that cannot be stored
        meta.update(extra_meta or {})
        for key, value in meta.items():
            schema.dumps(value, key)
        _report(progress, 0.0, f"Saving {target.name}")
        if incremental.save_if_in_place(target, meta, layers, _styles(project, layers),
                                        cell_counts.remembered(project), project, in_place_only):
            return target.absolute()
        return write_file(target, lambda tmp: _write_project(project, tmp, progress, extra_meta, (meta, layers), ahead),
                          estimate=estimate_bytes(project))
    except schema.SchemaError as exc:
        raise PlannerError(f"{target}: cannot save, {exc}") from None


def save_project(project: Project, path: str | os.PathLike, progress: Progress | None = None, ahead=None) -> Path:
    """Save the whole project atomically to `path` (a .gpkg); sets `project.path`. PlannerError on failure.
    `ahead`: planner/io/project/premises_ahead.PremisesAhead (`new`)."""
    target = Path(path)
    if target.suffix.lower() != ".gpkg":
        raise PlannerError(f"{target}: a project file must end in .gpkg")
    if cell_counts.PREMISES_STUB in project.__dict__:
        raise PlannerError(f"{target}: cannot save a project opened without its premise layer")
    _check_not_an_input(project, target)
    out = write_project_file(project, target, progress=progress, ahead=ahead)
    project.path = str(out)
    _report(progress, 1.0, f"Saved {target.name}")
    return out


# ---------------------------------------------------------------- reading
def _open_sqlite(path: Path) -> sqlite3.Connection:
    incremental.recover_journal(path)  # read-only readers cannot roll back what a killed save left
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def read_meta(path: str | os.PathLike) -> dict:
    """The rp_project table as a dict of parsed JSON values; InputError if `path` is not a project file."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if not _is_sqlite(path):
        raise InputError(path, "not a GeoPackage (not an SQLite file)")
    try:
        con = _open_sqlite(path)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            has = con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (META_TABLE,)).fetchone()[0]
            if not has:
                raise InputError(path, f"not a Rollout Planner project (no '{META_TABLE}' table); "
                                       "add it as a layer instead")
            rows = con.execute(f"SELECT key, value FROM {META_TABLE}").fetchall()
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):  # after sqlite3's own 5 s wait
            raise InputError(path, "is locked by another program that is writing to it (QGIS?); "
                                   "try again once it is done") from None
        raise InputError(path, f"cannot read the project table ({exc})") from None
    except sqlite3.Error as exc:
        raise InputError(path, f"cannot read the project table ({exc})") from None
    if app_id not in (_GPKG_APPLICATION_ID, 0x47503130):  # 'GPKG' or 'GP10'
        raise InputError(path, "not a GeoPackage (wrong application id)")
    meta = {}
    try:
        for key, value in rows:
            meta[schema._str(key, f"{META_TABLE} key")] = schema.loads(value, f"{META_TABLE}.{key}")
    except schema.SchemaError as exc:
        raise InputError(path, str(exc)) from None
    return meta


def is_project(path: str | os.PathLike) -> bool:
    """True if `path` is a GeoPackage with a Rollout Planner `rp_project` table (never raises)."""
    try:
        read_meta(path)
        return True
    except (PlannerError, OSError, ValueError):
        return False


def _layer_from_entry(path: Path, entry, tables: set[str], where: str) -> Layer:
    entry = schema._dict(entry, where)
    table = schema._str(entry.get("table"), f"{where}.table")
    if table not in tables:
        raise schema.SchemaError(f"{where}.table", f"layer table {table!r} is missing from the file")
    kind = schema._str(entry.get("kind", "polygon"), f"{where}.kind")
    if kind not in ("point", "polygon", "line"):
        raise schema.SchemaError(f"{where}.kind", f"unknown layer kind {kind!r}")
    layer = read_layer_table(path, table, schema._str(entry.get("name", table), f"{where}.name"), kind)
    layer.source = schema._str(entry.get("source", ""), f"{where}.source")
    layer.source_crs = schema._str(entry.get("source_crs", L93), f"{where}.source_crs")
    if "style" in entry:
        layer.style = schema.style_from_json(entry["style"], f"{where}.style")
    layer.warnings = [schema._str(w, f"{where}.warnings") for w in schema._list(entry.get("warnings", []),
                                                                                f"{where}.warnings")]
    order = entry.get("fields")
    if isinstance(order, list) and set(order) == set(layer.fields):
        layer.fields = {n: layer.fields[n] for n in order}
    token = entry.get("content_token")
    if isinstance(token, str) and entry.get("table_stamp") == incremental.file_table_stamp(path, table):
        adopt_token(layer, token)  # these arrays are what the file's table holds: a save need not rewrite it
    return layer


def _role(meta: dict, key: str, fields: tuple[str, ...]) -> dict:
    d = schema._dict(meta.get(key) or {}, key)
    return {f: schema._str(d.get(f), f"{key}.{f}", allow_none=True) for f in fields if f in d}


def load_project(path: str | os.PathLike, progress: Progress | None = None, with_premises: bool = True,
                 on_layer: Callable[[Layer], None] | None = None) -> Project:
    """Open a project file (migrating older schemas); InputError naming the file and the problem.

    `with_premises=False` leaves the premise layer in the file (for the command-line simulation, which uses
    the stored counts, see `load_for_counts`): such a project cannot be saved. The layers are read side by side
    (GDAL reads without the interpreter lock); `on_layer(layer)` is called, in the reading thread, as each
    polygon or line layer is read (the window prepares its outlines while the premises are still being read).
    """
    path = Path(path)
    _report(progress, 0.0, f"Opening {path.name}")
    incremental.recover_journal(path)  # a save killed mid-transaction: roll it back before reading
    meta = read_meta(path)
    try:
        tables = {str(name) for name, gtype in pyogrio.list_layers(str(path)) if gtype}  # spatial tables only
        rows, zones = _read_phase_rows(path) if "phases" in tables else ([], [])
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise InputError(path, f"cannot read the layers ({exc})") from None
    schema.migrate(meta, rows, path)
    try:
        project = _build_project(path, meta, tables, rows, zones, progress, with_premises, on_layer)
    except schema.SchemaError as exc:
        raise InputError(path, str(exc)) from None
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise InputError(path, f"cannot read the layers ({exc})") from None
    except (ValueError, TypeError, KeyError, IndexError, OSError, ImportError) as exc:  # damaged data
        raise InputError(path, f"damaged project file ({type(exc).__name__}: {str(exc)[:200]})") from None
    project.path = str(path)
    release_arrow_memory()
    from planner.io.project.stored_counts import stored_counts

    cell_counts.adopt(project, stored_counts(path, len(project.phases),
                                             0 if project.communes is None else len(project.communes)))
    derived_table.attach_stored(path, project)  # read when first used, and only while the layers match
    _report(progress, 1.0, f"Opened {path.name}")
    return project


def _read_layers(path, entries, tables, with_premises: bool, on_layer) -> list:
    """The layer of each entry (None for a premise layer left in the file), read side by side."""
    from concurrent.futures import ThreadPoolExecutor

    def read(i: int, entry):
        where = f"layers[{i}]"
        role = schema._str(schema._dict(entry, where).get("role", "extra"), f"{where}.role")
        if role == "premises" and not with_premises and isinstance(entry.get("content_token"), str):
            return None
        layer = _layer_from_entry(path, entry, tables, where)
        if on_layer is not None and layer.kind != "point":
            on_layer(layer)
        return layer

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="read-layer") as pool:
        futures = [pool.submit(read, i, entry) for i, entry in enumerate(entries)]
        return [f.result() for f in futures]  # the first failing entry's error, in the file's order


def _build_project(path, meta, tables, rows, zones, progress, with_premises: bool = True, on_layer=None) -> Project:
    project = Project(name=schema._str(meta.get("name", path.stem), "name"))
    project.settings = schema._json_only(schema._dict(meta.get("settings") or {}, "settings"), "settings")
    project.view = schema._json_only(schema._dict(meta.get("view") or {}, "view"), "view")
    project.as_built = as_built_from_json(meta.get("as_built"))
    scenarios = schema._list(meta.get("scenarios") or [{}], "scenarios")
    project.scenarios = [schema.scenario_from_json(s, f"scenarios[{i}]") for i, s in enumerate(scenarios)] or \
        project.scenarios
    active = schema._int(meta.get("active_scenario", 0), "active_scenario", lo=0)
    if active >= len(project.scenarios):
        raise schema.SchemaError("active_scenario", f"{active} but only {len(project.scenarios)} scenarios")
    project.active_scenario = active
    entries = schema._list(meta.get("layers") or [], "layers")
    _report(progress, 0.05, "Reading layers")
    read = _read_layers(path, entries, tables, with_premises, on_layer)
    for i, (entry, layer) in enumerate(zip(entries, read)):
        where = f"layers[{i}]"
        role = schema._str(schema._dict(entry, where).get("role", "extra"), f"{where}.role")
        if role == "communes":
            r = _role(meta, "communes_role", ("code_field", "name_field", "units_field"))
            project.communes = Communes(layer, code_field=r.get("code_field") or "code_insee",
                                        name_field=r.get("name_field") or "nom", units_field=r.get("units_field"))
            if project.communes.code_field not in layer.fields:
                raise schema.SchemaError("communes_role.code_field",
                                         f"field {project.communes.code_field!r} is not in the communes layer")
        elif role == "premises":
            r = _role(meta, "premises_role", ("units_field", "insee_field"))
            if layer is None:  # left in the file: what the counts' fingerprint needs of it
                project.__dict__[cell_counts.PREMISES_STUB] = incremental.premises_stub(path, entry, r)
            else:
                project.premises = Premises(layer, **r)
        elif role == "extra":
            project.extra_layers.append(layer)
        else:
            raise schema.SchemaError(f"{where}.role", f"unknown role {role!r}")
    for i, zone in enumerate(zones):
        if zone is not None and zone.geom_type not in ("Polygon", "MultiPolygon"):
            raise schema.SchemaError(f"phases[{i}].zone", f"expected a polygon, found a {zone.geom_type}")
    phases = [schema.phase_from_row(row, zone, f"phases[{i}]") for i, (row, zone) in enumerate(zip(rows, zones))]
    phases.sort(key=lambda item: item[0])
    project.phases = [p for _, p in phases]
    ids = [p.id for p in project.phases]
    if len(set(ids)) != len(ids):
        raise schema.SchemaError("phases.id", "two phases have the same id")
    return project


def describe_project(path: str | os.PathLike) -> str:
    """A short human-readable summary of a project file (name, layers, phases, scenarios), read cheaply."""
    path = Path(path)
    meta = read_meta(path)
    lines = [f"Project: {meta.get('name', path.stem)}  ({path})",
             f"Schema version: {meta.get('schema_version', 0)}; saved {meta.get('saved_at', '?')} "
             f"by Rollout Planner {meta.get('app_version', '?')}"]
    try:
        for name, gtype in pyogrio.list_layers(str(path)):
            if name in (META_TABLE, "layer_styles"):
                continue
            info = pyogrio.read_info(str(path), layer=str(name))
            lines.append(f"Layer {name}: {info['features']} features ({gtype or 'table'})")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise InputError(path, f"cannot read the layers ({exc})") from None
    try:  # the phases layer itself (it may have been edited in QGIS), else the names saved in rp_project
        _m, _f, _g, data = pyogrio.raw.read(str(path), layer="phases", columns=["name"], read_geometry=False)
        names = list(data[0])
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError, IndexError):
        names = meta.get("phase_names")
    if isinstance(names, list):
        lines.append(f"Phases ({len(names)}): " + ", ".join(str(n) for n in names))
    scenarios = meta.get("scenarios")
    if isinstance(scenarios, list):
        lines.append("Scenarios: " + ", ".join(str(s.get("name", "?")) if isinstance(s, dict) else "?"
                                                for s in scenarios))
    return "\n".join(lines)
