"""The searchable PDF of sources whose structure is odd, that carry an old text layer, or are signed.

Odd structures come from the corpus (tests/data/odd_pdfs, made with raw bytes by its make_odd.py)
or are made here with pikepdf; the output is checked with PDFium (what viewers and search see).
Page results are laid out by hand: the writer's work is placing them, not reading.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from PIL import ImageChops, ImageStat

from app.core.export import ExportDocument, export_document
from app.core.export.pdf import build_searchable_pdf
from app.core.export.signatures import is_signed
from app.core.results import PageResult, PageSource, Word
from tests.export_helpers import text_page
from tests.integration.odd_pdf_cases import ODD_DIR
from tests.pdfgen import Placed, layered_scan_pdf, line_placements, page_image, scanned_pdf, text_pdf

WORDS = ("Relatório", "final", "do", "processo", "trabalhista")


def _ocr_page(index: int = 0, words: tuple[str, ...] = WORDS) -> PageResult:
    boxes = tuple(
        Word(text, 0.1 + 0.15 * n, 0.1, 0.22 + 0.15 * n, 0.13, 90.0, 1, 1, 1) for n, text in enumerate(words)
    )
    return PageResult(index, " ".join(words), PageSource.OCR, 90.0, boxes, width_pt=297.6, height_pt=420.9)


def _texts(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(path)
    try:
        return [str(document[i].get_textpage().get_text_range()) for i in range(len(document))]
    finally:
        document.close()


def _export(tmp_path: Path, source: Path, pages: list[PageResult]) -> list[str]:
    out = export_document(ExportDocument(source, pages), tmp_path / "out.pdf")
    return _texts(out)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("gen_page_tree_loop_two_nodes.pdf", "Loop detected"),
        ("gen_page_tree_depth_150.pdf", "too deeply nested"),
        ("gen_kids_not_pages.pdf", "qpdf cannot open it"),
    ],
)
def test_a_page_tree_qpdf_cannot_keep_is_rebuilt_from_its_images(
    tmp_path: Path, name: str, why: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Given a file whose page tree loops, runs 150 deep or holds non-pages, as PDFium read it
    source = ODD_DIR / name
    count = len(pypdfium2.PdfDocument(source))
    # When it is exported
    with caplog.at_level(logging.WARNING):
        texts = _export(tmp_path, source, [_ocr_page(i) for i in range(count)])
    # Then every page is there with its words, and the log says the pages were rebuilt
    assert len(texts) == count
    assert " ".join(WORDS) in texts[0].replace("\r\n", " ")
    assert any("rebuilt from its image" in r.getMessage() and why in r.getMessage() for r in caplog.records)


def test_a_zero_mediabox_page_takes_the_size_it_was_read_at(tmp_path: Path) -> None:
    # Given a scan whose MediaBox is [0 0 0 0] (PDFium shows it at its default size)
    source = ODD_DIR / "gen_mediabox_zero.pdf"
    page = pypdfium2.PdfDocument(source)[0]
    width, height = page.get_size()
    result = _ocr_page()
    result = PageResult(0, result.text, result.source, 90.0, result.words, width_pt=width, height_pt=height)
    # When it is exported
    with build_searchable_pdf(ExportDocument(source, [result])) as pdf:
        box = [float(v) for v in pdf.pages[0].obj.MediaBox]
        pdf.save(tmp_path / "out.pdf")
    # Then the page has that size, its scan kept, and its words
    assert box == [0.0, 0.0, width, height]
    assert " ".join(WORDS) in _texts(tmp_path / "out.pdf")[0].replace("\r\n", " ")


def test_an_old_invisible_layer_is_replaced_so_each_word_is_there_once(tmp_path: Path) -> None:
    # Given a scan whose scanner laid a garbage invisible layer over it (render mode 3)
    text = "Relatório final do processo trabalhista"
    garbage = [
        Placed("Rcl4t0ri0 fin4l d0 pr0c3ss0", p.left, p.baseline, p.width, p.size)
        for p in line_placements(text)
    ]
    source = layered_scan_pdf(tmp_path / "layered.pdf", [(page_image(text), garbage)])
    assert "Rcl4t0ri0" in _texts(source)[0]
    # When the page, read by OCR, is exported
    texts = _export(tmp_path, source, [_ocr_page()])
    # Then each word is there once, the old layer's words not at all
    words = texts[0].split()
    assert sorted(words) == sorted(WORDS)
    assert "Rcl4t0ri0" not in texts[0]


def test_removing_the_old_layer_keeps_what_the_page_draws(tmp_path: Path) -> None:
    text = "Relatório final do processo trabalhista"
    source = layered_scan_pdf(tmp_path / "layered.pdf", [(page_image(text), line_placements(text))])
    export_document(ExportDocument(source, [_ocr_page()]), tmp_path / "out.pdf")
    before = pypdfium2.PdfDocument(source)[0].render(scale=1).to_pil().convert("L")
    after = pypdfium2.PdfDocument(tmp_path / "out.pdf")[0].render(scale=1).to_pil().convert("L")
    assert before.tobytes() == after.tobytes()


def test_visible_old_text_is_kept_as_it_is_drawn(tmp_path: Path) -> None:
    # Given a page of visible text (render mode 0) that was read by OCR all the same
    source = text_pdf(tmp_path / "visible.pdf", ["Texto impresso visível"])
    with pikepdf.open(source) as original:
        drawn = original.pages[0].obj.Contents.read_bytes()
    # When exported
    out = export_document(ExportDocument(source, [_ocr_page()]), tmp_path / "out.pdf")
    # Then its drawing is kept byte for byte and the OCR layer comes on top of it
    with pikepdf.open(out) as written:
        parts = [part.read_bytes() for part in written.pages[0].obj.Contents]
    assert drawn in parts
    assert "Texto impresso visível" in _texts(out)[0]


def test_text_pages_of_a_repaired_file_keep_their_own_text_only(tmp_path: Path) -> None:
    source = text_pdf(tmp_path / "in.pdf", ["Texto nativo da página"])
    texts = _export(tmp_path, source, [text_page("Texto nativo da página")])
    assert texts[0].split() == ["Texto", "nativo", "da", "página"]


def _signed_pdf(source: Path, target: Path) -> Path:
    """A copy of ``source`` with a signature field whose value has a /ByteRange and /Contents:
    what detection looks at (the bytes signed are not a real CMS signature)."""
    with pikepdf.open(source) as pdf:
        value = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Sig,
                Filter=pikepdf.Name("/Adobe.PPKLite"),
                SubFilter=pikepdf.Name("/adbe.pkcs7.detached"),
                ByteRange=pikepdf.Array([0, 100, 200, 300]),
                Contents=pikepdf.String(b"\x30\x80" + b"\x00" * 62),
            )
        )
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                FT=pikepdf.Name.Sig, T=pikepdf.String("Signature1"), V=value, Kids=pikepdf.Array()
            )
        )
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
        pdf.save(target)
    return target


def test_a_signed_source_is_detected_and_never_changed(tmp_path: Path) -> None:
    plain = scanned_pdf(tmp_path / "plain.pdf", ["Contrato assinado"])
    signed = _signed_pdf(plain, tmp_path / "signed.pdf")
    before = hashlib.sha256(signed.read_bytes()).hexdigest()
    assert is_signed(signed) and not is_signed(plain)
    assert is_signed(ODD_DIR / "gen_signed.pdf")  # a real CMS signature, made by the corpus
    export_document(ExportDocument(signed, [_ocr_page()]), tmp_path / "out.pdf")
    assert hashlib.sha256(signed.read_bytes()).hexdigest() == before


def test_an_old_invisible_layer_in_a_form_is_removed_for_this_page_only(tmp_path: Path) -> None:
    # Given two scans sharing one form XObject that lays invisible garbage text over them (as
    # OCRmyPDF lays its layer), the second page's own text layer being taken as it is
    scanned = scanned_pdf(tmp_path / "scan.pdf", ["Relatório final do processo trabalhista"] * 2)
    with pikepdf.open(scanned) as pdf:
        font = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
        form = pdf.make_stream(b"BT 3 Tr /F1 12 Tf 1 0 0 1 30 300 Tm (Rcl4t0ri0 fin4l) Tj ET")
        form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        form.BBox = pikepdf.Array([0, 0, 600, 800])
        form.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        for page in pdf.pages:
            page.obj.Resources.XObject.Fx0 = form
            page.obj.Contents = pikepdf.Array([page.obj.Contents, pdf.make_stream(b"q /Fx0 Do Q")])
        pdf.save(tmp_path / "layered.pdf")
    # When the first page (read by OCR) is exported
    texts = _export(tmp_path, tmp_path / "layered.pdf", [_ocr_page(0), text_page("Rcl4t0ri0 fin4l", 1)])
    # Then it holds the OCR words once and none of the old ones; the second keeps the form's text
    assert sorted(texts[0].split()) == sorted(WORDS)
    assert "Rcl4t0ri0" in texts[1]


def test_pages_rebuilt_from_images_look_as_before_and_carry_their_words(tmp_path: Path) -> None:
    # Given a scan
    scan = scanned_pdf(tmp_path / "scan.pdf", ["Relatório final do processo trabalhista"])
    # When every page is rebuilt from its image (the fallback when qpdf cannot write the pages)
    with build_searchable_pdf(ExportDocument(scan, [_ocr_page()]), from_images=True) as pdf:
        filters = [str(x.Filter) for page in pdf.pages for x in page.obj.Resources.XObject.values()]
        pdf.save(tmp_path / "out.pdf")
    # Then the page is one JPEG image of the same size, drawn nearly as the original, with the words
    assert filters == ["/DCTDecode"]
    before = pypdfium2.PdfDocument(scan)[0]
    after = pypdfium2.PdfDocument(tmp_path / "out.pdf")[0]
    assert after.get_size() == pytest.approx(before.get_size(), abs=0.5)
    a = before.render(scale=0.5, grayscale=True).to_pil()
    b = after.render(scale=0.5, grayscale=True).to_pil()
    assert ImageStat.Stat(ImageChops.difference(a, b)).mean[0] < 3
    assert sorted(_texts(tmp_path / "out.pdf")[0].split()) == sorted(WORDS)


def test_a_source_pdfium_cannot_open_either_is_named_not_a_name_error(tmp_path: Path) -> None:
    # Given an export whose source is no longer a PDF at all (replaced since it was read)
    from app.core.export.base import ExportError
    from app.core.export.pdf_fallback import PageImages

    source = tmp_path / "autos.pdf"
    source.write_bytes(b"this is no longer a PDF\n" * 10)
    # When its pages are to be rebuilt from their images
    # Then the failure is the sentence about the file, not a Python error
    with pytest.raises(ExportError) as caught:
        PageImages(ExportDocument(source, [])).count()
    assert caught.value.code == "source_unreadable"
    assert "autos.pdf" in str(caught.value)
