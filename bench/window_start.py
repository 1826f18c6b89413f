"""From launch to a window that takes a drop: cold, warm and first-ever starts of the real app.

Each round launches the real entry (``python -m app`` by default; ``--entry script`` runs the
``scriba`` console script, ``uv`` runs ``uv run scriba``, ``frozen`` the PyInstaller build in
dist/) on a real X server: an Xvfb this script starts once (``--platform offscreen`` for a second
line without one). Cache, logs, settings (``XDG_CONFIG_HOME``) and the single-instance socket's
folder are throw-away folders. Python keeps its compiled modules (``__pycache__``) as on a user's
machine, even where the shell sets ``PYTHONDONTWRITEBYTECODE`` (``--no-bytecode-cache`` keeps
it: modules not compiled before are then compiled from source at every launch).

The ready signal is the app's own single-instance hand-over (``app/gui/single_instance.py``): the
bench connects to the socket as a second launch would, sends a small real PDF and waits for
``ok``. The server is listening long before, but it answers only from the event loop, which
runs once the window was shown; the file it takes goes the way of a drop (``receive_files``,
the drop zone's own path). So "ok" means window shown, event loop running and a file taken,
and it costs the app nothing: the signal exists for users anyway. Each round then waits until
the document was read (it appears in the recent list the window saves when a document is done)
so a window that says ok but cannot read is caught; that part is not in the time.

Scenarios, alternated round by round so load drifts hit all alike:
- ``cold``: ``sync; echo 3 > /proc/sys/vm/drop_caches`` first (needs root): no file in the
  page cache, as in the first start after boot; existing settings and cache (one recent
  document listed again).
- ``warm``: the same launch again, files in the page cache.
- ``first``: a first start ever: empty settings, no cache folder (page cache warm).

``--phases`` adds a one-off breakdown: a child process goes through the same entry
(``app.cli.main.main``) with timestamps around each step (imports, QApplication, the
single-instance claim, translators, controller, window, cache open, show, first paint, event loop),
and one ``python -X importtime`` launch lists the heaviest imports.

Beside the time: the CPU time the launched process had used and what it had read from the disk
by then (``--entry uv``: uv's own process, not the app it starts).

Usage: uv run python bench/window_start.py [--rounds 5] [--entry module] [--phases]
       -> a Markdown report on stdout (and ``--json`` adds one JSON line)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
READY_TIMEOUT_S = 60.0
READ_TIMEOUT_S = 120.0
TARGET_S = 1.5


# -- the app's folders and the probe file ----------------------------------------------------------


def folders(base: Path, name: str) -> dict[str, str]:
    """The environment that points one Scriba at its own throw-away folders."""
    home = base / name
    runtime = home / "runtime"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    return {
        "SCRIBA_CACHE_DIR": str(home / "cache"),
        "SCRIBA_LOG_DIR": str(home / "logs"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "xdg-cache"),
        "XDG_RUNTIME_DIR": str(runtime),
    }


def prepare(env: dict[str, str], pdf: Path | None) -> str:
    """The socket name the app will listen on (and the probe PDF, made once), computed in a
    child process: the bench itself never maps Qt or Pillow, which would keep their files in the
    page cache for a cold launch."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from pathlib import Path\n"
        "if sys.argv[2]:\n"
        "    from tests.pdfgen import scanned_pdf\n"
        "    scanned_pdf(Path(sys.argv[2]), ['Window start probe: the quick brown fox.'])\n"
        "from app.gui.single_instance import server_name\n"
        "print(server_name())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(pdf or "")],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


# -- one launch ----------------------------------------------------------------------------------


def drop_caches() -> None:
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as control:
        control.write("3\n")


def hand_over(name: str, pdf: Path | None, deadline: float) -> bool:
    """Connect as a second launch does and hand ``pdf`` over (None: no file); True on the
    window's ``ok``."""
    message = (json.dumps({"files": [str(pdf)] if pdf else []}) + "\n").encode()
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            try:
                client.connect(name)
            except (FileNotFoundError, ConnectionRefusedError):
                time.sleep(0.002)  # not listening yet (or a socket left by the last round)
                continue
            client.settimeout(max(deadline - time.monotonic(), 0.1))
            client.sendall(message)
            answer = b""
            while b"\n" not in answer:
                chunk = client.recv(256)
                if not chunk:
                    break
                answer += chunk
            if answer.startswith(b"ok"):
                return True
    return False


