"""How ª, º, §, ° and @ come out of por+eng, before and after app.core.reading.legal_symbols.

Generated pages of legal prose (tests/legal_pages.py) in three typefaces at two resolutions are
read by the real engine; per symbol: recall (expected symbols that came out) and precision
(symbols read that belonged there), and how many must-not-touch numbers (money, CPF, CNPJ,
"32 páginas", dates, "art. 32", "Lei 8.112/90") came out intact.

Usage: uv run python bench/legal_symbols.py [--pages N] [--languages por+eng] [--held-out]
                                            [--print plain|faint|skewed] [--font FILE ...]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable

from corpus import ROOT  # noqa: F401  (puts the project root on sys.path)
from PIL import Image

from tests.legal_pages import SYMBOLS, SymbolCount, count_symbols, intact, legal_page
from tests.pdfgen import page_image

FONTS = ("DejaVuSerif.ttf", "DejaVuSans.ttf", "LiberationSerif-Regular.ttf")
RESOLUTIONS = (200, 300)


def plain(text: str, dpi: int, font: str, seed: int) -> Image.Image:
    """Black print with specks, slightly blurred (tests/pdfgen.py's scan)."""
    return page_image(text, dpi=dpi, font=font, font_pt=11, seed=seed)


def faint(text: str, dpi: int, font: str, seed: int) -> Image.Image:
    """Print a worn ribbon or a light toner leaves: the darkest ink a grey of ~140."""
    return plain(text, dpi, font, seed).point(lambda v: 255 - (255 - v) * 45 // 100)


def skewed(text: str, dpi: int, font: str, seed: int) -> Image.Image:
    """A sheet fed 1.5 degrees askew: word boxes no longer follow the lines."""
    return page_image(text, dpi=dpi, font=font, font_pt=11, seed=seed, skew=1.5)


PRINTS: dict[str, Callable[[str, int, str, int], Image.Image]] = {
    "plain": plain,
    "faint": faint,
    "skewed": skewed,
}


def worst_case(engine: object) -> tuple[float, int]:
    """Seconds the corrections take on a table of 40 rows of numbers ending in 2 and 8 (each is
    looked at), and how many of its words they changed (none should change)."""
    import random

    from app.core.reading.legal_symbols import with_legal_symbols
    from app.core.reading.render import GrayImage

    rng = random.Random(1)
    rows = [" ".join(str(rng.randint(1, 99) * 10 + rng.choice((2, 8))) for _ in range(10)) for _ in range(40)]
    image = GrayImage.from_pil(page_image("\n".join(rows), dpi=300, font_pt=10, spacing=1.3))
    read = engine.recognize(image, 300)  # type: ignore[attr-defined]
    times = []
    for _ in range(5):  # the fastest of five: on a shared machine the others measure the neighbours
        started = time.perf_counter()
        fixed = with_legal_symbols(read, image)
        times.append(time.perf_counter() - started)
    return min(times), len(set(fixed.words) - set(read.words))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2, help="pages per typeface and resolution")
    parser.add_argument("--languages", default="por+eng")
    parser.add_argument(
        "--held-out", action="store_true", help="sentences the corrections were not written against"
    )
    parser.add_argument("--print", choices=sorted(PRINTS), default="plain", help="how the pages were printed")
    parser.add_argument(
        "--font", action="append", help="a typeface file instead of the three shipped ones (repeatable)"
    )
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    from app.core.reading.engines import TesserocrEngine
    from app.core.reading.legal_symbols import with_legal_symbols
    from app.core.reading.render import GrayImage

    engine = TesserocrEngine(args.languages)
    before: dict[str, SymbolCount] = {}
    after: dict[str, SymbolCount] = {}
    protected = kept_before = kept_after = 0
    changed = 0
    correcting = 0.0
    started = time.perf_counter()
    seed = 0
    fonts = tuple(args.font or FONTS)
    for font in fonts:
        for dpi in RESOLUTIONS:
            for _ in range(args.pages):
                seed += 1
                page = legal_page(seed, held_out=args.held_out)
                image = GrayImage.from_pil(PRINTS[args.print](page.text, dpi, font, seed))
                read = engine.recognize(image, dpi)
                step = time.perf_counter()
                fixed = with_legal_symbols(read, image)
                correcting += time.perf_counter() - step
                changed += len(set(fixed.words) - set(read.words))  # changed, or two joined into one
                count_symbols(page.text, read.text, before)
                count_symbols(page.text, fixed.text, after)
                protected += len(page.protected)
                kept_before += intact(page.protected, read.text)
                kept_after += intact(page.protected, fixed.text)
    seconds = time.perf_counter() - started
    sentences = "held-out" if args.held_out else "drafted"
    print(
        f"{seed} pages ({len(fonts)} typefaces x {RESOLUTIONS} DPI), {args.print} print, {sentences} sentences, "
        f"{args.languages}, {seconds:.0f} s"
    )
    print("| symbol | expected | recall before | recall after | wrongly put before | wrongly put after |")
    print("|---|---|---|---|---|---|")
    for symbol in SYMBOLS:
        b, a = before[symbol], after[symbol]
        print(
            f"| {symbol} | {b.expected} | {b.found} ({b.recall:.0%}) | {a.found} ({a.recall:.0%}) "
            f"| {b.extra} | {a.extra} |"
        )
    worst, touched = worst_case(engine)
    print(
        f"corrections: {correcting / seed * 1000:.1f} ms a page; {worst * 1000:.0f} ms on a page of 400 numbers "
        f"ending in 2 or 8, of which {touched} changed"
    )
    print(
        f"words changed: {changed}; must-not-touch tokens intact: {kept_before}/{protected} before, "
        f"{kept_after}/{protected} after"
    )


if __name__ == "__main__":
    main()
