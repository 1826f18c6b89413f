"""Turn a PDF page into a grayscale image: PDFium in-process (default) or Poppler (pdf2image).

Both renderers return ``GrayImage``: raw 8-bit pixels handed to the engine without encoding.
Page geometry (size, native scan resolution, pixel cap) is decided here, with PDFium, for both.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.core.errors import ScribaError
from app.core.options import DEFAULT_DPI, OcrOptions

if TYPE_CHECKING:
    import pypdfium2
    from PIL import Image

NATIVE_DPI_RANGE = (150.0, 600.0)
MIN_SIDE_PX = 8  # a page thinner than this once rendered holds no readable line
_SCAN_COVERAGE = 0.5  # an image covering half the page or more makes the page "a scan"


@dataclass(frozen=True, slots=True)
class GrayImage:
    """8-bit grayscale pixels, row by row; ``stride`` bytes per row."""

    data: bytes
    width: int
    height: int
    stride: int

    def to_pil(self) -> Image.Image:
        from PIL import Image

        return Image.frombuffer("L", (self.width, self.height), self.data, "raw", "L", self.stride, 1)

    @classmethod
    def from_pil(cls, image: Image.Image) -> GrayImage:
        gray = image if image.mode == "L" else image.convert("L")
        return cls(gray.tobytes(), gray.width, gray.height, gray.width)


def largest_image_dpi(page: pypdfium2.PdfPage) -> tuple[float | None, float]:
    """The resolution of the page's largest image and the share of the page it covers."""
    import pypdfium2.raw as pdfium_c

    width_pt, height_pt = page.get_size()
    page_area = max(width_pt * height_pt, 1.0)
    best_dpi: float | None = None
    best_cover = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        box_w, box_h = max(right - left, 1e-3), max(top - bottom, 1e-3)
        cover = min(1.0, box_w * box_h / page_area)
        if cover <= best_cover:
            continue
        px_w, px_h = obj.get_px_size()
        # The image may be placed rotated: pair its longer side with the box's longer side.
        px_long, px_short = max(px_w, px_h), min(px_w, px_h)
        box_long, box_short = max(box_w, box_h), min(box_w, box_h)
        best_dpi = max(px_long / (box_long / 72.0), px_short / (box_short / 72.0))
        best_cover = cover
    return best_dpi, best_cover


def page_scale(page: pypdfium2.PdfPage, options: OcrOptions) -> float:
    """Render scale (pixels per point) for ``page``: the DPI policy, then the pixel cap."""
    if options.dpi:
        dpi = float(options.dpi)
    else:
        native, cover = largest_image_dpi(page)
        if native is not None and cover >= _SCAN_COVERAGE:
            dpi = min(max(native, NATIVE_DPI_RANGE[0]), NATIVE_DPI_RANGE[1])
        else:
            dpi = float(DEFAULT_DPI)
    width_pt, height_pt = page.get_size()
    scale = dpi / 72.0
    pixels = width_pt * scale * height_pt * scale
    if pixels > options.max_pixels:
        scale *= math.sqrt(options.max_pixels / pixels)
    if min(width_pt, height_pt) * scale < MIN_SIDE_PX:
        # A sliver (595 x 2147484416 pt came out of the fuzz run) shrinks under the pixel cap to
        # a zero-pixel side: PDFium cannot allocate it and Tesseract says "No image set?".
        raise ScribaError("page_size", detail=f"{width_pt:.0f} x {height_pt:.0f} pt")
    return scale


class Renderer(Protocol):
    """Renders one page of an open document to grayscale."""

    name: str

    def render(
        self, document: pypdfium2.PdfDocument, path: Path, password: str | None, index: int, scale: float
    ) -> GrayImage: ...


class PdfiumRenderer:
    """PDFium in-process: no external program, renders straight to 8-bit gray."""

    name = "pdfium"

    def render(
        self, document: pypdfium2.PdfDocument, path: Path, password: str | None, index: int, scale: float
    ) -> GrayImage:
        page = document[index]
        try:
            bitmap = page.render(scale=scale, grayscale=True)
            data = bytes(bitmap.buffer)  # one copy: the bitmap's memory is freed with it
            return GrayImage(data, bitmap.width, bitmap.height, bitmap.stride)
        finally:
            page.close()


class Pdf2ImageRenderer:
    """Poppler's pdftoppm through pdf2image, in batches of consecutive pages.

    Poppler must be installed by the user (on PATH); the default renderer never needs it.
    """

    name = "pdf2image"
    batch = 8

    def __init__(self) -> None:
        self._key: tuple[str, int] | None = None
        self._pages: dict[int, GrayImage] = {}

    def render(
        self, document: pypdfium2.PdfDocument, path: Path, password: str | None, index: int, scale: float
    ) -> GrayImage:
        dpi = max(1, round(scale * 72))
        key = (str(path), dpi)
        if self._key != key or index not in self._pages:
            self._pages = self._render_batch(path, password, index, dpi, len(document))
            self._key = key
        return self._pages.pop(index)

    def _render_batch(
        self, path: Path, password: str | None, index: int, dpi: int, count: int
    ) -> dict[int, GrayImage]:
        import pdf2image
        from pdf2image import exceptions

        last = min(count, index + self.batch)
        try:
            images = pdf2image.convert_from_path(
                str(path),
                dpi=dpi,
                first_page=index + 1,
                last_page=last,
                grayscale=True,
                userpw=password or "",
            )
        except (exceptions.PDFInfoNotInstalledError, FileNotFoundError):
            raise ScribaError("engine", detail=POPPLER_MISSING) from None
        return {index + offset: GrayImage.from_pil(image) for offset, image in enumerate(images)}


POPPLER_MISSING = (
    "The pdf2image renderer needs Poppler: install poppler-utils (Linux) or Poppler for Windows "
    "and add its bin folder to PATH, or use the default renderer."
)

RENDERERS: dict[str, Callable[[], Renderer]] = {
    PdfiumRenderer.name: PdfiumRenderer,
    Pdf2ImageRenderer.name: Pdf2ImageRenderer,
}


def make_renderer(name: str) -> Renderer:
    try:
        return RENDERERS[name]()
    except KeyError:
        raise ScribaError("engine", detail=f"Unknown renderer '{name}'.") from None
