"""Render resources/icons/scriba.svg to scriba.png (256 px) and a multi-size scriba.ico.

Run after editing the SVG: ``uv run python installer/make_icons.py``. The outputs are
committed, so the build needs neither this script nor a display. Each ICO size is rendered from
the vector (not downscaled from 256 px), which keeps the 16 and 32 px icons sharp.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render(svg: Path, size: int) -> Image.Image:
    """Rasterise ``svg`` to a ``size`` × ``size`` RGBA image with QtSvg."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot parse {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    # QImage/QPainter need a QGuiApplication for some paint engines; offscreen needs no display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ICONS / "scriba.svg"
    images = {size: render(svg, size) for size in ICO_SIZES}
    images[256].save(ICONS / "scriba.png", optimize=True)
    largest = images[256]
    largest.save(
        ICONS / "scriba.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    del app
    print(f"wrote {ICONS / 'scriba.png'} and {ICONS / 'scriba.ico'} ({len(ICO_SIZES)} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
