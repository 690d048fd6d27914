"""Choosing an answer in whatever markup the page offers: a native list, radios, buttons, a list that
opens on a click, or a typeahead (the country)."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from ..config.flows import Candidate, ChooseStep
from ..i18n import N_, _
from .common import Said, _clip
from .guide import by_hand, missing, not_found
from .locate import Found, element_kind, find, visible_now
from .page_scripts import (
    LABEL_OF_JS,
    NAME_OF_JS,
)
from .waiting import browser_gone, poll_until

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from .run import FlowRun


def choose(run: FlowRun, step: ChooseStep) -> None:
    found = run.find(step, default_timeout=run.settings.step_timeout)
    if step.value == "country":
        names = _country_names(run.account.country, run.page_language())
        if found is not None:
            name = _choose_country(run, found.locator, names)
            if name is not None:
                run.done(step, Said(N_("country {name}"), name=name))
                return
        elif step.optional:
            missing(run, step)
            return
        by_hand(
            run,
            step,
            # TRANSLATORS: {country} is a country's name, {what} names the field in the flow's words
            _("Choose {country} in {what} in the browser window, then press Enter here.").format(
                country=names[0], what=step.describe or _("the country field")
            ),
            detail=Said(N_("country {name}"), name=names[0]),
        )
        return
    assert step.option
    if found is None:
        not_found(
            run,
            step,
            _("Choose {what} in the browser window, then press Enter here.").format(
                what=step.describe or _("the right option")
            ),
            detail=Said(N_("option chosen")),
        )
        return
    question = _question_of(run, found.locator) if element_kind(found.locator)["tag"] != "select" else ""
    chosen = _pick(run, found.locator, step.option)
    if chosen is None:
        by_hand(
            run,
            step,
            _("Choose {what} in the browser window, then press Enter here.").format(
                what=step.describe or _("the right option")
            ),
            detail=Said(N_("option chosen")),
        )
        return
    _press_next(run, step)
    answer, asked = _clip(chosen, 60), _clip(question, 70)
    if chosen and question:
        # TRANSLATORS: {answer} is the option chosen, {question} the question, both as the page says them
        run.done(step, Said(N_("chose “{answer}” for “{question}”"), answer=answer, question=asked))
    elif chosen:
        run.done(step, Said(N_("chose “{answer}”"), answer=answer))
    elif question:
        run.done(step, Said(N_("option chosen for “{question}”"), question=asked))
    else:
        run.done(step, Said(N_("option chosen")))


def _question_of(run: FlowRun, field_: Locator) -> str:
    """The words that ask the question: the field's label, else its first line of text."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        label = field_.evaluate(LABEL_OF_JS)
        if not label:
            label = next(iter((field_.inner_text(timeout=500) or "").strip().splitlines()), "")
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
        return ""  # the question went away with the answer
    return " ".join(str(label).split())


def _pick(run: FlowRun, field_: Locator, options: list[Candidate]) -> str | None:
    """Choose the option in whatever markup the page uses; returns its label.

    A ``<select>``; radios, buttons or options inside the field or near it (a radio group, a
    question followed by Yes/No buttons, a listbox); or a combobox whose list opens on a click.
    """
    kind = run.not_a_password(field_, "the list")
    if kind["tag"] == "select":
        return _select_matching(run, field_, options)
    scopes = [field_, *(field_.locator(f"xpath=ancestor::*[{n}]") for n in (1, 2, 3))]
    for scope in scopes[1:]:  # a question whose answer is a native list next to it
        select = visible_now(scope, [Candidate(css="select")])  # type: ignore[arg-type]
        chosen = _select_matching(run, select.locator, options) if select is not None else None
        if chosen is not None:
            return chosen
    for scope in scopes:
        option = visible_now(scope, _option_candidates(options))  # type: ignore[arg-type]
        if option is not None:
            return _click_option(run, option.locator)
    if kind["role"] in ("combobox", "button") or kind["tag"] in ("input", "button"):
        run.click(field_, N_("open the list"))
        option = find(run.page, [c for c in _option_candidates(options) if c.role == "option"], 3)
        if option is not None:
            return _click_option(run, option.locator)
    return None


