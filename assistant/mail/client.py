"""Opt-in mailbox support: read Meta's code and confirmation e-mails over IMAP.

Only IMAP over implicit TLS (``imaps``, usually port 993) is spoken; the server
certificate is verified against the system's trust store plus an optional
extra CA file. The password comes from an environment variable or the OS
keyring (the optional ``keyring`` package); it is never logged, printed,
stored, or put into an error message.

The mailbox is opened read-only (EXAMINE) and bodies are fetched with
BODY.PEEK, so nothing is marked as read, moved or deleted.

Typical use::

    settings = MailSettings(host="imap.example.org", user="anna@example.org")
    with Mailbox(settings) as box:
        found = box.wait_for_code("anna@example.org", since=submitted_at, timeout=120)
        if found:
            code, mail = found          # offer `code`; the person confirms it
        confirmation = box.find_confirmation("anna@example.org", since=submitted_at)
        if confirmation:
            (proof_dir / "confirmation.eml").write_bytes(confirmation.raw)
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import re
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from types import TracebackType
from typing import Self

from ..i18n import _
from .messages import (
    TRUSTED_DOMAINS,
    ParsedMail,
    addressed_to,
    extract_code,
    guess_language,
    is_confirmation,
    is_trusted_sender,
    is_whatsapp_answer,
    parse_mail,
)

__all__ = [
    "CLOCK_SKEW",
    "TRUSTED_DOMAINS",
    "FoundMail",
    "MailError",
    "MailSettings",
    "Mailbox",
    "get_password",
]

# How far a mail's time may lie before `since` and still count (clocks of this
# computer, the mail server and Meta's servers differ a little).
CLOCK_SKEW = timedelta(minutes=2)
# At most this many of the newest candidate mails are downloaded per search.
MAX_CANDIDATES = 40
# Mails larger than this are not downloaded (Meta's mails are a few dozen kB).
MAX_MESSAGE_BYTES = 5_000_000

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class MailSettings:
    """Where and how to reach the person's mailbox. Holds no password."""

    host: str
    port: int = 993
    user: str = ""
    password_env: str = "OBJECTOR_IMAP_PASSWORD"  # name of the env var that may hold the password
    keyring_service: str = "objector-imap"  # keyring service name; username = user
    folder: str = "INBOX"
    cafile: str | None = None  # extra CA bundle; the system trust store is always used too
    timeout: float = 20.0

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


class MailError(Exception):
    """A mailbox problem, as one line for the person. Never contains the password."""


def get_password(settings: MailSettings) -> str:
    """The IMAP password: the environment variable first, then the OS keyring.

    Raises MailError saying how to provide one if neither has it.
    """
    value = os.environ.get(settings.password_env)
    if value:
        return value
    keyring_note = ""
    if settings.user:
        try:
            import keyring  # optional dependency
        except ImportError:
            keyring = None  # type: ignore[assignment,unused-ignore]
            keyring_note = "missing"
        if keyring is not None:
            try:
                stored = keyring.get_password(settings.keyring_service, settings.user)
            except Exception:  # noqa: BLE001 - no usable keyring backend, locked keyring, …
                stored = None
                keyring_note = "unreadable"
            if stored:
                return stored
    if not settings.user:
        raise MailError(
            # TRANSLATORS: {where} is host:port, {variable} an environment variable name
            _(
                "No IMAP password for {where}: set the environment variable "
                "{variable} (or set the IMAP user to look it up in the OS keyring)."
            ).format(where=settings.where, variable=settings.password_env)
        )
    values = {
        "user": settings.user,
        "where": settings.where,
        "variable": settings.password_env,
        "command": f"`keyring set {settings.keyring_service} {settings.user}`",
    }
    if keyring_note == "missing":
        raise MailError(
            _(
                "No IMAP password for {user} at {where}: set the environment "
                "variable {variable}, or store it in the OS keyring with "
                "{command} (the optional 'keyring' package is not installed)."
            ).format(**values)
        )
    if keyring_note == "unreadable":
        raise MailError(
            _(
                "No IMAP password for {user} at {where}: set the environment "
                "variable {variable}, or store it in the OS keyring with "
                "{command} (the OS keyring could not be read)."
            ).format(**values)
        )
    raise MailError(
        # TRANSLATORS: {command} is a command to type (keyring set …), {variable} an environment variable
        _(
            "No IMAP password for {user} at {where}: set the environment "
            "variable {variable}, or store it in the OS keyring with {command}."
        ).format(**values)
    )


