"""Autosave, headless part: recovery files (one per open project) written atomically, found again after a crash.

The GUI calls `write_recovery` on a timer and after command batches, `clear_recovery_for` after a clean save or
exit, and at start-up offers `find_recoveries()` (what would be recovered: name, time, phases, original file).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import sys
import uuid
import weakref
from dataclasses import dataclass
from pathlib import Path

from planner.core.errors import PlannerError
from planner.core.project.model import Project

from planner.io.writer import _pid_alive, remove_quietly
from planner.io.project.project_file import load_project, read_meta, write_project_file

ENV_VAR = "ROLLOUT_PLANNER_RECOVERY_DIR"
SUFFIX = ".recovery.gpkg"

#: project -> (its session key, recovery files written for it); an untitled project keeps its key; an entry goes
#: with its project
_written: "weakref.WeakKeyDictionary[Project, tuple[str, set[Path]]]" = weakref.WeakKeyDictionary()


@dataclass
class Recovery:
    """A recovery file found after a crash: what it holds and which project file it belongs to (None = untitled)."""

    path: Path
    project_name: str
    saved_at: _dt.datetime | None
    phases: int
    source_path: str | None


def default_data_dir() -> Path:
    """The user's data folder for the application (XDG on Linux, AppData on Windows, Application Support on macOS)."""
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "RolloutPlanner"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Rollout Planner"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "rollout-planner"


def recovery_dir() -> Path:
    """The recovery folder ($ROLLOUT_PLANNER_RECOVERY_DIR if set), created if missing."""
    env = os.environ.get(ENV_VAR)
    folder = Path(env) if env else default_data_dir() / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _entry(project: Project) -> tuple[str, set[Path]]:
    entry = _written.get(project)
    if entry is None:
        entry = _written[project] = (uuid.uuid4().hex[:12], set())
    return entry


def recovery_path_for(project: Project) -> Path:
    """Where this project's recovery file goes: keyed by its file path, or by a session key while untitled."""
    session_key, _ = _entry(project)
    key = hashlib.sha1(str(Path(project.path).absolute()).encode()).hexdigest()[:12] if project.path else session_key
    slug = re.sub(r"[^0-9A-Za-z]+", "-", project.name).strip("-").lower()[:40] or "project"
    return recovery_dir() / f"{slug}-{key}{SUFFIX}"


def write_recovery(project: Project) -> Path:
    """Write (atomically) the project's recovery file and return its path; the project itself is unchanged."""
    path = recovery_path_for(project)
    extra = {"recovery_of": project.path, "recovery_pid": os.getpid(),
             "recovery_saved_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")}
    write_project_file(project, path, extra_meta=extra)
    _entry(project)[1].add(path)
    return path


def _parse_time(text) -> _dt.datetime | None:
    try:
        return _dt.datetime.fromisoformat(str(text))
    except ValueError:
        return None


def find_recoveries() -> list[Recovery]:
    """Recovery files left by sessions that ended without a clean save (newest first).

    Files of another instance still running are skipped; unreadable files are skipped too.
    """
    out = []
    for path in recovery_dir().glob(f"*{SUFFIX}"):
        try:
            meta = read_meta(path)
        except PlannerError:
            continue
        pid = meta.get("recovery_pid")
        if isinstance(pid, int) and pid != os.getpid() and _pid_alive(pid):
            continue
        names = meta.get("phase_names")
        source = meta.get("recovery_of")
        out.append(Recovery(path=path, project_name=str(meta.get("name", path.stem)),
                            saved_at=_parse_time(meta.get("recovery_saved_at") or meta.get("saved_at")),
                            phases=len(names) if isinstance(names, list) else 0,
                            source_path=source if isinstance(source, str) else None))
    epoch = _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)
    out.sort(key=lambda r: r.saved_at or epoch, reverse=True)
    return out


def load_recovery(recovery: Recovery) -> Project:
    """Open a recovery file as a project that saves back to its original file (or is untitled)."""
    project = load_project(recovery.path)
    project.path = recovery.source_path
    return project


def discard_recovery(path: str | os.PathLike) -> None:
    """Delete a recovery file (only files of the recovery folder)."""
    path = Path(path)
    if not path.name.endswith(SUFFIX) or path.absolute().parent != recovery_dir().absolute():
        raise PlannerError(f"{path}: not a recovery file")
    remove_quietly(path)


def clear_recovery_for(project: Project) -> None:
    """Remove the recovery files of this project (after a clean save or a clean exit)."""
    _, written = _entry(project)
    for path in list(written) + [recovery_path_for(project)]:
        remove_quietly(path)
    written.clear()
