"""Projects open elsewhere and projects changed elsewhere.

Lock file: while a window has a project open, `.~NAME.gpkg.lock` beside it holds who (user, host, process)
and since when (JSON). Another window or a colleague on a shared drive opening the same file learns by whom
and since when it is open (`holder(path)`); a lock whose process is gone (same host) or that was not refreshed
for STALE_HOURS (other host: the owner refreshes it at every save and autosave) is stale and taken over.

Changed elsewhere: `Fingerprint.of(path)` (size, modification time in ns, inode) taken when a project is loaded
or saved; saving onto that file again first compares it (`changed_since`). The comparison does not depend on
how the file was written: a save by temporary file and rename changes the inode and time, a save in place
(SQLite transaction) changes the time and usually the size, so both are seen.
"""
from __future__ import annotations

import datetime as _dt
import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from planner.io.writer import _pid_alive, write_json

#: a lock from another computer not refreshed for this long is stale (its owner refreshes it at each save)
STALE_HOURS = 12.0


def lock_path(project_path: str | os.PathLike) -> Path:
    p = Path(project_path).absolute()
    return p.with_name(f".~{p.name}.lock")


@dataclass(frozen=True)
class LockInfo:
    """Who holds a project open: user, host, process id, since (aware datetime), the lock file."""

    user: str
    host: str
    pid: int
    since: _dt.datetime | None
    path: Path

    def mine(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    def stale(self) -> bool:
        """The process is gone (same host), or the lock was not refreshed for STALE_HOURS."""
        if self.host == socket.gethostname():
            return not _pid_alive(self.pid)
        try:
            age = time.time() - self.path.stat().st_mtime
        except OSError:
            return True
        return age > STALE_HOURS * 3600

    def describe(self) -> str:
        """'alice on laptop-3 since 2026-03-02 14:05' (local time)."""
        since = self.since.astimezone().strftime("%Y-%m-%d %H:%M") if self.since else "an unknown time"
        return f"{self.user} on {self.host} since {since}"


def read_lock(project_path: str | os.PathLike) -> LockInfo | None:
    """The lock beside the project, None when there is none (an unreadable lock counts as stale)."""
    path = lock_path(project_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        since = _dt.datetime.fromisoformat(data["since"]) if data.get("since") else None
        return LockInfo(str(data.get("user", "?")), str(data.get("host", "?")), int(data.get("pid", 0)), since, path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockInfo("?", "?", 0, None, path)  # damaged: treated as stale (pid 0 is never alive here)


def holder(project_path: str | os.PathLike) -> LockInfo | None:
    """Who else has this project open (a live lock that is not ours), else None."""
    info = read_lock(project_path)
    if info is None or info.mine() or info.stale():
        return None
    return info


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "someone"


def acquire(project_path: str | os.PathLike) -> bool:
    """Write (or refresh) our lock beside the project; takes over a stale one. False when the folder is
    read-only or the lock cannot be written (the project opens anyway: locks are advice, never a barrier)."""
    info = read_lock(project_path)
    since = info.since if info is not None and info.mine() else _dt.datetime.now(_dt.timezone.utc)
    data = {"user": _user(), "host": socket.gethostname(), "pid": os.getpid(),
            "since": since.isoformat(timespec="seconds"), "app": "Rollout Planner"}
    try:
        write_json(lock_path(project_path), data)
    except Exception:  # noqa: BLE001 - a read-only share: no lock, no error
        return False
    return True


def release(project_path: str | os.PathLike) -> None:
    """Remove our lock (not another session's)."""
    info = read_lock(project_path)
    if info is not None and info.mine():
        try:
            os.remove(info.path)
        except OSError:
            pass


@dataclass(frozen=True)
class Fingerprint:
    """What identifies one version of a file on disk."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: str | os.PathLike) -> "Fingerprint | None":
        try:
            st = os.stat(path)
        except OSError:
            return None
        return cls(st.st_size, st.st_mtime_ns, st.st_ino)


def changed_since(path: str | os.PathLike, seen: Fingerprint | None) -> bool:
    """True when the file at `path` is not the version fingerprinted as `seen` (removed counts as changed)."""
    if seen is None:
        return False
    return Fingerprint.of(path) != seen
