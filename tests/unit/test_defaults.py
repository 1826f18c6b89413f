"""One table of defaults: OcrOptions, the CLI's flags and the cache read the same values."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from app.cli.main import _ocr_parser
from app.cli.ocr import _options
from app.core import defaults
from app.core.options import OcrOptions
from app.core.storage.cache import ResultCache


def test_every_ocr_option_defaults_to_the_shared_table() -> None:
    table = {
        "languages": defaults.LANGUAGES,
        "dpi": defaults.DPI,
        "engine": defaults.ENGINE,
        "renderer": defaults.RENDERER,
        "auto_rotate": defaults.AUTO_ROTATE,
        "deskew": defaults.DESKEW,
        "use_text_layer": defaults.USE_TEXT_LAYER,
        "max_pixels": defaults.MAX_PIXELS,
    }
    assert {f.name: f.default for f in fields(OcrOptions)} == table


def test_scriba_ocr_without_flags_builds_the_default_options_and_flags_switch_them_off() -> None:
    parser = _ocr_parser()
    assert _options(parser.parse_args(["carta.pdf"])) == OcrOptions()
    assert parser.parse_args(["carta.pdf"]).workers is defaults.WORKERS
    flags = ["carta.pdf", "--no-rotate", "--no-deskew", "--force-ocr", "--lang", "eng"]
    assert _options(parser.parse_args(flags)) == OcrOptions(
        languages="eng", auto_rotate=False, deskew=False, use_text_layer=False
    )


def test_a_new_cache_keeps_to_the_shared_cap(tmp_path: Path) -> None:
    cache = ResultCache.open(tmp_path)
    assert (cache.limits.max_bytes, cache.limits.max_age_days) == (
        defaults.CACHE_MAX_MIB * 1024 * 1024,
        defaults.CACHE_MAX_AGE_DAYS,
    )
    cache.close()
