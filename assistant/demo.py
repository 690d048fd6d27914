"""``objector demo``: the real engine against the bundled practice Help Centre.

Two practice accounts (one Instagram, one Facebook) in a temporary home (or
``--home``), the flows pointed at the practice site through the site map, and
the same run as ``objector run``: log in, fill, pause before submit, proof.
The temporary home is deleted at the end (its proof is practice only); with
``--home`` everything stays for ``status``, ``report`` and ``verify``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from .accounts import Account, load_accounts, save_accounts
from .commands import objector_command
from .errors import UserError
from .settings import Settings

# The country each practice language stands for (the person's country in the demo).
COUNTRY_OF_LANGUAGE = {
    "en": "IE", "de": "DE", "fr": "FR", "it": "IT", "es": "ES",
    "nl": "NL", "pl": "PL", "pt": "PT", "sv": "SE", "da": "DK",
}  # fmt: skip


def demo_accounts(language: str) -> list[Account]:
    country = COUNTRY_OF_LANGUAGE.get(language, "IE")
    common: dict[str, Any] = {
        "email": "anna@example.org",
        "full_name": "Anna Example",
        "country": country,
        "language": language,
        "reasons": ("private_life", "creative_work"),
    }
    return [
        Account(name="anna-instagram", platform="instagram", username="anna.example", **common),
        Account(name="anna-facebook", platform="facebook", username="anna.example", **common),
    ]


def run_demo(
    settings: Settings,
    *,
    home: Path | None,
    language: str,
    code_step: bool,
    cookie_dialog: bool,
    auto_login: bool,
    console,
) -> int:
    """The demo; a temporary home is deleted at the end (saying so), a given one is kept."""

    from .browser_setup import ensure_browser
    from .human import TerminalHuman
    from .practice import LANGUAGES

    if language not in LANGUAGES:
        raise UserError(f"--language {language}: the practice site speaks {', '.join(LANGUAGES)}.")
    ensure_browser(settings, TerminalHuman(console), console)
    if home is not None:
        return _run_demo(settings, home.expanduser(), language, code_step, cookie_dialog, auto_login, console)
    temporary = Path(tempfile.mkdtemp(prefix="objector-demo-"))
    try:
        return _run_demo(
            settings, temporary, language, code_step, cookie_dialog, auto_login, console, temporary=True
        )
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
        console.print(
            f"The demo's practice proof was in a temporary folder, now deleted; to keep it: "
            f"{objector_command()} demo --home DIR",
            soft_wrap=True,
        )


def _run_demo(
    settings: Settings,
    home: Path,
    language: str,
    code_step: bool,
    cookie_dialog: bool,
    auto_login: bool,
    console,
    *,
    temporary: bool = False,
) -> int:
    from rich.markup import escape

    from .flows import load_flows
    from .human import TerminalHuman
    from .practice import PracticeConfig, PracticeSite
    from .runner import RunRequest, execute
    from .ui import Reporter

    accounts_file = home / "accounts.toml"
    accounts = load_accounts(accounts_file)
    if not accounts:
        accounts = demo_accounts(language)
        save_accounts(accounts_file, accounts)

    def show_code(email: str, code: str) -> None:
        console.print(
            f"\n  [bold]📧 Practice e-mail to {email}:[/] your confirmation code is [bold]{code}[/]\n"
        )

    config = PracticeConfig(
        language=language,
        cookie_dialog=cookie_dialog,
        code_step=code_step,
        auto_login=auto_login,
        on_code=show_code,
    )
    with PracticeSite(config) as site:
        demo_settings = settings.model_copy(update={"home": home, "site_map": site.site_map})
        console.print(
            "[bold]objector demo[/] · practice Help Centre on "
            f"{site.origin('help.instagram.com')} · home: {escape(str(home))}"
        )
        if auto_login:
            console.print("The practice login pages log themselves in after a moment.")
        else:
            console.print("Log in on the practice pages with any username and password.")
        request = RunRequest(
            settings=demo_settings,
            accounts=accounts,
            flows=load_flows(home / "flows"),
            proof_hint=not temporary,
        )
        summary = execute(request, TerminalHuman(console), Reporter(console))
        received = site.submissions
        confirmed = site.confirmed
    console.print(
        f"The practice Help Centre received {len(received)} submission{'s' * (len(received) != 1)} "
        f"({len(confirmed)} confirmed); nothing was sent to Meta.",
        markup=False,
    )
    return summary.exit_code
