"""OCR options shared by the CLI, the window and the cache key."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from app.core import defaults

DEFAULT_DPI = defaults.FALLBACK_DPI  # used for pages that are not a single scanned image
MIN_DPI = 70
MAX_DPI = 1200
#: The version of the corrections made to a page's text after recognition (app.core.reading.legal_symbols),
#: part of the cache key: bump it when they change, so pages cached before are read again.
TEXT_CORRECTIONS = 1


@dataclass(frozen=True, slots=True)
class OcrOptions:
    """How pages are turned into text. Frozen: it is part of the cache key.

    Every default comes from :mod:`app.core.defaults`, which the window and the CLI read too.

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

    languages: str = defaults.LANGUAGES
    dpi: int | None = defaults.DPI
    engine: str = defaults.ENGINE
    renderer: str = defaults.RENDERER
    auto_rotate: bool = defaults.AUTO_ROTATE
    deskew: bool = defaults.DESKEW
    use_text_layer: bool = defaults.USE_TEXT_LAYER
    max_pixels: int = defaults.MAX_PIXELS

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
