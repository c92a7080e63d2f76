"""GUI entry point: the QApplication and the main window, on the bundled Gers sample or on the files given."""
from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from planner import __version__

ORGANIZATION = "RolloutPlanner"
APPLICATION = "Rollout Planner"
#: set to '1' to print the seconds from process start to a drawn, interactive window, then quit (bench_startup)
STARTUP_BENCH_ENV = "ROLLOUT_PLANNER_STARTUP_BENCH"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once) with the names QSettings uses, and the user's language."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setOrganizationDomain("rollout-planner.org")
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "rollout-planner"] + list(argv or []))
    # no application display name: the window system would append " — Rollout Planner" to every dialog's title,
    # past the width Qt gives a message box for its title ("Export finis…"); the main window names the app itself
    from planner.ui.common.gc_guard import install_gui_thread_collector

    install_gui_thread_collector(app)  # a collection in a worker thread can destroy Qt objects there: freeze
    from planner.ui.shell.i18n import install_language, resolve_language
    from planner.ui.shell.settings import Settings

    install_language(resolve_language(Settings().language))
    reserve_title_room(app)
    return app


#: message boxes are at least this many times the width of their title in the interface font (+50 px, Qt's rule):
#: window managers draw titles in a larger, bold font beside their buttons ("Export finis…" was cut)
TITLE_ROOM = 1.5


def reserve_title_room(app: QApplication) -> None:
    """Make message boxes wide enough for their title as the window manager draws it.

    QMessageBox sizes itself to at least its title in the "QMdiSubWindowTitleBar" font plus 50 pixels; that font
    (used by nothing else here) is set to a bold one TITLE_ROOM times the interface font."""
    from PySide6.QtGui import QFont

    font = QFont(app.font())
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * TITLE_ROOM)
    else:
        font.setPixelSize(int(round(font.pixelSize() * TITLE_ROOM)))
    app.setFont(font, "QMdiSubWindowTitleBar")


def run_gui(argv: list[str] | None = None) -> int:
    """Open the main window: with no arguments on the Gers sample, else on the project/layer files given."""
    t0 = _process_start()
    argv = [a for a in (argv or []) if a]
    app = make_application()
    from planner.ui.shell.settings import Settings

    last = None if argv else startup_project(Settings())
    # start reading the sample at once: it overlaps the (long) import of pyqtgraph and the window set-up
    prefetched = None if argv or last else _prefetch_sample()
    opening = last or (argv[0] if len(argv) == 1 and argv[0].lower().endswith(".gpkg") else None)
    if opening and os.path.isfile(opening):  # a project read while the window is imported and built
        from planner.ui.project import prefetch as early

        early.start(opening)
    from planner.io.logs import setup_logging
    from planner.ui.shell.main_window import MainWindow
    from planner.ui.shell.window_layout import show_first_time
    from planner.ui.project import prefetch

    prefetch.UI_IMPORTED.set()

    setup_logging()  # failure details (library messages) go to the log file, never into a dialog

    window = MainWindow()
    show_first_time(window)  # as the user left it; the first time maximised, the map taking most of it
    recovering = False
    if os.environ.get(STARTUP_BENCH_ENV) != "1" and hasattr(window, "check_recoveries"):
        recovering = bool(window.check_recoveries())  # what a crash left is offered before anything loads
    if os.environ.get(STARTUP_BENCH_ENV) == "1":
        window.projectLoaded.connect(lambda: QTimer.singleShot(0, lambda: _report_startup(app, window, t0)))
    # let the window paint before loading starts
    if recovering:
        prefetch.discard()  # the recovery decides what opens
    elif argv:
        missing = [a for a in argv if not os.path.exists(a)]
        QTimer.singleShot(0, lambda: window.open_paths(argv))
        if missing:
            print("warning: not found: " + ", ".join(missing), file=sys.stderr)
    elif last:
        QTimer.singleShot(0, lambda: window.open_path(last))  # where the user left off
    else:
        QTimer.singleShot(0, lambda: window.open_sample(prefetched))
    return int(app.exec())


def _peak_rss_mb() -> float | None:
    """The process's peak resident memory so far in MiB (None where the system does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2 ** 20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def _report_startup(app, window, t0: float) -> None:
    """The startup benchmark's report (bench_startup.py; tests/test_gui_first_launch.py): seconds from process start
    to a drawn window, the window and map sizes, a screenshot when ROLLOUT_PLANNER_SCREENSHOT names a PNG; then
    the window closes (its layout is saved, as when the user quits) and the application ends."""
    app.processEvents()
    window.canvas.repaint()
    print(f"startup-seconds {time.time() - t0:.3f}", flush=True)
    print(f"startup-window {window.width()}x{window.height()} maximized={int(window.isMaximized())}", flush=True)
    print(f"startup-map {window.canvas.width()}x{window.canvas.height()}", flush=True)
    print(f"startup-title {window.windowTitle()}", flush=True)
    peak = _peak_rss_mb()
    if peak is not None:  # the memory the process has used so far: at the map drawn
        print(f"startup-peak-mb {peak:.0f}", flush=True)
    shot = os.environ.get("ROLLOUT_PLANNER_SCREENSHOT")
    if shot:
        cov = getattr(window, "coverage_ui", None)  # the picture shows the plan simulated, as the user sees it
        if cov is not None and cov.runner.wait() and cov.map_colours.wait():
            app.processEvents()
        window.grab().save(shot)
    window.close()
    QTimer.singleShot(0, app.quit)


def startup_project(settings) -> str | None:
    """The project to reopen at start-up: the last project file opened or saved (Preferences ▸ At start-up:
    'last', the default), if it still exists; None to start on the Gers sample."""
    if settings.value("startup/open") != "last":
        return None
    from planner.io.project.project_file import is_project

    for path in settings.recent_files():
        if path.lower().endswith(".gpkg") and os.path.exists(path):
            try:
                if is_project(path):
                    return path
            except Exception:  # noqa: BLE001 - unreadable: not the one to reopen
                continue
    return None


def _prefetch_sample():
    """A Future of the Gers sample project, loaded in a background thread (io only, no Qt)."""
    from concurrent.futures import ThreadPoolExecutor

    def load():
        from planner.io.layers.sample import load_sample_project  # imported in the thread too: GDAL, pyarrow, pyproj

        return load_sample_project(demo_plan=True)

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sample")
    future = pool.submit(load)
    pool.shutdown(wait=False)
    return future


def _process_start() -> float:
    """Wall-clock time the process started (Linux /proc), or now."""
    try:
        with open(f"/proc/{os.getpid()}/stat") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - uptime + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_gui(sys.argv[1:]))
