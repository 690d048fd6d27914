"""Helpers for the fault-injection, hostile-input and invariant tests.

Everything here is test scaffolding: a running ``objector`` subprocess that the
test can answer and kill, the Chromium processes it started, loopback servers
that hang or answer slowly, an in-process run with a chosen ``Human``, and
checks over the files a run leaves in its home folder.

Only processes this test started (the ``objector`` child and its own
descendants) are ever signalled, each by its process id.
"""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cli_helpers import OUTPUT_COLUMNS, find_objector
from practice_helpers import read_record
from rich.console import Console
from shared_browser import SharedProfiles

from assistant.config.flows import load_flows
from assistant.config.settings import Settings
from assistant.people.ui import Reporter
from assistant.runner import RunRequest, Summary, execute

LOGGED_IN_FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2}
PRACTICE_PASSWORD = "practice-password"  # what the practice login page types for itself (login.js)


# --------------------------------------------------------------------- waiting
def wait_until(
    predicate: Callable[[], object], timeout: float, interval: float = 0.02, what: str = "condition"
) -> object:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


# --------------------------------------------------------------------- ledger
def ledger_entries(home: Path) -> list[dict]:
    """Ledger entries as JSON (the ledger is written atomically, so every line is whole)."""
    path = home / "ledger.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def outcomes(home: Path, account: str | None = None) -> list[str]:
    return [
        e.get("outcome")
        for e in ledger_entries(home)
        if "outcome" in e and (account is None or e.get("account") == account)
    ]


def at_the_review(home: Path) -> bool:
    """The form is shown for approval, or already sent: the ledger says "awaiting-approval", or,
    when the person clicked Send while the form was still being kept (a busy machine), straight
    "submitting"."""
    return bool({"awaiting-approval", "submitting", "sent"} & set(outcomes(home)))


def has_outcome(home: Path, outcome: str, account: str | None = None) -> bool:
    try:
        return outcome in outcomes(home, account)
    except (OSError, ValueError):
        return False


def temp_files(home: Path) -> list[Path]:
    """Temporary files of objector's atomic writes (``.name.XXXX.tmp``), outside browser profiles."""
    return [p for p in home.rglob(".*.tmp") if "profiles" not in p.relative_to(home).parts]


def per_host(site) -> Counter:
    return Counter(s.host for s in site.submissions)


