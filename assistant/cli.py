"""The ``objector`` command: thin Typer commands over the modules that do the work.

Start-up stays light: heavy modules (Playwright, pydantic, Rich) are imported
inside the commands that need them, so ``objector --help`` is quick.
"""

import gc
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from . import __version__
from .errors import UserError
from .i18n import _, ngettext

app = typer.Typer(
    name="objector",
    help=_("Object to AI-at-Meta training for each of your accounts, and keep proof that you did."),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"max_content_width": 160},  # use the terminal's width, not Click's 80
)
accounts_app = typer.Typer(
    help=_("List, add and remove your accounts."), no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(accounts_app, name="accounts")
mail_app = typer.Typer(
    help=_("Meta's e-mails in your mailbox (opt-in, IMAP over TLS)."),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(mail_app, name="mail")

HomeOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--home", metavar="DIR", help=_("Folder for accounts, profiles and proof (default: OBJECTOR_HOME).")
    ),
]
AccountsOpt = Annotated[
    Optional[Path],
    typer.Option("--accounts", metavar="FILE", help=_("The accounts file (default: HOME/accounts.toml).")),
]


SelectAccountOpt = Annotated[
    Optional[list[str]], typer.Option("--account", metavar="NAME", help=_("Only this account (repeatable)."))
]
SelectFlowOpt = Annotated[
    Optional[list[str]], typer.Option("--flow", metavar="ID", help=_("Only this flow id (repeatable)."))
]
KeepLoginOpt = Annotated[
    bool,
    typer.Option(
        "--keep-login/--no-keep-login",
        help=_(
            "Keep each account's login in its browser profile (default), or use a temporary profile "
            "per account, deleted after its forms (you log in each time)."
        ),
    ),
]


def _platform_names() -> str:
    """Every platform an account may be on, for help texts (answers.py is light to import)."""
    from .people.answers import PLATFORM_ALIASES

    return ", ".join(dict.fromkeys(PLATFORM_ALIASES.values()))


_PLATFORM_NAMES = _platform_names()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"objector {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version and exit.")),
    ] = False,
) -> None:
    """objector: walks you through objecting to AI at Meta, account by account."""


def _settings(home: Path | None):
    from .config.settings import load_settings

    return load_settings().with_home(home)


def _console(*, markup: bool = True):
    from .people.ui import make_console

    return make_console(markup=markup)


def _existing_home(settings) -> Path:
    """The home folder, which must exist: commands that only read proof never create one."""
    home = settings.home
    try:
        if home.is_dir():
            return home
        exists = home.exists()
    except OSError as exc:
        from .storage import path_problem

        raise UserError(
            _("{home}: cannot be used as the home folder ({problem}).").format(
                home=home, problem=path_problem(exc)
            )
        ) from None
    if exists:
        raise UserError(
            _("{home}: is not a folder; give the objector home with --home or OBJECTOR_HOME.").format(
                home=home
            )
        )
    raise UserError(
        _(
            "{home}: no such folder, so there is no proof here yet; check --home or OBJECTOR_HOME "
            "(or run 'objector run' first)."
        ).format(home=home)
    )


def _home_lock(home: Path, command: str):
    """The lock every command that writes the home takes (a second one is refused, exit 2)."""
    from .storage import HomeLock

    return HomeLock(home, command)


#: What the commands that open the browser import on their way to it (``run``, ``demo``, ``check``),
#: including what their first steps import only when called (the e-mail check, the letters, the
#: step handlers, the proof record), so that none of it is loaded after the driver is up.
BROWSER_COMMAND_MODULES = (
    "assistant.config.settings",
    "assistant.config.accounts",
    "assistant.config.flows",
    "assistant.people.human",
    "assistant.people.ui",
    "assistant.runner",
    "assistant.recheck",
    "assistant.letters.letters",
    "assistant.letters.text",
    "assistant.engine.run",
    "assistant.engine.choices",
    "assistant.engine.fields",
    "assistant.engine.login",
    "assistant.engine.setting",
    "assistant.engine.submit",
    "assistant.proof.record",
    "assistant.browser_setup",
    "email_validator",
    "dotenv",
    "typer._adapters",  # what Typer loads to read a command's options (it reads them after this)
)
#: The commands that open the browser: their driver starts before Typer reads the command line.
BROWSER_COMMANDS = ("run", "demo", "check")


def _start_driver() -> None:
    """The browser's driver starts while the command's own modules load (they overlap); once."""
    import importlib

    from .engine.browser import driver_started, driver_while

    def imports() -> None:
        for name in BROWSER_COMMAND_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - raised again where the module is used
                pass
        try:  # what every such command reads first, kept for when it does: the bundled flows
            from .config.accounts import email_check
            from .config.flows import load_flows

            email_check()
            load_flows()
        except Exception:  # noqa: BLE001 - raised again (and said) where they are read
            pass

    if not driver_started():
        driver_while(imports)


