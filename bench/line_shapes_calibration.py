"""How often the line-shape quick look answers, and whether it is ever wrong, on generated pages.

    uv run python bench/line_shapes_calibration.py [--seed 11] [--pages 300]

Each page is drawn at random: one of nine typefaces (the two shipped DejaVu faces and the URW
faces that ``fc-match`` finds, from Debian's ``fonts-urw-base35``), 8-14 pt, 150-400 DPI,
line spacing 1.15-2, 3-40 lines of Portuguese and English sentences, one page in ten in capitals
only, JPEG-like noise, skewed up to 2 degrees, then turned by 0, 90, 180 or 270 degrees. Prints one
line per page with the answer (null: unsure) and a summary. The thresholds in
``app/core/reading/line_shapes.py`` were chosen on 600 pages drawn like these; seeds 8, 11, 12 and 13
check them (bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import textwrap
import time
from pathlib import Path

from corpus import EN, PT  # also puts the project root on sys.path

from app.core.reading.line_shapes import rotation_from_lines
from app.core.reading.render import GrayImage
from tests.pdfgen import A4, FONTS, page_image

URW = ["Nimbus Roman", "Nimbus Sans", "Nimbus Mono PS", "C059", "P052", "URW Bookman", "URW Gothic"]


def typefaces() -> dict[str, str]:
    faces = {"DejaVu Serif": str(FONTS / "DejaVuSerif.ttf"), "DejaVu Sans": str(FONTS / "DejaVuSans.ttf")}
    for family in URW:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", f"{family}:style=Regular"], capture_output=True, text=True
        ).stdout
        if family.lower().replace(" ", "") in Path(found).name.lower():  # not a fallback face
            faces[family] = found
    return faces


def lines_that_fit(lines: list[str], pt: int, dpi: int, spacing: float) -> list[str]:
    """The lines that start above the bottom margin (one inch, as the top) of an A4 page."""
    room = int(A4[1] * dpi) - 2 * dpi
    return lines[: room // int(pt * dpi / 72 * spacing) + 1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    faces = typefaces()
    rng = random.Random(args.seed)
    right = wrong = unsure = 0
    spent = 0.0
    for index in range(args.pages):
        face = rng.choice(sorted(faces))
        pt, dpi = rng.choice((8, 9, 10, 11, 12, 14)), rng.choice((150, 200, 300, 300, 400))
        spacing, skew = rng.choice((1.15, 1.2, 1.5, 2.0)), rng.uniform(-2, 2)
        turn, count, capitals = rng.choice((0, 90, 180, 270)), rng.choice((3, 8, 20, 40)), rng.random() < 0.1
        paragraph = " ".join(rng.choice(PT + EN) for _ in range(count * 2))
        lines = textwrap.wrap(paragraph.upper() if capitals else paragraph, int(6.2 * 72 / pt * 1.9))[:count]
        picture = page_image(
            "\n".join(lines_that_fit(lines, pt, dpi, spacing)),
            dpi=dpi,
            font_pt=pt,
            font=faces[face],
            spacing=spacing,
            skew=skew,
            rotate=turn,
            seed=index,
        )
        image = GrayImage.from_pil(picture)
        started = time.perf_counter()
        answer = rotation_from_lines(image, dpi / 72)
        spent += time.perf_counter() - started
        if answer is None:
            unsure += 1
        elif answer == turn:
            right += 1
        else:
            wrong += 1
        print(
            json.dumps(
                {
                    "face": face,
                    "pt": pt,
                    "dpi": dpi,
                    "spacing": spacing,
                    "skew": round(skew, 2),
                    "turn": turn,
                    "lines": count,
                    "capitals": capitals,
                    "answer": answer,
                }
            ),
            flush=True,
        )
    print(
        f"seed {args.seed}: {args.pages} pages, {len(faces)} typefaces: right {right}, wrong {wrong}, "
        f"unsure {unsure}; {spent / args.pages * 1000:.1f} ms a page"
    )


if __name__ == "__main__":
    main()
