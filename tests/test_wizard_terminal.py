"""``objector accounts add`` on a real (pseudo-)terminal: the checklist, Enter saves, and a wizard
stopped with Ctrl-C goes on from its answers the next time."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import time

import pytest
from cli_helpers import find_objector

from assistant.config.accounts import load_accounts

pytestmark = pytest.mark.cli


class Terminal:
    """``objector accounts add`` with a pseudo-terminal as its standard input (output to a file)."""

    def __init__(self, env: dict[str, str], out) -> None:
        self.master, slave = pty.openpty()
        self.out = out
        with out.open("wb") as sink:
            self.proc = subprocess.Popen(
                [*find_objector(), "accounts", "add"], stdin=slave, stdout=sink, stderr=subprocess.STDOUT,
                env=env, cwd=env["OBJECTOR_HOME"],
            )  # fmt: skip
        os.close(slave)

    def output(self) -> str:
        return self.out.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, prompt: str, count: int = 1) -> None:
        """Until the ``count``-th ``prompt`` has been shown."""
        deadline = time.monotonic() + 60  # a loaded machine (the whole suite on two cores) is slow
        while self.output().count(prompt) < count:
            assert self.proc.poll() is None and time.monotonic() < deadline, (prompt, self.output())
            time.sleep(0.05)

    def answer(self, prompt: str, keys: str, count: int = 1) -> None:
        """Wait for the ``count``-th ``prompt`` (typed-ahead keys are thrown away), then type ``keys``."""
        self.wait_for(prompt, count)
        time.sleep(0.1)
        os.write(self.master, keys.encode())

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=30)
        finally:
            os.close(self.master)


def test_checklist_enter_saves_and_ctrl_c_resumes(cli_env, home, tmp_path):
    env = {**cli_env, "OBJECTOR_COUNTRY": "DE"}
    first = Terminal(env, tmp_path / "first.txt")
    first.answer("All your accounts at once", "1 5\n")
    first.answer("The e-mail address of that account", "\n")  # Enter alone: required
    first.answer("an answer is required", "anna@example.org\n")
    first.answer("username or profile link", "@anna.k\n")
    first.answer("Your full name", "\n")  # Enter: skipped (an answer the draft keeps)
    first.wait_for("A short name for it")  # the Enter was taken (a Ctrl-C sooner could come first)
    first.proc.send_signal(signal.SIGINT)  # the person stops here
    assert first.close() != 0
    assert "[/]" not in first.output() and "[dim]" not in first.output()
    second = Terminal(env, tmp_path / "second.txt")
    second.answer("Go on from there? [Y/n]", "\n")
    second.answer("A short name for it", "\n")  # the answers before it are not asked again
    second.answer("Country you live in", "\n")
    second.answer("Language of the objection text", "\n")
    second.answer("Numbers separated by spaces", "\n")
    second.answer("Save it? [Y/n]", "\n")  # Enter saves
    second.answer("The e-mail address of that account", "\n", count=1)  # x: the same e-mail again
    second.answer("A short name for it", "\n", count=2)
    second.answer("Country you live in", "\n", count=2)
    second.answer("Save it? [Y/n]", "\n", count=2)
    assert second.close() == 0, second.output()
    accounts = load_accounts(home / "accounts.toml")
    assert [(a.platform, a.username, a.email) for a in accounts] == [
        ("instagram", "anna.k", "anna@example.org"),
        ("x", None, "anna@example.org"),
    ]
    assert "[/]" not in second.output() and "Account 2 of 2: x" in second.output()
    assert "Your full name" not in second.output()  # skipped in the first wizard, kept as skipped
