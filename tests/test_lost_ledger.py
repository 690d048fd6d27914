"""A lost ledger is neither hidden nor the cause of a second objection.

A confirmed objection is written through objector's own writers; then its ledger is deleted,
emptied, replaced by a broken link, cut short, or rebuilt as a valid chain without it. ``verify``
must say proof NOT intact and name the attempt; ``run`` against the practice site must not send
the form again (the practice server is the judge), and must keep saying why until the person
decides with ``--again``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_helpers import account_toml, run_cli
from setting_helpers import record_form

from assistant.practice import PracticeConfig, PracticeSite
from assistant.proof.accounting import unaccounted
from assistant.proof.ledger import Ledger
from assistant.proof.verify import verify_home

FLOW = "instagram-ai-objection"
WHEN = datetime(2026, 5, 20, 10, 0, tzinfo=UTC)


def _confirmed_home(home: Path) -> str:
    (home / "accounts.toml").write_text(account_toml(name="anna-instagram", language="en"), encoding="utf-8")
    entry = record_form(home, "anna-instagram", FLOW, at=WHEN)
    return entry["attempt"]


def _delete(ledger: Path, _home: Path) -> None:
    ledger.unlink()


def _empty(ledger: Path, _home: Path) -> None:
    ledger.write_text("", encoding="utf-8")


def _broken_link(ledger: Path, home: Path) -> None:
    ledger.unlink()
    ledger.symlink_to(home / "nowhere.jsonl")


def _rebuilt(ledger: Path, home: Path) -> None:
    """A valid chain of other entries: the chain alone cannot tell."""
    ledger.unlink()
    Ledger(home).append(kind="note", text="a fresh start")


LOSSES = {"deleted": _delete, "emptied": _empty, "broken link": _broken_link, "rebuilt": _rebuilt}


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_verify_names_the_attempt_whose_ledger_was_lost(home, loss):
    attempt = _confirmed_home(home)
    assert verify_home(home).ok
    LOSSES[loss](home / "ledger.jsonl", home)
    result = verify_home(home)
    assert not result.ok and not result.nothing_recorded
    lost = [p for p in result.problems if p.kind == "ledger-lost"]
    assert [p.path for p in lost] == [attempt], result.problems
    assert "confirmed (2026-05-20)" in lost[0].detail


def test_cutting_the_last_lines_off_is_found_by_the_record_position(home):
    _confirmed_home(home)
    entry = record_form(home, "anna-instagram", FLOW, at=datetime(2026, 6, 1, tzinfo=UTC))
    lines = (home / "ledger.jsonl").read_text(encoding="utf-8").splitlines()
    (home / "ledger.jsonl").write_text(lines[0] + "\n", encoding="utf-8")  # the second attempt's line gone
    lost = unaccounted(home, Ledger(home).entries())
    assert [item.attempt for item in lost] == [entry["attempt"]]
    assert "no ledger entry lists it" in lost[0].why


def test_every_record_carries_the_ledger_position_it_was_written_at(home):
    first = _confirmed_home(home)
    second = record_form(home, "anna-instagram", FLOW, at=datetime(2026, 6, 1, tzinfo=UTC))["attempt"]
    heads = [json.loads((home / a / "record.json").read_text())["ledger_head"] for a in (first, second)]
    assert heads[0] == {"seq": 0, "hash": "0" * 64}
    assert heads[1] == {"seq": 1, "hash": Ledger(home).entries()[0]["hash"]}


@pytest.mark.cli
@pytest.mark.parametrize("loss", ["deleted", "rebuilt"])
def test_run_after_a_lost_ledger_sends_nothing_and_keeps_saying_so(home, cli_env, loss):
    attempt = _confirmed_home(home)
    LOSSES[loss](home / "ledger.jsonl", home)
    with PracticeSite(PracticeConfig(auto_login=True, cookie_dialog=False)) as site:
        env = {**cli_env, "OBJECTOR_SITE_MAP": site.site_map}
        for _ in range(2):  # the first run writes the loss back; the second still refuses
            run = run_cli(["run"], env, stdin="y\ny\n")
            assert site.submissions == [], run.stdout
            assert "proof NOT intact" in run.stdout and "--again" in run.stdout, run.stdout
            assert run.returncode == 1, run.stdout + run.stderr
    verify = run_cli(["verify"], cli_env)
    assert verify.returncode == 1 and f"ledger-lost: {attempt}" in verify.stdout, verify.stdout
    entries = Ledger(home).entries()
    written_back = [e for e in entries if e.get("ledger_lost")]
    assert len(written_back) == 1 and written_back[0]["submitted"] is True
    assert written_back[0]["record_outcome"] == "confirmed"


@pytest.mark.cli
def test_verify_of_an_empty_home_says_nothing_is_recorded_never_intact(home, cli_env):
    result = run_cli(["verify"], cli_env)
    assert (
        result.returncode == 0 and "Nothing recorded yet" in result.stdout and "intact" not in result.stdout
    )
    (home / "accounts.toml").write_text(account_toml(), encoding="utf-8")
    (home / "ledger.jsonl").write_text("", encoding="utf-8")
    result = run_cli(["verify"], cli_env)
    assert "Nothing recorded yet" in result.stdout, result.stdout


def test_a_ledger_that_is_a_link_to_an_identical_copy_is_reported_not_followed(home, tmp_path):
    _confirmed_home(home)
    copy = tmp_path / "elsewhere.jsonl"
    copy.write_bytes((home / "ledger.jsonl").read_bytes())
    (home / "ledger.jsonl").unlink()
    (home / "ledger.jsonl").symlink_to(copy)
    result = verify_home(home)
    kinds = {(p.kind, p.path) for p in result.problems}
    assert ("symlink", "ledger.jsonl") in kinds and not result.ok
