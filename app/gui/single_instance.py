"""One Scriba per user session: a second launch hands its files to the running window.

Explorer's "Open with Scriba" starts ``scriba file.pdf`` for every double-clicked PDF. Without
this, each would open a window with its own workers, all competing for the same cores. The first
launch listens on a local socket (a named pipe on Windows) whose name is private to the user and
session; a later launch connects, sends its files as one line of JSON, waits for ``ok`` and exits.

Races, all decided under a lock file (``QLockFile``, which takes over a lock left by a crashed
process): two launches at the same moment (the one that gets the lock first listens, the other
then finds it); a socket left behind by a crashed first instance (nobody answers on it: it is
removed and taken over); a first instance that is busy (the connection is made but the answer
is late: the files are already in the socket's buffer, so the second launch still exits); a
first instance that is closing (it hangs up without ``ok``: the second launch becomes the first).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, QDir, QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_MS = 500
ANSWER_MS = 5_000
LOCK_MS = 10_000


def server_name() -> str:
    """The socket's name: per user, per login session, and per cache folder (tests and portable
    installs that use another cache are other Scribas)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name known to the OS (a container's uid)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    session = os.environ.get("XDG_SESSION_ID") or os.environ.get("SESSIONNAME") or ""
    if sys.platform == "win32":
        import ctypes

        sid = ctypes.c_ulong(0)
        if ctypes.windll.kernel32.ProcessIdToSessionId(os.getpid(), ctypes.byref(sid)):
            session = str(sid.value)
    cache = os.environ.get("SCRIBA_CACHE_DIR", "")
    digest = hashlib.sha256(f"{user}\0{session}\0{cache}".encode()).hexdigest()[:16]
    folder = _private_folder()
    # A bare name would be a socket in the shared /tmp, where another local user could make it
    # first and swallow this user's files: on POSIX it lives in a folder only the user can enter.
    return str(folder / f"scriba-{digest}") if folder is not None else f"scriba-{digest}"


def _private_folder() -> Path | None:
    """The user's runtime folder (``XDG_RUNTIME_DIR``), else a 0700 folder of the user's own in
    the temp folder; None on Windows (a named pipe, made for the user only) or when neither is
    safe (the launch then uses a bare name, as Windows does)."""
    if sys.platform == "win32":
        return None
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    candidates = [Path(runtime)] if runtime else []
    candidates.append(Path(tempfile.gettempdir()) / f"scriba-{os.getuid()}")
    for folder in candidates:
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            status = folder.stat()
        except OSError:
            continue
        if status.st_uid == os.getuid() and not status.st_mode & 0o077:
            return folder
    return None


class InstanceServer(QObject):
    """The first instance's end: receives the files later launches hand over."""

    #: ``list[Path]``: files (and folders) a later launch was given.
    filesReceived = Signal(list)

    def __init__(self, server: QLocalServer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = server
        server.setParent(self)
        self._accepting = True
        server.newConnection.connect(self._on_connection)

    @property
    def name(self) -> str:
        return self._server.serverName()

    def stop_accepting(self) -> None:
        """Hang up on later launches (without ``ok``) so they start their own window."""
        self._accepting = False
        self._server.close()

    @Slot()
    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket, buffer)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer.extend(bytes(socket.readAll().data()))
        if b"\n" not in buffer:
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        try:
            files = [Path(str(f)) for f in json.loads(line.decode("utf-8"))["files"]]
        except (ValueError, KeyError, TypeError):
            log.warning("single instance: ignored a message that is not a hand-over")
            socket.disconnectFromServer()
            return
        if not self._accepting:
            socket.disconnectFromServer()
            return
        socket.write(QByteArray(f"ok {os.getpid()}\n".encode()))
        socket.flush()
        socket.disconnectFromServer()
        log.info("single instance: %d file(s) handed over to process %d", len(files), os.getpid())
        self.filesReceived.emit(files)


def claim(
    files: list[Path], *, name: str | None = None, answer_ms: int = ANSWER_MS
) -> tuple[bool, InstanceServer | None]:
    """Hand ``files`` to the running Scriba, or become it.

    Returns:
        ``(handed, server)``: ``handed`` means exit now; else ``server`` is the server to keep
        (``None`` when no socket could be made: the launch goes on as a window of its own, since
        a second window is better than none).
    """
    name = name or server_name()
    lock = QLockFile(f"{name}.lock" if os.path.isabs(name) else QDir.temp().filePath(f"{name}.lock"))
    lock.setStaleLockTime(LOCK_MS * 3)
    if not lock.tryLock(LOCK_MS):
        log.warning("single instance: could not take %s; opening a window anyway", lock.fileName())
        return False, None
    try:
        for _attempt in range(3):
            if _hand_over(name, files, answer_ms):
                return True, None
            server = _listen(name)
            if server is not None:
                return False, server
        return False, None
    finally:
        lock.unlock()


def _hand_over(name: str, files: list[Path], answer_ms: int) -> bool:
    """Send ``files`` to a running Scriba; False when there is none (or it is closing)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    message = json.dumps({"files": [str(Path(f).absolute()) for f in files]}) + "\n"
    socket.write(QByteArray(message.encode("utf-8")))
    socket.waitForBytesWritten(CONNECT_MS)
    answer = bytearray()
    while b"\n" not in answer:
        if socket.bytesAvailable() or socket.waitForReadyRead(answer_ms):
            answer.extend(bytes(socket.readAll().data()))
            continue
        if socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            # Busy (a modal dialog, a long slot): the files wait in the socket for it.
            log.info("single instance: the running window is busy; it will read the files when free")
            return True
        answer.extend(bytes(socket.readAll().data()))
        break
    if not answer.startswith(b"ok"):
        return False  # it hung up: closing
    _let_it_come_forward(bytes(answer))
    log.info("single instance: process %d handed %d file(s) to the running window", os.getpid(), len(files))
    return True


def _listen(name: str) -> InstanceServer | None:
    server = QLocalServer()
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    if server.listen(name):
        log.info("single instance: process %d listening on %s", os.getpid(), server.fullServerName())
        return InstanceServer(server)
    if server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
        # Nobody answered on it (we just tried, under the lock): left by a crashed Scriba.
        QLocalServer.removeServer(name)
        if server.listen(name):
            log.info("single instance: took over a stale socket, listening on %s", server.fullServerName())
            return InstanceServer(server)
    log.warning("single instance: cannot listen on %s: %s", name, server.errorString())
    return None


def _let_it_come_forward(answer: bytes) -> None:
    """Windows lets only the foreground process raise a window: allow the running one to."""
    if sys.platform != "win32":
        return
    import ctypes

    try:
        pid = int(answer.split()[1])
    except (IndexError, ValueError):
        return
    ctypes.windll.user32.AllowSetForegroundWindow(pid)
