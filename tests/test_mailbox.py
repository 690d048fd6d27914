"""Mailbox support against a real dovecot IMAP server (imaps on 127.0.0.1).

The server tests need Debian's dovecot-imapd (CI installs it); without it they
are skipped with that reason. The message-parsing tests at the end need no
server.
"""

from __future__ import annotations

import base64
import email
import email.policy
import quopri
import socket
import sys
import threading
import time
import types
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from assistant.mail import messages as mail_messages
from assistant.mail.client import FoundMail, Mailbox, MailError, MailSettings, get_password

try:  # tests/ on sys.path (pytest's default for a folder without __init__.py)
    from imap_server import (  # the *_server names are fixtures
        DovecotServer,
        dovecot_server,
        free_port,
        plaintext_imap_server,
        private_dovecot_server,
        silent_server,
    )
except ImportError:  # tests is a package
    from tests.imap_server import (  # noqa: F401
        DovecotServer,
        dovecot_server,
        free_port,
        plaintext_imap_server,
        private_dovecot_server,
        silent_server,
    )

ANNA = "anna@example.org"
# The submit time the searches start from; every mail is placed relative to it.
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


# ---------------------------------------------------------------------------
# Message builders (texts written for these tests)
# ---------------------------------------------------------------------------


def _headers(
    sender: str, to: str, subject: str, when: datetime, extra: list[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    return [
        ("Return-Path", "<bounce@example.net>"),
        ("From", sender),
        ("To", to),
        ("Subject", subject),
        ("Date", format_datetime(when.astimezone(timezone(timedelta(hours=1))))),
        ("Message-ID", f"<{when.timestamp():.0f}.{abs(hash((sender, to, subject)))}@test.invalid>"),
        ("MIME-Version", "1.0"),
        *(extra or []),
    ]


def _join(headers: list[tuple[str, str]], body: bytes) -> bytes:
    head = "".join(f"{k}: {v}\r\n" for k, v in headers).encode("ascii")
    body = body.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return head + b"\r\n" + body


def encoded_word(text: str) -> str:
    """An RFC 2047 base64 encoded-word, as some senders write non-ASCII subjects."""
    return "=?UTF-8?B?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="


def qp(text: str, charset: str = "utf-8") -> bytes:
    return quopri.encodestring(text.encode(charset))


def b64(text: str, charset: str = "utf-8") -> bytes:
    return base64.encodebytes(text.encode(charset))


def plain_mail(sender, to, subject, when, text, *, encoding="7bit", charset="us-ascii", extra=None):
    if encoding == "quoted-printable":
        body = qp(text, charset)
    elif encoding == "base64":
        body = b64(text, charset)
    else:
        body = text.encode(charset)
    headers = _headers(sender, to, subject, when, extra) + [
        ("Content-Type", f'text/plain; charset="{charset}"'),
        ("Content-Transfer-Encoding", encoding),
    ]
    return _join(headers, body)


def alternative_mail(sender, to, subject, when, parts, *, extra=None):
    """parts: list of (subtype, charset, transfer encoding, text)."""
    boundary = "b1_objector_" + str(abs(hash(subject)))
    chunks = [b"This is a multi-part message in MIME format.\n"]
    for subtype, charset, encoding, text in parts:
        if encoding == "quoted-printable":
            body = qp(text, charset)
        elif encoding == "base64":
            body = b64(text, charset)
        else:
            body = text.encode(charset)
        chunks.append(
            f"--{boundary}\nContent-Type: text/{subtype}; charset={charset}\n"
            f"Content-Transfer-Encoding: {encoding}\n\n".encode("ascii")
            + body
            + b"\n"
        )
    chunks.append(f"--{boundary}--\n".encode("ascii"))
    headers = _headers(sender, to, subject, when, extra) + [
        ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
    ]
    return _join(headers, b"".join(chunks))


FOOTER_EN = (
    "\n\nThanks,\nThe Instagram team\n\nThis message was sent to {to}.\n"
    "Meta Platforms Ireland Ltd., Merrion Road, Dublin 4, D04 X2K5, Ireland\n"
)

EN_CODE_TEXT = (
    "Hi anna,\n\nSomeone is confirming an objection request for the Instagram account\n"
    "anna.example with this email address. If this was you, enter this code to continue:\n\n"
    "{code}\n\nIf it wasn't you, you can ignore this email." + FOOTER_EN
)

DE_CODE_TEXT = (
    "Hallo Anna,\n\ndu hast einen Widerspruch gegen die Verwendung deiner Informationen für "
    "KI bei Meta eingereicht. Gib diesen Bestätigungscode ein, um deine E-Mail-Adresse zu "
    "bestätigen:\n\n482915\n\nDer Code ist zwei Stunden lang gültig. Wenn du das nicht warst, "
    "kannst du diese E-Mail ignorieren.\n\n"
    "Meta Platforms Ireland Ltd., Merrion Road, Dublin 4, D04 X2K5, Irland\n"
)

IT_CODE_HTML = (
    '<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">'
    "<style>.code{color:#123456;font-size:24px}</style><title>Codice</title></head>"
    "<body><table><tr><td><p>Ciao anna,</p>"
    "<p>usa questo codice per confermare il tuo indirizzo e-mail:</p>"
    '<p class="code"><b>735102</b></p>'
    "<p>Il codice scade tra 2 ore. Se non sei stato tu, ignora questa e-mail.</p>"
    "<p>Meta Platforms Ireland Ltd., Merrion Road, Dublino 4, D04 X2K5, Irlanda</p>"
    "</td></tr></table></body></html>\n"
)

FR_CODE_TEXT = (
    "Bonjour Anna,\n\nVoici votre code de confirmation : 590417\n\n"
    "Saisissez ce code pour confirmer votre adresse e-mail. Si vous n’êtes pas à l’origine de "
    "cette demande, appelez le 01 234567 ou ignorez ce message.\n\n"
    "Meta Platforms Ireland Ltd., Merrion Road, Dublin 4, D04 X2K5, Irlande\n"
)
FR_CODE_HTML = (
    '<html lang="fr"><body><p>Bonjour Anna,</p><p>Voici votre code de confirmation&nbsp;:</p>'
    "<h1>590417</h1><p>Saisissez ce code pour confirmer votre adresse e-mail.</p></body></html>\n"
)

EN_CONFIRMATION = (
    "Hi anna,\n\nWe have reviewed your request and we will honour your objection. This means "
    "that your objection will be applied going forward to information that you share on "
    "Instagram that could be used to develop and improve AI at Meta.\n\n"
    "You don't need to do anything else." + FOOTER_EN
)
EN_CONFIRMATION_HTML = (
    '<html lang="en-GB"><body><p>Hi anna,</p><p>We have reviewed your request and we will '
    "<b>honour your objection</b>. This means that your objection will be applied going "
    "forward.</p></body></html>\n"
)

DE_CONFIRMATION = (
    "Hallo Anna,\n\nwir haben deine Anfrage geprüft und werden deinem Widerspruch nachkommen. "
    "Das bedeutet, dass dein Widerspruch ab sofort für die Informationen gilt, die du auf "
    "Facebook teilst und die zur Entwicklung und Verbesserung von KI bei Meta verwendet werden "
    "könnten.\n\nDu musst nichts weiter tun.\n\nDein Facebook-Team\n"
)
DE_CONFIRMATION_HTML = (
    '<html lang="de"><body><p>Hallo Anna,</p><p>wir haben deine Anfrage geprüft und werden '
    "deinem Widerspruch nachkommen.</p><p>Dein Facebook-Team</p></body></html>\n"
)

IT_CONFIRMATION = (
    "Ciao anna,\n\nabbiamo esaminato la tua opposizione all'uso delle tue informazioni per "
    "l'IA di Meta. Ciò significa che la tua richiesta verrà applicata d'ora in poi alle "
    "informazioni che condividi su Instagram e che potrebbero essere usate per sviluppare e "
    "migliorare l'IA di Meta.\n\nIl team di Instagram\n"
)

ES_CONFIRMATION = (
    "Hola, Anna:\n\nHemos revisado tu solicitud y respetaremos tu oposición. Esto significa que "
    "tu solicitud se aplicará a partir de ahora a la información que compartes en Facebook y "
    "que podría usarse para desarrollar y mejorar la IA de Meta.\n\nEl equipo de Facebook\n"
)

NL_CONFIRMATION_HTML = (
    '<html lang="nl"><body><p>Hallo Anna,</p><p>We hebben je verzoek beoordeeld en zullen je '
    "bezwaar honoreren. Dit betekent dat je bezwaar voortaan wordt toegepast op informatie die "
    "je deelt op Instagram en die kan worden gebruikt om AI bij Meta te ontwikkelen en te "
    "verbeteren.</p><p>Het Instagram-team</p></body></html>\n"
)

DMARC_FAIL = (
    "mx.example.org; dkim=fail header.d=facebookmail.com; spf=fail "
    "smtp.mailfrom=facebookmail.com; dmarc=fail (p=REJECT) header.from=facebookmail.com"
)

IG = "Instagram <security@mail.instagram.com>"
IG_NOREPLY = "Instagram <no-reply@mail.instagram.com>"
FB = "Facebook <security@facebookmail.com>"
FB_NOREPLY = "Facebook <noreply@facebookmail.com>"
WA_SUPPORT = "WhatsApp Support <support@support.whatsapp.com>"
WA_ADDRESS = "anna+wa@example.org"


def build_mails() -> list[tuple[str, bytes, datetime]]:
    """(label, raw message, arrival time) for everything in the test mailbox."""
    mails: list[tuple[str, bytes, datetime]] = []

    def add(label: str, raw: bytes, when: datetime) -> None:
        mails.append((label, raw, when))

    # -- English, to anna@example.org ------------------------------------
    add(
        "en-code",
        plain_mail(
            IG,
            f"anna <{ANNA}>",
            "123456 is your confirmation code",
            at(1),
            EN_CODE_TEXT.format(code="123456", to=ANNA),
        ),
        at(1),
    )
    add(
        "phishing-code",
        plain_mail(
            "Instagram <security@mail.instagram.com.verify-login.net>",
            ANNA,
            "999999 is your confirmation code",
            at(5),
            EN_CODE_TEXT.format(code="999999", to=ANNA),
        ),
        at(5),
    )
    add(
        "other-address-code",
        plain_mail(
            IG,
            "bob@example.org",
            "222222 is your confirmation code",
            at(6),
            EN_CODE_TEXT.format(code="222222", to="bob@example.org"),
        ),
        at(6),
    )
    add(
        "substring-address-code",  # server-side TO search matches "joanna@…" too
        plain_mail(
            IG,
            "joanna@example.org",
            "333333 is your confirmation code",
            at(7),
            EN_CODE_TEXT.format(code="333333", to="joanna@example.org"),
        ),
        at(7),
    )
    add(
        "dmarc-fail-code",
        plain_mail(
            FB,
            ANNA,
            "444444 is your confirmation code",
            at(8),
            EN_CODE_TEXT.format(code="444444", to=ANNA),
            extra=[("Authentication-Results", DMARC_FAIL)],
        ),
        at(8),
    )
    add(
        "en-confirmation",
        alternative_mail(
            IG_NOREPLY,
            ANNA,
            "Your objection request",
            at(12),
            [
                ("plain", "utf-8", "quoted-printable", EN_CONFIRMATION.format(to=ANNA)),
                ("html", "utf-8", "quoted-printable", EN_CONFIRMATION_HTML),
            ],
            extra=[("Content-Language", "en-GB")],
        ),
        at(12),
    )
    add(
        "phishing-confirmation",
        plain_mail(
            "Meta Privacy <privacy@meta.com.objection-review.org>",
            ANNA,
            "We will honour your objection",
            at(14),
            EN_CONFIRMATION.format(to=ANNA) + "\nLog in here: https://objection-review.org\n",
        ),
        at(14),
    )
    # -- an old code mail, from before the submit ---------------------------
    add(
        "old-code",
        plain_mail(
            IG,
            "anna+old@example.org",
            "111111 is your confirmation code",
            at(-180),
            EN_CODE_TEXT.format(code="111111", to="anna+old@example.org"),
        ),
        at(-180),
    )
    # -- German: QP latin-1 body, encoded-word subjects -----------------------
    add(
        "de-code",
        plain_mail(
            FB,
            "Anna <anna+de@example.org>",
            "=?UTF-8?Q?Dein_Best=C3=A4tigungscode_f=C3=BCr_Facebook?=",
            at(2),
            DE_CODE_TEXT,
            encoding="quoted-printable",
            charset="iso-8859-1",
        ),
        at(2),
    )
    add(
        "de-confirmation",
        alternative_mail(
            FB_NOREPLY,
            "anna+de@example.org",
            encoded_word("Wir werden deinem Widerspruch nachkommen"),
            at(13),
            [
                ("plain", "utf-8", "8bit", DE_CONFIRMATION),
                ("html", "utf-8", "base64", DE_CONFIRMATION_HTML),
            ],
        ),
        at(13),
    )
    # -- Italian: HTML-only base64 code mail; base64 plain confirmation -------
    add(
        "it-code",
        _join(
            _headers(IG, "anna+it@example.org", "Il tuo codice di conferma", at(3))
            + [("Content-Type", "text/html; charset=UTF-8"), ("Content-Transfer-Encoding", "base64")],
            b64(IT_CODE_HTML),
        ),
        at(3),
    )
    add(
        "it-confirmation",
        plain_mail(
            IG_NOREPLY,
            "anna+it@example.org",
            "=?UTF-8?Q?La_tua_richiesta_di_opposizione_all=E2=80=99IA_di_Meta?=",
            at(15),
            IT_CONFIRMATION,
            encoding="base64",
            charset="utf-8",
        ),
        at(15),
    )
    # -- French: multipart/alternative, QP --------------------------------------
    add(
        "fr-code",
        alternative_mail(
            FB,
            "anna+fr@example.org",
            "=?UTF-8?Q?Votre_code_de_confirmation?=",
            at(4),
            [
                ("plain", "utf-8", "quoted-printable", FR_CODE_TEXT),
                ("html", "utf-8", "quoted-printable", FR_CODE_HTML),
            ],
        ),
        at(4),
    )
    # -- Spanish: QP confirmation ------------------------------------------------
    add(
        "es-confirmation",
        plain_mail(
            FB_NOREPLY,
            "anna+es@example.org",
            "=?UTF-8?Q?Tu_solicitud_de_oposici=C3=B3n?=",
            at(16),
            ES_CONFIRMATION,
            encoding="quoted-printable",
            charset="utf-8",
        ),
        at(16),
    )
    # -- Dutch: multipart/alternative holding only HTML, windows-1252 -----------
    add(
        "nl-confirmation",
        alternative_mail(
            IG_NOREPLY,
            "anna+nl@example.org",
            "Je bezwaarverzoek",
            at(17),
            [
                ("html", "windows-1252", "quoted-printable", NL_CONFIRMATION_HTML),
            ],
        ),
        at(17),
    )
    # -- WhatsApp's answer to its contact form, then a Meta confirmation, to one address ---------
    add(
        "whatsapp-answer",
        plain_mail(
            WA_SUPPORT,
            WA_ADDRESS,
            "Re: Your request to WhatsApp",
            at(18),
            "Hi, thanks for contacting WhatsApp. We have received your objection to the processing "
            "of your information and will get back to you.",
        ),
        at(18),
    )
    add(
        "meta-after-whatsapp",
        plain_mail(FB_NOREPLY, WA_ADDRESS, "Your objection request", at(19), EN_CONFIRMATION),
        at(19),
    )
    return mails


@pytest.fixture(scope="module")
def server(dovecot_server: DovecotServer) -> DovecotServer:
    for _label, raw, when in build_mails():
        dovecot_server.deliver(raw, when)
    return dovecot_server


@pytest.fixture
def box(server: DovecotServer):
    with Mailbox(server.settings(), password=server.password) as mailbox:
        yield mailbox


def _parsed(found: FoundMail):
    return email.message_from_bytes(found.raw, policy=email.policy.default)


# ---------------------------------------------------------------------------
# Code mails
# ---------------------------------------------------------------------------


def test_finds_the_english_code_and_ignores_lookalikes(box: Mailbox) -> None:
    found = box.find_code(ANNA, T0)
    assert found is not None
    code, mail = found
    # Newer mails hold 999999 (phishing domain), 222222 (other address),
    # 333333 (joanna@…) and 444444 (DMARC failed): all ignored.
    assert code == "123456"
    assert mail.sender == "security@mail.instagram.com"
    assert mail.to == ANNA
    assert mail.subject == "123456 is your confirmation code"
    assert mail.date == at(1)
    assert mail.date.tzinfo == UTC
    assert mail.language == "en"
    assert _parsed(mail)["Subject"] == "123456 is your confirmation code"
    assert mail.uid.isdigit()


def test_code_before_since_is_ignored(box: Mailbox) -> None:
    assert box.find_code("anna+old@example.org", T0) is None
    # It is found when the window reaches back to it: the time decides.
    found = box.find_code("anna+old@example.org", at(-181))
    assert found is not None and found[0] == "111111"
    # The English code arrived at T0+1 min: 2 minutes of clock skew still
    # reach it from T0+3 min, but not from T0+4 min.
    assert box.find_code(ANNA, at(3)) is not None
    assert box.find_code(ANNA, at(4)) is None


@pytest.mark.parametrize(
    ("address", "code", "language", "subject"),
    [
        ("anna+de@example.org", "482915", "de", "Dein Bestätigungscode für Facebook"),
        ("anna+it@example.org", "735102", "it", "Il tuo codice di conferma"),
        ("anna+fr@example.org", "590417", "fr", "Votre code de confirmation"),
    ],
)
def test_finds_codes_in_other_languages(box, address, code, language, subject) -> None:
    found = box.find_code(address, T0)
    assert found is not None
    assert found[0] == code
    assert found[1].language == language
    assert found[1].subject == subject
    assert found[1].to == address


def test_confirmation_mail_is_not_a_code_mail(box: Mailbox) -> None:
    assert box.find_code("anna+nl@example.org", T0) is None
    assert box.find_code("anna+es@example.org", T0) is None


def test_code_address_match_is_case_insensitive(box: Mailbox) -> None:
    found = box.find_code("Anna+DE@Example.org", T0)
    assert found is not None and found[0] == "482915"


def test_wait_for_code_sees_a_mail_that_arrives_while_waiting(server: DovecotServer) -> None:
    address = "anna+wait@example.org"
    since = datetime.now(UTC)

    def deliver_later() -> None:
        time.sleep(0.6)
        now = datetime.now(UTC)
        raw = plain_mail(
            IG, address, "Your confirmation code", now, EN_CODE_TEXT.format(code="808182", to=address)
        )
        server.deliver(raw, now)

    thread = threading.Thread(target=deliver_later)
    started = time.monotonic()
    with Mailbox(server.settings(), password=server.password) as mailbox:
        assert mailbox.find_code(address, since) is None
        thread.start()
        found = mailbox.wait_for_code(address, since, timeout=10, poll=0.3)
    thread.join()
    assert found is not None
    assert found[0] == "808182"
    assert time.monotonic() - started < 8


def test_wait_for_code_gives_up_after_the_timeout(box: Mailbox) -> None:
    started = time.monotonic()
    assert box.wait_for_code("nobody@example.org", T0, timeout=0.6, poll=0.25) is None
    assert 0.5 <= time.monotonic() - started < 5


def test_wait_for_code_ticks_about_once_a_second_between_looks(box: Mailbox) -> None:
    """The terminal's clock of the wait moves each second, not only when the mailbox is read."""
    started = time.monotonic()
    ticks: list[float] = []
    found = box.wait_for_code(
        "nobody@example.org", T0, timeout=2.5, poll=10, tick=lambda: ticks.append(time.monotonic())
    )
    assert found is None and 2.4 <= time.monotonic() - started < 6
    assert len(ticks) >= 3 and all(b - a < 1.5 for a, b in zip(ticks, ticks[1:], strict=False))


# ---------------------------------------------------------------------------
# Confirmation mails
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "language", "subject", "arrived"),
    [
        (ANNA, "en", "Your objection request", 12),
        ("anna+de@example.org", "de", "Wir werden deinem Widerspruch nachkommen", 13),
        ("anna+it@example.org", "it", "La tua richiesta di opposizione all’IA di Meta", 15),
        ("anna+es@example.org", "es", "Tu solicitud de oposición", 16),
        ("anna+nl@example.org", "nl", "Je bezwaarverzoek", 17),
    ],
)
def test_finds_confirmations(box, address, language, subject, arrived) -> None:
    found = box.find_confirmation(address, T0)
    assert found is not None
    assert found.subject == subject
    assert found.language == language
    assert found.date == at(arrived)
    assert found.to == address
    # The raw bytes are a complete message, ready to be kept as .eml.
    parsed = _parsed(found)
    assert parsed["Subject"] == subject
    assert parsed.get_content_type().startswith(("text/", "multipart/"))


