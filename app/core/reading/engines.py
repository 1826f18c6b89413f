"""OCR engines behind one small protocol: tesserocr (default, bundled) and pytesseract.

An engine is created once per worker process and reused for every page it gets.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from app.core.errors import ScribaError
from app.core.reading.render import GrayImage
from app.core.reading.tessdata import shipped_dir, tessdata_for

#: Below this OSD confidence the page is left as it is. Measured on sparse 3-line pages at
#: 150-300 DPI: right answers score 7-11; a page rendered too small (100 DPI) guessed at ~4.
MIN_ORIENT_CONFIDENCE = 2.0
#: Letter shapes a quick orientation look classifies (Tesseract's default is 50). Each costs
#: ~3 ms; on a band of an A4 page at 150 DPI, 7 shapes take ~26 ms (50: ~130 ms). Measured on
#: 108 generated pages (9-12 pt, 150-300 DPI, 3-30 lines, all four orientations): 70 answered
#: with confidence >= 1.0 (33 of the 36 full pages) and none of them wrong; 5 shapes answered
#: only 29 of the full pages so surely.
QUICK_OSD_LETTERS = 7

TESSERACT_MISSING = (
    "The pytesseract engine needs the Tesseract program: install tesseract-ocr (Linux) or "
    "Tesseract for Windows and add it to PATH, or use the default engine."
)


@dataclass(frozen=True, slots=True)
class PixelWord:
    """A word in image pixels, straight from Tesseract's TSV output."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    block: int
    par: int
    line: int


@dataclass(frozen=True, slots=True)
class Recognized:
    text: str
    confidence: float
    words: tuple[PixelWord, ...]


class Engine(Protocol):
    name: str

    def detect_rotation(self, image: GrayImage, dpi: float, *, quick: bool = False) -> tuple[int, float]:
        """Degrees (0/90/180/270) the page content is turned clockwise, and the confidence.

        ``dpi`` is the image's true resolution; ``quick`` judges from a few letter shapes
        (QUICK_OSD_LETTERS) instead of ~50.
        """
        ...

    def recognize(self, image: GrayImage, dpi: float) -> Recognized:
        """The text of ``image``, whose true resolution is ``dpi`` (Tesseract assumes 70 unless told:
        its size limits for letters and lines then misjudge print at 300 DPI)."""
        ...


#: Below this resolution Tesseract is told nothing and estimates it from the size of the print, as
#: it does for any value under 70: at 72-140 DPI it took 500 MB to read a 60-megapixel page (a
#: giant page under the pixel cap) that its own estimate read in a third of that. Text pages are
#: drawn at 150 DPI or more (render.NATIVE_DPI_RANGE) unless the pixel cap or the user says less.
MIN_TOLD_DPI = 150
MAX_TOLD_DPI = 2400  # Tesseract's own limit


def tesseract_dpi(dpi: float) -> int:
    """The resolution to tell Tesseract of an image at ``dpi``; 0: let it estimate."""
    return 0 if dpi < MIN_TOLD_DPI else min(MAX_TOLD_DPI, round(dpi))


def _dpi_flag(dpi: float) -> str:
    told = tesseract_dpi(dpi)
    return f"--dpi {told} " if told else ""


def parse_tsv(tsv: str) -> tuple[PixelWord, ...]:
    """Words (level 5 rows) from Tesseract's TSV: level page block par line word l t w h conf text."""
    words = []
    for row in tsv.splitlines():
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        words.append(
            PixelWord(
                text=cols[11],
                left=int(cols[6]),
                top=int(cols[7]),
                width=int(cols[8]),
                height=int(cols[9]),
                conf=float(cols[10]),
                block=int(cols[2]),
                par=int(cols[3]),
                line=int(cols[4]),
            )
        )
    return tuple(words)


