"""After Send, the practice site's login page (the session ended) and its security check: never
offered to the person as a possible confirmation, judged by the server's own record.

The person's part (logging in again, completing the check) is done by the practice stand-in
(``auto_login``); objector types nothing into the check (``site.touched`` stays empty).
"""

from __future__ import annotations

import pytest
from practice_helpers import account, run_practice

from assistant import runner
from assistant.practice import PracticeConfig, PracticeSite

pytestmark = pytest.mark.browser

FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.3, "cookie_dialog": False}


def _asked_to_confirm(result) -> list[str]:
    return [q for q in result.human.asked if q.startswith("confirm:")]


def _kept_once(site: PracticeSite, record: dict) -> None:
    """``confirmed`` in the record: exactly one kept submission on the server, with its text."""
    assert record["outcome"] == "confirmed", record["message"]
    (kept,) = site.confirmed
    assert kept.fields.get("reason") == record["text"]
    assert site.touched == []


@pytest.mark.parametrize("platform", ["instagram", "facebook"])
def test_the_login_page_after_send_is_not_kept_and_asked_again_in_the_same_run(home, platform):
    config = PracticeConfig(**FAST, after_send="session-expired")
    with PracticeSite(config) as site:
        result = run_practice(home, site, [account(platform=platform)], ["y", "y"], logged_in=True)
    first, second = result.records()
    assert first["outcome"] == "not-kept" and first["submitted"] is False, first["message"]
    assert first["after_send"]["kind"] == "login"
    assert "login page" in first["message"] and "not kept" in first["message"]
    assert "you logged in again" in first["message"]
    assert (first["_folder"] / "login-after-send.png").is_file()
    assert result.human.asked == ["submit", "submit"]  # approved again, never "does this confirm?"
    assert len(result.human.reviews) == 2
    _kept_once(site, second)
    assert result.summary.exit_code == 0, result.output


def test_a_not_kept_request_is_sent_by_the_next_plain_run(home, monkeypatch):
    monkeypatch.setattr(runner, "RETRIES_NOT_KEPT", 0, raising=False)
    config = PracticeConfig(**FAST, after_send="session-expired")
    with PracticeSite(config) as site:
        first = run_practice(home, site, [account()], ["y"], logged_in=True)
        (record,) = first.records()
        assert record["outcome"] == "not-kept" and site.submissions == []
        assert _asked_to_confirm(first) == []
        second = run_practice(home, site, [account()], ["y"])  # no --again: nothing was kept
    assert second.summary.exit_code == 0, second.output
    _kept_once(site, second.records()[-1])


@pytest.mark.parametrize(
    ("platform", "language", "mode", "style", "delay"),
    [
        ("facebook", "de", "challenge", "in-place", 2.0),
        ("instagram", "fr", "challenge-unnamed", "in-place", 2.0),
        # a person quicker than objector's message: the answer that came meanwhile still counts
        ("instagram", "es", "challenge", "page", 0.1),
    ],
)
def test_a_check_after_send_is_the_person_s_and_the_answer_after_it_is_recorded(
    home, platform, language, mode, style, delay
):
    # the stand-in takes its time, as a person does (longer than a changing page is given to settle)
    fast = {**FAST, "auto_login_delay": delay}
    config = PracticeConfig(**fast, language=language, after_send=mode, confirmation_style=style)
    with PracticeSite(config) as site:
        person = account(platform=platform, language=language)
        result = run_practice(home, site, [person], ["y"], logged_in=True)
    (record,) = result.records()
    _kept_once(site, record)
    assert record["confirmed_by"] == "page" and _asked_to_confirm(result) == []
    if delay >= 1:  # a quick person may be done before objector's first look
        assert record["after_send"]["signals"][0].startswith("a challenge after Send")
        assert "complete it in the browser window" in result.output
        assert (record["_folder"] / "challenge.png").is_file()


def test_a_check_nobody_completes_is_not_kept_and_never_confirmed(home, monkeypatch):
    monkeypatch.setattr(runner, "RETRIES_NOT_KEPT", 0, raising=False)
    config = PracticeConfig(cookie_dialog=False, after_send="challenge")
    with PracticeSite(config) as site:
        result = run_practice(
            home, site, [account()], ["y", "y"], logged_in=True, settings_overrides={"manual_timeout": 3}
        )
        (record,) = result.records()
        assert record["outcome"] == "needs-attention" and record["submitted"] is False, record["message"]
        assert "not completed" in record["message"] and "nothing was kept" in record["message"]
        assert _asked_to_confirm(result) == []
        assert site.submissions == [] and site.touched == []


def test_a_person_who_does_not_log_in_again_is_not_asked_and_the_next_run_sends_it(home):
    config = PracticeConfig(cookie_dialog=False, after_send="session-expired")
    with PracticeSite(config) as site:
        first = run_practice(home, site, [account()], ["y", "y"], logged_in=True, login_timeout=3)
        (record,) = first.records()
        assert record["outcome"] == "failed" and record["submitted"] is False, record["message"]
        assert "not kept" in record["message"] and "not logged in" in record["message"]
        assert first.human.asked == ["submit"] and site.submissions == []
        site.config = PracticeConfig(**FAST, after_send="session-expired")  # back, and logging in
        second = run_practice(home, site, [account()], ["y"])
    _kept_once(site, second.records()[-1])
