"""PDF/A-2b export: identification, output intent, embedded fonts, no encryption, text kept.

Each file is checked by reading its structure back with pikepdf and by pikepdf's validator of
the veraPDF rules (``tests.pdfa_checks``); Ghostscript, where installed, reads its text as a
second opinion.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from app.core.export import ExportDocument, export_document
from app.core.export.base import ExportOptions
from app.core.export.pdfa import pdfa_bytes
from app.core.export.registry import FORMATS, format_label
from app.core.results import PageResult, PageSource
from tests.export_helpers import recognise_pdf
from tests.pdfa_checks import assert_pdfa_2b, page_texts
from tests.pdfgen import encrypted_copy, scanned_pdf, text_pdf

SCAN_PAGES = ["Termo de audiência\nprocesso número 1234", "Sentença proferida\nnesta data"]


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[PageResult]]:
    path = scanned_pdf(tmp_path_factory.mktemp("scan") / "audiencia.pdf", SCAN_PAGES)
    return path, recognise_pdf(path)


def test_a_scan_becomes_pdfa_2b_with_its_text(scan: tuple[Path, list[PageResult]], tmp_path: Path) -> None:
    # Given a recognised two-page scan
    source, pages = scan
    # When it is exported as PDF/A through the registry
    target = export_document(ExportDocument(source, pages, title="Audiência"), tmp_path / "a.pdf", "pdfa")
    # Then it is PDF/A-2b, titled as asked, and its pages carry the recognised words
    data = target.read_bytes()
    assert_pdfa_2b(data, "Audiência")
    texts = page_texts(target)
    assert "audiência" in texts[0].lower() and "1234" in texts[0]
    assert "Sentença" in texts[1]


def test_the_registry_offers_pdfa_in_both_languages() -> None:
    assert format_label("pdfa") == "Searchable PDF/A (archives, courts) (.pdf)"
    assert format_label("pdfa", "pt_BR") == "PDF/A pesquisável (arquivos, tribunais) (.pdf)"
    assert FORMATS["pdf"].suffix == FORMATS["pdfa"].suffix == ".pdf"


def test_pages_whose_fonts_are_not_embedded_are_drawn_with_their_text(tmp_path: Path) -> None:
    # Given a born-digital PDF set in Helvetica, whose program is not in the file
    source = text_pdf(
        tmp_path / "petição.pdf", ["Excelentíssimo Senhor Juiz", "Termos em que pede deferimento"]
    )
    with pikepdf.open(source) as original:
        assert "/FontDescriptor" not in original.pages[0].Resources.Font.F1
    pages = [PageResult(0, "", PageSource.TEXT), PageResult(1, "", PageSource.TEXT)]
    # When it is exported as PDF/A
    data = pdfa_bytes(ExportDocument(source, pages), ExportOptions())
    # Then every font is embedded (the page is its image plus the glyphless layer) and the
    # words are still there, on their pages
    assert_pdfa_2b(data, "petição")
    texts = page_texts(data)
    assert texts[0].split() == ["Excelentíssimo", "Senhor", "Juiz"]
    assert texts[1].split() == ["Termos", "em", "que", "pede", "deferimento"]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        [image] = [xobject for _, xobject in pdf.pages[0].Resources.XObject.items()]
        assert image.Subtype == pikepdf.Name.Image and int(image.Width) == 2480  # A4 wide at 300 DPI


def test_an_encrypted_source_gives_an_unencrypted_pdfa(
    scan: tuple[Path, list[PageResult]], tmp_path: Path
) -> None:
    source, pages = scan
    locked = encrypted_copy(source, tmp_path / "sigilo.pdf", "segredo")
    data = pdfa_bytes(ExportDocument(locked, pages, password="segredo"), ExportOptions())
    assert_pdfa_2b(data, "sigilo")


def test_what_pdfa_forbids_is_removed_and_an_old_claim_replaced(
    scan: tuple[Path, list[PageResult]], tmp_path: Path
) -> None:
    # Given a source with a JavaScript open action, an attachment and XMP claiming PDF/A-1a
    source, pages = scan
    odd = tmp_path / "odd.pdf"
    with pikepdf.open(source) as pdf:
        script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        pdf.Root.OpenAction = pdf.make_indirect(script)
        pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, b"not PDF/A", filename="notes.txt")
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdfaid:part"] = "1"
            meta["pdfaid:conformance"] = "A"
        pdf.docinfo["/Author"] = "Vara do Trabalho"
        pdf.save(odd)
    # When it is exported as PDF/A
    data = pdfa_bytes(ExportDocument(odd, pages), ExportOptions())
    # Then it is PDF/A-2b without them, and the author is kept in both places
    assert_pdfa_2b(data, "odd")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/OpenAction" not in pdf.Root
        assert len(pdf.attachments) == 0
        assert str(pdf.docinfo["/Author"]) == "Vara do Trabalho"
        assert pdf.open_metadata()["dc:creator"] == ["Vara do Trabalho"]


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed")
def test_ghostscript_reads_the_same_text(scan: tuple[Path, list[PageResult]], tmp_path: Path) -> None:
    # A second reader, not PDFium: Ghostscript's text extraction finds the layer's words.
    source, pages = scan
    target = tmp_path / "gs.pdf"
    target.write_bytes(pdfa_bytes(ExportDocument(source, pages), ExportOptions()))
    done = subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=txtwrite", "-sOutputFile=-", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "Sentença" in done.stdout and "1234" in done.stdout
    assert "error" not in done.stderr.lower()


def test_a_page_painted_in_cmyk_is_drawn_in_rgb_and_passes(tmp_path: Path) -> None:
    # Given a born-digital page from a print workflow: a CMYK photo and a CMYK-filled box
    import pikepdf.pdfa
    import pypdfium2  # type: ignore[import-untyped]
    from PIL import Image, ImageChops, ImageDraw, ImageStat

    photo = Image.new("CMYK", (300, 200), (0, 0, 0, 0))
    ImageDraw.Draw(photo).rectangle((40, 40, 200, 150), fill=(200, 20, 90, 30))
    jpeg = io.BytesIO()
    photo.save(jpeg, "JPEG", quality=90)
    with pikepdf.new() as pdf:
        page = pdf.add_blank_page(page_size=(595, 842))
        image = pikepdf.Stream(pdf, jpeg.getvalue())
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = 300, 200, 8
        image.ColorSpace, image.Filter = pikepdf.Name.DeviceCMYK, pikepdf.Name.DCTDecode
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.Contents = pdf.make_stream(
            b"q 300 0 0 200 100 500 cm /Im0 Do Q 0 0.6 0.9 0.1 k 100 100 200 150 re f"
        )
        pdf.save(tmp_path / "folder.pdf")
    # When it is exported as PDF/A (whose output intent is sRGB)
    data = pdfa_bytes(
        ExportDocument(tmp_path / "folder.pdf", [PageResult(0, "", PageSource.TEXT)]), ExportOptions()
    )
    # Then the validator approves it, nothing in it paints in CMYK any more
    assert pikepdf.pdfa.validate_written(io.BytesIO(data), "2b").passed
    assert_pdfa_2b(data, "folder")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        spaces = {str(x.get("/ColorSpace")) for _, x in pdf.pages[0].Resources.XObject.items()}
        assert spaces <= {"/DeviceRGB", "/DeviceGray"}

    # And the page looks as it did
    def drawn(pdf_bytes: bytes) -> Image.Image:
        document = pypdfium2.PdfDocument(pdf_bytes)
        try:
            return document[0].render(scale=50 / 72).to_pil().convert("RGB")
        finally:
            document.close()

    before, after = drawn((tmp_path / "folder.pdf").read_bytes()), drawn(data)
    assert before.size == after.size
    assert max(ImageStat.Stat(ImageChops.difference(before, after)).mean) < 4


def test_a_redrawn_scan_keeps_its_words_exactly(tmp_path: Path) -> None:
    # Given a scan from the odd corpus whose page also names a font that is not embedded (so
    # PDF/A draws it again as its image plus the text PDFium reads on it: Scriba's own layer)
    from tests.integration.odd_pdf_cases import ODD_DIR

    source = ODD_DIR / "gen_scan_jpeg.pdf"
    pages = recognise_pdf(source)
    doc = ExportDocument(source, pages)
    # When it is exported as a searchable PDF and as PDF/A
    plain = export_document(doc, tmp_path / "plain.pdf", "pdf")
    archival = pdfa_bytes(doc, ExportOptions())
    # Then the PDF/A holds the same words, none doubled or run together
    assert page_texts(archival)[0].split() == page_texts(plain)[0].split()
    assert "corpus" in page_texts(archival)[0].split()
