"""The CLI's own words in the user's language, and its exit codes."""

from __future__ import annotations

from app.core.errors import ui_language

#: 0 all done; 1 some inputs failed (each named on stderr); 2 usage; 130 interrupted.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def t(english: str, portuguese: str) -> str:
    """The user's language for the CLI's own words (pt_BR when the locale is Portuguese)."""
    return portuguese if ui_language() == "pt_BR" else english


def argparse_in_locale() -> None:
    """argparse's own words ("usage:", "options", its errors) in the user's language too.

    Call where a parser is built: ``argparse_pt`` imports argparse, which workers never need.
    """
    if ui_language() == "pt_BR":
        from app.cli import argparse_pt

        argparse_pt.use()
