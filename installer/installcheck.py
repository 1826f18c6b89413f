"""Prove an NSIS installer: install silently, inspect what it did, uninstall, inspect again.

Runs the real Setup.exe either natively (on Windows) or under 64-bit Wine in a private, throw-away
prefix (on Linux). Every check reads the outcome from where Windows itself would look: files on
disk, the .lnk files' target paths, the registry. Used by ``installer/build --check``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

UNINSTALL_KEY = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\Scriba"
PROGID = "Scriba.PDF"
IMAGE_PROGID = "Scriba.Image"
#: The file types the installer adds "Open with Scriba" to, and the ProgID each one lists.
OPEN_WITH = {".pdf": PROGID, **dict.fromkeys((".tif", ".tiff", ".jpg", ".jpeg", ".png"), IMAGE_PROGID)}
# Install and uninstall are quick (seconds); a hang means a dialog is waiting for nobody.
STEP_TIMEOUT = 300


class Host:
    """Where the installer runs: this Windows machine or a Wine prefix."""

    def run(self, exe: Path, args: list[str]) -> int:
        raise NotImplementedError

    def run_command_line(self, command: str) -> int:
        """Run a Windows command line as found in the registry (quoted exe + arguments)."""
        exe, args = split_command_line(command)
        return self.run(self.to_host_path(exe), args)

    def env_path(self, name: str) -> Path:
        """A folder from a Windows environment variable (LOCALAPPDATA, APPDATA, ...) as a host path."""
        raise NotImplementedError

    def to_host_path(self, windows_path: str) -> Path:
        raise NotImplementedError

    def reg_values(self, root: str, key: str) -> dict[str, str] | None:
        """Values of a registry key (``None`` when the key does not exist)."""
        raise NotImplementedError


class NativeHost(Host):
    """Windows itself (the CI runner)."""

    def run(self, exe: Path, args: list[str]) -> int:
        return subprocess.run([str(exe), *args], timeout=STEP_TIMEOUT, check=False).returncode

    def env_path(self, name: str) -> Path:
        if name == "PROGRAMFILES":
            name = "ProgramW6432" if "ProgramW6432" in os.environ else "PROGRAMFILES"
        return Path(os.environ[name])

    def to_host_path(self, windows_path: str) -> Path:
        return Path(windows_path)

    def reg_values(self, root: str, key: str) -> dict[str, str] | None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        hive = {"HKCU": winreg.HKEY_CURRENT_USER, "HKLM": winreg.HKEY_LOCAL_MACHINE}[root]
        try:
            handle = winreg.OpenKey(hive, key, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
        except FileNotFoundError:
            return None
        values: dict[str, str] = {}
        with handle:
            index = 0
            while True:
                try:
                    name, value, _kind = winreg.EnumValue(handle, index)
                except OSError:
                    return values
                values[name] = str(value)
                index += 1


class WineHost(Host):
    """A private 64-bit Wine prefix: nothing touches the user's own ~/.wine or home folder."""

    def __init__(self, root: Path) -> None:
        wine = shutil.which("wine64") or shutil.which("wine")
        if wine is None:
            raise SystemExit("wine is not installed (Debian: apt-get install wine wine64)")
        self.wine = wine
        self.wineserver = shutil.which("wineserver") or "/usr/lib/wine/wineserver64"
        self.root = root
        self.prefix = root / "prefix"
        self._env_paths: dict[str, Path] = {}
        home = root / "home"
        home.mkdir(parents=True, exist_ok=True)
        self.env = {
            key: value
            for key, value in os.environ.items()
            # No display: NSIS in silent mode needs none, and a stray dialog must fail, not wait.
            if key not in {"DISPLAY", "WAYLAND_DISPLAY", "WINEPREFIX", "WINEARCH"}
        }
        self.env.update(
            WINEPREFIX=str(self.prefix),
            WINEARCH="win64",
            # Wine links Desktop/Documents to $HOME; a private HOME keeps shortcuts out of ours.
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            # Skip the Mono and Gecko installers Wine would otherwise offer on first start.
            WINEDLLOVERRIDES="mscoree,mshtml=",
            WINEDEBUG="-all",
        )
        self._boot()

    def _wine(self, args: list[str], capture: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.wine, *args],
            env=self.env,
            timeout=STEP_TIMEOUT,
            check=False,
            text=True,
            capture_output=capture,
        )

    def _wait(self) -> None:
        # NSIS uninstallers copy themselves to %TEMP% and return at once; wait for every process.
        subprocess.run([self.wineserver, "-w"], env=self.env, timeout=STEP_TIMEOUT, check=False)

    def _boot(self) -> None:
        result = self._wine(["wineboot", "--init"], capture=True)
        self._wait()
        if result.returncode != 0:
            raise SystemExit(f"wineboot failed ({result.returncode}): {result.stderr.strip()}")

    def close(self) -> None:
        subprocess.run([self.wineserver, "-k"], env=self.env, timeout=60, check=False)

    def run(self, exe: Path, args: list[str]) -> int:
        code = self._wine([str(exe), *args]).returncode
        self._wait()
        return code

    def env_path(self, name: str) -> Path:
        if not self._env_paths:
            # One Wine start for all of them: each start costs seconds.
            names = ["LOCALAPPDATA", "APPDATA", "USERPROFILE", "ProgramW6432", "ProgramData"]
            out = self._wine(["cmd", "/c", "echo " + ";".join(f"%{n}%" for n in names)], capture=True)
            values = out.stdout.strip().split(";")
            if len(values) != len(names) or any("%" in v for v in values):
                raise SystemExit(f"cannot read Wine's folders: {out.stdout!r} {out.stderr!r}")
            self._env_paths = {n.upper(): self.to_host_path(v) for n, v in zip(names, values, strict=True)}
        return self._env_paths["PROGRAMW6432" if name.upper() == "PROGRAMFILES" else name.upper()]

    def to_host_path(self, windows_path: str) -> Path:
        """``C:\\x\\y`` → ``<prefix>/dosdevices/c:/x/y`` (what ``winepath -u`` does, minus a Wine start)."""
        drive, _, rest = windows_path.partition(":")
        parts = [part for part in rest.split("\\") if part]
        return self.prefix / "dosdevices" / f"{drive.lower()}:" / Path(*parts)

    def reg_values(self, root: str, key: str) -> dict[str, str] | None:
        """Read the key from the prefix's registry files, as wineserver saved them on exit.

        Every run() waits for wineserver to exit, so the files are current; reading them is much
        faster than a ``wine reg query`` per key.
        """
        hive = read_wine_hive(self.prefix / ("system.reg" if root == "HKLM" else "user.reg"))
        return hive.get(key.lower())