def test_phishing_confirmation_is_ignored(box: Mailbox) -> None:
    found = box.find_confirmation(ANNA, T0)
    assert found is not None
    # The newer look-alike from meta.com.objection-review.org is skipped.
    assert found.sender == "no-reply@mail.instagram.com"
    assert found.date == at(12)


def test_a_whatsapp_attempt_finds_whatsapps_answer_and_a_meta_one_metas(box: Mailbox) -> None:
    whatsapp = box.find_confirmation(WA_ADDRESS, T0, "whatsapp")
    assert whatsapp is not None and whatsapp.sender == "support@support.whatsapp.com"
    meta = box.find_confirmation(WA_ADDRESS, T0, "instagram")
    assert meta is not None and meta.sender == "noreply@facebookmail.com"


def test_no_confirmation_after_since_or_for_code_only_address(box: Mailbox) -> None:
    assert box.find_confirmation("anna+es@example.org", at(30)) is None
    assert box.find_confirmation("anna+fr@example.org", T0) is None
    assert box.find_confirmation("bob@example.org", T0) is None


def test_searching_leaves_the_mailbox_untouched(server: DovecotServer, box: Mailbox) -> None:
    box.find_code(ANNA, T0)
    box.find_confirmation("anna+de@example.org", T0)
    conn = server.imap()
    try:
        conn.select("INBOX", readonly=True)
        typ, data = conn.fetch("1:*", "(FLAGS)")
        assert typ == "OK"
        flags = b" ".join(d for d in data if isinstance(d, bytes))
        assert b"\\Seen" not in flags
        assert len(data) >= len(build_mails())
    finally:
        conn.logout()


