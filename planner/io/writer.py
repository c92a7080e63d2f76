"""The one way the planner writes a file: temporary name beside the target, fsync, check, rename.

Everything that writes goes through here: project save and autosave, every export format, print, render,
`simulate --json`, `calibrate -o/--json`, `new -o`, and the publish outputs. A crash, a kill, Ctrl-C or a full
disk at any moment leaves the previous file byte for byte (or no file), never a mix; success is reported only
after the rename. Failures become a `WriteError` (a PlannerError: the CLI prints it and exits 2, the window
shows it) whose message names the file and the cause in plain words; library messages go to the log.

API
---
    write_file(target, write, *, check=None, needed=None, estimate=None) -> Path
        One file. `write(temp)` fills the temporary path `temp` (same folder and extension as `target`; it does
        not exist when `write` is called, so GDAL/SQLite/Qt/openpyxl create it as they like). Then the file is
        fsynced, checked (`check(temp)`, default: by extension, see write_checks.check_for: non-empty, PDF page
        tree, GeoPackage quick_check, JSON, zip), given the old file's permissions, renamed onto `target`, and
        the folder is fsynced. `needed` (exact bytes) or `estimate` (rough bytes, refused only when less than
        half of it is free) is checked against the free space before starting.
    write_bytes(target, data) / write_text(target, text, encoding="utf-8", newline="") /
    write_json(target, data) -> Path
        Small outputs in one call (simulate --json, goal-seek --json, calibrate --json, lock files).
    write_folder(folder, write, *, checks=None, needed=None) -> list[Path]
        Several files into `folder` (GeoJSON/Shapefile/CSV sets, web map, QGIS project folder). `write(temp_dir)`
        creates them, flat, in a temporary folder; each is fsynced and checked (by extension, or
        `checks[name]`), then moved into `folder` (a missing `folder` is created by renaming the temporary
        folder onto it, so a failure never leaves an empty or half-filled folder). Files of `folder` that the
        write did not produce are left alone. Returns the final paths, sorted.
        whole=True: the output is the folder itself (web map, QGIS project folder): `write` may make
        subfolders, and the new folder replaces the previous one as a whole (moved aside, then removed).
    ensure_room(target, needed, estimate=False)
        Before long work (atlas, region export): WriteError('disk_full', needed, free) when the disk cannot
        hold `needed` bytes (estimate=True: clearly cannot, less than half free).
    replace_refused(paths, force) -> None
        WriteError-free helper for "already exists; use --force" (never removes anything).
    with plain_errors(target, after="the project file is unchanged (the save was rolled back)"):
        For writes that cannot go through a temporary (a save in place, in one SQLite transaction): library
        errors raised inside become the same plain-words WriteError (disk full, read-only, locked/busy, ...).

Errors (planner/io/write_errors.py): `WriteError(path, cause, needed=, free=)`, cause one of 'disk_full'
(with needed/free bytes where known), 'too_big', 'read_only', 'permission', 'no_folder', 'locked' (another
program holds the file; Windows sharing violations and SQLite busy), 'bad_name', 'is_folder', 'check', 'other'.
A programming error (TypeError, ...) raised by `write` propagates unchanged after the clean-up, and so do
KeyboardInterrupt and Cancelled: the temporary is removed first, the target is untouched.

File names made from data (phase or commune names) go through planner/io/safe_names.safe_file_name first.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import sqlite3
import stat
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

from planner.core.errors import PlannerError
from planner.io.write_checks import Check, CheckFailed, check_for
from planner.io.write_errors import WriteError, explain, free_bytes, human_bytes, short_file_cause

__all__ = ["write_file", "write_bytes", "write_text", "write_json", "write_folder", "ensure_room",
           "replace_refused", "plain_errors", "WriteError", "CheckFailed", "temp_path_for", "stale_temps", "remove_quietly",
           "human_bytes", "free_bytes"]

_TEMP_MARK = ".saving-"
#: a rough size estimate refuses a write only when less than this share of it is free
ESTIMATE_SLACK = 0.5
#: errors of writing files that are translated into a WriteError (others are bugs: they propagate)
_LIBRARY_ERRORS = (OSError, sqlite3.Error, CheckFailed)
_LIBRARY_MODULES = ("pyogrio", "fiona", "openpyxl", "zipfile", "pyarrow", "adbc_driver_manager")


def _translatable(exc: BaseException) -> bool:
    if isinstance(exc, PlannerError):
        return False
    return isinstance(exc, _LIBRARY_ERRORS) or type(exc).__module__.split(".")[0] in _LIBRARY_MODULES


# ---------------------------------------------------------------- temporaries
def temp_path_for(target: str | os.PathLike) -> Path:
    """A fresh temporary path in the target's directory: '.NAME.saving-PID-RANDOM.EXT' (same extension)."""
    target = Path(target)
    return target.with_name(f".{target.stem}{_TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}{target.suffix}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def stale_temps(target: str | os.PathLike) -> list[Path]:
    """Temporary files (or folders) left beside `target` by writes whose process has died (killed mid-save)."""
    target = Path(target)
    return _stale_in(target.parent, f".{target.stem}{_TEMP_MARK}")


def _stale_in(folder: Path, prefix: str) -> list[Path]:
    out = []
    try:
        candidates = list(folder.glob(f"{prefix}*"))
    except OSError:
        return []
    for p in candidates:
        pid_text = p.name[len(prefix):].split("-", 1)[0]
        if pid_text.isdigit() and not _pid_alive(int(pid_text)):
            out.append(p)
    return out


def remove_quietly(path: str | os.PathLike) -> None:
    """Remove a file (with its SQLite side files -journal, -wal, -shm) or a temporary folder, if present."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
        return
    for p in (str(path), f"{path}-journal", f"{path}-wal", f"{path}-shm"):
        try:
            os.remove(p)
        except OSError:
            pass


def fsync_file(path: str | os.PathLike) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(directory: str | os.PathLike) -> None:
    """Make a rename durable (no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _size(path: Path) -> int:
    try:
        if path.is_dir():
            return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        return path.stat().st_size
    except OSError:
        return 0


# ---------------------------------------------------------------- preconditions
def _check_target(target: Path) -> bool:
    """WriteError when the folder is missing or the target is a folder / a read-only file; True if it exists."""
    if not target.parent.is_dir():
        raise WriteError(target, "no_folder", words=f"the folder {target.parent} does not exist")
    if target.is_dir():
        raise WriteError(target, "is_folder", existed=True)
    existed = target.exists()
    if existed and not os.access(target, os.W_OK):
        if _read_only_disk(target.parent):
            raise WriteError(target, "read_only", existed=True)
        raise WriteError(target, "permission", existed=True, words="the file is read-only")
    return existed


def _read_only_disk(folder: Path) -> bool:
    """True when the disk holding `folder` is mounted read-only (a locked SD card, a read-only share)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # Windows has no statvfs
        return False


def ensure_room(target: str | os.PathLike, needed: int | None, *, estimate: bool = False) -> None:
    """WriteError('disk_full') before any work when the disk holding `target` (a file, or a folder to fill)
    cannot hold `needed` bytes. `estimate=True` for a rough figure (an atlas, a save, an export): refused only
    when the disk is clearly too small (less than half the estimate free), so a pessimistic estimate never
    stops a write that would have fitted."""
    if not needed:
        return
    target = Path(target).absolute()
    free = free_bytes(target if target.is_dir() else target.parent)
    if free is not None and free < (needed * ESTIMATE_SLACK if estimate else needed):
        raise WriteError(target, "disk_full", existed=target.exists(), needed=int(needed), free=free,
                         words="there is not enough room on the disk")


def replace_refused(paths: Iterable[Path], force: bool) -> None:
    """PlannerError naming the files that exist when `force` is False; nothing is ever removed here."""
    existing = [Path(p) for p in paths if Path(p).exists()]
    for p in existing:
        if p.is_dir():
            raise WriteError(p, "is_folder", existed=True)
    if existing and not force:
        names = ", ".join(str(p) for p in existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise PlannerError(f"{names}: already exists; use --force to overwrite")


def _probe(temp: Path) -> None:
    """Create and remove the temporary name: a read-only or forbidden folder fails here with its true errno."""
    fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    os.close(fd)
    os.remove(temp)


def _replace(src: Path, dst: Path) -> None:
    """os.replace, retried briefly on Windows where an antivirus or indexer may hold the target a moment."""
    for attempt in range(5):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if not sys.platform.startswith("win") or attempt == 4:
                raise
            time.sleep(0.1 * (attempt + 1))


def _check_error(exc: CheckFailed, target: Path, existed: bool, written: int, after: str | None = None,
                 free: int | None = None) -> WriteError:
    """A file that came out short or unsound: a full disk or a size limit when that is what happened (Qt's PDF
    writer says nothing when its writes fail), else the check's own words."""
    cause = short_file_cause(written, target.parent, free)
    if cause is not None:
        free = free if cause == "disk_full" else None
        return WriteError(target, cause, existed=existed, free=free, needed=written or None, after=after,
                          detail=str(exc), at_least=True)
    return WriteError(target, "check", existed=existed, after=after, words=f"what was written is not sound: {exc}")


@contextlib.contextmanager
def plain_errors(target: str | os.PathLike, *, after: str | None = None, needed: int | None = None):
    """Translate library errors raised in the block (a write in place) into a plain-words WriteError."""
    target = Path(target).absolute()
    try:
        yield target
    except BaseException as exc:
        if isinstance(exc, CheckFailed):
            raise _check_error(exc, target, True, 0, after) from exc
        if _translatable(exc):
            raise explain(exc, target, existed=True, needed=needed, after=after) from exc
        raise


# ---------------------------------------------------------------- one file
def write_file(target: str | os.PathLike, write: Callable[[Path], object], *, check: Check | None = None,
               needed: int | None = None, estimate: int | None = None) -> Path:
    """Write `target` through a temporary file (see the module doc); returns the absolute target path.

    `needed`: the exact size (refused when it does not fit); `estimate`: a rough one (refused when the disk is
    clearly too small)."""
    target = Path(target).absolute()
    existed = _check_target(target)
    ensure_room(target, needed)
    ensure_room(target, estimate, estimate=True)
    needed = needed or estimate
    for stale in stale_temps(target):
        remove_quietly(stale)
    temp = temp_path_for(target)
    try:
        _probe(temp)
        write(temp)
        if not temp.exists():
            raise CheckFailed("nothing was written")
        fsync_file(temp)
        (check or check_for(target))(temp)
        if existed:
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        _replace(temp, target)
    except BaseException as exc:
        written, free = _size(temp), free_bytes(target.parent)  # what the disk looked like when it failed
        remove_quietly(temp)
        if isinstance(exc, CheckFailed):
            raise _check_error(exc, target, existed, written, free=free) from exc
        if _translatable(exc):
            raise explain(exc, target, existed=existed, needed=needed, written=written, free=free) from exc
        raise
    fsync_dir(target.parent)
    return target


def write_bytes(target: str | os.PathLike, data: bytes, *, check: Check | None = None) -> Path:
    def _write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            f.write(data)
    return write_file(target, _write, check=check, needed=len(data))


def write_text(target: str | os.PathLike, text: str, *, encoding: str = "utf-8", check: Check | None = None) -> Path:
    return write_bytes(target, text.encode(encoding), check=check)


def write_json(target: str | os.PathLike, data, *, indent: int | None = None) -> Path:
    """`data` as UTF-8 JSON (non-ASCII kept as is)."""
    return write_text(target, json.dumps(data, ensure_ascii=False, indent=indent))


# ---------------------------------------------------------------- several files
def _files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _move_in(temp_dir: Path, folder: Path, exists: bool, whole: bool) -> list[Path]:
    rel = [p.relative_to(temp_dir) for p in _files_in(temp_dir)]
    if not exists:
        os.rename(temp_dir, folder)
    elif whole:  # the previous folder is moved aside and removed only once the new one is in place
        old = temp_dir.with_name(temp_dir.name + ".old")
        os.rename(folder, old)
        try:
            os.rename(temp_dir, folder)
        except BaseException:
            os.rename(old, folder)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        for name in [r for r in rel if len(r.parts) == 1]:
            dst = folder / name
            if dst.exists() and not dst.is_dir():
                os.chmod(temp_dir / name, stat.S_IMODE(os.stat(dst).st_mode))
            _replace(temp_dir / name, dst)
        temp_dir.rmdir()
    fsync_dir(folder)
    fsync_dir(folder.parent)
    return [folder / r for r in rel]


def _check_folder_target(folder: Path) -> bool:
    """True if `folder` exists already; WriteError when its parent is missing or a file is in the way."""
    if folder.exists() and not folder.is_dir():
        raise WriteError(folder, "is_folder", existed=True,
                         words="a file of that name is in the way (a folder is written)")
    if not folder.exists() and not folder.parent.is_dir():
        raise WriteError(folder, "no_folder", words=f"the folder {folder.parent} does not exist")
    return folder.exists()


def write_folder(folder: str | os.PathLike, write: Callable[[Path], object], *,
                 checks: dict[str, Check] | None = None, needed: int | None = None, estimate: int | None = None,
                 whole: bool = False) -> list[Path]:
    """Write several files into `folder` through a temporary folder (see the module doc); the final paths.

    whole=False: flat files moved into `folder`, its other files kept. whole=True (a web map, a QGIS project
    folder): `write` may make subfolders and the new folder replaces the previous one as a whole."""
    folder = Path(folder).absolute()
    exists = _check_folder_target(folder)
    ensure_room(folder, needed)
    ensure_room(folder, estimate, estimate=True)
    needed = needed or estimate
    base = folder.parent if (whole or not exists) else folder
    prefix = f".{folder.name}{_TEMP_MARK}"
    for stale in _stale_in(base, prefix):
        remove_quietly(stale)
    temp_dir = base / f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"
    after = "the folder is unchanged" if exists else None
    try:
        os.mkdir(temp_dir)
        write(temp_dir)
        files = _files_in(temp_dir)
        if not files:
            raise CheckFailed("nothing was written")
        if not whole and any(f.parent != temp_dir for f in files):
            raise ValueError("write_folder(whole=False) takes flat files only")
        for f in files:
            fsync_file(f)
            ((checks or {}).get(f.name) or check_for(f))(f)
        return _move_in(temp_dir, folder, exists, whole)
    except BaseException as exc:
        written, free = _size(temp_dir), free_bytes(base)
        remove_quietly(temp_dir)
        if isinstance(exc, CheckFailed):
            raise _check_error(exc, folder, exists, written, after, free=free) from exc
        if _translatable(exc):
            raise explain(exc, folder, existed=exists, needed=needed, written=written, after=after,
                          free=free) from exc
        raise
