"""Fault injection that needs no special rights, for the writer tests.

In this process: `inject(monkeypatch, kind, folder, at=1)` makes the operating system calls that touch files
under `folder` fail the way a full, read-only or forbidden disk does:
  'full'      os.fsync of a file under `folder` raises ENOSPC at its `at`-th call (the bytes did not fit:
              what delayed allocation reports on a real full disk, and NFS/SMB shares on close);
  'read_only' creating a file or folder under `folder` (os.open with O_CREAT, os.mkdir) raises EROFS;
  'denied'    the same with EACCES (root ignores chmod, so a real read-only folder cannot be made here).
Every writer goes through planner/io/writer.py, which creates its temporary name with os.open and fsyncs it,
so these calls are met by GDAL, SQLite, Qt and openpyxl writers alike.

In a subprocess: `limited_run(args, limit_bytes)` runs `python main.py ARGS` with RLIMIT_FSIZE set (and SIGXFSZ
ignored), so any write past `limit_bytes` fails with EFBIG inside the libraries themselves (GDAL, SQLite, Qt's
PDF writer, openpyxl's zip), as on a disk that fills up mid-write.
"""
from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ERRNO = {"full": errno.ENOSPC, "read_only": errno.EROFS, "denied": errno.EACCES}
WORDS = {"full": "disk is full", "read_only": "read-only", "denied": "permission denied"}


def _under(path, folder: Path) -> bool:
    try:
        return Path(os.fsdecode(path)).absolute().is_relative_to(folder)
    except (TypeError, ValueError):
        return False


def inject(monkeypatch, kind: str, folder: Path, at: int = 1) -> list:
    """Install the fault; returns the list of (call, path) that failed (for the test to check it happened)."""
    folder = Path(folder).absolute()
    failed: list = []
    code = ERRNO[kind]
    if kind == "full":
        real_fsync = os.fsync
        calls = [0]

        def fsync(fd):
            try:
                path = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                path = ""
            if path and _under(path, folder) and not os.path.isdir(path):
                calls[0] += 1
                if calls[0] >= at:
                    failed.append(("fsync", path))
                    raise OSError(code, os.strerror(code))
            return real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
        return failed
    real_open, real_mkdir = os.open, os.mkdir

    def fake_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and _under(path, folder):
            failed.append(("open", path))
            raise OSError(code, os.strerror(code), os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    def fake_mkdir(path, *args, **kwargs):
        if _under(path, folder):
            failed.append(("mkdir", path))
            raise OSError(code, os.strerror(code), os.fsdecode(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)
    return failed


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative path -> bytes), folders as b'<dir>': the listing and the contents."""
    out = {}
    for p in sorted(Path(folder).rglob("*")):
        out[str(p.relative_to(folder))] = b"<dir>" if p.is_dir() else p.read_bytes()
    return out


def _limit(limit_bytes: int):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, resource.RLIM_INFINITY))
    return apply


def limited_run(script: str, limit_bytes: int, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the Python `script` (it may call planner.cli.main) with files limited to `limit_bytes` each."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", script], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=_limit(limit_bytes))