def test_password_from_the_environment(server: DovecotServer, monkeypatch) -> None:
    monkeypatch.setenv("OBJECTOR_TEST_IMAP_PW", server.password)
    settings = server.settings(password_env="OBJECTOR_TEST_IMAP_PW")
    with Mailbox(settings) as mailbox:
        assert mailbox.find_confirmation("anna+nl@example.org", T0) is not None
        assert server.password not in repr(mailbox)


def test_methods_connect_without_the_context_manager(server: DovecotServer) -> None:
    mailbox = Mailbox(server.settings(), password=server.password)
    try:
        assert mailbox.find_code("anna+it@example.org", T0)[0] == "735102"
    finally:
        mailbox.close()


# ---------------------------------------------------------------------------
# Errors: one clear line, naming host:port, never the password
# ---------------------------------------------------------------------------


def _assert_one_line(err: MailError, *needles: str) -> str:
    text = str(err)
    assert "\n" not in text
    for needle in needles:
        assert needle.lower() in text.lower(), text
    return text


def test_wrong_password(private_dovecot_server: DovecotServer) -> None:
    server = private_dovecot_server
    secret = "Wrong-Secret-Passw0rd"
    with pytest.raises(MailError) as info, Mailbox(server.settings(), password=secret):
        pass
    text = _assert_one_line(info.value, f"127.0.0.1:{server.port}", "password", ANNA)
    assert secret not in text
    assert server.password not in text
    assert secret not in repr(info.value.args)
    assert info.value.__cause__ is None


