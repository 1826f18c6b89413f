"""An upload's form fields (``lang``, ``force_ocr``, ...) read into ``OcrOptions``.

The same options as ``scriba ocr``'s flags, under the seed backend's names; every default is the
shared one (``app.core.defaults``), so an upload and a local run of the same file share their
cached pages. A field this server does not know is refused rather than ignored: a typo
(``langs=eng``) must not quietly read the document in the wrong language.
"""

from __future__ import annotations

from app.core.errors import ScribaError
from app.core.options import MAX_DPI, MIN_DPI, OcrOptions

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})
#: field -> (OcrOptions attribute, whether the field says the opposite of the attribute)
_SWITCHES = {
    "force_ocr": ("use_text_layer", True),
    "deskew": ("deskew", False),
    "rotate": ("auto_rotate", False),
}
KNOWN_FIELDS = frozenset({"lang", "dpi", "password", *_SWITCHES})


class OptionRefused(Exception):
    def __init__(self, error: ScribaError) -> None:
        super().__init__(str(error))
        self.error = error


def options_from_fields(fields: dict[str, str]) -> tuple[OcrOptions, str | None]:
    """The options and the password the fields ask for.

    Raises:
        OptionRefused: A field is unknown or its value is not one the engine takes.
    """
    unknown = sorted(set(fields) - KNOWN_FIELDS)
    if unknown:
        raise OptionRefused(ScribaError("server_unknown_option", field=unknown[0][:64]))
    options = OcrOptions()
    changes: dict[str, object] = {}
    if fields.get("lang"):
        changes["languages"] = _languages(fields["lang"])
    if fields.get("dpi"):
        changes["dpi"] = _dpi(fields["dpi"])
    for name, (attribute, opposite) in _SWITCHES.items():
        if name in fields:
            changes[attribute] = _switch(name, fields[name]) != opposite
    password = fields.get("password") or None
    return options.with_changes(**changes), password


def _languages(value: str) -> str:
    from app.core.reading.tessdata import tessdata_for

    languages = value.strip().replace(",", "+")
    try:
        tessdata_for(languages)
    except ScribaError as error:
        raise OptionRefused(error) from None
    return languages


def _dpi(value: str) -> int:
    if not value.strip().isdigit() or not MIN_DPI <= int(value) <= MAX_DPI:
        raise OptionRefused(ScribaError("server_bad_dpi", low=MIN_DPI, high=MAX_DPI))
    return int(value)


def _switch(name: str, value: str) -> bool:
    folded = value.strip().lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise OptionRefused(ScribaError("server_bad_switch", field=name, value=value[:32]))
