"""Languages: load the French or English translation (.qm compiled from resources/translations/*.ts) and Qt's own."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from planner.core.project.paths import resources_dir

LANGUAGES = {"en": "English", "fr": "Français"}
_current = "en"
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resources_dir() / "translations"


def ts_file(lang: str) -> Path:
    return translations_dir() / f"rollout_planner_{lang}.ts"


def qm_file(lang: str) -> Path | None:
    """The compiled .qm for `lang`: shipped beside the .ts, or compiled now into a cache when only the .ts exists."""
    shipped = translations_dir() / f"rollout_planner_{lang}.qm"
    ts = ts_file(lang)
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        return shipped if shipped.exists() else None
    cache = Path(tempfile.gettempdir()) / "rollout-planner-qm"
    cache.mkdir(exist_ok=True)
    out = cache / f"rollout_planner_{lang}.qm"
    if out.exists() and out.stat().st_mtime >= ts.stat().st_mtime:
        return out
    return out if compile_ts(ts, out) else (shipped if shipped.exists() else None)


def lrelease_command() -> list[str] | None:
    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    return [exe] if Path(exe).exists() else None


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile a Qt Linguist .ts source to a .qm with lrelease; False when lrelease is unavailable."""
    cmd = lrelease_command()
    if cmd is None:
        return False
    result = subprocess.run(cmd + ["-silent", str(ts), "-qm", str(qm)], capture_output=True)
    return result.returncode == 0 and qm.exists()


def system_language() -> str:
    return "fr" if QLocale.system().language() == QLocale.French else "en"


def resolve_language(setting: str | None) -> str:
    """The language to use: the user's setting when it names a known language, else the system's."""
    return setting if setting in LANGUAGES else system_language()


def current_language() -> str:
    return _current


def install_language(lang: str, app: QCoreApplication | None = None) -> str:
    """Install the translators for `lang` on the application (replacing any previous ones); returns the language."""
    global _current
    app = app or QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    lang = lang if lang in LANGUAGES else "en"
    if lang != "en":
        qt_translator = QTranslator(app)
        if qt_translator.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            app.installTranslator(qt_translator)
            _installed.append(qt_translator)
        qm = qm_file(lang)
        translator = QTranslator(app)
        if qm is not None and translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.French, QLocale.France) if lang == "fr" else QLocale(QLocale.English, QLocale.UnitedKingdom))
    _current = lang
    return lang


def format_number(value, decimals: int = 0) -> str:
    """A number in the current language's style ('114 245' / '114,245')."""
    return QLocale().toString(float(value), "f", decimals)


def format_percent(value: float, decimals: int = 1) -> str:
    return f"{format_number(value, decimals)}\u00a0%" if _current == "fr" else f"{format_number(value, decimals)}%"
