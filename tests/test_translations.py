"""Translation completeness: every visible string goes through tr() and has a French translation."""
import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI_DIRS = [ROOT / "planner" / "ui", ROOT / "planner" / "render"]
TS_FR = ROOT / "resources" / "translations" / "rollout_planner_fr.ts"

# calls whose string-literal arguments are shown to the user
TEXT_SETTERS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setPlaceholderText", "setTitle", "addMenu",
    "setLabelText", "setWhatsThis", "showMessage", "setHeaderLabels", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "setSpecialValueText", "setPrefix", "setSuffix", "addTab", "setTabText",
    "setWindowIconText", "setCancelButtonText", "setInformativeText", "setDetailedText",
}
WIDGET_CTORS = {"QAction", "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QRadioButton", "QToolButton",
                "QMenu", "QDockWidget", "QProgressDialog"}
MESSAGE_BOXES = {"information", "warning", "critical", "question", "about"}
PROSE = re.compile(r"[A-Za-z]*[a-z][A-Za-z]{2,}")


def _py_files():
    for d in UI_DIRS:
        yield from sorted(d.rglob("*.py"))


def _literal_strings(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, (ast.List, ast.Tuple)):
        for elt in node.elts:
            yield from _literal_strings(elt)
    elif isinstance(node, ast.JoinedStr):
        for v in node.values:
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                yield v.value


def _untranslated(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in TEXT_SETTERS:
            args = node.args[1:2] if name == "addTab" else node.args[:1]
        elif name in WIDGET_CTORS:
            args = node.args[:1]
        elif name in MESSAGE_BOXES and isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "QMessageBox":
            args = node.args[1:3]
        else:
            continue
        for arg in args:
            for s in _literal_strings(arg):
                if PROSE.search(s):
                    yield f"{path.relative_to(ROOT)}:{node.lineno}: {s!r}"


def test_visible_strings_go_through_tr():
    bad = [hit for f in _py_files() for hit in _untranslated(f)]
    assert not bad, "visible strings not wrapped in tr():\n" + "\n".join(bad)


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str, str]]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        cname = context.findtext("name")
        for msg in context.iter("message"):
            tr = msg.find("translation")
            kind = tr.get("type", "") if tr is not None else "unfinished"
            out[(cname, msg.findtext("source"))] = ((tr.text or "") if tr is not None else "", kind)
    return out


def _lupdate() -> list[str]:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    if not exe.exists():
        pytest.skip("pyside6-lupdate is not installed")
    return [str(exe)]


def test_french_translation_is_complete(tmp_path):
    """Extract the strings from the code now and check each has a finished French translation in the .ts."""
    assert TS_FR.exists(), "resources/translations/rollout_planner_fr.ts is missing (make translations-update)"
    fresh = tmp_path / "fresh.ts"
    files = [str(f) for f in _py_files()]
    subprocess.run(_lupdate() + files + ["-ts", str(fresh)], check=True, capture_output=True)
    wanted = _messages(fresh)
    have = _messages(TS_FR)
    missing = [f"{c}: {s!r}" for (c, s) in wanted if (c, s) not in have]
    unfinished = [f"{c}: {s!r}" for (c, s) in wanted if (c, s) in have
                  and (have[(c, s)][1] in ("unfinished", "vanished", "obsolete") or not have[(c, s)][0].strip())]
    assert len(wanted) > 50
    assert not missing, f"{len(missing)} strings not in the French .ts (run make translations-update):\n" + "\n".join(missing[:40])
    assert not unfinished, f"{len(unfinished)} strings without a French translation:\n" + "\n".join(unfinished[:40])
