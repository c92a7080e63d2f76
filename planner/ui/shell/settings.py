"""User settings kept between sessions (QSettings): recent files, folders, layout, snapping, paper, autosave, language."""
from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class Settings:
    """Typed access to the application's QSettings, with defaults.

    Keys: recent/files, folders/<kind>, window/geometry, window/state, snapping/enabled,
    snapping/tolerance_px, print/paper, print/landscape, print/month, autosave/minutes, ui/language, startup/open.
    """

    DEFAULTS = {
        "snapping/enabled": True,
        "snapping/tolerance_px": 10,
        "print/paper": "A4",
        "print/landscape": False,
        "autosave/minutes": 5,
        "ui/language": "",  # '' = follow the system locale
        "startup/open": "last",  # 'last': reopen the last project file; 'sample': the Gers sample with its demo plan
    }

    def __init__(self, qsettings: QSettings | None = None):
        self.q = qsettings or QSettings()

    # --- generic ---------------------------------------------------------------------------
    def value(self, key: str):
        default = self.DEFAULTS.get(key)
        raw = self.q.value(key, default)
        if isinstance(default, bool):
            return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
        if isinstance(default, int):
            try:
                return int(raw)
            except (TypeError, ValueError):
                return default
        return raw

    def set_value(self, key: str, value) -> None:
        self.q.setValue(key, value)

    # --- recent files and folders ----------------------------------------------------------
    def recent_files(self) -> list[str]:
        raw = self.q.value("recent/files", [])
        if isinstance(raw, str):
            raw = [raw] if raw else []
        return [str(p) for p in (raw or [])]

    def add_recent_file(self, path: str) -> list[str]:
        path = os.path.abspath(path)
        files = [p for p in self.recent_files() if os.path.abspath(p) != path]
        files.insert(0, path)
        files = files[:MAX_RECENT]
        self.q.setValue("recent/files", files)
        return files

    def remove_recent_file(self, path: str) -> None:
        self.q.setValue("recent/files", [p for p in self.recent_files() if p != path])

    def last_folder(self, kind: str = "data") -> str:
        return str(self.q.value(f"folders/{kind}", os.path.expanduser("~")))

    def set_last_folder(self, kind: str, path: str) -> None:
        folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
        self.q.setValue(f"folders/{kind}", folder)

    def set_folder(self, kind: str, folder: str) -> None:
        """Remember `folder` itself (which may not exist yet) as the last folder of this kind."""
        self.q.setValue(f"folders/{kind}", os.path.abspath(folder))

    # --- window layout ---------------------------------------------------------------------
    def save_window(self, window) -> None:
        self.q.setValue("window/geometry", window.saveGeometry())
        self.q.setValue("window/state", window.saveState())

    def restore_window(self, window) -> bool:
        geometry = self.q.value("window/geometry")
        state = self.q.value("window/state")
        ok = False
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            ok = window.restoreGeometry(geometry)
        if isinstance(state, QByteArray) and not state.isEmpty():
            ok = window.restoreState(state) and ok
        return ok

    # --- typed shortcuts -------------------------------------------------------------------
    @property
    def snapping_tolerance_px(self) -> int:
        return max(1, self.value("snapping/tolerance_px"))

    @property
    def autosave_minutes(self) -> int:
        return max(0, self.value("autosave/minutes"))

    @property
    def paper(self) -> str:
        paper = str(self.value("print/paper")).upper()
        return paper if paper in ("A4", "A3") else "A4"

    @property
    def language(self) -> str:
        return str(self.value("ui/language") or "")
