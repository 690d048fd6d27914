"""The send gate: a form sent in the browser is on the ledger before it can leave, so a stop at any
moment never leads to a second submission; a form cut off while sending is "unknown", and the
person decides (by default not to send again). The practice server counts what it got."""

from __future__ import annotations

import time

import pytest
from kill_trials import kill_after_click
from practice_helpers import account, run_practice

from assistant.practice import PracticeConfig, PracticeSite
from assistant.proof.ledger import Ledger
from assistant.proof.recovery import recover

pytestmark = pytest.mark.browser

FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2, "cookie_dialog": False}


@pytest.mark.cli
@pytest.mark.parametrize(
    ("signal_name", "delay"), [("KILL", 0.75)]  # every signal, 50 trials each: bench/kill_after_click.py
)
def test_stopped_just_after_a_click_in_the_browser_is_never_sent_twice(
    home, cli_env, tmp_path, signal_name, delay
):
    trial = kill_after_click(home, cli_env, tmp_path / "first", signal_name, delay)
    assert not trial.duplicate, trial
    assert trial.total <= 1
    if trial.after_stop == 1:  # it had left: the plain run must not offer to send it again
        assert not trial.resumed_asked_submit, trial.resumed_output
    if trial.at_stop and trial.at_stop[-1] == "awaiting-approval":  # nothing had left the browser
        assert trial.after_stop == 0, trial


def test_a_click_in_the_browser_while_asked_is_on_the_ledger_before_the_server_gets_it(home):
    """The person clicks Send while the question is open and never answers; the server's copy
    arrives only after the ledger says submitting (browser), then sent."""
    seen: list[list[str]] = []
    with PracticeSite(PracticeConfig(**FAST, auto_send_when_highlighted=True)) as site:
        store = site.state.add_submission

        def store_and_look(submission):  # the ledger as it was when the server got the form
            seen.append([e["outcome"] for e in Ledger(home).entries()])
            store(submission)

        site.state.add_submission = store_and_look  # type: ignore[method-assign]
        # the person reads the question for 3 s without answering (the stand-in clicks at 0.7 s)
        result = run_practice(home, site, [account()], [lambda: time.sleep(3)], logged_in=True)
    (record,) = result.records()
    assert record["outcome"] == "confirmed" and record["approval"]["by"] == "person clicked in the browser"
    assert seen == [["awaiting-approval", "submitting", "sent"]] or seen == [
        ["awaiting-approval", "submitting"]
    ]
    submitting = [e for e in Ledger(home).entries() if e["outcome"] == "submitting"]
    assert len(submitting) == 1 and submitting[0]["approval"] == "browser"


def test_cut_off_while_sending_is_unknown_and_the_person_decides(home):
    """A ledger whose newest entry is "submitting" (a form): recovery says unknown; the next run
    asks with keys of its own, and keeps it as sent unless told to send it again."""
    from assistant.proof.evidence import Attempt

    attempt = Attempt(home, "anna-instagram", "instagram-ai-objection")
    ledger = Ledger(home)
    attempt.log(ledger, "awaiting-approval", submitted=False)
    attempt.log(ledger, "submitting", submitted=True, approval="y")
    assert recover(home, ledger) == [attempt.relpath]
    assert ledger.entries()[-1]["outcome"] == "unknown"
    with PracticeSite(PracticeConfig(**FAST)) as site:
        kept = run_practice(home, site, [account()], ["k"], logged_in=True)
        assert site.submissions == [] and any(q.startswith("send again: ") for q in kept.human.asked)
        assert "kept as sent" in kept.output and kept.summary.exit_code == 1
        again = run_practice(home, site, [account()], ["y"], logged_in=True)  # now: sent, not confirmed
        assert site.submissions == [] and "--again" in again.output
        assert not any(q.startswith("send again: ") for q in again.human.asked)


def test_the_person_may_send_an_unknown_form_again(home):
    from assistant.proof.evidence import Attempt

    attempt = Attempt(home, "anna-instagram", "instagram-ai-objection")
    ledger = Ledger(home)
    attempt.log(ledger, "submitting", submitted=True, approval="y")
    recover(home, ledger)
    with PracticeSite(PracticeConfig(**FAST)) as site:
        result = run_practice(home, site, [account()], ["s", "y"], logged_in=True)
        assert len(site.confirmed) == 1, result.output
    assert result.records()[-1]["outcome"] == "confirmed"
