"""Waiting on a page: one polling loop, waits on the document's own changes, one test for "the
browser is gone", and a Ctrl-C told apart from a window the person closed.

Every bounded wait of the engine goes through ``poll_until``: it calls a probe
until the probe returns something other than ``None`` or the time is up, and
sleeps through Playwright (``page.wait_for_timeout``) so the browser's events
keep arriving while it waits. Where what matters is whether the page is still
drawing, the page itself is asked, in one round trip: ``until_still`` returns
once the document has stopped changing, ``until_changed`` as soon as it changes.
Both count only changes to the document (elements, text, attributes), which is
how a page shows anything new.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .page_scripts import CHANGED_JS, QUIET_JS, WATCH_JS

if TYPE_CHECKING:
    from playwright.sync_api import ElementHandle, Page

T = TypeVar("T")

#: A document that has not changed for this long has finished drawing, for now: a page draws what
#: an event (a click, typing, an answer from its server) changes within a few frames (React renders
#: the state an event set before the event ends, and what its effects set in the next frames).
#: Six frames at 60 Hz.
QUIET_MS = 100
PAUSE_MS = 100  # a pause before asking again a page that could not answer (it was navigating)
ANSWER_MS = 2000  # how long a page may take to have a document to ask


def poll_until(page: Page, seconds: float, probe: Callable[[], T | None], *, every_ms: int = 100) -> T | None:
    """``probe()`` until it returns a value (not ``None``) or ``seconds`` pass; its last answer."""
    deadline = time.monotonic() + max(0.0, seconds)
    while True:
        value = probe()
        if value is not None or time.monotonic() >= deadline:
            return value
        page.wait_for_timeout(every_ms)


#: each open page's document root, kept between questions (one round trip per question, not three)
_ROOTS: dict[Page, ElementHandle | None] = {}  # None: its document went away


def in_document(
    page: Page, script: str, arg: Any = None, *, wait_ms: int = ANSWER_MS, again: bool = True
) -> Any:
    """Run ``script`` (a function of the document's root element and ``arg``) in the page's
    current document and return its answer.

    The root element is kept from one question to the next: it answers in one round trip, and
    only in its own document (a navigation makes it fail at once, never wait). A new one is
    taken after a navigation, waiting at most ``wait_ms`` for a document, so a page stuck
    between two documents (a host that never answers) raises after a moment instead of
    blocking forever. ``again``: when the kept root fails (its document went away), ask the
    new document once; without it the error is raised (a caller with its own deadline).
    """
    from playwright.sync_api import Error as PlaywrightError

    root = _ROOTS.get(page)
    if root is not None:
        try:
            return root.evaluate(script, arg)
        except PlaywrightError as exc:
            _ROOTS[page] = None  # its document went away: a new root is taken
            if browser_gone(exc) or not again:
                raise
    elif page not in _ROOTS:
        page.once("close", _forget_root)  # the root goes with its page (one listener per page)
    root = _ROOTS[page] = page.locator("html").element_handle(timeout=wait_ms)
    return root.evaluate(script, arg)


def _forget_root(page: Page) -> None:
    _ROOTS.pop(page, None)


def until_still(
    page: Page,
    seconds: float,
    *,
    quiet_ms: int = QUIET_MS,
    since: float | None = None,
    shown_only: bool = False,
) -> bool:
    """Until the document has not changed for ``quiet_ms`` (True) or ``seconds`` pass while it
    keeps changing (False).

    The quiet counts from the document's last change that the watch installed by
    ``watch_changes`` saw, so a page that has been still for a while answers at once; without
    the watch (a document written in place) it counts from now. ``since`` (a ``time.monotonic()``)
    is the earliest it may count from: when something was done to the page that changes no
    element by itself (a value typed into a field), the page's answer to it is waited for too.
    ``shown_only``: only changes that may show something new count (an element added, un-hidden
    or restyled while visible), not a list closing or an attribute such as ``aria-expanded``.
    A page that navigates meanwhile is measured again in its next document, within what is left
    of ``seconds``.
    """
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + seconds
    failed = False
    while (left := int((deadline - time.monotonic()) * 1000)) > 0:
        try:
            done_ms = quiet_ms if since is None else int((time.monotonic() - since) * 1000)
            args = [quiet_ms, left, max(0, done_ms), shown_only]
            return bool(in_document(page, QUIET_JS, args, again=False))
        except PlaywrightError as exc:
            if browser_gone(exc):
                raise
            # the document went away (before or while it was measured): measure the next one at
            # once, and after a pause when that one could not be asked either
            if failed:
                page.wait_for_timeout(min(PAUSE_MS, left))
            failed = True
    return False


def until_changed(page: Page, most_ms: int, *, least_ms: int = 50) -> bool:
    """Return as soon as the document changes (True), at most after ``most_ms`` (False).

    Instead of a fixed pause between two looks at a page that is expected to answer: the next
    look comes when there is something new to see. At least ``least_ms`` pass, so a page that
    changes all the time is not looked at in a busy loop. A page that navigates counts as changed.
    """
    from playwright.sync_api import Error as PlaywrightError

    try:
        return bool(in_document(page, CHANGED_JS, [least_ms, most_ms], again=False))
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
        return True  # the document went away (a navigation) or none came within the time


def watch_changes(page: Page) -> None:
    """From the next document the page opens on, note when each document last changed, and last
    showed something new (for ``until_still``). Nothing on the page is altered: one observer, two
    times kept on ``window``."""
    page.add_init_script(WATCH_JS)


#: when Ctrl-C was pressed (monotonic seconds), once it has been
_ctrl_c: list[float] = []


def note_ctrl_c() -> None:
    """Make Ctrl-C (and SIGTERM, SIGHUP) raise KeyboardInterrupt, and remember that it came.

    A terminal sends Ctrl-C to the whole process group: Playwright's driver gets it too and
    closes the browser, and the engine may see the browser gone before the interrupt reaches
    it. Remembered, that is told apart from a window the person closed. Main thread only.
    """
    import signal

    def interrupted(_signum: int, _frame: object) -> None:
        _ctrl_c.append(time.monotonic())
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupted)
    # a closed terminal (SIGHUP) and a polite kill (SIGTERM) stop objector as Ctrl-C does: the
    # same clean-up runs (temporary folders and profiles go), and the ledger stays whole
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupted)


def ctrl_c_pressed() -> bool:
    """Ctrl-C was pressed during this process (see ``note_ctrl_c``)."""
    return bool(_ctrl_c)


def browser_gone(exc: Exception) -> bool:
    """The window or the browser was closed (as opposed to a page that is busy navigating)."""
    text = str(exc)
    return any(
        s in text for s in ("has been closed", "Target closed", "Browser closed", "browser has disconnected")
    )
