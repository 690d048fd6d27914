"""The server's state is the judge: drawn pages, the real engine, and the practice site's own record.

Hypothesis draws combinations of the practice site's page behaviours (``practice/behaviours.py``:
slow paint, placeholders, save buttons, read-only fields, limits, forms in steps, challenges,
expired sessions, chrome in languages no flow names, alert banners, …), a service and a page
language; each drawn page gets one real run in headless Chromium with a person who says yes to
everything (in half of the draws, one who also does by hand what they are asked),
and ``practice/judge.py`` holds the run's proof against what the server kept. The
seed is fixed (``derandomize``): the same pages every run, so a failure here is reproducible;
``bench/mutations.py`` draws many more with fresh seeds.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutation_helpers import FORM, SETTINGS, draw_page, run_drawn

from assistant.practice import PracticeConfig, PracticeSite
from assistant.practice.behaviours import CATALOGUE, behaviours_for
from assistant.practice.chrome import CHROME_LANGUAGES, CHROME_TEXTS, decorate
from assistant.practice.judge import judge_form

#: drawn pages per test below (three tests, spread over the workers); bench/mutations.py runs more
EXAMPLES = 2
DRAWN = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _check(kind: str, seed: int, held_out: bool) -> None:
    page = draw_page(random.Random(seed), kind, held_out=held_out)
    verdict = run_drawn(page)
    assert verdict.held, (
        f"{page} (seed {seed}, held_out={held_out}):\n"
        + "\n".join(f"- {b}" for b in verdict.broken)
        + f"\noutcomes {verdict.outcomes}\n{verdict.output[-3000:]}"
    )


@pytest.mark.browser
@DRAWN
@given(seed=st.integers(0, 2**32 - 1))
def test_drawn_forms_keep_every_promise(seed):
    _check(FORM, seed, held_out=False)


@pytest.mark.browser
@DRAWN
@given(seed=st.integers(0, 2**32 - 1))
def test_drawn_pages_with_held_out_behaviours_keep_every_promise(seed):
    """Forms and settings pages in turn, their behaviours drawn from all values, held-out ones too."""
    _check(FORM if seed % 2 else SETTINGS, seed, held_out=True)


@pytest.mark.browser
@DRAWN
@given(seed=st.integers(0, 2**32 - 1))
def test_drawn_settings_pages_keep_every_promise(seed):
    _check(SETTINGS, seed, held_out=False)


# ------------------------------------------------------------------ the catalogue and the judge


def test_every_behaviour_in_the_catalogue_is_a_valid_practice_setting():
    for behaviour in CATALOGUE.values():
        for value in behaviour.choices(held_out=True):
            PracticeConfig(**{behaviour.field: value})  # raises for a value the site does not know
        assert behaviour.pages and behaviour.why, behaviour.field
    assert behaviours_for(FORM) and behaviours_for(SETTINGS)


def test_chrome_exists_in_every_eu_language_and_norwegian_and_icelandic():
    eu = "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv".split()
    assert set(CHROME_LANGUAGES) == {*eu, "no", "is"}
    page = b"<html><body class='x'><main>form</main></body></html>"
    for language in CHROME_LANGUAGES:
        html = decorate(page, language, "static").decode()
        assert CHROME_TEXTS[language][3] in html and 'role="alert"' in html and "<main>form</main>" in html
    assert decorate(page, None, None) == page


class _Kept:
    def __init__(self, reason: str) -> None:
        self.fields = {"reason": reason}


class _Site:
    """A stand-in for the practice site's record, to try the judge on states nobody can produce
    with a correct engine."""

    def __init__(self, kept: list[_Kept], touched: list[dict] | None = None) -> None:
        self.confirmed = self.submissions = kept
        self.touched = touched or []
        self.foreign_hits: list[dict] = []


def test_the_judge_names_a_confirmation_the_server_never_kept():
    broken = judge_form(_Site([]), [{"outcome": "confirmed", "text": "x"}], seconds=1, bound=10)  # type: ignore[arg-type]
    assert [b.invariant for b in broken] == ["nothing kept ⇒ never confirmed"]


def test_the_judge_names_other_text_two_submissions_typing_and_time():
    site = _Site([_Kept("I object."), _Kept("I object.")], touched=[{"kind": "read-only"}])
    record = {"outcome": "confirmed", "text": "I object, shortened", "submitted": True}
    broken = {b.invariant for b in judge_form(site, [record], seconds=99, bound=10)}  # type: ignore[arg-type]
    assert broken == {
        "one submission at most",
        "confirmed ⇒ kept once",
        "typed only where it may",
        "ends within its bound",
    }
    site = _Site([_Kept("I object.\r\nThanks ")])
    sent = {"outcome": "confirmed", "submitted": True}
    assert judge_form(site, [{**sent, "text": "I object.\nThanks"}], seconds=1, bound=10) == []  # type: ignore[arg-type]
    assert judge_form(site, [{**sent, "text": "Other."}], seconds=1, bound=10)  # type: ignore[arg-type]


def test_the_judge_names_a_kept_form_recorded_as_not_sent():
    """A site notice taken for an error after Send: the server kept the form, the record says
    rejected (not sent), and a plain next run would send it a second time."""
    site = _Site([_Kept("I object.")])
    record = {"outcome": "rejected", "submitted": False, "text": "I object."}
    broken = judge_form(site, [record], seconds=1, bound=10)  # type: ignore[arg-type]
    assert [b.invariant for b in broken] == ["kept ⇒ recorded as sent"]


@pytest.mark.browser
def test_typing_into_a_box_the_page_owns_reaches_the_server(browser):
    """The judge's eyes: a real key into the chrome's search box or a read-only box is reported;
    a key into an ordinary box and the page's own scripts are not."""
    with PracticeSite(PracticeConfig(chrome_language="fi", alert_banner="late", cookie_dialog=False)) as site:
        context = browser.new_context()
        page = context.new_page()
        try:
            page.goto(site.url("https://help.instagram.com/contact/767264225370182"))
            page.get_by_role("alert").wait_for(timeout=5000)  # the late banner
            page.evaluate(
                "() => { const i = document.createElement('input'); i.readOnly = true; i.id = 'owned';"
                " const j = document.createElement('input'); j.id = 'free';"
                " document.body.append(i, j); i.dispatchEvent(new KeyboardEvent('keydown')); }"
            )
            page.get_by_placeholder("Hae ohjekeskuksesta").press_sequentially("ai")
            page.locator("#owned").press("a")
            page.locator("#free").press_sequentially("fine")
            page.wait_for_timeout(300)
        finally:
            context.close()
        kinds = sorted({(t["kind"], t["name"]) for t in site.touched})
        assert kinds == [("chrome", "q"), ("read-only", "owned")], site.touched