def _reporter(console, settings):
    """The run's progress lines; with a site map, a PRACTICE line first and PRACTICE on every heading."""
    from .people.ui import Reporter

    reporter = Reporter(console, practice=bool(settings.site_map))
    if reporter.practice:
        from rich.text import Text

        from .proof.outcome import PRACTICE_MARK

        # TRANSLATORS: {mark} is the translation of "PRACTICE — nothing was sent to the service"
        note = _("{mark}: OBJECTOR_SITE_MAP sends the services' addresses to the practice site.").format(
            mark=_(PRACTICE_MARK)
        )
        console.print(Text(note, style="bold yellow"))
    return reporter


def _accounts_path(settings, accounts: Path | None) -> Path:
    return accounts.expanduser() if accounts else settings.accounts_file


@app.command(help=_("Try everything on the bundled practice Help Centre (no account needed)."))
def demo(
    home: Annotated[
        Optional[Path],
        typer.Option(
            "--home",
            metavar="DIR",
            help=_(
                "Keep the demo's accounts and proof in this folder "
                "(default: a temporary folder, deleted when the demo ends)."
            ),
        ),
    ] = None,
    language: Annotated[
        str, typer.Option(metavar="LANG", help=_("Language of the practice pages and texts (en, de, fr, …)."))
    ] = "en",
    code_step: Annotated[
        bool, typer.Option("--code-step", help=_("Show the e-mailed code screen after Send."))
    ] = False,
    cookie_dialog: Annotated[
        bool, typer.Option("--cookie-dialog/--no-cookie-dialog", help=_("Show a cookie dialog first."))
    ] = True,
    auto_login: Annotated[
        bool,
        typer.Option("--auto-login", help=_("The practice login page logs itself in after a moment.")),
    ] = False,
    service: Annotated[
        Optional[list[str]],
        typer.Option(
            "--service",
            metavar="NAME",
            help=_(
                "Switch AI training off on a practice service instead (linkedin, x, google, microsoft, "
                "pinterest, quora, tumblr, wordpress, adobe), or send WhatsApp's practice objection form "
                "(whatsapp), or all; repeat for several."
            ),
        ),
    ] = None,
) -> None:
    """The demo on the practice Help Centre (help: the decorator's, so that it is translated)."""
    _start_driver()
    from .demo import demo_services, run_demo

    raise typer.Exit(
        run_demo(
            _settings(None),
            home=home,
            language=language,
            code_step=code_step,
            cookie_dialog=cookie_dialog,
            auto_login=auto_login,
            console=_console(),
            services=demo_services(service or []),
        )
    )


@app.command(
    help=_(
        "Run the practice site on fixed local ports until Ctrl-C: try run, recheck, check and doctor on it."
    )
)
def practice(
    port: Annotated[
        int, typer.Option(metavar="PORT", help=_("The first of the local ports the practice site takes."))
    ] = 47100,
    language: Annotated[
        str, typer.Option(metavar="LANG", help=_("Language of the practice pages (en, de, fr, …)."))
    ] = "en",
    code_step: Annotated[
        bool,
        typer.Option(
            "--code-step", help=_("Show the e-mailed code screen after Send (the code is printed here).")
        ),
    ] = False,
    auto_login: Annotated[
        bool,
        typer.Option("--auto-login", help=_("The practice login pages log themselves in after a moment.")),
    ] = False,
) -> None:
    """The practice site on fixed local ports (help: the decorator's)."""
    from .practice_serve import serve

    raise typer.Exit(
        serve(_console(), port=port, language=language, code_step=code_step, auto_login=auto_login)
    )