def test_connection_refused() -> None:
    port = free_port()
    settings = MailSettings(host="127.0.0.1", port=port, user=ANNA, timeout=3)
    with pytest.raises(MailError) as info:
        Mailbox(settings, password="pw-123456").connect()
    _assert_one_line(info.value, f"127.0.0.1:{port}", "refused", "port")


def test_untrusted_certificate(server: DovecotServer) -> None:
    settings = server.settings(cafile=None)
    with pytest.raises(MailError) as info, Mailbox(settings, password=server.password):
        pass
    text = _assert_one_line(info.value, f"127.0.0.1:{server.port}", "certificate")
    assert server.password not in text


def test_plaintext_port_is_a_tls_error() -> None:
    with plaintext_imap_server() as port:
        settings = MailSettings(host="127.0.0.1", port=port, user=ANNA, timeout=3)
        with pytest.raises(MailError) as info:
            Mailbox(settings, password="pw-123456").connect()
    _assert_one_line(info.value, f"127.0.0.1:{port}", "TLS", "993")


def test_silent_server_times_out() -> None:
    with silent_server() as port:
        settings = MailSettings(host="127.0.0.1", port=port, user=ANNA, timeout=0.5)
        started = time.monotonic()
        with pytest.raises(MailError) as info:
            Mailbox(settings, password="pw-123456").connect()
        assert time.monotonic() - started < 5
    _assert_one_line(info.value, f"127.0.0.1:{port}", "0.5 s")


