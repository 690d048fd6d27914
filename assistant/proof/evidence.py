"""Attempt folders: screenshots, page captures and the attempt's record.

``$OBJECTOR_HOME/evidence/<account>/<flow>/<UTC timestamp>/`` holds, for one
attempt, the filled form before submit (``form.png``), the confirmation
(``confirmation.png``), ``record.json`` and, when something went wrong, a
failure bundle (``failure.png``, ``page.html``, ``console.txt``). Every file is
written privately and atomically, and its hash goes into the ledger.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..config.home import Home
from ..i18n import _
from ..storage import atomic_write, private_dir
from .ledger import Ledger, iso, sha256_bytes, utc_now

MAIL_FILE = "mail-confirmation.eml"


def attempt_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


@dataclass
class Attempt:
    """One try at one (account, flow): its folder, its files and its record."""

    home: Path
    account: str
    flow: str
    started: datetime = field(default_factory=utc_now)
    files: dict[str, str] = field(default_factory=dict)
    practice: bool = False  # against a practice site (a site map): every ledger entry says so
    unofficial: str | None = None  # the service this form is NOT an official form of
    folder: Path = field(init=False)

    def __post_init__(self) -> None:
        from ..config.accounts import NAME_RE
        from ..config.flows import FLOW_ID_RE
        from ..errors import UserError, shown

        if not NAME_RE.fullmatch(self.account) or not FLOW_ID_RE.fullmatch(self.flow):
            raise UserError(
                # TRANSLATORS: {account} is an account name, {flow} a flow id (both quoted)
                _("not a safe proof folder name: {account} / {flow}").format(
                    account=shown(self.account), flow=shown(self.flow)
                )
            )
        layout = Home(self.home)
        base = layout.evidence_of(self.account, self.flow)
        private_dir(self.home)
        for folder in (layout.evidence, layout.evidence_of(self.account), base):
            if folder.is_symlink():  # proof written through a link would land outside the home
                raise UserError(
                    _(
                        "{path}: is a symbolic link; proof is only written to real folders inside "
                        "the home. Replace the link with a folder ('objector verify' lists what it finds)."
                    ).format(path=folder)
                )
            private_dir(folder)
        stamp = attempt_stamp(self.started)
        folder, n = base / stamp, 1
        while folder.exists():
            n += 1
            folder = base / f"{stamp}-{n}"
        self.folder = private_dir(folder)

    @property
    def relpath(self) -> str:
        return self.folder.relative_to(self.home).as_posix()

    def save(self, name: str, data: bytes | str) -> Path:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        path = atomic_write(self.folder / name, raw)
        self.files[name] = sha256_bytes(raw)
        return path

    def write_record(self, record: dict[str, Any]) -> Path:
        """``record.json`` in the documented format (``assistant/proof/record.py``).

        A record that does not fit the format is still written (the proof matters more than its
        shape), with the misfits listed in ``format_problems``; the integration tests fail on those.
        """
        from .record import RECORD_FILE, AttemptRecord

        body = {
            "started_at": iso(self.started),
            **record,
            **self._marks(),
            **self._ledger_head(),
            "files": sorted(self.files),
        }
        problems = AttemptRecord.problems(body)
        if problems:
            body["format_problems"] = problems
        return self.save(RECORD_FILE, json.dumps(body, indent=2, ensure_ascii=False) + "\n")

    def _ledger_head(self) -> dict[str, Any]:
        """Where the ledger stood when the record was written, so that a ledger later lost, cut
        short or replaced shows against the record (``accounting.py``)."""
        from .accounting import ledger_head
        from .ledger import LedgerError

        try:
            return {"ledger_head": ledger_head(Ledger(self.home).entries())}
        except (LedgerError, OSError):
            return {}  # an unreadable ledger: verify says so; the record is still written

    def log(self, ledger: Ledger, outcome: str, **extra: Any) -> dict[str, Any]:
        """Add a ledger entry for this attempt with the hashes of its files so far."""
        return ledger.append(
            account=self.account,
            flow=self.flow,
            outcome=outcome,
            attempt=self.relpath,
            files=dict(sorted(self.files.items())),
            **({"practice": True} if self.practice else {}),
            **self._marks(),
            **extra,
        )

    def _marks(self) -> dict[str, str]:
        """What every record and ledger entry of an attempt on a non-official form carries."""
        if not self.unofficial:
            return {}
        from ..config.flows import unofficial_label

        # record.json keeps the English words: the proof reads the same in every language
        return {"unofficial": self.unofficial, "warning": unofficial_label(self.unofficial, translated=False)}
