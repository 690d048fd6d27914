"""One browser per test process for the in-process runs.

A real run opens each account's persistent profile in a browser of its own; starting Chromium
on a fresh profile costs about twice the CPU of a new context in a browser already running, and
the integration tests run a few hundred flows on a 2-core machine. Tests that are about flows,
pages and proof (not about profiles) hand the runner a :class:`SharedProfiles` session instead:
every account gets a fresh context of this process's one browser, with the same window size a
headless profile has. What the context holds (cookies, local storage) is kept in the account's
profile folder when it closes and loaded again when the account opens next, so a second run in
the same home finds the person logged in, as it would with a real profile.

Tests about profiles themselves (a profile in use, a killed browser, the folders a run leaves)
run through the ``objector`` command or leave ``browser`` unset, and get the real thing.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Playwright

from assistant.engine.browser import BrowserChoice, BrowserSession, discover, driver, launch_args, profile_dir
from assistant.storage import private_dir

#: What a context holds when its account closes, in the account's profile folder.
STATE_FILE = "test-storage-state.json"
#: The window of a headless profile (``browser.open_profile``).
VIEWPORT = {"width": 1280, "height": 900}

_browser: list[tuple[Playwright, Browser]] = []  # the driver that started it, and the browser


@cache
def browser_choice() -> BrowserChoice:
    return discover(os.environ.get("OBJECTOR_BROWSER"), driver())


def shared_browser() -> Browser:
    """This process's browser, started when first needed, and again if it ended or its driver was
    stopped (a test of objector's own clean-up stops the process's driver)."""
    playwright = driver()
    if not _browser or _browser[0][0] is not playwright or not _browser[0][1].is_connected():
        options = dict(browser_choice().launch_options())
        _browser[:] = [(playwright, playwright.chromium.launch(headless=True, args=launch_args(), **options))]
    return _browser[0][1]


class SharedProfiles(BrowserSession):
    """A browser session whose profiles are contexts of :func:`shared_browser`."""

    def __init__(self, home: Path):
        super().__init__(driver(), browser_choice(), home, headless=True)
        self._states: dict[BrowserContext, Path] = {}

    def open(self, account: str, *, timeout: float | None = None) -> BrowserContext:
        state = private_dir(profile_dir(self.home, account)) / STATE_FILE
        context = shared_browser().new_context(
            viewport=VIEWPORT, storage_state=str(state) if state.is_file() else None
        )
        if timeout is not None:
            context.set_default_timeout(timeout * 1000)
        self._states[context] = state
        self._open.append(context)
        return context

    def close(self, context: BrowserContext | None) -> None:
        if context is None:
            return
        state = self._states.pop(context, None)
        if state is not None:
            try:
                context.storage_state(path=str(state))
            except Exception:  # noqa: BLE001 - a context a test closed keeps nothing, as a closed window
                pass
        super().close(context)
