"""The CLI's own words in the user's language, and its exit codes."""

from __future__ import annotations

from app.core.errors import ui_language

#: 0 all done; 1 some inputs failed (each named on stderr); 2 usage; 130 interrupted.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def t(english: str, portuguese: str) -> str:
    """The user's language for the CLI's own words (pt_BR when the locale is Portuguese)."""
    return portuguese if ui_language() == "pt_BR" else english
