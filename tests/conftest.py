"""Shared test fixtures: paths to the shared real data, headless Qt."""
import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# saves and autosaves of test windows write in a worker thread (the path frozen builds use), not through the shared
# writer subprocess: a full run once stalled with a window's task never finishing (see the closing note);
# tests/test_gui_recovery.py tests the writer process itself
os.environ.setdefault("ROLLOUT_PLANNER_WRITER_PROCESS", "0")
# recovery files written by test windows' autosave go to a throw-away folder, never the user's
os.environ.setdefault("ROLLOUT_PLANNER_RECOVERY_DIR", tempfile.mkdtemp(prefix="rp-test-recovery-"))
# the log of failure details goes to a throw-away file, never the user's
os.environ.setdefault("ROLLOUT_PLANNER_LOG", os.path.join(tempfile.mkdtemp(prefix="rp-test-log-"), "test.log"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
GERS = SHARED / "gers"
COMMUNES_GPKG = GERS / "communes_gers_2026.gpkg"
BANO_RAW_CSV = GERS / "bano_gers_2015_raw.csv"
BANO_GPKG = GERS / "bano_gers_2015.gpkg"
ARCEP_CSV = GERS / "arcep_ftth_gers_2017T3_2018T1.csv"
OCCITANIE_GPKG = SHARED / "occitanie" / "occitanie_communes_2018.gpkg"
FRANCE_GPKG = SHARED / "france" / "france_communes_2018.gpkg"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared/data is not beside the checkout")
    return SHARED


def _read_layer(path, layer=None):
    """(field dict, shapely geometries, crs) of a vector layer, read with pyogrio."""
    import pyogrio
    import shapely

    meta, _, wkb, cols = pyogrio.raw.read(path, layer=layer)
    return {n: cols[i] for i, n in enumerate(meta["fields"])}, shapely.from_wkb(wkb), meta["crs"]


@pytest.fixture(scope="session")
def gers_communes_model(shared_data):
    """Factory: a fresh planner Communes over the real Gers communes (EPSG:2154, units = locaux_insee_2018)."""
    from planner.core.project.model import Communes, Layer

    fields, geoms, _ = _read_layer(COMMUNES_GPKG, "communes_l93")

    def make():
        layer = Layer("communes", "polygon", fields=dict(fields), geometries=geoms.copy(), source=str(COMMUNES_GPKG))
        return Communes(layer, units_field="locaux_insee_2018")
    return make


@pytest.fixture(scope="session")
def bano_premises_model(shared_data):
    """Factory: a fresh planner Premises over the real BANO Gers addresses reprojected to EPSG:2154."""
    import numpy as np
    import pyproj
    import shapely

    from planner.core.project.model import Layer, Premises

    fields, geoms, crs = _read_layer(BANO_GPKG)
    tr = pyproj.Transformer.from_crs(crs, "EPSG:2154", always_xy=True)
    x, y = tr.transform(shapely.get_x(geoms), shapely.get_y(geoms))

    def make():
        layer = Layer("premises", "point", fields=dict(fields), x=np.asarray(x, float).copy(),
                      y=np.asarray(y, float).copy(), source=str(BANO_GPKG))
        return Premises(layer)
    return make


@pytest.fixture(scope="session", autouse=True)
def _widgets_application(qapp):
    """Create the widgets-capable QApplication first, so that code which creates a bare QGuiApplication
    when none exists (the render layer, for the command line) never leaves GUI tests without widgets.
    Cyclic garbage collection runs on this (the GUI) thread only, as in the app (planner/ui/common/gc_guard.py)."""
    import gc

    gc.disable()
    yield qapp
    gc.enable()


# Qt messages a test may cause without failing: an explicit list, one entry per known harmless message
QT_MESSAGES_ALLOWED = (
    # the offscreen platform (headless tests) cannot pass size hints to a window manager; a real one can
    "This plugin does not support propagateSizeHints()",
)


@pytest.fixture(autouse=True)
def _fail_on_qt_warnings():
    """Every Qt warning, critical or fatal message during a test (setup, call and teardown, widgets closed
    included) fails it, naming the message and where Qt emitted it; only QT_MESSAGES_ALLOWED pass. Messages
    are still handed to the handler installed before (pytest-qt's capture), so its report keeps them."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    failing = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
    seen = []
    previous = None

    def handler(kind, context, message):
        if kind in failing and not any(allowed in message for allowed in QT_MESSAGES_ALLOWED):
            where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
            seen.append(f"{kind.name}: {message}{where}")
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    yield seen
    qInstallMessageHandler(previous)
    if seen:
        pytest.fail("Qt warned during the test:\n  " + "\n  ".join(seen), pytrace=False)


@pytest.fixture(autouse=True)
def _collect_on_gui_thread():
    """After each test, collect cycles on the GUI thread (a collection in a worker thread once froze the suite), as
    the app does (planner/ui/common/gc_guard.py): the generations that are due, not a full collection every time."""
    from planner.ui.common.gc_guard import collect_due

    yield
    collect_due()


@pytest.fixture(autouse=True)
def _no_blocking_message_boxes(monkeypatch):
    """Headless tests must never wait on a modal box: static QMessageBox calls answer at once (Discard, else
    No, else Cancel, else the default) and are recorded in the returned list. Tests that need another answer
    monkeypatch QMessageBox themselves (their patch replaces this one)."""
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def answer(kind):
        qt_default = QMessageBox.Yes | QMessageBox.No if kind == "question" else QMessageBox.Ok

        def box(parent, title, text, buttons=qt_default, default=QMessageBox.NoButton):
            asked.append((kind, title, text))
            for safe in (QMessageBox.Discard, QMessageBox.No, QMessageBox.Cancel):
                if QMessageBox.StandardButtons(buttons) & safe:
                    return safe
            return default if default != QMessageBox.NoButton else QMessageBox.Ok
        return staticmethod(box)

    for kind in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, answer(kind))
    return asked


@pytest.fixture
def no_modal_dialogs(monkeypatch):
    """Error dialogs are recorded instead of shown (a modal would block the offscreen run); the test fails if
    one appeared. Use with `pytestmark = pytest.mark.usefixtures("no_modal_dialogs")`."""
    from planner.ui.common import errors as ui_errors

    shown = []
    monkeypatch.setattr(ui_errors, "show_error", lambda parent, exc, context=None: shown.append((context, exc)))
    yield shown
    assert not shown, f"an error dialog was shown: {shown}"


@pytest.fixture(scope="module")
def sample():
    """The bundled Gers sample project (read once per test module; tests copy what they edit)."""
    from planner.io.layers.sample import load_sample_project

    return load_sample_project()


@pytest.fixture(autouse=True)
def _no_modal_exec(monkeypatch):
    """A modal dialog's exec() would wait forever in a headless run: fail the test instead, naming the dialog
    (an error box shows its message). Tests that drive a dialog patch its class's exec themselves."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(self, *args, **kwargs):
        text = f": {self.text()}" if isinstance(self, QMessageBox) else ""
        raise AssertionError(f"modal dialog opened in a headless test: {self.windowTitle()!r}{text}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
