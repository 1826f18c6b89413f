"""Take the README screenshots of the real window: empty, busy and review.

Run under a virtual X server so the real platform plugin (xcb) draws the window:

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/make_screenshots.py [pt_BR]

English writes empty.png, busy.png and review.png; pt_BR the same names with ``-pt_BR``.

Settings and cache live in a temporary folder; the user's own are not touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent

LETTER = [
    "Rio de Janeiro, 14 de março de 2024\n\nPrezada Senhora Almeida,\n\n"
    "Confirmamos o recebimento dos documentos enviados\npara a renovação do contrato de locação do imóvel\n"
    "situado na Rua das Laranjeiras, 218.\n\nO novo valor do aluguel passa a vigorar em abril.",
    "Anexamos a planilha de reajuste e o termo aditivo.\nPedimos a gentileza de devolver uma via assinada\n"
    "até o dia 29 de março.\n\nAtenciosamente,\n\nMarina Costa\nAdministradora de Imóveis",
]
REPORT = [
    f"Annual report of the municipal archive, page {n}\n\nThe collection grew by four hundred boxes this year.\n"
    "Every folder was scanned at three hundred dots per inch\nand checked against the inventory by two people."
    for n in range(1, 61)
]


def wait_until(app: object, condition: Callable[[], bool], timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not reach the state to capture")
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def main() -> int:
    language = sys.argv[1] if len(sys.argv) > 1 else "en"
    suffix = "" if language == "en" else f"-{language}"
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="scriba-shots-"))
    os.environ["SCRIBA_CACHE_DIR"] = str(work / "cache")
    os.environ["SCRIBA_LOG_DIR"] = str(work / "logs")
    from PIL import ImageFilter
    from PySide6.QtCore import QSettings

    from app.gui import i18n
    from app.gui.controller import AppController
    from app.gui.main import app_icon, create_application
    from app.gui.settings import Settings
    from app.gui.window import MainWindow
    from tests.pdfgen import page_image, scanned_pdf

    docs = work / "Documents"
    docs.mkdir()
    # The second page is a softer scan in smaller type, as real letters mix them.
    first = page_image(LETTER[0], dpi=200)
    second = page_image(LETTER[1], dpi=200, font_pt=9.0, seed=7).filter(ImageFilter.GaussianBlur(0.8))
    first.save(docs / "carta_locacao.pdf", "PDF", resolution=200, save_all=True, append_images=[second])
    scanned_pdf(docs / "archive_report_2023.pdf", REPORT, dpi=200)
    scanned_pdf(docs / "meeting_minutes.pdf", LETTER[:1] * 4, dpi=200)

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = create_application()
    settings = Settings()
    settings.set("ui/language", language)
    translators = i18n.install_translators(app, language)
    controller = AppController(settings)
    window = MainWindow(controller, settings, app_icon())
    window.resize(1200, 760)
    window.show()
    controller.start([])
    wait_until(app, lambda: window.isVisible())
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(OUT / f"empty{suffix}.png"))

    controller.add_files(
        [docs / "carta_locacao.pdf", docs / "archive_report_2023.pdf", docs / "meeting_minutes.pdf"]
    )
    rows = controller.model.rows()
    wait_until(app, lambda: rows[0].state.finished and 12 <= rows[1].done <= 30)
    window.jobs.selectRow(1)
    window.jobs.clearSelection()
    window.jobs.selectRow(0)
    for _ in range(30):
        app.processEvents()
    window.grab().save(str(OUT / f"busy{suffix}.png"))

    controller.cancel_all()
    wait_until(app, lambda: all(r.state.finished for r in controller.model.rows()))
    window.jobs.selectRow(0)
    review = window.review
    wait_until(app, lambda: review.page_list.count() == 2)
    review.search.setText("aluguel")
    review.find_next()
    wait_until(app, lambda: review.image.pixmap() is not None, 60)
    window.splitter.setSizes([180, 560])
    for _ in range(30):
        app.processEvents()
    window.grab().save(str(OUT / f"review{suffix}.png"))

    window.close()
    for translator in translators:
        app.removeTranslator(translator)
    print("saved", *(OUT / f"{n}{suffix}.png" for n in ("empty", "busy", "review")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
