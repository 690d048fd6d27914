"""Forms in steps (issue 26, point 6): a first screen asks for the country and the e-mail, a Next
button shows the text box and Send — on the same page, or on a second page. The engine fills
each screen, goes on, and asks for Send once; the practice server's own record is the judge."""

from __future__ import annotations

import pytest
from practice_helpers import account, run_practice

from assistant.practice import PracticeConfig, PracticeSite
from assistant.practice.form_steps import HELD_OUT_NEXT

pytestmark = pytest.mark.browser

FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2, "cookie_dialog": False}
THIRD_PARTY = {
    "flows": ["meta-third-party-ai"],
    "first_name": "Anna",
    "last_name": "Example",
    "prompts": "Who is Anna Example from Cork?",
}


def _one(home, config: PracticeConfig, person, answers):
    with PracticeSite(config) as site:
        result = run_practice(home, site, [person], answers, logged_in=True)
    return site, result


@pytest.mark.parametrize(
    ("steps", "platform", "language"),
    [("same-page", "instagram", "en"), ("navigate", "instagram", "fr")],  # Facebook: the routing test
)
def test_a_form_in_two_screens_is_sent_once_with_every_screens_values(home, steps, platform, language):
    config = PracticeConfig(**FAST, language=language, form_steps=steps, wording_seed=11)
    person = account(platform=platform, language=language, country="DE")
    site, result = _one(home, config, person, ["y"])
    assert result.summary.exit_code == 0, result.output
    (sent,) = site.confirmed  # exactly one submission, holding the first screen's values too
    (record,) = result.records()
    assert sent.fields["email"] == "anna@example.org" and sent.fields["country"] == "DE"
    assert sent.fields["reason"].replace("\r\n", "\n") == record["text"]
    assert len(site.state.screens) == 1 and site.state.screens[0].get("ok", True)
    moves = [s for s in record["steps"] if s["action"] == "next"]
    assert len(moves) == 1 and "screen 2" in moves[0]["detail"]
    assert "form-screen-1.png" in record["files"]
    # one review, with both screens' values, and one approval
    assert result.human.asked == ["submit"]
    (review,) = result.human.reviews
    assert any(line.startswith("e-mail") for line in review.filled)
    assert any(line.startswith("country") for line in review.filled)
    assert any(line.startswith("reason") for line in review.filled)


@pytest.mark.parametrize("steps", ["same-page", "navigate"])
def test_a_next_that_is_a_link_styled_as_a_button_is_followed(home, steps):
    """Some forms draw their Next as a link (``<a href="#">``), not a button: it is the same Next."""
    config = PracticeConfig(**FAST, language="de", form_steps=steps, next_as_link=True)
    site, result = _one(home, config, account(language="de", country="AT"), ["y"])
    assert result.summary.exit_code == 0, result.output
    (sent,) = site.confirmed
    assert sent.fields["email"] == "anna@example.org" and sent.fields["country"] == "AT"
    (record,) = result.records()
    moves = [s for s in record["steps"] if s["action"] == "next"]
    assert [m["status"] for m in moves] == ["done"] and "Weiter" in moves[0]["detail"]


def test_the_third_party_form_in_steps_with_its_choice_as_a_list(home):
    config = PracticeConfig(**FAST, form_steps="same-page", choice_markup="select")
    person = account("anna-3p", "facebook", **THIRD_PARTY)
    site, result = _one(home, config, person, ["y"])
    assert result.summary.exit_code == 0, result.output
    (sent,) = site.confirmed
    assert sent.fields["request_type"] == "object"
    assert sent.fields["first_name"] == "Anna" and sent.fields["prompts"] == THIRD_PARTY["prompts"]
    assert sent.fields["extra"].replace("\r\n", "\n") == result.records()[0]["text"]


@pytest.mark.parametrize("steps", ["navigate", "same-page"])
def test_a_next_in_words_no_list_has_is_never_pressed(home, steps):
    """Held-out wording: objector does not press a button it does not know; it hands the step to
    the person (who, here, does not do it): nothing is sent and the page never moved on. The first
    screen is still known as the form (by its boxes), so this takes seconds, not two 30 s waits."""
    import time

    config = PracticeConfig(**FAST, form_steps=steps, next_held_out=True)
    started = time.monotonic()
    site, result = _one(home, config, account(), [None])
    assert time.monotonic() - started < 30, result.output
    (record,) = result.records()
    assert record["outcome"] == "needs-attention", result.output
    assert site.submissions == [] and site.state.screens == []
    assert any(q.startswith("guide:") for q in result.human.asked)
    assert "submit" not in result.human.asked
    assert HELD_OUT_NEXT["en"] not in result.output or "pressed" not in result.output