_REG_VALUE = re.compile(r'^(@|"((?:[^"\\]|\\.)*)")=(.*)$')


def _unescape(text: str) -> str:
    return re.sub(
        r"\\(x[0-9a-fA-F]{1,4}|.)", lambda m: chr(int(m[1][1:], 16)) if m[1][0] == "x" else m[1], text
    )


def read_wine_hive(path: Path) -> dict[str, dict[str, str]]:
    """Parse a Wine registry file (user.reg, system.reg): lower-cased key path → values.

    String values come back as text, DWORDs as decimal text (as ``winreg`` gives them), other
    types as Wine wrote them.
    """
    keys: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("["):
            current = keys.setdefault(_unescape(line[1 : line.rindex("]")]).lower(), {})
            continue
        match = _REG_VALUE.match(line)
        if current is None or match is None:
            continue
        name = "" if match[1] == "@" else _unescape(match[2])
        raw = match[3]
        if raw.startswith('"') and raw.endswith('"'):
            current[name] = _unescape(raw[1:-1])
        elif raw.startswith("dword:"):
            current[name] = str(int(raw[6:], 16))
        else:
            current[name] = raw
    return keys


@contextmanager
def make_host() -> Iterator[Host]:
    if sys.platform == "win32":
        yield NativeHost()
        return
    with tempfile.TemporaryDirectory(prefix="scriba-wine-") as tmp:
        host = WineHost(Path(tmp))
        try:
            yield host
        finally:
            host.close()


def split_command_line(command: str) -> tuple[str, list[str]]:
    """``"C:\\x y\\u.exe" /S`` → (``C:\\x y\\u.exe``, ``["/S"]``): Windows quoting, no escapes."""
    command = command.strip()
    if command.startswith('"'):
        end = command.index('"', 1)
        return command[1:end], shlex.split(command[end + 1 :], posix=False)
    exe, _, rest = command.partition(" ")
    return exe, shlex.split(rest, posix=False)


