"""A month slider with a play button, shared by the coverage plot and the map through document.monthChanged."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QStyle, QToolButton, QWidget

from planner.core.months import format_month, parse_month


class TimeSlider(QWidget):
    """Slider over the months of the active scenario; moving it calls `document.set_month`.

    The play button advances one month every `interval_ms` and stops at the horizon.
    """

    def __init__(self, document, parent: QWidget | None = None, interval_ms: int = 120):
        super().__init__(parent)
        self.document = document
        self.setObjectName("timeSlider")
        self.play_button = QToolButton(self)
        self.play_button.setCheckable(True)
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.play_button.setToolTip(self.tr("Play the rollout month by month (Ctrl+Space)"))
        self.play_button.setShortcut(QKeySequence(self.tr("Ctrl+Space")))
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setToolTip(self.tr("Month shown on the map and the curves"))
        self.slider.setPageStep(12)
        self.label = QLabel(self)
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000-00 (000)") + 8)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.play_button)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.play_button.toggled.connect(self._play_toggled)
        self.slider.valueChanged.connect(self._slider_moved)
        document.monthChanged.connect(self._month_changed)
        document.projectReplaced.connect(self.refresh_range)
        document.changed.connect(lambda _cmd: self.refresh_range())
        self.refresh_range()

    # --- range -----------------------------------------------------------------------------
    def month_count(self) -> int:
        return max(1, int(self.document.project.scenario.horizon_months))

    def refresh_range(self) -> None:
        """Fit the slider to the active scenario's horizon and show the document's month."""
        self.slider.blockSignals(True)
        self.slider.setRange(0, self.month_count() - 1)
        self.slider.setValue(min(self.document.month, self.month_count() - 1))
        self.slider.blockSignals(False)
        self._update_label()

    def _update_label(self) -> None:
        try:
            start = parse_month(self.document.project.scenario.start)
        except ValueError:
            self.label.setText(str(self.slider.value()))
            return
        self.label.setText(format_month(start + self.slider.value()))

    # --- signals ---------------------------------------------------------------------------
    def _slider_moved(self, value: int) -> None:
        self._update_label()
        self.document.set_month(value)

    def _month_changed(self, month: int) -> None:
        if self.slider.value() != month:
            self.slider.blockSignals(True)
            self.slider.setValue(month)
            self.slider.blockSignals(False)
            self._update_label()

    # --- playing ---------------------------------------------------------------------------
    def _play_toggled(self, playing: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        if playing:
            if self.slider.value() >= self.slider.maximum():
                self.slider.setValue(0)
            self.timer.start()
        else:
            self.timer.stop()

    def _tick(self) -> None:
        if self.slider.value() >= self.slider.maximum():
            self.play_button.setChecked(False)
            return
        self.slider.setValue(self.slider.value() + 1)

    def is_playing(self) -> bool:
        return self.timer.isActive()
