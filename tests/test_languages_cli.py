"""The first hour in the person's language, through the real ``objector`` command: the wizard on a
terminal, a practice run with its review and the language's own "yes", ``status``, ``doctor`` and
the report, in German, Polish and Greek; then every language's prompts and ``status`` within 80
columns, and the pseudo-language showing that no English message reaches the screen.

What the screen should say is read from the catalogues themselves (``speaking``), so the tests
follow the translations as they improve; they fail when a message is shown in English instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from cli_helpers import account_toml, run_cli
from rich.cells import cell_len
from test_status_view import six_accounts
from test_wizard_terminal import Terminal

from assistant import i18n
from assistant.i18n.answers import MYSELF, NO, YES, answers
from assistant.i18n.languages import PSEUDO, SUPPORTED
from assistant.letters.text import reason_label
from assistant.practice import PracticeConfig, PracticeSite

pytestmark = pytest.mark.cli

#: the languages the first hour is run in, and the key each one types for "yes"
FIRST_HOUR = {"de": "j", "pl": "t", "el": "ν"}
LANGUAGES = [code for code in SUPPORTED if code not in ("en", PSEUDO)]
FAST = PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0.3)


@contextmanager
def speaking(code: str) -> Iterator[Callable[..., str]]:
    """``_`` in ``code`` for the duration (the test process's own language is restored after)."""
    before, why = i18n.language(), i18n.choice()
    i18n.use(code)
    try:
        yield i18n._
    finally:
        i18n.use(before, why)


def literal(text: str) -> str:
    """The longest part of a message that is the same whatever its placeholders hold."""
    return max(re.split(r"\{[^{}]*\}", text), key=len).strip()


@pytest.mark.browser
@pytest.mark.parametrize("code", list(FIRST_HOUR))
def test_the_first_hour_in_german_polish_and_greek(cli_env, home, tmp_path, code):
    yes = FIRST_HOUR[code]
    env = {**cli_env, "OBJECTOR_UI_LANGUAGE": code, "OBJECTOR_COUNTRY": "DE"}
    with speaking(code) as _:
        # the wizard on a terminal: its questions in the language, saved with the language's yes
        wizard = Terminal(env, tmp_path / "wizard.txt")
        checklist = _(
            "All your accounts at once: numbers or names, separated by spaces (a number twice: two accounts)"
        )
        wizard.answer(literal(checklist), "1\n")
        wizard.answer(literal(_("The e-mail address of that account")), "anna@example.org\n")
        username = _("Its {service} username or profile link (Enter to skip; it helps Meta find it)")
        wizard.answer(literal(username), "anna.k\n")
        wizard.answer(literal(_("Your full name, to sign the letter (Enter to skip)")), "\n")
        wizard.answer(literal(_("A short name for it (only for you)")), "\n")
        wizard.answer(literal(_("Country you live in (name or code, e.g. Germany or DE)")), "\n")
        wizard.answer(literal(_("Language of the objection text ({codes})")), f"{code}\n")
        wizard.answer(literal(_("Numbers separated by spaces, or Enter for none")), "\n")
        save = _("  Save it?").strip()
        wizard.answer(save, f"{yes}\n")
        assert wizard.close() == 0, wizard.output()
        shown = wizard.output()
        assert f"[{yes.upper()}/" in shown and "Save it?" not in shown, shown  # Enter: yes
        assert reason_label("children", code) in shown  # the reasons offered in the language too
        assert (home / "accounts.toml").is_file()

        # a practice run: the review and the question in the language, answered with its yes
        with PracticeSite(FAST) as site:
            run_env = {**env, "OBJECTOR_SITE_MAP": site.site_map}
            run = run_cli(["run"], run_env, stdin=f"perhaps\n{yes}\n")
            assert run.returncode == 0, run.stdout + run.stderr
            assert len(site.confirmed) == 1
            submit = _("Submit now? {yes} submit  {no} skip this account  {myself} I'll click Send myself")
            assert literal(submit) in run.stdout and "Submit now?" not in run.stdout
            assert f"[{yes}]" in run.stdout
            assert _("  Please answer {keys}.").split("{")[0].strip() in run.stdout  # asked again
            summary = _("Summary: {done} confirmed ({earlier} earlier) · {skipped} skipped · {failed} failed")
            assert summary.format(done=1, earlier=0, skipped=0, failed=0) in run.stdout

            status = run_cli(["status"], run_env)
            assert status.returncode == 0, status.stderr
            assert _("Objections and settings") in status.stdout
            assert i18n.pgettext("outcome", "confirmed") in status.stdout

        doctor = run_cli(["doctor"], env, timeout=120)
        assert "Traceback" not in doctor.stderr, doctor.stderr
        (line,) = [line for line in doctor.stdout.splitlines() if f"({code})" in line]
        assert line.startswith(f"✓ {_('language')}"), line
        assert f"{i18n.language_name(code)} ({code})" in line and f"OBJECTOR_UI_LANGUAGE={code}" in line

        report = run_cli(["report", "--out", str(tmp_path / "report.html")], env)
        assert report.returncode == 0, report.stderr
        page = (tmp_path / "report.html").read_text(encoding="utf-8")
        assert f'<html lang="{code}"' in page and _("Language of this report") in page

    # the proof stays language-neutral
    ledger = (home / "ledger.jsonl").read_text(encoding="utf-8")
    assert '"outcome": "confirmed"' in ledger or '"outcome":"confirmed"' in ledger


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_questions_before_acting_fit_80_columns(code):
    """The approval questions with the language's keys fit one line of an 80-column terminal."""
    with speaking(code) as _:
        valid = answers(YES, NO, MYSELF)
        keys = {"yes": f"[{valid.key(YES)}]", "no": f"[{valid.key(NO)}]", "myself": f"[{valid.key(MYSELF)}]"}
        for message, more in (
            ("Submit now? {yes} submit  {no} skip this account  {myself} I'll click Send myself", {}),
            ("Switch it {state} now? {yes} switch  {no} leave it  {myself} I'll switch it myself",
             {"state": i18n.pgettext("setting state", "OFF")}),
        ):  # fmt: skip
            line = _(message).format(**keys, **more)
            assert cell_len(line) <= 80, (code, cell_len(line), line)


@pytest.mark.parametrize("code", LANGUAGES)
def test_status_in_every_language_fits_80_columns_without_cutting(cli_env, home, code):
    six_accounts(home)
    out = run_cli(["status"], {**cli_env, "OBJECTOR_UI_LANGUAGE": code, "COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    # the home line and the time-stamp note are sentences the terminal wraps (a command in them must
    # paste whole); the layout is everything between
    lines = [line for line in out.stdout.splitlines()[1:] if "objector stamp" not in line]
    assert max(cell_len(line) for line in lines) <= 80, out.stdout
    assert "…" not in out.stdout  # no name, outcome or date cut short
    with speaking(code) as _:
        assert _("Objections and settings") in out.stdout and _("not yet") in out.stdout


def english_fragments() -> set[str]:
    """Every literal part of three words or more of objector's own messages (the template)."""
    from babel.messages.pofile import read_po

    from assistant.i18n.catalogues import LOCALES

    with (LOCALES / "objector.pot").open("rb") as source:
        catalogue = read_po(source)
    found: set[str] = set()
    for message in catalogue:
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            for part in re.split(r"\{[^{}]*\}|%\(\w+\)s|%s|\[/?[a-z ]*\]", text or ""):
                part = part.strip(" .,:;·—()'\"“”\n")
                if len(part.split()) >= 3:
                    found.add(part)
    return found


@pytest.mark.browser
def test_under_the_pseudo_language_no_english_message_reaches_the_screen(cli_env, home, tmp_path):
    """A practice run with its review, status, doctor and verify in ``qps``: every message is
    drawn from the catalogue, so none of objector's English sentences may show up."""
    (home / "accounts.toml").write_text(account_toml(language="en"), encoding="utf-8")
    env = {**cli_env, "OBJECTOR_UI_LANGUAGE": PSEUDO}
    with PracticeSite(FAST) as site:
        env = {**env, "OBJECTOR_SITE_MAP": site.site_map}
        outputs = [run_cli(["run"], env, stdin="y\n")]
        assert len(site.confirmed) == 1, outputs[0].stdout
        outputs += [run_cli(args, env) for args in (["status"], ["verify"], ["accounts", "list"], ["flows"])]
    text = "\n".join(result.stdout + result.stderr for result in outputs)
    # the letter and the pages' own words are data, not objector's messages
    text = re.sub(r"(?s)│.*?│", "", text)
    leaked = sorted(fragment for fragment in english_fragments() if fragment in text)
    assert not leaked, leaked[:20]
