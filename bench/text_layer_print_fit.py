"""How a scan's text layer lies on its print: ``app.core.reading.text_layer.print_fit`` on right layers
and on layers moved off their lines, to check ``MIN_ON_INK`` and ``MIN_CENTRED``.

    uv run python bench/text_layer_print_fit.py [--pages 10] [--seed 5]

Each page is drawn at random from ``tests/text_corpus.py``'s real pages: DejaVu Serif or Sans,
8-14 pt, 150/200/300 DPI, line spacing 1.15-2, skewed up to 2 degrees; read by real Tesseract and
exported by Scriba as a searchable PDF (an invisible font without outlines, as OCR tools write),
then exported again with every word moved down by 0.2, 0.4, 0.6 and 1.2 lines. Prints each
page's ``on_ink`` and ``centred`` and what ``judge_text_layer`` decided (~2 s a page).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.export import ExportDocument, export_document  # noqa: E402
from app.core.reading.text_layer import judge_text_layer, print_fit  # noqa: E402
from tests.export_helpers import recognise_pdf  # noqa: E402
from tests.pdfgen import scanned_pdf  # noqa: E402
from tests.text_corpus import REAL  # noqa: E402


def judge(path: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    page = document[0]
    textpage = page.get_textpage()
    fit = print_fit(page, textpage)
    textpage.close()
    verdict = judge_text_layer(page).code or "taken"
    page.close()
    document.close()
    return f"{verdict:9s} ({fit.on_ink:.2f} on ink, {fit.centred:.2f} centred)" if fit else verdict


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="print-fit-"))
    for number in range(args.pages):
        name = rng.choice(sorted(REAL))
        font_pt, dpi = rng.choice([8, 10, 12, 14]), rng.choice([150, 200, 300])
        skew, spacing = rng.uniform(-2, 2), rng.choice([1.15, 1.5, 2.0])
        font = rng.choice(["DejaVuSerif.ttf", "DejaVuSans.ttf"])
        text = "\n".join(textwrap.wrap(" ".join(REAL[name].split()), int(56 * 12 / font_pt)))
        source = scanned_pdf(
            folder / f"{number}.pdf", [text], dpi=dpi, font=font, font_pt=font_pt, skew=skew, spacing=spacing
        )
        [result] = recognise_pdf(source, dpi=dpi)
        line = font_pt * spacing / 72 / 11.69  # one line's pitch, as a share of the A4 page's height
        print(f"{name} {font} {font_pt} pt {dpi} DPI skew {skew:+.1f} spacing {spacing}")
        for move in (0.0, 0.2, 0.4, 0.6, 1.2):
            dy = move * line
            words = tuple(dataclasses.replace(w, y0=w.y0 + dy, y1=w.y1 + dy) for w in result.words)
            moved = dataclasses.replace(result, words=words)
            out = export_document(ExportDocument(source, [moved]), folder / f"{number}-{move}.ocr.pdf")
            print(f"   moved {move:.1f} line: {judge(out)}")


if __name__ == "__main__":
    main()
