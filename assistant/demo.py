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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .commands import objector_command
from .config.accounts import Account, load_accounts, save_accounts
from .config.home import Home
from .config.settings import Settings
from .errors import UserError

# The country each practice language stands for (the person's country in the demo).
COUNTRY_OF_LANGUAGE = {
    "en": "IE", "de": "DE", "fr": "FR", "it": "IT", "es": "ES",
    "nl": "NL", "pl": "PL", "pt": "PT", "sv": "SE", "da": "DK",
}  # fmt: skip


#: what ``--service`` accepts: the services with practice settings pages, and WhatsApp's practice
#: contact form (``all`` means every one)
DEMO_SERVICES = (
    "linkedin", "x", "google", "microsoft", "pinterest", "quora", "tumblr", "wordpress", "adobe", "whatsapp",
    "chatgpt", "claude", "perplexity", "lechat",
)  # fmt: skip
#: the practice WhatsApp account's number (a made-up example; the practice site sends nothing)
DEMO_PHONE = "+49 1512 3456789"


def demo_services(names: list[str]) -> tuple[str, ...]:
    """The services named by ``--service`` (in the order given, each once); a bad name is one line."""
    chosen: list[str] = []
    for name in names:
        for part in (p.strip().lower() for p in name.split(",")):
            picked = DEMO_SERVICES if part == "all" else (part,)
            for service in picked:
                if service not in DEMO_SERVICES:
                    raise UserError(
                        f"--service {part}: the practice site has {', '.join(DEMO_SERVICES)} (or all)."
                    )
                if service not in chosen:
                    chosen.append(service)
    return tuple(chosen)


def demo_accounts(language: str, services: tuple[str, ...] = ()) -> list[Account]:
    """Anna's practice accounts: Instagram and Facebook, or one per service asked for."""
    country = COUNTRY_OF_LANGUAGE.get(language, "IE")
    common: dict[str, Any] = {
        "email": "anna@example.org",
        "full_name": "Anna Example",
        "country": country,
        "language": language,
        "reasons": ("private_life", "creative_work"),
    }
    if services:
        return [
            Account.model_validate(
                {
                    "name": f"anna-{s}",
                    "platform": s,
                    **common,
                    **({"phone": DEMO_PHONE} if s == "whatsapp" else {}),
                }
            )
            for s in services
        ]
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
    services: tuple[str, ...] = (),
) -> int:
    """The demo; a temporary home is deleted at the end (saying so), a given one is kept.

    ``services``: switch AI training off on those practice services instead of Meta's forms.
    """

    from .browser_setup import ensure_browser
    from .people.human import TerminalHuman
    from .practice import LANGUAGES

    if language not in LANGUAGES:
        raise UserError(f"--language {language}: the practice site speaks {', '.join(LANGUAGES)}.")
    ensure_browser(settings, TerminalHuman(console), console)
    options = DemoOptions(language, code_step, cookie_dialog, auto_login, services)
    if home is not None:
        return _run_demo(settings, home.expanduser(), options, console)
    temporary = Path(tempfile.mkdtemp(prefix="objector-demo-"))
    try:
        return _run_demo(settings, temporary, options, console, temporary=True)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
        console.print(
            f"The demo's practice proof was in a temporary folder, now deleted; to keep it: "
            f"{objector_command()} demo --home DIR",
            soft_wrap=True,
        )


@dataclass(frozen=True)
class DemoOptions:
    language: str
    code_step: bool
    cookie_dialog: bool
    auto_login: bool
    services: tuple[str, ...] = ()


def _run_demo(
    settings: Settings, home: Path, options: DemoOptions, console, *, temporary: bool = False
) -> int:
    from rich.markup import escape

    from .config.flows import load_flows
    from .config.hosts import platform_title
    from .people.human import TerminalHuman
    from .people.ui import Reporter
    from .practice import PracticeConfig, PracticeSite
    from .runner import RunRequest, execute

    accounts_file = Home(home).accounts_file
    accounts = load_accounts(accounts_file)
    if options.services:  # the services asked for, whatever else the demo home holds
        known = {a.name for a in accounts}
        wanted = demo_accounts(options.language, options.services)
        if any(a.name not in known for a in wanted):
            accounts = [*accounts, *(a for a in wanted if a.name not in known)]
            save_accounts(accounts_file, accounts)
        names = [a.name for a in wanted]
    elif not accounts:
        accounts = demo_accounts(options.language)
        save_accounts(accounts_file, accounts)
        names = []
    else:
        names = []

    def show_code(email: str, code: str) -> None:
        console.print(
            f"\n  [bold]📧 Practice e-mail to {email}:[/] your confirmation code is [bold]{code}[/]\n"
        )

    config = PracticeConfig(
        language=options.language,
        cookie_dialog=options.cookie_dialog,
        code_step=options.code_step,
        auto_login=options.auto_login,
        on_code=show_code,
    )
    with PracticeSite(config) as site:
        demo_settings = settings.model_copy(update={"home": home, "site_map": site.site_map})
        where = (
            "practice pages of " + ", ".join(platform_title(s) for s in options.services)
            if options.services
            else f"practice Help Centre on {site.origin('help.instagram.com')}"
        )
        console.print(f"[bold]objector demo[/] · {escape(where)} · home: {escape(str(home))}")
        if options.services == ("whatsapp",):
            console.print("WhatsApp's practice form has no login.")
        elif options.auto_login:
            console.print("The practice login pages log themselves in after a moment.")
        else:
            console.print("Log in on the practice pages with any username and password.")
        request = RunRequest(
            settings=demo_settings,
            accounts=accounts,
            flows=load_flows(Home(home).flows),
            account_names=names,
            proof_hint=not temporary,
        )
        summary = execute(request, TerminalHuman(console), Reporter(console))
        received = site.submissions
        confirmed = site.confirmed
        changes = site.setting_changes
    if options.services:
        names_shown = ", ".join(platform_title(s) for s in options.services)
        done = []
        if any(s != "whatsapp" for s in options.services):
            done.append(f"saved {len(changes)} setting change{'s' * (len(changes) != 1)}")
        if "whatsapp" in options.services:  # WhatsApp's is a form: what it received is counted
            done.append(f"received {len(received)} form{'s' * (len(received) != 1)}")
        console.print(
            f"The practice pages {' and '.join(done)}; nothing reached {names_shown}.",
            markup=False,
        )
    else:
        console.print(
            f"The practice Help Centre received {len(received)} submission{'s' * (len(received) != 1)} "
            f"({len(confirmed)} confirmed); nothing was sent to Meta.",
            markup=False,
        )
    return summary.exit_code
