"""The evidence folders held against the ledger: a lost ledger can be neither hidden nor the cause
of a second objection.

The ledger says what was sent; so does each attempt's ``record.json``. If the ledger is deleted,
emptied, cut short or replaced after an objection was sent, the chain alone cannot tell (a new,
shorter chain is still a chain), but the records can: every record carries the ledger position it
was written at (``ledger_head``: the sequence number and hash of the ledger's last entry then),
and every record of an attempt that sent something must be listed, with its own hash, in a ledger
entry. A record the ledger does not account for is proof NOT intact, and the (account, flow) it
belongs to is never sent again automatically: the person decides (``--again``).

When a run finds such a record, recovery writes it into the ledger again with ``ledger_lost``
set, so the books balance for what follows but the loss stays on record: ``verify`` reports
every such entry for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config.home import Home
from ..i18n import N_, _
from .ledger import GENESIS, sha256_file
from .outcome import Outcome
from .record import RECORD_FILE, read_record


@dataclass(frozen=True)
class LostProof:
    """An attempt whose record says something was sent, and whose ledger entry is gone."""

    attempt: str  # relative to the home: evidence/<account>/<flow>/<time>
    account: str
    flow: str
    outcome: str  # what the record says
    at: str  # when the record was written
    why: str  # in English: written into the ledger as it is (``lost_why``)
    seq: int | None = None  # the ledger entry ``why`` names, if it names one

    def reason(self) -> str:
        """``why`` in the person's language."""
        return _(_NO_ENTRY).format(seq=self.seq) if self.seq is not None else _(self.why)

    def detail(self) -> str:
        """What is wrong, without the attempt's folder (which ``line`` puts first)."""
        if not self.at[:10]:
            # TRANSLATORS: {outcome} is an outcome code such as confirmed (not translated);
            # {reason} says what happened to the ledger
            return _("its record says {outcome} (undated), but {reason}").format(
                outcome=self.outcome, reason=self.reason()
            )
        # TRANSLATORS: {outcome} is an outcome code such as confirmed (not translated), {date} a date
        # like 2026-05-20; {reason} says what happened to the ledger
        return _("its record says {outcome} ({date}), but {reason}").format(
            outcome=self.outcome, date=self.at[:10], reason=self.reason()
        )

    def line(self) -> str:
        # TRANSLATORS: {attempt} is an evidence folder, {detail} what is wrong with it
        return _("{attempt}: {detail}").format(attempt=self.attempt, detail=self.detail())


# why a record is not accounted for: written into the ledger in English, shown translated
_WRITTEN_BACK = N_("the ledger had lost it; a later run wrote it back")
_NO_LEDGER = N_("the ledger is missing or empty")
_NO_ENTRY = N_("the ledger no longer holds entry {seq} it was written after (cut short or replaced)")
_NOT_LISTED = N_("no ledger entry lists it (the ledger was cut short or replaced)")


def ledger_head(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Where the ledger stands: its last entry's sequence number and hash (0 and GENESIS if none)."""
    if not entries:
        return {"seq": 0, "hash": GENESIS}
    return {"seq": entries[-1]["seq"], "hash": entries[-1]["hash"]}


def sent_something(record: dict[str, Any]) -> bool:
    """The attempt sent the form (by objector or the person) or kept a changed setting."""
    return record.get("submitted") is True or record.get("outcome") == Outcome.CONFIRMED.value


def unaccounted(home: Path, entries: list[dict[str, Any]]) -> list[LostProof]:
    """Every attempt folder whose record says something was sent but that the ledger does not
    account for: no entry lists that record with its hash, or the ledger no longer has the entry the
    record was written after. Entries that recovery wrote back (``ledger_lost``) count as lost too."""
    hashes: dict[str, set[str]] = {}
    by_seq = {entry["seq"]: entry.get("hash") for entry in entries}
    lost: list[LostProof] = []
    for entry in entries:
        attempt, files = entry.get("attempt"), entry.get("files") or {}
        if isinstance(attempt, str) and RECORD_FILE in files:
            hashes.setdefault(attempt, set()).add(files[RECORD_FILE])
        if entry.get("ledger_lost") and isinstance(attempt, str):
            lost.append(_lost(entry, attempt, (_WRITTEN_BACK, None)))
    written_back = {item.attempt for item in lost}
    evidence = Home(home).evidence
    if not evidence.is_dir() or evidence.is_symlink():
        return lost
    for folder in sorted(p for p in evidence.glob("*/*/*") if p.is_dir() and not p.is_symlink()):
        attempt = folder.relative_to(home).as_posix()
        record_file = folder / RECORD_FILE
        if attempt in written_back or not record_file.is_file() or record_file.is_symlink():
            continue
        record, _why = read_record(home, attempt)
        if record is None or not sent_something(record):
            continue
        why = _missing(record, hashes.get(attempt, set()), sha256_file(record_file), by_seq)
        if why:
            lost.append(_lost(record, attempt, why))
    return lost


def _missing(
    record: dict[str, Any], listed: set[str], digest: str, by_seq: dict[int, Any]
) -> tuple[str, int | None] | None:
    """Why the ledger does not account for ``record``: the reason and the entry it names, or None."""
    if not by_seq:
        return _NO_LEDGER, None
    head = record.get("ledger_head")
    if isinstance(head, dict) and isinstance(head.get("seq"), int) and head["seq"] > 0:
        if by_seq.get(head["seq"]) != head.get("hash"):
            return _NO_ENTRY, head["seq"]
    if digest not in listed:
        return _NOT_LISTED, None
    return None


def _lost(data: dict[str, Any], attempt: str, why: tuple[str, int | None]) -> LostProof:
    reason, seq = why
    parts = attempt.split("/")
    return LostProof(
        attempt=attempt,
        account=str(data.get("account") or (parts[1] if len(parts) > 3 else "")),
        flow=str(data.get("flow") or (parts[2] if len(parts) > 3 else "")),
        outcome=str(data.get("record_outcome") or data.get("outcome") or "sent"),
        at=str(
            data.get("finished_at") or data.get("started_at") or data.get("found_at") or data.get("at") or ""
        ),
        why=reason.format(seq=seq) if seq is not None else reason,
        seq=seq,
    )
