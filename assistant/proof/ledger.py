"""The ledger: an append-only, hash-chained JSON-lines log of every attempt.

Each entry holds the SHA-256 of every file of its attempt and the hash of the
previous entry, so any later edit, removal or insertion shows up in
``verify``. The file is rewritten atomically on each append (temporary file,
fsync, rename): a crash never leaves a line half-written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..config.home import EVIDENCE_DIR, Home
from ..errors import UserError
from ..i18n import N_, _
from ..storage import MAX_LEDGER_BYTES, atomic_write, read_bounded
from .outcome import Outcome

GENESIS = "0" * 64

# written while an attempt is under way; a newest entry like this means it was cut short
IN_PROGRESS_OUTCOMES = frozenset(o.value for o in Outcome if o.in_progress)
# outcomes that end an (account, flow) for good unless --again
DONE_OUTCOMES = frozenset(o.value for o in Outcome if o.done)


def is_pending(entry: dict[str, Any]) -> bool:
    """The form was sent but no confirmation was recorded (no code, killed, crashed)."""
    return bool(entry.get("submitted")) and entry.get("outcome") not in DONE_OUTCOMES


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def entry_hash(entry: dict[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    return sha256_bytes(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class LedgerError(UserError):
    pass


# field -> the types a ledger entry may hold there (other fields are free-form details)
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "seq": (int,),
    "at": (str,),
    "prev": (str,),
    "hash": (str,),
    "kind": (str,),
    "account": (str,),
    "flow": (str,),
    "outcome": (str,),
    "attempt": (str,),
    "files": (dict,),
    "submitted": (bool,),
    "forgotten": (str,),
}
_REQUIRED = ("seq", "at", "prev", "hash")
_TYPE_WORDS = {
    # TRANSLATORS: what a ledger field must hold, after "has a 'seq' field that is not"
    int: N_("a whole number"),
    # TRANSLATORS: what a ledger field must hold, after "has an 'at' field that is not"
    str: N_("text"),
    dict: N_("a table of file hashes"),
    bool: N_("true or false"),
}


def entry_problem(entry: object) -> str | None:
    """What is wrong with one ledger entry's shape, or None when it fits the schema.

    Types and required fields only (whether the entry is *genuine* is the hash
    chain's business). Paths must stay inside ``evidence/`` and file names must
    be plain names, so no ledger line can point a reader elsewhere on the disk.
    """
    if not isinstance(entry, dict):
        # TRANSLATORS: the subject is a ledger line ("line 3 has no 'seq' field")
        return _("is not a ledger entry (a JSON object)")
    for name in _REQUIRED:
        if name not in entry:
            # TRANSLATORS: the subject is a ledger line ("line 3 has no 'seq' field")
            return _("has no '{name}' field").format(name=name)
    for name, types in _FIELD_TYPES.items():
        value = entry.get(name)
        if name in entry and (
            not isinstance(value, types) or (bool not in types and isinstance(value, bool))
        ):
            # TRANSLATORS: the subject is a ledger line ("line 3 has no 'seq' field")
            return _("has a '{name}' field that is not {kind}").format(
                name=name, kind=_(_TYPE_WORDS[types[0]])
            )
    if entry["seq"] < 1:
        # TRANSLATORS: the subject is a ledger line ("line 3 has no 'seq' field")
        return _("has a 'seq' below 1")
    attempt = entry.get("attempt")
    if attempt is not None and not is_evidence_path(attempt):
        # TRANSLATORS: the subject is a ledger line ("line 3 has no 'seq' field")
        return _("has an 'attempt' that is not a folder under evidence/ inside the home")
    forgotten = entry.get("forgotten")
    if forgotten is not None and not is_evidence_path(forgotten):
        # TRANSLATORS: the subject is a ledger line ("line 3 has no 'seq' field")
        return _("has a 'forgotten' that is not a folder under evidence/ inside the home")
    for name, digest in (entry.get("files") or {}).items():
        if not is_plain_name(name) or not isinstance(digest, str):
            # TRANSLATORS: the subject is a ledger line ("line 3 has no 'seq' field")
            return _("lists a file {name} that is not a plain file name with a hash").format(name=repr(name))
    return None


def is_plain_name(name: str) -> bool:
    """A file name with no folder part (``form.png``, not ``../x`` or ``a/b``)."""
    return bool(name) and name not in (".", "..") and not any(c in name for c in "/\\\x00")


def is_evidence_path(relative: str) -> bool:
    """``evidence/…`` written with plain names only: no ``..``, no absolute path, no backslash."""
    parts = relative.split("/")
    return len(parts) >= 2 and parts[0] == EVIDENCE_DIR and all(is_plain_name(p) for p in parts[1:])


@dataclass
class Ledger:
    home: Path

    @property
    def path(self) -> Path:
        return Home(self.home).ledger_file

    def read_lines(self) -> list[str]:
        try:
            raw = read_bounded(self.path, MAX_LEDGER_BYTES)
        except FileNotFoundError:
            return []
        try:
            return raw.decode("utf-8").splitlines()
        except UnicodeDecodeError as exc:
            raise LedgerError(
                _("{path}: cannot be read (not UTF-8 at byte {offset}).").format(
                    path=self.path, offset=exc.start
                )
            ) from None

    def entries(self) -> list[dict[str, Any]]:
        entries = []
        for number, line in enumerate(self.read_lines(), start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                raise LedgerError(
                    _(
                        "{path}: line {number} is not valid JSON; run 'objector verify' to see what changed."
                    ).format(path=self.path, number=number)
                ) from None
            problem = entry_problem(entry)
            if problem:
                raise LedgerError(
                    # TRANSLATORS: {problem} says what is wrong with the line, e.g. "has no 'seq' field"
                    _("{path}: line {number} {problem}; run 'objector verify' to see what changed.").format(
                        path=self.path, number=number, problem=problem
                    )
                )
            entries.append(entry)
        return entries

    def append(self, **fields: Any) -> dict[str, Any]:
        lines = self.read_lines()
        entries = self.entries()
        previous = entries[-1] if entries else None
        entry: dict[str, Any] = {
            "seq": (previous["seq"] + 1) if previous else 1,
            "at": iso(utc_now()),
            **fields,
            "prev": previous.get("hash", GENESIS) if previous else GENESIS,
        }
        entry["hash"] = entry_hash(entry)
        text = "\n".join([*lines, json.dumps(entry, ensure_ascii=False, sort_keys=True)]) + "\n"
        atomic_write(self.path, text)
        return entry

    def latest(self) -> dict[tuple[str, str], dict[str, Any]]:
        """The newest attempt entry for every (account, flow) (mail entries aside)."""
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for entry in self.entries():
            if "account" in entry and "flow" in entry and entry.get("kind", "attempt") == "attempt":
                found[(entry["account"], entry["flow"])] = entry
        return found

    def mail_confirmed(self) -> dict[tuple[str, str], str]:
        """When Meta's confirmation e-mail was kept, for every (account, flow) that has one."""
        found: dict[tuple[str, str], str] = {}
        for entry in self.entries():
            if (
                "mail-confirmation.eml" in (entry.get("files") or {})
                and "account" in entry
                and "flow" in entry
            ):
                found.setdefault((entry["account"], entry["flow"]), entry.get("at", ""))
        return found

    def confirmed(self) -> dict[tuple[str, str], dict[str, Any]]:
        """The newest confirmed entry for every (account, flow) that has one."""
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for entry in self.entries():
            if entry.get("outcome") == "confirmed" and entry.get("kind", "attempt") == "attempt":
                found[(entry["account"], entry["flow"])] = entry
        return found


def unfinished_attempts(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Attempts whose newest entry is not a final outcome (the process was killed)."""
    newest: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if isinstance(entry.get("attempt"), str) and entry.get("kind", "attempt") == "attempt":
            newest[entry["attempt"]] = entry
    return {k: v for k, v in newest.items() if v.get("outcome") in IN_PROGRESS_OUTCOMES}
