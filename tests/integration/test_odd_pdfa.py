"""PDF/A-2b from every readable file of the odd corpus (tests/data/odd_pdfs).

Every export must be written and hold the identification, the output intent, embedded fonts
and no encryption. The validator (pikepdf's veraPDF rules) must approve it, except for the few
files whose content it cannot judge (``UNJUDGED``: it reports them "unsupported", not as
violations) or that carry a fault Scriba does not repair (``NOT_REPAIRED``).
"""

from __future__ import annotations

import io

import pikepdf
import pikepdf.pdfa
import pypdfium2  # type: ignore[import-untyped]
import pytest

from app.core.export.base import ExportDocument, ExportOptions
from app.core.export.pdfa import pdfa_bytes
from app.core.results import PageResult, PageSource
from tests.integration.odd_pdf_cases import CASES, ODD_DIR, OddPdf
from tests.pdfa_checks import _embedded, _fonts

#: Constructs the validator does not check yet: patterns and shadings, optional content,
#: JPEG 2000, keys it does not know (/Type of a font file or an outline item, PDFpen's own), an
#: outline nested deeper than the 64 levels it walks (it reports them "unsupported", no violation).
UNJUDGED = {
    "pikepdf_vector.pdf",
    "pikepdf_pike-jp2.pdf",
    "pikepdf_badlin1.pdf",
    "pikepdf_overlay.pdf",
    "pypdf_test Orient.pdf",
    "pypdf_Seige_of_Vicksburg_Sample_OCR.pdf",
    "pypdfium2_toc_maxdepth.pdf",
}
#: Faults of the source kept in the copy. Empty: the last four (a gray image tagged with an RGB
#: profile, twice; a zero MediaBox; bookmarks pointing at destination arrays by reference) are
#: repaired or their pages drawn as images; a name here must say why it cannot be.
NOT_REPAIRED: set[str] = set()

READABLE = [case for case in CASES if case.readable]


@pytest.mark.parametrize("case", READABLE, ids=str)
def test_every_readable_odd_pdf_becomes_pdfa(case: OddPdf) -> None:
    # Given an odd file whose pages can be read (its own text, no OCR: this is about structure)
    path = ODD_DIR / case.name
    password = case.password or None
    document = pypdfium2.PdfDocument(str(path), password=password)
    count = len(document)
    document.close()
    pages = [PageResult(index, "", PageSource.TEXT) for index in range(count)]
    # When it is exported as PDF/A
    data = pdfa_bytes(ExportDocument(path, pages, password=password), ExportOptions())
    # Then the file opens, says it is PDF/A-2b, has its output intent and no encryption
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/Encrypt" not in pdf.trailer and "/ID" in pdf.trailer
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert pdf.Root.OutputIntents[0].S == pikepdf.Name.GTS_PDFA1
        if case.name not in NOT_REPAIRED:
            for page in pdf.pages:
                assert all(_embedded(font) for font in _fonts(page.obj.get("/Resources")))
    # And the validator approves it, where it can judge it
    if case.name in UNJUDGED | NOT_REPAIRED:
        return
    report = pikepdf.pdfa.validate_written(io.BytesIO(data), "2b")
    assert report.passed, report.summary()
