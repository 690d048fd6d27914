"""How a command that opens the browser starts, and how every command ends.

The driver starts while the command's modules load (``browser.driver_while``); neither a failing
import nor a driver that cannot start is raised there: each fails again, with its own message,
where it is first needed. At its end the command leaves its objects to the process's exit.
"""

from __future__ import annotations

import gc
import sys

import pytest

from assistant import cli
from assistant.engine import browser


@pytest.fixture
def no_driver():
    """A process with no driver started yet: Playwright refuses a second one in the same thread,
    so the test process's own is stopped first (the next test that needs one starts it again)."""
    browser.stop_driver()
    yield browser._driver
    browser.stop_driver()


@pytest.mark.browser  # starts Playwright's driver (no browser): kept out of the quick lane too
def test_the_work_runs_while_the_driver_starts(no_driver) -> None:
    done: list[str] = []
    browser.driver_while(lambda: done.append("imported"))
    assert done == ["imported"]
    assert len(no_driver) == 1
    assert browser.driver() is no_driver[0]  # started once: the command uses that one


@pytest.mark.browser
def test_a_failing_import_is_left_for_where_it_is_used(no_driver) -> None:
    def broken() -> None:
        raise ImportError("no module named 'x'")

    browser.driver_while(broken)  # nothing raised here
    assert len(no_driver) == 1


def test_a_driver_that_cannot_start_is_tried_again_where_it_is_needed(
    no_driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    import playwright.sync_api

    def cannot_start():
        raise RuntimeError("driver missing")

    monkeypatch.setattr(playwright.sync_api, "sync_playwright", cannot_start)
    browser.driver_while(lambda: None)  # nothing raised here
    assert no_driver == []
    with pytest.raises(RuntimeError, match="driver missing"):
        browser.driver()  # the same error, where the command needs the driver


def test_a_command_leaves_its_objects_to_the_process_exit(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(sys, "argv", ["objector", "flows", "--home", str(tmp_path)])
    with pytest.raises(SystemExit):
        cli.main()
    assert frozen == [True]


def test_a_refused_command_also_leaves_them(monkeypatch: pytest.MonkeyPatch, tmp_path, capsys) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    monkeypatch.setattr(sys, "argv", ["objector", "status", "--home", str(not_a_folder)])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 2 and "is not a folder" in capsys.readouterr().err
    assert frozen == [True]


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (["run", "--again"], True),
        (["demo", "--auto-login"], True),
        (["check"], True),
        (["run", "--help"], False),  # help only: no browser
        (["status"], False),
        (["flows"], False),
        ([], False),
    ],
)
def test_a_command_that_opens_the_browser_starts_its_driver_before_typer_reads_it(
    monkeypatch: pytest.MonkeyPatch, args: list[str], starts: bool
) -> None:
    """Typer loads much to read a command's options; the driver starts first, those loads overlap it."""
    order: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: None)
    monkeypatch.setattr(cli, "_start_driver", lambda: order.append("driver"))
    monkeypatch.setattr(cli, "_run_app", lambda: order.append("typer"))
    monkeypatch.setattr(sys, "argv", ["objector", *args])
    cli.main()
    assert order == (["driver", "typer"] if starts else ["typer"])


def test_every_command_that_starts_the_driver_is_known_to_start_it_early() -> None:
    import inspect

    starting = {
        name
        for name, function in vars(cli).items()
        if inspect.isfunction(function)
        and function.__module__ == cli.__name__
        and name not in ("_start_driver", "main")
        and "_start_driver()" in inspect.getsource(function)
    }
    assert starting == set(cli.BROWSER_COMMANDS)
