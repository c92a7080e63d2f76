"""Cheap checks of a file just written, run by planner/io/writer.py before the rename onto the target.

Each check takes the temporary path and raises `CheckFailed(plain words)` when the file is not what it should
be; `check_for(path)` picks the check from the target's extension. They read little: the PDF's trailer and page
tree count, SQLite's quick_check of a GeoPackage, a JSON parse, the central directory of a zip (xlsx).
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Callable

Check = Callable[[Path], None]

_PDF_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", re.S)
_PDF_COUNT_REV = re.compile(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", re.S)


class CheckFailed(Exception):
    """What was written is not a sound file (plain words, e.g. 'the PDF has 0 pages, 12 expected')."""


def check_not_empty(path: Path) -> None:
    if os.path.getsize(path) == 0:
        raise CheckFailed("the file came out empty")


def pdf_page_count(path: str | os.PathLike) -> int:
    """Pages of a PDF written by Qt (the root page tree's /Count; the largest when several trees exist)."""
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"%PDF-"):
        raise CheckFailed("not a PDF")
    if b"%%EOF" not in data[-1024:]:
        raise CheckFailed("the PDF is cut short (no end marker)")
    counts = [int(m) for m in _PDF_COUNT.findall(data) + _PDF_COUNT_REV.findall(data)]
    return max(counts, default=0)


def check_pdf(pages: int | None = None) -> Check:
    """A PDF with an end marker and, when given, exactly `pages` pages."""
    def check(path: Path) -> None:
        check_not_empty(path)
        found = pdf_page_count(path)
        if pages is not None and found != pages:
            raise CheckFailed(f"the PDF has {found} page(s), {pages} expected")
        if found == 0:
            raise CheckFailed("the PDF has no page")
    return check


def check_gpkg(path: Path) -> None:
    """A GeoPackage SQLite can open, whose quick_check says 'ok' and that has its gpkg_contents table."""
    check_not_empty(path)
    try:
        con = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
        try:
            status = con.execute("PRAGMA quick_check").fetchone()[0]
            has = con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'gpkg_contents'").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        raise CheckFailed("the GeoPackage cannot be read back") from None
    if status != "ok":
        raise CheckFailed("the GeoPackage failed its integrity check")
    if not has:
        raise CheckFailed("the GeoPackage has no table of contents")


def check_json(path: Path) -> None:
    check_not_empty(path)
    try:
        with open(path, "rb") as f:
            json.load(f)
    except (ValueError, UnicodeDecodeError):
        raise CheckFailed("the JSON cannot be read back") from None


def check_zip(path: Path) -> None:
    """An xlsx (a zip) whose central directory reads and whose members' checksums match."""
    check_not_empty(path)
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
    except (zipfile.BadZipFile, OSError):
        raise CheckFailed("the workbook cannot be read back") from None
    if bad is not None:
        raise CheckFailed(f"the workbook's part {bad} is damaged")


def check_json_ends(path: Path) -> None:
    """A JSON document that starts with '{' and ends with '}' (large GeoJSON: not parsed whole)."""
    check_not_empty(path)
    with open(path, "rb") as f:
        head = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
        f.seek(max(0, os.path.getsize(path) - 64))
        tail = f.read().rstrip(b" \t\r\n")
    if not head.startswith(b"{") or not tail.endswith(b"}"):
        raise CheckFailed("the file is cut short")


_MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8", ".jpeg": b"\xff\xd8"}


def check_image(path: Path) -> None:
    check_not_empty(path)
    magic = _MAGIC.get(path.suffix.lower())
    if magic is not None:
        with open(path, "rb") as f:
            if f.read(len(magic)) != magic:
                raise CheckFailed("the image is damaged")


def check_for(target: str | os.PathLike) -> Check:
    """The check that suits the target's extension (non-empty for any other file)."""
    ext = Path(target).suffix.lower()
    return {".gpkg": check_gpkg, ".json": check_json, ".geojson": check_json_ends, ".xlsx": check_zip,
            ".pdf": check_pdf(), ".png": check_image, ".jpg": check_image, ".jpeg": check_image}.get(ext,
                                                                                                   check_not_empty)
