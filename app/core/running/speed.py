"""Speed and time left of a job, from the pages its workers processed since it began running."""

from __future__ import annotations


def pages_per_second(processed: int, since: float | None, now: float) -> float:
    """Pages processed per second since ``since`` (0.0 before the first page or before it began).

    Cache hits are not counted in ``processed``: they would make a resumed job look fast.
    """
    if since is None or not processed:
        return 0.0
    return processed / max(1e-6, now - since)


def seconds_left(remaining: int, rate: float) -> float | None:
    """Seconds until ``remaining`` pages are done at ``rate`` pages a second; None at no speed."""
    return remaining / rate if rate else None
