"""Every default the window and ``scriba ocr`` share, in one table.

``OcrOptions``' fields, the window's settings table (``app.gui.settings.DEFAULTS``), the Settings
dialog's "Restore defaults" and the command line's flags all read these names, so the two front ends
build the same options (and therefore share cache entries) and keep the cache to the same size.
"""

from __future__ import annotations

MIB = 1024**2

# -- recognition (OcrOptions) ------------------------------------------------------------------
LANGUAGES = "por+eng"
#: ``None``: the page's own scan resolution where the page is one scanned image, else FALLBACK_DPI.
DPI: int | None = None
FALLBACK_DPI = 300
ENGINE = "tesserocr"  # bundled; ``pytesseract`` uses an installed Tesseract
RENDERER = "pdfium"  # bundled; ``pdf2image`` uses an installed Poppler
AUTO_ROTATE = True
DESKEW = True
USE_TEXT_LAYER = True
#: Upper bound on rendered pixels per page (grayscale: one byte each). A 200-inch page at
#: 300 DPI would be 3.6 gigapixels; it is rendered smaller instead of exhausting memory.
MAX_PIXELS = 60_000_000

# -- running -----------------------------------------------------------------------------------
#: Worker processes. ``None``: the machine's rule, ``app.core.running.limits.default_workers``
#: (one per core this process may use, as many as free memory holds); the window shows the number
#: that rule gives as its default.
WORKERS: int | None = None

# -- the result cache ----------------------------------------------------------------------------
#: The cap on stored results, in MiB (2 GiB). The window's users have had 2048 since its Settings
#: dialog existed; a smaller shared default would evict what they kept. At ~5 KB a page (text and
#: packed word boxes) it holds some 400,000 pages. The user's choice is stored in the cache itself
#: (app.core.storage.limits), so ``scriba ocr`` keeps the cache to the window's cap.
CACHE_MAX_MIB = 2048
CACHE_MAX_BYTES = CACHE_MAX_MIB * MIB
#: The smallest cap the Settings dialog offers.
CACHE_MIN_MIB = 50
#: Documents not used for this long are dropped.
CACHE_MAX_AGE_DAYS = 90
