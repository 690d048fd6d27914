"""``objector doctor``: is everything in place for a run? Each problem comes with a fix."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from .errors import UserError
from .i18n import N_, _, ngettext

PACKAGES = (
    "ai-objector",
    "playwright",
    "pydantic",
    "email-validator",
    "typer",
    "rich",
    "babel",
    "platformdirs",
    "python-dotenv",
    "rfc3161-client",
    "cryptography",
)


META_HOSTS = ("help.instagram.com", "www.instagram.com", "www.facebook.com")


def _browser_fix(chosen: str | None = None) -> str:
    """What to do when no browser starts: about OBJECTOR_BROWSER when the person set it (their
    setting is what failed), else how to install one."""
    if chosen:
        return _(
            "correct OBJECTOR_BROWSER (a browser's full path, or one of chrome, chrome-beta, msedge, "
            "msedge-beta, chromium), or unset it to let objector find a browser"
        )
    from .browser_setup import INSTALL_HINT, WAYS_OUT

    # TRANSLATORS: {command} is a command to type; {ways_out} the other ways to get a browser
    return _("run '{command}' (objector run/demo/check offer it), or {ways_out}").format(
        command=INSTALL_HINT, ways_out=_(WAYS_OUT)
    )


@dataclass
class Finding:
    check: str  # an English name (kept in --json); ``label`` is what the terminal shows
    ok: bool
    detail: str
    fix: str = ""
    warning: bool = False  # worth knowing, but not a reason for doctor to fail


def label(check: str) -> str:
    """The name of a check as doctor's lines show it, in the language in use."""
    name = check.removeprefix("package ")
    if name != check:
        # TRANSLATORS: what 'objector doctor' checked: a Python package ({name} e.g. playwright)
        return _("package {name}").format(name=name)
    return _(check)


def _language() -> Finding:
    """The language objector speaks in the terminal, and why (``i18n.describe`` in doctor's words)."""
    from . import i18n

    choice = i18n.choice()
    # TRANSLATORS: doctor's language line, after "language: ": e.g. "Deutsch (de), from LANG=de_DE.UTF-8";
    # {reason} is one of "from --ui-lang de", "from OBJECTOR_UI_LANGUAGE=de", "by default", …
    detail = _("{name} ({code}), {reason}").format(
        name=i18n.language_name(choice.code), code=choice.code, reason=choice.reason
    )
    # TRANSLATORS: what 'objector doctor' checked: the language of the terminal
    return Finding(N_("language"), True, detail)


def diagnose(home_override: Path | None = None) -> list[Finding]:
    found: list[Finding] = []
    add = found.append
    version = ".".join(map(str, sys.version_info[:3]))
    add(
        Finding(
            # TRANSLATORS: the names of what 'objector doctor' checks, shown before each finding
            N_("python"),
            sys.version_info >= (3, 11),
            f"Python {version} ({platform.system()})",
            "" if sys.version_info >= (3, 11) else _("install Python 3.11 or newer"),
        )
    )
    add(_language())
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            add(
                Finding(
                    f"package {name}",
                    False,
                    _("not installed"),
                    # TRANSLATORS: the two commands stay as they are
                    _("pip install -e . (or pip install ai-objector)"),
                )
            )
    add(Finding(N_("packages"), True, ", ".join(versions)))

    from .config.settings import load_settings

    try:
        settings = load_settings().with_home(home_override)
    except UserError as exc:
        add(
            Finding(
                N_("settings"),
                False,
                str(exc),
                _("fix the value in .env or the environment (see .env.example)"),
            )
        )
        return found
    if settings.site_map:
        # TRANSLATORS: {home} is objector's folder, {site_map} the value of OBJECTOR_SITE_MAP
        where = _("home {home}, site map {site_map}").format(home=settings.home, site_map=settings.site_map)
    else:
        # TRANSLATORS: {home} is objector's folder
        where = _("home {home}").format(home=settings.home)
    add(Finding(N_("settings"), True, where))
    found.extend(_home(settings.home))
    found.extend(_accounts(settings))
    found.extend(_flows(settings))
    found.append(_display(settings))
    found.append(_browser(settings))
    found.append(_sessions_at_rest(settings))
    found.append(_practice_site(settings.sites) if settings.site_map else _reachability())
    if settings.imap_host:
        found.append(_mailbox(settings))
    return found


