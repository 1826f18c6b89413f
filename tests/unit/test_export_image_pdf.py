"""Searchable PDF from a scanner's image: its own page size, its bytes kept, the text layer on top.

Pages are read by the real engine (``ImageDocument.read_page``, in this process) and exported;
the PDF is checked with PDFium (pages, sizes, text, what a viewer draws) and pypdf (how the image
is stored).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from app.core.export import ExportDocument, ExportError, export_document
from app.core.export.image_pdf import placement
from app.core.options import OcrOptions
from app.core.reading.images import ImageDocument
from app.core.reading.pages import PageContext
from app.core.results import PageResult, PageSource
from tests.export_helpers import failed_page
from tests.pdfgen import char_error_rate, page_image, tiff_with_broken_frame

TEXTS = [f"Página {n} do processo\nCertidão de intimação número {n}\nO réu não compareceu." for n in (1, 2)]


@pytest.fixture(scope="module")
def context() -> PageContext:
    return PageContext()


def _read(path: Path, context: PageContext) -> ExportDocument:
    document = ImageDocument(path)
    pages = [document.read_page(context, index, OcrOptions()) for index in range(document.page_count)]
    return ExportDocument(path, pages)


def _images(pdf: Path) -> list[dict[str, object]]:
    reader = PdfReader(pdf)
    found = []
    for page in reader.pages:
        xobjects = page["/Resources"]["/XObject"]
        found.append({key: value for key, value in next(iter(xobjects.values())).get_object().items()})
    return found


def _drawn(pdf: Path, index: int, scale: float) -> Image.Image:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[index].render(scale=scale, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def test_a_g4_tiff_becomes_pages_of_its_size_with_its_text(context: PageContext, tmp_path: Path) -> None:
    # Given a 2-page 1-bit TIFF at 150 DPI, Letter-wide and 4 inches tall, read by the engine
    frames = [page_image(t, dpi=150, size_in=(8.5, 4), seed=n).convert("1") for n, t in enumerate(TEXTS)]
    source = tmp_path / "fax.tif"
    frames[0].save(source, compression="group4", dpi=(150, 150), save_all=True, append_images=frames[1:])
    doc = _read(source, context)
    # When it is exported as a searchable PDF
    target = export_document(doc, tmp_path / "fax.pdf")
    # Then PDFium opens it: 2 pages of 8.5 x 4 in, whose text layer holds each page's words
    pdf = pypdfium2.PdfDocument(target)
    try:
        assert len(pdf) == 2
        for index, text in enumerate(TEXTS):
            width, height = pdf[index].get_size()
            assert (width, height) == pytest.approx((612, 288), abs=0.5)
            extracted = pdf[index].get_textpage().get_text_range()
            assert char_error_rate(text, extracted) < 0.05, extracted
    finally:
        pdf.close()
    # And each image is kept at one bit a pixel, losslessly, as G4
    for image in _images(target):
        assert image["/BitsPerComponent"] == 1 and image["/Filter"] == "/CCITTFaxDecode"
        assert (image["/Width"], image["/Height"]) == (1275, 600)
    assert ImageChops.difference(_drawn(target, 1, 150 / 72), frames[1].convert("L")).getbbox() is None


def test_a_jpeg_is_embedded_as_it_is(context: PageContext, tmp_path: Path) -> None:
    source = tmp_path / "scan.jpg"
    page_image(TEXTS[0], dpi=200, size_in=(8.27, 3)).save(source, quality=80, dpi=(200, 200))
    target = export_document(_read(source, context), tmp_path / "scan.pdf")
    [image] = _images(target)
    assert image["/Filter"] == "/DCTDecode"
    reader = PdfReader(target)
    embedded = next(iter(reader.pages[0]["/Resources"]["/XObject"].values())).get_object()
    assert embedded.get_data() == source.read_bytes()  # the scanner's bytes, not re-compressed
    assert reader.pages[0].mediabox.width == pytest.approx(8.27 * 72, abs=0.5)


@pytest.mark.parametrize("tag", [1, 2, 3, 4, 5, 6, 7, 8])
def test_a_jpegs_exif_turn_is_drawn_by_the_matrix(tag: int, tmp_path: Path) -> None:
    # Given a small asymmetric picture stored turned as EXIF orientation ``tag`` says
    upright = Image.new("L", (120, 60), 255)
    upright.paste(0, (0, 0, 40, 20))  # a black block in the top left corner
    upright.paste(128, (100, 40, 120, 60))  # a gray one in the bottom right
    inverse = {2: 0, 3: 3, 4: 1, 5: 5, 6: 2, 7: 6, 8: 4}  # the transpose that undoes each tag's turn
    stored = upright.transpose(Image.Transpose(inverse[tag])) if tag in inverse else upright
    exif = Image.Exif()
    exif[0x0112] = tag
    source = tmp_path / "turned.jpg"  # embedded as it is: only the matrix turns it
    stored.save(source, dpi=(144, 144), exif=exif, quality=95)
    doc = ExportDocument(source, [PageResult(0, "", PageSource.OCR)])
    # When it is exported
    target = export_document(doc, tmp_path / "turned.pdf")
    # Then a viewer shows it upright, at the upright size
    drawn = _drawn(target, 0, 2.0)  # 144 DPI: two pixels a point
    assert drawn.size == upright.size
    assert ImageStat.Stat(ImageChops.difference(drawn, upright)).mean[0] < 3


def test_placement_of_an_upright_image_is_the_page() -> None:
    assert placement(1, 595.0, 842.0) == (595.0, 0.0, 0.0, 842.0, 0.0, 0.0)


def test_a_source_whose_frames_changed_is_refused(context: PageContext, tmp_path: Path) -> None:
    source = tmp_path / "scan.png"
    page_image(TEXTS[0], dpi=150, size_in=(8.27, 3)).save(source, dpi=(150, 150))
    pages = [PageResult(0, "", PageSource.OCR), PageResult(1, "", PageSource.OCR)]
    with pytest.raises(ExportError) as refused:
        export_document(ExportDocument(source, pages), tmp_path / "scan.pdf")
    assert refused.value.code == "source_changed"


def test_a_broken_frame_becomes_a_blank_page_and_the_others_keep_their_text(
    context: PageContext, tmp_path: Path
) -> None:
    # Given a 3-page LZW TIFF whose second frame's data was overwritten, read page by page
    texts = [f"Página {n} do processo" for n in (1, 2, 3)]
    source = tiff_with_broken_frame(tmp_path / "broken.tif", texts, broken=1)
    document = ImageDocument(source)
    pages = [
        document.read_page(context, 0, OcrOptions()),
        failed_page(1),
        document.read_page(context, 2, OcrOptions()),
    ]
    # When it is exported as a searchable PDF
    target = export_document(ExportDocument(source, pages), tmp_path / "broken.pdf")
    # Then it has all 3 pages: the broken one blank and silent, the others with their words
    pdf = pypdfium2.PdfDocument(target)
    try:
        assert len(pdf) == 3
        extracted = [pdf[i].get_textpage().get_text_range() for i in range(3)]
    finally:
        pdf.close()
    assert extracted[1] == ""
    assert char_error_rate(texts[0], extracted[0]) < 0.05 and char_error_rate(texts[2], extracted[2]) < 0.05
    assert _drawn(target, 1, 0.5).getextrema() == (255, 255)


def test_text_and_word_exports_of_an_image_document_hold_its_text(
    context: PageContext, tmp_path: Path
) -> None:
    from docx import Document

    source = tmp_path / "scan.png"
    page_image(TEXTS[0], dpi=150, size_in=(8.27, 3)).save(source, dpi=(150, 150))
    doc = _read(source, context)
    text = export_document(doc, tmp_path / "scan.txt").read_text(encoding="utf-8")
    title, *body = [p.text for p in Document(str(export_document(doc, tmp_path / "scan.docx"))).paragraphs]
    assert char_error_rate(TEXTS[0], text) < 0.05, text
    assert title == "scan"  # the file's name, as for a PDF
    assert char_error_rate(TEXTS[0], "\n".join(body)) < 0.05, body
