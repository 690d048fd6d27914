"""Shared fixtures: a private home folder, the environment for subprocess runs,
and helpers to write accounts files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import OUTPUT_COLUMNS
from imap_server import dovecot_server, private_dovecot_server  # noqa: F401 - shared fixtures
from practice_helpers import RunsSeen

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
        COLUMNS=str(OUTPUT_COLUMNS),
        OBJECTOR_UI_LANGUAGE="en",
    )
    return env


@pytest.fixture
def runs() -> RunsSeen:
    return RunsSeen()


@pytest.fixture(scope="module")
def browser(browser_launch: dict[str, object]):
    """This test process's one headless browser (``shared_browser.py``), started with objector's
    own launch switches, for tests that open contexts or pages of their own; a test closes what
    it opens, never the browser. Starting one costs 0.6-0.75 CPU-s here (a short flow about 1),
    and a module's tests are spread over the workers, so the modules share one per worker
    instead of each starting its own in each worker."""
    from shared_browser import shared_browser

    return shared_browser()


@pytest.fixture(scope="session")
def browser_launch() -> dict[str, object]:
    """Launch options for the browser objector's own discovery picks (never a hard-coded path).

    Skips the test, saying how to get a browser, when discovery finds none.
    """
    from shared_browser import browser_choice

    from assistant.errors import UserError

    try:
        return browser_choice().launch_options()
    except UserError as exc:
        pytest.skip(str(exc))


# --------------------------------------------------------------------- parallel runs (pytest-xdist)
#: Variables describing the terminal pytest runs in. They must not reach the code under test:
#: pytest-xdist's workers start with COLUMNS=80 and LINES=24 (a plain run has neither), and the
#: objector commands the tests start then wrap their output at 80 columns instead of 140, which
#: splits words such as an account name in a table cell or "not confirmed" in a message.
RUNNER_TERMINAL_VARIABLES = ("COLUMNS", "LINES")


def pytest_configure(config: pytest.Config) -> None:
    for name in RUNNER_TERMINAL_VARIABLES:
        os.environ.pop(name, None)
    _hypothesis_examples()


def _hypothesis_examples() -> None:
    """Hypothesis keeps the examples that failed in ``.hypothesis/`` to try them first next time;
    where the clone cannot be written (CI's unprivileged pass reads root's clone) it keeps them in
    memory for the run, without warning about it in every test that draws examples."""
    from hypothesis import settings
    from hypothesis.database import InMemoryExampleDatabase

    if not os.access(ROOT, os.W_OK):
        settings.register_profile("read-only-clone", database=InMemoryExampleDatabase())
        settings.load_profile("read-only-clone")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """Workers for ``-n auto``: three more than the CPUs.

    A browser test spends a good part of its time waiting (the practice login page typing
    for the person, a page settling, a subprocess starting, a timeout a test is about), so
    extra workers keep the CPUs busy. On 2 cores, back to back on the same commit: 4 workers
    left the CPUs idle 63 CPU-s of the run and took 246 s, 5 workers 24 CPU-s and 236 s
    (earlier: 3 workers left 15 % idle against 8 % with 4). PYTEST_XDIST_AUTO_NUM_WORKERS
    still decides when set.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cpus + 3
