"""A project named at start-up is read while the window is built (planner/ui/project/prefetch.py), once, and
opened from that reading; an open the user declines, or a recovery, drops it."""
from __future__ import annotations

import pytest

from gui_helpers import make_window, wait_idle


@pytest.fixture
def plan(tmp_path):
    from test_gui_project import sample_project
    from planner.io.project.project_file import save_project

    path = tmp_path / "plan.gpkg"
    save_project(sample_project("Prefetched plan"), path)
    return path


@pytest.fixture
def reads(monkeypatch):
    """Counts every read of a project file (the prefetch and the window's own open)."""
    from planner.io.project import project_file

    calls = []
    original = project_file.load_project

    def counting(path, *args, **kwargs):
        calls.append(str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(project_file, "load_project", counting)
    return calls


def test_a_project_read_at_start_up_is_opened_without_reading_it_again(qtbot, tmp_path, plan, reads):
    from planner.ui.map.polygon_levels import _PREPARED
    from planner.ui.project import prefetch

    window = make_window(qtbot, tmp_path, plugins=True, sample=False)
    prefetch.UI_IMPORTED.set()
    future = prefetch.start(str(plan))
    early = future.result(timeout=120)
    assert early is not None and early.name == "Prefetched plan"
    assert early.communes.layer in _PREPARED  # the map's drawing data was built by the reading thread
    window.open_path(str(tmp_path / "." / "plan.gpkg"))  # the same file, named differently
    wait_idle(qtbot, window)
    assert window.document.project is early
    assert reads == [str(plan)]  # read once, by the start-up thread
    assert prefetch.take(str(plan)) is None  # handed over once


def test_declined_or_superseded_readings_are_dropped(qtbot, tmp_path, plan, reads, monkeypatch):
    from planner.ui.project import prefetch

    window = make_window(qtbot, tmp_path, plugins=True, sample=False)
    prefetch.UI_IMPORTED.set()  # as the application does once the window is built (else the reading waits for it)
    prefetch.start(str(plan)).result(timeout=120)
    with monkeypatch.context() as m:
        m.setattr(window.project_ui.actions.guard, "confirm_open", lambda path: False)  # "open elsewhere": no
        window.open_path(str(plan))
        wait_idle(qtbot, window)
    assert window.document.project.name != "Prefetched plan"
    assert prefetch.take(str(plan)) is None
    prefetch.start(str(plan)).result(timeout=120)
    prefetch.discard()  # a recovery was offered instead
    assert prefetch.take(str(plan)) is None
    window.open_path(str(plan))  # a later open reads the file as usual
    wait_idle(qtbot, window)
    assert window.document.project.name == "Prefetched plan"
    assert len(reads) == 3


def test_a_layer_file_named_at_start_up_is_not_taken_for_a_project(tmp_path):
    import numpy as np

    from planner.io.project.point_writing import write_points_arrow
    from planner.ui.project import prefetch

    layer = tmp_path / "points.gpkg"
    write_points_arrow(layer, "points", {"n": np.arange(3)}, np.full(3, 5e5), np.full(3, 6.2e6))
    assert prefetch.start(str(layer)).result(timeout=60) is None
    prefetch.discard()
    assert prefetch.take(str(layer)) is None
