"""Searchable PDF: the original pages untouched, an invisible text layer where the words are.

Positions are checked by exporting with the layer drawn as solid boxes (``visible=True``) and
rendering with PDFium: the boxes must land on the words as a viewer displays the page.
"""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pytest

from app.core.export import ExportDocument, ExportError, export_document
from app.core.export.atomic import write_atomically
from app.core.export.base import ExportOptions
from app.core.export.glyphless import truetype
from app.core.export.pdf import SearchablePdfExporter
from app.core.results import PageResult, PageSource, Word
from tests.export_helpers import ACCENTS, failed_page, recognise_pdf, text_page
from tests.pdfgen import char_error_rate, encrypted_copy, scanned_pdf, text_pdf

VOCABULARY = [
    "a",
    "condição",
    "de",
    "vida",
    "do",
    "povo",
    "brasileiro",
    "é",
    "uma",
    "questão",
    "ação",
    "informação",
    "português",
    "também",
    "não",
    "são",
    "coração",
    "órgão",
    "três",
    "você",
    "após",
    "índice",
    "júri",
    "pôr",
    "avô",
    "lâmpada",
    "saúde",
]


def _scan_text(lines: int = 32, seed: int = 1) -> str:
    rng = random.Random(seed)
    rows = [" ".join(rng.choice(VOCABULARY) for _ in range(9)) for _ in range(lines)]
    return "\n".join(rows)


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[PageResult]]:
    """A one-page A4 scan of ~290 Portuguese words and its OCR (run once: ~1 s)."""
    path = scanned_pdf(tmp_path_factory.mktemp("scan") / "scan.pdf", [_scan_text()])
    return path, recognise_pdf(path)


def _visible(doc: ExportDocument, target: Path) -> Path:
    exporter = SearchablePdfExporter(visible=True)
    return write_atomically(target, lambda handle: exporter.write(doc, handle, ExportOptions()))


def _render(path: Path, index: int = 0, scale: float = 1.0) -> Any:
    import pypdfium2  # type: ignore[import-untyped]

    document = pypdfium2.PdfDocument(path)
    try:
        return (
            document[index]
            .render(scale=scale, grayscale=True, no_smoothtext=True, no_smoothpath=True)
            .to_pil()
        )
    finally:
        document.close()


def _pdfium_text(path: Path, index: int = 0) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return str(document[index].get_textpage().get_text_range())
    finally:
        document.close()


def _images(path: Path) -> list[bytes]:
    from pypdf import PdfReader

    found = []
    for page in PdfReader(path).pages:
        resources: Any = page["/Resources"]
        xobjects = resources.get_object().get("/XObject", {})
        for ref in xobjects.values():
            found.append(ref.get_object()._data)  # the stored (encoded) bytes, not decoded
    return found


def _blank_pdf(
    path: Path, media: tuple[float, float, float, float], crop: tuple[float, ...] | None, rotate: int
) -> Path:
    from pypdf import PdfWriter
    from pypdf.generic import RectangleObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=media[2] - media[0], height=media[3] - media[1])
    page.mediabox = RectangleObject(media)
    if crop is not None:
        page.cropbox = RectangleObject(crop)
    if rotate:
        page.rotate(rotate)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_glyphless_font_is_a_font_freetype_loads() -> None:
    from PIL import ImageFont

    font = ImageFont.truetype(io.BytesIO(truetype()), 40)
    assert font.getname() == ("ScribaGlyphless", "Regular")
    assert font.getlength("condição") == 8 * 20  # every character advances half an em


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_layer_lands_on_the_displayed_box_with_rotation_and_offset_boxes(tmp_path: Path, rotate: int) -> None:
    # Given a page whose media box does not start at 0,0, cropped, and turned by /Rotate
    source = _blank_pdf(tmp_path / "in.pdf", (100, 200, 712, 992), (150, 250, 662, 942), rotate)
    box = (0.2, 0.3, 0.6, 0.36)  # displayed fractions, origin top left
    words = (Word(ACCENTS, *box, 90.0, 1, 1, 1),)
    doc = ExportDocument(source, [PageResult(0, ACCENTS, PageSource.OCR, words=words)])
    # When the layer is drawn visibly and the page rendered as a viewer shows it
    image = _render(_visible(doc, tmp_path / "out.pdf"))
    # Then the ink is exactly the word's box
    left, top, right, bottom = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    w, h = image.size
    assert (w, h) == ((692, 512) if rotate in (90, 270) else (512, 692))
    assert left == pytest.approx(box[0] * w, abs=2) and right == pytest.approx(box[2] * w, abs=2)
    assert top == pytest.approx(box[1] * h, abs=2) and bottom == pytest.approx(box[3] * h, abs=2)


