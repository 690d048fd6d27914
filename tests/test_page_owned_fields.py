"""Fields the page owns and the text box's limits, judged by the practice server's own record:
objector never types into a read-only box, records the e-mail the page sent (and says when it is
not the account's), and fits the letter to the box's maxlength and counter instead of stopping."""

from __future__ import annotations

import io

import pytest
from practice_helpers import account, run_practice
from rich.console import Console

from assistant.engine.owned import Box
from assistant.engine.run import RunObserver
from assistant.letters.text import browser_length
from assistant.people.asks import SubmitReview
from assistant.people.ui import review_panel
from assistant.practice import PracticeConfig, PracticeSite
from assistant.proof.report import render_html

FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2, "cookie_dialog": False}


def _run(home, config: PracticeConfig, person=None, answers=("y",)):
    with PracticeSite(config) as site:
        result = run_practice(home, site, [person or account()], list(answers), logged_in=True)
    return site, result


def _sent_as_recorded(site, record) -> None:
    """The server holds exactly one submission, with the text and e-mail the record says."""
    (sent,) = site.confirmed
    assert sent.fields["reason"] == record["text"] == record["fields"]["text"] == record["posted"]["text"]
    assert sent.fields["email"] == record["email_sent"] == record["posted"]["email"]
    assert "text_filled" not in record
    assert site.touched == []


@pytest.mark.browser
@pytest.mark.parametrize("owned", ["same", "other"])
def test_a_read_only_email_is_left_to_the_page_and_recorded(home, owned):
    code = {"code_step": True, "code": "123456"} if owned == "other" else {}
    answers = ("y", "123456") if code else ("y",)
    site, result = _run(home, PracticeConfig(**FAST, readonly_email=owned, **code), answers=answers)
    (record,) = result.records()
    assert record["outcome"] == "confirmed", result.output
    _sent_as_recorded(site, record)
    assert record["page_owned"] == ["email"]
    (review,) = result.human.reviews
    assert review.email_sent == record["email_sent"]
    if owned == "other":
        assert record["email_sent"] == "other@example.org"
        assert "other@example.org" in record["email_note"] and "anna@example.org" in record["email_note"]
        assert any("other@example.org" in note for note in review.notes)
        assert "the code it e-mailed to other@example.org" in result.output  # where Meta sends it
        assert "E-mail sent (chosen by the page)</dt><dd>other@example.org" in render_html(home)
    else:
        assert record["email_sent"] == "anna@example.org" and "email_note" not in record
        assert review.notes == ()


@pytest.mark.browser
def test_a_letter_longer_than_the_box_is_fitted_shown_and_sent_whole(home):
    person = account(text_variant="detailed", reasons=["children", "creative_work"])
    site, result = _run(home, PracticeConfig(**FAST, text_maxlength=300), person)
    (record,) = result.records()
    assert record["outcome"] == "confirmed", result.output
    _sent_as_recorded(site, record)
    text = record["text"]
    assert browser_length(text) <= 300 and text.endswith(".")
    assert "Article 21" in text and "anna@example.org" in text and "confirm" in text
    fitted = record["text_fitted"]
    assert fitted["limit"] == 300 and fitted["limit_from"] in ("maxlength", "counter")
    assert fitted["variant"] == "short" and fitted["original_length"] > 1000
    (review,) = result.human.reviews
    assert review.text == text and any("at most 300 characters" in n for n in review.notes)
    assert "the form took at most 300 characters" in render_html(home)


def test_counters_are_read_as_limits_only_when_they_count_the_box():
    def box(value: str, *texts: str) -> Box:
        return Box(False, False, False, value, None, texts)

    assert box("", "0/500").counter_limit() == 500
    assert box("abc", "3 / 1,000").counter_limit() == 1000
    assert box("ab", "2 von 500 Zeichen").counter_limit() == 500
    assert box("", "500 characters left").counter_limit() == 500
    assert box("ab", "Noch 498 Zeichen übrig").counter_limit() == 500
    assert box("", "At least 100 characters.").counter_limit() is None  # a hint, not a counter
    assert box("abc", "0/500").counter_limit() is None  # not counting this box
    assert box("", "0/500").limits() == {"counter": 500}


def test_the_review_says_when_the_page_sends_another_email():
    review = SubmitReview(
        account="anna-instagram",
        email="anna@example.org",
        flow_title="Instagram",
        url="help.instagram.com/contact/1",
        text="I object.",
        language="en",
        email_sent="other@example.org",
        notes=("the page takes at most 300 characters",),
    )
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(review_panel(review))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "other@example.org (chosen by the page, not anna@example.org)" in shown
    assert "at most 300 characters" in shown


