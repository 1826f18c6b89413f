"""The CLI's own words in the user's language, and its exit codes."""

from __future__ import annotations

from app.core.errors import ui_language

#: 0 all done; 1 some inputs failed (each named on stderr); 2 usage; 130 interrupted.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def t(english: str, portuguese: str) -> str:
    """The user's language for the CLI's own words (pt_BR when the locale is Portuguese)."""
    return portuguese if ui_language() == "pt_BR" else english


def number(value: float, spec: str = ",") -> str:
    """``value`` formatted by ``spec`` (``",.1f"``...) the way the user's locale writes numbers:
    ``1,234.5`` in English, ``1.234,5`` in Portuguese."""
    text = format(value, spec)
    if ui_language() != "pt_BR":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def integer(text: str) -> int:
    """An ``int`` argument whose error names its type in the user's language
    ("valor inteiro inválido: 'x'"): argparse calls the type by its ``__name__``."""
    return int(text)


def argparse_in_locale() -> None:
    """argparse's own words ("usage:", "options", its errors) in the user's language too.

    Call where a parser is built: ``argparse_pt`` imports argparse, which workers never need.
    """
    if ui_language() == "pt_BR":
        from app.cli import argparse_pt

        argparse_pt.use()
    integer.__name__ = t("int", "inteiro")
