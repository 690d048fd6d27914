"""Help from the person's own mailbox (opt-in): the code Meta e-mailed, and its confirmation e-mail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _
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
        # TRANSLATORS: {where} is the mailbox's host:port, {duration} e.g. 2m00s
        _("looking for Meta's code e-mail in {where} (up to {duration})").format(
            where=mail.where, duration=_duration(run.settings.mail_wait)
        )
    )
    try:
        with Mailbox(mail, get_password(mail)) as box:
            found = box.wait_for_code(
                run.account.email,
                run.submitted_at or run.attempt_started,
                timeout=run.settings.mail_wait,
                tick=wait_clock(run.reporter, run.settings.mail_wait, _("looking for Meta's code e-mail")),
            )
    except MailError as exc:
        # TRANSLATORS: {problem} is a sentence about the mailbox
        run.reporter.warn(_("mailbox: {problem}").format(problem=exc))
        return None
    if found is None:
        run.reporter.warn(_("no code e-mail found yet; type the code from Meta's e-mail"))
        return None
    # TRANSLATORS: {subject} is the e-mail's subject
    run.reporter.ok(
        _("found Meta's code e-mail ({subject}); press Enter to use its code").format(
            subject=found[1].subject[:60]
        )
    )
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
        run.reporter.warn(_("mailbox: {problem}").format(problem=exc))
        return
    if found is None:
        run.reporter.info(
            "  "
            # TRANSLATORS: {service} is Meta, Google, …
            + _(
                "{service}'s confirmation e-mail has not arrived yet; 'objector mail check' looks "
                "again later."
            ).format(service=run.service.name)
        )
        return
    run.save(MAIL_FILE, found.raw)
    run.record["email_confirmation"] = {
        "subject": found.subject,
        "from": found.sender,
        "date": iso(found.date),
    }
    # TRANSLATORS: {subject} is the e-mail's subject
    run.reporter.ok(_("e-mail confirmed: {subject}").format(subject=found.subject[:70]))
