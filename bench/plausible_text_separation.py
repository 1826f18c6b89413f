"""How well the text-layer plausibility measure tells real text from garbage.

    uv run python bench/plausible_text_separation.py

Measures ``app.core.reading.plausible_text.look_at`` (as ``por+eng``) on: the real pages of
``tests/text_corpus.py``; text of this repository the word lists were not written from (the
interface's translations, the README); Spanish, French, Italian and Latin prose; every garbage
kind of ``tests/text_corpus.py``; and what real Tesseract reads from each real page drawn upside
down (two typefaces, 150 and 300 DPI; ~1 s a page). Prints, per group, how many pages were
refused and the range of the known-word and word-shape shares (shapes measured on every page
here, though the check itself looks at them only where few words are known).
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import app.core.reading.plausible_text as plausible  # noqa: E402
from tests.pdfgen import page_image  # noqa: E402
from tests.text_corpus import REAL, garbage  # noqa: E402
from tests.unit.test_plausible_text import NEIGHBOURS, repository_text  # noqa: E402


def upside_down_readings() -> dict[str, str]:
    from app.core.reading.engines import make_engine
    from app.core.reading.render import GrayImage

    engine = make_engine("tesserocr", "por+eng")
    readings = {}
    for seed, (name, text) in enumerate(REAL.items()):
        fitted = "\n".join(textwrap.wrap(" ".join(text.split()), 62))
        for font in ("DejaVuSerif.ttf", "DejaVuSans.ttf"):
            for dpi in (150, 300):
                image = page_image(fitted, dpi=dpi, font=font, seed=seed).rotate(180)
                readings[f"{name} {font} {dpi}"] = engine.recognize(GrayImage.from_pil(image), dpi).text
    return readings


def report(group: str, texts: dict[str, str]) -> None:
    refused, known, shaped = 0, [], []
    for text in texts.values():
        look = plausible.look_at(text, "por+eng")
        refused += plausible.why_not_text(look) is not None
        if look.judged_words and look.words:
            known.append(look.known)
            shaped.append(look.wordlike if look.wordlike is not None else 1.0)
    span = (
        f"known {min(known):.2f}-{max(known):.2f}, shaped {min(shaped):.2f}-{max(shaped):.2f}"
        if known
        else ""
    )
    print(f"{group:34s} {refused:3d}/{len(texts):<3d} refused  {span}")


def main() -> None:
    plausible.MIN_KNOWN_SHARE_IF_ODD_SHAPED = 1.1  # measure the shapes of every page's words
    groups: dict[str, dict[str, str]] = {
        "real pages (tests/text_corpus.py)": REAL,
        "repository text (not in the lists)": repository_text(),
        "es/fr/it/la prose": NEIGHBOURS,
    }
    spoilt = garbage()
    for kind in (
        "turned-over",
        "random letters",
        "mojibake",
        "private use",
        "replacement marks",
        "glyph codes",
    ):
        groups[kind] = {name: text for name, text in spoilt.items() if name.startswith(kind)}
    groups["Tesseract reading upside down"] = upside_down_readings()
    for group, texts in groups.items():
        report(group, texts)


if __name__ == "__main__":
    main()
