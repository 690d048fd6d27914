"""The truth at Send, on a look-alike Help Centre with markup and words of its own.

Confirmations in several styles and languages, held-out wordings (the person is
asked), errors after Send, the routing question, login interstitials, pages that
move off the form's hosts, and the person's own click in the browser.
"""

from __future__ import annotations

import time

import pytest
from practice_helpers import account, run_practice
from replica import FORM_PATH, OTHER_FORM_PATH, Replica, ReplicaConfig

from assistant.engine.aftersend import CONFIRM_RE
from assistant.engine.waiting import QUIET_MS
from assistant.proof.ledger import Ledger

pytestmark = pytest.mark.browser

RECOGNISED = {
    "en": "Thanks! Your request has been submitted and we'll review it.",
    "de": "Vielen Dank. Wir haben deine Anfrage erhalten.",
}
# Plausible confirmations in words no list of objector's knows
HELD_OUT = {
    "en": "All set — we've logged what you sent us.",
    "de": "Alles klar — deine Nachricht liegt uns jetzt vor.",
}


def _run(replica: Replica, home, answers, **options):
    return run_practice(home, replica, [account(language=replica.config.language)], answers, **options)


def test_held_out_wordings_are_not_in_the_word_lists():
    for text in HELD_OUT.values():
        assert not CONFIRM_RE.search(text)


@pytest.mark.parametrize(
    ("style", "language"),
    [("toast", "en"), ("dialog", "en"), ("inplace", "de")],  # and the practice site's: test_practice_truth
)  # fmt: skip
def test_confirmations_in_any_style_are_recognised_from_structure_and_words(home, style, language):
    config = ReplicaConfig(language=language, style=style, confirmation=RECOGNISED[language])
    with Replica(config) as replica:
        result = _run(replica, home, ["y"])
    assert result.summary.exit_code == 0, result.output
    (record,) = result.records()
    assert record["outcome"] == "confirmed" and record["confirmed_by"] == "page"
    assert RECOGNISED[language][:20] in record["confirmation_text"]
    signals = record["after_send"]["signals"]
    assert any(s.startswith("words:") for s in signals)
    assert "submit request: HTTP 200" in signals or style == "page"
    assert record["seconds_to_outcome"] < 5  # decided when the page answered, not at a timeout
    assert len(replica.submissions) == 1


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_held_out_confirmation_is_put_to_the_person(home, language):
    config = ReplicaConfig(language=language, style="toast", confirmation=HELD_OUT[language])
    with Replica(config) as replica:
        result = _run(replica, home, ["y", "y"])
    (record,) = result.records()
    assert record["outcome"] == "confirmed" and record["confirmed_by"] == "person"
    assert any(q.startswith("confirm: The page now shows: «") for q in result.human.asked)
    assert HELD_OUT[language] in result.human.asked[-1]
    assert "the form went away" in record["after_send"]["signals"]
    assert (record["_folder"] / "confirmation.png").is_file()


def test_a_held_out_confirmation_without_an_answer_is_not_confirmed_and_never_resent(home):
    config = ReplicaConfig(style="icon", confirmation=HELD_OUT["en"])
    with Replica(config) as replica:
        first = _run(replica, home, ["y"])  # then end of input at the question
        assert first.records()[0]["outcome"] == "not-confirmed"
        second = _run(replica, home, ["y", "y"])
    assert len(replica.submissions) == 1
    assert "submitted on" in second.output and "--again" in second.output


@pytest.mark.parametrize("failure", ["alert", "status", "form-again"])
def test_an_error_after_send_is_rejected_and_may_be_sent_again(home, failure):
    config = ReplicaConfig(fail_first=1, failure=failure)
    with Replica(config) as replica:
        first = _run(replica, home, ["y"])
        (record,) = first.records()
        assert record["outcome"] == "rejected", first.output
        assert record["submitted"] is False and replica.submissions == []
        if failure != "status":
            assert "went wrong" in record["form_error"]
        assert (record["_folder"] / "failure.png").is_file()
        second = _run(replica, home, ["y"])  # no --again needed: the page said it was not accepted
    assert second.summary.exit_code == 0, second.output
    assert len(replica.submissions) == 1