def shortcut_target(lnk: Path) -> str:
    """The target path stored in a Windows .lnk file (MS-SHLLINK LinkInfo.LocalBasePath)."""
    data = lnk.read_bytes()
    if len(data) < 0x4C or data[:4] != b"\x4c\x00\x00\x00":
        raise ValueError(f"{lnk} is not a shell link")
    flags = struct.unpack_from("<I", data, 0x14)[0]
    offset = 0x4C
    if flags & 0x1:  # HasLinkTargetIDList
        offset += 2 + struct.unpack_from("<H", data, offset)[0]
    if not flags & 0x2:  # HasLinkInfo
        raise ValueError(f"{lnk} has no LinkInfo")
    header_size = struct.unpack_from("<I", data, offset + 4)[0]
    if header_size >= 0x24:  # LocalBasePathOffsetUnicode present
        start = offset + struct.unpack_from("<I", data, offset + 0x1C)[0]
        end = start
        while data[end : end + 2] != b"\0\0":
            end += 2
        return data[start:end].decode("utf-16-le")
    start = offset + struct.unpack_from("<I", data, offset + 0x10)[0]
    return data[start : data.index(b"\0", start)].decode("mbcs" if sys.platform == "win32" else "latin-1")


@dataclass
class Report:
    """Collected results: every check is printed; any failure makes the whole run fail."""

    failures: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> bool:
        print(f"  [{'ok' if ok else 'FAIL'}] {what}", flush=True)
        if not ok:
            self.failures.append(what)
        return ok


def wait_until(done: Callable[[], bool], timeout: float = STEP_TIMEOUT) -> None:
    """Poll ``done`` until it holds or ``timeout`` passes; the checks that follow tell which."""
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        time.sleep(0.5)


def payload_files(payload: Path) -> dict[str, int]:
    return {
        path.relative_to(payload).as_posix(): path.stat().st_size
        for path in payload.rglob("*")
        if path.is_file()
    }


def check_installer(setup: Path, payload: Path, version: str, exe_suffix: str) -> list[str]:
    """Install ``setup`` per-user and for all users, verify, uninstall, verify; return failures."""
    report = Report()
    expected = payload_files(payload)
    with make_host() as host:
        local = host.env_path("LOCALAPPDATA")
        appdata = host.env_path("APPDATA")
        user_dir = local / "Programs" / "Scriba"
        cache = local / "Scriba" / "Cache"

        print("per-user install (/S /DESKTOP), then silent uninstall from the registry:")
        check_cycle(
            report,
            host,
            setup,
            expected,
            version,
            exe_suffix,
            root="HKCU",
            install_dir=user_dir,
            args=["/S", "/DESKTOP"],
            shortcuts=[
                appdata / "Microsoft/Windows/Start Menu/Programs/Scriba.lnk",
                host.env_path("USERPROFILE") / "Desktop" / "Scriba.lnk",
            ],
            cache=cache,
            remove_cache=False,
        )
        print("per-user reinstall without desktop shortcut and 'Open with', uninstall with /REMOVECACHE:")
        check_cycle(
            report,
            host,
            setup,
            expected,
            version,
            exe_suffix,
            root="HKCU",
            install_dir=user_dir,
            args=["/S", "/NOOPENWITH"],
            shortcuts=[appdata / "Microsoft/Windows/Start Menu/Programs/Scriba.lnk"],
            absent=[host.env_path("USERPROFILE") / "Desktop" / "Scriba.lnk"],
            cache=cache,
            remove_cache=True,
            open_with=False,
        )
        print("all-users install (/S /ALLUSERS), then silent uninstall:")
        check_cycle(
            report,
            host,
            setup,
            expected,
            version,
            exe_suffix,
            root="HKLM",
            install_dir=host.env_path("PROGRAMFILES") / "Scriba",
            args=["/S", "/ALLUSERS"],
            shortcuts=[host.env_path("ProgramData") / "Microsoft/Windows/Start Menu/Programs/Scriba.lnk"],
            cache=None,
            remove_cache=False,
        )
    return report.failures


