"""Flows against the practice site's languages, markup drift and interruptions."""

from __future__ import annotations

import pytest
from practice_helpers import account, run_practice

from assistant.demo import COUNTRY_OF_LANGUAGE
from assistant.practice import DRIFT_VARIANTS, LANGUAGES, PracticeConfig, PracticeSite

pytestmark = pytest.mark.browser
FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2}
COUNTRY = COUNTRY_OF_LANGUAGE


@pytest.fixture(scope="module")
def site():
    with PracticeSite(PracticeConfig(**FAST)) as running:
        yield running


def _both(lang: str, **fields):
    common = {"country": COUNTRY[lang], "language": lang, **fields}
    return [account("acct-instagram", "instagram", **common), account("acct-facebook", "facebook", **common)]


#: three of the ten page languages, of different families, run every flow end to end here; every
#: language's words are checked against the flows without a browser (test_practice_site,
#: test_choice_markups), and the drawn pages of test_page_mutations / bench/mutations.py run the
#: flows in languages drawn from all ten
END_TO_END_LANGUAGES = ("de", "pl")  # English pages: nearly every other practice test
assert set(END_TO_END_LANGUAGES) <= set(LANGUAGES)


@pytest.mark.parametrize("lang", END_TO_END_LANGUAGES)
def test_every_language_every_flow(home, site, lang):
    """Instagram, Facebook and the third-party form, with the e-mailed code step, in each language."""
    site.reset()
    site.config = PracticeConfig(**FAST, language=lang, code_step=True, code="135790")
    third = account(
        "acct-third-party",
        "facebook",
        country=COUNTRY[lang],
        language=lang,
        flows=["meta-third-party-ai"],
        first_name="Anna",
        last_name="Beispiel",
        prompts="Wer ist Anna Beispiel?",
    )
    # Instagram's account logs in on the practice login page in the language; the other two
    # profiles hold a login already (the login is not what differs between the languages)
    logged_in = {"acct-facebook", "acct-third-party"}
    result = run_practice(home, site, [*_both(lang), third], ["y", "135790"] * 3, logged_in=logged_in)
    assert result.summary.exit_code == 0, result.output
    assert sorted(s.form_id for s in site.confirmed) == [
        "510058597920541",
        "712876720715583",
        "767264225370182",
    ]
    for record in result.records():
        assert record["page_language"].split("-")[0] == lang
        assert record["confirmation_text"]
    assert {s.fields.get("country") for s in site.confirmed} == {COUNTRY[lang]}


#: two of the markup drifts end to end here; every drift is drawn by the page-behaviour catalogue
#: (test_page_mutations, bench/mutations.py)
END_TO_END_DRIFTS = ("renamed", "no-form")
assert set(END_TO_END_DRIFTS) <= set(DRIFT_VARIANTS)


@pytest.mark.parametrize("drift", END_TO_END_DRIFTS)
def test_markup_drift_passes_without_help(home, site, drift):
    site.reset()
    site.config = PracticeConfig(**FAST, drift=drift)
    result = run_practice(home, site, _both("en"), ["y", "y"], logged_in=True)
    assert result.summary.exit_code == 0, result.output
    assert len(site.confirmed) == 2
    for record in result.records():
        assert not [s for s in record["steps"] if s["status"] == "manual"], record["steps"]


def test_security_check_after_login_is_waited_for(home, site):
    site.reset()
    # the checkpoint page stays up for a while, as it does while a person types the code
    site.config = PracticeConfig(
        auto_login=True, auto_login_key_ms=2, auto_login_delay=1.5, security_check=True
    )
    result = run_practice(home, site, [account()], ["y"])
    assert result.summary.exit_code == 0, result.output
    assert "finish the security check" in result.output


def test_dry_run_fills_and_shows_but_never_submits(home, site):
    site.reset()
    site.config = PracticeConfig(**FAST)
    result = run_practice(home, site, [account()], ["y"], dry_run=True, logged_in=True)
    assert site.submissions == []
    (record,) = result.records()
    assert record["outcome"] == "dry-run" and record["dry_run"] is True
    assert result.human.asked == []  # a dry run asks nothing
    assert result.summary.exit_code == 1


