"""How an attempt ended: the outcome names, defined once.

The ledger, the run, recovery, the report and the terminal all read these; an
outcome is also written into every ledger entry and ``record.json``.
"""

from __future__ import annotations

from enum import StrEnum

from ..i18n import N_

#: what every line, table, report and export says of proof made against the practice site
#: (translate it with ``_`` where it is shown; the export's zip comment keeps it in English)
# TRANSLATORS: marks proof made against objector's own practice site, not the real service
PRACTICE_MARK = N_("PRACTICE — nothing was sent to the service")


class Outcome(StrEnum):
    """The end of an attempt; ``AWAITING_APPROVAL``, ``SUBMITTING`` and ``SENT`` are written while
    it runs (``engine/gate.py``)."""

    CONFIRMED = "confirmed"
    DECLINED = "declined"  # the person answered n
    DRY_RUN = "dry-run"
    NOT_CONFIRMED = "not-confirmed"  # submitted, but no confirmation was seen
    REJECTED = "rejected"  # the page answered Send with an error: nothing was accepted
    NOT_KEPT = "not-kept"  # after Send the page asked to log in again: nothing was kept, asked again
    NEEDS_ATTENTION = "needs-attention"
    BLOCKED = "blocked"  # left the flow's allowed hosts
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    COVERED = "covered"  # a linked account's confirmed objection covers this one
    STILL_SET = "still-set"  # a re-check read the setting: it still has the wanted state
    TURNED_BACK = "turned-back"  # a re-check read the setting: the service changed it back
    UNKNOWN = "unknown"  # objector was stopped while sending: it may or may not have reached the service
    AWAITING_APPROVAL = "awaiting-approval"
    SUBMITTING = "submitting"  # the ledger knows the form is about to leave the browser
    SENT = "sent"  # the form's request left the browser; the page's answer is not in yet

    @property
    def done(self) -> bool:
        """Ends the (account, flow) for good unless the person asks again (``--again``)."""
        return self in (Outcome.CONFIRMED, Outcome.COVERED, Outcome.STILL_SET)

    @property
    def in_progress(self) -> bool:
        """Written while an attempt is under way: as the newest entry, it means it was cut short."""
        return self in (Outcome.AWAITING_APPROVAL, Outcome.SUBMITTING, Outcome.SENT)


class FlowStop(Exception):
    """Ends the attempt with an outcome and one line for the person."""

    def __init__(self, outcome: Outcome, message: str) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.message = message