def _home(home: Path) -> list[Finding]:
    if not home.exists():
        return [
            Finding(
                N_("home folder"),
                True,
                _("{home} will be created on the first run (private, 0700)").format(home=home),
            )
        ]
    problems = []
    try:
        with tempfile.NamedTemporaryFile(dir=home, prefix=".doctor.", suffix=".tmp"):
            pass
    except OSError as exc:
        problems.append(
            Finding(
                N_("home folder"),
                False,
                _("{home} is not writable ({problem})").format(home=home, problem=exc.strerror or exc),
                _("check the folder's owner and free space, or set OBJECTOR_HOME"),
            )
        )
    if os.name == "posix":
        mode = home.stat().st_mode & 0o777
        if mode & 0o077:
            problems.append(
                Finding(
                    N_("home privacy"),
                    False,
                    # TRANSLATORS: {mode} is the folder's permissions in octal, e.g. 755
                    _("{home} is readable by others (mode {mode})").format(home=home, mode=f"{mode:o}"),
                    f"chmod 700 {home}",
                )
            )
    return problems or [
        Finding(N_("home folder"), True, _("{home} is writable and private").format(home=home))
    ]


def _accounts(settings) -> list[Finding]:
    from .config.accounts import load_accounts

    try:
        accounts = load_accounts(settings.accounts_file)
    except UserError as exc:
        return [
            Finding(N_("accounts"), False, str(exc), _("fix the named field, or run 'objector accounts add'"))
        ]
    if not accounts:
        none = _("none yet ({file}); 'objector run' will ask").format(file=settings.accounts_file)
        return [Finding(N_("accounts"), True, none)]
    count = len(accounts)
    # TRANSLATORS: {count} accounts are valid in the accounts file {file}
    valid = ngettext("{count} valid in {file}", "{count} valid in {file}", count)
    return [Finding(N_("accounts"), True, valid.format(count=count, file=settings.accounts_file))]


def _flows(settings) -> list[Finding]:
    from .config.flows import load_flows, unofficial_label, unofficial_service

    try:
        flows = load_flows(settings.layout.flows)
    except UserError as exc:
        return [Finding(N_("flows"), False, str(exc), _("fix or remove that flow file"))]
    mine = [f"{k} ({v.path})" for k, v in flows.items() if v.source == "user"]
    ids, count = ", ".join(sorted(flows)), len(flows)
    if mine:
        # TRANSLATORS: {count} flows are valid, {ids} their ids; {mine} the person's own flow files
        detail = ngettext("{count} valid: {ids}; yours: {mine}", "{count} valid: {ids}; yours: {mine}", count)
    else:
        # TRANSLATORS: {count} flows are valid, {ids} their ids
        detail = ngettext("{count} valid: {ids}", "{count} valid: {ids}", count)
    found = [Finding(N_("flows"), True, detail.format(count=count, ids=ids, mine=", ".join(mine)))]
    for flow_id, loaded in sorted(flows.items()):
        try:
            service = unofficial_service(loaded.flow, settings.sites)
        except UserError as exc:
            found.append(
                Finding(N_("official forms"), False, str(exc), _("remove the entry from OBJECTOR_SITE_MAP"))
            )
            continue
        if service:
            found.append(
                Finding(
                    N_("official forms"),
                    False,
                    # TRANSLATORS: {label} says whose form it is not, e.g. "not Instagram's official form"
                    _("{flow} ({path}) is {label}; its records will say so").format(
                        flow=flow_id, path=loaded.path, label=unofficial_label(service)
                    ),
                    _("remove that flow file to use the bundled, official one"),
                )
            )
    return found


def _display(settings) -> Finding:
    """A headful run needs a display; say so before 'objector run' finds out the hard way."""
    from .engine.browser import display_problem

    if settings.headless:
        return Finding(N_("display"), True, _("not needed (OBJECTOR_HEADLESS=1)"))
    problem = display_problem()
    if problem:
        return Finding(
            N_("display"),
            False,
            _("no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)"),
            _(
                "run objector in a terminal on your desktop, where its browser window can open for you "
                "to log in; 'objector check' and 'objector demo --auto-login' also work with "
                "OBJECTOR_HEADLESS=1"
            ),
        )
    return Finding(N_("display"), True, _("a graphical display is available for the browser window"))


def _browser(settings) -> Finding:
    from playwright.sync_api import Error as PlaywrightError

    from .engine.browser import discover, driver, launch_args

    try:
        playwright = driver()
        choice = discover(settings.browser, playwright)
        try:
            browser = playwright.chromium.launch(headless=True, args=launch_args(), **choice.launch_options())
        except PlaywrightError as exc:
            return Finding(
                N_("browser"),
                False,
                # TRANSLATORS: {browser} names the browser found, {error} is Playwright's (English) error
                _("{browser} did not start: {error}").format(
                    browser=choice.description, error=str(exc).splitlines()[0]
                ),
                _browser_fix(settings.browser),
            )
        version = browser.version
        browser.close()
    except UserError as exc:
        return Finding(N_("browser"), False, str(exc), _browser_fix(settings.browser))
    detail = _("{browser}, version {version} (started headless)").format(
        browser=choice.description, version=version
    )
    return Finding(N_("browser"), True, detail)


