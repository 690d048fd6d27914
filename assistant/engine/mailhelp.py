"""Help from the person's own mailbox (opt-in): the code Meta e-mailed, and its confirmation e-mail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..proof.evidence import MAIL_FILE
from ..proof.ledger import iso
from .common import _duration, wait_clock

if TYPE_CHECKING:
    from .run import FlowRun


def code_from_mailbox(run: FlowRun) -> str | None:
    """Meta's code from the person's mailbox (opt-in), to offer; the person still confirms it."""
    mail = run.settings.mail_settings()
    if mail is None:
        return None
    from ..mail.client import Mailbox, MailError, get_password

    run.reporter.wait(
        f"looking for Meta's code e-mail in {mail.where} (up to {_duration(run.settings.mail_wait)})"
    )
    try:
        with Mailbox(mail, get_password(mail)) as box:
            found = box.wait_for_code(
                run.account.email,
                run.submitted_at or run.attempt_started,
                timeout=run.settings.mail_wait,
                tick=wait_clock(run.reporter, run.settings.mail_wait, "looking for Meta's code e-mail"),
            )
    except MailError as exc:
        run.reporter.warn(f"mailbox: {exc}")
        return None
    if found is None:
        run.reporter.warn("no code e-mail found yet; type the code from Meta's e-mail")
        return None
    run.reporter.ok(f"found Meta's code e-mail ({found[1].subject[:60]}); press Enter to use its code")
    return found[0]


def confirmation_from_mailbox(run: FlowRun) -> None:
    """Keep Meta's confirmation e-mail with the proof if it is already there (opt-in)."""
    mail = run.settings.mail_settings()
    if mail is None or run.attempt is None:
        return
    from ..mail.client import Mailbox, MailError, get_password

    try:
        with Mailbox(mail, get_password(mail)) as box:
            since = run.submitted_at or run.attempt_started
            found = box.find_confirmation(run.account.email, since, run.account.platform)
    except MailError as exc:
        run.reporter.warn(f"mailbox: {exc}")
        return
    if found is None:
        run.reporter.info(
            f"  {run.service.name}'s confirmation e-mail has not arrived yet; 'objector mail check' looks "
            "again later."
        )
        return
    run.save(MAIL_FILE, found.raw)
    run.record["email_confirmation"] = {
        "subject": found.subject,
        "from": found.sender,
        "date": iso(found.date),
    }
    run.reporter.ok(f"e-mail confirmed: {found.subject[:70]}")
