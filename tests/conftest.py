"""Shared fixtures: a private home folder, the environment for subprocess runs,
and helpers to write accounts files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from imap_server import dovecot_server, private_dovecot_server  # noqa: F401 - shared fixtures

from assistant.engine import RunObserver

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir(mode=0o700)
    return path


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """The process environment without any OBJECTOR_* setting, run from an empty folder."""
    for key in list(os.environ):
        if key.startswith("OBJECTOR_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    return dict(os.environ)


@pytest.fixture
def cli_env(home: Path, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OBJECTOR_")}
    env.update(
        OBJECTOR_HOME=str(home),
        OBJECTOR_HEADLESS="1",
        NO_COLOR="1",
        OBJECTOR_LOGIN_TIMEOUT="60",
        OBJECTOR_CONFIRM_TIMEOUT="20",
    )
    return env


class RunsSeen(RunObserver, list):
    """An observer that keeps every FlowRun of a test (pass it as ``observer=``), so the test
    can act in the page as the person would."""

    def started(self, run) -> None:
        self.append(run)


@pytest.fixture
def runs() -> RunsSeen:
    return RunsSeen()


@pytest.fixture(scope="session")
def browser_launch() -> dict[str, object]:
    """Launch options for the browser objector's own discovery picks (never a hard-coded path).

    Skips the test, saying how to get a browser, when discovery finds none.
    """
    from playwright.sync_api import sync_playwright

    from assistant.browser import discover
    from assistant.errors import UserError

    with sync_playwright() as p:
        try:
            choice = discover(os.environ.get("OBJECTOR_BROWSER"), p)
        except UserError as exc:
            pytest.skip(str(exc))
    return choice.launch_options()
