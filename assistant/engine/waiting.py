"""Waiting on a page: one polling loop, one test for "the browser is gone", and a Ctrl-C told
apart from a window the person closed.

Every bounded wait of the engine goes through ``poll_until``: it calls a probe
until the probe returns something other than ``None`` or the time is up, and
sleeps through Playwright (``page.wait_for_timeout``) so the browser's events
keep arriving while it waits.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from playwright.sync_api import Page

T = TypeVar("T")


def poll_until(page: Page, seconds: float, probe: Callable[[], T | None], *, every_ms: int = 100) -> T | None:
    """``probe()`` until it returns a value (not ``None``) or ``seconds`` pass; its last answer."""
    deadline = time.monotonic() + max(0.0, seconds)
    while True:
        value = probe()
        if value is not None or time.monotonic() >= deadline:
            return value
        page.wait_for_timeout(every_ms)


#: when Ctrl-C was pressed (monotonic seconds), once it has been
_ctrl_c: list[float] = []


def note_ctrl_c() -> None:
    """Make Ctrl-C raise KeyboardInterrupt as always, and remember that it was pressed.

    A terminal sends Ctrl-C to the whole process group: Playwright's driver gets it too and
    closes the browser, and the engine may see the browser gone before the interrupt reaches
    it. Remembered, that is told apart from a window the person closed. Main thread only.
    """
    import signal

    def interrupted(_signum: int, _frame: object) -> None:
        _ctrl_c.append(time.monotonic())
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupted)


def ctrl_c_pressed() -> bool:
    """Ctrl-C was pressed during this process (see ``note_ctrl_c``)."""
    return bool(_ctrl_c)


def browser_gone(exc: Exception) -> bool:
    """The window or the browser was closed (as opposed to a page that is busy navigating)."""
    text = str(exc)
    return any(
        s in text for s in ("has been closed", "Target closed", "Browser closed", "browser has disconnected")
    )
