"""Why a write failed, in plain words: `WriteError` and `explain(exc, target)` (used by planner/io/writer.py).

A failed write reaches the planner as one sentence naming the file, the cause and what became of the old file:

    /media/key/plan.gpkg: not written, the disk is full (about 12.4 MB needed, 1.2 MB free); the previous file
    is unchanged

Causes (`WriteError.cause`): 'disk_full', 'too_big' (file size limit, e.g. 4 GB on a FAT32 key), 'read_only',
'permission', 'no_folder', 'locked', 'bad_name', 'check' (what was written failed its check) and 'other'.
Library messages (GDAL's SQL, SQLite's codes, Qt's) never reach the sentence: they go to the log
(logger 'planner.io.writer'), and the cause is read from the errno, else from the library's words, else from
the free space left on the disk.
"""
from __future__ import annotations

import errno
import logging
import os
import shutil
from pathlib import Path

from planner.core.errors import PlannerError
from planner.io import logs

log = logging.getLogger("planner.io.writer")

#: below this much free space a failed write is put down to a full disk whatever the library said
NEARLY_FULL_BYTES = 1 << 20

_WORDS = {
    "disk_full": "the disk is full",
    "too_big": "the file is larger than this disk or account allows (file size limit)",
    "read_only": "the disk or folder is read-only",
    "permission": "permission denied (you may not write in this folder or replace this file)",
    "no_folder": "the folder does not exist",
    "locked": "the file is locked by another program (close it there, e.g. in QGIS or Excel, and try again)",
    "bad_name": "the name is not allowed on this disk",
    "is_folder": "a folder of that name is in the way",
    "other": "the write failed",
}

_ERRNO_CAUSE = {
    errno.ENOSPC: "disk_full", errno.EDQUOT: "disk_full", errno.EFBIG: "too_big", errno.EROFS: "read_only",
    errno.EACCES: "permission", errno.EPERM: "permission", errno.ENOENT: "no_folder", errno.ENOTDIR: "no_folder",
    errno.EBUSY: "locked", errno.ETXTBSY: "locked", errno.ENAMETOOLONG: "bad_name", errno.EINVAL: "bad_name",
    errno.EISDIR: "is_folder",
}
#: Windows: sharing violation / lock violation (another program has the file open)
_WINERROR_LOCKED = {32, 33}

#: words of GDAL, SQLite, Qt and openpyxl messages -> cause (lower case; first match wins)
_TEXT_CAUSE = (
    ("database or disk is full", "disk_full"), ("no space left", "disk_full"), ("disk full", "disk_full"),
    ("disk quota", "disk_full"), ("file too large", "too_big"), ("read-only file system", "read_only"),
    ("readonly database", "read_only"), ("read-only", "read_only"), ("permission denied", "permission"),
    ("database is locked", "locked"), ("database table is locked", "locked"), ("sqlite_busy", "locked"),
)


def human_bytes(n: float) -> str:
    """'12.4 MB', '980 kB', '512 B' (decimal units, as file managers show them)."""
    n = float(n)
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if abs(n) >= size:
            return f"{n / size:.1f} {unit}"
    return f"{int(n)} B"


def free_bytes(folder: str | os.PathLike) -> int | None:
    """Free space for this user in `folder` (its nearest existing parent), None where unknown."""
    p = Path(folder)
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        return int(shutil.disk_usage(p).free)
    except OSError:
        return None