@dataclass(frozen=True)
class FoundMail:
    """A matching mail from Meta."""

    uid: str  # IMAP UID in the settings' folder
    subject: str
    sender: str  # the From address, lower case
    to: str  # the recipient address that matched, lower case
    date: datetime  # the Date header (aware, UTC); the server's arrival time if it has none
    raw: bytes = field(repr=False)  # the raw RFC 822 message, to keep as an .eml file
    language: str | None = None  # best guess from Content-Language or the text


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken as this computer's local time."""
    return moment.astimezone(UTC)


def _imap_date(moment: datetime) -> str:
    return f"{moment.day:02d}-{_MONTHS[moment.month - 1]}-{moment.year:04d}"


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _one_line(text: object) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(str(text).split())


def _server_text(exc: BaseException) -> str:
    """The server's words from an imaplib error, as one short line."""
    parts = []
    for arg in exc.args:
        parts.append(_one_line(arg))
    text = " ".join(p for p in parts if p)
    text = re.sub(r"^b(['\"])(.*)\1$", r"\2", text)  # imaplib sometimes passes repr(bytes)
    return text[:200]


def _parse_internaldate(value: str) -> datetime | None:
    """'27-Nov-2025 04:48:00 +0100' -> aware UTC datetime."""
    m = re.fullmatch(
        r"\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\s*",
        value,
    )
    if not m:
        return None
    day, mon, year, hh, mm, ss, sign, oh, om = m.groups()
    try:
        month = [x.lower() for x in _MONTHS].index(mon.lower()) + 1
        offset = timedelta(hours=int(oh), minutes=int(om))
        tz = timezone(offset if sign == "+" else -offset)
        moment = datetime(int(year), month, int(day), int(hh), int(mm), int(ss), tzinfo=tz)
        return moment.astimezone(UTC)
    except ValueError:
        return None


def _search_domains() -> list[str]:
    """Trusted domains for a server-side FROM substring search, without redundant ones."""
    return [d for d in TRUSTED_DOMAINS if not any(o != d and o in d for o in TRUSTED_DOMAINS)]


@dataclass
class _Meta:
    uid: str
    arrived: datetime | None
    size: int | None


def _metas(data: list) -> list[_Meta]:
    """UID, arrival and size of each mail in a FETCH (UID INTERNALDATE RFC822.SIZE) answer."""
    metas: list[_Meta] = []
    for item in data:
        line = item[0] if isinstance(item, tuple) else item
        if not isinstance(line, bytes):
            continue
        text = line.decode("ascii", "replace")
        uid_m = re.search(r"\bUID (\d+)", text)
        if not uid_m:
            continue
        date_m = re.search(r'INTERNALDATE "([^"]+)"', text)
        size_m = re.search(r"RFC822\.SIZE (\d+)", text)
        metas.append(
            _Meta(
                uid=uid_m.group(1),
                arrived=_parse_internaldate(date_m.group(1)) if date_m else None,
                size=int(size_m.group(1)) if size_m else None,
            )
        )
    return metas


def _login_step() -> str:
    """The login, as an IMAP step in the person's language."""
    # TRANSLATORS: an IMAP step, shown after "during" or "refused"
    return _("login")


