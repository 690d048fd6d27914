"""Settings that were switched off stay off only until the service changes them back.

Services reset AI-training settings or turn them on by default for everyone, so
a setting objector switched off months ago may be on again today. This module
decides which (account, setting) pairs to read again (``objector recheck``),
how long ago each was last seen in the wanted state, and how to say what the
latest read found. It only reads the ledger and the attempts' records; the
engine does the reading in the browser. No Typer here: ``cli.py``, ``runner.py``,
``ui.py`` and ``report.py`` call these functions.

The ledger stays the one source: a setting's state is the newest entry of the
pair that read one (``confirmed``, ``still-set`` or ``turned-back``). A re-check
that failed or was cut short in between does not hide what was read before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from .config.accounts import Account
from .config.flows import Flow
from .errors import UserError
from .i18n import _, ngettext, pgettext
from .proof.ledger import is_evidence_path
from .proof.outcome import Outcome
from .proof.record import setting_key

# the entries of a setting that say which state it was in when objector last looked
DONE_READS = frozenset({Outcome.CONFIRMED.value, Outcome.STILL_SET.value})
STATE_READS = DONE_READS | {Outcome.TURNED_BACK.value}
# a setting not seen in its wanted state for this long is worth reading again
STALE_AFTER = timedelta(days=30)
MAX_DURATION = timedelta(days=36_525)  # a hundred years: anything longer is a typing mistake

_UNITS = {"h": ("hours", 1), "d": ("days", 1), "w": ("weeks", 1)}
_DURATION_RE = re.compile(r"\s*(\d{1,9})\s*([hdw])\s*", re.IGNORECASE)

# how the services are spelled in sentences (a flow's ``platform`` is a lower-case id)


# --------------------------------------------------------------------------- flows and durations


def flow_kind(flow: Flow) -> str:
    """``"setting"`` for a flow that switches a setting, ``"form"`` for one that sends a form."""
    return flow.kind


def setting_flow_ids(flows: Mapping[str, Any]) -> frozenset[str]:
    """The ids of the setting flows among loaded flows (``{id: LoadedFlow}``)."""
    return frozenset(flow_id for flow_id, loaded in flows.items() if flow_kind(loaded.flow) == "setting")


def parse_duration(text: str, option: str = "--older-than") -> timedelta:
    """``30d``, ``12h`` or ``2w`` as a duration; anything else is a one-line UserError naming the option."""
    match = _DURATION_RE.fullmatch(text or "")
    if not match:
        raise UserError(
            # TRANSLATORS: h, d and w are the letters to type (not translated)
            _(
                "{option} {text}: give a whole number with h (hours), d (days) or w (weeks), "
                "for example 30d, 12h or 2w."
            ).format(option=option, text=text)
        )
    number, unit = int(match.group(1)), match.group(2).lower()
    duration = timedelta(**{_UNITS[unit][0]: number})
    if duration > MAX_DURATION:
        raise UserError(
            _("{option} {text}: that is more than a hundred years; give at most 5200w.").format(
                option=option, text=text
            )
        )
    return duration


def duration_words(duration: timedelta) -> str:
    """A duration as the person would say it: ``30 days``, ``2 weeks``, ``12 hours``."""
    hours = int(duration.total_seconds() // 3600)
    if hours % (24 * 7) == 0 and hours:
        weeks = hours // (24 * 7)
        return ngettext("{count} week", "{count} weeks", weeks).format(count=weeks)
    if hours % 24 == 0:
        days = hours // 24
        return ngettext("{count} day", "{count} days", days).format(count=days)
    return ngettext("{count} hour", "{count} hours", hours).format(count=hours)


# --------------------------------------------------------------------------- dates as said


def moment(value: Any) -> datetime | None:
    """A ledger time (``2026-11-27T10:15:02Z``) as an aware UTC datetime, or None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        found = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (found if found.tzinfo else found.replace(tzinfo=UTC)).astimezone(UTC)


