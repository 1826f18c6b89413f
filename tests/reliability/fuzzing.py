"""Mutate valid PDFs and run them through the real worker path; shared by the test and the long run.

A mutant is a seed document plus a few edits, some blind (bit flips, inserted or deleted bytes,
truncation) and some aware of PDF syntax (a number or a name outside streams replaced by a
hostile one), so the parser gets past the header and into the code that renders and decodes.

The invariants, for every mutant: the job ends (no hang) as done or failed, never through the
dispatcher's own error path; a failure is one sentence naming the file; a done job has a result
or a reason for every page; and afterwards the pool still reads a good document.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from app.core.jobs import JobEvent, JobFinished, JobRequest, JobState
from app.core.running.scheduler import JobManager
from tests.pdfgen import scanned_pdf, text_pdf
from tests.reliability import odd_inputs as odd

HOSTILE_NUMBERS = [
    b"0", b"-1", b"1", b"65535", b"2147483647", b"-2147483648", b"4294967296",
    b"99999999999999999999", b"1e308", b"3.4e38", b"0.0000001", b"-0",
]  # fmt: skip
HOSTILE_NAMES = [
    b"/FlateDecode", b"/DCTDecode", b"/JBIG2Decode", b"/CCITTFaxDecode", b"/LZWDecode", b"/RunLengthDecode",
    b"/ASCII85Decode", b"/JPXDecode", b"/DeviceCMYK", b"/DeviceN", b"/Indexed", b"/Pattern", b"/ICCBased",
    b"/Page", b"/Pages", b"/Catalog", b"/XObject", b"/Form", b"/Image", b"/Type0", b"/Length", b"/Kids",
    b"/Parent", b"/Contents", b"/Resources", b"/MediaBox", b"/Rotate", b"/Decode", b"/SMask",
]  # fmt: skip
SEEDS = ("scan", "text", "ccitt", "jbig2", "form", "xref")

_HEADER = 16
_NUMBER = re.compile(rb"(?<![\w./#-])-?\d+(?:\.\d+)?(?![\w.])")
_NAME = re.compile(rb"/[A-Za-z][A-Za-z0-9]*")
_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.S)


@dataclass(frozen=True)
class Edit:
    kind: str  # flip, overwrite, insert, delete, truncate, number, name
    at: float  # where, as a share of the file (or of the candidate tokens)
    data: bytes = b""
    size: int = 0


@dataclass(frozen=True)
class Mutant:
    seed: str
    edits: tuple[Edit, ...]


def _outside_streams(data: bytes, pattern: re.Pattern[bytes]) -> list[re.Match[bytes]]:
    streams = [m.span() for m in _STREAM.finditer(data)]
    return [m for m in pattern.finditer(data) if not any(a <= m.start() < b for a, b in streams)]


def apply(data: bytes, edits: tuple[Edit, ...]) -> bytes:
    """``data`` with ``edits`` applied in order; every edit is well defined on any input."""
    out = bytearray(data)
    for edit in edits:
        if len(out) <= _HEADER:
            break
        # The header stays: without it a file is refused before any parser sees it (tested elsewhere).
        at = _HEADER + min(len(out) - _HEADER - 1, int(edit.at * (len(out) - _HEADER)))
        if edit.kind == "flip":
            out[at] ^= 1 << (edit.size % 8)
        elif edit.kind == "overwrite":
            out[at : at + len(edit.data)] = edit.data
        elif edit.kind == "insert":
            out[at:at] = edit.data
        elif edit.kind == "delete":
            del out[at : at + edit.size]
        elif edit.kind == "truncate":
            del out[at:]
        elif edit.kind in ("number", "name"):
            tokens = _outside_streams(bytes(out), _NUMBER if edit.kind == "number" else _NAME)
            if tokens:
                token = tokens[min(len(tokens) - 1, int(edit.at * len(tokens)))]
                out[token.start() : token.end()] = edit.data
        else:
            raise ValueError(edit.kind)
    return bytes(out)


_where = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
edits = st.one_of(
    st.builds(Edit, st.just("flip"), _where, st.just(b""), st.integers(0, 7)),
    st.builds(Edit, st.just("overwrite"), _where, st.binary(min_size=1, max_size=16)),
    st.builds(Edit, st.just("insert"), _where, st.binary(min_size=1, max_size=64)),
    st.builds(Edit, st.just("delete"), _where, st.just(b""), st.integers(1, 512)),
    st.builds(Edit, st.just("truncate"), _where),
    st.builds(Edit, st.just("number"), _where, st.sampled_from(HOSTILE_NUMBERS)),
    st.builds(Edit, st.just("name"), _where, st.sampled_from(HOSTILE_NAMES)),
)
mutants = st.builds(Mutant, st.sampled_from(SEEDS), st.lists(edits, min_size=1, max_size=4).map(tuple))


def make_seeds(folder: Path) -> dict[str, bytes]:
    """Small valid documents of every kind the corpus knows: quick to OCR, many code paths."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "scan": scanned_pdf(folder / "scan.pdf", [odd.WORDS], dpi=100, size_in=(5.0, 3.0)),
        "text": text_pdf(folder / "text.pdf", [odd.WORDS, "Second page."]),
        "ccitt": odd.ccitt_scan(folder / "ccitt.pdf", dpi=100),
        "jbig2": odd.jbig2_scan(folder / "jbig2.pdf", dpi=100),
        "form": odd.form_pdf(folder / "form.pdf"),
        "xref": odd.broken_xref(folder / "xref.pdf", "shifted"),
    }
    return {name: path.read_bytes() for name, path in made.items()}