def _click_option(run: FlowRun, option: Locator) -> str:
    """Click an option; returns its name, read before the click (the question may go with it)."""
    name = " ".join(str(option.evaluate(NAME_OF_JS) or "").split())
    run.click(option, N_("choose an option"))
    return name


def _press_next(run: FlowRun, step: ChooseStep) -> None:
    """After choosing: press the question's Next/Continue, while the question is still shown.

    When the answer itself took the question away (Yes/No buttons), a Next shown now is the
    form's own (a form in steps), not the question's: it is left for the form's screens."""
    if not step.next:
        return  # only a question asked before the form has a Next of its own
    from .screens import next_target

    target, nexts = step.target, [*step.next, *next_target(run)]  # the flow's words, then the engine's

    def look() -> Found | bool | None:
        if visible_now(run.page, target) is None:
            return False  # the question went with the answer
        return visible_now(run.page, nexts)

    button = poll_until(run.page, 2, look)
    if isinstance(button, Found):  # otherwise the answer itself opened the form (or there is no Next)
        run.click(button.locator, N_("go on to the form"))


def _select_matching(run: FlowRun, select: Locator, options: list) -> str | None:  # list[Candidate]
    """In a native select, the first option whose text matches a candidate's name."""
    run.not_a_password(select, "the list")
    texts = select.evaluate("el => Array.from(el.options).filter(o => o.value).map(o => o.text.trim())")
    for candidate in options:
        pattern = candidate.name or candidate.text or candidate.label
        if pattern is None:
            continue
        for text in texts:
            if re.search(pattern, text, re.IGNORECASE):
                run.guard(N_("choose an option"))
                select.select_option(label=text)
                return text
    return None


def _choose_country(run: FlowRun, field_: Locator, names: list[str]) -> str | None:
    """Pick the country in a select or a typeahead; None when the page offers no match."""
    code = run.account.country
    run.guard(N_("choose the country"))
    kind = run.not_a_password(field_, "the country field")
    if kind["tag"] == "select":
        options = field_.evaluate("el => Array.from(el.options).map(o => [o.value, o.text.trim()])")
        for value, text in options:
            if value.upper() == code or text in names:
                field_.select_option(value=value)
                return text
        return None
    if kind["tag"] not in ("input", "textarea") and kind["editable"] != "true":
        # a list that opens on a click (a button or an ARIA combobox): pick the country by name
        names_re = "|".join(re.escape(n) for n in names)
        return _pick(run, field_, [Candidate(role="option", name=rf"^\s*({names_re})\s*$")])
    for name in names:
        field_.click()
        field_.fill(name)
        pattern = re.compile(r"^\s*" + re.escape(name) + r"\s*$", re.IGNORECASE)
        option = run.page.get_by_role("option", name=pattern).first
        if poll_until(run.page, 3, partial(_shown, option), every_ms=150):
            run.click(option, N_("choose the country"))
            return name
    field_.fill("")
    return None


_OPTION_ROLES = ("radio", "option", "button", "menuitemradio", "tab", "link")


def _option_candidates(options: list[Candidate]) -> list[Candidate]:
    """The flow's options, then the same names in every role an option can take on a page."""
    out = list(options)
    for candidate in options:
        name = candidate.name or candidate.text or candidate.label
        if name is None:
            continue
        for role in _OPTION_ROLES:
            extra = Candidate(role=role, name=name)
            if extra not in out:
                out.append(extra)
        label = Candidate(label=name)
        if label not in out:
            out.append(label)
    return out


def _country_names(code: str, page_language: str) -> list[str]:
    from babel import Locale, UnknownLocaleError

    names: list[str] = []
    for lang in (page_language.replace("-", "_"), "en"):
        if not lang:
            continue
        try:
            name = Locale.parse(lang).territories.get(code)
        except (ValueError, UnknownLocaleError):
            continue
        if name and name not in names:
            names.append(name)
    return names or [code]


def _shown(locator: Locator) -> bool | None:
    """True once ``locator`` is visible, else None (a probe for ``poll_until``)."""
    return True if locator.is_visible() else None
