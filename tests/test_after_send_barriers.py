"""What came after Send, told from one look at the page: the login page and a challenge come
before any reading of confirmation or error words, and a change without text is no answer."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.engine.aftersend import CHALLENGE_RE, CONFIRM_RE, ERROR_RE, AfterSend, Snapshot
from assistant.practice.after_send import CHALLENGE_WORDS, HELD_OUT_CHALLENGE
from assistant.practice.config import LANGUAGES

FORM_URL = "http://127.0.0.1:1/contact/767264225370182"
FORM = {
    "url": FORM_URL,
    "lines": ["Object to your information being used for AI at Meta", "Email address", "Send"],
    "headings": ["Object to your information being used for AI at Meta"],
    "marked": True,
    "send": True,
    "inputs": ["Field1", "Field2"],
}


def _watch(where: dict[str, str] | None = None) -> AfterSend:
    watch = AfterSend(page=None)  # type: ignore[arg-type]  # read() only looks at snapshots
    watch.baseline = Snapshot.of(FORM)
    watch.where = (lambda url: (where or {}).get(url)) if where is not None else None
    return watch


def _after(**changes: Any) -> Snapshot:
    return Snapshot.of({**FORM, **changes})


def test_the_login_page_after_send_is_the_login_not_a_confirmation() -> None:
    login = "http://127.0.0.1:2/accounts/login/?next=x"
    watch = _watch({login: "login"})
    now = _after(
        url=login,
        lines=["Log in to Instagram", "Thanks for coming back", "Password"],
        headings=["Log in to Instagram"],
        marked=False,
        send=False,
        inputs=["username", "password"],
        password=True,
    )
    verdict = watch.read(now)
    assert verdict is not None and verdict.kind == "login", verdict
    assert "the service's login page" in verdict.signals


def test_a_login_page_a_quick_login_has_already_left_is_still_the_login() -> None:
    """Send → the login page → (logged in at once) → the form again: the address it went
    through says the request was not kept, though the page now shows the form."""
    login = "http://127.0.0.1:2/accounts/login/?next=x"
    watch = _watch({login: "login"})
    watch.visited = [login, FORM_URL]
    verdict = watch.read(_after(marked=False, send=False))
    assert verdict is not None and verdict.kind == "login", verdict


def test_a_password_box_drawn_in_place_is_a_login_wherever_it_is() -> None:
    now = _after(dialogs=["Your session has ended. Log in again. Password"], password=True,
                 inputs=[*FORM["inputs"], "pass"])  # fmt: skip
    verdict = _watch().read(now)
    assert verdict is not None and verdict.kind == "login" and "a password box" in verdict.signals


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_security_check_in_every_page_language_is_a_challenge(language: str) -> None:
    title, text, box, robot, go = CHALLENGE_WORDS[language]
    now = _after(
        dialogs=[f"{title} {text} {box} {robot} {go}"],
        headings=[*FORM["headings"], title],
        lines=[*FORM["lines"], title, text, box, robot, go],
        inputs=[*FORM["inputs"], "challenge_answer"],
        checks=["challenge_robot"],
    )
    verdict = _watch().read(now)
    assert verdict is not None and verdict.kind == "challenge", (language, verdict)
    assert not verdict.by_shape_only  # known by its words, before the code screen is looked for


def test_the_held_out_check_is_in_no_word_list_and_still_a_challenge_by_its_shape() -> None:
    for words in HELD_OUT_CHALLENGE.values():
        for part in words:
            assert not (CHALLENGE_RE.search(part) or CONFIRM_RE.search(part) or ERROR_RE.search(part)), part
    title, text, box, robot, go = HELD_OUT_CHALLENGE["en"]
    now = _after(lines=[*FORM["lines"], title, text, box, robot, go], headings=[*FORM["headings"], title],
                 inputs=[*FORM["inputs"], "challenge_answer"], checks=["challenge_robot"])  # fmt: skip
    verdict = _watch().read(now)
    assert verdict is not None and verdict.kind == "challenge" and verdict.by_shape_only


def test_a_new_checkbox_alone_with_words_of_thanks_is_no_confirmation() -> None:
    """The old reading took 'please confirm' next to a new tick box for a confirmation."""
    now = _after(lines=[*FORM["lines"], "Please confirm to continue", "I agree"], checks=["agree"])
    verdict = _watch().read(now)
    assert verdict is not None and verdict.kind == "challenge"


def test_a_captcha_widget_is_a_challenge() -> None:
    now = _after(captcha=["iframe reCAPTCHA"], lines=[*FORM["lines"], "Thanks"])
    verdict = _watch().read(now)
    assert verdict is not None and verdict.kind == "challenge" and verdict.signals[-1].startswith("a captcha")


def test_the_service_s_checkpoint_address_is_a_challenge() -> None:
    check = "http://127.0.0.1:2/checkpoint/?next=x"
    now = _after(url=check, marked=False, send=False, lines=["Enter the code"], inputs=["approvals_code"])
    verdict = _watch({check: "checkpoint"}).read(now)
    assert verdict is not None and verdict.kind == "challenge"


def test_a_page_that_changed_without_any_text_is_not_an_answer_yet() -> None:
    """The form went away and nothing readable came: never put to the person as '(no text)'."""
    now = _after(url=FORM_URL, lines=[], headings=[], marked=False, send=False, inputs=[])
    assert _watch().read(now) is None


def test_a_confirmation_is_still_a_confirmation() -> None:
    now = _after(live=["Thanks! We received your request."], marked=False, send=False, inputs=[],
                 lines=["Thanks! We received your request."])  # fmt: skip
    verdict = _watch().read(now)
    assert verdict is not None and verdict.kind == "confirmed"


def test_a_confirmation_that_names_a_security_feature_is_still_a_confirmation() -> None:
    """Words of a check in a confirmation with nothing to fill in (a link to Facebook's Security
    Checkup, a note about unusual activity) do not make it a challenge."""
    lines = ["Thanks, we received your objection.", "Run a Security Checkup", "Security check-up"]
    now = _after(live=[lines[0]], marked=False, send=False, inputs=[], lines=lines)
    verdict = _watch().read(now)
    assert verdict is not None and verdict.kind == "confirmed", verdict
