"""Finding a browser and opening one persistent profile per account.

Order: ``OBJECTOR_BROWSER`` (a channel name or a path), the person's installed
Google Chrome, Microsoft Edge, the Chromium that Playwright manages, then a
system Chromium. Each account gets its own profile folder under
``$OBJECTOR_HOME/profiles/<name>`` so the person logs in once per account.
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UserError
from ..i18n import N_, _
from ..storage import private_dir

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Playwright

    from .keystore import Sealing

CHANNELS = ("chrome", "chrome-beta", "msedge", "msedge-beta", "chromium")

# Where the branded browsers install themselves, per platform.
_CHANNEL_PATHS: dict[str, dict[str, list[str]]] = {
    "chrome": {
        "linux": ["/opt/google/chrome/chrome"],
        "darwin": ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"],
        "win32": [
            r"%PROGRAMFILES%\Google\Chrome\Application\chrome.exe",
            r"%PROGRAMFILES(X86)%\Google\Chrome\Application\chrome.exe",
            r"%LOCALAPPDATA%\Google\Chrome\Application\chrome.exe",
        ],
    },
    "msedge": {
        "linux": ["/opt/microsoft/msedge/msedge"],
        "darwin": ["/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"],
        "win32": [
            r"%PROGRAMFILES(X86)%\Microsoft\Edge\Application\msedge.exe",
            r"%PROGRAMFILES%\Microsoft\Edge\Application\msedge.exe",
        ],
    },
}
_SYSTEM_CHROMIUM = ("chromium", "chromium-browser")

LAUNCH_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--no-default-browser-check",
    "--password-store=basic",
)

NO_BROWSER_HELP = N_(
    "No browser found. Install Google Chrome (https://www.google.com/chrome/), or run "
    "'playwright install chromium', or set OBJECTOR_BROWSER to a browser's path."
)


@dataclass(frozen=True)
class BrowserChoice:
    description: str
    channel: str | None = None
    executable: Path | None = None

    def launch_options(self) -> dict[str, Any]:
        if self.executable is not None:
            return {"executable_path": str(self.executable)}
        if self.channel and self.channel != "chromium":
            return {"channel": self.channel}
        return {}

    def version(self) -> str | None:
        """The browser's own version line, where it prints one (not on Windows)."""
        exe = self.executable or _channel_path(self.channel or "")
        if exe is None or sys.platform == "win32":
            return None
        try:
            out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return out.stdout.strip() or None


def _platform_key() -> str:
    return "win32" if sys.platform == "win32" else "darwin" if sys.platform == "darwin" else "linux"


def _channel_path(channel: str) -> Path | None:
    family = "msedge" if channel.startswith("msedge") else "chrome" if channel.startswith("chrome") else ""
    for raw in _CHANNEL_PATHS.get(family, {}).get(_platform_key(), []):
        path = Path(os.path.expandvars(raw))
        if path.is_file():
            return path
    return None


def _managed_chromium(playwright: Playwright | None) -> Path | None:
    if playwright is None:
        return None
    try:
        path = Path(playwright.chromium.executable_path)
    except Exception:  # noqa: BLE001 - Playwright raises plain errors when nothing is installed
        return None
    return path if path.is_file() else None


def _system_chromium() -> Path | None:
    for name in _SYSTEM_CHROMIUM:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def discover(requested: str | None, playwright: Playwright | None = None) -> BrowserChoice:
    """Pick the browser to use, or raise UserError saying how to get one."""
    if requested:
        return _requested(requested, playwright)
    chrome = _channel_path("chrome")
    if chrome:
        return BrowserChoice(_("Google Chrome (your installed Chrome)"), channel="chrome")
    edge = _channel_path("msedge")
    if edge:
        return BrowserChoice(_("Microsoft Edge (your installed Edge)"), channel="msedge")
    managed = _managed_chromium(playwright)
    if managed:
        return BrowserChoice(
            # TRANSLATORS: {path} is where the browser's program is
            _("Chromium managed by Playwright ({path})").format(path=managed),
            executable=managed,
        )
    system = _system_chromium()
    if system:
        return BrowserChoice(f"Chromium ({system})", executable=system)
    raise UserError(_(NO_BROWSER_HELP))


