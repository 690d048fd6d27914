"""The objector home: where everything objector keeps lives, spelled once.

::

    $OBJECTOR_HOME/
      accounts.toml        the person's accounts (their file; objector edits it only when asked)
      ledger.jsonl         the hash-chained list of everything that happened
      evidence/<account>/<flow>/<UTC time>/   one folder per attempt (see docs/proof-format.md)
      profiles/<account>/  the browser profile of each account (logins; never exported)
      profiles/.temporary/ profiles of ``run --no-keep-login``, each deleted after its account
      traces/<account>/    Playwright traces, only with ``run --trace`` (hold cookies; never exported)
      stamps/              RFC 3161 time-stamp tokens of the ledger head, with their certificates
      flows/               the person's own flow files (replace bundled ones with the same id)
      .lock                held while a command writes

Every module asks ``Home`` for these paths instead of joining names itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ACCOUNTS_NAME = "accounts.toml"
LEDGER_NAME = "ledger.jsonl"
EVIDENCE_DIR = "evidence"
PROFILES_DIR = "profiles"
TEMPORARY_PROFILES_DIR = ".temporary"  # inside PROFILES_DIR; no account name starts with a dot
TRACES_DIR = "traces"
STAMPS_DIR = "stamps"
FLOWS_DIR = "flows"
LOCK_NAME = ".lock"


@dataclass(frozen=True)
class Home:
    """The layout of one objector home folder (nothing is created here)."""

    root: Path

    @property
    def accounts_file(self) -> Path:
        return self.root / ACCOUNTS_NAME

    @property
    def ledger_file(self) -> Path:
        return self.root / LEDGER_NAME

    @property
    def evidence(self) -> Path:
        return self.root / EVIDENCE_DIR

    @property
    def profiles(self) -> Path:
        return self.root / PROFILES_DIR

    @property
    def temporary_profiles(self) -> Path:
        return self.profiles / TEMPORARY_PROFILES_DIR

    @property
    def traces(self) -> Path:
        return self.root / TRACES_DIR

    @property
    def stamps(self) -> Path:
        return self.root / STAMPS_DIR

    @property
    def flows(self) -> Path:
        return self.root / FLOWS_DIR

    @property
    def lock_file(self) -> Path:
        return self.root / LOCK_NAME

    def evidence_of(self, account: str, flow: str | None = None) -> Path:
        """The proof folder of an account (or of one of its flows)."""
        folder = self.evidence / account
        return folder if flow is None else folder / flow

    def profile(self, account: str) -> Path:
        return self.profiles / account

    def traces_of(self, account: str) -> Path:
        return self.traces / account
