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
from .i18n import _, ngettext

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
                        # TRANSLATORS: {name} is what was typed after --service; {services} the names
                        # to type instead, and "all" is typed as it is
                        _("--service {name}: the practice site has {services} (or all).").format(
                            name=part, services=", ".join(DEMO_SERVICES)
                        )
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
        raise UserError(
            # TRANSLATORS: {languages} are language codes (en, de, …)
            _("--language {language}: the practice site speaks {languages}.").format(
                language=language, languages=", ".join(LANGUAGES)
            )
        )
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
            # TRANSLATORS: {command} is objector's command; "demo --home DIR" is typed as it is
            _(
                "The demo's practice proof was in a temporary folder, now deleted; to keep it: "
                "{command} demo --home DIR"
            ).format(command=objector_command()),
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
        said = _("[bold]📧 Practice e-mail to {email}:[/] your confirmation code is [bold]{code}[/]").format(
            email=email, code=code
        )
        console.print(f"\n  {said}\n")

    config = PracticeConfig(
        language=options.language,
        cookie_dialog=options.cookie_dialog,
        code_step=options.code_step,
        auto_login=options.auto_login,
        on_code=show_code,
    )
    with PracticeSite(config) as site:
        demo_settings = settings.model_copy(update={"home": home, "site_map": site.site_map})
        if options.services:
            # TRANSLATORS: {services} are service names (LinkedIn, Tumblr, …)
            where = _("practice pages of {services}").format(
                services=", ".join(platform_title(s) for s in options.services)
            )
        else:
            # TRANSLATORS: {address} is the practice site's local address (http://127.0.0.1:…)
            where = _("practice Help Centre on {address}").format(address=site.origin("help.instagram.com"))
        home_shown = _("home: {home}").format(home=escape(str(home)))
        console.print(f"[bold]objector demo[/] · {escape(where)} · {home_shown}")
        if options.services == ("whatsapp",):
            console.print(_("WhatsApp's practice form has no login."))
        elif options.auto_login:
            console.print(_("The practice login pages log themselves in after a moment."))
        else:
            console.print(_("Log in on the practice pages with any username and password."))
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
        console.print(_services_done(options.services, len(changes), len(received)), markup=False)
    else:
        console.print(
            # TRANSLATORS: the form follows {count}, the submissions; {confirmed} how many were confirmed
            ngettext(
                "The practice Help Centre received {count} submission ({confirmed} confirmed); "
                "nothing was sent to Meta.",
                "The practice Help Centre received {count} submissions ({confirmed} confirmed); "
                "nothing was sent to Meta.",
                len(received),
            ).format(count=len(received), confirmed=len(confirmed)),
            markup=False,
        )
    return summary.exit_code


def _services_done(services: tuple[str, ...], changes: int, received: int) -> str:
    """The demo's last line with ``--service``: what the practice pages kept, and that nothing left."""
    from .config.hosts import platform_title

    names = ", ".join(platform_title(s) for s in services)
    settings = any(s != "whatsapp" for s in services)
    if "whatsapp" not in services:  # WhatsApp's is a form: what it received is counted
        # TRANSLATORS: {names} are the services' names (LinkedIn, Tumblr, …)
        return ngettext(
            "The practice pages saved {count} setting change; nothing reached {names}.",
            "The practice pages saved {count} setting changes; nothing reached {names}.",
            changes,
        ).format(count=changes, names=names)
    forms = ngettext(
        "The practice pages received {count} form; nothing reached {names}.",
        "The practice pages received {count} forms; nothing reached {names}.",
        received,
    )
    if not settings:
        return forms.format(count=received, names=names)
    # TRANSLATORS: {saved} is e.g. "saved 3 setting changes", {received} e.g. "received 1 form"
    return _("The practice pages {saved} and {received}; nothing reached {names}.").format(
        saved=ngettext("saved {count} setting change", "saved {count} setting changes", changes).format(
            count=changes
        ),
        received=ngettext("received {count} form", "received {count} forms", received).format(count=received),
        names=names,
    )
