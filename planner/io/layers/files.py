"""Checks before reading a vector file: it exists, is not empty, a Shapefile has its sidecars and is not
truncated; its spatial layers; its text encoding; and the clear `InputError` for a file GDAL cannot open."""
from __future__ import annotations

from pathlib import Path

from planner.core.errors import InputError, PlannerError

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
FORMAT_NAMES = {
    ".gpkg": "GeoPackage", ".shp": "Shapefile", ".geojson": "GeoJSON", ".json": "GeoJSON",
    ".fgb": "FlatGeobuf", ".csv": "CSV",
}


class LayerChoiceNeeded(PlannerError):
    """The file holds several layers and none was named: `layers` lists them so that the GUI can ask."""

    def __init__(self, path, layers: list[str]):
        self.path = str(path)
        self.layers = list(layers)
        super().__init__(f"{self.path}: several layers ({', '.join(self.layers)}); choose one")


def _format_name(path: Path) -> str:
    return FORMAT_NAMES.get(path.suffix.lower(), "vector file")


def _check_file(path) -> Path:
    p = Path(path)
    if not p.exists():
        raise InputError(p, "file not found")
    if p.is_file() and p.stat().st_size == 0:
        raise InputError(p, "the file is empty (0 bytes)")
    if p.suffix.lower() == ".shp":
        missing = [s for s in (".shx", ".dbf") if not _sidecar(p, s)]
        if ".dbf" in missing:
            raise InputError(p, "the Shapefile's .dbf attribute file is missing beside it")
        if ".shx" in missing:
            raise InputError(p, "the Shapefile's .shx index file is missing beside it")
        _check_shapefile_sizes(p)
    return p


def _check_shapefile_sizes(p: Path) -> None:
    """A truncated .shp or .dbf is refused (GDAL would silently return the missing features without geometry)."""
    with open(p, "rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or int.from_bytes(head[0:4], "big") != 9994:
        raise InputError(p, "not a Shapefile (bad .shp header)")
    declared = int.from_bytes(head[24:28], "big") * 2
    actual = p.stat().st_size
    if actual < declared:
        raise InputError(p, f"the .shp file is truncated ({actual:,} of {declared:,} bytes)")
    dbf = _sidecar(p, ".dbf")
    with open(dbf, "rb") as fh:
        dhead = fh.read(12)
    if len(dhead) < 12:
        raise InputError(dbf, "the .dbf attribute file is truncated (no header)")
    n = int.from_bytes(dhead[4:8], "little")
    header_len = int.from_bytes(dhead[8:10], "little")
    record_len = int.from_bytes(dhead[10:12], "little")
    need = header_len + n * record_len
    if dbf.stat().st_size < need:
        raise InputError(dbf, f"the .dbf attribute file is truncated ({dbf.stat().st_size:,} of {need:,} bytes)")


def _sidecar(p: Path, suffix: str) -> Path | None:
    for s in (suffix, suffix.upper()):
        q = p.with_suffix(s)
        if q.exists():
            return q
    return None


def _open_error(p: Path, exc: Exception) -> InputError:
    """A clear InputError for a file GDAL cannot open or read."""
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    msg = msg.replace(str(p), "").strip(" :'`")
    kind = _format_name(p)
    if "malformed" in msg or "not a database" in msg:
        what = f"not a readable {kind}: the file is truncated or corrupt (SQLite: database disk image is malformed)"
    elif ("not recognized as" in msg or "not recognised as" in msg) and kind == "GeoJSON":
        what = "not valid GeoJSON (the content is not JSON)"
    elif "not recognized as" in msg or "not recognised as" in msg:
        what = f"not a readable {kind} (unrecognised or corrupt content)"
    elif kind == "GeoJSON":
        what = f"not valid GeoJSON (not JSON, or truncated): {msg}"
    else:
        what = f"not a readable {kind} (truncated or corrupt?): {msg}"
    return InputError(p, what)


def _spatial_layers(p: Path) -> list[tuple[str, str]]:
    import pyogrio

    try:
        layers = pyogrio.list_layers(p)
    except Exception as exc:  # pyogrio raises DataSourceError and friends, sqlite errors come through as is
        raise _open_error(p, exc) from None
    return [(str(n), str(t)) for n, t in layers if t is not None and str(t) not in ("None", "")]


def _shapefile_encoding(p: Path) -> tuple[str | None, str | None]:
    """(encoding to force, warning) for a Shapefile: None when a .cpg or the DBF's language id says it, else
    UTF-8 when the text decodes as such, else Windows-1252 (old French exports) with a warning."""
    if _sidecar(p, ".cpg"):
        return None, None
    dbf = _sidecar(p, ".dbf")
    with open(dbf, "rb") as fh:
        data = fh.read(32 << 20)  # the first 32 MiB tell
    if len(data) > 29 and data[29] != 0:  # language driver id: GDAL maps it to an encoding
        return None, None
    try:
        data.decode("utf-8")
        return "UTF-8", None
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and len(data) == 32 << 20:  # a character cut by the sample's end
            return "UTF-8", None
        return "CP1252", (f"{p.name} has no .cpg file and its text is not UTF-8: "
                          "decoded as Windows-1252 (Latin-1); check the accents.")