def check_cycle(
    report: Report,
    host: Host,
    setup: Path,
    expected: dict[str, int],
    version: str,
    exe_suffix: str,
    *,
    root: str,
    install_dir: Path,
    args: list[str],
    shortcuts: list[Path],
    cache: Path | None,
    remove_cache: bool,
    absent: list[Path] | None = None,
    open_with: bool = True,
) -> None:
    gui_exe = f"Scriba{exe_suffix}"
    code = host.run(setup, args)
    if not report.check(code == 0, f"installer exit code 0 (got {code})"):
        return

    installed = payload_files(install_dir) if install_dir.is_dir() else {}
    missing = [name for name, size in expected.items() if installed.get(name) != size]
    where = f"{len(expected)} payload files installed with the right sizes in {install_dir}"
    report.check(not missing, where + (f"; missing or different: {missing[:5]}" if missing else ""))
    report.check((install_dir / "Uninstall Scriba.exe").is_file(), "uninstaller written")

    for lnk in shortcuts:
        if report.check(lnk.is_file(), f"shortcut {lnk.name} in {lnk.parent}"):
            target = shortcut_target(lnk)
            report.check(
                host.to_host_path(target) == install_dir / gui_exe,
                f"shortcut target is the installed {gui_exe} ({target})",
            )
    for lnk in absent or []:
        report.check(not lnk.exists(), f"no shortcut {lnk} (not asked for)")

    values = host.reg_values(root, UNINSTALL_KEY) or {}
    report.check(bool(values), f"uninstall entry {root}\\{UNINSTALL_KEY}")
    report.check(values.get("DisplayName") == "Scriba", "DisplayName = Scriba")
    report.check(values.get("DisplayVersion") == version, f"DisplayVersion = {version}")
    report.check(bool(values.get("Publisher")), "Publisher set")
    report.check(
        host.to_host_path(values.get("InstallLocation", "?")) == install_dir, "InstallLocation = install dir"
    )
    uninstall = values.get("UninstallString", "")
    quiet = values.get("QuietUninstallString", "")
    report.check(
        bool(uninstall) and host.to_host_path(split_command_line(uninstall)[0]).is_file(),
        f"UninstallString points at the uninstaller ({uninstall})",
    )
    report.check(quiet.endswith(" /S") and quiet.startswith(uninstall), f"QuietUninstallString ({quiet})")
    # Apps & Features shows this size: it should be what the folder holds (uninstaller included).
    installed_kb = sum(installed.values()) // 1024
    size = int(values.get("EstimatedSize", "0"), 0)
    report.check(
        abs(size - installed_kb) <= installed_kb * 0.05 + 64,
        f"EstimatedSize {size} KB ≈ installed {installed_kb} KB",
    )

    for suffix, progid in OPEN_WITH.items():
        progids = host.reg_values(root, rf"Software\Classes\{suffix}\OpenWithProgids") or {}
        command = (host.reg_values(root, rf"Software\Classes\{progid}\shell\open\command") or {}).get("", "")
        default = (host.reg_values(root, rf"Software\Classes\{suffix}") or {}).get("", "")
        if open_with:
            report.check(progid in progids, f"{suffix} OpenWithProgids lists {progid}")
            report.check(
                command.endswith('"%1"') and gui_exe in command, f"{progid} opens with {gui_exe} ({command})"
            )
        else:
            report.check(
                progid not in progids and not command, f"no 'Open with' entry for {suffix} (/NOOPENWITH)"
            )
        report.check(progid not in default, f"default {suffix} handler left alone")

    if cache is not None:
        # Stand-in for a user's cache: the uninstaller must keep it unless told otherwise.
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "results.sqlite3").write_bytes(b"SQLite format 3\0")

    quiet_command = quiet + (" /REMOVECACHE" if remove_cache else "")
    code = host.run_command_line(quiet_command)
    report.check(code == 0, f"uninstaller exit code 0 (got {code}) for: {quiet_command}")
    # An NSIS uninstaller copies itself to %TEMP% and returns at once; on Windows the copy is
    # still working. Its last steps are the registry and (with /REMOVECACHE) the cache.
    wait_until(
        lambda: (
            not install_dir.exists()
            and host.reg_values(root, UNINSTALL_KEY) is None
            and not (remove_cache and cache is not None and cache.parent.exists())
        )
    )
    report.check(not install_dir.exists(), f"install dir removed ({install_dir})")
    for lnk in shortcuts:
        report.check(not lnk.exists(), f"shortcut removed ({lnk.name})")
    report.check(host.reg_values(root, UNINSTALL_KEY) is None, "uninstall entry removed")
    for progid in (PROGID, IMAGE_PROGID):
        report.check(host.reg_values(root, rf"Software\Classes\{progid}") is None, f"{progid} removed")
    report.check(
        host.reg_values(root, rf"Software\Classes\Applications\{gui_exe}") is None,
        f"Applications\\{gui_exe} removed",
    )
    for suffix, progid in OPEN_WITH.items():
        report.check(
            progid not in (host.reg_values(root, rf"Software\Classes\{suffix}\OpenWithProgids") or {}),
            f"{suffix} OpenWithProgids entry removed",
        )
    if cache is not None:
        if remove_cache:
            report.check(not cache.parent.exists(), f"/REMOVECACHE deleted {cache.parent}")
        else:
            report.check((cache / "results.sqlite3").is_file(), "silent uninstall kept the user's cache")
