"""Cancelling an export that runs in the writer process: the process is stopped at once, the previous file is
unchanged and nothing the write had begun is left beside it."""
import functools
import time

import pytest

from planner.core.errors import Cancelled
from writer_jobs import begin_then_wait


def test_cancel_stops_the_writer_process_and_removes_what_it_began(tmp_path, monkeypatch):
    from planner.ui.project import autosave_timer

    monkeypatch.setenv(autosave_timer.WRITER_PROCESS_ENV, "1")
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"yesterday's plan")
    asked = time.monotonic() + 1.0
    t0 = time.monotonic()
    with pytest.raises(Cancelled):
        autosave_timer.call_in_writer_process_until(functools.partial(begin_then_wait, str(target), 30.0),
                                                    lambda: time.monotonic() > asked, [target])
    assert time.monotonic() - t0 < 10  # not the 30 s the job would take
    assert target.read_bytes() == b"yesterday's plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]
    # the next call starts a new writer process
    out = autosave_timer.call_in_writer_process_until(functools.partial(begin_then_wait, str(target), 0.0),
                                                      lambda: False, [target])
    assert out == str(target) and target.read_bytes() == b"half"
