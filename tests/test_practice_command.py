"""``objector practice``: the practice site on fixed ports until Ctrl-C, and the real commands on it,
each saying PRACTICE (the terminal, the record, status and doctor)."""

from __future__ import annotations

import json
import random
import signal
import socket
import subprocess
import time

import pytest
from cli_helpers import account_toml, find_objector, run_cli

from assistant.practice import PracticeSite
from assistant.proof.outcome import PRACTICE_MARK

pytestmark = pytest.mark.cli


def _free_ports(count: int) -> int:
    """A first port with ``count`` free ports from it on 127.0.0.1."""
    for _ in range(50):
        base = random.randrange(20000, 60000)
        try:
            with _HeldPorts(base, count):
                return base
        except OSError:
            continue
    raise RuntimeError("no free port range")


class _HeldPorts:
    """Binds each port of a range (a range that binds is free right now)."""

    def __init__(self, base: int, count: int) -> None:
        self.base, self.count, self.sockets = base, count, []

    def __enter__(self):
        for port in range(self.base, self.base + self.count):
            sock = socket.socket()
            self.sockets.append(sock)
            sock.bind(("127.0.0.1", port))
        return self

    def __exit__(self, *exc) -> None:
        for sock in self.sockets:
            sock.close()


def _started(env, port: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [*find_objector(), "practice", "--port", str(port), "--auto-login"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    assert proc.stdout is not None
    seen = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        seen.append(line)
        if line.startswith("export OBJECTOR_SITE_MAP="):
            return proc, line.strip().removeprefix("export OBJECTOR_SITE_MAP=").strip("'")
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError("".join(seen) + (proc.stderr.read() if proc.stderr else ""))


@pytest.mark.browser
def test_practice_serves_fixed_ports_and_run_check_doctor_say_practice(cli_env, home):
    port = _free_ports(PracticeSite.port_count())
    proc, site_map = _started(cli_env, port)
    try:
        assert (
            f"help.instagram.com=http://127.0.0.1:{port}" in site_map.split(",")[0] or str(port) in site_map
        )
        env = {**cli_env, "OBJECTOR_SITE_MAP": site_map}
        doctor = run_cli(["doctor"], env)
        line = next(x for x in doctor.stdout.splitlines() if "practice site" in x)
        assert line.startswith("✓") and PRACTICE_MARK in line and "Meta's hosts" not in doctor.stdout
        (home / "accounts.toml").write_text(account_toml(language="en"), encoding="utf-8")
        ran = run_cli(["run"], env, stdin="y\n")
        assert ran.returncode == 0, ran.stdout + ran.stderr
        assert ran.stdout.startswith(PRACTICE_MARK) and "anna-instagram · " in ran.stdout
        assert all("PRACTICE" in x for x in ran.stdout.splitlines() if x.startswith("[1/"))
        (record,) = home.glob("evidence/anna-instagram/*/*/record.json")
        assert json.loads(record.read_text())["practice"] is True
        assert "PRACTICE" in run_cli(["status"], env).stdout
        taken = run_cli(["practice", "--port", str(port)], cli_env, timeout=60)
        assert taken.returncode == 2 and "not all free" in taken.stderr and "Traceback" not in taken.stderr
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "Practice site stopped" in out
    stopped = run_cli(["doctor"], {**cli_env, "OBJECTOR_SITE_MAP": site_map})
    assert "do not answer" in stopped.stdout and "objector practice" in stopped.stdout


def test_practice_port_out_of_range_is_one_line(cli_env):
    result = run_cli(["practice", "--port", "80"], cli_env)
    assert result.returncode == 2 and result.stderr.startswith(
        "objector: practice: --port 80 must be from 1024"
    )
    assert result.stderr.count("\n") == 1


class _PtyRun:
    """``objector run`` with a pseudo-terminal as stdin, stdout and stderr (so output is a terminal)."""

    def __init__(self, env: dict[str, str], home) -> None:
        import os
        import pty
        import threading

        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [*find_objector(), "run"], stdin=slave, stdout=slave, stderr=slave, cwd=home,
            env={**env, "COLUMNS": "160"},
        )  # fmt: skip
        os.close(slave)
        self.seen = bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        import os

        while True:
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                return
            if not chunk:
                return
            self.seen.extend(chunk)

    def text(self) -> str:
        return self.seen.decode("utf-8", "replace")

    def wait_for(self, words: str, seconds: float = 90) -> str:
        deadline = time.monotonic() + seconds
        while words not in self.text() and time.monotonic() < deadline and self.proc.poll() is None:
            time.sleep(0.2)
        assert words in self.text(), self.text()[-2000:]
        return self.text()

    def type(self, keys: str) -> None:
        import os

        os.write(self.master, keys.encode())

    def stop(self) -> int:
        import os

        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=60)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self.reader.join(timeout=5)
            os.close(self.master)


@pytest.mark.browser
def test_the_login_wait_counts_on_a_terminal(cli_env, home):
    """On a terminal the login wait is one line rewritten in place: elapsed and allowed time, what to
    do, and that Ctrl-C is safe; Ctrl-C then stops the run without a traceback."""
    from assistant.practice import PracticeConfig

    (home / "accounts.toml").write_text(account_toml(language="en"), encoding="utf-8")
    with PracticeSite(PracticeConfig()) as site:  # nobody logs in
        run = _PtyRun({**cli_env, "OBJECTOR_SITE_MAP": site.site_map}, home)
        text = run.wait_for(
            "0:02 of 1:00 · log in in the browser window · Ctrl-C stops safely (nothing is sent)"
        )
        assert "\r\x1b[K" in text  # rewritten in place, not a line a second
        assert run.stop() != 0
    assert "Traceback" not in run.text()


@pytest.mark.browser
def test_the_wait_for_the_persons_own_click_counts_on_a_terminal(cli_env, home):
    from assistant.practice import PracticeConfig

    (home / "accounts.toml").write_text(account_toml(language="en"), encoding="utf-8")
    config = PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0.3)
    with PracticeSite(config) as site:
        run = _PtyRun({**cli_env, "OBJECTOR_SITE_MAP": site.site_map, "OBJECTOR_MANUAL_TIMEOUT": "300"}, home)
        run.wait_for("Submit now?")
        time.sleep(0.3)
        run.type("m\n")
        run.wait_for("0:01 of 5:00 · click Send in the browser window · Ctrl-C stops safely")
        assert run.stop() != 0
        assert site.submissions == []
    assert "Traceback" not in run.text()


@pytest.mark.browser
def test_a_slow_answer_to_send_counts_on_a_terminal_after_five_seconds(cli_env, home):
    """A page that takes its time to answer Send: after about five seconds the wait gets the same
    clock (elapsed and limit, what objector waits for, that Ctrl-C is safe), then the answer is kept."""
    from assistant.practice import PracticeConfig

    (home / "accounts.toml").write_text(account_toml(language="en"), encoding="utf-8")
    config = PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0.3, submit_delay=7)
    with PracticeSite(config) as site:
        run = _PtyRun({**cli_env, "OBJECTOR_SITE_MAP": site.site_map}, home)
        run.wait_for("Submit now?")
        time.sleep(0.3)
        run.type("y\n")
        text = run.wait_for("of 0:20 · waiting for the page's answer to Send · Ctrl-C stops safely")
        assert "0:04 of 0:20" not in text  # no clock for the first five seconds
        run.wait_for("Summary: 1 confirmed", seconds=60)
        assert run.proc.wait(timeout=30) == 0
        run.stop()
    assert len(site.confirmed) == 1