def _requested(requested: str, playwright: Playwright | None) -> BrowserChoice:
    value = requested.strip()
    if value in CHANNELS:
        if value == "chromium":
            found = _managed_chromium(playwright) or _system_chromium()
            if found is None:
                raise UserError(
                    # TRANSLATORS: {help} is the sentence "No browser found. Install Google Chrome …"
                    _("OBJECTOR_BROWSER=chromium: no Chromium found. {help}").format(help=_(NO_BROWSER_HELP))
                )
            return BrowserChoice(f"Chromium ({found})", executable=found)
        if _channel_path(value) is None:
            raise UserError(
                # TRANSLATORS: {channel} is a browser's name, e.g. chrome-beta; {help} is the sentence
                # "No browser found. Install Google Chrome …"
                _("OBJECTOR_BROWSER={channel}: that browser is not installed. {help}").format(
                    channel=value, help=_(NO_BROWSER_HELP)
                )
            )
        # TRANSLATORS: {channel} is a browser's name, e.g. chrome-beta
        return BrowserChoice(_("{channel} (installed)").format(channel=value), channel=value)
    path = Path(value).expanduser()
    if not path.is_file() or not os.access(path, os.X_OK):
        raise UserError(
            # TRANSLATORS: {value} is what OBJECTOR_BROWSER says; {channels} the browser names it may say
            _("OBJECTOR_BROWSER={value}: not a browser channel ({channels}) nor an executable file.").format(
                value=value, channels=", ".join(CHANNELS)
            )
        )
    return BrowserChoice(f"{path.name} ({path})", executable=path)


def profile_dir(home: Path, account: str) -> Path:
    from ..config.home import Home
    from .profiles import prepare_profile, profile_path

    private_dir(Home(home).profiles)
    return prepare_profile(private_dir(profile_path(home, account)))


#: Chromium features turned off on top of Playwright's own list. Recent Chromium builds the
#: address bar's suggestion box as a web page it loads at start, headless too, and that page keeps
#: a process busy for the first seconds: about half of the browser's CPU time in a short flow (measured
#: on Chromium 156: 2.9 s against 1.4 s for launch + 3 s on a page). Without it Chromium uses its
#: native suggestion box; the address bar works as before.
EXTRA_DISABLED_FEATURES = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup")
#: Playwright's own ``--disable-features`` list (1.65), used when it cannot be read from the driver.
#: Chromium keeps only the last ``--disable-features`` switch, so objector's repeats Playwright's.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
)
_FEATURE_LIST_RE = re.compile(rb"disabledFeatures\s*=\s*\[(.*?)\]", re.DOTALL)
_FEATURE_NAME_RE = re.compile(rb"""^\s*["']([A-Za-z0-9_]+)["']""", re.MULTILINE)


@functools.cache
def playwright_disabled_features() -> tuple[str, ...]:
    """The features the installed Playwright turns off in Chromium, read from its driver (the list
    changes between versions); the 1.65 list when the driver's files do not say."""
    try:
        import playwright

        lib = Path(playwright.__file__).parent / "driver" / "package" / "lib"
        for path in (lib / "coreBundle.js", lib / "server" / "chromium" / "chromiumSwitches.js"):
            if not path.is_file():
                continue
            # the bundle is megabytes: look where the list starts instead of decoding it all
            data = path.read_bytes()
            start = data.find(b"disabledFeatures =")
            found = _FEATURE_LIST_RE.match(data, start) if start >= 0 else None
            if found and (names := _FEATURE_NAME_RE.findall(found.group(1))):
                return tuple(name.decode("ascii") for name in names)
    except (ImportError, OSError):
        pass
    return PLAYWRIGHT_DISABLED_FEATURES


