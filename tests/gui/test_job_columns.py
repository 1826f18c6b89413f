"""The job list: only file names elide; every other column fits its texts, in pt-BR with real
workers, and in both languages at 100 %, 125 % and 150 % (QT_SCALE_FACTOR, a process of its own)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QStyle

from app.core.jobs import JobFinished, JobStarted, JobState, PageDone
from app.core.results import PageSource
from app.gui import i18n
from app.gui.job_model import Column
from tests.gui.clipping import SCREEN

OCR_TIMEOUT = 120_000
ROOT = Path(__file__).resolve().parents[2]


def clipped(window) -> list[str]:
    """Every header and cell text (names aside) that does not fit its column, and why."""
    view = window.jobs
    model = view.model()
    header = view.horizontalHeader()
    fm = view.fontMetrics()
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    problems = []
    for column in Column:
        if column is Column.NAME:
            continue
        width = header.sectionSize(column)
        needed = header.sectionSizeFromContents(column).width()
        if needed > width:
            problems.append(f"header {model.headerData(column, header.orientation())!r}: {needed} > {width}")
        for row in range(model.rowCount()):
            text = str(model.index(row, column).data() or "")
            room = width - margin - (12 if column is Column.PROGRESS else 0)  # the bar's frame
            if text and fm.horizontalAdvance(text) > room:
                problems.append(f"{text!r}: {fm.horizontalAdvance(text)} > {room}")
    if header.sectionSize(Column.NAME) < 150:
        problems.append(f"names get only {header.sectionSize(Column.NAME)} px")
    return problems


def test_pt_br_job_columns_fit_while_documents_are_read(
    qapp, make_window, qtbot, long_pdf: Path, memo_pdf: Path
) -> None:
    # Given the window in Portuguese at its default size, reading a long document
    installed = i18n.install_translators(qapp, "pt_BR")
    try:
        window = make_window([long_pdf, memo_pdf])
        model = window.controller.model
        qtbot.waitUntil(
            lambda: bool(model.index(0, Column.ETA).data() and model.index(0, Column.SPEED).data()),
            timeout=OCR_TIMEOUT,
        )
        # Then the header says "Tempo restante" whole, and no speed, time or count is cut
        assert model.headerData(Column.ETA, window.jobs.horizontalHeader().orientation()) == "Tempo restante"
        assert "páginas/min" in model.index(0, Column.SPEED).data()
        assert clipped(window) == []
        window.controller.cancel_all()
        qtbot.waitUntil(lambda: all(row.state.finished for row in model.rows()), timeout=OCR_TIMEOUT)
        assert model.index(0, Column.STATE).data() == "Cancelado"
        assert clipped(window) == []
    finally:
        i18n.remove_translators(qapp, installed)


def scaled_check(language: str) -> None:
    """Run in a process of its own (QT_SCALE_FACTOR is read when Qt starts): build the window in
    pt-BR, give its list the events of a document being read, print what is clipped as JSON."""
    from app.gui.controller import AppController
    from app.gui.main import app_icon, create_application
    from app.gui.settings import Settings
    from app.gui.window import MainWindow

    app = create_application()
    i18n.install_translators(app, language)
    settings = Settings()
    controller = AppController(settings)
    window = MainWindow(controller, settings, app_icon())
    window.show()
    model = controller.model
    from app.core.jobs import JobRequest

    for job_id, name in enumerate(["relatório anual de 2024 da diretoria.pdf", "memo.pdf", "scan.pdf"], 1):
        path = Path("/nowhere") / name
        model.add(job_id, JobRequest(path))
        model.on_started(JobStarted(job_id, path, 1234, 0))
    model.on_progress([PageDone(1, Path("/nowhere/a.pdf"), 20, 21, 1234, PageSource.OCR, 1.0, 2.9, 35_000.0)])
    model.on_finished(JobFinished(2, Path("/nowhere/memo.pdf"), JobState.DONE, 3, blank_pages=(1, 2)))
    model.on_finished(JobFinished(3, Path("/nowhere/scan.pdf"), JobState.CANCELLED, 1234))
    QApplication.processEvents()
    print(json.dumps({"problems": clipped(window), "width": window.width()}))
    window.close()
    controller.shutdown()


@pytest.mark.parametrize("language", ["pt_BR", "en"])
@pytest.mark.parametrize("scale", ["1", "1.25", "1.5"])
def test_job_columns_fit_at_each_scale(scale: str, language: str, tmp_path: Path) -> None:
    # On the office laptop's 1920 x 1080 screen that Windows sets to 125 % or 150 %
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, **SCREEN}]}))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        QT_SCALE_FACTOR=scale,
        XDG_CONFIG_HOME=str(tmp_path),
    )
    code = f"from tests.gui.test_job_columns import scaled_check; scaled_check({language!r})"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["problems"] == []
    assert result["width"] >= 1100  # the default size in logical pixels (or what the panes need)
