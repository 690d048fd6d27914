"""``objector practice``: the practice site on fixed local ports, until Ctrl-C.

The demo starts the practice site on free ports for one run and deletes its
home. To try the real commands (``run``, ``recheck``, ``check``, ``doctor``) on
the practice copies, with the person's own home and accounts, the site must
stay up on ports that do not change: this command starts it, prints the one
``OBJECTOR_SITE_MAP`` line to set in another terminal, and waits. With that map
set, every command says PRACTICE and every record and report is marked so.
"""

from __future__ import annotations

import os
import shlex
import threading

from rich.text import Text

from .errors import UserError
from .i18n import _

#: the first of the ports the practice site takes (one per impersonated host, in a fixed order)
DEFAULT_PORT = 47100


def check_port(port: int) -> int:
    """A first port that leaves room for every host below 65536; one line otherwise."""
    from .practice import PracticeSite

    last = 65535 - PracticeSite.port_count() + 1
    if not 1024 <= port <= last:
        raise UserError(
            _(
                "practice: --port {port} must be from 1024 to {last} (the site takes {count} ports from it)."
            ).format(port=port, last=last, count=PracticeSite.port_count())
        )
    return port


def site_map_line(site_map: str, windows: bool = os.name == "nt") -> str:
    """The line to paste into another terminal: ``export OBJECTOR_SITE_MAP=…`` (``set`` on Windows)."""
    if windows:
        return f"set OBJECTOR_SITE_MAP={site_map}"
    return f"export OBJECTOR_SITE_MAP={shlex.quote(site_map)}"


def serve(console, *, port: int, language: str, code_step: bool, auto_login: bool, stop=None) -> int:
    """Run the site until Ctrl-C (or ``stop`` is set); 0 when stopped, a UserError when a port is taken."""
    from .practice import PracticeConfig, PracticeSite
    from .proof.outcome import PRACTICE_MARK

    def show_code(email: str, code: str) -> None:
        said = _("Practice e-mail to {email}: your confirmation code is {code}").format(
            email=email, code=code
        )
        console.print(Text("  " + said, style="bold"))

    config = PracticeConfig(language=language, code_step=code_step, auto_login=auto_login, on_code=show_code)
    site = PracticeSite(config, base_port=check_port(port))
    try:
        site.start()
    except OSError as exc:
        last = port + PracticeSite.port_count() - 1
        raise UserError(
            _(
                "practice: ports {first}-{last} on 127.0.0.1 are not all free ({problem}); "
                "is it running already? Otherwise choose others with --port."
            ).format(first=port, last=last, problem=exc.strerror or exc)
        ) from None
    try:
        _announce(console, site, port, _(PRACTICE_MARK))
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()
    console.print(Text(_("Practice site stopped. Unset OBJECTOR_SITE_MAP before a real run.")))
    return 0


def _announce(console, site, port: int, mark: str) -> None:
    last = port + site.port_count() - 1
    console.print(Text(f"{mark}.", style="bold yellow"))
    console.print(
        Text(
            _("The practice site runs on 127.0.0.1, ports {first}-{last}, until you press Ctrl-C.").format(
                first=port, last=last
            )
        )
    )
    console.print(Text(_("In another terminal, set this (one line), then run objector as usual:")))
    console.print()
    console.print(Text(site_map_line(site.site_map)), soft_wrap=True)  # pasted whole
    console.print()
    console.print(
        Text(
            # TRANSLATORS: run, recheck, check and doctor are commands (not translated); the records keep
            # the English word PRACTICE
            _(
                "run, recheck, check and doctor then use the practice copies of every service, and every "
                "line, record and report says PRACTICE. Log in on the practice pages with any name and "
                "password (nothing is checked). "
                "Unset OBJECTOR_SITE_MAP (or close that terminal) for the real services."
            )
        )
    )