def _engine_display_fraction(u: float, v: float, rotation: int) -> tuple[float, float]:
    """app.core.reading.orientation.to_page_fraction: an upright-image point on the displayed page whose
    content sits turned ``rotation`` degrees clockwise (restated so this test pins it)."""
    return {0: (u, v), 90: (1.0 - v, u), 180: (1.0 - u, 1.0 - v), 270: (v, 1.0 - u)}[rotation]


@pytest.mark.parametrize(("content", "page_rotate"), [(90, 0), (180, 0), (270, 0), (90, 90), (270, 180)])
def test_sideways_content_gets_a_layer_along_its_lines(
    tmp_path: Path, content: int, page_rotate: int
) -> None:
    # Given a page whose printed lines run sideways (the engine turned it upright to read it)
    source = _blank_pdf(tmp_path / "in.pdf", (0, 0, 595, 842), None, page_rotate)
    upright = [("alfa", 0.10, 0.20), ("beta", 0.25, 0.35), ("gama", 0.40, 0.50)]
    words = []
    for text, u0, u1 in upright:
        a = _engine_display_fraction(u0, 0.30, content)
        b = _engine_display_fraction(u1, 0.33, content)
        words.append(
            Word(text, min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]), 90.0, 1, 1, 1)
        )
    doc = ExportDocument(source, [PageResult(0, "", PageSource.OCR, words=tuple(words), rotation=content)])
    # When exported
    out = export_document(doc, tmp_path / "out.pdf")
    image = _render(_visible(doc, tmp_path / "visible.pdf"))
    # Then the page is shown upright (its /Rotate turned back), the text reads in order, and the
    # layer covers the words' boxes on the page as now displayed
    from pypdf import PdfReader

    from app.core.reading.orientation import upright_words

    assert int(PdfReader(out).pages[0]["/Rotate"]) == (page_rotate - content) % 360
    assert _pdfium_text(out).strip() == "alfa beta gama"
    assert "alfa beta gama" in PdfReader(out).pages[0].extract_text()
    shown = upright_words(words, content)
    left, top, right, bottom = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    w, h = image.size
    assert left == pytest.approx(min(wd.x0 for wd in shown) * w, abs=2)
    assert right == pytest.approx(max(wd.x1 for wd in shown) * w, abs=2)
    assert top == pytest.approx(min(wd.y0 for wd in shown) * h, abs=2)
    assert bottom == pytest.approx(max(wd.y1 for wd in shown) * h, abs=2)


def test_every_portuguese_accent_survives_in_the_text_layer(tmp_path: Path) -> None:
    from pypdf import PdfReader

    source = _blank_pdf(tmp_path / "in.pdf", (0, 0, 595, 842), None, 0)
    words = tuple(
        Word(t, 0.1 + 0.15 * i, 0.2, 0.22 + 0.15 * i, 0.23, 90.0, 1, 1, 1)
        for i, t in enumerate(ACCENTS.split())
    )
    doc = ExportDocument(source, [PageResult(0, ACCENTS, PageSource.OCR, words=words)])
    out = export_document(doc, tmp_path / "out.pdf")
    assert PdfReader(out).pages[0].extract_text().strip() == ACCENTS
    assert _pdfium_text(out).strip() == ACCENTS


def test_scan_round_trip_text_matches_and_pages_are_untouched(
    tmp_path: Path, scan: tuple[Path, list[PageResult]]
) -> None:
    from pypdf import PdfReader

    source, results = scan
    expected = " ".join(w.text for w in results[0].words)
    # When the scan is exported as a searchable PDF
    out = export_document(ExportDocument(source, results), tmp_path / "out.pdf")
    # Then both pypdf and PDFium read back the recognised words
    assert char_error_rate(expected, PdfReader(out).pages[0].extract_text()) < 0.02
    assert char_error_rate(expected, _pdfium_text(out)) < 0.02
    # And the page count, sizes and image bytes are those of the source
    before, after = PdfReader(source), PdfReader(out)
    assert len(after.pages) == len(before.pages)
    assert [tuple(p.mediabox) for p in after.pages] == [tuple(p.mediabox) for p in before.pages]
    assert _images(out) == _images(source) and _images(source)
    # And the layer is invisible: the page renders pixel for pixel as before
    assert _render(out).tobytes() == _render(source).tobytes()


