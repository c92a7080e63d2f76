"""Shapefile sets (.shp .shx .dbf .prj .cpg UTF-8) with field names shortened to 10 characters, collision-free.

The rule (docs/exports.md): names are folded to ASCII letters, digits and '_'; a name of at most 10 characters
is kept; a longer one keeps its numeric last word whole (e.g. '_100') and gives the other words a share of the
remaining characters, one at a time from the first word; a name already taken (case-insensitively) ends in
'_2', '_3', ... instead. The mapping is written beside each layer as NAME.fields.csv.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

from planner.io.exports.plan import PhasePlan
from planner.io.exports.vector import write_table
from planner.io.writer import write_folder

LAYERS = ("phases", "communes", "premises")
LIMIT = 10
EXTENSION = ".shp"
SIDE_FILES = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def _ascii(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9A-Za-z_]+", "_", folded).strip("_") or "field"


def _abbreviate(name: str, limit: int) -> str:
    if len(name) <= limit:
        return name
    words = [w for w in name.split("_") if w]
    tail = ""
    if len(words) > 1 and words[-1].isdigit() and len(words[-1]) < limit - 1:
        tail = "_" + words.pop()
    budget = limit - len(tail) - (len(words) - 1)  # characters left for the words, separators taken out
    if budget < len(words):  # too many words: plain truncation
        return (name[: limit - len(tail)] + tail)[:limit]
    take = [1] * len(words)
    left = budget - len(words)
    while left > 0:
        grown = False
        for i, w in enumerate(words):
            if left and take[i] < len(w):
                take[i] += 1
                left -= 1
                grown = True
        if not grown:
            break
    return "_".join(w[:k] for w, k in zip(words, take)) + tail


def shorten_field_names(names: list[str], limit: int = LIMIT) -> list[str]:
    """Unique (case-insensitive) field names of at most `limit` characters, in the order given."""
    used: set[str] = set()
    out = []
    for name in names:
        short = _abbreviate(_ascii(name), limit)
        n = 2
        candidate = short
        while candidate.lower() in used:
            suffix = f"_{n}"
            candidate = short[: limit - len(suffix)] + suffix
            n += 1
        used.add(candidate.lower())
        out.append(candidate)
    return out


def file_name(layer: str) -> str:
    return f"{layer}{EXTENSION}"


def files_of(shp: Path) -> list[Path]:
    """The files one layer's shapefile set writes (with the field-name mapping)."""
    return [shp.with_suffix(ext) for ext in SIDE_FILES] + [shp.with_suffix(".fields.csv")]


def _write_one(shp: Path, table, report) -> None:
    names = list(table.columns)
    short = shorten_field_names(names)
    report.counts[table.name] = write_table(shp, table, "ESRI Shapefile", layer=shp.stem, field_names=short)
    with open(shp.with_suffix(".fields.csv"), "w", encoding="utf-8", newline="") as f:  # UTF-8 -> .cpg
        w = csv.writer(f, delimiter=";")
        w.writerow(["shapefile_field", "field"])
        w.writerows(zip(short, names))
    renamed = [f"{a}->{b}" for a, b in zip(names, short) if a != b]
    if renamed:
        report.notes.append(f"{table.name}: fields renamed " + ", ".join(renamed))


def write(plan: PhasePlan, files: list[tuple[Path, str]], report) -> None:
    """The .shp/.shx/.dbf/.prj/.cpg set and NAME.fields.csv of each (file, layer) of `files` (one folder:
    formats.layer_files), built in a temporary folder and moved in by planner/io/writer.py."""

    def fill(tmp: Path) -> None:
        for shp, name in files:
            _write_one(tmp / shp.name, plan.table(name), report)

    report.files.extend(write_folder(files[0][0].parent, fill))