@pytest.mark.parametrize(("routing", "steps", "platform"), [("buttons", "navigate", "facebook")])
def test_the_routing_question_then_a_form_in_steps(home, routing, steps, platform):
    """After "Yes" the form's own first screen has a Next: it is pressed only once that screen is
    filled (never as the question's Next)."""
    config = PracticeConfig(**FAST, language="de", routing_question=routing, form_steps=steps)
    site, result = _one(home, config, account(platform=platform, language="de"), ["y"])
    assert result.summary.exit_code == 0, result.output
    (sent,) = site.confirmed
    assert sent.fields["email"] == "anna@example.org" and sent.fields["country"] == "DE"
    assert [s.get("ok", True) for s in site.state.screens] == [True]  # one move, from a filled screen


def test_a_check_presses_no_next_and_says_where_the_rest_is(home):
    """``objector check`` fills and presses nothing: a field behind the form's Next is reported as
    on the next screen (not missing), and the page never moves on."""
    import io

    from rich.console import Console
    from scripted_human import ScriptedHuman

    from assistant.checker import check_forms
    from assistant.config.flows import load_flows
    from assistant.config.settings import Settings
    from assistant.people.ui import Reporter

    with PracticeSite(PracticeConfig(**FAST, form_steps="same-page")) as site:
        settings = Settings(
            home=home, headless=True, site_map=site.site_map, login_timeout=30, step_timeout=4
        )
        flow = load_flows()["instagram-ai-objection"]
        reporter = Reporter(Console(file=io.StringIO(), width=200, color_system=None))
        (result,) = check_forms(settings, [(account(), flow)], ScriptedHuman([]), reporter)
        assert site.state.screens == [] and site.submissions == []
    rows = {row["step"]: row["status"] for row in result.rows}
    assert rows["fill(text)"] == "next-screen" and rows["fill(email)"] == "found", result.rows
    assert result.ok, result.rows


def test_the_practice_next_words_are_known_and_the_held_out_ones_are_not():
    """The engine knows every Next the practice pages say by default or by seed, and none of the
    held-out ones (else the held-out pages would test nothing); no Next reads as a flow's Send."""
    import re

    from assistant.config.flows import load_flows
    from assistant.engine.screens import NEXT_NAME
    from assistant.practice.form_steps import NEXT_LABELS

    sends = [
        c.name
        for loaded in load_flows().values()
        if loaded.flow.submit_step is not None
        for c in loaded.flow.submit_step.target
        if c.name
    ]
    for language, labels in NEXT_LABELS.items():
        for label in labels:
            assert re.search(NEXT_NAME, label, re.IGNORECASE), label
            assert not any(re.search(send, label, re.IGNORECASE) for send in sends), label
        held_out = HELD_OUT_NEXT[language]
        assert not re.search(NEXT_NAME, held_out, re.IGNORECASE), held_out
        assert not any(re.search(send, held_out, re.IGNORECASE) for send in sends), held_out


def _next_by_hand_then_paste(runs, extra: str = ""):
    """The person, asked to paste the letter into a box objector could not find (it is behind a
    Next no word list has): presses that Next, then pastes the letter (and adds ``extra``)."""

    def person() -> str:
        page = runs[-1].page
        page.locator("[data-form-next]").click()
        page.locator("form textarea").fill(runs[-1].text + extra)
        return ""

    return person


def test_a_letter_the_box_cut_when_pasted_by_hand_is_refitted_before_the_review(home, runs):
    """Found by a drawn page (seed 52020, a person who does what they are asked): the box takes 300
    characters and cut the letter the person pasted; the record said the whole letter was sent
    while the server kept its first 300 characters. objector now reads the box, fills it with the
    letter fitted to its limit, and the review, the record and the server hold the same text."""
    config = PracticeConfig(**FAST, form_steps="same-page", next_held_out=True, text_maxlength=300)
    with PracticeSite(config) as site:
        result = run_practice(
            home, site, [account()], [_next_by_hand_then_paste(runs), "y"], logged_in=True, observer=runs
        )
    (record,) = result.records()
    assert record["outcome"] == "confirmed", result.output
    (sent,) = site.confirmed
    assert sent.fields["reason"].replace("\r\n", "\n") == record["text"]
    assert len(record["text"]) <= 300 and record["text_fitted"]["limit"] == 300
    assert result.human.reviews[0].text == record["text"]


def test_a_letter_the_person_changed_when_pasting_is_what_the_record_says(home, runs):
    config = PracticeConfig(**FAST, form_steps="same-page", next_held_out=True)
    added = "\n\nI also ask you to confirm this in writing."
    person = _next_by_hand_then_paste(runs, added)
    with PracticeSite(config) as site:
        result = run_practice(home, site, [account()], [person, "y"], logged_in=True, observer=runs)
    (record,) = result.records()
    assert record["outcome"] == "confirmed", result.output
    (sent,) = site.confirmed
    assert record["text"].endswith(added) and record["text_filled"] + added == record["text"]
    assert sent.fields["reason"].replace("\r\n", "\n") == record["text"]
    assert "the box holds another text than the letter" in " ".join(result.output.split())
    assert result.human.reviews[0].text == record["text"]
