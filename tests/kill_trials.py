"""One trial of "the person clicks Send in the browser, and objector is stopped a moment later".

The practice stand-in for the person clicks the outlined Send button about 0.7 s after objector
outlines it (``auto_send_when_highlighted``); the trial stops objector with a signal ``delay``
seconds after the ledger said ``awaiting-approval`` (drawn around the click), then runs a plain
``objector run`` with "y" typed ahead for every question. The practice server counts what it got:
never more than one submission, whatever the moment of the stop.

Used by ``tests/test_send_gate.py`` (a few trials) and ``bench/kill_after_click.py`` (many).
"""

from __future__ import annotations

import signal
import time
from dataclasses import dataclass
from pathlib import Path

from cli_helpers import account_toml, run_cli
from fault_helpers import RunningCli, at_the_review, outcomes, reap, wait_until

from assistant.practice import PracticeConfig, PracticeSite

FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2, "cookie_dialog": False}
SIGNALS = {"KILL": signal.SIGKILL, "INT": signal.SIGINT, "HUP": signal.SIGHUP, "TERM": signal.SIGTERM}


@dataclass
class Trial:
    signal: str
    delay: float
    at_stop: list[str]  # the ledger's outcomes when objector was stopped
    after_stop: int  # submissions the server had once objector was gone
    total: int  # submissions after the plain run that followed
    resumed_asked_submit: bool
    resumed_output: str

    @property
    def duplicate(self) -> bool:
        return self.total > 1


def kill_after_click(home: Path, env: dict[str, str], folder: Path, signal_name: str, delay: float) -> Trial:
    (home / "accounts.toml").write_text(account_toml(language="en"), encoding="utf-8")
    with PracticeSite(PracticeConfig(**FAST, auto_send_when_highlighted=True)) as site:
        env = {**env, "OBJECTOR_SITE_MAP": site.site_map}
        cli = RunningCli.start(["run"], env, folder)
        try:
            wait_until(lambda: at_the_review(home), 120, what="the Send question")
            time.sleep(delay)
            cli.remember_children()
            cli.proc.send_signal(SIGNALS[signal_name])
            cli.proc.wait(timeout=60)
        finally:
            cli.cleanup()
        reap(cli.descendants)
        at_stop = outcomes(home)
        time.sleep(0.3)  # a request let go just before the stop reaches the server now or never
        after_stop = len(site.submissions)
        site.config = PracticeConfig(**FAST)  # from here nobody clicks in the browser on their own
        resumed = run_cli(["run"], env, stdin="y\ny\ny\n")
        return Trial(
            signal_name,
            delay,
            at_stop,
            after_stop,
            len(site.submissions),
            "Submit now?" in resumed.stdout,
            resumed.stdout,
        )
