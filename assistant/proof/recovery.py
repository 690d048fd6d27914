"""After a crash or a killed process: close the books on attempts cut short.

An attempt whose newest ledger entry is still "awaiting-approval", "submitting"
or "sent" was interrupted. Its files (including any written after that entry)
are recorded in a final entry, keeping whether the form had been sent, so the
ledger verifies and a sent form is never sent again on its own: "interrupted",
or "unknown" for a form cut off after "submitting" and before anything showed
that it left the browser (the person decides). Attempt folders the ledger never
heard of are recorded the same way.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..config.home import Home
from .accounting import LostProof, unaccounted
from .ledger import Ledger, sha256_file, unfinished_attempts
from .outcome import Outcome


def _files(folder: Path) -> dict[str, str]:
    return {
        p.name: sha256_file(p) for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")
    }


def recover(home: Path, ledger: Ledger) -> list[str]:
    """Record interrupted attempts; returns their folders (relative to home).

    An attempt whose record says it sent something, while the ledger does not account for it
    (the ledger was lost, cut short or replaced: ``accounting.py``), is written back as sent
    (``submitted``), with ``ledger_lost`` and what its record says, so that nothing sends it
    again on its own and ``verify`` keeps reporting the loss.
    """
    entries = ledger.entries()
    known = {e["attempt"] for e in entries if isinstance(e.get("attempt"), str)}
    lost = {item.attempt: item for item in unaccounted(home, entries) if not _written_back(item, entries)}
    recovered: list[str] = []
    for attempt, entry in unfinished_attempts(entries).items():
        folder = home / attempt
        files = _files(folder) if folder.is_dir() else {}
        ledger.append(
            account=entry["account"],
            flow=entry["flow"],
            outcome=_cut_short(entry, attempt in lost).value,
            attempt=attempt,
            files=files,
            submitted=bool(entry.get("submitted")) or attempt in lost,
            recovered=True,
            **_loss(lost.pop(attempt, None)),
        )
        recovered.append(attempt)
    for attempt, item in sorted(lost.items()):
        if attempt not in known:
            continue  # a folder the ledger never heard of: below
        folder = home / attempt
        ledger.append(
            account=item.account,
            flow=item.flow,
            outcome=Outcome.INTERRUPTED.value,
            attempt=attempt,
            files=_files(folder),
            submitted=True,
            recovered=True,
            **_loss(item),
        )
        recovered.append(attempt)
    evidence = Home(home).evidence
    if evidence.is_dir():
        for folder in sorted(p for p in evidence.glob("*/*/*") if p.is_dir()):
            attempt = folder.relative_to(home).as_posix()
            if attempt in known:
                continue
            files = _files(folder)
            if not files:
                shutil.rmtree(folder, ignore_errors=True)
                continue
            account, flow = folder.parent.parent.name, folder.parent.name
            found = lost.get(attempt)
            ledger.append(
                account=account,
                flow=flow,
                outcome=Outcome.INTERRUPTED.value,
                attempt=attempt,
                files=files,
                submitted=found is not None,
                recovered=True,
                **_loss(found),
            )
            recovered.append(attempt)
    return recovered


def _cut_short(entry: dict, lost: bool) -> Outcome:
    """How an attempt whose newest entry is ``entry`` ended: ``unknown`` when a form was cut off
    between ``submitting`` and any sign that it left the browser (``sent``), else interrupted."""
    sending = entry.get("outcome") == Outcome.SUBMITTING.value and entry.get("submitted") is True
    return Outcome.UNKNOWN if sending and not lost else Outcome.INTERRUPTED


def _written_back(item: LostProof, entries: list[dict]) -> bool:
    return any(e.get("attempt") == item.attempt and e.get("ledger_lost") for e in entries)


def _loss(item: LostProof | None) -> dict[str, object]:
    """What a ledger entry written back for a lost attempt says of the loss."""
    if item is None:
        return {}
    return {"ledger_lost": True, "record_outcome": item.outcome, "found_at": item.at, "lost_why": item.why}
