"""What the practice Help Centre remembers: logins, submissions, codes, visits."""

from __future__ import annotations

import dataclasses
import secrets
import threading
import time
from dataclasses import dataclass

from .config import Submission
from .services import SettingChange

#: (service, user, setting key, blog/site or None) -> on
SettingId = tuple[str, str, str, str | None]


@dataclass
class PendingCode:
    submission: Submission
    code: str
    kind: str  # form kind, for the confirmation wording
    variant: str | None


class PracticeState:
    """Thread-safe store shared by the practice servers of one PracticeSite."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._submissions: list[Submission] = []
        self._arrivals: list[str] = []  # the host of every request to a Send endpoint, on arrival
        self._codes: list[tuple[str, str]] = []
        self._pending: dict[str, PendingCode] = {}
        self._sessions: dict[str, str] = {}  # login cookie value -> practice username
        self._logins: list[tuple[str, str]] = []  # (where, username) of every login since the last reset
        self._checkpoints: dict[str, tuple[str, str]] = {}  # token -> (username, live host)
        self._foreign_hits: list[dict[str, object]] = []
        self._rejected: list[dict[str, object]] = []
        self._refused_submits = 0  # valid submits the submit_error mode turned away
        self._settings: dict[SettingId, bool] = {}
        self._setting_changes: list[SettingChange] = []
        self._touched: list[dict[str, object]] = []  # typing into boxes the page owns (practice.js)
        self._events: set[str] = set()  # things the site does once (first_time)
        self._screens: list[dict[str, object]] = []  # a form in steps went on to its next screen

    # -- logins ---------------------------------------------------------------
    def new_session(self, username: str, *, numeric: bool = False, where: str = "") -> str:
        """A session for a login of ``username`` on ``where`` (a host or a service's key)."""
        value = str(100000000000000 + secrets.randbelow(10**15)) if numeric else secrets.token_urlsafe(24)
        with self._lock:
            self._sessions[value] = username
            self._logins.append((where, username))
        return value

    @property
    def logins(self) -> list[tuple[str, str]]:
        """(where, username) of each login through a practice login page since the last reset."""
        with self._lock:
            return list(self._logins)

    def user_for(self, session_value: str | None) -> str | None:
        if not session_value:
            return None
        with self._lock:
            return self._sessions.get(session_value)

    def end_session(self, session_value: str | None) -> None:
        """The service logs this session out (its cookie no longer names anybody)."""
        with self._lock:
            self._sessions.pop(session_value or "", None)

    def first_time(self, event: str) -> bool:
        """True the first time ``event`` is named (since the last reset), then False."""
        with self._lock:
            if event in self._events:
                return False
            self._events.add(event)
            return True

    def start_checkpoint(self, username: str, host: str) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._checkpoints[token] = (username, host)
        return token

    def checkpoint(self, token: str | None) -> tuple[str, str] | None:
        if not token:
            return None
        with self._lock:
            return self._checkpoints.get(token)

    def end_checkpoint(self, token: str) -> None:
        with self._lock:
            self._checkpoints.pop(token, None)

    # -- submissions ----------------------------------------------------------
    def record_arrival(self, host: str) -> None:
        """A request reached a Send endpoint: before the server reads, checks or answers it."""
        with self._lock:
            self._arrivals.append(host)

    @property
    def arrivals(self) -> list[str]:
        """The host of each request that reached a Send endpoint (answered or not) since the reset."""
        with self._lock:
            return list(self._arrivals)

    def add_submission(self, submission: Submission) -> None:
        with self._lock:
            self._submissions.append(submission)

    def add_rejected(self, entry: dict[str, object]) -> None:
        with self._lock:
            self._rejected.append(entry)

    def refuse_submit(self, limit: int) -> bool:
        """Count one more refused submit if fewer than ``limit`` were refused so far.

        Check and count happen under one lock, so two submits racing each
        other cannot both be the last refused one.
        """
        with self._lock:
            if self._refused_submits >= limit:
                return False
            self._refused_submits += 1
            return True

    def send_code(self, pending: PendingCode) -> str:
        ref = secrets.token_urlsafe(12)
        with self._lock:
            self._pending[ref] = pending
            self._codes.append((pending.submission.fields.get("email", ""), pending.code))
        return ref

    def pending(self, ref: str) -> PendingCode | None:
        with self._lock:
            return self._pending.get(ref)

    def confirm(self, ref: str) -> None:
        with self._lock:
            pending = self._pending.pop(ref, None)
            if pending is not None:
                pending.submission.confirmed = True

    def record_foreign(self, entry: dict[str, object]) -> None:
        entry.setdefault("at", time.time())
        with self._lock:
            self._foreign_hits.append(entry)

    def record_touch(self, entry: dict[str, object]) -> None:
        entry.setdefault("at", time.time())
        with self._lock:
            self._touched.append(entry)

    @property
    def touched(self) -> list[dict[str, object]]:
        with self._lock:
            return [dict(entry) for entry in self._touched]

    def record_screen(self, entry: dict[str, object]) -> None:
        """A form in steps was taken to its next screen (its Next button was pressed)."""
        entry.setdefault("at", time.time())
        with self._lock:
            self._screens.append(entry)

    @property
    def screens(self) -> list[dict[str, object]]:
        with self._lock:
            return [dict(entry) for entry in self._screens]

    # -- settings of other services --------------------------------------------
    def store_setting(self, change: SettingChange) -> None:
        with self._lock:
            self._settings[(change.service, change.user, change.key, change.item)] = change.on
            self._setting_changes.append(change)

    def stored_setting(self, setting: SettingId) -> bool | None:
        """The stored state, or None when nothing was ever stored (the default applies)."""
        with self._lock:
            return self._settings.get(setting)

    @property
    def setting_changes(self) -> list[SettingChange]:
        with self._lock:
            return list(self._setting_changes)

    # -- snapshots ------------------------------------------------------------
    @property
    def submissions(self) -> list[Submission]:
        with self._lock:
            return [dataclasses.replace(s, fields=dict(s.fields)) for s in self._submissions]

    @property
    def codes_sent(self) -> list[tuple[str, str]]:
        with self._lock:
            return list(self._codes)

    @property
    def foreign_hits(self) -> list[dict[str, object]]:
        with self._lock:
            return [dict(hit) for hit in self._foreign_hits]

    @property
    def rejected(self) -> list[dict[str, object]]:
        with self._lock:
            return [dict(entry) for entry in self._rejected]

    @property
    def refused_submits(self) -> int:
        with self._lock:
            return self._refused_submits

    def reset(self) -> None:
        with self._lock:
            self._refused_submits = 0
            self._submissions.clear()
            self._arrivals.clear()
            self._codes.clear()
            self._pending.clear()
            self._foreign_hits.clear()
            self._rejected.clear()
            self._settings.clear()
            self._setting_changes.clear()
            self._touched.clear()
            self._events.clear()
            self._screens.clear()
            self._logins.clear()

    def as_json(self) -> dict[str, object]:
        return {
            "submissions": [dataclasses.asdict(s) for s in self.submissions],
            "codes_sent": [list(pair) for pair in self.codes_sent],
            "rejected": self.rejected,
            "refused_submits": self.refused_submits,
            "foreign_hits": self.foreign_hits,
            "setting_changes": [dataclasses.asdict(c) for c in self.setting_changes],
            "touched": self.touched,
            "screens": self.screens,
        }
