"""The frozen app (PyInstaller, build.spec) works on its own: OCR with spawn workers, the window.

Slow (a first build takes a minute or two), hence the ``packaging`` marker. The build is reused
when nothing it is made of changed (installer/build --freeze-only decides). Runs on Linux (the
window under Xvfb) and on the Windows runner (the window natively).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.pdfgen import scanned_pdf

pytestmark = pytest.mark.packaging

EXE = ".exe" if sys.platform == "win32" else ""

RUN_TIMEOUT = 180

LETTER = [
    "Scriba frozen smoke test\n"
    "The quick brown fox jumps over the lazy dog.\n"
    "Certidão de publicação no Diário da Justiça.\n"
]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The user's environment, with cache, logs and settings in the test's own folder."""
    home = tmp_path / "home"
    home.mkdir()
    values = dict(os.environ)
    values.update(
        SCRIBA_CACHE_DIR=str(tmp_path / "cache"),
        SCRIBA_LOG_DIR=str(tmp_path / "logs"),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_RUNTIME_DIR=str(home / "run"),
    )
    (home / "run").mkdir(mode=0o700)
    return values


def run_watched(command: list[str], env: dict[str, str]) -> tuple[int, str, str, dict[int, list[str]]]:
    """Run ``command`` to the end, noting every descendant process it starts meanwhile.

    Returns the exit code, stdout, stderr and the command lines of the descendants (by pid).
    """
    seen: dict[int, list[str]] = {}
    parents: dict[int, int] = {}
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        me = psutil.Process(proc.pid)
        deadline = time.monotonic() + RUN_TIMEOUT
        while proc.poll() is None:
            try:
                for child in me.children(recursive=True):
                    if child.pid not in seen:
                        try:
                            seen[child.pid] = child.cmdline()
                            parents[child.pid] = child.ppid()
                        except psutil.Error:
                            continue
            except psutil.NoSuchProcess:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"{command} still running after {RUN_TIMEOUT} s")
            time.sleep(0.02)
        out, err = proc.communicate()
    # Without freeze_support() a spawned child runs the whole app again and starts workers of
    # its own: every copy of the app must be a direct child of the first. Other programs a
    # worker runs are no re-run (ctypes.util.find_library runs ``ldconfig -p`` on Linux, when a
    # library loads): counting them made this check fail now and then.
    reruns = {
        pid: seen[pid] for pid, parent in parents.items() if parent != proc.pid and is_the_app(seen[pid])
    }
    assert not reruns, f"the app started again by its workers (freeze_support missing?): {reruns}"
    return proc.returncode, out, err, seen


def is_the_app(cmdline: list[str]) -> bool:
    """Whether a process runs one of the frozen executables (the app, or a spawn worker of it)."""
    return bool(cmdline) and Path(cmdline[0]).name.lower() in {f"scriba{EXE}", f"scriba-cli{EXE}"}


def assert_all_gone(pids: list[int], grace: float = 10.0) -> None:
    """Every process the app started has exited (zombies count as exited)."""
    deadline = time.monotonic() + grace
    alive: list[int] = []
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    alive.append(pid)
            except psutil.NoSuchProcess:
                pass
        if not alive:
            return
        time.sleep(0.1)
    for pid in alive:
        psutil.Process(pid).kill()
    pytest.fail(f"processes left behind by the frozen app: {alive}")


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_bundle_holds_what_scriba_needs_and_not_more(frozen: Path) -> None:
    internal = frozen / "_internal"
    for needed in (
        "resources/tessdata/eng.traineddata",
        "resources/tessdata/por.traineddata",
        "resources/tessdata/osd.traineddata",
        "resources/icons/scriba.svg",
        "resources/translations/scriba_pt_BR.qm",
        "resources/guide/guide_en.html",
        "resources/guide/guide_pt_BR.html",
    ):
        assert (internal / needed).is_file(), needed
    assert list(internal.glob("resources/samples/*.pdf")), "the sample scan ships with the app"
    assert list(internal.rglob("*pdfium*")), "pdfium library collected"
    assert list(internal.rglob("*tesseract*")), "libtesseract collected"

    names = {p.name.lower() for p in internal.rglob("*")}
    for unwanted in (
        "opengl32sw.dll",
        "qt6quick.dll",
        "qt6qml.dll",
        "libqt6quick.so.6",
        "libqt6qml.so.6",
        "_tkinter.pyd",
        "scriba_pt_br.ts",
    ):
        assert unwanted not in names, f"{unwanted} should not be in the bundle"
    # QtNetwork stays: the single-instance hand-over is a local socket (app/gui/single_instance.py)
    assert names & {"qtnetwork.pyd", "qtnetwork.abi3.so"}, "QtNetwork (the single-instance socket)"
    # The cluster extra is for archive machines with Python, not the desktop installer
    assert not list(internal.glob("distributed")) and not list(internal.glob("dask")), "Dask is left out"
    qt_translations = {p.name for p in internal.rglob("PySide6/**/translations/*.qm")}
    assert qt_translations, "Qt's own pt_BR strings (standard dialogs) are collected"
    assert qt_translations == {"qtbase_pt_BR.qm"}, qt_translations  # the one app/gui/i18n.py loads