@pytest.mark.browser
def test_a_length_error_after_send_is_answered_with_a_fitted_letter_approved_again(home):
    """No maxlength and no counter: the server refuses the text, naming its limit; the letter is
    fitted to it, shown in a second review, and sent once approved again."""
    person = account(text_variant="standard", reasons=["children"])
    site, result = _run(home, PracticeConfig(**FAST, length_error=300), person, answers=("y", "y"))
    (record,) = result.records()
    assert record["outcome"] == "confirmed", result.output
    _sent_as_recorded(site, record)
    assert len(site.rejected) == 1 and "300" in record["form_error"]
    assert record["text_fitted"]["limit_from"] == "error" and browser_length(record["text"]) <= 300
    first, second = result.human.reviews
    assert browser_length(first.text) > 300 and second.text == record["text"]
    assert any("at most 300 characters" in note for note in second.notes)


BOXES = """
<div><label for=a>E-mail</label><input id=a aria-readonly=true value=x@example.org></div>
<div><label for=b>E-mail</label><input id=b disabled value=y@example.org></div>
<div><label for=c>Password</label><input id=c type=password></div>
<div class=field><label for=d>Reason</label><textarea id=d maxlength=800></textarea>
  <div class=foot><span class=count>0 / 500</span></div></div>
<div><label for=e>Reason</label><textarea id=e aria-describedby=e-left>hi</textarea>
  <p>Tell us more.</p><p id=e-left>Noch 498 Zeichen übrig</p></div>
"""


@pytest.mark.browser
def test_the_box_is_read_as_the_page_has_it(browser):
    from assistant.engine.owned import read_box

    page = browser.new_page()
    try:
        page.set_content(BOXES)
        owned, disabled, password, counted, described = (read_box(page.locator(f"#{i}")) for i in "abcde")
    finally:
        page.close()
    assert owned.owned and owned.readonly and owned.value == "x@example.org"
    assert disabled.owned and disabled.disabled and not disabled.readonly
    assert password.password and not password.owned
    assert counted.limits() == {"maxlength": 800, "counter": 500}
    assert described.limits() == {"counter": 500}


@pytest.mark.browser
def test_a_box_disabled_while_the_form_loads_is_not_taken_for_the_pages_own(browser, monkeypatch):
    from assistant.engine import owned
    from assistant.engine.owned import settled_box

    monkeypatch.setattr(owned, "DISABLED_GRACE", 1.0)  # the box below is enabled after 0.4 s

    page = browser.new_page()
    try:
        page.set_content(
            "<input id=late disabled><input id=kept disabled value=k@example.org>"
            "<script>setTimeout(() => document.getElementById('late').disabled = false, 400)</script>"
        )
        late, kept = settled_box(page, page.locator("#late")), settled_box(page, page.locator("#kept"))
    finally:
        page.close()
    assert not late.owned
    assert kept.owned and kept.disabled and kept.value == "k@example.org"


class _EditsTheText(RunObserver):
    """The person changes the text in the browser after objector filled it, before Send."""

    def before_step(self, run, step) -> None:
        if step.action == "review_and_submit":
            run.page.locator("textarea").evaluate("t => { t.value = t.value.split('. ')[0] + '. Edited.'; }")


@pytest.mark.browser
def test_the_record_holds_the_text_the_form_sent_not_the_one_filled_in(home):
    with PracticeSite(PracticeConfig(**FAST)) as site:
        result = run_practice(home, site, [account()], ["y"], logged_in=True, observer=_EditsTheText())
    (record,) = result.records()
    (sent,) = site.confirmed
    assert record["outcome"] == "confirmed", result.output
    assert sent.fields["reason"].endswith("Edited.") and record["text"] == sent.fields["reason"]
    assert record["text_filled"] != record["text"] and record["text_filled"].startswith(record["text"][:40])


def test_the_limit_an_error_names():
    from assistant.engine.owned import named_limit

    assert named_limit("Your answer is too long: it can be at most 300 characters.", 412) == 300
    assert named_limit("Deine Antwort darf höchstens 1.000 Zeichen haben (du hast 1.412).", 1412) == 1000
    assert named_limit("Between 100 and 300 characters, please.", 412) == 300
    assert named_limit("Something went wrong (error 500).", 412) is None  # not below the text's length
    assert named_limit("Please try again later.", 412) is None
