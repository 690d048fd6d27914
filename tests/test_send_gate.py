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
    (at_server,) = seen  # "awaiting-approval" first unless the click came while the form was kept
    assert at_server in (
        ["awaiting-approval", "submitting", "sent"],
        ["awaiting-approval", "submitting"],
        ["submitting", "sent"],
        ["submitting"],
    ), at_server
    submitting = [e for e in Ledger(home).entries() if e["outcome"] == "submitting"]
    assert len(submitting) == 1 and submitting[0]["approval"] == "browser"


def _attempt_outcomes(home) -> list[tuple[str, bool]]:
    return [(e["outcome"], bool(e.get("submitted"))) for e in Ledger(home).entries() if "attempt" in e]


def test_a_click_while_the_form_is_still_being_kept_is_never_taken_back(home, monkeypatch):
    """The person clicks Send the moment it is outlined, while objector is still keeping the
    form's picture and archive (slow on a busy machine): the ledger's word "sent" is never followed
    by "awaiting-approval", so a stop right then could not lead to a second submission."""
    from assistant.engine import capture

    keep = capture.save_archive

    def slow_archive(page, attempt, name):
        if name == "form.mhtml":
            page.wait_for_timeout(1500)  # the stand-in clicks 0.7 s after the outline
        return keep(page, attempt, name)

    monkeypatch.setattr(capture, "save_archive", slow_archive)
    with PracticeSite(PracticeConfig(**FAST, auto_send_when_highlighted=True)) as site:
        result = run_practice(home, site, [account()], [lambda: time.sleep(2)], logged_in=True)
    (record,) = result.records()
    assert record["outcome"] == "confirmed" and record["approval"]["by"] == "person clicked in the browser"
    assert len(site.submissions) == 1
    seen = _attempt_outcomes(home)
    assert seen[:2] == [("submitting", True), ("sent", True)], seen
    assert all(submitted for _outcome, submitted in seen), seen


def test_a_form_shown_again_after_a_refusal_is_held_again_and_its_click_is_on_the_ledger(home, runs):
    """The page refuses the text as too long; the fitted letter is shown for a second approval and
    the person clicks Send in the browser again: that click, too, is on the ledger ("submitting")
    before it leaves, after the second "awaiting-approval"; the first click does not count for
    the second review (a review with no click is not taken as sent)."""
    config = PracticeConfig(**FAST, auto_send_when_highlighted=True, length_error=300)
    person = account(text_variant="standard", reasons=["children"])

    def click_again() -> None:
        time.sleep(1)
        assert len(site.submissions) == 0  # nothing sent since the refusal
        runs[-1].page.locator("[data-objector-send]").click()

    with PracticeSite(config) as site:
        no_click = run_practice(home, site, [person], [lambda: time.sleep(2), None], logged_in=True)
        (record,) = no_click.records()
        assert record["outcome"] == "declined" and site.confirmed == [], no_click.output
        result = run_practice(home, site, [person], [lambda: time.sleep(2), click_again], observer=runs)
    record = result.records()[-1]
    assert record["outcome"] == "confirmed", result.output
    assert len(site.rejected) == 2 and len(site.confirmed) == 1
    seen = [outcome for outcome, _submitted in _attempt_outcomes(home)]
    second = seen[seen.index("declined") + 1 :]
    assert second.count("awaiting-approval") == 2 and second.count("submitting") == 2, second
    assert second.index("submitting", second.index("awaiting-approval", 1)) > 0, second


def test_yes_after_the_person_clicked_send_in_the_browser_sends_it_once(home, runs):
    """The person clicks Send in the browser while the question is open, then types "y" as well
    (the page takes a moment to answer, its Send still on screen): the form is sent once, as the
    person's click, and objector clicks nothing."""

    def click_then_yes() -> str:
        runs[-1].page.locator("[data-objector-send]").click()
        return "y"

    with PracticeSite(PracticeConfig(**FAST, submit_delay=1.5)) as site:
        result = run_practice(home, site, [account()], [click_then_yes], logged_in=True, observer=runs)
    (record,) = result.records()
    assert record["outcome"] == "confirmed", result.output
    assert len(site.submissions) == 1
    assert record["approval"]["by"] == "person clicked in the browser"
    submitting = [e for e in Ledger(home).entries() if e["outcome"] == "submitting"]
    assert [e["approval"] for e in submitting] == ["browser"]


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
