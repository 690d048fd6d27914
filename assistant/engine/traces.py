"""Playwright traces: a debugging aid kept apart from the proof.

A trace holds the session's cookies and the requests the page sent, including
a typed password when the person logs in while it runs. So traces live in
``HOME/traces/<account>/<stamp>-<flow>.zip`` (0600, in 0700 folders), outside
``evidence/``: they are never hashed into the ledger, never exported and never
in the report, and deleting one leaves the proof intact. ``objector forget``
removes an account's traces along with its browser profile.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from ..config.home import Home
from ..errors import UserError
from ..i18n import N_, _
from ..storage import atomic_write, inside_home

#: shown (translated: ``_(TRACE_WARNING).format(folder=...)``) when ``run --trace`` starts
# TRANSLATORS: {folder} is the folder where the traces are kept; ACCOUNT stays as it is (the command's word)
TRACE_WARNING = N_(
    "--trace: each attempt's Playwright trace is kept in {folder}. A trace holds your session "
    "cookies and what the page sent, including any password you type while it runs: "
    "keep it private, never share it, and delete it when you no longer need it "
    "('objector forget ACCOUNT' removes an account's traces). Traces are not part of the proof."
)


def traces_dir(home: Path, account: str | None = None) -> Path:
    return Home(home).traces if account is None else Home(home).traces_of(account)


def save_trace(home: Path, account: str, flow: str, started: datetime, data: bytes) -> Path:
    """Keep one attempt's trace privately; returns its path."""
    name = f"{started.strftime('%Y%m%dT%H%M%SZ')}-{flow}.zip"
    return atomic_write(traces_dir(home, account) / name, data)


def forget_traces(home: Path, account: str) -> int:
    """Delete every trace of ``account``; returns how many there were."""
    folder = traces_dir(home, account)
    rel = folder.relative_to(home).as_posix()
    if inside_home(home, rel) is None or not folder.is_dir():
        return 0  # a link on the way (HOME/traces itself, or the account's folder) is never followed
    count = sum(1 for _ in folder.glob("*.zip"))
    try:
        shutil.rmtree(folder)
    except OSError as exc:
        raise UserError(
            # TRANSLATORS: {error} is the system's own reason, in English
            _("{path}: could not be deleted ({error}).").format(path=folder, error=exc.strerror or exc)
        ) from None
    return count