def test_unknown_host(monkeypatch) -> None:
    def no_such_host(*_args, **_kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    settings = MailSettings(host="imap.example.invalid", user=ANNA, timeout=2)
    with pytest.raises(MailError) as info:
        Mailbox(settings, password="pw-123456").connect()
    _assert_one_line(info.value, "imap.example.invalid:993", "host")


def test_missing_folder(server: DovecotServer) -> None:
    settings = server.settings(folder="No Such Folder")
    with pytest.raises(MailError) as info, Mailbox(settings, password=server.password) as mb:
        mb.find_code(ANNA, T0)
    _assert_one_line(info.value, "No Such Folder", "folder")


def test_unreadable_cafile(server: DovecotServer, tmp_path) -> None:
    bogus = tmp_path / "not-a-cert.pem"
    bogus.write_text("this is not a certificate\n")
    with pytest.raises(MailError) as info:
        Mailbox(server.settings(cafile=str(bogus)), password=server.password).connect()
    _assert_one_line(info.value, str(bogus))


# ---------------------------------------------------------------------------
# get_password
# ---------------------------------------------------------------------------


def test_get_password_from_environment(monkeypatch) -> None:
    monkeypatch.setenv("OBJECTOR_IMAP_PASSWORD", "s3cret-from-env")
    assert get_password(MailSettings(host="imap.example.org", user=ANNA)) == "s3cret-from-env"


def test_get_password_missing_says_how_to_set_it(monkeypatch) -> None:
    monkeypatch.delenv("OBJECTOR_IMAP_PASSWORD", raising=False)
    monkeypatch.setitem(sys.modules, "keyring", None)  # as if not installed
    with pytest.raises(MailError) as info:
        get_password(MailSettings(host="imap.example.org", user=ANNA))
    _assert_one_line(info.value, "OBJECTOR_IMAP_PASSWORD", "keyring set objector-imap " + ANNA)


def test_get_password_from_keyring(monkeypatch) -> None:
    monkeypatch.delenv("OBJECTOR_IMAP_PASSWORD", raising=False)
    asked: list[tuple[str, str]] = []

    def lookup(service: str, username: str) -> str | None:
        asked.append((service, username))
        return "s3cret-from-keyring" if (service, username) == ("objector-imap", ANNA) else None

    monkeypatch.setitem(sys.modules, "keyring", types.SimpleNamespace(get_password=lookup))
    assert get_password(MailSettings(host="imap.example.org", user=ANNA)) == "s3cret-from-keyring"
    assert asked == [("objector-imap", ANNA)]


def test_get_password_env_wins_and_broken_keyring_is_tolerated(monkeypatch) -> None:
    def broken(service: str, username: str) -> str:
        raise RuntimeError("no keyring backend")

    monkeypatch.setitem(sys.modules, "keyring", types.SimpleNamespace(get_password=broken))
    monkeypatch.setenv("OBJECTOR_IMAP_PASSWORD", "env-first")
    assert get_password(MailSettings(host="h", user=ANNA)) == "env-first"
    monkeypatch.delenv("OBJECTOR_IMAP_PASSWORD")
    with pytest.raises(MailError):
        get_password(MailSettings(host="h", user=ANNA))


def test_mailbox_without_password_anywhere_fails_before_connecting(monkeypatch) -> None:
    monkeypatch.delenv("OBJECTOR_IMAP_PASSWORD", raising=False)
    monkeypatch.setitem(sys.modules, "keyring", None)
    settings = MailSettings(host="127.0.0.1", port=free_port(), user=ANNA)
    with pytest.raises(MailError) as info:
        Mailbox(settings).connect()
    _assert_one_line(info.value, "OBJECTOR_IMAP_PASSWORD")


# ---------------------------------------------------------------------------
# Message parsing without a server
# ---------------------------------------------------------------------------


def _mail(
    text: str, subject: str = "", sender: str = "security@facebookmail.com"
) -> mail_messages.ParsedMail:
    raw = plain_mail(sender, ANNA, subject, T0, text, encoding="quoted-printable", charset="utf-8")
    return mail_messages.parse_mail(raw)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tu código de confirmación es 204060.", "204060"),
        ("Je bevestigingscode is: 305070", "305070"),
        ("Twój kod potwierdzający: 406080", "406080"),
        ("O teu código de confirmação é 507090.", "507090"),
        ("Din bekräftelsekod är 608010", "608010"),
        ("Din bekræftelseskode er 709020", "709020"),
        ("Vahvistuskoodisi on 801030", "801030"),
        ("Ο κωδικός επιβεβαίωσής σας είναι 902040", "902040"),
        ("Váš ověřovací kód je 113355", "113355"),
        ("Your code:246810", "246810"),
    ],
)
def test_code_words_in_many_languages(text: str, code: str) -> None:
    assert mail_messages.extract_code(_mail(text)) == code