@app.command(help=_("Walk each of your accounts through the official objection forms."))
def run(
    home: HomeOpt = None,
    accounts: AccountsOpt = None,
    account: SelectAccountOpt = None,
    flow: SelectFlowOpt = None,
    again: Annotated[
        bool, typer.Option("--again", help=_("Submit again even where already confirmed."))
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Fill everything and show it, never submit."))
    ] = False,
    trace: Annotated[
        bool,
        typer.Option(
            "--trace",
            help=_(
                "Keep a Playwright trace per attempt in HOME/traces (it holds your cookies and typed "
                "passwords; never part of the proof)."
            ),
        ),
    ] = False,
    keep_login: KeepLoginOpt = True,
) -> None:
    """The run over the accounts (help: the decorator's)."""
    _start_driver()
    from .config.accounts import load_accounts
    from .config.flows import load_flows
    from .people.human import TerminalHuman
    from .runner import RunRequest, execute

    settings = _settings(home)
    path = _accounts_path(settings, accounts)
    console = _console()
    found = load_accounts(path)
    human = TerminalHuman(console)
    if not found:
        if not human.interactive:
            raise UserError(
                _(
                    "No accounts yet in {path}. Add one with 'objector accounts add' "
                    "(or write the file as shown in README.md), then run again."
                ).format(path=path)
            )
        from .people.wizard import add_accounts_interactively

        found = add_accounts_interactively(settings, path, human, _console(markup=False))
        if not found:
            raise typer.Exit(2)
    flows = load_flows(settings.layout.flows)
    from .browser_setup import ensure_browser

    ensure_browser(settings, human, console)
    if trace:
        from rich.text import Text

        from .engine.traces import TRACE_WARNING, traces_dir

        console.print(Text(_(TRACE_WARNING).format(folder=traces_dir(settings.home)), style="yellow"))
    request = RunRequest(
        settings=settings,
        accounts=found,
        accounts_path=path,
        flows=flows,
        account_names=account or [],
        flow_ids=flow or [],
        again=again,
        dry_run=dry_run,
        trace=trace,
        keep_login=keep_login,
    )
    summary = execute(request, human, _reporter(console, settings))
    raise typer.Exit(summary.exit_code)


@app.command(
    help=_(
        "Read again each setting objector switched off, and say whether the service turned it back on."
        "\n\n"
        "Nothing is changed and nothing is asked; a setting found on again is switched off by the next "
        "'objector run', after you say so."
    )
)
def recheck(
    home: HomeOpt = None,
    accounts: AccountsOpt = None,
    account: SelectAccountOpt = None,
    older_than: Annotated[
        Optional[str],
        typer.Option(
            "--older-than",
            metavar="AGE",
            help=_("Only settings last confirmed or checked longer ago than this (30d, 12h, 2w)."),
        ),
    ] = None,
    keep_login: KeepLoginOpt = True,
) -> None:
    """Reads again the settings objector switched off (help: the decorator's)."""
    from .recheck import parse_duration

    age = parse_duration(older_than) if older_than is not None else None
    from .commands import next_home_default, objector_command, with_home
    from .config.accounts import load_accounts
    from .config.flows import load_flows
    from .proof.ledger import Ledger, utc_now
    from .recheck import nothing_to_recheck, select_rechecks, setting_flow_ids, turned_back_line

    settings = _settings(home)
    path = _accounts_path(settings, accounts)
    found = load_accounts(path)
    flows = load_flows(settings.home / "flows")
    now = utc_now()
    selection = select_rechecks(
        found,
        setting_flow_ids(flows),
        Ledger(settings.home).entries(),
        account_names=account or [],
        older_than=age,
        now=now,
        home=settings.home,
    )
    console = _console()
    run_command = with_home(f"{objector_command()} run", settings.home, next_home_default())
    lines = [turned_back_line(state, run_command, now) for state in selection.turned_back]
    if not selection.due:
        lines.append(nothing_to_recheck(selection))
    for line in lines:  # names and commands, shown as they are and pasted as one line
        console.print(line, markup=False, soft_wrap=True)
    if not selection.due:
        raise typer.Exit(0)
    from .browser_setup import ensure_browser
    from .people.human import TerminalHuman
    from .runner import RunRequest, execute

    human = TerminalHuman(console)
    ensure_browser(settings, human, console)
    request = RunRequest(
        settings=settings,
        accounts=selection.accounts(),
        accounts_path=path,
        flows=flows,
        recheck=True,
        keep_login=keep_login,
    )
    summary = execute(request, human, _reporter(console, settings))
    raise typer.Exit(summary.exit_code)


@app.command(
    help=_(
        "Open each selected form (logged in, as for run) and report whether every field and button is found."
        "\n\n"
        "Nothing is filled or submitted."
    )
)
def check(
    home: HomeOpt = None,
    accounts: AccountsOpt = None,
    account: SelectAccountOpt = None,
    flow: SelectFlowOpt = None,
) -> None:
    """Opens each selected form and looks for its fields (help: the decorator's)."""
    _start_driver()
    from .checker import check_forms
    from .config.accounts import load_accounts
    from .config.flows import load_flows
    from .people.human import TerminalHuman
    from .runner import RunRequest, plan

    settings = _settings(home)
    path = _accounts_path(settings, accounts)
    found = load_accounts(path)
    if not found:
        raise UserError(_("No accounts to check yet; add one with 'objector accounts add'."))
    request = RunRequest(
        settings=settings,
        accounts=found,
        accounts_path=path,
        flows=load_flows(settings.layout.flows),
        account_names=account or [],
        flow_ids=flow or [],
    )
    pairs = [(p.account, p.flow) for p in plan(request)]
    console = _console()
    from .browser_setup import ensure_browser

    human = TerminalHuman(console)
    ensure_browser(settings, human, console)
    results = check_forms(settings, pairs, human, _reporter(console, settings))
    bad = [r for r in results if not r.ok]
    console.print()
    console.print(
        # TRANSLATORS: {good} of {count} forms checked were found as expected; the form follows {count}
        # (English says "1 of 1 forms" too)
        ngettext(
            "{good} of {count} forms look as the flows expect.",
            "{good} of {count} forms look as the flows expect.",
            len(results),
        ).format(good=len(results) - len(bad), count=len(results))
    )
    raise typer.Exit(1 if bad else 0)


