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
    app.setApplicationDisplayName(APPLICATION)
    from planner.ui.common.gc_guard import install_gui_thread_collector

    install_gui_thread_collector(app)  # a collection in a worker thread can destroy Qt objects there: freeze
    from planner.ui.shell.i18n import install_language, resolve_language
    from planner.ui.shell.settings import Settings

    install_language(resolve_language(Settings().language))
    return app


def run_gui(argv: list[str] | None = None) -> int:
    """Open the main window: with no arguments on the Gers sample, else on the project/layer files given."""
    t0 = _process_start()
    argv = [a for a in (argv or []) if a]
    # start reading the sample at once: it overlaps the (long) import of pyqtgraph and the window set-up
    prefetched = None if argv else _prefetch_sample()
    app = make_application()
    from planner.io.logs import setup_logging
    from planner.ui.shell.main_window import MainWindow

    setup_logging()  # failure details (library messages) go to the log file, never into a dialog

    window = MainWindow()
    window.settings.restore_window(window)
    window.show()
    recovering = False
    if os.environ.get(STARTUP_BENCH_ENV) != "1" and hasattr(window, "check_recoveries"):
        recovering = bool(window.check_recoveries())  # what a crash left is offered before anything loads
    if os.environ.get(STARTUP_BENCH_ENV) == "1":
        def ready():
            app.processEvents()
            window.canvas.repaint()
            print(f"startup-seconds {time.time() - t0:.3f}", flush=True)
            QTimer.singleShot(0, app.quit)
        window.projectLoaded.connect(lambda: QTimer.singleShot(0, ready))
    # let the window paint before loading starts
    if recovering:
        pass
    elif argv:
        missing = [a for a in argv if not os.path.exists(a)]
        QTimer.singleShot(0, lambda: window.open_paths(argv))
        if missing:
            print("warning: not found: " + ", ".join(missing), file=sys.stderr)
    else:
        QTimer.singleShot(0, lambda: window.open_sample(prefetched))
    return int(app.exec())


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
