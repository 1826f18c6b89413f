"""``--max-size``: one file when it fits, else compressed, else parts within the limit, in order.

The scans are real (``tests.pdfgen``) and recognised with Tesseract once for the module.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from app.core.export import ExportDocument, ExportError, export_document
from app.core.export.base import ExportOptions
from app.core.export.split import export_sized, part_paths
from app.core.results import PageResult
from tests.export_helpers import recognise_pdf
from tests.pdfa_checks import assert_pdfa_2b, page_texts
from tests.pdfgen import scanned_pdf

PAGES = [f"Folha {n} dos autos\nprocesso {1000 + n} vara {n}" for n in range(1, 7)]


@pytest.fixture(scope="module")
def recognised(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[PageResult]]:
    path = scanned_pdf(tmp_path_factory.mktemp("autos") / "autos.pdf", PAGES)
    return path, recognise_pdf(path)


def _whole_texts(doc: ExportDocument, folder: Path) -> list[str]:
    return page_texts(export_document(doc, folder / "whole.pdf", "pdfa"))


def test_a_document_that_fits_is_one_file_as_it_was(
    recognised: tuple[Path, list[PageResult]], tmp_path: Path
) -> None:
    source, pages = recognised
    doc = ExportDocument(source, pages)
    written = export_sized(doc, tmp_path / "autos.pdf", "pdfa", ExportOptions(max_size=5_000_000))
    assert written.paths == (tmp_path / "autos.pdf",)
    assert written.after == written.before == (tmp_path / "autos.pdf").stat().st_size
    assert_pdfa_2b((tmp_path / "autos.pdf").read_bytes(), "autos")


def test_a_large_scan_is_split_into_pdfa_parts_within_the_limit_in_page_order(
    recognised: tuple[Path, list[PageResult]], tmp_path: Path
) -> None:
    # Given six recognised scanned pages, larger together than the limit even compressed
    source, pages = recognised
    doc = ExportDocument(source, pages, title="Autos")
    limit = 100_000
    # When they are exported as PDF/A within it
    written = export_sized(doc, tmp_path / "autos.pdf", "pdfa", ExportOptions(max_size=limit))
    # Then there are numbered parts, each within the limit, each PDF/A-2b on its own
    assert len(written.paths) > 1
    assert list(written.paths) == part_paths(tmp_path / "autos.pdf", len(written.paths))
    assert not (tmp_path / "autos.pdf").exists()
    texts: list[str] = []
    for part in written.paths:
        data = part.read_bytes()
        assert len(data) <= limit, part.name
        assert_pdfa_2b(data, "Autos")
        texts += page_texts(part)
    # And together they hold every page, in order, with the text of the unsplit file
    assert texts == _whole_texts(doc, tmp_path)
    assert [f"{1000 + n}" in text for n, text in enumerate(texts, start=1)] == [True] * 6
    assert written.after == sum(path.stat().st_size for path in written.paths) < written.before


def test_a_plain_searchable_pdf_is_split_as_well(
    recognised: tuple[Path, list[PageResult]], tmp_path: Path
) -> None:
    source, pages = recognised
    written = export_sized(
        ExportDocument(source, pages), tmp_path / "a.pdf", "pdf", ExportOptions(max_size=120_000)
    )
    counts = []
    for part in written.paths:
        assert part.stat().st_size <= 120_000
        with pikepdf.open(part) as pdf:
            counts.append(len(pdf.pages))
            assert "/OutputIntents" not in pdf.Root
    assert sum(counts) == 6 and len(counts) > 1


def test_a_page_that_cannot_fit_even_compressed_writes_nothing(
    recognised: tuple[Path, list[PageResult]], tmp_path: Path
) -> None:
    source, pages = recognised
    with pytest.raises(ExportError) as caught:
        export_sized(
            ExportDocument(source, pages), tmp_path / "a.pdf", "pdfa", ExportOptions(max_size=20_000)
        )
    assert caught.value.code == "page_too_large"
    assert "page 1 of autos.pdf is larger than 20 KB even compressed" in str(caught.value)
    assert "a página 1 de autos.pdf é maior que 20 KB" in caught.value.localized("pt_BR")
    assert list(tmp_path.iterdir()) == []


def test_compression_alone_when_asked(recognised: tuple[Path, list[PageResult]], tmp_path: Path) -> None:
    source, pages = recognised
    written = export_sized(
        ExportDocument(source, pages), tmp_path / "c.pdf", "pdfa", ExportOptions(jpeg_quality=40)
    )
    assert written.paths == (tmp_path / "c.pdf",)
    assert written.after < written.before / 2
    assert_pdfa_2b((tmp_path / "c.pdf").read_bytes(), "autos")


def test_no_part_is_written_over_the_document_itself(
    recognised: tuple[Path, list[PageResult]], tmp_path: Path
) -> None:
    # Given a document named like the first part of its own split ("contrato-1.pdf")
    original, pages = recognised
    source = tmp_path / "contrato-1.pdf"
    source.write_bytes(original.read_bytes())
    before = source.read_bytes()
    # When it is exported as contrato.pdf under a limit that splits it
    with pytest.raises(ExportError) as caught:
        export_sized(
            ExportDocument(source, pages), tmp_path / "contrato.pdf", "pdfa", ExportOptions(max_size=60_000)
        )
    # Then it is refused, and the document is untouched
    assert caught.value.code == "same_as_source"
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contrato-1.pdf"]


def test_the_document_itself_is_not_called_a_part_of_an_earlier_export(
    recognised: tuple[Path, list[PageResult]], tmp_path: Path
) -> None:
    # Given contrato-1.pdf, exported beside itself as contrato.pdf, which it fits in whole
    original, pages = recognised
    source = tmp_path / "contrato-1.pdf"
    source.write_bytes(original.read_bytes())
    written = export_sized(
        ExportDocument(source, pages), tmp_path / "contrato.pdf", "pdfa", ExportOptions(max_size=5_000_000)
    )
    # Then it is one file, and the source is not named as an old part left in the folder
    assert written.paths == (tmp_path / "contrato.pdf",)
    assert written.leftovers == ()