def test_closed_browser_window_ends_that_account_and_the_run_goes_on(home, site, runs):
    site.reset()
    site.config = PracticeConfig(**FAST)

    def close_window():
        runs[-1].page.context.close()
        return "y"

    accounts = [account("first-instagram"), account("second-facebook", "facebook")]
    result = run_practice(home, site, accounts, [close_window, "y"], observer=runs, logged_in=True)
    outcomes = {r["account"]: r["outcome"] for r in result.records()}
    assert outcomes == {"first-instagram": "interrupted", "second-facebook": "confirmed"}, result.output
    assert len(site.confirmed) == 1 and site.confirmed[0].host == "www.facebook.com"


def test_a_browser_gone_with_a_ctrl_c_stops_the_run_as_the_ctrl_c(home, site, runs, monkeypatch):
    """A terminal's Ctrl-C reaches Playwright's driver too, which closes the browser: when the
    engine sees the browser gone after a Ctrl-C, the run stops as interrupted (exit 130) and the
    next account is not started, as if the interrupt had come first."""
    from assistant.engine import waiting

    monkeypatch.setattr(waiting, "_ctrl_c", [])
    site.reset()
    site.config = PracticeConfig(**FAST)

    def ctrl_c_then_the_browser_goes():
        waiting._ctrl_c.append(0.0)  # what the SIGINT handler notes
        runs[-1].page.context.close()
        return "y"

    accounts = [account("first-instagram"), account("second-facebook", "facebook")]
    result = run_practice(
        home, site, accounts, [ctrl_c_then_the_browser_goes, "y"], observer=runs, logged_in=True
    )
    assert result.summary.exit_code == 130, result.output
    (record,) = result.records()
    assert record["account"] == "first-instagram" and record["outcome"] == "interrupted"
    assert record["message"] == "stopped with Ctrl-C"
    assert site.confirmed == [] and "stopped with Ctrl-C" in result.output


def test_ctrl_c_is_noted_and_still_raises(monkeypatch):
    import signal

    from assistant.engine import waiting

    monkeypatch.setattr(waiting, "_ctrl_c", [])
    before = signal.getsignal(signal.SIGINT)
    try:
        waiting.note_ctrl_c()
        assert not waiting.ctrl_c_pressed()
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
        assert waiting.ctrl_c_pressed()
    finally:
        signal.signal(signal.SIGINT, before)


def test_server_error_page_leaves_a_failure_bundle(home, site):
    site.reset()
    site.config = PracticeConfig(**FAST, error_status=500)
    result = run_practice(home, site, [account()], ["y"], logged_in=True)
    assert result.summary.exit_code == 1
    (record,) = result.records()
    assert record["outcome"] == "failed" and "HTTP 500" in record["message"]
    assert {"failure.png", "page.html", "console.txt"} <= set(record["files"])
    assert str(record["_folder"]) in result.output


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.mark.parametrize("lang", ["en"])
def test_third_party_information_form(home, site, tmp_path, lang):
    site.reset()
    site.config = PracticeConfig(**FAST, language=lang)
    shot = tmp_path / "answer.png"
    shot.write_bytes(PNG)
    person = account(
        "anna-3p",
        "facebook",
        language=lang,
        country=COUNTRY[lang],
        flows=["meta-third-party-ai"],
        first_name="Anna",
        last_name="Example",
        prompts="Who is Anna Example from Cork?",
        screenshot=shot,
    )
    result = run_practice(home, site, [person], ["y"], logged_in=True)
    assert result.summary.exit_code == 0, result.output
    (sent,) = site.confirmed
    assert sent.form_id == "510058597920541"
    assert sent.fields["first_name"] == "Anna" and sent.fields["last_name"] == "Example"
    assert sent.fields["prompts"] == "Who is Anna Example from Cork?"
    assert sent.fields["screenshot_name"] == "answer.png"
    assert sent.fields["request_type"] and sent.fields["country"] == COUNTRY[lang]
    assert sent.fields["extra"].replace("\r\n", "\n") == result.records()[0]["text"]