@app.command(
    help=_(
        "Check Python, packages, browser, home folder, settings, accounts and flows; say how to fix problems."
    )
)
def doctor(
    home: HomeOpt = None,
    json_: Annotated[bool, typer.Option("--json", help=_("Print the findings as JSON."))] = False,
) -> None:
    """Whether everything is in place for a run (help: the decorator's)."""
    from .doctor import as_json, diagnose, label

    findings = diagnose(home)
    if json_:
        import json

        ok = all(f.ok or f.warning for f in findings)
        typer.echo(json.dumps({"ok": ok, "checks": as_json(findings)}, indent=2))
    else:
        for f in findings:
            # TRANSLATORS: one line of 'objector doctor': {check} is what was checked (e.g. "browser"),
            # {detail} what was found
            line = _("{check}: {detail}").format(check=label(f.check), detail=f.detail)
            typer.echo(f"{'✓' if f.ok else '!' if f.warning else '✗'} {line}")
            if not f.ok and f.fix:
                # TRANSLATORS: under a problem 'objector doctor' found: {fix} says what to do about it
                typer.echo("    " + _("fix: {fix}").format(fix=f.fix))
    raise typer.Exit(0 if all(f.ok or f.warning for f in findings) else 1)


@mail_app.command(
    "check", help=_("Look for confirmation e-mails that arrived after the run and keep them with the proof.")
)
def mail_check(home: HomeOpt = None) -> None:
    """Looks for late confirmation e-mails (help: the decorator's)."""
    from .mail.check import check_mail

    settings = _settings(home)
    with _home_lock(_existing_home(settings), "mail-check"):
        result = check_mail(settings)
    for line in result.found:
        typer.echo("✓ " + _("e-mail confirmed: {found}").format(found=line))
    for line in result.waiting:
        typer.echo(f"… {line}")
    if not result.found and not result.waiting:
        typer.echo(
            _(
                "Nothing to look for: every confirmed objection already has its e-mail "
                "(or none is confirmed yet)."
            )
        )
    raise typer.Exit(1 if result.waiting else 0)


@accounts_app.command("list", help=_("Show your accounts."))
def accounts_list(home: HomeOpt = None, accounts: AccountsOpt = None) -> None:
    """Shows the accounts (help: the decorator's)."""
    from .config.accounts import load_accounts
    from .people.ui import accounts_table

    settings = _settings(home)
    path = _accounts_path(settings, accounts)
    found = load_accounts(path)
    console = _console()
    if not found:
        console.print(
            _("No accounts yet ({path}). Add one with: objector accounts add").format(path=path), markup=False
        )
        return
    console.print(accounts_table(found, width=console.width))
    console.print(str(path), style="dim", markup=False)


@accounts_app.command(
    "add",
    help=_("Add accounts: in a terminal, all of yours in one sitting (a checklist), or one from options."),
)
def accounts_add(
    home: HomeOpt = None,
    accounts: AccountsOpt = None,
    name: Annotated[
        Optional[str], typer.Option(metavar="NAME", help=_("A label, e.g. anna-instagram."))
    ] = None,
    platform: Annotated[
        Optional[str],
        typer.Option(metavar="PLATFORM", help=_("The service: {names}.").format(names=_PLATFORM_NAMES)),
    ] = None,
    email: Annotated[
        Optional[str], typer.Option(metavar="EMAIL", help=_("The e-mail address of that account."))
    ] = None,
    country: Annotated[
        Optional[str], typer.Option(metavar="CC", help=_("Where you live, as an ISO code (DE, FR, …)."))
    ] = None,
    language: Annotated[
        Optional[str], typer.Option(metavar="LANG", help=_("Language of the objection text (en, de, …)."))
    ] = None,
    reason: Annotated[
        Optional[list[str]],
        typer.Option(
            "--reason", metavar="REASON", help=_("A reason id (repeatable); see 'objector text --help'.")
        ),
    ] = None,
    username: Annotated[
        Optional[str],
        typer.Option(metavar="USER", help=_("The account's username or profile link, as Meta knows it.")),
    ] = None,
    full_name: Annotated[
        Optional[str], typer.Option("--full-name", metavar="NAME", help=_("Your name, to sign the letter."))
    ] = None,
    phone: Annotated[
        Optional[str],
        typer.Option(metavar="PHONE", help=_("WhatsApp: the account's phone number with its country code.")),
    ] = None,
) -> None:
    """Adds accounts (help: the decorator's)."""
    from .people.human import TerminalHuman
    from .people.wizard import add_accounts

    settings = _settings(home)
    console = _console(markup=False)  # the wizard's lines hold names and paths, never styles
    given = {
        "name": name,
        "platform": platform,
        "email": email,
        "country": country,
        "language": language,
        "reasons": reason or None,
        "username": username,
        "full_name": full_name,
        "phone": phone,
    }
    from .storage import private_dir

    with _home_lock(private_dir(settings.home), "accounts-add"):
        add_accounts(settings, _accounts_path(settings, accounts), given, TerminalHuman(console), console)


