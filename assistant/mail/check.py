"""``objector mail check``: look again for Meta's confirmation e-mails that
arrived after the run, and keep each one with its attempt's proof."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..config.settings import Settings
from ..errors import UserError
from ..i18n import _
from ..proof.evidence import MAIL_FILE
from ..proof.ledger import Ledger, sha256_bytes
from ..proof.record import read_record
from ..storage import atomic_write


@dataclass
class MailCheck:
    found: list[str]
    waiting: list[str]


def check_mail(settings: Settings) -> MailCheck:
    from .client import Mailbox, MailError, get_password

    mail = settings.mail_settings()
    if mail is None:
        raise UserError(
            _(
                "mail check: no mailbox is set up; set OBJECTOR_IMAP_HOST and OBJECTOR_IMAP_USER "
                "(see .env.example)."
            )
        )
    ledger = Ledger(settings.home)
    result = MailCheck([], [])
    todo = []
    entries = ledger.entries()
    newest_files: dict[str, dict[str, str]] = {}
    for entry in entries:
        if isinstance(entry.get("attempt"), str) and isinstance(entry.get("files"), dict):
            newest_files[entry["attempt"]] = entry["files"]
    for (account, flow), entry in ledger.confirmed().items():
        attempt = entry.get("attempt")
        if attempt and MAIL_FILE not in newest_files.get(attempt, {}):
            todo.append((account, flow, attempt))
    if not todo:
        return result
    try:
        with Mailbox(mail, get_password(mail)) as box:
            for account, flow, attempt in todo:
                folder = settings.home / attempt
                record = read_record(settings.home, attempt)[0] or {}
                try:
                    since = datetime.fromisoformat(record["started_at"].replace("Z", "+00:00"))
                    email = record["email"]
                except (ValueError, KeyError, TypeError, AttributeError):
                    result.waiting.append(
                        # TRANSLATORS: {account} is an account name, {flow} a flow id
                        _("{account} · {flow}: its record cannot be read; run 'objector verify'").format(
                            account=account, flow=flow
                        )
                    )
                    continue
                found = box.find_confirmation(email, since, record.get("platform"))
                if found is None:
                    result.waiting.append(
                        _("{account} · {flow}: no confirmation e-mail to {email} yet").format(
                            account=account, flow=flow, email=email
                        )
                    )
                    continue
                atomic_write(folder / MAIL_FILE, found.raw)
                files = {**newest_files[attempt], MAIL_FILE: sha256_bytes(found.raw)}
                ledger.append(
                    kind="mail",
                    account=account,
                    flow=flow,
                    attempt=attempt,
                    files=dict(sorted(files.items())),
                    mail_subject=found.subject,
                    mail_date=found.date.isoformat(),
                )
                result.found.append(
                    # TRANSLATORS: {subject} is the e-mail's subject, {time} like 2026-05-20 10:15
                    _("{account} · {flow}: {subject} ({time} UTC)").format(
                        account=account, flow=flow, subject=found.subject, time=f"{found.date:%Y-%m-%d %H:%M}"
                    )
                )
    except MailError as exc:
        # TRANSLATORS: {problem} is a sentence about the mailbox
        raise UserError(_("mail check: {problem}").format(problem=exc)) from None
    return result