def test_cli_version_starts_fast(frozen: Path, env: dict[str, str]) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [str(frozen / f"scriba-cli{EXE}"), "--version"], env=env, capture_output=True, text=True, timeout=60
    )
    elapsed = time.monotonic() - started
    print(f"frozen scriba-cli --version: {elapsed:.2f} s")
    assert result.returncode == 0, result.stderr
    assert re.search(r"\d+\.\d+", result.stdout + result.stderr)
    assert elapsed < 15, f"start took {elapsed:.1f} s"


def test_cli_ocr_with_spawn_workers(frozen: Path, env: dict[str, str], tmp_path: Path) -> None:
    # Given a scanned letter with known words and the shipped sample
    letter = scanned_pdf(tmp_path / "letter.pdf", LETTER)
    sample = sorted((frozen / "_internal" / "resources" / "samples").glob("*.pdf"))[0]
    out_dir = tmp_path / "out"

    # When the frozen CLI reads both with two worker processes
    started = time.monotonic()
    code, out, err, children = run_watched(
        [
            str(frozen / f"scriba-cli{EXE}"),
            "ocr",
            str(letter),
            str(sample),
            "--out-dir",
            str(out_dir),
            "--workers",
            "2",
            "--progress",
            "json",
        ],
        env,
    )
    print(f"frozen scriba-cli ocr (2 files): {time.monotonic() - started:.2f} s")

    # Then both texts came out, from real worker processes, and nothing is left running
    assert code == 0, err
    letter_text = (out_dir / "letter.txt").read_text(encoding="utf-8")
    assert {"scriba", "quick", "brown", "fox", "lazy", "dog", "certidão", "diário"} <= words(letter_text)
    sample_text = (out_dir / f"{sample.stem}.txt").read_text(encoding="utf-8")
    assert len(words(sample_text)) > 20, sample_text
    workers = [cmd for cmd in children.values() if "--multiprocessing-fork" in " ".join(cmd)]
    assert workers, f"no spawn worker seen among {children}"
    assert '"state": "done"' in out
    assert_all_gone(list(children))


@pytest.fixture
def display(env: dict[str, str], tmp_path: Path) -> Iterator[dict[str, str]]:
    """A display for the window: the desktop on Windows, a private Xvfb server on Linux."""
    if sys.platform == "win32":
        yield env
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    # -displayfd: Xvfb picks a free display number and writes it once it accepts clients.
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        yield {**env, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    finally:
        server.terminate()
        server.wait(10)


def test_window_reads_files_and_exits_when_done(
    frozen: Path, display: dict[str, str], tmp_path: Path
) -> None:
    # Given a scanned letter
    letter = scanned_pdf(tmp_path / "letter.pdf", LETTER)

    # When the frozen window is started with --exit-when-done on a real display platform
    code, _out, err, children = run_watched(
        [str(frozen / f"Scriba{EXE}"), "--exit-when-done", str(letter)], display
    )

    # Then it read the file (its pages are in the cache) and quit cleanly with its workers
    assert code == 0, err
    info = subprocess.run(
        [str(frozen / f"scriba-cli{EXE}"), "cache", "info"],
        env=display,
        capture_output=True,
        text=True,
        timeout=60,
    )
    match = re.search(r"pages:\s+(\d+)", info.stdout)
    assert match and int(match[1]) >= 1, info.stdout + info.stderr
    assert any("--multiprocessing-fork" in " ".join(cmd) for cmd in children.values()), children
    assert_all_gone(list(children))