@dataclass
class Tally:
    """What a fuzz run saw: outcomes by kind, and every broken invariant with the file that broke it."""

    cases: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    examples: dict[str, list[str]] = field(default_factory=dict)  # outcome -> first few mutant files

    def count(self, outcome: str, path: Path) -> None:
        self.outcomes[outcome] += 1
        names = self.examples.setdefault(outcome, [])
        if len(names) < 3:
            names.append(path.name)


class FuzzRunner:
    """One JobManager for many mutants: submit a batch, wait, check every job's end."""

    def __init__(self, manager: JobManager, folder: Path, seeds: dict[str, bytes]) -> None:
        self.manager = manager
        self.folder = folder
        self.seeds = seeds
        self.tally = Tally()
        self._finished: dict[int, JobFinished] = {}
        self._lock = threading.Lock()
        manager.add_listener(self._on_event)

    def _on_event(self, event: JobEvent) -> None:
        if isinstance(event, JobFinished):
            with self._lock:
                self._finished[event.job_id] = event

    def run(self, batch: list[Mutant], timeout: float) -> list[str]:
        """Run ``batch`` together; the problems it found (empty when every invariant held)."""
        jobs: dict[int, Path] = {}
        for mutant in batch:
            path = self.folder / f"mutant-{self.tally.cases:05d}-{mutant.seed}.pdf"
            path.write_bytes(apply(self.seeds[mutant.seed], mutant.edits))
            jobs[self.manager.submit(JobRequest(path))] = path
            self.tally.cases += 1
        problems = []
        if not self.manager.wait(timeout):
            problems.append(f"hang: not finished within {timeout:.0f} s")
        for job_id, path in jobs.items():
            problems += [f"{path.name}: {p}" for p in self._check(job_id, path)]
        self.tally.problems += problems
        return problems

    def _check(self, job_id: int, path: Path) -> list[str]:
        with self._lock:
            event = self._finished.get(job_id)
        if event is None:
            return ["no JobFinished event"]
        if event.state is JobState.FAILED:
            self.tally.count(f"failed: {event.error_code}", path)
            if event.error_code == "internal":
                return [f"dispatcher error: {event.error}"]
            if not event.error or not event.error.startswith(path.name):
                return [f"failure without a sentence naming the file: {event.error!r}"]
            return []
        if event.state is not JobState.DONE:
            return [f"ended {event.state.value}"]
        results = self.manager.results(job_id)
        if [r.page for r in results] != list(range(event.pages)):
            return [f"pages {[r.page for r in results]} of {event.pages}"]
        failed = [r for r in results if r.failed]
        for result in failed:
            reason = (result.error or "").split(":")[0].split("(")[0].strip()
            self.tally.count(f"page failed: {reason}", path)
            if not result.error:
                return [f"page {result.page + 1} failed without a reason"]
        self.tally.count("done, every page read" if not failed else "done with failed pages", path)
        return []

    def still_reads(self, known_good: Path, expected: str) -> list[str]:
        """After the mutants: the same pool still reads a good document correctly."""
        job = self.manager.submit(JobRequest(known_good))
        if not self.manager.wait(120) or self.manager.state(job) is not JobState.DONE:
            return ["the pool no longer reads a good document"]
        text = " ".join(r.text for r in self.manager.results(job))
        return [] if expected in " ".join(text.split()) else [f"a good document read as {text!r}"]
