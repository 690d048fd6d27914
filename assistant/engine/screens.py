"""Forms in steps: a first screen asks for some fields, a "Next" button shows the others and Send
(on the same page, or on a second page of the form's own hosts).

One mechanism for every flow, not a step of its own: when a step of a form looks for something
that is not on the current screen, and the page shows a Next-like button instead (and no Send),
what this screen shows of the later steps is filled first, Next is pressed, and the step looks
again on the next screen; optional steps that were absent before are looked for again there. A
Next is never a Send: a button whose name is the flow's Send is never pressed here, and a button
whose words are not on the list below is never pressed at all (the step falls back to guidance).
Each move is recorded in the attempt's steps, with a screenshot of the screen it left.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from ..config.flows import Candidate, Step
from ..i18n import N_, _
from ..proof.ledger import iso, utc_now
from .capture import full_page_screenshot
from .common import Said, _clip, shown
from .locate import Found, visible_now
from .page_scripts import NAME_OF_JS
from .waiting import browser_gone, poll_until, until_still

if TYPE_CHECKING:
    from playwright.sync_api import ElementHandle, Locator

    from .run import FlowRun

#: the words of a button that goes on to a form's next screen, in the languages of the EU and a few
#: more; a button is Next-like only when its whole name is one of them (an arrow may follow)
NEXT_WORDS: tuple[str, ...] = (
    "next", "continue", "next step",
    "weiter", "fortfahren",
    "suivant", "continuer",
    "avanti", "continua", "prosegui",
    "siguiente", "continuar",
    "volgende", "doorgaan", "verder",
    "dalej", "następny", "kontynuuj",
    "próximo", "seguinte",
    "nästa", "fortsätt",
    "næste", "fortsæt",
    "neste", "fortsett", "áfram",
    "seuraava", "jatka",
    "další", "pokračovat", "ďalej", "pokračovať",
    "tovább", "következő",
    "următorul", "continuă",
    "επόμενο", "συνέχεια",
    "следващ", "продължи",
    "naprej", "nadaljuj", "sljedeće", "nastavi",
    "järgmine", "jätka", "tālāk", "turpināt", "toliau", "tęsti",
    "li jmiss", "kompli", "ar aghaidh",
)  # fmt: skip
NEXT_NAME = r"^\s*(" + "|".join(re.escape(w) for w in NEXT_WORDS) + r")\s*[›»→>]*\s*$"

#: what may be filled on a screen before it is left (the steps that put a value into the form)
FILLING = ("fill", "choose", "check", "upload")
MAX_MOVES = 5  # a form with more screens than this is not a form objector walks through alone


def next_target(run: FlowRun, *, links: bool = True) -> list[Candidate]:
    """The Next-like buttons: the engine's words on a button or (``links``) on a link styled as
    one, then any the flow names for a question's Next."""
    target = [Candidate(role="button", name=NEXT_NAME)]
    if links:
        target.append(Candidate(role="link", name=NEXT_NAME))
    for step in run.flow.steps:
        for candidate in getattr(step, "next", None) or []:
            if candidate not in target:
                target.append(candidate)
    return target


def target_of(run: FlowRun, step: Step) -> list[Candidate]:
    """What a step looks for: the form's wait also takes a first screen as the form, by its Next or
    by one of the form's own text boxes (a first screen whose Next says words objector does not
    know is still the form: it is not waited for twice, at this address and the other). A Next
    drawn as a link does not make a page the form: a page between the login and the form may have
    a "Continue" link of its own."""
    assert step.target
    if step.action == "wait" and run.flow.kind == "form":
        return [*step.target, *next_target(run, links=False), *_form_boxes(run)]
    return step.target


def _form_boxes(run: FlowRun) -> list[Candidate]:
    """The text boxes the form's steps fill, by role and name (never a label, placeholder or CSS
    alone, which other pages can match too)."""
    boxes: list[Candidate] = []
    for step in _form_steps(run):
        for candidate in step.target or []:
            if candidate.role == "textbox" and candidate.name and candidate not in boxes:
                boxes.append(candidate)
    return boxes


def _name(locator: Locator) -> str:
    return " ".join(str(locator.evaluate(NAME_OF_JS) or "").split())


def next_like(locator: Locator) -> bool:
    return re.search(NEXT_NAME, _name(locator), re.IGNORECASE) is not None


def _send_target(run: FlowRun) -> list[Candidate]:
    submit = run.flow.submit_step
    return list(submit.target or []) if submit is not None else []


def is_send(run: FlowRun, locator: Locator) -> bool:
    """Whether the button's name is one of the flow's Send names: such a button is never a Next."""
    name = _name(locator)
    return any(
        c.role is not None and c.name is not None and re.search(c.name, name, re.IGNORECASE)
        for c in _send_target(run)
    )


def behind_next(run: FlowRun) -> bool:
    """Whether the page shows a Next-like button and not the flow's Send (for ``objector check``,
    which presses nothing: a step it does not find may be on the form's next screen)."""
    button = visible_now(run.page, next_target(run))
    if button is None or is_send(run, button.locator):
        return False
    send = visible_now(run.page, _send_target(run))
    return send is None or next_like(send.locator)