@pytest.mark.browser
def test_a_site_notice_after_send_is_not_the_pages_answer():
    """Found by a drawn page (seed 904 with drift 'in-place'): a maintenance notice (role=alert)
    drawn at the top of the page after Send was read as the form's error, so the attempt was
    recorded as rejected (not sent) while the server kept it, and a plain next run would have sent
    it again. An alert away from the form counts only when its words say something failed."""
    from mutation_helpers import DrawnPage

    page = DrawnPage(
        FORM,
        "facebook",
        "sv",
        {"alert_banner": "late", "drift": "in-place", "submit_delay": 1.5, "choice_markup": "buttons"},
    )
    verdict = run_drawn(page)
    assert verdict.held, [str(b) for b in verdict.broken]
    assert verdict.outcomes == ["confirmed"], verdict.output[-1500:]


@pytest.mark.browser
def test_a_shared_card_switched_by_a_careful_person_on_every_blog_is_confirmed_and_held():
    """Found by a drawn page (seed 7304, with the person who does what they are asked): on Tumblr's
    blogs, each switch in a card shared with another setting, saved by a sticky bar. objector
    cannot tell the switches apart, so the person switches each blog's by hand; it reads after
    the reload the one they used, and the server holds what the record says."""
    from mutation_helpers import DrawnPage

    page = DrawnPage(
        SETTINGS,
        "tumblr",
        "de",
        {"chrome_language": "pl", "setting_markup": "shared-card", "setting_save": "sticky-bar"},
        careful=True,
    )
    verdict = run_drawn(page)
    assert verdict.held, [str(b) for b in verdict.broken]
    assert verdict.outcomes == ["confirmed"], verdict.output[-1500:]