def disabled_features_arg() -> str:
    names = dict.fromkeys([*playwright_disabled_features(), *EXTRA_DISABLED_FEATURES])
    return "--disable-features=" + ",".join(names)


def launch_args() -> list[str]:
    args = [*LAUNCH_ARGS, disabled_features_arg()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to start as root otherwise
    return args


NO_DISPLAY_HELP = N_(
    "there is no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the browser "
    "window you log in through cannot open. Run objector in a terminal on your desktop, on the "
    "computer you sit at; 'objector check' and 'objector demo --auto-login' can also run with "
    "OBJECTOR_HEADLESS=1 (no window)."
)
# what Chromium and Playwright say when another browser holds a profile's lock
_PROFILE_IN_USE = ("ProcessSingleton", "SingletonLock", "profile appears to be in use", "already in use")


def display_problem(environ: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why a browser window cannot open here, or None (only Linux and the BSDs need a display server)."""
    env = os.environ if environ is None else environ
    name = platform or sys.platform
    if name.startswith(("linux", "freebsd", "openbsd", "netbsd")) and not (
        env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")
    ):
        return _(NO_DISPLAY_HELP)
    return None


def profile_in_use(profile: Path) -> bool:
    """Does a running browser on this computer hold the profile (Chromium's ``SingletonLock``)?

    The lock is a symbolic link to ``<host>-<pid>``; a link left by a browser that
    died is stale, and Chromium itself takes the profile over then.
    """
    try:
        target = os.readlink(profile / "SingletonLock")
    except OSError:
        return False
    host, _, pid = target.rpartition("-")
    if not pid.isdigit():
        return False
    import socket

    if host and host != socket.gethostname():
        return True  # held from another computer (a shared folder): not ours to take
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, it is just not ours to signal
    return True


def profile_busy_message(profile: Path) -> str:
    # TRANSLATORS: {account} is the account's short name, e.g. anna-instagram
    return _("the browser profile for {account} is open in another window — close it and run again").format(
        account=profile.name
    )


def open_profile(
    playwright: Playwright,
    choice: BrowserChoice,
    profile: Path,
    *,
    headless: bool,
    locale: str | None = None,
    sealing: Sealing | None = None,
) -> BrowserContext:
    """Open the account's persistent profile in the chosen browser.

    A missing display or a profile another browser holds is one clear line
    (UserError), found before launching where possible and recognised in the
    browser's own error otherwise. ``sealing`` (``keystore.sealing``) lets Chromium encrypt the
    profile's cookies with the system's keyring; None keeps the fixed key (``--password-store=basic``).
    """
    if not headless and (problem := display_problem()):
        raise UserError(problem)
    if profile_in_use(profile):
        raise UserError(profile_busy_message(profile))
    options: dict[str, Any] = dict(choice.launch_options())
    if headless:
        options["viewport"] = {"width": 1280, "height": 900}
    else:
        options["no_viewport"] = True
        options["args"] = [*launch_args(), "--window-size=1280,960"]
    options.setdefault("args", launch_args())
    if sealing is not None:
        options["args"] = sealing.adjust(options["args"])
        if sealing.ignored_defaults:  # Playwright passes the fixed key's switches itself
            options["ignore_default_args"] = sealing.ignored_defaults
    if locale:
        options["locale"] = locale
    if (env := short_temp_env()) is not None:
        options["env"] = env
    from playwright.sync_api import Error as PlaywrightError

    def launch() -> BrowserContext | PlaywrightError:
        try:
            return playwright.chromium.launch_persistent_context(
                str(profile),
                headless=headless,
                **options,
            )
        except PlaywrightError as exc:
            return exc

    result = launch()
    if (
        isinstance(result, PlaywrightError)
        and "has been closed" in str(result)
        and not profile_in_use(profile)
    ):
        result = launch()  # the browser ended while starting (a busy machine): one more try
    if not isinstance(result, PlaywrightError):
        return result
    text = str(result)
    if any(sign in text for sign in _PROFILE_IN_USE):
        raise UserError(profile_busy_message(profile))
    first = next((line.strip() for line in text.splitlines() if line.strip()), _("no reason given"))
    raise UserError(
        # TRANSLATORS: {error} is the browser's own message, in English
        _("the browser did not start ({error}); 'objector doctor' checks the setup.").format(
            error=first[:200]
        )
    )


#: Chromium keeps a socket at TMPDIR/.org.chromium.Chromium.XXXXXX/SingletonSocket; a socket path
#: over 107 bytes (a deep TMPDIR) makes it quit while starting, with no message of its own.
_LONGEST_TMPDIR = 60


def short_temp_env() -> dict[str, str] | None:
    """The environment for the browser with a short TMPDIR, when the person's is too long for it."""
    current = os.environ.get("TMPDIR", "")
    if os.name != "posix" or len(current) <= _LONGEST_TMPDIR or not os.access("/tmp", os.W_OK):
        return None
    return {**os.environ, "TMPDIR": "/tmp"}


class BrowserSession:
    """The browser of one command (``run``, ``recheck``, ``check``, ``demo``): found once, then one
    persistent profile per account, opened when first needed and closed by the session."""

    def __init__(
        self,
        playwright: Playwright,
        choice: BrowserChoice | None,
        home: Path,
        *,
        headless: bool,
        sealing: Sealing | None = None,
        keep_login: bool = True,
    ):
        self.playwright = playwright
        self.choice = choice
        self.home = home
        self.headless = headless
        self.sealing = sealing  # None: the fixed key (--password-store=basic)
        self.keep_login = keep_login  # False: a temporary profile per account (``run --no-keep-login``)
        self._open: list[BrowserContext] = []
        self._temporary: dict[BrowserContext, Path] = {}  # the temporary profile of each window

    @property
    def description(self) -> str:
        # TRANSLATORS: in place of the browser's name, when the command needs no browser
        return self.choice.description if self.choice else _("(not needed)")

    def fixed_key_notice(self) -> str | None:
        """The risk of the logins this session is about to keep, when nothing seals them and no
        account has a kept profile yet (said once, in the first run); None otherwise."""
        from .keystore import fixed_key_warning
        from .sessions import first_sessions

        if not self.keep_login or self.choice is None or (self.sealing is not None and self.sealing.sealed):
            return None
        if not first_sessions(self.home):
            return None
        from ..config.home import Home

        return fixed_key_warning(Home(self.home).profiles)

    def open(self, account: str, *, timeout: float | None = None) -> BrowserContext:
        """The account's profile in the browser (its own window); ``timeout`` in seconds for actions."""
        if self.choice is None:
            raise RuntimeError("this session was started without a browser (nothing needed one)")
        if self.keep_login:
            profile = profile_dir(self.home, account)
        else:
            from .sessions import new_temporary_profile

            profile = new_temporary_profile(self.home, account)
        try:
            context = open_profile(
                self.playwright, self.choice, profile, headless=self.headless, sealing=self.sealing
            )
        except BaseException:
            if not self.keep_login:  # a temporary profile whose browser did not start (or Ctrl-C)
                from .sessions import remove_profile

                remove_profile(profile)
            raise
        if not self.keep_login:
            self._temporary[context] = profile
        if timeout is not None:
            context.set_default_timeout(timeout * 1000)
        self._open.append(context)
        return context

    def close(self, context: BrowserContext | None) -> None:
        """Close one profile; a window the person already closed is fine. A temporary profile is
        deleted once its browser has ended."""
        if context is None:
            return
        if context in self._open:
            self._open.remove(context)
        try:
            context.close()
        except Exception:  # noqa: BLE001 - the person may have closed it already
            pass
        self._remove_temporary(context)

    def close_all(self) -> None:
        for context in list(self._open):
            self.close(context)

    def _remove_temporary(self, context: BrowserContext) -> None:
        if (profile := self._temporary.pop(context, None)) is not None:
            from .sessions import remove_profile

            remove_profile(profile)


_driver: list[Playwright] = []


def driver() -> Playwright:
    """This process's Playwright driver: started when first needed, stopped when the process ends.

    Starting it costs about half a second of CPU (Node loads Playwright), so a process that opens
    the browser more than once (``demo``, a report printed after a run, a program or test that runs
    objector's engine several times) pays it once. Playwright's sync API allows one driver per
    thread: every part of objector gets it here, never from ``sync_playwright()`` itself.
    """
    if not _driver:
        from playwright.sync_api import sync_playwright

        with _node_compile_cache():
            _driver.append(sync_playwright().start())
        atexit.register(stop_driver)
    return _driver[0]


def driver_started() -> bool:
    """This process's driver is running (``driver()`` has started it)."""
    return bool(_driver)


def driver_while(work: Callable[[], object]) -> None:
    """Start this process's driver (``driver()``) while ``work`` runs in a second thread.

    Node spends about half a second loading Playwright on a CPU of its own while this process
    only waits on a pipe; a command that is going to open the browser does its own imports in
    that half second (``work``, which must not touch Playwright) instead of before or after it.
    Nothing is raised here: a driver that did not start is started again, and its error said,
    where it is first needed, as before; an import that failed fails again where it is used.
    """
    import threading

    def quietly() -> None:
        try:
            work()
        except BaseException:  # noqa: BLE001 - raised again by the import where it is used
            pass

    try:  # Playwright's own Python first, alone: the driver starts only once it is loaded
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pass
    worker = threading.Thread(target=quietly, name="objector-imports", daemon=True)
    worker.start()
    try:
        driver()
    except Exception:  # noqa: BLE001 - started again (and the error said) where it is needed
        pass
    worker.join()


def compile_cache_dir() -> Path:
    """Where Node keeps Playwright's driver code compiled between runs: the user's cache folder
    (it holds no personal data, so it is not in the objector home)."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "objector" / "node-compile-cache"


@contextmanager
def _node_compile_cache() -> Iterator[None]:
    """Let the driver's Node reuse its compiled code (NODE_COMPILE_CACHE, Node 22.1 and later; older
    ones ignore it): about 0.15 s less to start each time. A folder that cannot be made is no cache."""
    if "NODE_COMPILE_CACHE" in os.environ:
        yield
        return
    try:
        folder = private_dir(compile_cache_dir())
    except (UserError, OSError, RuntimeError):
        yield
        return
    os.environ["NODE_COMPILE_CACHE"] = str(folder)
    try:
        yield
    finally:
        os.environ.pop("NODE_COMPILE_CACHE", None)


def stop_driver() -> None:
    """Stop the driver (the browsers it started end with it); the next ``driver()`` starts anew."""
    while _driver:
        playwright = _driver.pop()
        atexit.unregister(stop_driver)
        try:
            playwright.stop()
        except Exception:  # noqa: BLE001 - a driver that already ended has nothing left to stop
            pass


@contextmanager
def session(
    home: Path,
    browser: str | None,
    *,
    headless: bool,
    needed: bool = True,
    password_store: str = "auto",
    keep_login: bool = True,
) -> Iterator[BrowserSession]:
    """One browser session for a command: the browser found (when ``needed``) and every profile it
    opened closed at the end, however the command ends.

    ``password_store`` is OBJECTOR_PASSWORD_STORE (``keystore.sealing``); without ``keep_login``
    each account gets a temporary profile, deleted when it closes."""
    if needed and not headless and (problem := display_problem()):
        raise UserError(problem)  # before the command says anything about accounts
    playwright = driver()
    choice = discover(browser, playwright) if needed else None
    from .keystore import sealing

    seal = sealing(password_store) if needed else None
    opened = BrowserSession(playwright, choice, home, headless=headless, sealing=seal, keep_login=keep_login)
    try:
        yield opened
    finally:
        opened.close_all()
