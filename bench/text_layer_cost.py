"""What deciding whether to take a born-digital page's text layer costs, per page.

    uv run python bench/text_layer_cost.py [--pages 400] [--rounds 3]

Opens the benchmark's born-digital file (``corpus.born_digital``: ``tests.pdfgen.text_pdf``,
11 pt Portuguese and English prose) and times ``usable_text_layer`` on every page, in this
process (no workers), as ``process_page`` calls it. Prints the median, 90th percentile and mean
per page of the best round, and how many pages were taken.
"""

from __future__ import annotations

import argparse
import statistics
import time

from corpus import born_digital  # also puts the project root on sys.path

from app.core.reading.text_layer import usable_text_layer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import pypdfium2

    document = pypdfium2.PdfDocument(born_digital(args.pages))
    best: list[float] = []
    taken = 0
    for _ in range(args.rounds):
        times, taken = [], 0
        for index in range(len(document)):
            page = document[index]
            started = time.perf_counter()
            taken += usable_text_layer(page) is not None
            times.append(time.perf_counter() - started)
            page.close()
        if not best or sum(times) < sum(best):
            best = times
    best.sort()
    print(
        f"{len(best)} pages, {taken} taken: median {statistics.median(best) * 1e3:.3f} ms, "
        f"p90 {best[int(len(best) * 0.9)] * 1e3:.3f} ms, mean {statistics.mean(best) * 1e3:.3f} ms per page"
    )
    document.close()


if __name__ == "__main__":
    main()
