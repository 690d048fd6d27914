"""The engine against every mode of the practice Help Centre: confirmation styles and
wordings (including phrasings held out from every word list), errors after Send, the
routing question, login interstitials and forms that move."""

from __future__ import annotations

import pytest
from practice_helpers import account, run_practice

from assistant.practice import (
    CONFIRMATION_STYLES,
    HELD_OUT_CONFIRMATIONS,
    INTERSTITIALS,
    SUBMIT_ERRORS,
    PracticeConfig,
    PracticeSite,
)

pytestmark = pytest.mark.browser

FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2, "cookie_dialog": False}


def _run(home, config: PracticeConfig, answers, platform: str = "instagram", logged_in: bool = True):
    """One account's run; its profile holds a practice login already unless ``logged_in`` is False."""
    with PracticeSite(config) as site:
        person = account(platform=platform, language=config.language)
        result = run_practice(home, site, [person], answers, logged_in=logged_in)
    return site, result


# every style in English, two in German (bench/after_send.py runs the whole matrix)
# three styles here (the replica's own styles in test_after_send add three more); every style is
# drawn, in any language, by the page-behaviour catalogue (test_page_mutations, bench/mutations.py)
STYLE_CASES = [("page", "en"), ("navigate", "en"), ("toast", "de")]
assert {style for style, _ in STYLE_CASES} <= set(CONFIRMATION_STYLES)


@pytest.mark.parametrize(("style", "language"), STYLE_CASES)
def test_every_confirmation_style_is_confirmed_by_the_page(home, style, language):
    config = PracticeConfig(**FAST, language=language, confirmation_style=style, wording_seed=7)
    site, result = _run(home, config, ["y"])
    assert result.summary.exit_code == 0, result.output
    (record,) = result.records()
    assert record["outcome"] == "confirmed" and record["confirmed_by"] == "page"
    assert len(site.confirmed) == 1
    assert record["seconds_to_outcome"] < 5


@pytest.mark.parametrize(
    ("style", "language"), [("toast", "en"), ("icon-heading", "en"), ("navigate", "de"), ("dialog", "de")]
)
def test_held_out_phrasings_are_never_silently_missed(home, style, language):
    """Words no list knows: recognised from structure and words, or put to the person."""
    config = PracticeConfig(**FAST, language=language, confirmation_style=style, held_out=True)
    site, result = _run(home, config, ["y", "y"])
    (record,) = result.records()
    assert record["outcome"] == "confirmed", result.output
    asked = [q for q in result.human.asked if q.startswith("confirm: The page now shows")]
    if record["confirmed_by"] == "person":
        assert asked and any(title in asked[0] for title, _ in HELD_OUT_CONFIRMATIONS[language]), asked
    else:
        assert not asked
    assert len(site.confirmed) == 1


# every kind of error on the replica page: tests/test_after_send.py; here the practice site's own one
@pytest.mark.parametrize("failure", ["form-again"])
def test_an_error_then_success_is_rejected_then_sent_once(home, failure):
    assert failure in SUBMIT_ERRORS
    config = PracticeConfig(**FAST, submit_error=failure, wording_seed=3)
    with PracticeSite(config) as site:
        first = run_practice(home, site, [account()], ["y"], logged_in=True)
        assert first.records()[0]["outcome"] == "rejected", first.output
        assert site.submissions == [] and site.refused_submits == 1
        second = run_practice(home, site, [account()], ["y"], logged_in=True)
        assert second.summary.exit_code == 0, second.output
        assert len(site.submissions) == 1


@pytest.mark.parametrize(("routing", "platform"), [("radios", "instagram"), ("buttons", "facebook")])
def test_the_routing_question_is_answered_on_both_platforms(home, routing, platform):
    config = PracticeConfig(**FAST, language="de", routing_question=routing, wording_seed=5)
    site, result = _run(home, config, ["y"], platform=platform)
    assert result.summary.exit_code == 0, result.output
    assert any("chose “" in line for line in result.human.reviews[0].filled)
    assert len(site.confirmed) == 1


@pytest.mark.parametrize("kind", INTERSTITIALS)
def test_interstitials_after_login_are_left_for_the_form(home, kind):
    config = PracticeConfig(**FAST, interstitial=kind)
    platform = "facebook" if kind == "continue-as" else "instagram"
    site, result = _run(home, config, ["y"], platform=platform, logged_in=False)  # the login is the subject
    assert result.summary.exit_code == 0, result.output
    assert len(site.confirmed) == 1


def test_a_form_moved_to_another_meta_host_is_handed_over(home):
    config = PracticeConfig(**FAST, moved_to="help.meta.com")
    site, result = _run(home, config, [None])
    (record,) = result.records()
    assert record["outcome"] == "needs-attention" and "help.meta.com" in record["message"]
    assert site.submissions == []


def test_a_person_who_sends_it_on_the_moved_page_is_recorded_and_not_asked_again(home):
    config = PracticeConfig(**FAST, moved_to="help.meta.com")
    with PracticeSite(config) as site:
        # done by hand; "yes, I sent it"
        first = run_practice(home, site, [account()], ["", "y"], logged_in=True)
        (record,) = first.records()
        assert record["outcome"] == "not-confirmed" and record["submitted"] is True
        assert record["approval"]["answer"] == "by hand"
        second = run_practice(home, site, [account()], ["y"], logged_in=True)
    assert "--again" in second.output


def test_a_redirect_to_a_look_alike_is_blocked_at_once(home):
    config = PracticeConfig(**FAST, moved_to="lookalike")
    site, result = _run(home, config, ["y"])
    (record,) = result.records()
    assert record["outcome"] == "blocked" and "not Meta's" in record["message"]
    assert result.human.asked == []
    assert site.submissions == []


@pytest.mark.parametrize(("language", "seed"), [("en", 3), ("de", 4), ("pl", 4)])
def test_cookie_dialogs_in_other_words_are_dismissed(home, language, seed):
    config = PracticeConfig(
        auto_login=True, auto_login_key_ms=2, auto_login_delay=0.2, language=language, wording_seed=seed
    )
    site, result = _run(home, config, ["y"])
    assert result.summary.exit_code == 0, result.output
    steps = result.records()[0]["steps"]
    assert any(s["action"] == "dismiss" and s["detail"] == "cookie dialog dismissed" for s in steps), steps
    assert len(site.confirmed) == 1