def test_scan_words_are_found_where_they_are_printed(
    tmp_path: Path, scan: tuple[Path, list[PageResult]]
) -> None:
    source, results = scan
    image = _render(_visible(ExportDocument(source, results), tmp_path / "out.pdf"))
    w, h = image.size
    centres = [
        image.getpixel((int((wd.x0 + wd.x1) / 2 * w), int((wd.y0 + wd.y1) / 2 * h)))
        for wd in results[0].words
    ]
    assert len(centres) > 250 and all(value < 64 for value in centres)
    # Outside the text block nothing is drawn.
    assert image.getpixel((5, 5)) > 200 and image.getpixel((w - 5, h - 5)) > 200


def test_rotated_scan_gets_an_upright_searchable_layer(
    tmp_path: Path, scan: tuple[Path, list[PageResult]]
) -> None:
    from pypdf import PdfReader, PdfWriter

    # Given the same scan stored sideways with /Rotate 90 (it displays exactly as the upright one,
    # so the upright page's OCR boxes are its displayed boxes)
    sideways = scanned_pdf(tmp_path / "sideways.pdf", [_scan_text()], rotate=270)
    writer = PdfWriter(clone_from=PdfReader(sideways))
    writer.pages[0].rotate(90)
    with (tmp_path / "rotated.pdf").open("wb") as handle:
        writer.write(handle)
    _, results = scan
    doc = ExportDocument(tmp_path / "rotated.pdf", results)
    # When exported
    out = export_document(doc, tmp_path / "out.pdf")
    visible = _render(_visible(doc, tmp_path / "visible.pdf"))
    # Then the text reads back and the boxes sit on the displayed words
    expected = " ".join(w.text for w in results[0].words)
    assert char_error_rate(expected, PdfReader(out).pages[0].extract_text()) < 0.02
    assert char_error_rate(expected, _pdfium_text(out)) < 0.02
    w, h = visible.size
    assert w < h  # displayed upright
    centres = [
        visible.getpixel((int((wd.x0 + wd.x1) / 2 * w), int((wd.y0 + wd.y1) / 2 * h)))
        for wd in results[0].words
    ]
    assert all(value < 64 for value in centres)


def test_pages_with_their_own_text_and_failed_pages_are_left_alone(tmp_path: Path) -> None:
    from pypdf import PdfReader

    source = text_pdf(tmp_path / "in.pdf", ["Texto nativo da página um", "Página dois"])
    doc = ExportDocument(source, [text_page("Texto nativo da página um", 0), failed_page(1)])
    out = export_document(doc, tmp_path / "out.pdf")
    before, after = PdfReader(source), PdfReader(out)
    old: Any
    new: Any
    for old, new in zip(before.pages, after.pages, strict=True):
        assert new["/Contents"].get_object().get_data() == old["/Contents"].get_object().get_data()
        assert list(new["/Resources"]["/Font"]) == ["/F1"]
    assert after.pages[0].extract_text() == before.pages[0].extract_text()


def test_password_protected_source_is_opened_with_the_password(
    tmp_path: Path, scan: tuple[Path, list[PageResult]]
) -> None:
    from pypdf import PdfReader

    source, results = scan
    locked = encrypted_copy(source, tmp_path / "locked.pdf", "s3gredo")
    out = export_document(ExportDocument(locked, results, password="s3gredo"), tmp_path / "out.pdf")
    reader = PdfReader(out)
    assert not reader.is_encrypted
    assert "condição" in reader.pages[0].extract_text() or "questão" in reader.pages[0].extract_text()
    with pytest.raises(ExportError) as caught:
        export_document(ExportDocument(locked, results, password="errada"), tmp_path / "bad.pdf")
    assert caught.value.code == "password" and not (tmp_path / "bad.pdf").exists()


def test_source_with_another_page_count_is_refused(
    tmp_path: Path, scan: tuple[Path, list[PageResult]]
) -> None:
    source, results = scan
    doc = ExportDocument(source, [*results, failed_page(1)])
    with pytest.raises(ExportError) as caught:
        export_document(doc, tmp_path / "out.pdf")
    assert caught.value.code == "source_changed"
    assert "1 pages now, 2 before" in str(caught.value)
    assert list(tmp_path.iterdir()) == []