@pytest.mark.parametrize(
    "text",
    [
        "Call us on +353 1 234567 about your account.",  # no code word
        "Your code is 1234567.",  # seven digits
        "Code: see https://example.org/c/123456/x",  # inside a URL
        "Code reference 2025-123456",  # part of a longer token
        "Code valid until 12.123456",  # decimal
        (
            "Your order number is 123456; unrelated text follows here and goes on for a long "
            "while, far more than a short sentence, so that the word that matters comes much "
            "later in the mail: code."
        ),  # too far from the code word
    ],
)
def test_no_code_without_a_standalone_number_near_a_code_word(text: str) -> None:
    assert mail_messages.extract_code(_mail(text)) is None


def test_code_in_subject_wins() -> None:
    mail = _mail("Your code is 111222, or was it 333444?", subject="333444 is your code")
    assert mail_messages.extract_code(mail) == "333444"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Uwzględnimy Twój sprzeciw. Oznacza to, że Twój wniosek będzie stosowany od teraz.", "pl"),
        ("Analisámos o seu pedido e vamos respeitar a sua oposição.", "pt"),
        ("Vi har granskat din begäran och kommer att respektera din invändning.", "sv"),
        ("Vi har gennemgået din anmodning og vil imødekomme din indsigelse.", "da"),
        ("Nous avons examiné votre demande et nous respecterons votre opposition.", "fr"),
        ("We've reviewed your request and will honor your objection to AI at Meta.", "en"),
        ("Wir werden deinem Widerspruch stattgeben.", "de"),
    ],
)
def test_confirmation_languages(text: str, language: str) -> None:
    mail = _mail(text)
    assert mail_messages.is_confirmation(mail)
    assert mail_messages.confirmation_language(mail) == language


