"""Which settings ``objector recheck`` reads again, durations, what status and run say about settings.

Homes are written through objector's own writers at chosen times (setting_helpers), so
every home here also passes ``verify``.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from setting_helpers import LINKEDIN, X_FLOW, record_form, record_setting

from assistant.config.accounts import Account
from assistant.config.flows import load_flows
from assistant.config.settings import Settings
from assistant.errors import UserError
from assistant.people.ui import setting_advice, status_table
from assistant.proof.ledger import Ledger
from assistant.proof.verify import verify_home
from assistant.recheck import (
    duration_words,
    flow_kind,
    nothing_to_recheck,
    parse_duration,
    recheck_findings,
    select_rechecks,
    setting_flow_ids,
    setting_states,
    turned_back_line,
)
from assistant.runner import Pair, RunRequest, triage

NOW = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)
SETTINGS = frozenset({LINKEDIN, X_FLOW})
FORM = "instagram-ai-objection"


def account(name: str, *flows: str) -> Account:
    return Account.model_validate(
        {
            "name": name,
            "platform": "instagram",
            "email": f"{name}@example.org",
            "country": "DE",
            "language": "en",
            "flows": list(flows),
        }
    )


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


# --------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30d", timedelta(days=30)),
        ("12h", timedelta(hours=12)),
        ("2w", timedelta(weeks=2)),
        (" 3D ", timedelta(days=3)),
    ],
)
def test_durations_in_hours_days_and_weeks(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "30", "d", "3x", "1.5d", "-1d", "30 days", "2w3d", "d30", "99999999w"])
def test_bad_durations_are_one_line_naming_the_option(text: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_duration(text)
    message = str(caught.value)
    assert message.startswith(f"--older-than {text}:") and "\n" not in message
    assert caught.value.exit_code == 2


def test_durations_said_as_a_person_would() -> None:
    assert duration_words(timedelta(days=30)) == "30 days"
    assert duration_words(timedelta(weeks=2)) == "2 weeks"
    assert duration_words(timedelta(hours=12)) == "12 hours"
    assert duration_words(timedelta(days=1)) == "1 day"


# --------------------------------------------------------------------------- flow kinds


def test_flow_kind_is_the_flows_own_and_setting_flows_are_picked() -> None:
    bundled = load_flows()
    kinds = {flow_id: flow_kind(loaded.flow) for flow_id, loaded in bundled.items()}
    assert kinds[FORM] == "form" and kinds["linkedin-ai-objection"] == "form"
    assert kinds["linkedin-ai-training"] == "setting" and kinds["tumblr-third-party-sharing"] == "setting"
    assert setting_flow_ids(bundled) == {flow_id for flow_id, kind in kinds.items() if kind == "setting"}


# --------------------------------------------------------------------------- choosing what to re-check


@pytest.fixture
def mixed_home(home: Path) -> Path:
    """anna: LinkedIn set 40 days ago, X re-checked 5 days ago, Instagram form confirmed;
    ben: LinkedIn set, then found on again 3 days ago; carl: LinkedIn never switched off (failed);
    dora: LinkedIn set 50 days ago, then a re-check that failed 2 days ago."""
    record_setting(home, "anna", LINKEDIN, at=ago(40))
    record_setting(home, "anna", X_FLOW, at=ago(60), platform="x")
    record_setting(home, "anna", X_FLOW, at=ago(5), outcome="still-set", platform="x")
    record_form(home, "anna", FORM, at=ago(70))
    record_setting(home, "ben", LINKEDIN, at=ago(90))
    record_setting(home, "ben", LINKEDIN, at=ago(3), outcome="turned-back")
    record_setting(home, "carl", LINKEDIN, at=ago(10), outcome="failed")
    record_setting(home, "dora", LINKEDIN, at=ago(50))
    record_setting(home, "dora", LINKEDIN, at=ago(2), outcome="failed")
    return home


ACCOUNTS = [
    account("anna", LINKEDIN, X_FLOW, FORM),
    account("ben", LINKEDIN),
    account("carl", LINKEDIN),
    account("dora", LINKEDIN),
]


def _keys(dues) -> list[tuple[str, str]]:
    return [d.key for d in dues]


def test_every_setting_last_found_as_set_is_due_oldest_check_first(mixed_home: Path) -> None:
    assert verify_home(mixed_home).ok
    entries = Ledger(mixed_home).entries()
    chosen = select_rechecks(ACCOUNTS, SETTINGS, entries, now=NOW, home=mixed_home)
    # dora's failed re-check does not hide that her setting was switched off; the form is never re-checked
    assert _keys(chosen.due) == [("dora", LINKEDIN), ("anna", LINKEDIN), ("anna", X_FLOW)]
    assert [d.checked.date() for d in chosen.due] == [ago(50).date(), ago(40).date(), ago(5).date()]
    assert [(s.account, s.flow) for s in chosen.turned_back] == [("ben", LINKEDIN)]
    assert chosen.turned_back[0].unwanted == "on"
    narrowed = {a.name: a.flow_ids for a in chosen.accounts()}
    assert narrowed == {"dora": (LINKEDIN,), "anna": (LINKEDIN, X_FLOW)}
    line = turned_back_line(chosen.turned_back[0], "objector run", NOW)
    assert line == (
        f"ben · {LINKEDIN}: turned on again on 17 Dec — run `objector run` to set it again "
        "(you will be asked first)"
    )


def test_older_than_leaves_out_settings_checked_since(mixed_home: Path) -> None:
    entries = Ledger(mixed_home).entries()
    chosen = select_rechecks(ACCOUNTS, SETTINGS, entries, older_than=parse_duration("6w"), now=NOW)
    assert _keys(chosen.due) == [("dora", LINKEDIN)]
    assert _keys(chosen.recent) == [("anna", LINKEDIN), ("anna", X_FLOW)]
    chosen = select_rechecks(ACCOUNTS, SETTINGS, entries, older_than=parse_duration("4h"), now=NOW)
    assert len(chosen.due) == 3 and not chosen.recent


def test_account_selection_and_nothing_to_recheck(mixed_home: Path) -> None:
    entries = Ledger(mixed_home).entries()
    only_ben = select_rechecks(ACCOUNTS, SETTINGS, entries, account_names=["ben"], now=NOW)
    assert not only_ben.due and len(only_ben.turned_back) == 1
    assert nothing_to_recheck(only_ben) == "Nothing to re-check."
    recent = select_rechecks(
        ACCOUNTS, SETTINGS, entries, account_names=["anna"], older_than=timedelta(days=90), now=NOW
    )
    assert not recent.due
    assert nothing_to_recheck(recent) == (
        "Nothing to re-check: all 2 settings were checked less than 90 days ago (the oldest on 10 Nov 2026)."
    )
    none_yet = select_rechecks(ACCOUNTS, SETTINGS, [], now=NOW)
    assert nothing_to_recheck(none_yet).startswith("Nothing to re-check: no setting has been switched off")
    with pytest.raises(
        UserError, match=r"--account nobody: no such account \(accounts: anna, ben, carl, dora\)"
    ):
        select_rechecks(ACCOUNTS, SETTINGS, entries, account_names=["nobody"], now=NOW)


def test_a_setting_switched_on_again_after_a_turn_back_is_due_again(home: Path) -> None:
    record_setting(home, "ben", LINKEDIN, at=ago(90))
    record_setting(home, "ben", LINKEDIN, at=ago(30), outcome="turned-back")
    record_setting(home, "ben", LINKEDIN, at=ago(29))  # objector run switched it off again
    chosen = select_rechecks([account("ben", LINKEDIN)], SETTINGS, Ledger(home).entries(), now=NOW)
    assert _keys(chosen.due) == [("ben", LINKEDIN)] and not chosen.turned_back


# --------------------------------------------------------------------------- what a re-check found


def test_findings_are_read_back_from_the_ledger(mixed_home: Path) -> None:
    before = {key: entry["seq"] for key, entry in Ledger(mixed_home).latest().items()}
    record_setting(
        mixed_home, "anna", LINKEDIN, at=datetime(2026, 11, 27, 10, tzinfo=UTC), outcome="still-set"
    )
    record_setting(mixed_home, "anna", X_FLOW, at=NOW, outcome="turned-back", platform="x")
    record_setting(mixed_home, "dora", LINKEDIN, at=NOW, outcome="failed")
    record_setting(
        mixed_home, "carl", "tumblr-sharing", at=NOW, outcome="turned-back", want="on", platform="tumblr"
    )
    due = [
        ("LinkedIn", "anna", LINKEDIN, before[("anna", LINKEDIN)]),
        ("X", "anna", X_FLOW, before[("anna", X_FLOW)]),
        ("LinkedIn", "dora", LINKEDIN, before[("dora", LINKEDIN)]),
        ("LinkedIn", "ben", LINKEDIN, before[("ben", LINKEDIN)]),  # nothing recorded since: not checked
        ("Tumblr", "carl", "tumblr-sharing", 0),
    ]
    findings = recheck_findings(mixed_home, due, Ledger(mixed_home).entries(), "objector run")
    assert [f.tone for f in findings] == ["ok", "changed", "failed", "failed", "changed"]
    lines = [f.line for f in findings]
    assert lines[0] == "LinkedIn · anna: still off (checked 27 Nov 2026)"
    assert lines[1] == (
        "X · anna: turned ON again — run `objector run` to switch it off again (you will be asked first)"
    )
    assert lines[2].startswith("LinkedIn · dora: not checked (failed); details: evidence/dora/")
    assert lines[3] == "LinkedIn · ben: not checked (the re-check stopped before it)"
    assert lines[4] == (
        "Tumblr · carl: turned OFF again — run `objector run` to switch it on again (you will be asked first)"
    )
    assert verify_home(mixed_home).ok


# --------------------------------------------------------------------------- status


def _render(renderable) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=200, color_system=None).print(renderable)
    return buffer.getvalue()


def test_status_dates_each_setting_check_and_flags_old_and_changed_back_ones(mixed_home: Path) -> None:
    ledger = Ledger(mixed_home)
    table = _render(status_table(ACCOUNTS, ledger, SETTINGS, now=NOW))
    rows = {
        line.split("│")[1].strip() + "/" + line.split("│")[2].strip(): line
        for line in table.splitlines()
        if line.count("│") > 5 and line.split("│")[1].strip()
    }
    assert f"checked {ago(40):%Y-%m-%d}" in rows[f"anna/{LINKEDIN}"]
    assert f"checked {ago(5):%Y-%m-%d}" in rows[f"anna/{X_FLOW}"]
    assert "not checked for" not in rows[f"anna/{X_FLOW}"]
    assert "turned-back" in rows[f"ben/{LINKEDIN}"]
    assert "not checked for 40 days" in table and "not checked for 50 days" in table
    assert "turned on again on 17 Dec" in table
    # the form keeps its own display: confirmed, with the date it was confirmed
    form_row = rows[f"anna/{FORM}"]
    assert "confirmed" in form_row and f"{ago(70):%Y-%m-%d}" in form_row and "checked" not in form_row
    commands = {"run": "objector run", "recheck": "objector recheck"}
    assert setting_advice(ACCOUNTS, ledger, SETTINGS, commands, now=NOW) == [
        f"anna · {LINKEDIN}: not checked for 40 days — run `objector recheck`",
        f"ben · {LINKEDIN}: turned on again on 17 Dec — run `objector run`",
        f"dora · {LINKEDIN}: not checked for 50 days — run `objector recheck`",
    ]


def test_status_knows_a_setting_from_its_record_when_its_flow_is_not_loaded(home: Path) -> None:
    record_setting(home, "anna", LINKEDIN, at=ago(31))
    record_form(home, "anna", FORM, at=ago(31))
    states = setting_states(Ledger(home).entries(), frozenset(), home)
    assert set(states) == {("anna", LINKEDIN)}
    assert states[("anna", LINKEDIN)].flag(NOW) == "not checked for 31 days"
    assert setting_states(Ledger(home).entries(), frozenset()) == {}  # without the records: not known


def test_a_setting_wanted_on_is_said_turned_off_again(home: Path) -> None:
    record_setting(home, "anna", "tumblr-sharing", at=ago(100), want="on", platform="tumblr")
    record_setting(
        home, "anna", "tumblr-sharing", at=datetime(2025, 12, 3, tzinfo=UTC), outcome="turned-back", want="on"
    )
    (state,) = setting_states(Ledger(home).entries(), frozenset(), home).values()
    assert state.flag(NOW) == "turned off again on 3 Dec 2025"  # another year: the year is said


# --------------------------------------------------------------------------- run


def _request(home: Path, accounts: list[Account], **options) -> tuple[RunRequest, list[Pair]]:
    flows = load_flows()
    request = RunRequest(settings=Settings(home=home), accounts=accounts, flows=flows, **options)
    pairs = [Pair(a, flows[f]) for a in accounts for f in a.flow_ids]
    return request, pairs


def test_run_takes_up_a_setting_found_changed_back_and_says_why(home: Path) -> None:
    """The triage reads outcomes, not flow kinds: the bundled form flows stand in for settings."""
    record_setting(home, "ben", FORM, at=ago(90))
    record_setting(home, "ben", FORM, at=datetime(2026, 12, 3, 8, tzinfo=UTC), outcome="turned-back")
    record_setting(home, "anna", FORM, at=ago(90))
    record_setting(home, "anna", FORM, at=ago(9), outcome="still-set")
    record_setting(home, "anna", FORM, at=ago(1), outcome="failed")
    accounts = [account("ben", FORM), account("anna", FORM)]
    request, pairs = _request(home, accounts)
    todo, summary, reasons = triage(pairs, request, Ledger(home))
    assert [p.key for p in todo] == [("ben", FORM)]
    assert reasons == {
        ("ben", FORM): "found on again at the last check (3 Dec 2026); you will be asked first"
    }
    assert summary.already == [f"anna · {FORM} (confirmed {ago(90):%Y-%m-%d})"]
    record_setting(home, "anna", FORM, at=ago(0.5), outcome="still-set")
    todo, summary, _ = triage(pairs, request, Ledger(home))
    assert summary.already == [f"anna · {FORM} (still set, checked {ago(0.5):%Y-%m-%d})"]
    again, _, reasons = triage(pairs, _request(home, accounts, again=True)[0], Ledger(home))
    assert len(again) == 2 and not reasons


def test_recheck_mode_runs_only_setting_flows(home: Path) -> None:
    record_form(home, "anna", FORM, at=ago(40))
    request, pairs = _request(home, [account("anna", FORM)], recheck=True)
    todo, summary, _ = triage(pairs, request, Ledger(home))
    assert todo == [] and summary.already == []
