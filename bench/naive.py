"""The naive baseline, as the seed web backend did it: one process, pdf2image in batches of 10
pages, then pytesseract (the tesseract program, once per page) on each image.

Usage: python bench/naive.py IN.pdf OUT.txt LANG
"""

from __future__ import annotations

import sys
from pathlib import Path

BATCH = 10
DPI = 300


def main(source: Path, target: Path, lang: str) -> None:
    import pdf2image
    import pytesseract

    count = int(pdf2image.pdfinfo_from_path(str(source))["Pages"])
    pages: list[str] = []
    for first in range(1, count + 1, BATCH):
        last = min(count, first + BATCH - 1)
        for image in pdf2image.convert_from_path(str(source), dpi=DPI, first_page=first, last_page=last):
            pages.append(pytesseract.image_to_string(image, lang=lang))
    target.write_text("\f".join(pages), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
