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


def histogram_level(histogram: list[int], share: float) -> int:
    """The lowest gray level at or below which ``share`` of a histogram's pixels lie (0.5: the
    median, the paper of most pages; a small share: the darkest print)."""
    wanted = sum(histogram) * share
    seen = 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= wanted:
            return level
    return len(histogram) - 1


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
    """Renders one page of an open document to grayscale.

    ``pages_per_call`` says how many consecutive pages one drawing call makes: the scheduler hands
    a worker runs of that many pages, so none is drawn twice.
    """

    name: str
    pages_per_call: int

    def render(
        self, document: pypdfium2.PdfDocument, path: Path, password: str | None, index: int, scale: float
    ) -> GrayImage: ...


class PdfiumRenderer:
    """PDFium in-process: no external program, renders straight to 8-bit gray.

    A page that shows nothing but one scanned image filling it (a scanner's invisible text layer
    aside), at the resolution the page would be rendered at anyway, is not rendered at all: the
    image's own pixels are decoded (``scan_pixels``), which is 3-6x faster than compositing the
    page and keeps the scanner's pixels unresampled.
    """

    name = "pdfium"
    pages_per_call = 1

    def render(
        self, document: pypdfium2.PdfDocument, path: Path, password: str | None, index: int, scale: float
    ) -> GrayImage:
        page = document[index]
        try:
            image = scan_pixels(page, scale)
            if image is not None:
                return image
            return gray_pixels(page.render(scale=scale, grayscale=True))
        finally:
            page.close()


#: Colour spaces whose decoded pixels PDFium hands back as gray or RGB (CMYK, Lab, separations,
#: indexed and stencil masks take the full render path).
_PLAIN_COLORSPACES = frozenset({1, 2, 4, 5, 7})  # DeviceGray, DeviceRGB, CalGray, CalRGB, ICCBased
_PLAIN_BITS = frozenset({1, 8, 24})
#: How far the image may sit from the page's edges, as a share of the page's side.
_EDGE_TOLERANCE = 0.005


def scan_pixels(page: pypdfium2.PdfPage, scale: float) -> GrayImage | None:
    """The page's pixels straight from its only image, or ``None`` when it must be rendered.

    Taken only when what a viewer shows is exactly that image: the page holds one visible
    object, an upright gray or RGB image covering the page, whose pixel size is the size the page
    would be rendered at (``scale``). Invisible text beside it (the layer a scanner's own OCR
    lays over its scan) draws nothing; a full render of such a page cost 100-160 ms against
    ~15 ms here (bench/real_pages.py's layered scans). PDFium applies the image's /Decode array;
    a soft mask would be ignored (scanners write none).
    """
    obj = _lone_image(page)
    if obj is None:
        return None
    import pypdfium2.raw as pdfium_c

    meta = obj.get_metadata()
    if meta.colorspace not in _PLAIN_COLORSPACES or meta.bits_per_pixel not in _PLAIN_BITS:
        return None
    a, b, c, d, e, f = obj.get_matrix().get()
    left, bottom, right, top = page.get_bbox()
    width_pt, height_pt = right - left, top - bottom
    if b or c or a <= 0 or d <= 0:  # turned, sheared or mirrored
        return None
    tolerance_x, tolerance_y = width_pt * _EDGE_TOLERANCE, height_pt * _EDGE_TOLERANCE
    if (
        abs(e - left) > tolerance_x
        or abs(f - bottom) > tolerance_y
        or abs(a - width_pt) > tolerance_x
        or abs(d - height_pt) > tolerance_y
    ):
        return None
    px_w, px_h = obj.get_px_size()
    if abs(px_w - width_pt * scale) > max(2.0, px_w * 0.01) or abs(px_h - height_pt * scale) > max(
        2.0, px_h * 0.01
    ):
        return None  # the DPI policy or the pixel cap wants it resampled
    bitmap = obj.get_bitmap(render=False)
    rotation = page.get_rotation()
    if bitmap.format == pdfium_c.FPDFBitmap_Gray and rotation == 0:
        return gray_pixels(bitmap)
    image = bitmap.to_pil()
    if rotation:
        from PIL import Image

        turn = {
            90: Image.Transpose.ROTATE_270,
            180: Image.Transpose.ROTATE_180,
            270: Image.Transpose.ROTATE_90,
        }
        image = image.transpose(turn[rotation])
    return GrayImage.from_pil(image)


def _lone_image(page: pypdfium2.PdfPage) -> pypdfium2.PdfImage | None:
    """The page's one image object when nothing else on it draws (only invisible text beside it)."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    found = None
    for index in range(count):
        raw = pdfium_c.FPDFPage_GetObject(page.raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE and found is None:
            found = index
        elif not (
            kind == pdfium_c.FPDF_PAGEOBJ_TEXT
            and pdfium_c.FPDFTextObj_GetTextRenderMode(raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
        ):
            return None
    if found is None:
        return None
    image = pypdfium2.PdfObject(pdfium_c.FPDFPage_GetObject(page.raw, found), page=page, pdf=page.pdf)
    return image if isinstance(image, pypdfium2.PdfImage) else None


def gray_pixels(bitmap: pypdfium2.PdfBitmap) -> GrayImage:
    """An 8-bit gray PDFium bitmap's pixels, copied once: the bitmap's memory is freed with it."""
    return GrayImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride)


class Pdf2ImageRenderer:
    """Poppler's pdftoppm through pdf2image, in batches of consecutive pages.

    Poppler must be installed by the user (on PATH); the default renderer never needs it.
    """

    name = "pdf2image"
    pages_per_call = 8  # one Poppler call draws a run of pages

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

        last = min(count, index + self.pages_per_call)
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


def pages_per_call(name: str) -> int:
    """How many consecutive pages the renderer called ``name`` draws at once (1 when unknown)."""
    renderer = RENDERERS.get(name)
    return renderer().pages_per_call if renderer else 1


def make_renderer(name: str) -> Renderer:
    try:
        return RENDERERS[name]()
    except KeyError:
        raise ScribaError("engine", detail=f"Unknown renderer '{name}'.") from None
