"""No browser is no dead end: offer to fetch Playwright's own Chromium, then go on.

``demo``, ``run`` and ``check`` call ``ensure_browser`` before they start. When
objector's discovery (``browser.discover``) finds Chrome, Edge or a Chromium,
nothing happens and no time is spent: the check without Playwright is a few
file look-ups, and Playwright is started only when those find nothing. Otherwise,
in a terminal, the person is asked whether to run Playwright's installer (its
progress is shown as it goes); piped, objector says how. If the installer fails,
one line names the three ways out.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Callable

from .errors import UserError
from .i18n import N_, _

INSTALL_COMMAND = (sys.executable, "-m", "playwright", "install", "chromium")
# the interpreter objector runs in: after 'pipx install .' a bare 'python' has no Playwright
INSTALL_HINT = f"{shlex.quote(sys.executable)} -m playwright install chromium"
WAYS_OUT = N_(
    "install Google Chrome or Microsoft Edge, or your system's Chromium package "
    "(e.g. apt install chromium), or set OBJECTOR_BROWSER=/path/to/browser"
)


def find_browser(requested: str | None) -> str | None:
    """The discovered browser's description, or None when discovery finds nothing.

    A wrong ``OBJECTOR_BROWSER`` path is the person's own setting: its error
    stands (fetching Chromium would not change what they asked for).
    """
    from .engine.browser import discover, driver

    if requested and requested.strip() != "chromium":
        return discover(requested).description
    try:
        return discover(requested).description
    except UserError:
        pass
    try:
        return discover(requested, driver()).description
    except UserError:
        return None


def _install(console, run: Callable[..., subprocess.CompletedProcess]) -> bool:
    from rich.markup import escape

    # TRANSLATORS: {command} is the installer's command line
    console.print(
        _("Fetching Chromium with Playwright's installer ({command}) …").format(command=INSTALL_HINT)
    )
    try:
        done = run(list(INSTALL_COMMAND), check=False)  # inherits the terminal: its progress shows
    except OSError as exc:
        said = _("The installer did not start ({problem}).").format(problem=escape(str(exc.strerror or exc)))
        console.print(f"[red]{said}[/]")
        return False
    return done.returncode == 0


def ensure_browser(
    settings, human, console, *, run: Callable[..., subprocess.CompletedProcess] = subprocess.run
) -> None:
    """Return when a browser is found (fetching Chromium if the person agrees); else UserError."""
    if find_browser(settings.browser):
        return
    ways_out = _(WAYS_OUT)
    if not human.interactive:
        raise UserError(
            # TRANSLATORS: {command} is a command to type; {ways_out} the other ways to get a browser
            _(
                "No browser found. Run '{command}' to fetch Chromium (about 150 MB), or {ways_out}; "
                "then run again."
            ).format(command=INSTALL_HINT, ways_out=ways_out)
        )
    console.print(_("No Google Chrome, Microsoft Edge or Chromium found on this computer."))
    if not human.confirm(
        _("Fetch Chromium now with '{command}' (about 150 MB)?").format(command=INSTALL_HINT)
    ):
        raise UserError(
            _("No browser: run '{command}', or {ways_out}.").format(command=INSTALL_HINT, ways_out=ways_out)
        )
    if not _install(console, run) or not find_browser(settings.browser):
        raise UserError(
            _("Chromium could not be fetched (offline or no permission?): {ways_out}.").format(
                ways_out=ways_out
            )
        )
    console.print(f"[green]✓[/] {_('Chromium is ready.')}")
