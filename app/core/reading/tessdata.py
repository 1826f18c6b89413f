"""Find Tesseract language models: the shipped ones plus a user folder.

Always pass a tessdata path to tesserocr: ``tesserocr.get_languages()`` without one hangs.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.core.errors import ScribaError
from app.core.resources import resource_dir


def shipped_dir() -> Path:
    return resource_dir() / "tessdata"


#: The environment variable that names the user's folder instead (also how workers learn it).
USER_DIR_VARIABLE = "SCRIBA_TESSDATA_DIR"


def user_dir() -> Path:
    """Where a user can drop more ``*.traineddata`` files (overridable with SCRIBA_TESSDATA_DIR)."""
    override = os.environ.get(USER_DIR_VARIABLE)
    if override:
        return Path(override)
    import platformdirs  # ~15 ms to import: worker processes are handed the folder instead

    return Path(platformdirs.user_data_dir("Scriba", appauthor=False)) / "tessdata"


def _languages_in(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.name.removesuffix(".traineddata") for p in folder.glob("*.traineddata")}


def available_languages() -> list[str]:
    """Language codes present in the shipped or the user folder (``osd`` included)."""
    return sorted(_languages_in(shipped_dir()) | _languages_in(user_dir()))


def tessdata_for(languages: str) -> Path:
    """The folder that holds every model in ``languages`` (``por+eng``) and ``osd``.

    Raises:
        ScribaError: with code ``language`` when a model is missing.
    """
    wanted = [code for code in languages.split("+") if code]
    if not wanted:
        raise ScribaError("language", detail=languages)
    for folder in (user_dir(), shipped_dir()):
        present = _languages_in(folder)
        if all(code in present for code in wanted):
            return folder
    everywhere = _languages_in(shipped_dir()) | _languages_in(user_dir())
    missing = next((code for code in wanted if code not in everywhere), languages)
    raise ScribaError("language", detail=missing)
