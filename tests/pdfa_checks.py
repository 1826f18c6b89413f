"""Independent checks of a PDF/A-2b file: pikepdf's structure, and its veraPDF-rule validator.

``pikepdf.pdfa`` (pikepdf's ``[pdfa]`` extra, a test dependency only) approves a file only when
every construct in it is known to conform to the veraPDF rules of PDF/A-2b; Scriba's own code
never uses it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pikepdf.pdfa

from app.core.resources import resource_dir


def _fonts(resources: object, depth: int = 0) -> list[pikepdf.Dictionary]:
    if not isinstance(resources, pikepdf.Dictionary) or depth > 8:
        return []
    found = []
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        found += [font for _, font in fonts.items()]
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for _, xobject in xobjects.items():
            if xobject.get("/Subtype") == pikepdf.Name.Form:
                found += _fonts(xobject.get("/Resources"), depth + 1)
    return found


def _embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == pikepdf.Name.Type3:
        return True
    if font.get("/Subtype") == pikepdf.Name.Type0:
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def assert_pdfa_2b(data: bytes, title: str) -> None:
    """The structure PDF/A-2b asks for, read back with pikepdf, and the validator's approval."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not pdf.is_encrypted and "/Encrypt" not in pdf.trailer
        assert "/ID" in pdf.trailer and len(pdf.trailer.ID) == 2
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == title == str(pdf.docinfo["/Title"])
        assert (
            meta["pdf:Producer"].startswith("Scriba ")
            and str(pdf.docinfo["/Producer"]) == meta["pdf:Producer"]
        )
        assert meta["xmp:CreateDate"] and meta["xmp:ModifyDate"]
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:")
        [intent] = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFA1
        profile = intent.DestOutputProfile
        assert int(profile.N) == 3
        assert profile.read_bytes() == (resource_dir() / "icc" / "sRGB.icc").read_bytes()
        for number, page in enumerate(pdf.pages, start=1):
            for font in _fonts(page.obj.get("/Resources")):
                assert _embedded(font), f"page {number}: font {font.get('/BaseFont')} not embedded"
    report = pikepdf.pdfa.validate_written(io.BytesIO(data), "2b")
    assert report.passed, report.summary()


def page_texts(path: Path | bytes) -> list[str]:
    """Each page's text as PDFium extracts it."""
    import pypdfium2  # type: ignore[import-untyped]

    document = pypdfium2.PdfDocument(path)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            texts.append(text_page.get_text_range())
            text_page.close()
            page.close()
        return texts
    finally:
        document.close()
