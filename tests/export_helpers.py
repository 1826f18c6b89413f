"""Page results for export tests: laid out by hand, or recognised from a real scan."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

from app.core.results import PageResult, PageSource, Word

TESSDATA = Path(__file__).resolve().parents[1] / "resources" / "tessdata"

ACCENTS = "áàâãéêíóôõúüç ÁÀÂÃÉÊÍÓÔÕÚÜÇ ª º §"


def laid_out_page(
    paragraphs: Sequence[Sequence[str]],
    *,
    page: int = 0,
    top: float = 0.1,
    line_height: float = 0.015,
    pitch: float = 0.022,
    paragraph_gap: float = 0.0,
    split_paragraphs: bool = True,
    block: int = 1,
) -> PageResult:
    """A page of words on a regular grid, as an OCR engine would box them.

    ``paragraphs`` are lists of printed lines. Each paragraph gets its own engine paragraph
    number when ``split_paragraphs``, else all share one (as when the engine misses breaks);
    ``paragraph_gap`` adds vertical space (page fraction) between paragraphs.
    """
    words: list[Word] = []
    y = top
    line_number = 0
    for par_index, lines in enumerate(paragraphs):
        par = par_index + 1 if split_paragraphs else 1
        for text in lines:
            x = 0.1
            for token in text.split():
                width = 0.012 * len(token)
                words.append(Word(token, x, y, x + width, y + line_height, 95.0, block, par, line_number))
                x += width + 0.012
            line_number += 1
            y += pitch
        y += paragraph_gap
    text = "\n\n".join("\n".join(lines) for lines in paragraphs)
    return PageResult(page=page, text=text, source=PageSource.OCR, confidence=95.0, words=tuple(words))


def text_page(text: str, page: int = 0) -> PageResult:
    return PageResult(page=page, text=text, source=PageSource.TEXT)


def failed_page(page: int, error: str = "the worker crashed twice") -> PageResult:
    return PageResult(page=page, text="", source=PageSource.FAILED, error=error)


def recognise_pdf(path: Path, password: str | None = None, dpi: int = 200) -> list[PageResult]:
    """OCR every page with tesserocr, boxes as fractions of the displayed page."""
    os.environ["OMP_THREAD_LIMIT"] = "1"  # before tesserocr loads; see docs/ARCHITECTURE.md
    import pypdfium2  # type: ignore[import-untyped]
    import tesserocr  # type: ignore[import-untyped]

    results = []
    document = pypdfium2.PdfDocument(path, password=password)
    try:
        with tesserocr.PyTessBaseAPI(path=str(TESSDATA), lang="por+eng") as api:
            for index in range(len(document)):
                page = document[index]
                width_pt, height_pt = page.get_size()
                image = page.render(scale=dpi / 72, grayscale=True).to_pil()
                api.SetImage(image)
                api.SetSourceResolution(dpi)
                words = _tsv_words(api.GetTSVText(0), image.width, image.height)
                results.append(
                    PageResult(
                        page=index,
                        text=api.GetUTF8Text(),
                        source=PageSource.OCR,
                        confidence=float(api.MeanTextConf()),
                        words=words,
                        width_pt=width_pt,
                        height_pt=height_pt,
                    )
                )
                page.close()
    finally:
        document.close()
    return results


def _tsv_words(tsv: str, width: int, height: int) -> tuple[Word, ...]:
    words = []
    for row in csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(row) < 12 or row[0] != "5" or not row[11].strip():
            continue
        left, top, w, h = (int(v) for v in row[6:10])
        words.append(
            Word(
                row[11],
                left / width,
                top / height,
                (left + w) / width,
                (top + h) / height,
                float(row[10]),
                int(row[2]),
                int(row[3]),
                int(row[4]),
            )
        )
    return tuple(words)
