"""The glyphless text-layer font (``glyphless``) as pikepdf objects: a Type0 font, Identity-H,
over an embedded CIDFontType2 whose every CID (a UTF-16 code unit) draws glyph 1."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.export.glyphless import ADVANCE, ASCENT, DESCENT, FONT_NAME, to_unicode_cmap, truetype

if TYPE_CHECKING:
    import pikepdf


def glyphless_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """A new indirect Type0 font object in ``pdf``, ready for a page's ``/Font`` resources."""
    import pikepdf

    program = truetype()
    font_file = pdf.make_stream(program)
    font_file["/Length1"] = len(program)
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor,
        FontName=pikepdf.Name("/" + FONT_NAME),
        Flags=5,  # fixed pitch, symbolic
        FontBBox=pikepdf.Array([0, DESCENT, ADVANCE, ASCENT]),
        ItalicAngle=0,
        Ascent=ASCENT,
        Descent=DESCENT,
        CapHeight=ASCENT,
        StemV=80,
        FontFile2=font_file,
    )
    cid_font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=pikepdf.Name("/" + FONT_NAME),
        CIDSystemInfo=pikepdf.Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0
        ),
        FontDescriptor=pdf.make_indirect(descriptor),
        DW=ADVANCE,
        CIDToGIDMap=pdf.make_stream(b"\x00\x01" * 65536),
    )
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type0,
        BaseFont=pikepdf.Name("/" + FONT_NAME),
        Encoding=pikepdf.Name("/Identity-H"),
        DescendantFonts=pikepdf.Array([pdf.make_indirect(cid_font)]),
        ToUnicode=pdf.make_stream(to_unicode_cmap()),
    )
    return pdf.make_indirect(font)
