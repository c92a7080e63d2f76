"""Atomic file replacement: write a temporary file beside the target, fsync it, then os.replace it over the target.

A crash, a kill or a full disk at any moment leaves either the previous file or the new one, never a mix.
"""
from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path
from typing import Callable

from planner.core.errors import PlannerError

_TEMP_MARK = ".saving-"


def temp_path_for(target: str | os.PathLike) -> Path:
    """A fresh temporary path in the target's directory: '.NAME.saving-PID-RANDOM.EXT' (same extension)."""
    target = Path(target)
    return target.with_name(f".{target.stem}{_TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}{target.suffix}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale_temps(target: str | os.PathLike) -> list[Path]:
    """Temporary files left beside `target` by saves whose process has died (killed mid-save)."""
    target = Path(target)
    out = []
    prefix = f".{target.stem}{_TEMP_MARK}"
    for p in target.parent.glob(f"{prefix}*"):
        pid_text = p.name[len(prefix):].split("-", 1)[0]
        if pid_text.isdigit() and not _pid_alive(int(pid_text)):
            out.append(p)
    return out


def remove_quietly(path: str | os.PathLike) -> None:
    """Remove a file and its SQLite side files (-journal, -wal, -shm) if present."""
    for p in (str(path), f"{path}-journal", f"{path}-wal", f"{path}-shm"):
        try:
            os.remove(p)
        except FileNotFoundError:
            pass
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


def describe_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (read-only folder or file?)"
    return exc.strerror or str(exc)


def atomic_write(target: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    """Call `write(temp_path)`, then atomically replace `target` with the result; returns the target path.

    On any failure the temporary file is removed, the previous target is untouched, and an OSError becomes a
    PlannerError naming the file. Stale temporaries of killed saves of the same target are cleaned first.
    """
    target = Path(target).absolute()
    if not target.parent.is_dir():
        raise PlannerError(f"{target}: cannot save, folder {target.parent} does not exist")
    for stale in stale_temps(target):
        remove_quietly(stale)
    temp = temp_path_for(target)
    try:
        write(temp)
        fsync_file(temp)
        os.replace(temp, target)
    except OSError as exc:
        remove_quietly(temp)
        raise PlannerError(f"{target}: cannot save, {describe_os_error(exc)}; the previous file is unchanged") from exc
    except BaseException:
        remove_quietly(temp)
        raise
    fsync_dir(target.parent)
    return target


def write_folder(target: str | os.PathLike, build: Callable[[Path], None]) -> Path:
    """Build a folder of files under a temporary name beside `target`, then move it in place of `target`.

    `build(temp_dir)` writes the files. An existing `target` folder is moved aside first and removed only once
    the new one is in place, so a failure at any step leaves the previous folder (or nothing) — never a mix.
    """
    import shutil

    target = Path(target).absolute()
    if not target.parent.is_dir():
        raise PlannerError(f"{target}: cannot write, folder {target.parent} does not exist")
    temp = temp_path_for(target)
    old = temp.with_name(temp.name + ".old")
    try:
        temp.mkdir()
        build(temp)
        if target.exists():
            os.replace(target, old)
        os.replace(temp, target)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise PlannerError(f"{target}: cannot write, {describe_os_error(exc)}; nothing was changed") from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    fsync_dir(target.parent)
    return target