def find_on_screens(run: FlowRun, step: Step, timeout: float) -> Found | None:
    """``step``'s target on this screen, or on a later one reached through Next; None when neither
    shows within ``timeout`` (each new screen gets the whole ``timeout`` again)."""
    assert step.target
    deadline = time.monotonic() + timeout
    while True:
        seen = poll_until(run.page, max(0.0, deadline - time.monotonic()), lambda: _look(run, step))
        if seen is None:
            return None
        kind, found = seen
        if kind == "target":
            return found
        until_still(run.page, 1.0, since=run.acted_at, shown_only=True)  # not a screen still drawing
        again = _look(run, step)
        if again is not None and again[0] == "target":
            return again[1]
        if again is None or not move_on(run, step, again[1]):
            return None
        deadline = time.monotonic() + timeout


def _look(run: FlowRun, step: Step) -> tuple[str, Found] | None:
    """("target", …) when the step's target shows; ("next", …) when it does not but a Next does and
    the flow's Send does not; else None. On the Send step a Next-like match (a submit button of
    the first screen's form) is not the Send."""
    assert step.target
    found = visible_now(run.page, step.target)
    is_submit = step is run.flow.submit_step
    if found is not None and not (is_submit and next_like(found.locator)):
        return "target", found
    if run.screen_moves >= MAX_MOVES:
        return None
    button = visible_now(run.page, next_target(run))
    if button is None or is_send(run, button.locator):
        return None
    send = visible_now(run.page, _send_target(run)) if not is_submit else None
    if send is not None and not next_like(send.locator):
        return None  # the form's Send is on screen: there is no next screen to go to
    return "next", button


def move_on(run: FlowRun, step: Step, button: Found) -> bool:
    """Fill what this screen shows of the later steps, then press Next; False when, after that,
    pressing is no longer right (the step's target or the Send showed, or the button went)."""
    fill_this_screen(run, step)
    seen = _look(run, step)
    if seen is None or seen[0] == "target":
        return seen is not None
    button = seen[1]
    name = _name(button.locator)
    run.screen_moves += 1
    run.save(f"form-screen-{run.screen_moves}.png", full_page_screenshot(run.page))
    pressed = button.locator.element_handle()
    run.click(button.locator, N_("go on to the form's next screen"))
    _settle(run)
    run.guard(N_("go on with the form"))
    if _still_shown(pressed):  # the page kept this screen (a field it wants is empty): not again
        run.steps_done.append(
            {
                "action": "next",
                "value": None,
                "status": "absent",
                "detail": f"pressed “{_clip(name, 40)}”, but the page stayed on this screen",
                "at": iso(utc_now()),
            }
        )
        # TRANSLATORS: {button} is the button's name on the page
        run.reporter.warn(
            _("pressed “{button}”, but the form stayed on this screen").format(button=_clip(name, 40))
        )
        return False
    # TRANSLATORS: {number} counts the form's screens (2, 3, …), {button} is the button's name on the page
    detail = Said(
        N_("went on to the form's screen {number} (pressed “{button}”)"),
        number=run.screen_moves + 1,
        button=_clip(name, 40),
    )
    run.steps_done.append(
        {"action": "next", "value": None, "status": "done", "detail": detail, "at": iso(utc_now())}
    )
    run.form_still, run.acted_at = False, time.monotonic()
    run.reporter.ok(shown(detail))
    look_again_for_absent(run, step)
    return True


def _still_shown(pressed: ElementHandle | None) -> bool:
    """Whether the Next just pressed is still on screen (its document kept, itself visible)."""
    from playwright.sync_api import Error as PlaywrightError

    if pressed is None:
        return False
    try:
        return pressed.is_visible()
    except PlaywrightError as exc:  # its document went away: the form went on to another page
        if browser_gone(exc):
            raise
        return False


def _settle(run: FlowRun) -> None:
    """After Next: the next screen is drawn (or the next page loaded) before anything is looked for."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        run.page.wait_for_load_state("domcontentloaded", timeout=10_000)
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
    until_still(run.page, 2.0, since=time.monotonic(), shown_only=True)


def _form_steps(run: FlowRun) -> list[Step]:
    """The steps between the form's wait and its Send, which put values into the form."""
    steps = list(run.flow.steps)
    first = next((i for i, s in enumerate(steps) if s.action == "wait"), 0)
    end = next((i for i, s in enumerate(steps) if s.action == "review_and_submit"), len(steps))
    return [s for s in steps[first + 1 : end] if s.action in FILLING and s.target]


def _index(run: FlowRun, step: Step) -> int:
    return next(i for i, s in enumerate(run.flow.steps) if s is step)


def _run_step(run: FlowRun, step: Step) -> None:
    from .run import step_handler

    run.observer.before_step(run, step)
    step_handler(step.action)(run, step)
    run.observer.after_step(run, step)


def fill_this_screen(run: FlowRun, current: Step) -> None:
    """Before leaving a screen: the later steps whose targets this screen shows are done now (and
    skipped when the run reaches them), so nothing shown here is left behind."""
    at = _index(run, current)
    for step in (s for s in _form_steps(run) if _index(run, s) > at):
        if id(step) in run.done_ahead or step.target is None:
            continue
        if visible_now(run.page, step.target) is None:
            continue
        run.done_ahead.add(id(step))
        _run_step(run, step)


def look_again_for_absent(run: FlowRun, current: Step) -> None:
    """After a move: the earlier optional steps that were not on the screen before and show now."""
    at = _index(run, current)
    for step in (s for s in _form_steps(run) if _index(run, s) < at):
        if run.step_statuses.get(id(step)) != "absent" or step.target is None:
            continue
        if visible_now(run.page, step.target) is not None:
            _run_step(run, step)