def _sessions_at_rest(settings) -> Finding:
    """Whether the logins kept in the browser profiles are sealed by the system's keyring; a
    warning when they are kept with the fixed key (doctor still passes: the run works)."""
    from .engine.keystore import FIXED_KEY_ADVICE, FIXED_KEY_RISK, sealing

    seal = sealing(settings.password_store)
    if seal.sealed and (seal.keyring.found or seal.platform == "win32"):
        return Finding(N_("logins at rest"), True, seal.at_rest)
    risk = _(FIXED_KEY_RISK).format(profiles=settings.layout.profiles)
    # TRANSLATORS: {advice} is advice on deleting the kept logins (a sentence without a full stop)
    fix = _("{advice}; or use a desktop session with a keyring (GNOME Keyring, KWallet)").format(
        advice=_(FIXED_KEY_ADVICE)
    )
    # TRANSLATORS: {state} says how the logins are kept, {risk} what follows from that
    detail = _("{state}, so {risk}").format(state=seal.at_rest, risk=risk)
    return Finding(N_("logins at rest"), False, detail, fix, warning=True)


def _can_connect(host: str, timeout: float) -> bool:
    import socket

    try:
        socket.create_connection((host, 443), timeout=timeout).close()
    except OSError:
        return False
    return True


def _reachability(hosts: tuple[str, ...] = META_HOSTS, timeout: float = 3.0) -> Finding:
    """Whether Meta's form hosts answer on port 443, all within ``timeout`` seconds.

    A name lookup can hang far longer than a socket timeout, so each host is tried
    in its own thread and a host that has not answered by then counts as unreachable.
    Unreachable is a warning: the practice demo and every offline command still work.
    """
    import threading

    results: dict[str, bool] = {}

    def probe(host: str) -> None:
        results[host] = _can_connect(host, timeout)

    threads = [threading.Thread(target=probe, args=(h,), daemon=True) for h in hosts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    unreachable = [h for h in hosts if not results.get(h)]
    if not unreachable:
        # TRANSLATORS: {hosts} are host names, e.g. help.instagram.com, www.facebook.com
        answer = _("{hosts} answer (port 443)").format(hosts=", ".join(hosts))
        return Finding(N_("Meta's hosts"), True, answer)
    return Finding(
        N_("Meta's hosts"),
        False,
        _("cannot reach {hosts} within {seconds} s").format(
            hosts=", ".join(unreachable), seconds=f"{timeout:g}"
        ),
        _("check the internet connection, proxy or firewall before 'objector run' (the demo works offline)"),
        warning=True,
    )


def _practice_site(sites, timeout: float = 2.0) -> Finding:
    """With OBJECTOR_SITE_MAP set nothing goes to the services: whether the mapped origins answer."""
    import socket
    from urllib.parse import urlsplit

    from .proof.outcome import PRACTICE_MARK

    origins = sorted(set(sites.targets.values()))
    silent = []
    for origin in origins:
        parts = urlsplit(origin)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            socket.create_connection((parts.hostname or "", port), timeout=timeout).close()
        except OSError:
            silent.append(origin)
    hosts = len(sites.targets)
    # TRANSLATORS: {mark} is the translation of "PRACTICE — nothing was sent to the service"
    where = ngettext(
        "{mark}: OBJECTOR_SITE_MAP sends {count} host to the practice site",
        "{mark}: OBJECTOR_SITE_MAP sends {count} hosts to the practice site",
        hosts,
    ).format(mark=_(PRACTICE_MARK), count=hosts)
    if not silent:
        # TRANSLATORS: {where} is the sentence about OBJECTOR_SITE_MAP before it
        answer = ngettext(
            "{where}; all {count} addresses answer", "{where}; all {count} addresses answer", len(origins)
        )
        return Finding(N_("practice site"), True, answer.format(where=where, count=len(origins)))
    # TRANSLATORS: {where} is the sentence about OBJECTOR_SITE_MAP before it; {first} an address
    silence = ngettext(
        "{where}; {silent} of {count} addresses do not answer (first: {first})",
        "{where}; {silent} of {count} addresses do not answer (first: {first})",
        len(origins),
    )
    return Finding(
        N_("practice site"),
        False,
        silence.format(where=where, silent=len(silent), count=len(origins), first=silent[0]),
        _(
            "start it in another terminal with 'objector practice' "
            "(or unset OBJECTOR_SITE_MAP for the real services)"
        ),
    )


def _mailbox(settings) -> Finding:
    from .mail.client import Mailbox, MailError, get_password

    ms = settings.mail_settings()
    try:
        with Mailbox(ms, get_password(ms)):
            pass
    except MailError as exc:
        return Finding(
            N_("mailbox"), False, str(exc), _("check the OBJECTOR_IMAP_* settings and the password")
        )
    # TRANSLATORS: {server} is the mail server, {user} the mailbox's user name
    logged_in = _("logged in to {server} as {user}").format(server=ms.where, user=ms.user)
    return Finding(N_("mailbox"), True, logged_in)


def as_json(findings: list[Finding]) -> list[dict]:
    return [asdict(f) for f in findings]