@accounts_app.command("remove", help=_("Remove an account from the accounts file (its proof stays)."))
def accounts_remove(
    name: Annotated[str, typer.Argument(help=_("The account's name."))],
    home: HomeOpt = None,
    accounts: AccountsOpt = None,
) -> None:
    """Removes an account from the file (help: the decorator's)."""
    from .config.accounts import find_account, load_accounts, save_accounts

    settings = _settings(home)
    path = _accounts_path(settings, accounts)
    with _home_lock(_existing_home(settings), "accounts-remove"):
        found = load_accounts(path)
        find_account(found, name)
        rest = [a for a in found if a.name != name]
        for other in rest:
            if other.linked_with == name:
                raise UserError(
                    # TRANSLATORS: linked_with is a field of the accounts file, not translated
                    _("{path}: account ({other}) is linked_with {name}; change that first.").format(
                        path=path, other=other.name, name=name
                    )
                )
        save_accounts(path, rest)
    typer.echo(
        _(
            "Removed {name} from {path}. Its proof stays; "
            "'objector forget {name}' deletes its browser profile."
        ).format(name=name, path=path)
    )


@app.command(help=_("Show each account × flow with its last outcome and when."))
def status(
    account: Annotated[
        Optional[str],
        typer.Argument(metavar="[ACCOUNT]", help=_("Only this account, with its proof folders.")),
    ] = None,
    home: HomeOpt = None,
    accounts: AccountsOpt = None,
    paths: Annotated[bool, typer.Option("--paths", help=_("Show the proof folder of each attempt."))] = False,
) -> None:
    """Each account × flow with its last outcome (help: the decorator's)."""
    from .config.accounts import load_accounts
    from .people.ui import setting_advice, status_table
    from .proof.ledger import Ledger

    settings = _settings(home)
    _existing_home(settings)
    path = _accounts_path(settings, accounts)
    found = load_accounts(path)
    console = _console()
    ledger: Any = Ledger(settings.home)
    if account is not None:
        found, ledger = _one_account(found, ledger, account), _OneAccountLedger(ledger, account)
        paths = True
    # TRANSLATORS: the first line of 'objector status': {home} is objector's folder
    console.print(_("home: {home}").format(home=settings.home), highlight=False, markup=False)
    if not found and not ledger.latest():
        from .commands import objector_command

        console.print(
            _("No accounts yet ({path}) and nothing recorded. Add one with: {command} accounts add").format(
                path=path, command=objector_command()
            ),
            highlight=False,
            markup=False,
            soft_wrap=True,  # a command split over two lines does not work when pasted
        )
        return
    setting_flows = _setting_flows(settings)
    view = status_table(found, ledger, setting_flows, width=console.width, paths=paths)
    console.print(view, crop=False)  # a proof folder stays one line (the terminal wraps it): it pastes whole
    from .commands import next_home_default, objector_command, with_home

    base, default = objector_command(), next_home_default()
    commands = {verb: with_home(f"{base} {verb}", settings.home, default) for verb in ("run", "recheck")}
    for line in setting_advice(found, ledger, setting_flows, commands):
        console.print(line, highlight=False, markup=False, soft_wrap=True)
    from .proof.stamps import status_line

    stamped = status_line(settings.home, settings.tsa_urls)
    if stamped:
        console.print(stamped, highlight=False, markup=False, soft_wrap=True)


def _one_account(found: list, ledger, name: str) -> list:
    """``status ACCOUNT``: that account alone; a name neither in the file nor the ledger is refused."""
    from .errors import shown

    mine = [a for a in found if a.name == name]
    if not mine and not any(key[0] == name for key in ledger.latest()):
        known = ", ".join(a.name for a in found) or _("none yet")
        raise UserError(
            _("status: there is no account named {name} (accounts: {known}).").format(
                name=shown(name), known=known
            )
        )
    return mine


