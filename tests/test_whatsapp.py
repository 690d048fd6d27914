"""WhatsApp's objection form (``whatsapp-ai-objection``): the phone number of the account, the
letter in every language, a flow without a login, the practice copy of the form in real Chromium,
WhatsApp's answer in the mailbox, and a bad number refused by the real command."""

from __future__ import annotations

import io

import phonenumbers
import pytest
from cli_helpers import account_toml, refused_in_one_line, run_cli
from practice_helpers import account, run_practice
from pydantic import ValidationError
from rich.console import Console

from assistant.config.flows import load_flows
from assistant.config.phones import international, mask_phone, normalise_phone
from assistant.letters.text import LANGUAGES, VARIANTS, LetterInput, render_letter
from assistant.mail.messages import is_confirmation, is_trusted_sender, is_whatsapp_answer, parse_mail
from assistant.people.asks import SubmitReview
from assistant.people.ui import review_panel
from assistant.practice import PracticeConfig, PracticeSite
from assistant.practice.whatsapp import FORM_ID, WHATSAPP_HOST, WORDS

PHONE = "+49 1512 3456789"
E164 = "+4915123456789"
MASKED = "+49 ••• ••• 6789"


def whatsapp(**fields: object):
    return account("anna-whatsapp", "whatsapp", **{"phone": PHONE, "full_name": "Anna Example", **fields})


# --------------------------------------------------------------------------- the phone number


@pytest.mark.parametrize(
    "written", [PHONE, E164, "+49 (1512) 345-6789", "0049 1512 3456789", " +49 1512\t3456789 "]
)
def test_a_number_in_international_format_is_kept_in_e164(written):
    assert normalise_phone(written) == E164
    assert whatsapp(phone=written).phone == E164


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("01512 3456789", "no country code"),  # national format: which country's 0151?
        ("1512 3456789", "no country code"),
        ("+49 12", "not a valid phone number"),
        ("+999 1234 5678", "not a"),
        ("call me", "no country code"),
        ("", "is empty"),
    ],
)
def test_a_number_without_country_code_or_not_a_number_is_refused(written, words):
    with pytest.raises(ValueError, match=words):
        normalise_phone(written)
    with pytest.raises(ValidationError, match="phone"):
        whatsapp(phone=written)


def test_whatsapp_needs_a_phone_and_the_others_have_none():
    with pytest.raises(ValidationError, match="(?s)phone.*missing.*international format"):
        account("anna-whatsapp", "whatsapp")
    with pytest.raises(ValidationError, match="only WhatsApp accounts"):
        account("anna-instagram", "instagram", phone=PHONE)
    assert 'phone = "+4915123456789"' in whatsapp().to_toml()


def test_the_terminal_shows_the_country_code_and_the_last_four_digits():
    assert mask_phone(E164) == MASKED
    assert mask_phone("+44 7911 123456") == "+44 ••• ••• 3456"
    assert international(E164) == PHONE


# --------------------------------------------------------------------------- the letter


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_letter_names_whatsapp_and_the_phone_in_every_language(language):
    for variant in VARIANTS:
        text = render_letter(
            LetterInput(
                platform="whatsapp",
                account=PHONE,
                email="anna@example.org",
                country="DE",
                language=language,
                reasons=("private_life",),
                variant=variant,
                name="Anna Example",
                phone=PHONE,
            )
        )
        assert "WhatsApp" in text and PHONE in text and "anna@example.org" in text, (language, variant)
        assert "{" not in text and "Instagram" not in text


def test_a_whatsapp_letter_without_a_phone_number_says_so():
    from assistant.letters.text import TextError

    inp = LetterInput(platform="whatsapp", account="x", email="a@example.org", country="DE", language="en")
    with pytest.raises(TextError, match="names the phone number, and there is none"):
        render_letter(inp)


# --------------------------------------------------------------------------- the flow and the review


def test_the_flow_has_no_login_and_a_flow_without_login_may_not_wait_for_one():
    from assistant.config.flows import Flow

    flow = load_flows()["whatsapp-ai-objection"].flow
    assert not flow.needs_login and flow.kind == "form" and flow.platform == "whatsapp"
    assert "ensure_login" not in [s.action for s in flow.steps]
    assert load_flows()["instagram-ai-objection"].flow.needs_login
    data = flow.model_dump(exclude={"login"}, exclude_defaults=True)
    data["steps"] = [data["steps"][0], {"action": "ensure_login"}, *data["steps"][1:]]
    with pytest.raises(ValidationError, match=r"'ensure_login' step needs a \[login\] table"):
        Flow.model_validate(data)


