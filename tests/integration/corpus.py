"""Known texts and PDFs for the engine tests, made on the spot."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.pdfgen import char_error_rate, scanned_pdf, text_pdf

if TYPE_CHECKING:
    from app.core.running.scheduler import JobManager

PT_PAGES = [
    "Relatório da audiência de conciliação\nO réu não compareceu à sessão marcada.\n"
    "A próxima audiência será em março.",
    "Certidão de intimação\nIntimação realizada por oficial de justiça.\nNada mais havendo, encerro.",
    "Petição inicial do processo\nO autor requer a citação do réu.\nTermos em que pede deferimento.",
]
SENTENCES = [line for page in PT_PAGES for line in page.splitlines()]
EN_PAGES = ["Invoice number 4711\nThe quick brown fox jumps over the lazy dog."]
ROOT = Path(__file__).resolve().parents[2]


def scan(tmp: Path, name: str, pages: list[str], **kw: object) -> Path:
    return scanned_pdf(tmp / name, pages, dpi=kw.pop("dpi", 150), **kw)  # type: ignore[arg-type]


def page_text(index: int) -> str:
    """The known text of page ``index`` (0-based) of a ``many_pages`` document."""
    return f"{PT_PAGES[index % 3]}\nPágina {index + 1}"


def many_pages(tmp: Path, name: str, count: int) -> Path:
    return scanned_pdf(tmp / name, [page_text(i) for i in range(count)], dpi=150)


def read_well(manager: JobManager, job: int, pages: int) -> None:
    """Every page of a ``many_pages`` job was recognised, in order, with its known text."""
    from app.core.results import PageSource

    results = manager.results(job)
    assert [r.page for r in results] == list(range(pages))
    for result in results:
        assert result.source is PageSource.OCR, result.error
        assert char_error_rate(page_text(result.page), result.text) < 0.05, result.text


def lines_of_print(seed: int, count: int = 28) -> str:
    """A full page of text: ``count`` lines drawn at random from the Portuguese sentences."""
    rng = random.Random(seed)
    return "\n".join(rng.choice(SENTENCES) for _ in range(count))


def long_document(tmp: Path, name: str, count: int) -> Path:
    """Pages full of text (~0.3 s each to read): for runs that must still be going when a test
    interrupts them. ``many_pages``' short pages read in ~0.07 s, so a whole 60-page run could end
    before a signal sent at its first page was handled."""
    pages = ["\n".join(SENTENCES[(i + j) % len(SENTENCES)] for j in range(28)) for i in range(count)]
    return scanned_pdf(tmp / name, pages, dpi=150)


def born_digital(tmp: Path, name: str) -> Path:
    return text_pdf(tmp / name, ["Contrato de prestação de serviços entre as partes abaixo assinadas."] * 2)


def run_cli(
    *args: str | Path, timeout: float = 240, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def start_ocr(pdf: Path, out: Path, **popen: Any) -> subprocess.Popen[str]:
    """``scriba ocr PDF -o OUT --progress json`` running in the background, its stdout piped."""
    return subprocess.Popen(
        [sys.executable, "-m", "app", "ocr", str(pdf), "-o", str(out), "--progress", "json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        **popen,
    )


def page_events(stdout: str) -> list[dict[str, Any]]:
    """The page events of a ``--progress json`` run's standard output."""
    return [e for e in map(json.loads, stdout.splitlines()) if e["event"] == "page"]


def killed_after(source: Path, out: Path, pages: int) -> None:
    """Run ``scriba ocr SOURCE -o OUT`` and kill it outright (SIGKILL to its whole session: no
    chance to clean up) once ``pages`` pages are done."""
    process = start_ocr(source, out, start_new_session=True)
    assert process.stdout is not None
    wait_for_pages(process, pages)
    if os.name == "posix":
        os.killpg(process.pid, signal.SIGKILL)
    else:  # no process groups: end the run and its workers at once (TerminateProcess)
        import psutil

        tree = psutil.Process(process.pid)
        for member in [tree, *tree.children(recursive=True)]:
            member.kill()
    process.wait(10)
    process.stdout.close()


def wait_for_pages(process: subprocess.Popen[str], count: int = 1) -> None:
    """Read a running ``start_ocr``'s progress until ``count`` pages are done."""
    assert process.stdout is not None
    seen = 0
    for line in process.stdout:
        seen += '"event": "page"' in line
        if seen >= count:
            return
    raise AssertionError(f"the run ended after {seen} of {count} pages")
