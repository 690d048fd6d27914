"""Choices in any markup (issue 26, point 8): the bundled third-party flow answers its request type
("What would you like to do?") whether the page offers radios, a native list, a list that opens on
a click or a row of buttons; the practice server's own record says what was chosen."""

from __future__ import annotations

import pytest
from practice_helpers import account, run_practice

from assistant.demo import COUNTRY_OF_LANGUAGE
from assistant.practice import PracticeConfig, PracticeSite

pytestmark = pytest.mark.browser

FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2, "cookie_dialog": False}


@pytest.mark.parametrize(("markup", "language"), [("select", "en"), ("combobox", "de"), ("buttons", "fr")])
def test_the_third_party_request_type_is_chosen_in_every_markup(home, markup, language):
    config = PracticeConfig(**FAST, language=language, choice_markup=markup)
    person = account(
        "anna-3p",
        "facebook",
        language=language,
        country=COUNTRY_OF_LANGUAGE[language],
        flows=["meta-third-party-ai"],
        first_name="Anna",
        last_name="Example",
        prompts="Who is Anna Example from Cork?",
    )
    with PracticeSite(config) as site:
        result = run_practice(home, site, [person], ["y"], logged_in=True)
    assert result.summary.exit_code == 0, result.output
    (sent,) = site.confirmed
    assert sent.fields["request_type"] == "object"  # never access, correct or delete
    assert result.human.asked == ["submit"]  # nothing was handed to the person
    (review,) = result.human.reviews
    assert any(line.startswith("chose “") for line in review.filled), review.filled


# a native list is answered in tests/test_after_send.py (a replica page); here the practice site's list that
# opens on a click
@pytest.mark.parametrize(("markup", "platform", "language"), [("combobox", "instagram", "de")])
def test_the_routing_question_is_answered_yes_in_a_list(home, markup, platform, language):
    config = PracticeConfig(**FAST, language=language, routing_question=markup, wording_seed=3)
    with PracticeSite(config) as site:
        result = run_practice(
            home, site, [account(platform=platform, language=language)], ["y"], logged_in=True
        )
    assert result.summary.exit_code == 0, result.output
    assert len(site.confirmed) == 1 and result.human.asked == ["submit"]
    (review,) = result.human.reviews
    assert any(line.startswith("chose “") for line in review.filled), review.filled


def test_every_practice_wording_of_the_routing_question_is_known_to_both_flows():
    """Each phrasing a seeded practice page may ask "Is your request about AI at Meta?" in, its Yes
    and its Next, in every page language, is matched by the Instagram and Facebook flows (the Next
    by the flow's words or the engine's)."""
    import re

    from assistant.config.flows import load_flows
    from assistant.engine.screens import NEXT_NAME
    from assistant.practice import LANGUAGES
    from assistant.practice.wording import routing_phrasings

    flows = load_flows()
    for flow_id in ("instagram-ai-objection", "facebook-ai-objection"):
        step = next(s for s in flows[flow_id].flow.steps if getattr(s, "next", None))
        questions = [c.name or c.text for c in step.target]
        yes = [c.name for c in step.option or []]
        nexts = [*(c.name for c in step.next), NEXT_NAME]
        for language in LANGUAGES:
            for words in routing_phrasings(language):
                assert any(re.search(q, words.question, re.I) for q in questions if q), (flow_id, words)
                assert any(re.search(y, words.yes, re.I) for y in yes if y), (flow_id, words)
                assert any(re.search(n, words.next, re.I) for n in nexts if n), (flow_id, words)