class _OneAccountLedger:
    """The ledger as ``status`` reads it, narrowed to one account's entries."""

    def __init__(self, ledger, name: str) -> None:
        self.home, self._ledger, self._name = ledger.home, ledger, name

    def _mine(self, found: dict) -> dict:
        return {key: value for key, value in found.items() if key[0] == self._name}

    def latest(self) -> dict:
        return self._mine(self._ledger.latest())

    def confirmed(self) -> dict:
        return self._mine(self._ledger.confirmed())

    def mail_confirmed(self) -> dict:
        return self._mine(self._ledger.mail_confirmed())

    def entries(self) -> list:
        return [e for e in self._ledger.entries() if e.get("account") == self._name]


def _setting_flows(settings) -> frozenset[str]:
    """The ids of the setting flows; none when a flow file is broken (status still shows the proof)."""
    from .config.flows import load_flows
    from .recheck import setting_flow_ids

    try:
        return setting_flow_ids(load_flows(settings.home / "flows"))
    except UserError:
        return frozenset()


@app.command(help=_("Check that no proof file or ledger line changed since it was recorded."))
def verify(home: HomeOpt = None) -> None:
    """Checks the proof (help: the decorator's)."""
    from .proof.verify import verify_home

    settings = _settings(home)
    result = verify_home(_existing_home(settings), tsa_cafile=settings.tsa_cafile)
    for problem in result.problems:
        typer.echo(problem.line())
    for note in result.notes:  # said, but not a failure
        typer.echo(note.line())
    for line in result.stamps:  # what the time-stamping authorities vouch for
        typer.echo(line)
    if result.nothing_recorded:
        typer.echo(
            _("Nothing recorded yet: no ledger entries and no proof files in {home}.").format(
                home=settings.home
            )
        )
        return
    if result.ok:
        typer.echo(
            # TRANSLATORS: the form follows {entries}; {files} is a number of files (never 1 here)
            ngettext(
                "Proof intact: {entries} ledger entry, {files} files checked ({home}).",
                "Proof intact: {entries} ledger entries, {files} files checked ({home}).",
                result.entries,
            ).format(entries=result.entries, files=result.files, home=settings.home)
        )
        return
    typer.echo(
        ngettext(
            "Proof NOT intact: {count} problem in {home}.",
            "Proof NOT intact: {count} problems in {home}.",
            len(result.problems),
        ).format(count=len(result.problems), home=settings.home)
    )
    raise typer.Exit(1)


@app.command(help=_("Get an RFC 3161 time-stamp for the ledger's newest entry (when not stamped yet)."))
def stamp(home: HomeOpt = None) -> None:
    """Time-stamps the ledger's newest entry (help: the decorator's)."""
    from .proof.stamps import stamp as take_stamp

    settings = _settings(home)
    with _home_lock(_existing_home(settings), "stamp"):
        result = take_stamp(settings.home, settings.tsa_urls, settings.tsa_cafile)
    line = result.line()
    typer.echo(line[0].upper() + line[1:] + ".")
    if result.state == "pending":
        raise typer.Exit(1)


@app.command(help=_("Build the proof report: a self-contained HTML page (and PDF) of every attempt."))
def report(
    home: HomeOpt = None,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out",
            metavar="FILE",
            help=_("Where to write the HTML (default: HOME/report/objector-report.html)."),
        ),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=_("Also render it to PDF with the browser."))] = False,
    open_: Annotated[bool, typer.Option("--open", help=_("Open the report when it is written."))] = False,
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            metavar="LANG",
            help=_(
                "Make the report in this language (cs da de el en es fi fr hu it nl pl pt ro sv), "
                "e.g. 'en' for an authority; default: the language objector speaks."
            ),
        ),
    ] = None,
) -> None:
    """The proof report (help: the decorator's)."""
    from .proof.report import REPORT_LANGUAGES, build_report, in_language

    if lang is not None and lang.strip().lower() not in REPORT_LANGUAGES:
        raise UserError(
            _("--lang: {value} is not a report language; use one of {codes}.").format(
                value=repr(lang), codes=" ".join(REPORT_LANGUAGES)
            )
        )
    settings = _settings(home)
    with in_language(lang.strip().lower() if lang else None):
        result = build_report(
            _existing_home(settings), out, pdf=pdf, browser=settings.browser, tsa_cafile=settings.tsa_cafile
        )
    typer.echo(
        ngettext(
            "Report: {path} ({count} attempt)", "Report: {path} ({count} attempts)", result.attempts
        ).format(path=result.html, count=result.attempts)
    )
    if result.pdf is not None:
        pages = result.pdf_pages
        typer.echo(
            ngettext("PDF: {path} ({count} page)", "PDF: {path} ({count} pages)", pages or 0).format(
                path=result.pdf, count=pages
            )
        )
    if open_:
        import webbrowser

        webbrowser.open((result.pdf or result.html).resolve().as_uri())