class WriteError(PlannerError):
    """A write that did not happen: `path`, `cause` (see the module doc), `needed`/`free` bytes where known.

    `str(exc)` is the sentence shown to the planner; `detail` keeps the library's own message (logged)."""

    def __init__(self, path, cause: str, *, existed: bool = False, needed: int | None = None,
                 free: int | None = None, detail: str = "", words: str | None = None, after: str | None = None,
                 at_least: bool = False):
        self.path = str(path)
        self.cause = cause
        self.existed = existed
        self.needed = needed
        self.free = free
        self.detail = detail
        #: `needed` is what was written before the failure, a lower bound
        self.at_least = at_least
        self.words = words or _WORDS.get(cause, _WORDS["other"])
        self.after = after or ("the previous file is unchanged" if existed else "nothing was left behind")
        super().__init__(self._sentence())

    def __reduce__(self):  # crosses the writer process whole (cause, sizes), not as its message only
        return (_rebuild, (self.path, self.cause, self.__dict__.copy()))

    def _sentence(self) -> str:
        words = self.words
        if self.cause == "disk_full" and (self.needed or self.free is not None):
            parts = []
            if self.needed:
                parts.append(f"{'more than' if self.at_least else 'about'} {human_bytes(self.needed)} needed")
            if self.free is not None:
                parts.append(f"{human_bytes(self.free)} free")
            words += f" ({', '.join(parts)})"
        return f"{self.path}: not written, {words}; {self.after}"


def _rebuild(path, cause, state) -> "WriteError":
    exc = WriteError(path, cause)
    exc.__dict__.update(state)
    exc.args = (exc._sentence(),)
    return exc


def _errno_of(exc: BaseException) -> tuple[int | None, int | None]:
    """(errno, winerror) of the first OSError in the exception's chain."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and (exc.errno or getattr(exc, "winerror", None)):
            return exc.errno, getattr(exc, "winerror", None)
        exc = exc.__cause__ or exc.__context__
    return None, None


def cause_of(exc: BaseException, folder: str | os.PathLike | None = None, free: int | None = None) -> str:
    """The cause of a failed write: from the errno, else the library's words, else the free space left."""
    if isinstance(exc, WriteError):
        return exc.cause
    code, winerror = _errno_of(exc)
    if winerror in _WINERROR_LOCKED:
        return "locked"
    if code in _ERRNO_CAUSE:
        return _ERRNO_CAUSE[code]
    text = str(exc).lower()
    for words, cause in _TEXT_CAUSE:
        if words in text:
            return cause
    if folder is not None:
        free = free_bytes(folder) if free is None else free
        if free is not None and free < NEARLY_FULL_BYTES:
            return "disk_full"
    return "other"


def _at_size_limit(size: int) -> bool:
    """True when a file of `size` bytes reached this process's file size limit (ulimit -f)."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return soft != resource.RLIM_INFINITY and size >= soft


def short_file_cause(size: int, folder: str | os.PathLike, free: int | None = None) -> str | None:
    """Why a file came out short when the library said nothing (Qt's PDF writer): 'disk_full', 'too_big' or
    None (then the check's own words are shown). `free`: the free bytes when it failed, if measured."""
    if _at_size_limit(size):
        return "too_big"
    free = free_bytes(folder) if free is None else free
    if free is not None and free < NEARLY_FULL_BYTES:
        return "disk_full"
    return None


def explain(exc: BaseException, target: str | os.PathLike, *, existed: bool, needed: int | None = None,
            written: int | None = None, after: str | None = None, free: int | None = None) -> WriteError:
    """The WriteError for `exc` raised while writing `target` (its library message goes to the log).

    `needed`: the caller's estimate of the bytes to write; `written`: what the temporary held when it failed
    (a lower bound of what was needed)."""
    if isinstance(exc, WriteError):
        return exc
    target = Path(target)
    cause = cause_of(exc, target.parent, free)
    if cause == "other" and written and _at_size_limit(written):
        cause = "too_big"
    log.warning("writing %s failed (%s): %s: %s", target, cause, type(exc).__name__, exc)
    if cause == "disk_full":
        free = free_bytes(target.parent) if free is None else free
    else:
        free = None
    at_least = needed is None and bool(written)
    if at_least:
        needed = written
    words = None
    if cause == "other":
        where = logs.log_path()
        words = f"the write failed ({_short_reason(exc)}; the details are in {where or 'the log'})"
    return WriteError(target, cause, existed=existed, needed=needed, free=free, detail=str(exc), words=words,
                      after=after, at_least=at_least)


def _short_reason(exc: BaseException) -> str:
    """A few plain words for an unclassified failure: the OS's own wording, never a library's message."""
    code, _ = _errno_of(exc)
    if code:
        return os.strerror(code).lower()
    return "unexpected error"
