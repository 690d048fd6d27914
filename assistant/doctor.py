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
        return (
            "correct OBJECTOR_BROWSER (a browser's full path, or one of chrome, chrome-beta, msedge, "
            "msedge-beta, chromium), or unset it to let objector find a browser"
        )
    from .browser_setup import INSTALL_HINT, WAYS_OUT

    return f"run '{INSTALL_HINT}' (objector run/demo/check offer it), or {WAYS_OUT}"


@dataclass
class Finding:
    check: str
    ok: bool
    detail: str
    fix: str = ""
    warning: bool = False  # worth knowing, but not a reason for doctor to fail


def diagnose(home_override: Path | None = None) -> list[Finding]:
    found: list[Finding] = []
    add = found.append
    version = ".".join(map(str, sys.version_info[:3]))
    add(
        Finding(
            "python",
            sys.version_info >= (3, 11),
            f"Python {version} ({platform.system()})",
            "" if sys.version_info >= (3, 11) else "install Python 3.11 or newer",
        )
    )
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            add(
                Finding(
                    f"package {name}", False, "not installed", "pip install -e . (or pip install ai-objector)"
                )
            )
    add(Finding("packages", True, ", ".join(versions)))

    from .config.settings import load_settings

    try:
        settings = load_settings().with_home(home_override)
    except UserError as exc:
        add(
            Finding(
                "settings", False, str(exc), "fix the value in .env or the environment (see .env.example)"
            )
        )
        return found
    add(
        Finding(
            "settings",
            True,
            f"home {settings.home}" + (f", site map {settings.site_map}" if settings.site_map else ""),
        )
    )
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
        return [Finding("home folder", True, f"{home} will be created on the first run (private, 0700)")]
    problems = []
    try:
        with tempfile.NamedTemporaryFile(dir=home, prefix=".doctor.", suffix=".tmp"):
            pass
    except OSError as exc:
        problems.append(
            Finding(
                "home folder",
                False,
                f"{home} is not writable ({exc.strerror or exc})",
                "check the folder's owner and free space, or set OBJECTOR_HOME",
            )
        )
    if os.name == "posix":
        mode = home.stat().st_mode & 0o777
        if mode & 0o077:
            problems.append(
                Finding(
                    "home privacy",
                    False,
                    f"{home} is readable by others (mode {mode:o})",
                    f"chmod 700 {home}",
                )
            )
    return problems or [Finding("home folder", True, f"{home} is writable and private")]


def _accounts(settings) -> list[Finding]:
    from .config.accounts import load_accounts

    try:
        accounts = load_accounts(settings.accounts_file)
    except UserError as exc:
        return [Finding("accounts", False, str(exc), "fix the named field, or run 'objector accounts add'")]
    if not accounts:
        return [Finding("accounts", True, f"none yet ({settings.accounts_file}); 'objector run' will ask")]
    return [Finding("accounts", True, f"{len(accounts)} valid in {settings.accounts_file}")]


def _flows(settings) -> list[Finding]:
    from .config.flows import load_flows, unofficial_label, unofficial_service

    try:
        flows = load_flows(settings.layout.flows)
    except UserError as exc:
        return [Finding("flows", False, str(exc), "fix or remove that flow file")]
    mine = [f"{k} ({v.path})" for k, v in flows.items() if v.source == "user"]
    detail = f"{len(flows)} valid: {', '.join(sorted(flows))}"
    if mine:
        detail += f"; yours: {', '.join(mine)}"
    found = [Finding("flows", True, detail)]
    for flow_id, loaded in sorted(flows.items()):
        try:
            service = unofficial_service(loaded.flow, settings.sites)
        except UserError as exc:
            found.append(
                Finding("official forms", False, str(exc), "remove the entry from OBJECTOR_SITE_MAP")
            )
            continue
        if service:
            found.append(
                Finding(
                    "official forms",
                    False,
                    f"{flow_id} ({loaded.path}) is {unofficial_label(service)}; its records will say so",
                    "remove that flow file to use the bundled, official one",
                )
            )
    return found


def _display(settings) -> Finding:
    """A headful run needs a display; say so before 'objector run' finds out the hard way."""
    from .engine.browser import display_problem

    if settings.headless:
        return Finding("display", True, "not needed (OBJECTOR_HEADLESS=1)")
    problem = display_problem()
    if problem:
        return Finding(
            "display",
            False,
            "no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)",
            "run objector in a terminal on your desktop, where its browser window can open for you "
            "to log in; 'objector check' and 'objector demo --auto-login' also work with "
            "OBJECTOR_HEADLESS=1",
        )
    return Finding("display", True, "a graphical display is available for the browser window")


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
                "browser",
                False,
                f"{choice.description} did not start: {str(exc).splitlines()[0]}",
                _browser_fix(settings.browser),
            )
        version = browser.version
        browser.close()
    except UserError as exc:
        return Finding("browser", False, str(exc), _browser_fix(settings.browser))
    return Finding("browser", True, f"{choice.description}, version {version} (started headless)")


def _sessions_at_rest(settings) -> Finding:
    """Whether the logins kept in the browser profiles are sealed by the system's keyring; a
    warning when they are kept with the fixed key (doctor still passes: the run works)."""
    from .engine.keystore import FIXED_KEY_ADVICE, FIXED_KEY_RISK, sealing

    seal = sealing(settings.password_store)
    if seal.sealed and (seal.keyring.found or seal.platform == "win32"):
        return Finding("logins at rest", True, seal.at_rest)
    risk = FIXED_KEY_RISK.format(profiles=settings.layout.profiles)
    fix = f"{FIXED_KEY_ADVICE}; or use a desktop session with a keyring (GNOME Keyring, KWallet)"
    return Finding("logins at rest", False, f"{seal.at_rest}, so {risk}", fix, warning=True)


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
        return Finding("Meta's hosts", True, f"{', '.join(hosts)} answer (port 443)")
    return Finding(
        "Meta's hosts",
        False,
        f"cannot reach {', '.join(unreachable)} within {timeout:g} s",
        "check the internet connection, proxy or firewall before 'objector run' (the demo works offline)",
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
    where = f"{PRACTICE_MARK}: OBJECTOR_SITE_MAP sends {len(sites.targets)} hosts to the practice site"
    if not silent:
        return Finding("practice site", True, f"{where}; all {len(origins)} addresses answer")
    return Finding(
        "practice site",
        False,
        f"{where}; {len(silent)} of {len(origins)} addresses do not answer (first: {silent[0]})",
        "start it in another terminal with 'objector practice' "
        "(or unset OBJECTOR_SITE_MAP for the real services)",
    )


def _mailbox(settings) -> Finding:
    from .mail.client import Mailbox, MailError, get_password

    ms = settings.mail_settings()
    try:
        with Mailbox(ms, get_password(ms)):
            pass
    except MailError as exc:
        return Finding("mailbox", False, str(exc), "check the OBJECTOR_IMAP_* settings and the password")
    return Finding("mailbox", True, f"logged in to {ms.where} as {ms.user}")


def as_json(findings: list[Finding]) -> list[dict]:
    return [asdict(f) for f in findings]