@pytest.mark.parametrize(
    "text",
    [
        "We can't honour your objection because we need more information.",
        "We will not honour your objection.",
        "Wir können deinem Widerspruch nicht nachkommen.",
        "Nous n'accepterons pas votre opposition sans justificatif.",
        "We've received your objection request and will review it.",
        "Your confirmation code is 123456. Use it to confirm your objection request.",
        "We will honour your request.",  # no objection / AI at Meta topic
    ],
)
def test_not_a_confirmation(text: str) -> None:
    assert not mail_messages.is_confirmation(_mail(text))


@pytest.mark.parametrize(
    ("sender", "trusted"),
    [
        ("security@facebookmail.com", True),
        ("security@mail.instagram.com", True),
        ("no-reply@instagram.com", True),
        ("notification@facebook.com", True),
        ("privacy@meta.com", True),
        ("privacy@mail.meta.com", True),
        ("security@facebookmail.com.evil.example", False),
        ("security@notfacebook.com", False),
        ("security@fakemeta.com", False),
        ("instagram.com@evil.example", False),
    ],
)
def test_trusted_senders(sender: str, trusted: bool) -> None:
    assert mail_messages.is_trusted_sender(_mail("hello", sender=sender)) is trusted


def test_display_name_cannot_fake_the_sender() -> None:
    raw = plain_mail('"security@facebookmail.com" <x@evil.example>', ANNA, "Code", T0, "Your code is 123456")
    assert not mail_messages.is_trusted_sender(mail_messages.parse_mail(raw))


def test_unknown_charset_is_decoded_leniently() -> None:
    raw = _join(
        _headers(IG, ANNA, "Code", T0)
        + [("Content-Type", "text/plain; charset=x-unknown-charset"), ("Content-Transfer-Encoding", "8bit")],
        "Your code is 135790 – thanks".encode(),
    )
    mail = mail_messages.parse_mail(raw)
    assert mail_messages.extract_code(mail) == "135790"
