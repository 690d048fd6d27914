"""The mailbox in a real run: Meta's code offered from a real IMAP server (dovecot),
the confirmation e-mail kept with the proof, and 'mail check' later."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from cli_helpers import account_toml, run_cli
from practice_helpers import account, run_practice

from assistant.practice import PracticeConfig, PracticeSite

pytestmark = pytest.mark.browser


def _mail(sender: str, to: str, subject: str, body: str, lang: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Content-Language"] = lang
    msg.set_content(body)
    return msg.as_bytes()


def code_mail(to: str, code: str) -> bytes:
    return _mail(
        "Instagram <security@mail.instagram.com>",
        to,
        f"{code} is your confirmation code",
        f"Hi,\n\nEnter this code to confirm your request: {code}\n\nThe Instagram team\n",
        "en",
    )


def confirmation_mail(to: str) -> bytes:
    return _mail(
        "Facebook <noreply@facebookmail.com>",
        to,
        "Your objection request",
        "Hi,\n\nWe have reviewed your request and we will honour your objection. This means your "
        "request will be applied going forward.\n\nThe Privacy Operations team\n",
        "en-GB",
    )


@pytest.fixture
def mail_env(dovecot_server, monkeypatch):
    monkeypatch.setenv("OBJECTOR_IMAP_PASSWORD", dovecot_server.password)
    return dovecot_server


def _settings_overrides(server):
    return {
        "imap_host": "127.0.0.1",
        "imap_port": server.port,
        "imap_user": server.user,
        "imap_cafile": server.cafile,
        "mail_wait": 20,
    }


def test_code_is_offered_from_the_mailbox_and_the_confirmation_mail_is_kept(home, mail_env):
    server = mail_env

    def mail_the_code(email: str, code: str) -> None:
        server.deliver(code_mail(email, code), datetime.now(UTC))
        server.deliver(confirmation_mail(email), datetime.now(UTC))

    config = PracticeConfig(
        auto_login=True, auto_login_key_ms=2, auto_login_delay=0.2, code_step=True, on_code=mail_the_code
    )
    with PracticeSite(config) as site:
        person = account(email=server.user)
        result = run_practice(
            home, site, [person], ["y", ""], **{"settings_overrides": _settings_overrides(server)}
        )
    assert result.summary.exit_code == 0, result.output
    assert len(site.confirmed) == 1
    (record,) = result.records()
    assert record["code_source"] == "mailbox"
    assert "mail-confirmation.eml" in record["files"]
    assert record["email_confirmation"]["subject"] == "Your objection request"
    assert site.codes_sent[0][1] not in (record["_folder"] / "record.json").read_text()
    assert "e-mail confirmed" in result.output


def test_mail_check_finds_a_confirmation_that_came_later(home, private_dovecot_server, cli_env):
    server = private_dovecot_server  # its own mailbox: no mail from other tests
    with PracticeSite(PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0.2)) as site:
        env = {
            **cli_env,
            "OBJECTOR_SITE_MAP": site.site_map,
            "OBJECTOR_IMAP_HOST": "127.0.0.1",
            "OBJECTOR_IMAP_PORT": str(server.port),
            "OBJECTOR_IMAP_USER": server.user,
            "OBJECTOR_IMAP_CAFILE": server.cafile,
            "OBJECTOR_IMAP_PASSWORD": server.password,
        }
        (home / "accounts.toml").write_text(account_toml(email=server.user, name="late-mail"))
        result = run_cli(["run"], env, stdin="y\n")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "has not arrived yet" in result.stdout
    waiting = run_cli(["mail", "check"], env)
    assert waiting.returncode == 1 and "no confirmation e-mail" in waiting.stdout
    server.deliver(confirmation_mail(server.user), datetime.now(UTC))
    found = run_cli(["mail", "check"], env)
    assert found.returncode == 0 and "e-mail confirmed" in found.stdout, found.stdout + found.stderr
    assert run_cli(["verify"], env).returncode == 0
    status = run_cli(["status"], env)
    assert "e-mail" in status.stdout and "yes 20" in status.stdout
    assert server.password not in (status.stdout + found.stdout + result.stdout)
    for path in home.rglob("*"):
        if path.is_file() and "profiles" not in path.parts:
            assert server.password.encode() not in path.read_bytes(), path


def test_mail_check_without_a_mailbox_is_a_clear_error(cli_env):
    result = run_cli(["mail", "check"], cli_env)
    assert result.returncode == 2 and "OBJECTOR_IMAP_HOST" in result.stderr
