"""Former home of the atomic writer, kept so that older imports still work: see planner/io/writer.py."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from planner.io import writer
from planner.io.writer import (_pid_alive, fsync_dir, fsync_file, remove_quietly, stale_temps,  # noqa: F401
                               temp_path_for, write_file)


def atomic_write(target: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    """write_file(target, write) (planner/io/writer.py): temporary beside the target, fsync, check, rename."""
    return write_file(target, write)


def write_folder(target: str | os.PathLike, build: Callable[[Path], None]) -> Path:
    """writer.write_folder(target, build, whole=True): the folder built aside replaces `target` as a whole."""
    writer.write_folder(target, build, whole=True)
    return Path(target).absolute()