@pytest.mark.parametrize("language", sorted(WORDS))
def test_the_flow_knows_the_practice_forms_words_in_every_page_language(language):
    """The topic question and the objection (never another topic), each box, Send, and the answer
    (never the form's own title, which would pass for an answer before Send)."""
    import re

    words = WORDS[language]
    steps = {(s.action, s.value): s for s in load_flows()["whatsapp-ai-objection"].flow.steps}
    choose = steps[("choose", None)]

    def named(candidates, text: str) -> bool:
        return any(c.name and re.search(c.name, text, re.IGNORECASE) for c in candidates)

    assert named(choose.target[:4], words["question"])
    assert named(choose.option, words["objection"])
    assert not any(named(choose.option, words[other]) for other in ("access", "delete", "other"))
    for value, label in (("email", "email"), ("phone", "phone"), ("text", "message")):
        assert named(steps[("fill", value)].target, words[label]), value
    assert named(steps[("review_and_submit", None)].target, words["send"])
    expect = steps[("expect", None)].target
    assert named(expect, words["done_title"]) and not named(expect, words["title"])


def test_the_review_masks_the_phone_in_the_panel_and_in_the_letter():
    letter = f"My objection concerns my WhatsApp account with the phone number {PHONE} (anna@example.org)."
    review = SubmitReview(
        "anna-whatsapp", "anna@example.org", "WhatsApp: object", "u", letter, "en", phone=E164
    )
    buffer = io.StringIO()
    Console(file=buffer, width=200, color_system=None).print(review_panel(review))
    shown = buffer.getvalue()
    assert MASKED in shown and "3456789" not in shown


# --------------------------------------------------------------------------- the practice form


@pytest.mark.browser
@pytest.mark.parametrize(
    ("markup", "language"),
    [(None, "en"), ("combobox", "de")],
    ids=["radios-en", "combobox-de"],
)
def test_the_objection_is_sent_on_the_practice_form_and_kept_by_the_server(home, markup, language):
    config = PracticeConfig(language=language, choice_markup=markup, cookie_dialog=markup is None)
    with PracticeSite(config) as site:
        result = run_practice(home, site, [whatsapp(language=language)], ["y"])
        submissions = site.submissions
    assert result.summary.exit_code == 0, result.output
    (sent,) = submissions
    (record,) = result.records()
    assert (sent.host, sent.form_id, sent.user, sent.fields["topic"]) == (
        WHATSAPP_HOST,
        FORM_ID,
        None,
        "objection",
    )
    assert sent.fields["email"] == "anna@example.org"
    assert phonenumbers.format_number(phonenumbers.parse(sent.fields["phone"]), 0) == E164
    assert (
        sent.fields["message"] == record["text"] and PHONE in record["text"] and "WhatsApp" in record["text"]
    )
    assert (
        record["outcome"] == "confirmed" and record["phone"] == E164 and record["identity_checked"] is False
    )
    (review,) = result.human.reviews
    note = "WhatsApp's form does not check who you are; the answer comes by e-mail to anna@example.org"
    assert note in review.notes and f"phone {MASKED}" in review.filled and review.shown_phone == MASKED
    assert PHONE not in review.shown_text and MASKED in review.shown_text
    assert MASKED in result.output and "3456789" not in result.output  # the terminal never shows it


@pytest.mark.browser
@pytest.mark.cli
def test_demo_sends_the_practice_whatsapp_form_with_proof(cli_env, tmp_path):
    home = tmp_path / "demo"
    result = run_cli(["demo", "--service", "whatsapp", "--home", str(home)], cli_env, stdin="y\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "received 1 form; nothing reached WhatsApp" in result.stdout
    assert MASKED in result.stdout and "does not check who you are" in result.stdout
    assert "3456789" not in result.stdout
    assert run_cli(["verify", "--home", str(home)], cli_env).returncode == 0


# --------------------------------------------------------------------------- the real command


@pytest.mark.cli
def test_a_bad_phone_in_accounts_toml_is_one_line_naming_the_field(cli_env, home):
    (home / "accounts.toml").write_text(
        account_toml(name="anna-whatsapp", platform="whatsapp", phone="01512 3456789")
    )
    line = refused_in_one_line(run_cli(["status"], cli_env))
    assert "account 1 (anna-whatsapp): field 'phone'" in line and "country code" in line


# --------------------------------------------------------------------------- WhatsApp's e-mail


def _mail(sender: str, subject: str, body: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: anna@example.org\r\nSubject: {subject}\r\n"
        "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{body}\r\n"
    ).encode()


def test_mail_check_knows_whatsapps_answer_and_keeps_it_apart_from_metas():
    answer = parse_mail(
        _mail(
            "WhatsApp Support <support@support.whatsapp.com>",
            "Re: Your request to WhatsApp",
            "Hi, thanks for contacting WhatsApp. We have received your objection to the processing "
            "of your information and will review it.",
        )
    )
    assert is_trusted_sender(answer) and is_whatsapp_answer(answer)
    assert not is_whatsapp_answer(parse_mail(_mail("x@whatsapp.example.com", "Your request", "WhatsApp")))
    meta = parse_mail(
        _mail(
            "Facebook <notification@facebookmail.com>",
            "Your objection",
            "We'll honour your objection to AI at Meta going forward.",
        )
    )
    assert is_confirmation(meta) and not is_whatsapp_answer(meta)