@app.command(help=_("Put proof, ledger and report in one zip, after checking that the proof is intact."))
def export(
    dest: Annotated[Path, typer.Argument(help=_("The zip file to write (must not exist)."))],
    home: HomeOpt = None,
) -> None:
    """Puts the proof in one zip (help: the decorator's)."""
    from .proof.export import export_zip

    settings = _settings(home)
    with _home_lock(_existing_home(settings), "export"):
        result = export_zip(settings.home, dest.expanduser(), tsa_cafile=settings.tsa_cafile)
    typer.echo(
        # TRANSLATORS: the form follows {count}, the number of files; {bytes} a number with grouped digits
        ngettext(
            "Exported {count} file ({bytes} bytes) to {path}.",
            "Exported {count} files ({bytes} bytes) to {path}.",
            result.files,
        ).format(count=result.files, bytes=f"{result.bytes:,}", path=result.path)
    )
    if result.practice:
        from .proof.report import PRACTICE_MARK

        typer.echo(
            # TRANSLATORS: {mark} is the translation of "PRACTICE — nothing was sent to the service"
            ngettext(
                "{mark}: {count} of the attempts in it was practice.",
                "{mark}: {count} of the attempts in it were practice.",
                result.practice,
            ).format(mark=_(PRACTICE_MARK), count=result.practice)
        )


@app.command("flows", help=_("List the forms objector knows and which file each comes from."))
def flows_cmd(home: HomeOpt = None) -> None:
    """Lists the flows (help: the decorator's)."""
    from .config.flows import load_flows
    from .people.ui import flows_table

    settings = _settings(home)
    _console().print(flows_table(load_flows(settings.layout.flows)))


@app.command(
    help=_("Delete an account's browser profile (its logins and cookies) and its traces, after confirmation.")
)
def forget(
    account: Annotated[
        Optional[str], typer.Argument(help=_("The account whose browser profile to delete."))
    ] = None,
    home: HomeOpt = None,
    evidence: Annotated[
        bool, typer.Option("--evidence", help=_("Also delete that account's proof (asks separately)."))
    ] = False,
    sessions: Annotated[
        bool,
        typer.Option(
            "--sessions",
            help=_(
                "Delete the browser profiles (logins) and traces of every account instead; the proof stays."
            ),
        ),
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help=_("Do not ask for confirmation of the profile deletion."))
    ] = False,
) -> None:
    """Deletes an account's browser profile and traces (help: the decorator's)."""
    from .engine.profiles import forget_evidence, forget_profile
    from .engine.traces import forget_traces
    from .people.human import TerminalHuman

    settings = _settings(home)
    if sessions:
        raise typer.Exit(_forget_sessions(settings, account, evidence=evidence, yes=yes))
    if account is None:
        raise UserError(_("forget: name the account (see 'objector accounts list'), or --sessions for all."))
    _check_forgettable(settings, account)
    console = _console(markup=False)  # paths and names are shown as they are
    human = TerminalHuman(console)
    with _home_lock(settings.home, "forget"):
        code = forget_profile(settings.home, account, human, console, assume_yes=yes)
        if code == 0 and (count := forget_traces(settings.home, account)):
            console.print(
                ngettext(
                    "Deleted {count} trace of {account}.", "Deleted {count} traces of {account}.", count
                ).format(count=count, account=account)
            )
        if evidence:
            code = max(code, forget_evidence(settings.home, account, human, console))
    raise typer.Exit(code)


def _forget_sessions(settings, account: str | None, *, evidence: bool, yes: bool) -> int:
    """``forget --sessions``: every account's browser profile, after one confirmation."""
    if account is not None or evidence:
        raise UserError(_("forget --sessions is for every account: give no account name and no --evidence."))
    from .engine.sessions import forget_sessions
    from .people.human import TerminalHuman

    home = _existing_home(settings)
    console = _console(markup=False)  # paths and names are shown as they are
    with _home_lock(home, "forget"):
        return forget_sessions(home, TerminalHuman(console), console, assume_yes=yes)


