"""Sessions sealed at rest: does the system offer Chromium a keyring for its cookie encryption?

Chromium encrypts the cookies of a profile (the person's logins) with a key it keeps in the
system's keyring: the macOS Keychain, Windows DPAPI, or on Linux the Secret Service
(GNOME Keyring, KeePassXC, recent KWallet) or KWallet. Playwright starts it with
``--password-store=basic`` and ``--use-mock-keychain`` instead, and then that key is a fixed,
public one: anyone who copies the profile folder has the logins. objector lets Chromium use the
keyring wherever the system has one, and says so where it has none (``objector doctor`` and the
first run).

``OBJECTOR_PASSWORD_STORE`` decides: ``auto`` (the default: the keyring when one is found),
``keyring`` (always ask Chromium for the keyring) or ``basic`` (the fixed key, for a keyring that
misbehaves). Finding a Linux keyring only asks the session bus which names are taken: nothing is
started, unlocked or prompted for, and it gives up after a fraction of a second.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from ..i18n import N_, _

PASSWORD_STORES = ("auto", "keyring", "basic")
#: What Playwright passes to Chromium on every platform, and what seals nothing: a fixed key on
#: Linux, a mock keychain (a fixed key too) on macOS. Left out when the keyring is used.
BASIC_SWITCHES = ("--password-store=basic", "--use-mock-keychain")
#: How long finding a Linux keyring may take (connecting to the session bus and one question).
DETECT_TIMEOUT = 0.8

#: Session-bus names of the Linux keyrings, in the order preferred, and Chromium's store for each.
LINUX_KEYRINGS = (
    (
        "org.freedesktop.secrets",
        # TRANSLATORS: the Linux keyrings that answer as the Secret Service; the names stay as they are
        N_("Secret Service (GNOME Keyring, KeePassXC or KWallet)"),
        "gnome-libsecret",
    ),
    ("org.kde.kwalletd6", "KWallet 6", "kwallet6"),
    ("org.kde.kwalletd5", "KWallet 5", "kwallet5"),
    ("org.kde.kwalletd", "KWallet", "kwallet"),
)


@dataclass(frozen=True)
class Keyring:
    """The system keyring Chromium can seal the profiles' cookies with, or why there is none."""

    name: str | None  # "macOS Keychain", "Windows DPAPI", "KWallet 5", …; None: none found
    store: str | None = None  # Chromium's --password-store value for it (Linux only)
    reason: str = ""  # why none was found, in a few words (English, marked: shown translated)

    @property
    def found(self) -> bool:
        return self.name is not None

    @property
    def why(self) -> str:
        """``reason`` in the language in use."""
        return _(self.reason) if self.reason else ""


def platform_key(platform: str | None = None) -> str:
    name = platform or sys.platform
    return "win32" if name == "win32" else "darwin" if name == "darwin" else "linux"


def detect_keyring(
    platform: str | None = None, environ: Mapping[str, str] | None = None, timeout: float = DETECT_TIMEOUT
) -> Keyring:
    """The keyring this system offers Chromium (never prompts, unlocks or starts anything)."""
    key = platform_key(platform)
    if key == "win32":
        return Keyring("Windows DPAPI")  # Chromium uses it whatever it is told
    if key == "darwin":
        return Keyring("macOS Keychain")
    env = os.environ if environ is None else environ
    address = env.get("DBUS_SESSION_BUS_ADDRESS", "")
    if not address:
        # TRANSLATORS: why no keyring was found (the session bus is the desktop's message bus)
        return Keyring(None, reason=N_("no session bus: DBUS_SESSION_BUS_ADDRESS is not set"))
    names = _bus_names(address, timeout)
    if names is None:
        return Keyring(None, reason=N_("the session bus did not answer"))
    for bus_name, label, store in LINUX_KEYRINGS:
        if bus_name in names:
            return Keyring(label, store=store)
    return Keyring(None, reason=N_("no Secret Service or KWallet answers on the session bus"))


def _bus_names(address: str, timeout: float) -> frozenset[str] | None:
    """The names taken on the session bus at ``address``, or None when it cannot be asked in time."""
    found: list[frozenset[str]] = []

    def ask() -> None:
        try:
            from jeepney.bus_messages import message_bus
            from jeepney.io.blocking import open_dbus_connection
        except ImportError:
            return
        try:
            with open_dbus_connection(bus=address, auth_timeout=timeout) as connection:
                reply = connection.send_and_get_reply(message_bus.ListNames(), timeout=timeout)
            found.append(frozenset(str(name) for name in reply.body[0]))
        except Exception:  # noqa: BLE001 - any failure to ask means no keyring to rely on
            return

    worker = threading.Thread(target=ask, name="objector-keyring", daemon=True)
    worker.start()
    worker.join(timeout * 2)  # connect + authenticate, then the question: each within ``timeout``
    return found[0] if found else None


