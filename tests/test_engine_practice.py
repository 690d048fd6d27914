"""The real engine in real headless Chromium against the practice Help Centre.

Both flows end to end and the wait for the person's login go through the practice login page;
the other tests start with a profile that holds a practice login already (``logged_in``): the
login is not their subject.
"""

from __future__ import annotations

import pytest
from practice_helpers import account, run_practice

from assistant.practice import PracticeConfig, PracticeSite

pytestmark = pytest.mark.browser

LOGGED_IN_FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.3}


@pytest.fixture
def site():
    with PracticeSite(PracticeConfig(**LOGGED_IN_FAST)) as running:
        yield running


def test_both_flows_are_confirmed_with_proof(home, site):
    accounts = [account("anna-instagram", "instagram"), account("anna-facebook", "facebook")]
    result = run_practice(home, site, accounts, ["y", "y"])
    assert result.summary.exit_code == 0, result.output
    assert len(site.confirmed) == 2
    assert {s.host for s in site.confirmed} == {"help.instagram.com", "www.facebook.com"}
    for record in result.records():
        assert record["outcome"] == "confirmed"
        assert record["approval"]["answer"] == "y"
        assert (record["_folder"] / "form.png").stat().st_size > 1000
        assert (record["_folder"] / "confirmation.png").stat().st_size > 1000
        assert record["confirmation_text"]
    submitted = site.confirmed[0].fields
    assert submitted["email"] == "anna@example.org"
    assert submitted["reason"] == result.records("anna-instagram")[0]["text"]
    assert {s.fields.get("country") for s in site.confirmed} == {"DE"}
    assert "Summary: 2 confirmed" in result.output


def test_no_submits_nothing(home, site):
    result = run_practice(home, site, [account()], ["n"], logged_in=True)
    assert site.submissions == []
    assert result.summary.exit_code == 1
    (record,) = result.records()
    assert record["outcome"] == "declined" and record["approval"]["answer"] == "n"
    assert "form.png" in record["files"] and "confirmation.png" not in record["files"]


def test_end_of_answers_means_no(home, site):
    result = run_practice(home, site, [account()], [], logged_in=True)
    assert site.submissions == []
    assert result.records()[0]["outcome"] == "declined"


def test_i_click_send_myself(home, site):
    site.config = PracticeConfig(**LOGGED_IN_FAST, auto_send_when_highlighted=True)
    result = run_practice(home, site, [account()], ["m"], logged_in=True)
    assert result.summary.exit_code == 0, result.output
    assert len(site.confirmed) == 1
    record = result.records()[0]
    assert record["approval"]["by"] == "own-click"


def test_emailed_code_step_with_one_wrong_code(home, site):
    site.config = PracticeConfig(**LOGGED_IN_FAST, code_step=True, code="483920")
    result = run_practice(home, site, [account()], ["y", "111111", "483920"], logged_in=True)
    assert result.summary.exit_code == 0, result.output
    assert result.human.asked == ["submit", "code", "code"]
    assert len(site.confirmed) == 1
    assert site.codes_sent and site.codes_sent[-1] == ("anna@example.org", "483920")


def test_missing_code_leaves_the_attempt_needing_attention(home, site):
    site.config = PracticeConfig(**LOGGED_IN_FAST, code_step=True, code="483920")
    result = run_practice(home, site, [account()], ["y"], logged_in=True)
    assert site.confirmed == []
    assert result.records()[0]["outcome"] == "needs-attention"
    assert result.summary.exit_code == 1
    # submitted but unconfirmed: the next run does not submit again on its own
    again = run_practice(home, site, [account()], ["y", "483920"])
    assert len(site.submissions) == 1
    assert "not confirmed" in again.output


def test_waits_for_the_person_to_log_in(home, site):
    site.config = PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=2.5)
    result = run_practice(home, site, [account()], ["y"])
    assert result.summary.exit_code == 0, result.output
    assert "not logged in" in result.output
    assert "logged in (" in result.output


def test_german_pages_and_text(home, site):
    site.config = PracticeConfig(**LOGGED_IN_FAST, language="de")
    result = run_practice(home, site, [account(language="de")], ["y"], logged_in=True)
    assert result.summary.exit_code == 0, result.output
    record = result.records()[0]
    assert record["page_language"].startswith("de")
    assert "DSGVO" in record["text"]
    assert site.confirmed[0].language.startswith("de")


def test_cookie_dialog_is_dismissed(home, site):
    result = run_practice(home, site, [account()], ["y"], logged_in=True)  # the form's own dialog
    assert "cookie dialog dismissed" in result.output
    assert result.summary.exit_code == 0


def test_resume_skips_confirmed_and_again_resubmits(home, site):
    run_practice(home, site, [account()], ["y"], logged_in=True)
    second = run_practice(home, site, [account()], [])
    assert second.summary.exit_code == 0
    assert "already done" in second.output and len(site.confirmed) == 1
    assert second.human.asked == []
    third = run_practice(home, site, [account()], ["y"], again=True)
    assert third.summary.exit_code == 0
    assert len(site.confirmed) == 2


def test_redirect_to_a_foreign_origin_fills_nothing(home, site):
    site.config = PracticeConfig(**LOGGED_IN_FAST, foreign_redirect=True)
    result = run_practice(home, site, [account()], ["y"], logged_in=True)
    assert result.summary.exit_code == 1
    record = result.records()[0]
    assert record["outcome"] == "blocked"
    assert not [hit for hit in site.foreign_hits if hit.get("method") == "POST"]
    assert result.human.asked == []


def test_linked_account_is_covered_without_a_second_submission(home, site):
    accounts = [account("anna-facebook", "facebook", linked_with="anna-instagram"), account("anna-instagram")]
    result = run_practice(home, site, accounts, ["y", "y"], logged_in=True)
    assert result.summary.exit_code == 0, result.output
    assert len(site.confirmed) == 1
    assert "covered via anna-instagram" in result.output
