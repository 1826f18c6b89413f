"""The window's largest event-loop stall while it OCRs a document.

Runs the real window (offscreen Qt) with the file queued and ``exit_when_done``; a 10 ms
QTimer records the longest gap between its ticks while the job runs (job started → finished).
Settings and cache go to a throw-away folder, so the job is never served from a cache.

Usage: python bench/gui_stall.py IN.pdf  → one JSON object on stdout
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import corpus  # noqa: F401  (puts the project root on sys.path)

TICK_MS = 10


def main(source: Path) -> dict[str, float | int]:
    from PySide6.QtCore import QTimer

    from app.gui import controller as controller_module
    from app.gui.main import create_application, run_gui

    state = {"running": False, "max_gap": 0.0, "max_gap_any": 0.0, "ticks": 0, "pages": 0}
    window: dict[str, float] = {}
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gap = now - last[0]
        last[0] = now
        state["max_gap_any"] = max(state["max_gap_any"], gap)
        if state["running"]:
            state["max_gap"] = max(state["max_gap"], gap)
            state["ticks"] += 1

    original_start = controller_module.AppController.start

    def start(self: controller_module.AppController, files: list[Path]) -> None:
        def started(_event: object) -> None:
            state["running"] = True
            window["started"] = time.perf_counter()

        def finished(_event: object) -> None:
            state["running"] = False
            window["finished"] = time.perf_counter()

        def progress(batch: list[object]) -> None:
            state["pages"] += len(batch)

        self.bridge.jobStarted.connect(started)
        self.bridge.jobFinished.connect(finished)
        self.bridge.progress.connect(progress)
        original_start(self, files)

    controller_module.AppController.start = start  # type: ignore[method-assign]
    app = create_application()
    timer = QTimer(app)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    code = run_gui([source], exit_when_done=True)
    timer.stop()
    return {
        "exit_code": code,
        "max_gap_ms": state["max_gap"] * 1000,
        "max_gap_any_ms": state["max_gap_any"] * 1000,
        "ticks": state["ticks"],
        "progress_updates": state["pages"],
        "job_seconds": window.get("finished", 0.0) - window.get("started", 0.0),
    }


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="scriba-gui-bench-") as home:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["SCRIBA_CACHE_DIR"] = str(Path(home) / "cache")
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(Path(home) / name.lower())
        print(json.dumps(main(Path(sys.argv[1]))))
