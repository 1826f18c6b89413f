"""``--progress json`` when its reader goes away: one call to say so, then silence."""

from __future__ import annotations

import io
from pathlib import Path

from app.cli.progress import JsonProgress
from app.core.jobs import JobQueued


class ClosedPipe(io.StringIO):
    """A stream whose reader has gone: the second line written raises, as a pipe does."""

    def __init__(self) -> None:
        super().__init__()
        self.lines = 0

    def write(self, text: str) -> int:
        self.lines += 1
        if self.lines > 1:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)


def test_a_closed_reader_is_reported_once_and_nothing_more_is_written() -> None:
    # Given JSON progress written to a reader that takes one line and closes
    stream = ClosedPipe()
    closed: list[bool] = []
    progress = JsonProgress(stream, on_closed=lambda: closed.append(True))
    event = JobQueued(1, Path("a.pdf"))
    # When three events arrive
    for _ in range(3):
        progress(event)
    # Then the first line is there, the run was told once, and no write was tried again
    assert stream.getvalue() == '{"event": "queued", "file": "a.pdf"}\n'
    assert closed == [True]
    assert stream.lines == 2
