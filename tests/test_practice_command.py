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


@pytest.mark.browser
def test_the_login_wait_counts_on_a_terminal(cli_env, home):
    """On a terminal the login wait is one line rewritten in place: elapsed and allowed time, what to
    do, and that Ctrl-C is safe; Ctrl-C then stops the run without a traceback."""
    import os
    import pty
    import threading

    from assistant.practice import PracticeConfig

    (home / "accounts.toml").write_text(account_toml(language="en"), encoding="utf-8")
    with PracticeSite(PracticeConfig()) as site:  # nobody logs in
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [*find_objector(), "run"], stdin=slave, stdout=slave, stderr=slave, cwd=home,
            env={**cli_env, "OBJECTOR_SITE_MAP": site.site_map, "COLUMNS": "160"},
        )  # fmt: skip
        os.close(slave)
        seen = bytearray()

        def read() -> None:
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    return
                if not chunk:
                    return
                seen.extend(chunk)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            deadline = time.monotonic() + 90
            while b"0:02 of 1:00" not in seen and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.2)
            text = seen.decode("utf-8", "replace")
            assert "0:02 of 1:00 · log in in the browser window · Ctrl-C stops safely" in text, text[-2000:]
            assert "\r\x1b[K" in text  # rewritten in place, not a line a second
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=60) != 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            reader.join(timeout=5)
            os.close(master)
    assert "Traceback" not in seen.decode("utf-8", "replace")
