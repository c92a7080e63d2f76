"""Renders resources/icons/rollout-planner.svg to the PNG sizes and the Windows .ico the installers need."""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    QSvgRenderer(str(ICONS / "rollout-planner.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 (needed for fonts/painting)
    for size in (16, 32, 48, 64, 128, 256):
        render(size).save(str(ICONS / f"rollout-planner-{size}.png"))
    render(256).save(str(ICONS / "rollout-planner.ico"))
    print("icons written to", ICONS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
