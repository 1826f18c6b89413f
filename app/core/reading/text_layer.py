"""A PDF page's own text layer, and whether it is worth taking instead of reading the page.

A layer is taken only when it is plausible, page by page:

1. it holds enough letters (a page number or a stamp is not the page's text);
2. it reads like text of the document's languages (``app.core.reading.plausible_text``): no garbage
   from a scanner's OCR that read the page upside down, no random letters, no mojibake;
3. on a page that is mostly a scanned image, it sits on the print: a sample of its characters'
   boxes is looked up in the page drawn small, and most must cover ink, and not lie plainly
   between the lines, and no line of it may lie on blank paper. Right text in the wrong place
   would make a searchable PDF whose words highlight blank paper. A layer moved by a whole line
   still covers print on all its lines but one: the line pushed past the first or last line of
   print, into the margin, gives it away. (Moved onto other print, a header or a footer, it
   would pass: only reading the page could tell.)

Born-digital pages stop after step 2 (~0.1 ms); only scans pay for the look at the print (the
page drawn at 72 DPI, ~30-90 ms), which is still far cheaper than reading the page (~1 s).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.errors import message
from app.core.reading.layer_geometry import page_to_pixels, upright_turn
from app.core.reading.plausible_text import look_at, why_not_text
from app.core.reading.render import GrayImage, gray_pixels, histogram_level, largest_image_dpi

if TYPE_CHECKING:
    import pypdfium2

log = logging.getLogger(__name__)

#: A text layer with fewer letters than this is not trusted (page numbers, stamps).
MIN_TEXT_LETTERS = 20
#: On a page that is mostly a scanned image, a text layer must be this long to be taken:
#: a short one is usually a stamp or header added digitally on top of the scan.
MIN_TEXT_LETTERS_ON_SCAN = 200
#: A page whose largest image covers this share of it or more is a scan.
SCAN_COVER = 0.5
#: How many of a scan's layer characters are looked up in its print.
INK_SAMPLE = 240
#: The share of them that must cover ink. A layer on its words scores 0.9-1.0 (a few boxes
#: miss thin strokes); moved off them, whatever blank paper and the gaps between lines give.
MIN_ON_INK = 0.7
#: A layer whose boxes cover less than this share of the ink they would cover moved up or down a
#: little lies between the lines. Kept low on purpose: right layers measure 0.78-1.0 (skewed
#: scans, 8-14 pt, tight line spacing, OCR tools' invisible fonts; bench/text_layer_print_fit.py),
#: a layer half a line off 0.17-0.3 on well-spaced print but up to 1.0 on tightly spaced or
#: skewed print, where boxes moved anywhere still find ink. Only the plain cases are caught.
MIN_CENTRED = 0.5
#: Every line of the layer (with at least MIN_LINE_SAMPLE characters looked at) must have this
#: share of them on ink: a right layer's lines measure 0.9-1.0 like the whole; a layer moved by a
#: whole line puts its first or last line in the margin, at 0.
MIN_LINE_ON_INK = 0.3
MIN_LINE_SAMPLE = 4
#: Print is at least this much darker than its paper (gray levels; a faint scan's print at 60 %
#: gray is ~100 darker), else the page shows none: noise, or a blank sheet.
MIN_PRINT_CONTRAST = 32
#: The scale a scan is drawn at for that look: 72 DPI shows 8 pt print as 5-8 px tall marks.
INK_SCALE = 1.0


@dataclass(frozen=True, slots=True)
class LayerVerdict:
    """What was decided about a page's text layer: its text when taken, else why not.

    ``reason`` is a short English phrase for the log (never the layer's text); ``code`` names
    the kind of refusal for code that wants to tell a user: ``short``, ``garbage``, ``off_print``.
    """

    text: str | None
    code: str | None = None
    reason: str | None = None

    def sentence(self, language: str = "en") -> str | None:
        """Why the layer was not taken, for a user, in ``language`` (``en``, ``pt_BR``)."""
        return message(f"layer_{self.code}", language) if self.code else None


def usable_text_layer(page: pypdfium2.PdfPage, languages: str = "por+eng") -> str | None:
    """The page's own text when it is real text worth keeping, else ``None`` (the page is read)."""
    verdict = judge_text_layer(page, languages)
    if verdict.text is None and verdict.reason is not None:
        log.debug("text layer not taken: %s", verdict.reason)
    return verdict.text


def judge_text_layer(page: pypdfium2.PdfPage, languages: str = "por+eng") -> LayerVerdict:
    """Decide whether ``page``'s text layer is taken, for a document in ``languages``."""
    textpage = page.get_textpage()
    try:
        text = str(textpage.get_text_range())
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        look = look_at(text, languages)
        letters = look.letters
        if letters < MIN_TEXT_LETTERS:
            return LayerVerdict(None)  # no layer to speak of: nothing worth logging
        garbage = why_not_text(look)
        if garbage is not None:
            return LayerVerdict(None, "garbage", garbage)
        _, cover = largest_image_dpi(page)
        if cover >= SCAN_COVER:
            if letters < MIN_TEXT_LETTERS_ON_SCAN:
                return LayerVerdict(None, "short", f"{letters} letters on a scanned page")
            fit = print_fit(page, textpage)
            if fit is not None and fit.on_ink < MIN_ON_INK:
                return LayerVerdict(
                    None, "off_print", f"only {fit.on_ink:.0%} of its characters sit on the print"
                )
            if fit is not None and fit.emptiest_line < MIN_LINE_ON_INK:
                return LayerVerdict(
                    None,
                    "off_print",
                    f"a line of it lies on blank paper ({fit.emptiest_line:.0%} of it on the print)",
                )
            if fit is not None and fit.centred < MIN_CENTRED:
                return LayerVerdict(
                    None,
                    "off_print",
                    f"its characters lie between the lines of print ({fit.centred:.0%} centred)",
                )
    finally:
        textpage.close()
    return LayerVerdict(text if text.endswith("\n") else text + "\n")


@dataclass(frozen=True, slots=True)
class PrintFit:
    """How a layer's characters lie on the print of a scan.

    ``on_ink``: the share of a sample of them whose boxes cover some ink. ``centred``: the ink
    their boxes cover where they are (give or take a quarter of a letter's height), over the most
    they cover moved up or down by up to two letter heights: 1.0 when they sit on their lines of
    print, far less when they lie between the lines (ink is then found above or below them).
    ``emptiest_line``: the smallest share on ink among the layer's lines (1.0 when none has
    MIN_LINE_SAMPLE characters in the sample).
    """

    on_ink: float
    centred: float
    emptiest_line: float = 1.0


def print_fit(page: pypdfium2.PdfPage, textpage: pypdfium2.PdfTextPage) -> PrintFit | None:
    """How the layer of ``page`` lies on its print (``None``: no character to look at)."""
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    # Looked at evenly over the page; spaces and the line breaks PDFium adds have no ink.
    candidates = [
        index
        for index in range(0, count, max(1, count // (2 * INK_SAMPLE)))
        if not chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index)).isspace()
        and pdfium_c.FPDFText_IsGenerated(textpage.raw, index) != 1
    ]
    if not candidates:
        return None
    # Drawn with the layer's lines running across the image: moving boxes up and down is then
    # moving them across the lines.
    turn = upright_turn(page, textpage, candidates)
    image = gray_pixels(page.render(scale=INK_SCALE, rotation=turn, grayscale=True, may_draw_forms=False))
    to_pixels = page_to_pixels(page, image.width, image.height, turn)
    step = max(1, len(candidates) // INK_SAMPLE)
    boxes = []
    for index in candidates[::step]:
        # The glyph's own box where the font has one: it tells lines apart better than the
        # font's full height. A font without outlines (OCR tools' invisible ones) has only
        # the loose box, which is then the whole cell the OCR engine boxed.
        left, bottom, right, top = textpage.get_charbox(index)
        if right <= left or top <= bottom:
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
        if right > left and top > bottom:  # still empty: nothing drawn to find
            boxes.append(to_pixels(left, bottom, right, top))
    if not boxes:
        return None
    level = ink_level(image)
    ink = image.data.translate(bytes(1 if value <= level else 0 for value in range(256)))
    height = sorted(y1 - y0 for _, y0, _, y1 in boxes)[len(boxes) // 2]
    reach = 2 * height
    shifts = sorted({round(k * height / 4) for k in range(-8, 9)})
    on_ink = 0
    dark = dict.fromkeys(shifts, 0)
    lines: dict[int, list[int]] = {}  # a line of the layer (its first box's row) -> hits, looked
    for x0, y0, x1, y1 in boxes:
        x0, x1 = max(x0, 0), min(x1, image.width)
        if x1 <= x0:
            continue  # off the page
        # Ink per row from ``reach`` above the box to ``reach`` below it, counted once; each
        # shift then sums a window of it (rows off the page hold none).
        top = y0 - reach
        running = [0]
        for row in range(top, y1 + reach):
            start = row * image.stride
            inside = 0 <= row < image.height
            running.append(running[-1] + (ink.count(1, start + x0, start + x1) if inside else 0))
        hit = running[y1 - top] > running[y0 - top]
        on_ink += hit
        line = lines.setdefault(_line_of(lines, (y0 + y1) // 2, height), [0, 0])
        line[0] += hit
        line[1] += 1
        for dy in shifts:
            dark[dy] += running[y1 + dy - top] - running[y0 + dy - top]
    # "Where they are" allows a quarter of a letter's height: OCR tools box a word from its ink
    # and write it in a font of their own, a pixel or two off at 72 DPI.
    near = max(dark[dy] for dy in shifts if abs(dy) <= height / 4)
    best = max(dark.values())
    emptiest = min(
        (hits / looked for hits, looked in lines.values() if looked >= MIN_LINE_SAMPLE), default=1.0
    )
    return PrintFit(on_ink / len(boxes), near / best if best else 0.0, emptiest)


def _line_of(lines: dict[int, list[int]], middle: int, height: int) -> int:
    """The key of the line in ``lines`` whose row is within half a letter of ``middle``, else
    ``middle`` itself (a new line): boxes are looked at in reading order, a line's together."""
    for row in lines:
        if abs(row - middle) <= height // 2:
            return row
    return middle


def ink_level(image: GrayImage) -> int:
    """The gray level at or below which a pixel is print: halfway between the paper and the
    darkest print, so faint scans' light print still counts. -1 (nothing is print) on a page
    without print: one whose darkest pixels are barely darker than its paper."""
    histogram = image.to_pil().histogram()
    dark = histogram_level(histogram, 0.005)  # the darkest 0.5 %: print, on any page that has some
    paper = histogram_level(histogram, 0.5)
    if paper - dark < MIN_PRINT_CONTRAST:
        return -1
    return (dark + paper) // 2
