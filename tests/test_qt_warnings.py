"""The GUI tests fail on Qt warnings (tests/conftest.py): the hook sees them, and allows only its list."""
from PySide6.QtCore import qWarning


def test_a_qt_warning_is_recorded_to_fail_the_test(_fail_on_qt_warnings):
    qWarning("dataChanged() called with an invalid index range")
    assert _fail_on_qt_warnings == ["QtWarningMsg: dataChanged() called with an invalid index range"]
    _fail_on_qt_warnings.clear()   # this test made the warning on purpose


def test_only_the_offscreen_size_hint_message_is_allowed(_fail_on_qt_warnings):
    qWarning("This plugin does not support propagateSizeHints()")
    assert _fail_on_qt_warnings == []
