"""Character error rate of an OCR output (pages separated by form feeds) against the known text.

Usage: python bench/accuracy.py OUT.txt TRUTH.json [PAGES]   (PAGES: 0-based, comma-separated)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from corpus import ROOT  # noqa: F401  (puts the project root on sys.path)

from tests.pdfgen import char_error_rate

#: Upright, sideways and upside-down pages of the benchmark scans (see corpus.rotation_of).
DEFAULT_PAGES = (0, 3, 7)


def page_cer(output: Path, truth: Path, pages: tuple[int, ...] = DEFAULT_PAGES) -> dict[int, float]:
    got = output.read_text(encoding="utf-8").split("\f")
    expected = json.loads(truth.read_text(encoding="utf-8"))["pages"]
    return {p: char_error_rate(expected[p], got[p] if p < len(got) else "") for p in pages}


def mean_cer(output: Path, truth: Path, pages: tuple[int, ...] = DEFAULT_PAGES) -> float:
    rates = page_cer(output, truth, pages)
    return sum(rates.values()) / len(rates)


if __name__ == "__main__":
    chosen = tuple(int(p) for p in sys.argv[3].split(",")) if len(sys.argv) > 3 else DEFAULT_PAGES
    for page, rate in page_cer(Path(sys.argv[1]), Path(sys.argv[2]), chosen).items():
        print(f"page {page + 1}: CER {rate:.4f}")
