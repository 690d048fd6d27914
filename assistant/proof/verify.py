"""``objector verify``: recompute every hash and walk the ledger's chain.

Reports each ledger line that was edited, removed or inserted (the chain
breaks) or does not fit the ledger's schema, and each attempt file that is
missing, modified, or not listed in the ledger. Proof must be real files inside
the home: a symbolic link anywhere under ``evidence/`` (or ``evidence/`` itself
being one), anything that is not an ordinary file, and a ledger path that leads
outside the home are problems too, so ``verify``, ``report`` and ``export`` all
look at the same files. Nothing is changed.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..config.home import EVIDENCE_DIR, LEDGER_NAME, Home
from ..i18n import N_, _, ngettext
from ..storage import read_bounded
from .ledger import GENESIS, MAX_LEDGER_BYTES, entry_hash, entry_problem, sha256_file

TEMP_NOTE = N_("a temporary file left by an interrupted run; the next run removes it")


@dataclass(frozen=True)
class Problem:
    # ledger-edited, chain-broken, ledger-unreadable, ledger-lost, missing, modified, unexpected,
    # symlink, not-a-file, outside-home; "leftover" for notes that are not failures
    kind: str
    path: str  # relative to the home folder
    detail: str

    def line(self) -> str:
        # TRANSLATORS: one problem found by 'objector verify': {kind} is a code such as ledger-edited
        # (not translated), {path} a file, {detail} what is wrong with it
        return _("{kind}: {path} — {detail}").format(kind=self.kind, path=self.path, detail=self.detail)


@dataclass
class Verification:
    home: Path
    entries: int = 0
    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # worth saying, not a failure
    stamps: list[str] = field(default_factory=list)  # "time-stamped by <TSA> at <time>: …" per stamp
    evidence_files: int = 0  # ordinary files found under evidence/

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def nothing_recorded(self) -> bool:
        """No ledger entry and no proof file: nothing to call intact (or broken) yet."""
        return self.ok and self.entries == 0 and self.evidence_files == 0


def is_temp_name(name: str) -> bool:
    """A temporary file of an interrupted atomic write (``.record.json.x1y2.tmp``)."""
    return name.startswith(".") and name.endswith(".tmp")


def verify_home(home: Path, *, tsa_cafile: Path | None = None) -> Verification:
    result = Verification(home)
    latest_files: dict[str, dict[str, str]] = {}
    ledger_file = Home(home).ledger_file
    if os.path.islink(ledger_file):  # a copy elsewhere may say anything: never followed
        result.problems.append(Problem("symlink", LEDGER_NAME, _(_LINK)))
    elif os.path.lexists(ledger_file):
        _check_chain(ledger_file, result, latest_files)
    on_disk = _walk_evidence(home, result)
    result.evidence_files = len(on_disk)
    _check_accounted(home, result)
    for attempt, files in sorted(latest_files.items()):
        for name, digest in sorted(files.items()):
            rel = f"{attempt}/{name}"
            result.files += 1
            kind = on_disk.get(rel)
            if kind is None:
                if _outside(home, rel):
                    result.problems.append(
                        Problem("outside-home", rel, _("the ledger points outside the home"))
                    )
                else:
                    result.problems.append(Problem("missing", rel, _("listed in the ledger but not on disk")))
            elif kind == "file" and sha256_file(home / rel) != digest:
                result.problems.append(
                    Problem("modified", rel, _("its content changed after it was recorded"))
                )
    for rel, kind in sorted(on_disk.items()):
        attempt, _sep, name = rel.rpartition("/")
        if kind == "file" and name not in latest_files.get(attempt, {}):
            result.problems.append(Problem("unexpected", rel, _("not listed in the ledger")))
    _check_stamps(home, result, tsa_cafile)
    return result


def _check_stamps(home: Path, result: Verification, tsa_cafile: Path | None) -> None:
    """Every RFC 3161 time-stamp token of the ledger, checked offline (``stamps.py``)."""
    from .stamps import check_stamps

    checks, waiting = check_stamps(home, tsa_cafile)
    for check in checks:
        if check.problem:
            result.problems.append(Problem("stamp", check.where, check.problem))
        else:
            result.stamps.append(check.line)
    if checks and waiting:
        result.stamps.append(
            ngettext(
                "the last {count} ledger entry is not time-stamped yet "
                "(the next run or 'objector stamp' takes it)",
                "the last {count} ledger entries are not time-stamped yet "
                "(the next run or 'objector stamp' takes it)",
                waiting,
            ).format(count=waiting)
        )


def _check_accounted(home: Path, result: Verification) -> None:
    """Records of sent attempts that the ledger does not account for (``accounting.py``)."""
    from ..errors import UserError
    from .accounting import unaccounted
    from .ledger import Ledger

    try:
        entries = [] if os.path.islink(Home(home).ledger_file) else Ledger(home).entries()
    except (UserError, OSError):
        return  # an unreadable ledger is a problem of its own already
    for lost in unaccounted(home, entries):
        result.problems.append(Problem("ledger-lost", lost.attempt, lost.detail()))


def _walk_evidence(home: Path, result: Verification) -> dict[str, str]:
    """Every ordinary file under ``evidence/`` (relative path -> "file"), noting links and oddities.

    Links are never followed: a linked folder could hold anything, and a linked
    file could be a browser profile's cookie jar.
    """
    found: dict[str, str] = {}
    evidence = Home(home).evidence
    try:
        mode = os.lstat(evidence).st_mode
    except FileNotFoundError:
        return found
    except OSError as exc:
        result.problems.append(Problem("unreadable", EVIDENCE_DIR, exc.strerror or str(exc)))
        return found
    if stat.S_ISLNK(mode):
        result.problems.append(Problem("symlink", EVIDENCE_DIR, _(_LINK)))
        return found
    if not stat.S_ISDIR(mode):
        result.problems.append(Problem("not-a-file", EVIDENCE_DIR, _("is not a folder")))
        return found
    for folder, dirs, files in os.walk(evidence, followlinks=False):
        base = Path(folder)
        for name in sorted(dirs + files):
            path = base / name
            rel = path.relative_to(home).as_posix()
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue  # removed while we looked
            if stat.S_ISLNK(mode):
                result.problems.append(Problem("symlink", rel, _(_LINK)))
            elif stat.S_ISDIR(mode):
                continue
            elif is_temp_name(name):
                result.notes.append(Problem("leftover", rel, _(TEMP_NOTE)))
            elif not stat.S_ISREG(mode):
                result.problems.append(Problem("not-a-file", rel, _("is not an ordinary file")))
            else:
                found[rel] = "file"
        dirs[:] = [d for d in dirs if not os.path.islink(base / d)]
    return found


_LINK = N_("is a symbolic link; proof must be ordinary files inside the home, so it is not followed")


def _outside(home: Path, rel: str) -> bool:
    """Does ``home/rel`` resolve outside the home (``..`` or an absolute path in a ledger line)?"""
    base = home.resolve()
    try:
        return not (base / rel).resolve().is_relative_to(base)
    except (OSError, RuntimeError, ValueError):
        return True


def _check_chain(path: Path, result: Verification, latest_files: dict[str, dict[str, str]]) -> None:
    from ..errors import UserError

    try:
        lines = read_bounded(path, MAX_LEDGER_BYTES).decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        result.problems.append(
            Problem(
                "ledger-unreadable", LEDGER_NAME, _("not UTF-8 at byte {offset}").format(offset=exc.start)
            )
        )
        return
    except (OSError, UserError) as exc:
        result.problems.append(Problem("ledger-unreadable", LEDGER_NAME, str(exc)))
        return
    previous: str | None = GENESIS
    expected_seq = 1
    for number, line in enumerate(lines, start=1):
        where = f"{LEDGER_NAME}:{number}"
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):
            entry = None
        problem = entry_problem(entry)
        if problem:
            # TRANSLATORS: {problem} says what is wrong with the entry, e.g. "has no 'seq'"
            detail = _("not a valid ledger entry: it {problem}").format(problem=problem)
            result.problems.append(Problem("ledger-edited", where, detail))
            previous = None
            continue
        result.entries += 1
        if entry["hash"] != entry_hash(entry):
            result.problems.append(
                Problem("ledger-edited", where, _("the entry does not match its own hash"))
            )
        if previous is not None and entry["prev"] != previous:
            result.problems.append(
                Problem(
                    "chain-broken",
                    where,
                    _("does not follow the entry before it (a line was removed, inserted or edited)"),
                )
            )
        if entry["seq"] != expected_seq:
            result.problems.append(
                Problem(
                    "chain-broken",
                    where,
                    _("sequence number {seq}, expected {expected}").format(
                        seq=entry["seq"], expected=expected_seq
                    ),
                )
            )
        expected_seq = entry["seq"] + 1
        previous = entry["hash"]
        forgotten = entry.get("forgotten") if entry.get("kind") == "forget" else None
        if forgotten:
            # proof deleted at the person's request: the ledger says so, so its absence is expected
            for attempt in [a for a in latest_files if a.startswith(forgotten.rstrip("/") + "/")]:
                del latest_files[attempt]
        attempt = entry.get("attempt")
        if attempt is not None and "files" in entry:
            latest_files[attempt] = entry["files"]
