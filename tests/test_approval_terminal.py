"""Approvals as a person gives them: on a real terminal, and with their own click in the browser.

- Keys typed while the page was still loading never answer the Send question.
- A Send clicked in the browser (after ``m``, or while the question is open) is
  recorded before anything else happens, so a kill right after it never leads to
  a second submission.
"""

from __future__ import annotations

import os
import pty
import subprocess
import time

import pytest
from cli_helpers import account_toml, find_objector, run_cli
from fault_helpers import RunningCli, at_the_review, ledger_entries, outcomes, per_host, reap, wait_until

from assistant.practice import PracticeConfig, PracticeSite

pytestmark = [pytest.mark.cli, pytest.mark.browser]

LOGGED_IN_FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.3}


def _write_accounts(home) -> None:
    (home / "accounts.toml").write_text(account_toml(language="en"), encoding="utf-8")


class Terminal:
    """``objector run`` with a pseudo-terminal as its standard input (output to a file)."""

    def __init__(self, env: dict[str, str], folder) -> None:
        self.master, slave = pty.openpty()
        self.out = folder / "stdout.txt"
        with self.out.open("wb") as out:
            self.proc = subprocess.Popen(
                [*find_objector(), "run"], stdin=slave, stdout=out, stderr=subprocess.STDOUT, env=env,
                cwd=env["OBJECTOR_HOME"],
            )  # fmt: skip
        os.close(slave)

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def output(self) -> str:
        return self.out.read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        os.close(self.master)


def test_keys_typed_before_the_question_never_approve(cli_env, home, tmp_path):
    _write_accounts(home)
    with PracticeSite(PracticeConfig(**LOGGED_IN_FAST)) as site:
        terminal = Terminal({**cli_env, "OBJECTOR_SITE_MAP": site.site_map}, tmp_path)
        try:
            terminal.type("y\n")  # "I'm logged in", typed while the browser is still starting
            wait_until(lambda: "Submit now?" in terminal.output(), 120, what="the Send question")
            assert "(no default)" in terminal.output()
            time.sleep(1.5)
            assert site.submissions == []  # the early "y" was thrown away
            terminal.type("\n")  # an empty answer asks again
            wait_until(lambda: terminal.output().count("Submit now?") == 2, 30, what="the question again")
            assert site.submissions == []
            terminal.type("y\n")  # typed after the review was shown
            assert terminal.proc.wait(timeout=120) == 0, terminal.output()
        finally:
            terminal.close()
        assert len(site.submissions) == 1


@pytest.mark.parametrize("answer", ["m\n", ""])
def test_send_clicked_in_the_browser_then_killed_is_sent_exactly_once(cli_env, home, tmp_path, answer):
    """The person clicks Send in the browser (after "m", or while the question is still open);
    objector is killed before the page answers. The next run must not send it again."""
    _write_accounts(home)
    config = PracticeConfig(**LOGGED_IN_FAST, auto_send_when_highlighted=True, submit_delay=4)
    with PracticeSite(config) as site:
        env = {**cli_env, "OBJECTOR_SITE_MAP": site.site_map}
        cli = RunningCli.start(["run"], env, tmp_path / "first")
        try:
            wait_until(lambda: at_the_review(home), 120, what="the Send question")
            if answer:
                cli.answer(answer)
            # the request reaches the server (which takes 4 s to answer): objector is killed then
            wait_until(lambda: site.state.arrivals, 30, what="the form's request at the server")
            cli.kill()
        finally:
            cli.cleanup()
        reap(cli.descendants)
        wait_until(lambda: per_host(site) == {"help.instagram.com": 1}, 30, what="the submission")
        # the click was on the ledger ("submitting"), and let go ("sent"), before the request left
        assert outcomes(home)[-2:] == ["submitting", "sent"], outcomes(home)
        submitting = [e for e in ledger_entries(home) if e["outcome"] == "submitting"]
        assert submitting[-1]["approval"] in ("m", "browser")

        resumed = run_cli(["run"], env, stdin="y\ny\n")
        assert "--again" in resumed.stdout and "Submit now?" not in resumed.stdout, resumed.stdout
        assert per_host(site) == {"help.instagram.com": 1}