# ------------------------------------------------------------------ processes
def children_of(pid: int) -> list[int]:
    """Every descendant process id of ``pid`` (Linux /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name is in parentheses and may contain spaces: split after the last ')'
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def command_name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as fh:
            return fh.read().strip()
    except OSError:
        return ""


def is_running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as fh:
            state = fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def browser_processes(pid: int) -> list[int]:
    """The Chromium processes started (through Playwright's driver) by the process ``pid``."""
    return [p for p in children_of(pid) if "chrom" in command_name(p).lower()]


def kill_pids(pids: Iterable[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def reap(pids: Iterable[int], timeout: float = 15) -> None:
    """Wait for processes we started to go; SIGKILL, by id, any that outlive ``timeout``."""
    pids = list(pids)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(is_running(p) for p in pids):
        time.sleep(0.1)
    kill_pids(p for p in pids if is_running(p))


@dataclass
class RunningCli:
    """``objector ARGS`` as a child process with its stdin kept open for answers."""

    proc: subprocess.Popen
    out: Path
    err: Path
    descendants: set[int] = field(default_factory=set)

    @classmethod
    def start(cls, args: list[str], env: dict[str, str], folder: Path) -> RunningCli:
        folder.mkdir(parents=True, exist_ok=True)
        out, err = folder / "stdout.txt", folder / "stderr.txt"
        with out.open("wb") as out_fh, err.open("wb") as err_fh:
            proc = subprocess.Popen(
                [*find_objector(), *args],
                stdin=subprocess.PIPE,
                stdout=out_fh,
                stderr=err_fh,
                env=env,
                cwd=env.get("OBJECTOR_HOME"),
            )
        return cls(proc, out, err)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def remember_children(self) -> set[int]:
        self.descendants.update(children_of(self.pid))
        return self.descendants

    def answer(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode("utf-8"))
        self.proc.stdin.flush()

    def close_stdin(self) -> None:
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            self.proc.stdin.close()

    def stdout(self) -> str:
        return self.out.read_text(encoding="utf-8", errors="replace")

    def stderr(self) -> str:
        return self.err.read_text(encoding="utf-8", errors="replace")

    def wait(self, timeout: float = 120) -> int:
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            self.close_stdin()

    def kill(self) -> None:
        """SIGKILL objector itself (its browser is left to die with its driver; see ``reap``)."""
        self.remember_children()
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.close_stdin()

    def cleanup(self) -> None:
        if self.proc.poll() is None:
            self.remember_children()
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)
        self.close_stdin()
        reap(self.descendants)


# -------------------------------------------------------------- odd servers
class HangingServer:
    """A loopback server that accepts connections, reads, and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(32)
        self.sock.settimeout(0.2)
        self.held: list[socket.socket] = []
        self.accepted = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            self.held.append(conn)

    def __enter__(self) -> HangingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self.held:
            conn.close()
        self.sock.close()


def site_map_with(site, **overrides: str) -> str:
    """The practice site's map with some live hosts sent elsewhere (keys use _ for .)."""
    targets = {host: origin for host, origin in (item.split("=", 1) for item in site.site_map.split(","))}
    for key, origin in overrides.items():
        targets[key.replace("_", ".")] = origin
    return ",".join(f"{h}={o}" for h, o in targets.items())


# ----------------------------------------------------------- in-process runs
@dataclass
class InProcess:
    summary: Summary
    output: str
    home: Path

    def records(self) -> list[dict]:
        found = []
        for path in sorted((self.home / "evidence").glob("*/*/*/record.json")):
            record = read_record(path)
            record["_folder"] = path.parent
            found.append(record)
        return found

    def record_of(self, account: str) -> dict:
        (record,) = [r for r in self.records() if r["account"] == account]
        return record


def run_inprocess(
    home: Path,
    site_map: str,
    accounts: list,
    human,
    *,
    again: bool = False,
    dry_run: bool = False,
    observer=None,
    **timeouts: float,
) -> InProcess:
    values = {
        "login_timeout": 40.0,
        "confirm_timeout": 15.0,
        "step_timeout": 8.0,
        "manual_timeout": 30.0,
        **timeouts,
    }
    settings = Settings(home=home, headless=True, site_map=site_map, **values)
    buffer = io.StringIO()
    console = Console(file=buffer, width=OUTPUT_COLUMNS, highlight=False, color_system=None)
    request = RunRequest(
        settings=settings,
        accounts=accounts,
        flows=load_flows(home / "flows"),
        again=again,
        dry_run=dry_run,
        observer=observer,
        browser=SharedProfiles(home),
    )
    summary = execute(request, human, Reporter(console))
    return InProcess(summary, buffer.getvalue(), home)


class PipedStdin(io.StringIO):
    """Piped (non-tty) standard input, as the CLI sees it when a script answers."""

    def isatty(self) -> bool:
        return False


# ------------------------------------------------------------ file contents
def files_under(home: Path, *, skip_profiles: bool = True) -> list[Path]:
    found = []
    for path in home.rglob("*"):
        if not path.is_file():
            continue
        if skip_profiles and "profiles" in path.relative_to(home).parts:
            continue
        found.append(path)
    return found


def occurrences(home: Path, secrets: Iterable[str]) -> list[tuple[str, str]]:
    """(file relative to home, secret) for every secret found in a file outside the browser profiles.

    Files are searched as raw bytes, as UTF-8, and (for MHTML archives) after undoing
    quoted-printable soft line breaks, so a secret cannot hide behind an encoding.
    """
    hits = []
    for path in files_under(home):
        raw = path.read_bytes()
        variants = [raw, raw.replace(b"=\r\n", b"").replace(b"=\n", b"")]
        for secret in secrets:
            needle = secret.encode("utf-8")
            if any(needle in v for v in variants):
                hits.append((path.relative_to(home).as_posix(), secret))
    return hits
