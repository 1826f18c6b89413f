"""Pages whose colour PDF/A-2b cannot keep under Scriba's sRGB output intent.

A PDF/A file declares one output intent; Scriba's is sRGB (``resources/icc``). A page that paints
in DeviceCMYK (a CMYK image, a CMYK colour space, the ``k``/``K`` operators), common in
born-digital documents from print workflows, is then out of the standard, as is an image whose
ICC profile describes another number of colour components than the image has. Such a page is
drawn again as an RGB image of itself with its invisible text (``pdfa_fonts.draw_pages``), as a
page with fonts that are not embedded is: the page looks the same and its words stay searchable.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from app.core.export.pdfa_fonts import resources_drawn

if TYPE_CHECKING:
    import pikepdf

log = logging.getLogger(__name__)

_CMYK_NAMES = {"/DeviceCMYK", "/CMYK"}
_ICC_SPACES = {b"GRAY": 1, b"RGB ": 3, b"CMYK": 4}
_MAX_DEPTH = 8  # forms inside forms


def foreign_colour_pages(pdf: pikepdf.Pdf) -> list[int]:
    """The pages (0-based) that use DeviceCMYK or an ICC profile at odds with its components."""
    pages = []
    for index, page in enumerate(pdf.pages):
        try:
            foreign = _resources_foreign(page.obj.get("/Resources")) or _content_cmyk(page)
        except Exception as error:  # noqa: BLE001 - a page qpdf cannot parse is drawn as an image
            log.info("page %d: its colour could not be checked (%s); drawn as an image", index + 1, error)
            foreign = True
        if foreign:
            pages.append(index)
    return pages


def _space_foreign(space: object) -> bool:
    """Whether a colour space (a name or an array) is DeviceCMYK or a mismatched ICC profile."""
    import pikepdf

    if isinstance(space, pikepdf.Name):
        return str(space) in _CMYK_NAMES
    if isinstance(space, pikepdf.Array) and len(space) >= 1:
        family = str(space[0])
        if family == "/ICCBased" and len(space) >= 2 and isinstance(space[1], pikepdf.Stream):
            return _icc_mismatch(space[1])
        if family in ("/Indexed", "/I") and len(space) >= 2:
            return _space_foreign(space[1])
        if family in ("/Separation", "/DeviceN") and len(space) >= 3:
            return _space_foreign(space[2])  # the alternate space
    return False


def _icc_mismatch(profile: pikepdf.Stream) -> bool:
    try:
        header = profile.read_bytes()[16:20]
    except Exception:  # noqa: BLE001 - an unreadable profile cannot describe its image either
        return True
    expected = _ICC_SPACES.get(header)
    declared = profile.get("/N")
    return expected is not None and declared is not None and int(declared) != expected


def _resources_foreign(resources: object) -> bool:
    """Whether the page's resources, or those of a form it draws, hold a foreign colour space or
    image, or a form that paints in CMYK itself."""
    import pikepdf

    for drawn, form in resources_drawn(resources, _MAX_DEPTH):
        spaces = drawn.get("/ColorSpace")
        if isinstance(spaces, pikepdf.Dictionary) and any(_space_foreign(s) for _, s in spaces.items()):
            return True
        xobjects = drawn.get("/XObject")
        if isinstance(xobjects, pikepdf.Dictionary):
            for _, xobject in xobjects.items():
                if (
                    isinstance(xobject, pikepdf.Stream)
                    and xobject.get("/Subtype") == pikepdf.Name.Image
                    and _space_foreign(xobject.get("/ColorSpace"))
                ):
                    return True
        if form is not None and _stream_cmyk(form):
            return True
    return False


def _content_cmyk(page: pikepdf.Page) -> bool:
    import pikepdf

    return _operators_cmyk(pikepdf.parse_content_stream(page))


def _stream_cmyk(stream: pikepdf.Stream) -> bool:
    import pikepdf

    return _operators_cmyk(pikepdf.parse_content_stream(stream))


def _operators_cmyk(instructions: object) -> bool:
    import pikepdf

    for instruction in instructions:  # type: ignore[attr-defined]
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            space = instruction.iimage.obj.get("/CS") or instruction.iimage.obj.get("/ColorSpace")
            if space is not None and _space_foreign(space):
                return True
            continue
        operator = str(instruction.operator)
        if operator in ("k", "K"):
            return True
        if operator in ("cs", "CS") and instruction.operands and str(instruction.operands[0]) in _CMYK_NAMES:
            return True
    return False
