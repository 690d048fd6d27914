"""A newcomer's first hour: the README's commands, commands printed as they work, no dead end
without a browser, status and doctor that say where things are."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import find_objector, run_cli
from conftest import ROOT
from rich.console import Console

from assistant import browser_setup
from assistant.commands import objector_command, with_home
from assistant.config.hosts import SiteMap
from assistant.config.settings import Settings
from assistant.doctor import _reachability
from assistant.errors import UserError
from assistant.people.addresses import shown_address
from assistant.people.human import TerminalHuman

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 3)
    return README[start : end if end != -1 else None]


def _shell_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, flags=re.S)]


def _ci_commands() -> list[str]:
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith(("#", "set ", "cd "))]


# ------------------------------------------------------------------ README


def test_readme_first_command_runs_the_demo_and_the_test_command_is_what_ci_runs():
    demo, tests = _shell_blocks(_section("The two commands"))
    assert demo == "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/objector demo"
    # .ci/run runs exactly the README's test command, then (as root) the same tests once more as an
    # unprivileged user; CI fails when either pass fails
    assert _ci_commands() == [
        "status=0",
        f"{tests} || status=$?",
        'if [ "$(id -u)" = 0 ]; then',
        ".ci/unprivileged || status=$?",
        "fi",
        "exit $status",
    ], ".ci/run must run exactly the README's test command (and the unprivileged pass)"
    unprivileged = ROOT / ".ci" / "unprivileged"
    assert os.access(unprivileged, os.X_OK) and "pytest" in unprivileged.read_text()
    script = ROOT / tests.split()[0]
    assert script.is_file() and os.access(script, os.X_OK)
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0


def test_test_script_installs_what_the_tests_need_and_passes_arguments_to_pytest():
    script = (ROOT / "scripts" / "test").read_text()
    for package in ("chromium", "xvfb", "xauth", "dovecot-imapd", "openssl", "fonts-dejavu-core"):
        assert package in script
    assert "python -m playwright install chromium" in script
    assert '.venv/bin/python -m pytest "$@"' in script
    assert ".venv/bin/mypy" in script  # the type check is part of the test command
    assert "not installed:" in script  # the line for what it cannot install


def test_test_script_looks_for_a_browser_with_code_that_imports():
    """The script asks objector's own discovery for a browser before it fetches one; a snippet
    that no longer imports (a module moved) would read as "no browser" on every machine."""
    script = (ROOT / "scripts" / "test").read_text()
    (snippet,) = re.findall(r"\.venv/bin/python -c '(.*?)' >/dev/null", script, flags=re.S)
    imports = [line for line in snippet.splitlines() if line.startswith("from ")]
    assert imports and "discover" in snippet
    checked = subprocess.run([sys.executable, "-c", "\n".join(imports)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_readme_puts_objector_on_the_path_and_later_examples_use_it():
    steps = _shell_blocks(_section("Install the `objector` command"))
    assert steps == ["pipx install .", "uv tool install .", ". .venv/bin/activate"]
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["objector"].startswith("assistant.")  # the command pipx and uv put on the PATH
    later = README[README.index("## Install the `objector` command") :]
    assert ".venv/bin/objector" not in later


def test_an_installed_copy_holds_every_package_of_the_source():
    """`pipx install .` builds a wheel from pyproject.toml's package list: a sub-package left out
    of it works in the editable install the tests use and is missing for a person who installed."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "assistant").rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_every_objector_command_in_the_readme_exists():
    import typer

    from assistant.cli import app

    group = typer.main.get_command(app)
    named = set(re.findall(r"`objector ([a-z][a-z-]*)", README))
    assert {"run", "status", "accounts", "text", "verify", "report", "doctor"} <= named
    assert named <= set(group.commands), named - set(group.commands)