def _connect_error(exc: BaseException, settings: MailSettings, scrub: Callable[[str], str]) -> MailError:
    """One clear line for a connection that could not be opened."""
    where = settings.where
    if isinstance(exc, socket.gaierror):
        return MailError(
            # TRANSLATORS: {where} is the mail server's host:port
            _(
                "Cannot find the mail server {where}: the host name does not resolve "
                "(check the IMAP host setting and the network)."
            ).format(where=where)
        )
    if isinstance(exc, ConnectionRefusedError):
        return MailError(
            _(
                "The mail server {where} refused the connection: check the host and port "
                "(IMAP over TLS is usually port 993)."
            ).format(where=where)
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        detail = _one_line(exc.verify_message or exc.reason or _("verification failed"))
        return MailError(
            # TRANSLATORS: {detail} is the TLS library's own (English) words; keep "cafile" (a setting)
            _(
                "The TLS certificate of the mail server {where} could not be verified ({detail}): "
                "check the host name, or set cafile to the server's CA certificate if it uses "
                "a private one."
            ).format(where=where, detail=detail)
        )
    if isinstance(exc, ssl.SSLError):
        detail = _one_line(exc.reason or exc)
        return MailError(
            _(
                "The TLS handshake with the mail server {where} failed ({detail}): check that "
                "this port speaks IMAP over TLS (implicit TLS, usually 993), not plain IMAP or "
                "STARTTLS (143)."
            ).format(where=where, detail=detail)
        )
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return MailError(
            _(
                "The mail server {where} did not answer within {seconds} s: "
                "check the host, port and network or firewall."
            ).format(where=where, seconds=f"{settings.timeout:g}")
        )
    if isinstance(exc, imaplib.IMAP4.error):
        return MailError(
            # TRANSLATORS: {said} is what the server answered
            _(
                "The server at {where} did not greet like an IMAP server ({said}): check the host and port."
            ).format(where=where, said=scrub(_server_text(exc)))
        )
    if isinstance(exc, OSError):
        detail = _one_line(exc.strerror or exc)
        return MailError(
            _(
                "Cannot connect to the mail server {where} ({detail}): check the host, port and network."
            ).format(where=where, detail=detail)
        )
    return MailError(
        # TRANSLATORS: {detail} is the name of a Python error, such as ValueError
        _("Cannot connect to the mail server {where} ({detail}): check the host and port.").format(
            where=where, detail=type(exc).__name__
        )
    )


def _operation_error(
    exc: BaseException, what: str, settings: MailSettings, scrub: Callable[[str], str]
) -> MailError:
    """One clear line for an IMAP command (``what``) that failed on an open connection."""
    where = settings.where
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return MailError(
            # TRANSLATORS: {what} is one of the IMAP steps, e.g. "the login", "the search"
            _(
                "The mail server {where} stopped answering during {what} "
                "(no reply within {seconds} s): try again later."
            ).format(where=where, what=what, seconds=f"{settings.timeout:g}")
        )
    if isinstance(exc, (imaplib.IMAP4.abort, OSError)):
        detail = scrub(_server_text(exc)) or type(exc).__name__
        return MailError(
            # TRANSLATORS: {what} is one of the IMAP steps, e.g. "the login", "the search"
            _(
                "The connection to the mail server {where} was lost during {what} ({detail}): try again."
            ).format(where=where, what=what, detail=detail)
        )
    if isinstance(exc, imaplib.IMAP4.error):
        return MailError(
            # TRANSLATORS: {what} is one of the IMAP steps, e.g. "the login"; {said} the server's answer
            _("The mail server {where} refused {what} ({said}).").format(
                where=where, what=what, said=scrub(_server_text(exc))
            )
        )
    return MailError(
        # TRANSLATORS: {what} is one of the IMAP steps; {detail} the name of a Python error
        _("Unexpected problem with the mail server {where} during {what} ({detail}).").format(
            where=where, what=what, detail=type(exc).__name__
        )
    )


# ---------------------------------------------------------------------------
# the mailbox
# ---------------------------------------------------------------------------


class Mailbox:
    """A read-only IMAP-over-TLS session. Use as a context manager.

    Methods connect on first use if the context manager was not entered.
    """

    def __init__(self, settings: MailSettings, password: str | None = None):
        self.settings = settings
        self._password = password
        self._imap: imaplib.IMAP4_SSL | None = None

    def __repr__(self) -> str:
        state = "open" if self._imap is not None else "closed"
        return f"Mailbox({self.settings.where}, user={self.settings.user!r}, {state})"

    # -- connection ---------------------------------------------------------

    def __enter__(self) -> Self:
        self.connect()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def connect(self) -> None:
        """Open the TLS connection and log in. Raises MailError."""
        if self._imap is not None:
            return
        settings = self.settings
        where = settings.where
        if not settings.host:
            raise MailError(_("No IMAP host is set: give the mail server's host name."))
        if not settings.user:
            raise MailError(
                _("No IMAP user is set for {where}: give the mailbox's user name.").format(where=where)
            )
        if self._password is None:
            self._password = get_password(settings)

        context = ssl.create_default_context()
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        if settings.cafile:
            try:
                context.load_verify_locations(cafile=settings.cafile)
            except (OSError, ssl.SSLError) as exc:
                reason = getattr(exc, "strerror", None) or getattr(exc, "reason", None) or exc
                raise MailError(
                    _(
                        "Cannot use the CA file {path} for {where} ({detail}): "
                        "check that it is a readable PEM certificate file."
                    ).format(path=settings.cafile, where=where, detail=_one_line(reason))
                ) from None

        try:
            imap = imaplib.IMAP4_SSL(
                settings.host, settings.port, ssl_context=context, timeout=settings.timeout
            )
        except Exception as exc:  # noqa: BLE001 - mapped to one clear line
            raise _connect_error(exc, self.settings, self._scrub) from None

        imap.debug = 0  # imaplib's debug output would show the login exchange
        try:
            self._login(imap)
        except MailError:
            self._shutdown(imap)
            raise
        except Exception as exc:  # noqa: BLE001 - mapped to one clear line
            self._shutdown(imap)
            raise _operation_error(exc, _login_step(), self.settings, self._scrub) from None
        self._imap = imap

    def close(self) -> None:
        """Log out and close the connection (never raises)."""
        imap, self._imap = self._imap, None
        if imap is not None:
            self._shutdown(imap)

    @staticmethod
    def _shutdown(imap: imaplib.IMAP4_SSL) -> None:
        try:
            imap.logout()
        except Exception:  # noqa: BLE001 - closing anyway
            with contextlib.suppress(Exception):
                imap.shutdown()

    def _login(self, imap: imaplib.IMAP4_SSL) -> None:
        settings = self.settings
        user = settings.user
        password = self._password or ""
        capabilities = {c.upper() for c in imap.capabilities}
        try:
            if "AUTH=PLAIN" in capabilities:
                # SASL PLAIN carries UTF-8 user names and passwords, LOGIN only ASCII.
                secret = ("\0" + user + "\0" + password).encode("utf-8")
                imap.authenticate("PLAIN", lambda _challenge: secret)
            elif "LOGINDISABLED" in capabilities:
                raise MailError(
                    _(
                        "The mail server {where} offers no login method this program "
                        "supports (neither AUTH=PLAIN nor LOGIN)."
                    ).format(where=settings.where)
                )
            else:
                imap.login(user, password)
        except imaplib.IMAP4.abort as exc:
            raise _operation_error(exc, _login_step(), self.settings, self._scrub) from None
        except imaplib.IMAP4.error as exc:
            said = self._scrub(_server_text(exc))
            if said:
                raise MailError(
                    # TRANSLATORS: {said} is what the server answered
                    _(
                        "The mail server {where} refused the login for {user} ({said}): "
                        "check the user name and password (many providers need an app password)."
                    ).format(where=settings.where, user=user, said=said)
                ) from None
            raise MailError(
                _(
                    "The mail server {where} refused the login for {user}: "
                    "check the user name and password (many providers need an app password)."
                ).format(where=settings.where, user=user)
            ) from None
        except UnicodeEncodeError:
            raise MailError(
                _(
                    "The mail server {where} only offers plain LOGIN, which cannot carry "
                    "non-ASCII characters in the user name or password of {user}."
                ).format(where=settings.where, user=user)
            ) from None

    def _scrub(self, text: str) -> str:
        password = self._password
        if password and len(password) >= 4:  # shorter would mangle ordinary words
            text = text.replace(password, "***")
        return text

    def _run(self, what: str, call: Callable[[imaplib.IMAP4_SSL], tuple[str, list]]) -> list:
        """Run one IMAP command; MailError unless the server says OK."""
        if self._imap is None:
            self.connect()
        assert self._imap is not None
        try:
            typ, data = call(self._imap)
        except MailError:
            raise
        except Exception as exc:  # noqa: BLE001 - mapped to one clear line
            broken = isinstance(exc, (imaplib.IMAP4.abort, OSError))
            error = _operation_error(exc, what, self.settings, self._scrub)
            if broken:
                self.close()
            raise error from None
        if typ != "OK":
            said = self._scrub(" ".join(_one_line(d) for d in data if d is not None))
            raise MailError(
                _("The mail server {where} refused {what} ({said}).").format(
                    where=self.settings.where, what=what, said=said
                )
            )
        return data

    # -- searching ----------------------------------------------------------

    def _select(self) -> None:
        folder = self.settings.folder or "INBOX"
        name = folder if re.fullmatch(r"[A-Za-z0-9._/-]+", folder) else _quote(folder)
        try:
            # TRANSLATORS: an IMAP step, shown after "during" or "refused"
            opening = _("opening the folder {folder}").format(folder=folder)
            self._run(opening, lambda m: m.select(name, readonly=True))
        except MailError as exc:
            if self._imap is None:  # connection lost: not a folder problem
                raise
            raise MailError(
                _(
                    "Cannot open the folder {folder} on {where}: check the folder setting (usually INBOX)."
                ).format(folder=repr(folder), where=self.settings.where)
            ) from exc

    def _candidates(self, to_address: str, since: datetime) -> list[_Meta]:
        """UIDs of mails from Meta's domains to the address, newest first."""
        self._select()
        earliest = _utc(since) - CLOCK_SKEW
        # SINCE compares dates only, in the server's idea of the day: a day of slack.
        criteria = ["SINCE", _imap_date(earliest - timedelta(days=1))]
        address = to_address.strip()
        if address.isascii() and re.fullmatch(r"[^\s\"\\]+", address or "-"):
            criteria += ["TO", _quote(address)]
        domains = _search_domains()
        criteria += ["OR"] * (len(domains) - 1)
        for domain in domains:
            criteria += ["FROM", _quote(domain)]
        # TRANSLATORS: an IMAP step, shown after "during" or "refused"
        data = self._run(_("the search"), lambda m: m.uid("SEARCH", *criteria))
        uids = [
            u.decode() if isinstance(u, bytes) else str(u)
            for u in b" ".join(d for d in data if isinstance(d, bytes)).split()
        ]
        if not uids:
            return []
        uids = sorted(set(uids), key=int, reverse=True)[: MAX_CANDIDATES * 3]
        data = self._run(
            # TRANSLATORS: an IMAP step, shown after "during" or "refused"
            _("reading mail dates"),
            lambda m: m.uid("FETCH", ",".join(uids), "(UID INTERNALDATE RFC822.SIZE)"),
        )
        metas = _metas(data)
        metas = [
            m
            for m in metas
            if (m.arrived is None or m.arrived >= earliest)
            and (m.size is None or m.size <= MAX_MESSAGE_BYTES)
        ]
        oldest = datetime.min.replace(tzinfo=UTC)
        metas.sort(key=lambda m: (m.arrived or oldest, int(m.uid)), reverse=True)
        return metas[:MAX_CANDIDATES]

    def _fetch(self, uid: str) -> bytes | None:
        # TRANSLATORS: an IMAP step, shown after "during" or "refused"
        data = self._run(_("downloading a mail"), lambda m: m.uid("FETCH", uid, "(BODY.PEEK[])"))
        for item in data:
            if isinstance(item, tuple) and len(item) >= 2 and isinstance(item[1], bytes):
                return item[1]
        return None

    def _matching(
        self, to_address: str, since: datetime, accept: Callable[[ParsedMail], bool]
    ) -> tuple[ParsedMail, FoundMail] | None:
        earliest = _utc(since) - CLOCK_SKEW
        for meta in self._candidates(to_address, since):
            raw = self._fetch(meta.uid)
            if raw is None:
                continue
            mail = parse_mail(raw)
            if not is_trusted_sender(mail) or not addressed_to(mail, to_address):
                continue
            if mail.date is not None and mail.date < earliest:
                continue  # an old mail that arrived (or was moved here) late
            if meta.arrived is None and mail.date is None:
                continue  # no way to tell it is recent
            if not accept(mail):
                continue
            found = FoundMail(
                uid=meta.uid,
                subject=mail.subject,
                sender=mail.sender,
                to=to_address.strip().lower(),
                date=mail.date or meta.arrived or datetime.now(UTC),
                raw=raw,
                language=guess_language(mail),
            )
            return mail, found
        return None

    def find_code(self, to_address: str, since: datetime) -> tuple[str, FoundMail] | None:
        """The newest Meta code mail to `to_address` received at/after `since`, with its code."""
        hit = self._matching(to_address, since, lambda mail: extract_code(mail) is not None)
        if hit is None:
            return None
        mail, found = hit
        code = extract_code(mail)
        assert code is not None
        return code, found

    def find_confirmation(
        self, to_address: str, since: datetime, platform: str | None = None
    ) -> FoundMail | None:
        """The newest Meta mail to `to_address` since `since` confirming the objection (for a
        WhatsApp attempt, WhatsApp's answer to its contact form, and no Meta mail)."""
        accept = is_whatsapp_answer if platform == "whatsapp" else is_confirmation
        hit = self._matching(to_address, since, accept)
        return hit[1] if hit else None

    def wait_for_code(
        self,
        to_address: str,
        since: datetime,
        timeout: float,
        poll: float = 3.0,
        tick: Callable[[], None] | None = None,
    ) -> tuple[str, FoundMail] | None:
        """Poll for the code mail until it arrives or `timeout` seconds pass; ``tick()``, when
        given, is called about once a second meanwhile (the terminal's clock of the wait)."""
        deadline = time.monotonic() + max(0.0, timeout)
        poll = max(0.2, poll)
        reconnected = False
        while True:
            was_open = self._imap is not None
            try:
                found = self.find_code(to_address, since)
            except MailError:
                # A connection that was up and got lost during the wait is
                # re-opened once; anything else (login refused, …) is final.
                if not was_open or self._imap is not None or reconnected:
                    raise
                reconnected = True
                found = None
            if found is not None:
                return found
            next_look = time.monotonic() + poll
            while (now := time.monotonic()) < min(next_look, deadline):
                if tick is not None:
                    tick()
                time.sleep(min(1.0, next_look - now, deadline - now))
            if time.monotonic() >= deadline:
                return None