# radios and buttons on the practice site: tests/test_practice_truth.py, a list that opens on a click:
# tests/test_choice_markups.py; here the replica's native select and its listbox
@pytest.mark.parametrize(("routing", "language"), [("select", "en"), ("listbox", "de")])
def test_the_routing_question_is_answered_yes_in_any_markup(home, routing, language):
    config = ReplicaConfig(language=language, routing=routing, confirmation=RECOGNISED[language])
    with Replica(config) as replica:
        result = _run(replica, home, ["y"])
    assert result.summary.exit_code == 0, result.output
    yes = {"en": "Yes", "de": "Ja"}[language]
    (review,) = result.human.reviews
    assert any(f"chose “{yes}”" in line for line in review.filled)
    steps = result.records()[0]["steps"]
    assert any(s["action"] == "choose" and yes in s["detail"] for s in steps)


def test_an_interstitial_after_login_is_left_for_the_form(home):
    config = ReplicaConfig(interstitial=True)
    with Replica(config) as replica:
        result = _run(replica, home, ["y"], login_timeout=60)
    assert result.summary.exit_code == 0, result.output
    assert "not logged in" not in result.output  # the session cookie was there: no "still logging in"
    assert replica.form_opens == 2  # sent to the login, then opened again by objector from the interstitial


def test_an_interstitial_that_goes_on_by_itself_is_not_interrupted(home):
    """A page after the login that moves on to the form by itself within LEAVE_AFTER is let be."""
    config = ReplicaConfig(interstitial=True, interstitial_moves_on_ms=500)
    with Replica(config) as replica:
        result = _run(replica, home, ["y"], login_timeout=60)
    assert result.summary.exit_code == 0, result.output
    assert replica.form_opens == 2  # sent to the login, then back to the form by the page itself


def test_a_form_that_keeps_sending_back_to_an_interstitial_is_opened_again_less_and_less_often(home):
    """Each time the form sends the person back, objector waits twice as long before opening it
    again (LEAVE_AFTER 2 s, then 4 s, 8 s ...), until the login's time is up."""
    config = ReplicaConfig(interstitial=True, interstitial_always=True)
    with Replica(config) as replica:
        result = _run(replica, home, [], login_timeout=9)
    (record,) = result.records()
    assert record["outcome"] == "failed" and "not logged in after 9s" in record["message"]
    # the first visit, then objector's own at about 2 s and 2 + 4 s (the next would be after 14 s)
    assert replica.form_opens == 3
    assert replica.submissions == []


def test_a_redirect_to_a_look_alike_stops_at_once_and_types_nothing(home):
    with Replica(ReplicaConfig(redirect_to="evil.example")) as replica:
        started = time.monotonic()
        result = _run(replica, home, ["y"], login_timeout=60)
    assert time.monotonic() - started < 20
    (record,) = result.records()
    assert record["outcome"] == "blocked"
    assert "evil.example" in record["message"] and "nothing was typed" in record["message"]
    assert result.human.asked == []


def test_a_redirect_to_another_meta_page_means_the_form_moved(home):
    with Replica(ReplicaConfig(redirect_to="help.meta.com")) as replica:
        result = _run(replica, home, [None])  # the person does not take over
    (record,) = result.records()
    assert record["outcome"] == "needs-attention"
    assert record["moved_to"] == "https://help.meta.com/support/privacy"
    assert "moved" in record["message"] and "help.meta.com" in record["message"]
    assert (record["_folder"] / "moved.png").is_file()
    assert record["submitted"] is False


def _click_send_in_browser(replica_page_getter, answer):
    def act():
        page = replica_page_getter()
        page.get_by_role("button", name="Send").click()
        page.wait_for_timeout(300)
        return answer

    return act


