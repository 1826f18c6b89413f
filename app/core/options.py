"""OCR options shared by the CLI, the window and the cache key."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

DEFAULT_LANGUAGES = "por+eng"
DEFAULT_DPI = 300  # used for pages that are not a single scanned image
MIN_DPI = 70
MAX_DPI = 1200
#: Upper bound on rendered pixels per page (grayscale: one byte each). A 200-inch page at
#: 300 DPI would be 3.6 gigapixels; it is rendered smaller instead of exhausting memory.
DEFAULT_MAX_PIXELS = 60_000_000
#: The version of the corrections made to a page's text after recognition (app.core.reading.legal_symbols),
#: part of the cache key: bump it when they change, so pages cached before are read again.
TEXT_CORRECTIONS = 1


@dataclass(frozen=True, slots=True)
class OcrOptions:
    """How pages are turned into text. Frozen: it is part of the cache key.

    Attributes:
        languages: Tesseract language codes joined by ``+`` (``por+eng``).
        dpi: Render resolution; ``None`` means the page's own scan resolution where the page
            is a scanned image, else ``DEFAULT_DPI``.
        engine: ``tesserocr`` (default, bundled) or ``pytesseract`` (system Tesseract).
        renderer: ``pdfium`` (default, bundled) or ``pdf2image`` (system Poppler).
        auto_rotate: Detect page orientation and turn the image upright before OCR.
        deskew: Measure how crooked each page was fed and turn it straight before OCR.
        use_text_layer: Take a page's existing text instead of OCR when it is usable.
        max_pixels: Pixel cap per rendered page.
    """

    languages: str = DEFAULT_LANGUAGES
    dpi: int | None = None
    engine: str = "tesserocr"
    renderer: str = "pdfium"
    auto_rotate: bool = True
    deskew: bool = True
    use_text_layer: bool = True
    max_pixels: int = DEFAULT_MAX_PIXELS

    def with_changes(self, **changes: object) -> OcrOptions:
        return replace(self, **changes)  # type: ignore[arg-type]

    def cache_key(self, engine_version: str) -> str:
        """A short stable digest of everything that changes the text of a page."""
        import hashlib  # here, not at the top: worker processes load options but never need these
        import json

        payload = asdict(self)
        payload["engine_version"] = engine_version
        payload["text_corrections"] = TEXT_CORRECTIONS
        blob = json.dumps(payload, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:32]
