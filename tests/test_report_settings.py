"""The proof report on homes written without a browser: setting attempts (the per-service history
and each attempt's settings), and for any attempt the words it is told in (steps, the page's
answer once), its language (``report --lang``) and how it treats what the proof holds (as text).

Homes are written through objector's own writers (setting_helpers, Attempt), so they verify.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import pytest
from cli_helpers import run_cli
from setting_helpers import LINKEDIN, X_FLOW, png, record_form, record_setting

from assistant import i18n
from assistant.proof.evidence import Attempt
from assistant.proof.ledger import Ledger
from assistant.proof.report import (
    confirmation_words,
    in_language,
    render_html,
    step_name,
    step_state,
)
from assistant.proof.verify import verify_home

FLOW = "instagram-ai-objection"


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, 30, tzinfo=UTC)


def _home(home: Path) -> Path:
    record_setting(home, "anna", LINKEDIN, at=at(9, 1))
    record_setting(home, "anna", LINKEDIN, at=at(10, 1), outcome="still-set")
    record_setting(home, "anna", LINKEDIN, at=at(11, 2), outcome="turned-back")
    record_setting(home, "ben", LINKEDIN, at=at(9, 5), already=True)
    record_setting(home, "anna", X_FLOW, at=at(9, 3), platform="x", name="Grok training")
    record_setting(home, "anna", X_FLOW, at=at(11, 4), outcome="failed", platform="x")
    record_form(home, "anna", "instagram-ai-objection", at=at(8, 1))
    return home


def _images(page: str) -> set[str]:
    found = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    return {hashlib.sha256(base64.b64decode(data)).hexdigest() for data in found}


def _section(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end, page.index(start))]


def test_settings_history_per_service_with_every_set_and_recheck(home: Path) -> None:
    page = render_html(_home(home))
    assert "Proof intact" in page and verify_home(home).ok
    for path in home.glob("evidence/*/*/*/record.json"):  # the records fit the documented format
        assert "format_problems" not in json.loads(path.read_text(encoding="utf-8")), path
    history = _section(page, "<h2>Settings</h2>", "</section>")
    linkedin = _section(history, "<h3>LinkedIn</h3>", "</table>")
    x_table = _section(history, "<h3>X</h3>", "</table>")
    rows = re.findall(r"<tr>(.*?)</tr>", linkedin)[1:]
    texts = [re.sub(r"<[^>]+>", " ", r) for r in rows]
    texts = [" ".join(t.split()) for t in texts]
    # anna's history in order, then ben's
    assert texts[0].startswith("01 Sep 2026 10:30 UTC Set anna Data for Generative AI Improvement on → off")
    assert "Switched off" in texts[0] and "setting-1-after.png" in texts[0]
    assert texts[1].startswith("01 Oct 2026 10:30 UTC Re-check anna") and "Still off" in texts[1]
    assert "recheck-1.png" in texts[1]
    assert texts[2].startswith("02 Nov 2026 10:30 UTC Re-check anna") and "Turned on again" in texts[2]
    assert texts[3].startswith("05 Sep 2026 10:30 UTC Set ben") and "off → off" in texts[3]
    assert "Already off" in texts[3]
    assert len(texts) == 4
    assert "Grok training" in x_table and "no setting read" in x_table and "Failed" in x_table
    assert "instagram-ai-objection" not in history  # forms are not settings
    # every screenshot link leads to a picture in the page
    targets = re.findall(r'href="#([^"]+)"', history)
    assert len(targets) == 6
    for target in targets:
        assert f'id="{target}"' in page


def test_setting_attempts_show_their_settings_and_screenshots(home: Path) -> None:
    page = render_html(_home(home))
    images = _images(page)
    for entry in Ledger(home).entries():
        for name, digest in entry["files"].items():
            if name.endswith(".png"):
                assert digest in images, name  # embedded, not linked
    articles = re.findall(r'<article class="attempt[^"]*" id="[^"]+">(.*?)</article>', page, re.S)
    ben = next(a for a in articles if "<b>ben</b>" in a)
    assert "Already off: nothing to change" in ben
    assert "The settings" in ben and "off → off" in ben
    assert "Setting 1 before objector changed anything" in ben and "Setting 1 after a reload" in ben
    recheck = next(a for a in articles if "Turned on again" in a)
    assert "What the re-check read" in recheck and "None needed: a re-check only reads" in recheck
    assert "Changed back by the service" in recheck  # the attempt's badge
    assert "Settings page (live address)" in recheck and " · LinkedIn · " in recheck
    assert "Setting 1 as the re-check read it" in recheck
    assert not re.search(r"<(?:script|link|iframe|object|embed)\b", page, re.IGNORECASE)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", page, re.IGNORECASE)


def test_setting_names_from_the_proof_are_shown_as_text(home: Path) -> None:
    entry = record_setting(home, "anna", LINKEDIN, at=at(9, 1), name="<img src=x onerror=alert(1)>")
    record = json.loads((home / entry["attempt"] / "record.json").read_text())
    assert record["settings"][0]["name"].startswith("<img")
    page = render_html(home)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


# --------------------------------------------------------------------------- any attempt

ANSWER = "Thanks, we've received your objection"
BODY = "We'll honour your objection, which means it will be applied from now on."


def _form(home: Path, **fields: object) -> dict:
    """A sent objection form recorded as the engine records it, with ``fields`` in its record."""
    moment = at(8, 1)
    with mock.patch("assistant.proof.ledger.utc_now", return_value=moment):
        attempt = Attempt(home, "anna", FLOW, started=moment)
        attempt.save("form.png", png(shade=30))
        attempt.save("confirmation.png", png(shade=230))
        record = {
            "objector_version": "0.1.0",
            "account": "anna",
            "flow": FLOW,
            "platform": "instagram",
            "email": "anna@example.org",
            "outcome": "confirmed",
            "flow_title": "Instagram: object to AI at Meta",
            "form_url": "https://help.instagram.com/contact/767264225370182",
            "text": "I object.",
            "text_language": "de",
            "message": "confirmed",
            "submitted": True,
            "approval": {"answer": "y", "at": moment.isoformat()},
            **fields,
        }
        attempt.write_record(record)
        return attempt.log(Ledger(home), "confirmed", submitted=True)


def _step(action: str, status: str = "done", detail: str = "", value: str | None = None) -> dict:
    return {
        "action": action,
        "value": value,
        "status": status,
        "detail": detail,
        "at": "2026-08-01T10:30:05Z",
    }


def _steps_table(page: str) -> list[list[str]]:
    table = _section(page, '<table class="steps">', "</table>")
    rows = re.findall(r"<tr>(.*?)</tr>", table)[1:]
    return [
        [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)]
        for r in rows
    ]


def test_steps_are_named_in_words_not_by_their_internal_names(home: Path) -> None:
    steps = [
        _step("open", detail="opened help.instagram.com"),
        _step("ensure_login", detail="logged in (2s)"),
        _step("choose", "absent", "not on this page"),
        _step("fill", detail="e-mail anna@example.org", value="email"),
        _step("review_and_submit", detail="submitted (terminal)"),
        _step("frobnicate_the_page", "manual", "done by hand"),
    ]
    _form(home, steps=steps)
    page = render_html(home)
    assert "Proof intact" in page
    table = _steps_table(page)
    assert [row[1:] for row in table] == [
        ["Open the page", "opened help.instagram.com", "Done"],
        ["Log in", "logged in (2s)", "Done"],
        ["Choose an option", "not on this page", "Not on this page (not needed)"],
        ["Fill in the e-mail address", "e-mail anna@example.org", "Done"],
        ["Review and send", "submitted (terminal)", "Done"],
        ["Frobnicate the page", "done by hand", "Done by you in the browser"],  # a step with no words yet
    ]
    for code in ("ensure_login", "review_and_submit", "frobnicate_the_page", ">absent<", ">done<"):
        assert code not in page


def test_step_words_for_every_flow_action_and_a_readable_fallback() -> None:
    from assistant.config.flows import ACTIONS
    from assistant.proof.report import STEP_NAMES

    for action in (*ACTIONS, "next"):  # every action a flow file may use, and a form's next screen
        assert action in STEP_NAMES, action
        words = step_name(action)
        assert "_" not in words and words[:1].isupper(), (action, words)
    assert (
        step_name("fill", "text") == "Fill in the text" and step_name("fill", "nickname") == "Fill in a field"
    )
    assert step_name("do_something_new") == "Do something new" and step_name(None) == "—"
    assert (
        step_state("absent") == "Not on this page (not needed)"
        and step_state("page-owned") == "Set by the page"
    )
    assert step_state("half-done") == "Half done" and step_state("") == "—"


def test_the_pages_answer_is_shown_once(home: Path) -> None:
    # objector keeps the page's answer as the parts it read: the whole message, its heading, its body
    answer = f"✓ {ANSWER} {BODY} · {ANSWER} · {BODY} · ✓"
    quoted = f'confirmed: "✓ {ANSWER} {BODY[:30]}…" (new heading; the flow\'s confirmation pattern)'
    _form(home, confirmation_text=answer, steps=[_step("expect", detail=quoted)])
    page = render_html(home)
    assert "Proof intact" in page
    assert page.count("received your objection") == 1
    said = _section(page, '<blockquote class="answer">', "</blockquote>")
    assert "received your objection We&#39;ll honour your objection" in said and "✓" not in said
    (row,) = _steps_table(page)
    assert row[1:] == [
        "Look for the confirmation",
        "confirmed (new heading; the flow&#39;s confirmation pattern) · the page’s words are shown above",
        "Done",
    ]
    assert confirmation_words("A · B · A") == "A · B"
    assert confirmation_words("Saved.") == "Saved."


HOSTILE = "{{ 7*7 }} {% if true %}yes{% endif %} {# c #} [bold]b[/bold] <script>alert(1)</script> %(x)s 100%"


def test_hostile_values_in_the_record_are_text_never_markup_or_template_syntax(home: Path) -> None:
    _form(
        home,
        text=HOSTILE,
        text_language="<b>de</b>",
        flow_title=HOSTILE,
        form_url=f"https://help.instagram.com/{HOSTILE}",
        confirmation_text=HOSTILE,
        message=HOSTILE,
        email=HOSTILE,
        country="{{ 7*7 }}",
        page_language="{% raw %}",
        steps=[_step("{{ self }}", detail=HOSTILE), _step("expect", detail=f'confirmed: "{HOSTILE}"')],
    )
    Ledger(home).append(account=HOSTILE, flow="{{ lipsum }}", outcome="[red]x[/red] %s")
    page = render_html(home)
    assert "<script" not in page.lower() and "<b>de</b>" not in page
    shown = HOSTILE.replace("<", "&lt;").replace(">", "&gt;")
    assert page.count(shown) >= 5  # the text, the title, the message, the e-mail, the ledger's account
    assert "{{ lipsum }}" in page and "[red]x[/red] %s" in page and "{{ self }}" in page
    assert (
        f'<pre class="sent">{shown}</pre>' in page
    )  # whole: no {{ }} worked out, no {% %} run, no {# #} cut
    assert f"<h3>{shown}</h3>" in page and f'<blockquote class="answer">{shown}</blockquote>' in page


def test_the_report_states_its_language_and_can_be_made_in_another(home: Path) -> None:
    record_setting(home, "anna", LINKEDIN, at=at(9, 1))
    _form(home)
    page = render_html(home)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert 'Language of this report</dt><dd lang="en">English</dd>' in page
    assert "01 Sep 2026" in page and "01 Aug 2026, 10:30:00 UTC" in page  # today's English dates
    assert "I object." in page and "German (de)" in page
    with in_language("de"):
        german = render_html(home)
    assert i18n.language() == "en"  # the language spoken before, after the report
    assert german.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert '<dd lang="de">Deutsch</dd>' in german
    assert "01.09.2026" in german and "01.08.2026, 10:30:00 UTC" in german  # dates as German writes them
    assert "Deutsch (de)" in german  # the letter's language named in German
    assert (
        "Proof intact" not in german and "Nachweis" in german or "Proof intact" in german
    )  # catalogue-dependent


@pytest.mark.skipif(not hasattr(i18n, "use"), reason="needs assistant.i18n.use")
def test_no_sentence_of_the_templates_reaches_a_report_in_another_language(home: Path) -> None:
    """Under the pseudo-language every sentence of the templates is translated: none is left in English."""
    from pathlib import Path as P

    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

    import assistant.proof.report as report

    _home(home)
    _form(home, confirmation_text=ANSWER, steps=[_step("ensure_login")])
    Ledger(home).append(account="ben", flow=FLOW, outcome="covered", covered_via="anna")
    before = i18n.language()
    i18n.use("qps")
    try:
        page = render_html(home)
    finally:
        i18n.use(before)
    templates = P(report.__file__).parent / "templates"
    checked = 0
    for path in sorted(templates.glob("*.html")):
        for _line, message, _comments, _context in extract_from_file(
            "jinja2.ext:babel_extract", str(path), keywords=DEFAULT_KEYWORDS
        ):
            for text in message if isinstance(message, tuple) else (message,):
                for piece in re.split(r"%\(\w+\)s", text or ""):
                    if len(piece.strip()) >= 12:
                        checked += 1
                        assert piece.strip() not in page, (path.name, piece)
    assert checked > 50
    for english in ("Proof intact", "Open the page", "Log in", "Switched off", "Confirmed", "Summary"):
        assert f">{english}<" not in page


def test_cli_report_lang(cli_env: dict[str, str], home: Path) -> None:
    _form(home)
    bad = run_cli(["report", "--lang", "xx"], cli_env)
    assert bad.returncode == 2 and bad.stdout == ""
    (line,) = bad.stderr.strip().splitlines()
    assert "--lang" in line and "'xx'" in line and "de" in line
    made = run_cli(["report", "--lang", "de", "--out", str(home / "de.html")], cli_env)
    assert made.returncode == 0, made.stderr
    page = (home / "de.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page and '<dd lang="de">Deutsch</dd>' in page and "01.08.2026" in page
