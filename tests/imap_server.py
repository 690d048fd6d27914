"""A real, throw-away dovecot IMAP server for the mailbox tests.

`dovecot_server` (module scope) starts dovecot through tests/imap/start_dovecot.sh
on a free port of 127.0.0.1 with implicit TLS and a self-signed certificate,
in a fresh folder under /tmp, and stops it (and removes the folder) afterwards.
Mails are delivered the way a mail transfer agent does it: written into the
user's Maildir `new/` folder, with the file's mtime as the arrival time
(dovecot reports that as INTERNALDATE).

Needs Debian's `dovecot-imapd` and `openssl`. As root (CI) dovecot's helpers
run as its own users; as any other user the script writes a user-level
configuration (every process as that user, a free loopback port). Without
dovecot, or when it cannot start for a user who is not root, the tests that use
the fixture are skipped, saying why.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from assistant.mail.client import MailSettings

SCRIPT = Path(__file__).parent / "imap" / "start_dovecot.sh"
USER = "anna@example.org"


def dovecot_binary() -> str | None:
    found = shutil.which("dovecot")
    if found:
        return found
    for candidate in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def doveadm_binary() -> str | None:
    found = shutil.which("doveadm")
    if found:
        return found
    for candidate in ("/usr/bin/doveadm", "/usr/local/bin/doveadm"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class DovecotServer:
    directory: Path
    port: int
    user: str
    password: str

    @property
    def cafile(self) -> str:
        return str(self.directory / "cert.pem")

    @property
    def config(self) -> Path:
        return self.directory / "dovecot.conf"

    @property
    def maildir(self) -> Path:
        return self.directory / "mail" / self.user

    def settings(self, **changes: object) -> MailSettings:
        values: dict[str, object] = {
            "host": "127.0.0.1",
            "port": self.port,
            "user": self.user,
            "cafile": self.cafile,
            "timeout": 5.0,
        }
        values.update(changes)
        return MailSettings(**values)  # type: ignore[arg-type]

    # -- delivery -----------------------------------------------------------

    def _ensure_maildir(self) -> None:
        owner = (self.directory / "mail").stat()
        for sub in ("", "cur", "new", "tmp"):
            path = self.maildir / sub if sub else self.maildir
            path.mkdir(mode=0o700, exist_ok=True)
            os.chown(path, owner.st_uid, owner.st_gid)

    def deliver(self, raw: bytes, arrived: datetime) -> Path:
        """Drop a message into Maildir new/ as an MTA would; `arrived` becomes INTERNALDATE."""
        self._ensure_maildir()
        owner = (self.directory / "mail").stat()
        name = f"{int(arrived.timestamp())}.M{uuid.uuid4().hex}.objector-test"
        tmp = self.maildir / "tmp" / name
        tmp.write_bytes(raw)
        os.chown(tmp, owner.st_uid, owner.st_gid)
        stamp = arrived.timestamp()
        os.utime(tmp, (stamp, stamp))
        final = self.maildir / "new" / name
        os.rename(tmp, final)
        return final

    def imap(self) -> imaplib.IMAP4_SSL:
        """A plain imaplib session as the test user (for checking server state)."""
        context = ssl.create_default_context(cafile=self.cafile)
        conn = imaplib.IMAP4_SSL("127.0.0.1", self.port, ssl_context=context, timeout=5)
        conn.login(self.user, self.password)
        return conn

    # -- lifecycle ----------------------------------------------------------

    def master_pid(self) -> int | None:
        try:
            return int((self.directory / "run" / "master.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    def stop(self) -> None:
        """Stop the dovecot this fixture started, and wait until it is gone.

        SIGTERM to the master; if it is still there 0.2 s later, SIGKILL to it and to the
        helper processes it started (each by its id). The master gives its helpers about a
        second to finish, and an ``imap-login`` still waiting for its handshake with the stats
        process (a connection that came just before the stop) holds it up for five; a throw-away
        server need not wait for either. (`doveadm stop` sends the same SIGTERM, then keeps
        polling while the exited master waits as a zombie for its reaper.)
        """
        pid = self.master_pid()
        if pid is None:
            doveadm = doveadm_binary()
            if doveadm and self.config.exists():
                subprocess.run(
                    [doveadm, "-c", str(self.config), "stop"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=30,
                    check=False,
                )
            return
        from fault_helpers import children_of, kill_pids, reap

        helpers = children_of(pid)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        if _gone(pid, within=0.2):
            return
        kill_pids([pid, *helpers])
        reap([pid, *helpers], timeout=5)


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while _alive(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie still answers signal 0; its /proc status tells.
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def start_dovecot(directory: Path, port: int | None = None) -> DovecotServer:
    """Run tests/imap/start_dovecot.sh; returns once the server accepts connections."""
    last_error = ""
    for _attempt in range(3):  # a free port can be taken between probe and bind
        chosen = port or free_port()
        proc = subprocess.run(
            ["bash", str(SCRIPT), str(directory), str(chosen), USER],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if proc.returncode == 0:
            password = (directory / "password").read_text().strip()
            return DovecotServer(directory=directory, port=chosen, user=USER, password=password)
        last_error = (proc.stderr or proc.stdout).strip()
        server = DovecotServer(directory=directory, port=chosen, user=USER, password="")
        server.stop()
        if port is not None:
            break
    raise RuntimeError(f"could not start dovecot: {last_error}")


@contextlib.contextmanager
def dovecot_instance() -> Iterator[DovecotServer]:
    """A running dovecot in a fresh folder under /tmp, stopped and removed afterwards."""
    directory = Path(tempfile.mkdtemp(prefix="objector-dovecot-"))
    try:
        try:
            server = start_dovecot(directory)
        except RuntimeError as exc:
            if os.geteuid() == 0:
                raise  # as root (CI) it must start: a failure is a finding
            pytest.skip(f"dovecot did not start as the unprivileged user {os.getuid()} ({exc})")
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def require_dovecot() -> None:
    if dovecot_binary() is None:
        pytest.skip("dovecot is not installed (Debian: apt-get install -y dovecot-imapd)")


@pytest.fixture(scope="module")
def dovecot_server() -> Iterator[DovecotServer]:
    """One dovecot for a test module."""
    require_dovecot()
    with dovecot_instance() as server:
        yield server


@pytest.fixture
def private_dovecot_server() -> Iterator[DovecotServer]:
    """A dovecot for one test: for failed logins, whose penalty (dovecot delays
    later logins from the same address by seconds) must not slow other tests."""
    require_dovecot()
    with dovecot_instance() as server:
        yield server


# ---------------------------------------------------------------------------
# Stand-in servers for failure modes a real IMAP server does not show
# ---------------------------------------------------------------------------


class _TinyTCPServer:
    """Listens on 127.0.0.1; on each connection sends `greeting` (if any) and stays silent."""

    def __init__(self, greeting: bytes | None):
        self.greeting = greeting
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._clients: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self._clients.append(client)
            if self.greeting:
                with contextlib.suppress(OSError):
                    client.sendall(self.greeting)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for client in self._clients:
            with contextlib.suppress(OSError):
                client.close()
        self.sock.close()


@contextlib.contextmanager
def plaintext_imap_server() -> Iterator[int]:
    """An 'IMAP server' without TLS (like port 143): greets in clear text."""
    server = _TinyTCPServer(b"* OK IMAP4rev1 plain-text service ready\r\n")
    try:
        yield server.port
    finally:
        server.close()


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """Accepts connections and never says anything (a black-holed service)."""
    server = _TinyTCPServer(None)
    try:
        yield server.port
    finally:
        server.close()