class TesserocrEngine:
    """libtesseract in-process via tesserocr; models loaded once, pixels passed without encoding."""

    name = "tesserocr"

    def __init__(self, languages: str) -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        import tesserocr

        self._api = tesserocr.PyTessBaseAPI(path=str(tessdata_for(languages)), lang=languages)
        self._osd: Any = None
        self._tesserocr = tesserocr

    def _osd_api(self) -> Any:
        if self._osd is None:
            self._osd = self._tesserocr.PyTessBaseAPI(
                path=str(shipped_dir()), lang="osd", psm=self._tesserocr.PSM.OSD_ONLY
            )
        return self._osd

    def detect_rotation(self, image: GrayImage, dpi: float, *, quick: bool = False) -> tuple[int, float]:
        api = self._osd_api()
        api.SetVariable("min_characters_to_try", str(QUICK_OSD_LETTERS if quick else 50))
        api.SetImageBytes(image.data, image.width, image.height, 1, image.stride)
        api.SetSourceResolution(tesseract_dpi(dpi))
        try:
            result = api.DetectOrientationScript()
        except RuntimeError:  # too little text to tell
            return 0, 0.0
        finally:
            api.Clear()
        confidence = float(result.get("orient_conf", 0.0)) if result else 0.0
        if not result or confidence < MIN_ORIENT_CONFIDENCE:
            return 0, confidence
        return int(result["orient_deg"]) % 360, confidence

    def recognize(self, image: GrayImage, dpi: float) -> Recognized:
        api = self._api
        api.SetImageBytes(image.data, image.width, image.height, 1, image.stride)
        api.SetSourceResolution(tesseract_dpi(dpi))
        try:
            api.Recognize()
            text = api.GetUTF8Text()
            confidence = float(api.MeanTextConf())
            words = parse_tsv(api.GetTSVText(0))
        finally:
            api.Clear()
        return Recognized(text, confidence, words)


class PytesseractEngine:
    """The user's own Tesseract program via pytesseract (other versions, more languages)."""

    name = "pytesseract"

    def __init__(self, languages: str) -> None:
        import pytesseract

        if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
            raise ScribaError("engine", detail=TESSERACT_MISSING)
        self._pt = pytesseract
        self._languages = languages

    def detect_rotation(self, image: GrayImage, dpi: float, *, quick: bool = False) -> tuple[int, float]:
        config = f"--psm 0 {_dpi_flag(dpi)}--tessdata-dir {shipped_dir()}"
        if quick:
            config += f" -c min_characters_to_try={QUICK_OSD_LETTERS}"
        try:
            osd = self._pt.image_to_osd(image.to_pil(), config=config, output_type=self._pt.Output.DICT)
        except self._pt.TesseractError:
            return 0, 0.0
        confidence = float(osd.get("orientation_conf", 0.0))
        if confidence < MIN_ORIENT_CONFIDENCE:
            return 0, confidence
        return int(osd.get("orientation", 0)) % 360, confidence

    def recognize(self, image: GrayImage, dpi: float) -> Recognized:
        tsv = self._pt.image_to_data(image.to_pil(), lang=self._languages, config=_dpi_flag(dpi).strip())
        words = parse_tsv(tsv)
        confs = [w.conf for w in words if w.conf >= 0]
        return Recognized(text_from_words(words), sum(confs) / len(confs) if confs else 0.0, words)


def text_from_words(words: tuple[PixelWord, ...]) -> str:
    """Lines joined by newlines, paragraphs by a blank line (Tesseract's own text layout)."""
    out: list[str] = []
    key: tuple[int, int, int] | None = None
    for word in words:
        new_key = (word.block, word.par, word.line)
        if key is None:
            out.append(word.text)
        elif new_key[:2] != key[:2]:
            out.append("\n\n" + word.text)
        elif new_key != key:
            out.append("\n" + word.text)
        else:
            out.append(" " + word.text)
        key = new_key
    return "".join(out) + ("\n" if out else "")


ENGINES: dict[str, Callable[[str], Engine]] = {
    TesserocrEngine.name: TesserocrEngine,
    PytesseractEngine.name: PytesseractEngine,
}


def make_engine(name: str, languages: str) -> Engine:
    try:
        factory = ENGINES[name]
    except KeyError:
        raise ScribaError("engine", detail=f"Unknown OCR engine '{name}'.") from None
    return factory(languages)


def engine_version(name: str) -> str:
    """The engine's version, part of the cache key. Cheap; safe in the main process."""
    if name == TesserocrEngine.name:
        # The wheel's version pins the libtesseract it bundles; asking the library itself would
        # load it (tens of MB) into the main process, which never runs OCR.
        from importlib.metadata import version

        return "tesserocr-" + version("tesserocr")
    if name == PytesseractEngine.name:
        import pytesseract

        try:
            return f"pytesseract-{pytesseract.get_tesseract_version()}"
        except (pytesseract.TesseractNotFoundError, OSError):
            raise ScribaError("engine", detail=TESSERACT_MISSING) from None
    raise ScribaError("engine", detail=f"Unknown OCR engine '{name}'.")