def test_readme_accounts_example_is_a_valid_accounts_file(tmp_path):
    from assistant.config.accounts import load_accounts

    (example,) = re.findall(r"```toml\n(.*?)```", README, flags=re.S)
    path = tmp_path / "accounts.toml"
    path.write_text("\n".join(line.strip() for line in example.splitlines()))
    (account,) = load_accounts(path)
    assert (account.username, account.full_name) == ("anna.k", "Anna Kowalska")


def test_no_test_or_bench_hard_codes_a_browser_path():
    for folder in ("tests", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == Path(__file__).name or "results" in path.parts:
                continue
            assert "/usr/bin/chromium" not in path.read_text(), path


@pytest.mark.skipif(
    os.environ.get("OBJECTOR_FRESH_CLONE") != "1",
    reason="slow (a clone, a venv and an install): set OBJECTOR_FRESH_CLONE=1",
)
def test_fresh_clone_followed_literally_from_the_readme(tmp_path):
    """Clone, run the README's first command (headless, answers piped), then its install step."""
    clone = tmp_path / "objector"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OBJECTOR_", "VIRTUAL_ENV"))}
    env.update(OBJECTOR_HEADLESS="1", NO_COLOR="1", HOME=str(tmp_path), TMPDIR=str(tmp_path))
    demo, _tests = _shell_blocks(_section("The two commands"))
    proof = tmp_path / "proof"
    done = subprocess.run(
        f"{demo} --auto-login --home {proof}", shell=True, cwd=clone, env=env, input="y\ny\n",
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    steps = _shell_blocks(_section("Install the `objector` command"))
    usable = [s for s in steps if shutil.which(s.split()[0]) or s.startswith(". ")]
    status = subprocess.run(
        f"{usable[0]} && objector status --home {proof}", shell=True, executable="/bin/bash",
        cwd=clone, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert status.returncode == 0, status.stderr
    assert "· PRACTICE" in status.stdout


# ------------------------------------------------------------------ commands as printed


def test_objector_command_is_a_command_that_works_as_printed(tmp_path):
    script = tmp_path / "venv" / "bin" / "objector"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    assert objector_command(str(script), which=lambda _name: str(script)) == "objector"
    assert objector_command(str(script), which=lambda _name: None) == str(script)
    elsewhere = tmp_path / "other" / "objector"
    assert objector_command(str(script), which=lambda _name: str(elsewhere)) == str(script)
    assert objector_command("/x/assistant/cli.py").endswith(" -m assistant.cli")
    assert with_home("objector status", tmp_path, tmp_path) == "objector status"
    assert (
        with_home("objector status", tmp_path / "a b", tmp_path) == f"objector status --home '{tmp_path}/a b'"
    )


@pytest.mark.cli
def test_hints_name_objector_by_its_full_path_when_it_is_not_on_the_path(cli_env, home):
    objector = find_objector()[0]
    if Path(objector).name != "objector":
        pytest.skip("objector is not installed as a script here")
    result = run_cli(["status"], {**cli_env, "PATH": "/usr/bin:/bin"})
    assert f"Add one with: {objector} accounts add" in result.stdout
    on_path = run_cli(["status"], {**cli_env, "PATH": f"{Path(objector).parent}:/usr/bin:/bin"})
    assert "Add one with: objector accounts add" in on_path.stdout


@pytest.mark.cli
def test_status_shows_the_home_and_a_hint_when_there_are_no_accounts(cli_env, home):
    result = run_cli(["status"], cli_env)
    assert result.returncode == 0
    assert result.stdout.startswith(f"home: {home}\n")
    assert "No accounts yet" in result.stdout and "accounts add" in result.stdout
    assert "Objections" not in result.stdout  # no empty table


@pytest.mark.cli
def test_demo_help_tells_the_truth_about_home(cli_env):
    result = run_cli(["demo", "--help"], {**cli_env, "COLUMNS": "200"})
    assert "a temporary folder, deleted when the demo ends" in " ".join(result.stdout.split())
    assert "OBJECTOR_HOME" not in result.stdout


def test_step_lines_show_the_live_address_and_the_practice_copy():
    sites = SiteMap.parse("www.instagram.com=http://127.0.0.1:4000,help.instagram.com=http://127.0.0.1:4001")
    login = "http://127.0.0.1:4000/accounts/login/?next=http%3A%2F%2F127.0.0.1%3A4001%2Fcontact%2F1"
    assert shown_address(sites, login) == "www.instagram.com/accounts/login/ (practice copy: 127.0.0.1:4000)"
    live = SiteMap.parse("")
    assert (
        shown_address(live, "https://help.instagram.com/contact/1?lang=de")
        == "help.instagram.com/contact/1?lang=de"
    )
    assert shown_address(live, "https://www.instagram.com/accounts/login/?next=https%3A%2F%2Fx") == (
        "www.instagram.com/accounts/login/"
    )


# ------------------------------------------------------------------ no browser


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _console() -> Console:
    return Console(file=io.StringIO(), width=200, color_system=None)


@pytest.fixture
def no_browser(monkeypatch):
    """Discovery that finds nothing, as on a fresh laptop; flips to found once 'installed'."""
    state = {"installed": False}
    monkeypatch.setattr(
        browser_setup, "find_browser", lambda _requested: "Chromium" if state["installed"] else None
    )
    return state


def test_no_browser_in_a_terminal_offers_playwrights_chromium_then_goes_on(no_browser):
    calls = []

    def installer(command, check):
        calls.append(command)
        no_browser["installed"] = True
        return subprocess.CompletedProcess(command, 0)

    console = _console()
    human = TerminalHuman(console, _Terminal("y\n"))
    browser_setup.ensure_browser(Settings(), human, console, run=installer)
    assert calls == [[sys.executable, "-m", "playwright", "install", "chromium"]]
    assert "Chromium is ready" in console.file.getvalue()


def test_a_failed_install_names_the_three_ways_out(no_browser):
    console = _console()
    human = TerminalHuman(console, _Terminal("y\n"))
    failed = lambda command, check: subprocess.CompletedProcess(command, 1)  # noqa: E731 - offline
    with pytest.raises(UserError) as err:
        browser_setup.ensure_browser(Settings(), human, console, run=failed)
    message = str(err.value)
    assert "\n" not in message
    assert "Google Chrome or Microsoft Edge" in message and "Chromium package" in message
    assert "OBJECTOR_BROWSER=/path" in message


@pytest.mark.cli
@pytest.mark.parametrize("command", [["demo"], ["run"], ["check"]])
def test_no_browser_piped_says_how(cli_env, home, tmp_path, command):
    from cli_helpers import account_toml

    (home / "accounts.toml").write_text(account_toml())
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**cli_env, "PATH": str(empty), "PLAYWRIGHT_BROWSERS_PATH": str(empty), "HOME": str(tmp_path)}
    result = run_cli(command, env, stdin="")
    if Path("/opt/google/chrome/chrome").exists() or Path("/opt/microsoft/msedge/msedge").exists():
        pytest.skip("Chrome or Edge is installed here: discovery always finds a browser")
    assert result.returncode == 2, result.stdout + result.stderr
    how = r"objector: No browser found\. Run '\S*python\S* -m playwright install chromium'"
    assert re.match(how, result.stderr), result.stderr
    assert "OBJECTOR_BROWSER=/path" in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.cli
def test_a_wrong_objector_browser_is_the_persons_own_setting(cli_env, tmp_path):
    env = {**cli_env, "OBJECTOR_BROWSER": str(tmp_path / "nowhere" / "chrome")}
    result = run_cli(["demo"], env, stdin="")
    assert result.returncode == 2
    assert "OBJECTOR_BROWSER=" in result.stderr and "not a browser channel" in result.stderr


def test_doctor_reports_unreachable_hosts_as_a_warning_quickly():
    import time

    started = time.monotonic()
    finding = _reachability(("127.0.0.1",), timeout=1.0)  # nothing listens on 443 here
    assert time.monotonic() - started < 3
    assert not finding.ok and finding.warning and finding.detail.startswith("cannot reach 127.0.0.1")