def _check_forgettable(settings, account: str) -> None:
    """``forget`` of a name objector has never heard of is a mistake worth saying (exit 2)."""
    from .config.accounts import load_accounts
    from .config.home import Home
    from .engine.profiles import profile_path
    from .engine.traces import traces_dir

    profile = profile_path(settings.home, account)  # refuses names that are not account names
    home = _existing_home(settings)
    if any(a.name == account for a in load_accounts(settings.accounts_file)):
        return
    if any(p.exists() for p in (profile, Home(home).evidence_of(account), traces_dir(home, account))):
        return
    raise UserError(
        _(
            "no account {account} in {file}, and no browser profile, proof or traces "
            "of it in {home}; nothing to forget (see 'objector accounts list')."
        ).format(account=account, file=settings.accounts_file, home=home)
    )


@app.command(help=_("Print the objection text that would be sent (and copy it with --copy)."))
def text(
    account: Annotated[
        Optional[str],
        typer.Option(
            "--account", metavar="NAME", help=_("Use this account's details, language and reasons.")
        ),
    ] = None,
    lang: Annotated[
        Optional[str],
        typer.Option("--lang", metavar="LANG", help=_("Language (en, de, fr, …) for an example text.")),
    ] = None,
    reasons: Annotated[
        Optional[list[str]],
        typer.Option(
            "--reasons",
            metavar="REASONS",
            help=_(
                "Reason ids, comma-separated or repeated: private_life, children, creative_work, "
                "private_context, location_behaviour, personalisation."
            ),
        ),
    ] = None,
    variant: Annotated[
        Optional[str],
        # TRANSLATORS: short, standard and detailed are the values to type: not translated
        typer.Option("--variant", metavar="VARIANT", help=_("short, standard or detailed.")),
    ] = None,
    platform: Annotated[
        str, typer.Option("--platform", metavar="PLATFORM", help=_("instagram or facebook (with --lang)."))
    ] = "instagram",
    country: Annotated[
        Optional[str], typer.Option("--country", metavar="CC", help=_("Country code (with --lang)."))
    ] = None,
    template: Annotated[
        Optional[Path],
        typer.Option("--template", metavar="FILE", help=_("Your own template file with placeholders.")),
    ] = None,
    copy: Annotated[bool, typer.Option("--copy", help=_("Also copy the text to the clipboard."))] = False,
    home: HomeOpt = None,
    accounts: AccountsOpt = None,
) -> None:
    """The objection text that would be sent (help: the decorator's)."""
    from .letters.letters import text_for_cli

    settings = _settings(home)
    given_reasons = [r.strip() for item in reasons or [] for r in item.split(",") if r.strip()]
    body, note = text_for_cli(
        settings,
        _accounts_path(settings, accounts),
        account=account,
        lang=lang,
        reasons=given_reasons if reasons is not None else None,
        variant=variant,
        platform=platform,
        country=country,
        template=template,
    )
    typer.echo(body)
    if note:
        typer.echo(note, err=True)
    if copy:
        from .clipboard import copy as copy_text

        problem = copy_text(body)
        if problem:
            typer.echo(f"objector: {problem}", err=True)
            raise typer.Exit(1)
        typer.echo(_("Copied to the clipboard."), err=True)


def main() -> None:
    """Entry point: every error a person can cause becomes one line and exit code 2."""
    from .i18n.startup import begin, help_epilog

    begin()  # the language (--ui-lang), when 'python -m assistant.cli' skipped assistant.i18n.startup
    app.info.epilog = app.info.epilog or help_epilog()
    if sys.argv[1:] == ["--version"]:  # answered before Typer builds the command tree
        print(f"objector {__version__}")
        return
    import logging

    # Ctrl-C also stops Playwright's driver; asyncio would then log "Future exception was
    # never retrieved" for the pipe it was reading. That is noise, never a fault to report.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    from .engine.waiting import note_ctrl_c

    note_ctrl_c()
    args = sys.argv[1:]
    if args and args[0] in BROWSER_COMMANDS and "--help" not in args:
        _start_driver()  # now, not once Typer has read the command line (it loads much to do that)
    try:
        _run_app()
    finally:
        # What is left goes with the process: Python's shut-down would otherwise search every object
        # it ever made for cycles before freeing it (about 0.3 s after a run, for nothing).
        gc.freeze()


def _run_app() -> None:
    try:
        app()
    except UserError as exc:
        typer.echo(f"objector: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("objector: " + _("stopped."), err=True)
        sys.exit(130)
    except RecursionError:
        typer.echo("objector: " + _("an input is nested too deeply to be one objector expects."), err=True)
        sys.exit(2)
    except OSError as exc:
        from .storage import path_problem

        if exc.filename:
            # TRANSLATORS: {path} is a file or folder, {problem} what is wrong with it ("permission denied")
            said = _("{path}: {problem}.").format(path=exc.filename, problem=path_problem(exc))
        else:
            # TRANSLATORS: {problem} is what went wrong with a file (e.g. "permission denied")
            said = _("{problem}.").format(problem=path_problem(exc))
        typer.echo(f"objector: {said}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
