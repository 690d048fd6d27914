"""``objector verify``: recompute every hash and walk the ledger's chain.

Reports each ledger line that was edited, removed or inserted (the chain
breaks), and each attempt file that is missing, modified, or not listed in the
ledger. Nothing is changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .evidence import EVIDENCE_DIR
from .ledger import GENESIS, LEDGER_NAME, entry_hash, sha256_file


@dataclass(frozen=True)
class Problem:
    kind: str  # ledger-edited, chain-broken, ledger-unreadable, missing, modified, unexpected
    path: str  # relative to the home folder
    detail: str

    def line(self) -> str:
        return f"{self.kind}: {self.path} — {self.detail}"


@dataclass
class Verification:
    home: Path
    entries: int = 0
    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_home(home: Path) -> Verification:
    result = Verification(home)
    ledger_path = home / LEDGER_NAME
    latest_files: dict[str, dict[str, str]] = {}
    if ledger_path.exists():
        _check_chain(ledger_path, result, latest_files)
    for attempt, files in sorted(latest_files.items()):
        folder = home / attempt
        for name, digest in sorted(files.items()):
            path = folder / name
            rel = f"{attempt}/{name}"
            result.files += 1
            if not path.is_file():
                result.problems.append(Problem("missing", rel, "listed in the ledger but not on disk"))
            elif sha256_file(path) != digest:
                result.problems.append(Problem("modified", rel, "its content changed after it was recorded"))
    evidence = home / EVIDENCE_DIR
    if evidence.is_dir():
        for path in sorted(p for p in evidence.rglob("*") if p.is_file()):
            rel = path.relative_to(home).as_posix()
            attempt = path.parent.relative_to(home).as_posix()
            if path.name not in latest_files.get(attempt, {}):
                result.problems.append(Problem("unexpected", rel, "not listed in the ledger"))
    return result


def _check_chain(path: Path, result: Verification, latest_files: dict[str, dict[str, str]]) -> None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        result.problems.append(Problem("ledger-unreadable", LEDGER_NAME, str(exc)))
        return
    previous = GENESIS
    expected_seq = 1
    for number, line in enumerate(lines, start=1):
        where = f"{LEDGER_NAME}:{number}"
        try:
            entry = json.loads(line)
            if not isinstance(entry, dict):
                raise ValueError
        except ValueError:
            result.problems.append(Problem("ledger-edited", where, "not a valid ledger entry"))
            previous = None  # type: ignore[assignment]
            continue
        result.entries += 1
        if entry.get("hash") != entry_hash(entry):
            result.problems.append(Problem("ledger-edited", where, "the entry does not match its own hash"))
        if previous is not None and entry.get("prev") != previous:
            result.problems.append(
                Problem(
                    "chain-broken",
                    where,
                    "does not follow the entry before it (a line was removed, inserted or edited)",
                )
            )
        if entry.get("seq") != expected_seq:
            result.problems.append(
                Problem("chain-broken", where, f"sequence number {entry.get('seq')}, expected {expected_seq}")
            )
        expected_seq = (entry.get("seq") or expected_seq) + 1
        previous = entry.get("hash")
        forgotten = entry.get("forgotten") if entry.get("kind") == "forget" else None
        if isinstance(forgotten, str) and forgotten:
            # proof deleted at the person's request: the ledger says so, so its absence is expected
            for attempt in [a for a in latest_files if a.startswith(forgotten.rstrip("/") + "/")]:
                del latest_files[attempt]
        attempt = entry.get("attempt")
        if isinstance(attempt, str) and isinstance(entry.get("files"), dict):
            latest_files[attempt] = entry["files"]