def day(when: datetime) -> str:
    """``27 Nov 2026`` (``27. Nov. 2026`` in German: as the language in use writes a day)."""
    return _day(when, "yMMMd")


def short_day(when: datetime, now: datetime) -> str:
    """``3 Dec`` within the current year, else ``3 Dec 2025``."""
    return _day(when, "MMMd") if when.year == now.year else day(when)


def _day(when: datetime, skeleton: str) -> str:
    from .i18n import PSEUDO, language

    if language() in ("en", PSEUDO):  # the day first, as objector's English always wrote it
        return f"{when.day} {when:%b %Y}" if "y" in skeleton else f"{when.day} {when:%b}"
    from babel.dates import format_skeleton

    return format_skeleton(skeleton, when, locale=language())


# --------------------------------------------------------------------------- what the ledger says


def newest_reads(entries: Iterable[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """For every (account, flow), its newest entry that read a setting's state."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        if entry.get("kind", "attempt") != "attempt" or entry.get("outcome") not in STATE_READS:
            continue
        if isinstance(entry.get("account"), str) and isinstance(entry.get("flow"), str):
            found[(entry["account"], entry["flow"])] = entry
    return found


def read_record(home: Path, entry: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ``record.json`` of an entry's attempt (its fields that fit the format), if it is a real
    file inside the home and a JSON object."""
    from .proof.record import read_record as read_attempt_record

    attempt = entry.get("attempt")
    if not isinstance(attempt, str) or not is_evidence_path(attempt):
        return None
    return read_attempt_record(Path(home), attempt)[0]


def switches_used(home: Path, entry: Mapping[str, Any] | None) -> dict[str, int]:
    """Where a setting's switch could not be told from others in its card, the one the person used
    by hand: its place (1, 2, …) among them, by setting name (and blog or site), as ``entry`` (the
    newest attempt of an account and flow that read its state, see ``newest_reads``) recorded it
    (a re-check that read it so records it again). A re-check reads that switch again."""
    record = read_record(home, entry) if entry is not None else None
    return {
        setting_key(item.get("name"), item.get("item")): item["chosen"]
        for item in (record or {}).get("settings") or []
        if isinstance(item, dict) and item.get("control") == "yours" and type(item.get("chosen")) is int
    }


def unwanted_state(record: Mapping[str, Any] | None) -> str | None:
    """The state a re-check found a setting in when it had changed back: ``on``, ``off`` or None (unknown)."""
    if not record:
        return None
    result = record.get("recheck_result")
    if result == "turned-on-again":
        return "on"
    if result == "turned-off-again":
        return "off"
    for item in record.get("settings") or []:
        if (
            isinstance(item, dict)
            and item.get("result") == "turned-back"
            and item.get("want") in ("on", "off")
        ):
            return opposite(item["want"])
    return None


def kept_state(record: Mapping[str, Any] | None) -> str | None:
    """The wanted state a setting was found in (``off`` or ``on``), or None when the record does not say."""
    if not record:
        return None
    result = record.get("recheck_result")
    if result in ("still-off", "still-on"):
        return result.removeprefix("still-")
    wants = {i.get("want") for i in record.get("settings") or [] if isinstance(i, dict)}
    return wants.pop() if len(wants) == 1 and wants <= {"on", "off"} else None


def opposite(state: str) -> str:
    return "on" if state == "off" else "off"


@dataclass(frozen=True)
class SettingState:
    """What the ledger knows of one (account, setting): when it was last seen right, or changed back."""

    account: str
    flow: str
    last_checked: datetime | None  # newest confirmation or re-check that found the wanted state
    turned_back: datetime | None = None  # the newest read found it changed back (None: it did not)
    unwanted: str | None = None  # "on" or "off": the state it was found in when changed back

    def days_unchecked(self, now: datetime) -> int | None:
        return (now - self.last_checked).days if self.last_checked else None

    def stale(self, now: datetime, after: timedelta = STALE_AFTER) -> bool:
        return self.turned_back is None and self.last_checked is not None and now - self.last_checked > after

    def changed_words(self) -> str:
        """``turned on again`` (or ``off``), or ``changed back`` when the record does not say which."""
        if self.unwanted == "on":
            return _("turned on again")
        if self.unwanted == "off":
            return _("turned off again")
        if self.unwanted:
            # TRANSLATORS: {state} is a setting's state as the record names it
            return _("turned {state} again").format(state=self.unwanted)
        return _("changed back")

    def changed_on(self, when: datetime, now: datetime) -> str:
        """``turned on again on 3 Dec`` (or ``changed back on …``)."""
        # TRANSLATORS: {changed} is "turned on again", "changed back", …; {day} a date such as 3 Dec
        return _("{changed} on {day}").format(changed=self.changed_words(), day=short_day(when, now))

    def flag(self, now: datetime) -> str | None:
        """The short warning for the status table, or None when there is nothing to say."""
        if self.turned_back is not None:
            return self.changed_on(self.turned_back, now)
        if self.stale(now):
            days = self.days_unchecked(now) or 0
            return ngettext("not checked for {count} days", "not checked for {count} days", days).format(
                count=days
            )
        return None

    def advice(self, now: datetime, commands: Mapping[str, str]) -> str | None:
        """The flag with the command that deals with it (``command`` is how objector is started)."""
        flag = self.flag(now)
        if flag is None:
            return None
        verb = "run" if self.turned_back is not None else "recheck"
        # TRANSLATORS: {flag} is e.g. "changed back on 3 Dec"; {command} a command to type
        return _("{flag} — run `{command}`").format(flag=flag, command=commands[verb])


def setting_states(
    entries: list[dict[str, Any]], setting_flows: Iterable[str], home: Path | None = None
) -> dict[tuple[str, str], SettingState]:
    """Every (account, setting) the ledger has read a state of.

    A pair counts as a setting when its flow is one of ``setting_flows``, when
    a re-check outcome was ever recorded for it, or (with ``home``) when its
    newest read's record says ``"kind": "setting"``, so a setting whose flow
    file is gone still shows its history. ``home`` also lets the records say
    whether a changed-back setting was found on or off.
    """
    kinds = set(setting_flows)
    for entry in entries:
        if entry.get("outcome") in (Outcome.STILL_SET.value, Outcome.TURNED_BACK.value):
            kinds.add(str(entry.get("flow")))
    reads = newest_reads(entries)
    if home is not None:
        for (_account, flow), entry in reads.items():
            if flow not in kinds and (read_record(home, entry) or {}).get("kind") == "setting":
                kinds.add(flow)
    checked = _done_times(entries, kinds)
    states: dict[tuple[str, str], SettingState] = {}
    for key, entry in reads.items():
        if key[1] not in kinds:
            continue
        back = moment(entry.get("at")) if entry.get("outcome") == Outcome.TURNED_BACK.value else None
        unwanted = unwanted_state(read_record(home, entry)) if back and home is not None else None
        states[key] = SettingState(key[0], key[1], checked.get(key), back, unwanted)
    return states


def _done_times(entries: list[dict[str, Any]], kinds: set[str]) -> dict[tuple[str, str], datetime]:
    found: dict[tuple[str, str], datetime] = {}
    for entry in entries:
        if entry.get("kind", "attempt") == "attempt" and entry.get("outcome") in DONE_READS:
            when = moment(entry.get("at"))
            if when is not None and entry.get("flow") in kinds:
                found[(str(entry.get("account")), str(entry.get("flow")))] = when
    return found


# --------------------------------------------------------------------------- choosing what to re-check


@dataclass(frozen=True)
class Due:
    """One (account, setting) to read again, with the entry that last read it."""

    account: Account
    flow: str
    checked: datetime  # its last confirmation or re-check
    entry: dict[str, Any]  # that ledger entry

    @property
    def key(self) -> tuple[str, str]:
        return self.account.name, self.flow


@dataclass
class Selection:
    """What ``objector recheck`` will read, and what it leaves out and why."""

    due: list[Due] = field(default_factory=list)
    recent: list[Due] = field(default_factory=list)  # checked within --older-than
    turned_back: list[SettingState] = field(default_factory=list)  # for `objector run`, not a re-check
    older_than: timedelta | None = None

    def accounts(self) -> list[Account]:
        """The accounts to re-check, each narrowed to its settings that are due (for ``RunRequest``)."""
        flows: dict[str, list[str]] = {}
        chosen: dict[str, Account] = {}
        for due in self.due:
            chosen.setdefault(due.account.name, due.account)
            flows.setdefault(due.account.name, []).append(due.flow)
        return [a.model_copy(update={"flows": tuple(flows[name])}) for name, a in chosen.items()]


def select_rechecks(
    accounts: list[Account],
    setting_flows: Iterable[str],
    entries: list[dict[str, Any]],
    *,
    account_names: Iterable[str] = (),
    older_than: timedelta | None = None,
    now: datetime,
    home: Path | None = None,
) -> Selection:
    """Every (account, setting flow) last found in its wanted state, oldest check first.

    ``account_names`` narrows to those accounts (an unknown name is a
    UserError); with ``older_than`` only the settings last confirmed or checked
    longer ago than that are due. Settings found changed back are listed apart:
    they need ``objector run`` (and the person's approval), not a re-check;
    ``home`` lets their records say whether they were found on or off.
    """
    names = list(account_names)
    known = {a.name for a in accounts}
    for name in names:
        if name not in known:
            raise UserError(
                _("--account {name}: no such account (accounts: {known}).").format(
                    name=name, known=", ".join(sorted(known)) or _("none")
                )
            )
    kinds = frozenset(setting_flows)
    reads = newest_reads(entries)
    states = setting_states(entries, kinds, home)
    selection = Selection(older_than=older_than)
    for account in accounts:
        if names and account.name not in names:
            continue
        for flow_id in account.flow_ids:
            entry = reads.get((account.name, flow_id))
            state = states.get((account.name, flow_id))
            if state is not None and state.turned_back is not None:
                selection.turned_back.append(state)  # said even when its flow file is missing
                continue
            if flow_id not in kinds or entry is None:
                continue
            checked = moment(entry.get("at")) or datetime.min.replace(tzinfo=UTC)
            due = Due(account, flow_id, checked, entry)
            recent = older_than is not None and now - checked <= older_than
            (selection.recent if recent else selection.due).append(due)
    selection.due.sort(key=lambda d: d.checked)
    selection.recent.sort(key=lambda d: d.checked)
    return selection


def nothing_to_recheck(selection: Selection) -> str:
    """The line ``objector recheck`` prints when nothing is due (it then ends with exit 0)."""
    if selection.recent and selection.older_than is not None:
        count = len(selection.recent)
        # TRANSLATORS: {duration} is e.g. "30 days", {day} a date such as 27 Nov 2026
        return ngettext(
            "Nothing to re-check: the setting was checked less than {duration} ago (the oldest on {day}).",
            "Nothing to re-check: all {count} settings were checked less than {duration} ago "
            "(the oldest on {day}).",
            count,
        ).format(
            count=count, duration=duration_words(selection.older_than), day=day(selection.recent[0].checked)
        )
    return (
        _(
            "Nothing to re-check: no setting has been switched off with objector yet "
            "(settings are switched off with `objector run`)."
        )
        if not selection.turned_back
        else _("Nothing to re-check.")
    )


def turned_back_line(state: SettingState, run_command: str, now: datetime) -> str:
    """A setting left out of the re-check because the last one found it changed back."""
    # TRANSLATORS: {changed} is e.g. "turned on again on 3 Dec"; {command} a command to type
    return _(
        "{account} · {flow}: {changed} — run `{command}` to set it again (you will be asked first)"
    ).format(
        account=state.account,
        flow=state.flow,
        changed=state.changed_on(state.turned_back or now, now),
        command=run_command,
    )


# --------------------------------------------------------------------------- what a re-check found


@dataclass(frozen=True)
class Finding:
    """One line of a re-check's summary; ``tone`` is ok, changed or failed."""

    tone: str
    line: str


def recheck_findings(
    home: Path,
    due: list[tuple[str, str, str, int]],
    entries: list[dict[str, Any]],
    run_command: str,
) -> list[Finding]:
    """What the re-check found for each pair, read from the ledger after the run.

    ``due`` holds (service, account, flow, seq of the entry that last read it
    before the re-check) for each pair. A pair whose newest entry is not newer
    than that was not checked at all (the run stopped before it).
    """
    newest: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        if entry.get("kind", "attempt") == "attempt" and "account" in entry and "flow" in entry:
            newest[(entry["account"], entry["flow"])] = entry
    labels = [(service, account) for service, account, _flow, _seq in due]
    findings = []
    for service, account, flow, seq in due:
        label = f"{service} · {account}" + (f" ({flow})" if labels.count((service, account)) > 1 else "")
        latest = newest.get((account, flow))
        findings.append(
            _finding(home, label, latest if latest and latest.get("seq", 0) > seq else None, run_command)
        )
    return findings


def _finding(home: Path, label: str, entry: dict[str, Any] | None, run_command: str) -> Finding:
    if entry is None:
        return Finding(
            "failed", _("{label}: not checked (the re-check stopped before it)").format(label=label)
        )
    outcome = entry.get("outcome")
    when = moment(entry.get("at"))
    record = read_record(home, entry)
    if outcome == Outcome.STILL_SET.value:
        state = kept_state(record)
        return Finding("ok", _still_set(label, state, day(when) if when else None))
    if outcome == Outcome.TURNED_BACK.value:
        unwanted = unwanted_state(record)
        if unwanted:
            return Finding(
                "changed",
                # TRANSLATORS: {state} is ON or OFF (as the service shows it), {wanted} on or off;
                # {command} a command to type
                _(
                    "{label}: turned {state} again — run `{command}` to switch it {wanted} again "
                    "(you will be asked first)"
                ).format(
                    label=label,
                    state=_state_word(unwanted).upper(),
                    command=run_command,
                    wanted=_state_word(opposite(unwanted)),
                ),
            )
        return Finding(
            "changed",
            _(
                "{label}: changed back by the service — run `{command}` to set it again "
                "(you will be asked first)"
            ).format(label=label, command=run_command),
        )
    if isinstance(entry.get("attempt"), str):
        return Finding(
            "failed",
            # TRANSLATORS: {outcome} is an outcome code (not translated); {folder} the attempt's folder
            _("{label}: not checked ({outcome}); details: {folder}").format(
                label=label, outcome=outcome, folder=entry["attempt"]
            ),
        )
    # TRANSLATORS: {outcome} is an outcome code (not translated)
    return Finding("failed", _("{label}: not checked ({outcome})").format(label=label, outcome=outcome))


def _still_set(label: str, state: str | None, checked: str | None) -> str:
    """A re-check that found the setting as the person left it."""
    if state and checked:
        # TRANSLATORS: {state} is on or off; {day} a date such as 27 Nov 2026
        return _("{label}: still {state} (checked {day})").format(
            label=label, state=_state_word(state), day=checked
        )
    if state:
        return _("{label}: still {state}").format(label=label, state=_state_word(state))
    if checked:
        return _("{label}: still as you set it (checked {day})").format(label=label, day=checked)
    return _("{label}: still as you set it").format(label=label)


def _state_word(state: str) -> str:
    """A setting's state (on, off) in the language in use; another value as the record has it."""
    if state == "on":
        # TRANSLATORS: a setting's state, as in "still on"
        return pgettext("setting state", "on")
    if state == "off":
        # TRANSLATORS: a setting's state, as in "still off"
        return pgettext("setting state", "off")
    return state
