"""After a crash or a killed process: close the books on attempts cut short.

An attempt whose newest ledger entry is still "awaiting-approval" or
"submitting" was interrupted. Its files (including any written after that
entry) are recorded in a final "interrupted" entry, keeping whether the form
had been sent, so the ledger verifies and a sent form is never sent again on
its own. Attempt folders the ledger never heard of are recorded the same way.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..config.home import Home
from .ledger import Ledger, sha256_file, unfinished_attempts
from .outcome import Outcome


def _files(folder: Path) -> dict[str, str]:
    return {
        p.name: sha256_file(p) for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")
    }


def recover(home: Path, ledger: Ledger) -> list[str]:
    """Record interrupted attempts; returns their folders (relative to home)."""
    entries = ledger.entries()
    known = {e["attempt"] for e in entries if isinstance(e.get("attempt"), str)}
    recovered: list[str] = []
    for attempt, entry in unfinished_attempts(entries).items():
        folder = home / attempt
        files = _files(folder) if folder.is_dir() else {}
        ledger.append(
            account=entry["account"],
            flow=entry["flow"],
            outcome=Outcome.INTERRUPTED.value,
            attempt=attempt,
            files=files,
            submitted=bool(entry.get("submitted")),
            recovered=True,
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
            ledger.append(
                account=account,
                flow=flow,
                outcome=Outcome.INTERRUPTED.value,
                attempt=attempt,
                files=files,
                submitted=False,
                recovered=True,
            )
            recovered.append(attempt)
    return recovered
