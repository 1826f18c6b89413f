"""A PDF page's own text layer, and whether it is worth taking instead of reading the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.render import largest_image_dpi

if TYPE_CHECKING:
    import pypdfium2

#: A text layer with fewer letters than this is not trusted (page numbers, stamps).
MIN_TEXT_LETTERS = 20
#: On a page that is mostly a scanned image, a text layer must be this long to be taken:
#: a short one is usually a stamp or header added digitally on top of the scan.
MIN_TEXT_LETTERS_ON_SCAN = 200


def usable_text_layer(page: pypdfium2.PdfPage) -> str | None:
    """The page's own text when it is real text worth keeping, else ``None``."""
    textpage = page.get_textpage()
    try:
        text = str(textpage.get_text_range())
    finally:
        textpage.close()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    letters = sum(ch.isalpha() for ch in text)
    if letters < MIN_TEXT_LETTERS or text.count("\ufffd") > letters // 10:
        return None
    _, cover = largest_image_dpi(page)
    if cover >= 0.5 and letters < MIN_TEXT_LETTERS_ON_SCAN:
        return None
    return text if text.endswith("\n") else text + "\n"