def was_read(env: dict[str, str], pdf: Path, deadline: float) -> bool:
    """The document finished: the window put it in the recent list (``jobs/recent``) it saves."""
    conf = Path(env["XDG_CONFIG_HOME"]) / "Scriba" / "Scriba.conf"
    while time.monotonic() < deadline:
        try:
            if pdf.name in conf.read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            pass  # not written yet
        time.sleep(0.05)
    return False


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the app and its workers, kill what is left (tests/local_services.py's way)."""
    from tests.local_services import stop as stop_tree

    stop_tree([process])


def launch(
    command: list[str], env: dict[str, str], name: str, pdf: Path | None, *, cold: bool
) -> dict[str, float | bool]:
    """One start: launch -> ``ok`` to the hand-over; then (with a ``pdf``) until it was read."""
    if cold:
        drop_caches()
    errors = tempfile.TemporaryFile()  # a pipe could fill up (-X importtime) and block the app
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
    try:
        ready = hand_over(name, pdf, started + READY_TIMEOUT_S)
        seconds = time.monotonic() - started
        cpu, disk = cpu_seconds(process.pid), disk_mb(process.pid)
        read = ready and (pdf is None or was_read(env, pdf, time.monotonic() + READ_TIMEOUT_S))
    finally:
        stop(process)
    errors.seek(0)
    stderr = errors.read().decode(errors="replace")
    errors.close()
    if not ready or not read:
        print(stderr[-3000:], file=sys.stderr)
        raise RuntimeError(f"round failed: ready={ready} read={read}")
    return {"seconds": seconds, "cpu": cpu, "disk_mb": disk, "stderr": stderr}  # type: ignore[dict-item]


def disk_mb(pid: int) -> float:
    """What the app's process had read from the disk by then (not from the page cache), in MB."""
    try:
        return float(psutil.Process(pid).io_counters().read_bytes) / 1e6
    except (psutil.NoSuchProcess, AttributeError):
        return float("nan")


def cpu_seconds(pid: int) -> float:
    """CPU time the app's own process spent up to now (user + system): steadier than the wall
    time on a loaded machine, so a change to the start-up can be judged by it."""
    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.NoSuchProcess:
        return float("nan")
    return float(times.user + times.system)


# -- the display ---------------------------------------------------------------------------------


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """One Xvfb for every round (after a boot the X server runs before anyone launches Scriba)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as display:
        number = display.readline().strip()
    if not number:
        server.kill()
        raise RuntimeError("Xvfb did not start")
    return server, f":{number}"


def entry_command(entry: str) -> list[str]:
    if entry == "module":
        return [sys.executable, "-m", "app"]
    if entry == "script":
        return [str(Path(sys.executable).parent / "scriba")]
    if entry == "uv":
        return ["uv", "run", "--frozen", "scriba"]
    frozen = ROOT / "dist" / "scriba" / "scriba"
    if not frozen.is_file():
        raise SystemExit(f"no frozen build at {frozen}: run pyinstaller build.spec first")
    return [str(frozen)]


# -- the breakdown -------------------------------------------------------------------------------


def child_phases() -> None:
    """In a child: the real entry (``app.cli.main.main``) with timestamps around its steps.

    The window's modules are imported here before the entry runs (so their import is a phase
    of its own and the wrappers can be put in place); the entry then finds them loaded.
    """
    launched = float(os.environ["WINDOW_START_LAUNCHED"])
    marks: list[tuple[str, float, float]] = [("python start (interpreter, site)", launched, time.monotonic())]

    def timed(label: str, owner: object, attribute: str) -> None:
        original = getattr(owner, attribute)

        def wrapper(*args: object, **kwargs: object) -> object:
            began = time.monotonic()
            try:
                return original(*args, **kwargs)
            finally:
                marks.append((label, began, time.monotonic()))

        setattr(owner, attribute, wrapper)

    def imported(label: str, *modules: str) -> None:
        began = time.monotonic()
        for module in modules:
            __import__(module)
        marks.append((label, began, time.monotonic()))

    imported("import app.cli.main (the entry)", "app.cli.main")
    imported("import Qt + app.gui.main", "app.gui.main")
    imported(
        "import the window's modules",
        "app.gui.i18n",
        "app.gui.settings",
        "app.gui.controller",
        "app.gui.window",
    )
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from app.core.storage import cache
    from app.gui import controller, i18n, main, single_instance, window

    timed("logging set up", sys.modules["app.cli.main"], "start_logging")
    timed("QApplication (+ style, icon)", main, "create_application")
    timed("single-instance claim", single_instance, "claim")
    timed("translators", i18n, "install_translators")
    timed("AppController()", controller.AppController, "__init__")
    timed("MainWindow()", window.MainWindow, "__init__")
    timed("window.show()", window.MainWindow, "show")
    timed("controller.start()", controller.AppController, "start")
    timed("  of which cache open", cache.ResultCache, "open")
    state: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "paint" not in state:
                state["paint"] = time.monotonic()
            return False

    painter = FirstPaint()
    original_exec = QApplication.exec

    def exec_() -> int:
        self = QApplication.instance()
        assert isinstance(self, QApplication)
        began = time.monotonic()
        state["exec"] = began
        self.installEventFilter(painter)

        def first_turn() -> None:
            state["loop"] = time.monotonic()
            QTimer.singleShot(200, self.closeAllWindows)  # let the first paint land, then quit

        QTimer.singleShot(0, first_turn)
        return original_exec()

    QApplication.exec = staticmethod(exec_)  # type: ignore[method-assign,assignment]
    sys.modules["app.cli.main"].main([])  # type: ignore[attr-defined]
    marks.append(("event loop: first turn", state["exec"], state["loop"]))
    if "paint" in state:
        marks.append(("first paint (after exec)", state["exec"], state["paint"]))
    marks.sort(key=lambda mark: mark[1])
    print(json.dumps([(label, began - launched, end - launched) for label, began, end in marks]))


def phases(env: dict[str, str]) -> list[tuple[str, float, float]]:
    child_env = {**env, "WINDOW_START_LAUNCHED": repr(time.monotonic())}
    done = subprocess.run(
        [sys.executable, __file__, "--child-phases"],
        env=child_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [tuple(row) for row in json.loads(done.stdout.strip().splitlines()[-1])]  # type: ignore[misc]


def heaviest_imports(stderr: str, most: int = 15) -> list[tuple[str, float, float]]:
    """``-X importtime``'s lines -> the modules with the largest cumulative time (top-level ones
    and app modules, so nested parts of one library do not crowd the list)."""
    rows, total = [], 0.0
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        self_us, cumulative_us, module = line[len("import time:") :].split("|")
        if not self_us.strip().isdigit():
            continue  # the header line
        name = module.rstrip()
        depth = (len(name) - len(name.lstrip())) // 2
        name = name.strip()
        total += int(cumulative_us) / 1e6 if depth == 0 else 0.0
        if depth <= 1 or name.startswith("app."):
            rows.append((name, int(self_us) / 1e6, int(cumulative_us) / 1e6))
    rows.sort(key=lambda r: -r[2])
    return [("(all imports, sum of top level)", 0.0, total), *rows[:most]]


# -- the report ----------------------------------------------------------------------------------


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s (max {max(values):.2f} s, min {min(values):.2f} s)"


def report(
    args: argparse.Namespace,
    results: dict[str, list[float]],
    cpu: dict[str, list[float]],
    disk: dict[str, list[float]],
    command: list[str],
    load: tuple[float, float],
    seconds: float,
) -> str:
    lines = [
        "### Window start (bench/window_start.py)",
        "",
        f"Machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GB RAM, "
        f"{sys.platform}, Python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d %H:%M %Z')}; "
        f"load {load[0]:.2f} → {load[1]:.2f}; {seconds / 60:.1f} min.",
        f"Command: `{' '.join(['uv run python bench/window_start.py', *sys.argv[1:]])}`; "
        f"launch: `{' '.join(Path(c).name if i == 0 else c for i, c in enumerate(command))}` "
        f"on {args.platform}; Python's compiled-module caches "
        f"{'off (PYTHONDONTWRITEBYTECODE)' if args.no_bytecode_cache else 'kept, as installed'}.",
        "",
        f"| start ({args.rounds} rounds) | launch → window takes a file: median (max, min) | target | "
        "| its process's CPU time by then, median | read from disk by then, median |",
        "|---|---|---|---|---|---|",
    ]
    for scenario, values in results.items():
        verdict = "PASS" if max(values) <= TARGET_S else "FAIL"
        used = statistics.median(cpu[scenario])
        read = statistics.median(disk[scenario])
        lines.append(
            f"| {scenario} | {spread(values)} | ≤ {TARGET_S} s | {verdict} | {used:.2f} s | {read:.0f} MB |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="launches per scenario")
    parser.add_argument("--entry", choices=["module", "script", "uv", "frozen"], default="module")
    parser.add_argument("--platform", choices=["xcb", "offscreen"], default="xcb")
    parser.add_argument("--scenarios", default="cold,warm,first", help="comma-separated, in round order")
    parser.add_argument("--phases", action="store_true", help="add the one-off breakdown")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE from the environment (modules with no __pycache__ entry yet "
        "are then compiled at every launch)",
    )
    parser.add_argument("--json", action="store_true", help="also print the numbers as one JSON line")
    parser.add_argument("--child-phases", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_phases:
        child_phases()
        return
    scenarios = [s for s in args.scenarios.split(",") if s]
    if "cold" in scenarios and os.geteuid() != 0:
        raise SystemExit("cold starts drop the page cache: run as root, or --scenarios warm,first")
    base = Path(tempfile.mkdtemp(prefix="scriba-window-start-"))
    xvfb = None
    display_env = {"QT_QPA_PLATFORM": args.platform}
    if args.platform == "xcb":
        xvfb, display = start_xvfb()
        display_env["DISPLAY"] = display
    launch_env = {**os.environ, **display_env}
    if not args.no_bytecode_cache:
        # As installed: Python keeps the modules it compiled (__pycache__, written by the first
        # launch here, by pip or inside the frozen build for users). This shell's
        # PYTHONDONTWRITEBYTECODE=1 would compile every module from source at every launch.
        launch_env.pop("PYTHONDONTWRITEBYTECODE", None)
    began, load_before = time.monotonic(), os.getloadavg()[0]
    try:
        pdf = base / "window-start-probe.pdf"
        user = {**launch_env, **folders(base, "user")}
        user_socket = prepare(user, pdf)
        command = entry_command(args.entry)
        launch(command, user, user_socket, pdf, cold=False)  # the user's folders: one read document
        results: dict[str, list[float]] = {s: [] for s in scenarios}
        cpu: dict[str, list[float]] = {s: [] for s in scenarios}
        disk: dict[str, list[float]] = {s: [] for s in scenarios}
        for round_number in range(args.rounds):
            for scenario in scenarios:
                if scenario == "first":
                    fresh = f"first-{round_number}"
                    env = {**launch_env, **folders(base, fresh)}
                    name = prepare(env, None)
                else:
                    env, name = user, user_socket
                result = launch(command, env, name, pdf, cold=scenario == "cold")
                results[scenario].append(float(result["seconds"]))
                cpu[scenario].append(float(result["cpu"]))
                disk[scenario].append(float(result["disk_mb"]))
                if scenario == "first":
                    shutil.rmtree(base / fresh, ignore_errors=True)
                print(
                    f"round {round_number + 1} {scenario}: {result['seconds']:.3f} s, cpu {result['cpu']:.3f} s, "
                    f"disk {result['disk_mb']:.1f} MB",
                    file=sys.stderr,
                )
        breakdown: list[tuple[str, float, float]] = []
        imports: list[tuple[str, float, float]] = []
        if args.phases:
            breakdown = phases(user)
            # A first start handed no file: no worker starts, so stderr holds the window's imports only.
            alone = {**launch_env, **folders(base, "imports")}
            traced = launch(
                [sys.executable, "-X", "importtime", "-m", "app"],
                alone,
                prepare(alone, None),
                None,
                cold=False,
            )
            imports = heaviest_imports(str(traced["stderr"]))
        print(
            report(
                args, results, cpu, disk, command, (load_before, os.getloadavg()[0]), time.monotonic() - began
            )
        )
        if breakdown:
            print("\n| phase (one warm launch, `python -m app`) | from launch | took |\n|---|---|---|")
            for label, start, end in breakdown:
                print(f"| {label} | {start:.3f} → {end:.3f} s | {(end - start) * 1000:.0f} ms |")
        if imports:
            print("\n| import (`-X importtime`, one warm launch) | self | cumulative |\n|---|---|---|")
            for name, own, cumulative in imports:
                print(f"| {name} | {own * 1000:.0f} ms | {cumulative * 1000:.0f} ms |")
        if args.json:
            print(
                json.dumps(
                    {"results": results, "cpu": cpu, "disk_mb": disk, "phases": breakdown, "imports": imports}
                )
            )
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