@pytest.mark.parametrize("answer", ["n", None])
def test_a_click_in_the_browser_after_no_is_recorded_and_never_sent_again(home, runs, answer):
    with Replica(ReplicaConfig()) as replica:
        first = _run(replica, home, [_click_send_in_browser(lambda: runs[-1].page, answer)], observer=runs)
        (record,) = first.records()
        assert record["submitted"] is True
        assert record["approval"]["by"] == "person clicked in the browser"
        assert record["outcome"] == "confirmed"
        second = _run(replica, home, ["y"])
    assert len(replica.submissions) == 1
    assert "already done" in second.output


def test_m_logs_submitting_before_waiting_for_the_click(home, runs):
    def m_then_click_a_moment_later():
        runs[-1].page.evaluate("setTimeout(() => document.getElementById('send').click(), 800)")
        return "m"

    with Replica(ReplicaConfig()) as replica:
        result = _run(replica, home, [m_then_click_a_moment_later], observer=runs)
    assert result.records()[0]["outcome"] == "confirmed", result.output
    entries = Ledger(home).entries()
    # "sent": the gate let the person's click leave the browser once the ledger knew
    assert [e["outcome"] for e in entries] == ["awaiting-approval", "submitting", "sent", "confirmed"]
    assert entries[1]["submitted"] is True and entries[1]["approval"] == "m"
    assert len(replica.submissions) == 1


def test_a_required_field_nobody_filled_is_named(home, monkeypatch):
    with Replica(ReplicaConfig()) as replica:
        original = replica.form_page

        def with_required_choice():
            return original().replace(
                '<div class="err" role="alert">',
                '<div role="radiogroup" aria-required="true" aria-labelledby="rt">'
                '<span id="rt">Type of request</span><label><input type="radio" name="t" value="a" '
                'required> Object</label></div><div class="err" role="alert">',
            )

        monkeypatch.setattr(replica, "form_page", with_required_choice)
        result = _run(replica, home, [""])  # "done" by hand, but nothing chosen
    (record,) = result.records()
    assert record["outcome"] == "needs-attention"
    assert "Type of request" in record["message"]
    assert "Send button" not in record["message"]
    assert replica.submissions == []


def test_the_form_address_is_recorded(home):
    with Replica(ReplicaConfig()) as replica:
        result = _run(replica, home, ["y"])
    record = result.records()[0]
    assert record["form_url_used"].endswith(FORM_PATH)


def test_a_country_list_that_opens_on_a_click_is_chosen_by_name(home):
    with Replica(ReplicaConfig(country="listbox")) as replica:
        result = _run(replica, home, ["y"])
    assert result.summary.exit_code == 0, result.output
    assert replica.submissions[0]["country"] == "Germany"
    assert any("country Germany" in line for line in result.human.reviews[0].filled)


def test_a_cookie_dialog_known_only_by_meta_s_markers_is_declined(home):
    with Replica(ReplicaConfig(cookie_markers=True)) as replica:
        result = _run(replica, home, ["y"])
    assert result.summary.exit_code == 0, result.output
    steps = result.records()[0]["steps"]
    assert any(s["action"] == "dismiss" and s["detail"] == "cookie dialog dismissed" for s in steps), steps
    assert len(replica.submissions) == 1


def test_the_form_s_other_address_is_used_when_the_usual_one_is_gone(home):
    with Replica(ReplicaConfig(first_address_gone=True)) as replica:
        result = _run(replica, home, ["y"])
    assert result.summary.exit_code == 0, result.output
    record = result.records()[0]
    assert record["form_url_used"] == "https://help.instagram.com" + OTHER_FORM_PATH
    assert len(replica.submissions) == 1


def test_a_box_the_form_draws_in_answer_to_the_reason_is_waited_for_and_ticked(home):
    """An optional field drawn a moment after a step filled the form (its answer to the typing) is
    looked for until the page has been still, then ticked; it is not taken for absent at once."""
    with Replica(ReplicaConfig(box_after_reason_ms=QUIET_MS // 2)) as replica:
        result = _run(replica, home, ["y"])
    assert result.summary.exit_code == 0, result.output
    assert replica.submissions[0].get("accurate") == "yes", replica.submissions
    steps = result.records()[0]["steps"]
    assert any(s["action"] == "check" and s["status"] == "done" for s in steps), steps
