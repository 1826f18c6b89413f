"""The command line writes numbers the way its user's locale does."""

from __future__ import annotations

import pytest

from app.cli.language import number


@pytest.mark.parametrize(
    ("locale", "value", "spec", "expected"),
    [
        ("C", 1234567, ",", "1,234,567"),
        ("pt_BR.UTF-8", 1234567, ",", "1.234.567"),
        ("C", 1536.25, ",.1f", "1,536.2"),
        ("pt_BR.UTF-8", 1536.25, ",.1f", "1.536,2"),
        ("pt_BR.UTF-8", 0.5, ",.10g", "0,5"),
        ("pt_BR.UTF-8", 90.0, "g", "90"),
    ],
)
def test_numbers_follow_the_locale(
    monkeypatch: pytest.MonkeyPatch, locale: str, value: float, spec: str, expected: str
) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", locale)
    assert number(value, spec) == expected