@functools.cache
def system_keyring() -> Keyring:
    """This computer's keyring, found once per process."""
    return detect_keyring()


@dataclass(frozen=True)
class Sealing:
    """How the cookies of the kept browser profiles are encrypted at rest."""

    mode: str  # OBJECTOR_PASSWORD_STORE: auto, keyring or basic
    keyring: Keyring
    platform: str  # linux, darwin or win32

    @property
    def sealed(self) -> bool:
        """Does Chromium get the system's keyring (not the fixed key)?"""
        if self.platform == "win32":
            return True  # DPAPI, whatever the switches say
        if self.mode == "basic":
            return False
        return self.mode == "keyring" or self.keyring.found

    @property
    def args(self) -> list[str]:
        """objector's own switches for the password store."""
        if not self.sealed:
            return ["--password-store=basic"]
        if self.platform == "linux" and self.keyring.store:
            return [f"--password-store={self.keyring.store}"]  # whatever the desktop is
        return []  # Chromium's own choice: the Keychain, DPAPI, or the desktop's keyring

    @property
    def ignored_defaults(self) -> list[str]:
        """Playwright's default switches left out (``ignore_default_args``)."""
        return list(BASIC_SWITCHES) if self.sealed else []

    def adjust(self, args: list[str]) -> list[str]:
        """``args`` (objector's launch switches) with the password store this sealing wants."""
        kept = [arg for arg in args if arg not in BASIC_SWITCHES and not arg.startswith("--password-store=")]
        return [*kept, *self.args]

    @property
    def at_rest(self) -> str:
        """What protects the kept logins, in a few words (for ``objector doctor``)."""
        if self.platform == "win32":
            return _(
                "your logins in the browser profiles are encrypted with Windows DPAPI (your Windows login)"
            )
        if self.sealed and self.keyring.found:
            # TRANSLATORS: {keyring} is e.g. "macOS Keychain", "KWallet 5"
            return _("your logins in the browser profiles are encrypted with a key kept in {keyring}").format(
                keyring=_(str(self.keyring.name))
            )
        if self.sealed:
            # TRANSLATORS: {reason} says why no keyring was found
            return _(
                "OBJECTOR_PASSWORD_STORE=keyring: Chromium is asked to use the system keyring, but "
                "none was found ({reason}); without one it falls back to a fixed key"
            ).format(reason=self.keyring.why)
        why = "OBJECTOR_PASSWORD_STORE=basic" if self.mode == "basic" else self.keyring.why
        # TRANSLATORS: {reason} says why, e.g. "the session bus did not answer" or
        # "OBJECTOR_PASSWORD_STORE=basic"
        return _("no keyring for the browser ({reason})").format(reason=why)


def sealing(mode: str = "auto", platform: str | None = None, keyring: Keyring | None = None) -> Sealing:
    """The sealing for ``OBJECTOR_PASSWORD_STORE=mode`` on this computer (the keyring found once)."""
    key = platform_key(platform)
    if keyring is None:
        # only 'auto' needs to know (and 'keyring', for the Linux store to name); basic asks nothing
        keyring = Keyring(None, reason=N_("not looked for")) if mode == "basic" else system_keyring()
    return Sealing(mode=mode, keyring=keyring, platform=key)


#: shown translated: ``_(FIXED_KEY_RISK).format(profiles=...)``, ``_(FIXED_KEY_ADVICE)``
# TRANSLATORS: {profiles} is the folder of the browser profiles
FIXED_KEY_RISK = N_("sessions are stored with a fixed key: anyone who copies {profiles} can use your logins")
FIXED_KEY_ADVICE = N_("use 'objector forget --sessions' when you are done, or 'objector run --no-keep-login'")


def fixed_key_warning(profiles: object) -> str:
    """The risk of unsealed sessions and what to do, in one line (the first run)."""
    # TRANSLATORS: {risk} is "sessions are stored with a fixed key: …", {advice} "use 'objector forget …'"
    return _("{risk}; {advice}").format(
        risk=_(FIXED_KEY_RISK).format(profiles=profiles), advice=_(FIXED_KEY_ADVICE)
    )
