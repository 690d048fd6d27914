"""Settings: read a switch, show the change, switch it on the person's word, and check it held.

A ``setting`` step finds one control (a switch, a checkbox, a radio, or a button that shows its
state or opens a menu), reads its state once the page has settled (``setting_read``) and changes
it only when it differs from the wanted state and the person said yes after seeing "ON → OFF"
(and, where the page keeps a change only after its own Save button, "then press Save settings":
``setting_save``). The change counts only when the page, reloaded, still shows the wanted state:
services have shown a success while nothing changed, and have turned settings back on later
(``recheck``). A setting that already has the wanted state counts only when a second reading,
after a reload, agrees: a page may first draw a placeholder in the wrong state.

Each control (each blog or site, for a step with ``each``) adds one entry to
``record["settings"]``::

    {"name", "item", "want", "before", "after_reload", "result", "control", ...}

``control`` says how the control was told from the others (itself, label, labelledby, row,
button); ``saved_with`` names the page's Save button pressed after the switch, ``save_requests``
the server's answers to the requests the change sent, ``why`` why the person was asked to switch
it by hand.

``result`` is one of ``RESULTS``; ``settings_outcome`` turns the entries into the attempt's
outcome.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from gettext import NullTranslations
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..config.flows import Candidate, SettingStep, flow_said, flow_words
from ..i18n import N_, _, ngettext, pgettext
from ..people.human import Decision, SettingReview
from ..proof.ledger import iso, utc_now
from ..proof.outcome import FlowStop, Outcome
from ..proof.record import setting_key
from .capture import full_page_screenshot
from .common import Said, _bare, _clip, _duration, _first_line, shown
from .guide import by_hand, missing
from .locate import Found, build, find
from .login import check_host, open_address
from .page_scripts import CHOICE_WATCH_JS, DIALOG_TITLE_JS, HIGHLIGHT_JS, LINKS_JS, NAME_OF_JS
from .setting_read import STATE_OFF, STATE_ON, Reading, read_afresh, read_state, settled_reading, state_of
from .setting_save import SaveButton, Traffic, announced, note_buttons, press, save_button, still_to_save
from .waiting import browser_gone, in_document, poll_until

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from .run import FlowRun

RESULTS = (
    "changed",  # switched (by objector or by the person), and the reloaded page shows it
    "already-off",
    "already-on",
    "not-persisted",  # switched, but the reloaded page shows the old state (or none)
    "by-hand",  # the control was not found (or its state unreadable): the person switched it
    "declined",  # the person said no (or gave no answer)
    "absent",  # an optional control that is not on the page
    "dry-run",  # shown, not switched
    "still-set",  # recheck: it still has the wanted state
    "turned-back",  # recheck: the service shows the other state again
    "unreadable",  # recheck: not found, or its state could not be read
)

#: words of a menu item or button that would also delete data: never clicked for a setting
DELETES = re.compile(
    r"delete|löschen|supprimer|eliminar|elimina|cancella|verwijder|usuń|excluir|radera|slet|poista|"
    r"smazat|törl|șterge|sterge|διαγραφ|удал",
    re.IGNORECASE,
)
MENU_WAIT = 5.0  # seconds a menu may take to open after the click
CONFIRM_WAIT = 2.5  # seconds a confirming dialog may take to show
SAVE_WAIT = 4.0  # seconds the page may take to show the new state before the reload
FINISH_WAIT = 5.0  # seconds a person's own switch may take to be saved before they are asked
_ENGLISH = NullTranslations()  # the record's language
__all__ = ["RESULTS", "STATE_OFF", "STATE_ON", "read_state", "setting_step", "settings_outcome", "state_of"]


# ------------------------------------------------------------------ the step


def setting_step(run: FlowRun, step: SettingStep) -> None:
    """One setting: on this page, or (``each``) on the page of every blog or site listed here."""
    if not step.each:
        _one(run, step, None)
        return
    items = _items(run, step)
    if not items:
        if step.optional:
            _entry(run, step, None, before="unknown", after=None, result="absent")
            missing(run, step)
            return
        address = _bare(run.sites.live_url(run.page.url))
        state = _state(step.want) if step.want else ""
        if step.describe:
            message = Said(
                # TRANSLATORS: {what} is the flow's name for the list (e.g. "blogs"); {state} is ON or OFF
                N_(
                    "found no {what} on {address} to set {setting} for; switch it {state} in each "
                    "yourself, or check the flow"
                ),
                what=flow_said(step.describe),
                address=address,
                setting=flow_said(step.setting_name),
                state=state,
            )
        else:
            message = Said(
                # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON or OFF
                N_(
                    "found no blogs or sites on {address} to set {setting} for; switch it {state} in each "
                    "yourself, or check the flow"
                ),
                address=address,
                setting=flow_said(step.setting_name),
                state=state,
            )
        raise FlowStop(Outcome.NEEDS_ATTENTION, message)
    run.record["items"] = [name for name, _url in items]
    for name, url in items:
        open_address(run, url)
        _one(run, step, name)


def _one(run: FlowRun, step: SettingStep, item: str | None) -> None:
    assert step.want is not None
    number = len(run.record["settings"]) + 1
    found = _find(run, step)
    if run.recheck:
        _recheck(run, step, item, number, found)
        return
    if found is None:
        if step.optional:
            _entry(run, step, item, before="absent", after=None, result="absent")
            missing(run, step)
            return
        # TRANSLATORS: completes "objector …": why the person is asked to switch a setting by hand
        _guided(run, step, item, number, before="absent", why=Said(N_("could not find it")))
        return
    run.not_a_password(found.locator, flow_said(step.setting_name))
    first = settled_reading(run, step, found)
    if first.ambiguous:
        why = Said(
            # TRANSLATORS: completes "objector …"; {setting} is the setting's name on the page
            N_("found more than one switch next to {setting} and cannot tell which one is meant"),
            setting=flow_said(step.setting_name),
        )
        _guided(run, step, item, number, before="unknown", why=why, control=first.path)
        return
    if first.state == step.want:
        second = _read_on_a_fresh_load(run, step, item, number, first)
        if second is None:
            return
        first = second
    if first.state == "unknown":
        why = Said(
            # TRANSLATORS: completes "objector …": why the person is asked to switch a setting by hand
            N_("could not tell whether it is on or off")
            if first.settled
            else N_("could not tell whether it is on or off (the page did not settle)")
        )
        _guided(run, step, item, number, before="unknown", why=why, control=first.path)
        return
    _review_and_switch(run, step, item, number, found, first.state, first.path)


def _read_on_a_fresh_load(
    run: FlowRun, step: SettingStep, item: str | None, number: int, first: Reading
) -> Reading | None:
    """The page shows the wanted state: read it again after a reload, so that a placeholder or a
    page still loading is not taken for the service's state. Recorded (None) when both readings
    agree; else the second reading, to go on with."""
    assert step.want is not None
    picture = full_page_screenshot(run.page)
    second = _after_reload(run, step)
    if second.state != step.want:  # the first picture stays as proof of what the page showed first
        run.save(f"setting-{number}-first-reading.png", picture)
        run.reporter.warn(
            # TRANSLATORS: {setting} is the setting's name on the page; {first}, {second}: ON, OFF or UNKNOWN
            _("{setting} first showed {first}, after a reload {second}").format(
                setting=shown(_what(step, item)),
                first=shown(_state(first.state)),
                second=shown(_state(second.state)),
            )
        )
        return second
    run.save(f"setting-{number}-before.png", picture)
    run.save(f"setting-{number}-after.png", full_page_screenshot(run.page))
    _entry(
        run,
        step,
        item,
        before=first.state,
        after=second.state,
        result=f"already-{step.want}",
        control=second.path,
    )
    run.done(
        step,
        Said(
            # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON or OFF
            N_("{setting} is already {state} (read again after a reload); nothing changed"),
            setting=_what(step, item),
            state=_state(step.want),
        ),
    )
    return None


def _find(run: FlowRun, step: SettingStep) -> Found | None:
    assert step.target
    timeout = step.timeout or (run.settings.step_timeout if not step.optional else 3.0)
    found = find(run.page, step.target, timeout)
    if found is not None and found.index > 0:
        run.record.setdefault("fallback_candidates", []).append(
            {"step": step.label, "candidate": found.candidate.describe()}
        )
    return found


# ------------------------------------------------------------------ reading the state


def _control(run: FlowRun, found: Found) -> Locator:
    """The control itself (marked by the last state read), or the element found when it is hidden."""
    from playwright.sync_api import Error as PlaywrightError

    marked = run.page.locator("[data-objector-click]").first
    try:
        if marked.count() and marked.is_visible():
            return marked
    except PlaywrightError as exc:  # a page between two documents: use what was found
        if browser_gone(exc):
            raise
    return found.locator


def _read_again(run: FlowRun, step: SettingStep, timeout: float) -> str:
    """Find the control afresh (the page may have drawn it anew) and read it; "unknown" if not there."""
    from playwright.sync_api import Error as PlaywrightError

    assert step.target
    found = find(run.page, step.target, timeout)
    if found is None:
        return "unknown"
    try:
        return read_state(run, found.locator, step)
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
        return "unknown"


# ------------------------------------------------------------------ asking and switching


@dataclass(frozen=True)
class _Seen:
    """What objector watches while the person decides: the control's state, the page's requests,
    and whether the page showed a Save button before the change."""

    switched_in_browser: Callable[[], bool]
    traffic: Traffic
    expect_save: bool


def _review_and_switch(
    run: FlowRun, step: SettingStep, item: str | None, number: int, found: Found, before: str, path: str
) -> None:
    """Outline the control, keep a picture, ask; the ledger knows before anything is clicked."""
    from playwright.sync_api import Error as PlaywrightError

    assert step.want is not None
    control = _control(run, found)
    run.guard("show the setting")
    control.evaluate(HIGHLIGHT_JS)
    note_buttons(run)  # which buttons are off now: a Save button the change enables is told apart
    save_words = announced(run)
    run.save(f"setting-{number}-before.png", full_page_screenshot(run.page))
    run.log("awaiting-approval", submitted=False, setting=step.setting_name, item=item)
    review = SettingReview(
        account=run.account.name,
        email=run.account.email,
        service=run.service.name,
        flow_title=run.flow.title,
        url=run.shown(run.page.url),
        setting=step.setting_name,
        before=before,
        after=step.want,
        item=item,
        dry_run=run.dry_run,
        then_press=save_words,
        unofficial=run.unofficial_warning,
    )

    def switched_in_browser() -> bool:
        try:
            return read_state(run, found.locator, step) == step.want
        except PlaywrightError as exc:  # the page is busy: not switched (yet)
            if browser_gone(exc):
                raise
            return False

    traffic = Traffic(run.page)  # from here the person may switch it in the browser
    try:
        decision: Decision = run.human.approve_setting(
            review, watch=None if run.dry_run else switched_in_browser
        )
        facts: dict[str, Any] = {"control": path}
        seen = _Seen(switched_in_browser, traffic, expect_save=save_words is not None)
        _decided(run, step, item, number, found, before, decision, seen, facts)
    finally:
        traffic.close()


def _decided(
    run: FlowRun,
    step: SettingStep,
    item: str | None,
    number: int,
    found: Found,
    before: str,
    decision: Decision,
    seen: _Seen,
    facts: dict[str, Any],
) -> None:
    """Carry out the person's answer: nothing, objector's click, or theirs; then read it again."""
    assert step.want is not None
    switched_in_browser, traffic = seen.switched_in_browser, seen.traffic
    at = iso(utc_now())
    if run.dry_run:
        _entry(
            run,
            step,
            item,
            before=before,
            after=None,
            result="dry-run",
            approval={"answer": "dry-run"},
            **facts,
        )
        run.record_step(step, "shown", f"{_what(step, item)}: {before.upper()}, not switched (dry run)")
        return
    if decision in ("n", "none", "y") and switched_in_browser():
        # the person switched it in the browser before their answer came: on "y" too, objector
        # clicks nothing (a second click on a toggle would switch it back)
        decision = "browser"
    if decision in ("n", "none"):
        approval = {"answer": decision, "by": "terminal", "at": at}
        _entry(run, step, item, before=before, after=before, result="declined", approval=approval, **facts)
        if decision == "n":
            # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON or OFF
            left = N_("{setting} left {state} (you chose to leave it)")
        else:
            # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON or OFF
            left = N_("{setting} left {state} (no answer)")
        said = Said(left, setting=_what(step, item), state=_state(before))
        run.record_step(step, "declined", said)
        run.reporter.warn(said.shown)
        return
    run.guard("switch the setting")
    run.page.evaluate("1")  # the browser is still there: a dead one raises here, before the log
    by = {"y": "terminal", "m": "own-click", "browser": "person switched it in the browser"}[decision]
    approval = {"answer": decision, "by": by, "at": at}
    run.log("submitting", submitted=False, approval=decision, setting=step.setting_name, item=item)
    if decision == "y":
        traffic.mark()
        pressed = _switch(run, step, found, traffic, expect_save=seen.expect_save)
        if pressed is not None:
            facts["saved_with"] = pressed.words
    else:
        if decision == "m":
            run.page.bring_to_front()
            waiting = (
                # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON or OFF
                _(
                    "waiting for you to switch {setting} {state} in the browser and to press the "
                    "button that confirms it (such as Done or Save)"
                )
                if step.confirm
                # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON or OFF
                else _("waiting for you to switch {setting} {state} in the browser")
            )
            run.reporter.wait(
                waiting.format(setting=shown(_what(step, item)), state=shown(_state(step.want)))
            )
            switched = poll_until(
                run.page,
                run.settings.manual_timeout,
                lambda: True if switched_in_browser() else None,
                every_ms=300,
            )
            if not switched:
                approval["no_change_seen"] = iso(utc_now())
                _entry(
                    run,
                    step,
                    item,
                    before=before,
                    after=before,
                    result="declined",
                    approval=approval,
                    **facts,
                )
                run.record_step(step, "declined", f"{_what(step, item)}: no change seen")
                run.reporter.warn(
                    # TRANSLATORS: {setting} is the setting's name on the page; {duration} e.g. 5m00s
                    _("no change of {setting} seen within {duration}").format(
                        setting=shown(_what(step, item)), duration=_duration(run.settings.manual_timeout)
                    )
                )
                return
            approval["switched_seen_at"] = iso(utc_now())
        _until_the_person_has_finished(run, step, item, traffic)
    if not traffic.settle():
        run.reporter.warn(_("the page was still busy after the change; reading it again all the same"))
    answers = traffic.changes_answered()
    if answers:
        facts["save_requests"] = answers
    _verify(run, step, item, number, before, approval, facts)


def _until_the_person_has_finished(
    run: FlowRun, step: SettingStep, item: str | None, traffic: Traffic
) -> None:
    """The person switched it in the browser: before the reload, wait until they have finished —
    the page sent the change and its server answered, or its Save button went back to disabled,
    and no Save button is left to press — or they say so here. A Save button still to press is
    waited for up to the manual time. Never reload under their hands."""
    save_seen = [False]

    def finished() -> bool | None:
        pending = still_to_save(run)
        save_seen[0] = save_seen[0] or pending
        return True if (traffic.changes_answered() or save_seen[0]) and not pending else None

    if poll_until(run.page, FINISH_WAIT, finished, every_ms=300):
        return
    if still_to_save(run) and poll_until(run.page, run.settings.manual_timeout, finished, every_ms=300):
        return
    if still_to_save(run):
        # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON or OFF
        instruction = _(
            "objector sees {setting} switched {state} in the browser. Please press the page's Save "
            "button, then press Enter here when you have finished there: objector then reloads the page "
            "to check it."
        )
    else:
        # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON or OFF
        instruction = _(
            "objector sees {setting} switched {state} in the browser. Please press Enter here when you "
            "have finished there: objector then reloads the page to check it."
        )
    run.human.guide(
        _guidance(run, instruction.format(setting=shown(_what(step, item)), state=shown(_state(step.want))))
    )


def _switch(
    run: FlowRun, step: SettingStep, found: Found, traffic: Traffic, *, expect_save: bool
) -> SaveButton | None:
    """Click the control, pick the menu item that does not delete, confirm a dialog, and press the
    page's Save button when it has one (``expect_save``: one was seen before the click); the Save
    button pressed, if any."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    assert step.want is not None
    control = _control(run, found)
    run.guard("switch the setting")
    sent_before = traffic.seen
    try:
        control.click(timeout=5000)
    except PlaywrightTimeout:
        # a styled switch whose input lies under its picture: the input's own click does the same
        control.evaluate("el => ((el.labels && el.labels[0]) || el).click()")
    if step.menu:
        item = _safe_choice(run, step.menu, MENU_WAIT)
        if item is None:
            # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON or OFF
            instruction = _(
                "objector opened the menu of {setting} but did not find the choice that "
                "switches it {state} without deleting anything. Pick that choice in the "
                "browser window yourself (not one that deletes), then press Enter here."
            ).format(setting=flow_words(step.setting_name), state=shown(_state(step.want)))
            run.human.guide(_guidance(run, instruction))
        else:
            run.click(item, "pick the menu item")
    if step.confirm:
        button = _confirming_button(run, step, step.confirm, lambda: _saved(run, step, traffic, sent_before))
        if button is not None:
            run.click(button, "confirm the change")
            run.record.setdefault("confirmed_dialogs", []).append(step.setting_name)
    poll_until(
        run.page,
        SAVE_WAIT,
        lambda: True if _read_again(run, step, 0.5) == step.want else None,
        every_ms=200,
    )
    pressed = save_button(run, expect_save)
    if pressed is not None:
        press(run, pressed)
    return pressed


def _saved(run: FlowRun, step: SettingStep, traffic: Traffic, sent_before: int) -> bool:
    """The page saved the change by itself: a request went out after the click and ended, the page
    has been quiet since, and the control shows the wanted state. A confirming dialog answers the
    click before anything is saved, so none is coming any more."""
    return traffic.seen > sent_before and bool(traffic.quiet()) and _read_again(run, step, 0) == step.want


def _confirming_button(
    run: FlowRun, step: SettingStep, target: list[Candidate], saved: Callable[[], bool]
) -> Locator | None:
    """The confirming button of a dialog that may follow the change: looked for up to CONFIRM_WAIT
    seconds, or until ``saved()`` says the change went through without one."""
    look = _safe_look(run, target, in_dialog=True)

    def dialog_or_saved() -> tuple[Locator | None] | None:
        button = look()
        return (button,) if button is not None or saved() else None

    answer = poll_until(run.page, CONFIRM_WAIT, dialog_or_saved, every_ms=150)
    return answer[0] if answer else None


def _safe_choice(
    run: FlowRun, target: list[Candidate], seconds: float, *, in_dialog: bool = False
) -> Locator | None:
    """The first visible match of ``target`` whose words do not speak of deleting, looked for up
    to ``seconds``."""
    return poll_until(run.page, seconds, _safe_look(run, target, in_dialog=in_dialog), every_ms=150)


def _safe_look(run: FlowRun, target: list[Candidate], *, in_dialog: bool) -> Callable[[], Locator | None]:
    """One look for the first visible match of ``target`` whose words do not speak of deleting.

    ``in_dialog``: only a match inside a dialog whose title does not speak of deleting (a
    confirming button; the control itself may carry the same words, "Turn off", and must not be
    clicked twice).
    """
    from playwright.sync_api import Error as PlaywrightError

    def look() -> Locator | None:
        for candidate in target:
            matches = build(run.page, candidate).locator("visible=true")
            try:
                count = min(matches.count(), 10)
                for index in range(count):
                    element = matches.nth(index)
                    if (
                        in_dialog
                    ):  # a dialog that would delete data is not confirmed, whatever its button says
                        title = element.evaluate(DIALOG_TITLE_JS)
                        if title is None or DELETES.search(title):
                            continue
                    words = " ".join(str(element.evaluate(NAME_OF_JS) or "").split())
                    if not DELETES.search(words):
                        return element
            except PlaywrightError as exc:  # the menu is being drawn: look again
                if browser_gone(exc):
                    raise
        return None

    return look


def _verify(
    run: FlowRun,
    step: SettingStep,
    item: str | None,
    number: int,
    before: str,
    approval: dict[str, Any],
    facts: dict[str, Any],
) -> None:
    """Reload the page and read the setting again: only this read counts."""
    assert step.want is not None
    reading = _after_reload(run, step)
    after = reading.state
    run.save(f"setting-{number}-after.png", full_page_screenshot(run.page))
    what = _what(step, item)
    if after == step.want:
        _entry(run, step, item, before=before, after=after, result="changed", approval=approval, **facts)
        states = {"setting": what, "before": _state(before), "after": _state(after)}
        if facts.get("saved_with"):
            done = Said(
                # TRANSLATORS: {before}, {after}: ON or OFF; {button}: the page's own Save button, as the page
                # names it
                N_("{setting}: {before} → {after}, saved with “{button}” (read again after a reload)"),
                button=facts["saved_with"],
                **states,
            )
        else:
            # TRANSLATORS: {setting} is the setting's name on the page; {before}, {after}: ON or OFF
            done = Said(N_("{setting}: {before} → {after} (read again after a reload)"), **states)
        run.done(step, done)
        return
    _entry(run, step, item, before=before, after=after, result="not-persisted", approval=approval, **facts)
    if after != "unknown":
        failed = Said(
            # TRANSLATORS: {service} is Meta, Tumblr, …; {state} is ON or OFF
            N_("{setting}: {service} still shows {state} after reload"),
            setting=what,
            service=run.service.name,
            state=_state(after),
        )
    else:
        failed = Said(
            N_("{setting}: {service} shows no state after reload"), setting=what, service=run.service.name
        )
    run.record_step(step, "not-persisted", failed)
    run.reporter.fail(failed.shown)


def _after_reload(run: FlowRun, step: SettingStep, chosen: int | None = None) -> Reading:
    """Reload, then read the control once it has appeared (a page may draw its heading first) and
    the page has settled. ``chosen``: see ``read_afresh``."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        run.page.reload(wait_until="domcontentloaded", timeout=run.settings.page_timeout * 1000)
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
        run.reporter.warn(
            # TRANSLATORS: {error} is the browser's own message, in English
            _("the page did not reload ({error}); reading it as it is").format(error=_first_line(exc))
        )
    check_host(run, arrived=False)
    return read_afresh(run, step, run.settings.step_timeout, chosen)


# ------------------------------------------------------------------ by hand, re-check, records


def _guided(
    run: FlowRun,
    step: SettingStep,
    item: str | None,
    number: int,
    *,
    before: str,
    why: Said,
    control: str | None = None,
) -> None:
    """The person switches it; objector reads the state afterwards (after a reload) and records it."""
    assert step.want is not None
    name = flow_words(step.setting_name)
    setting = f"{name} ({flow_words(step.describe)})" if step.describe else name
    values = {
        "why": shown(why),
        "setting": setting,
        "address": run.shown(run.page.url),
        "state": shown(_state(step.want)),
    }
    if item:
        # TRANSLATORS: {why} completes "objector …" (e.g. "could not find it"); {setting} is the setting's
        # name on the page; {item} a blog or site; {address} a web address; {state} is ON or OFF
        instruction = _(
            "objector {why}: {setting} for {item} on {address}. "
            "Please make sure it is switched {state} in the browser window (if a menu offers "
            "to delete data as well, choose the option that does not), then press Enter here."
        ).format(item=item, **values)
    else:
        # TRANSLATORS: {why} completes "objector …" (e.g. "could not find it"); {setting} is the setting's
        # name on the page; {address} a web address; {state} is ON or OFF
        instruction = _(
            "objector {why}: {setting} on {address}. "
            "Please make sure it is switched {state} in the browser window (if a menu offers "
            "to delete data as well, choose the option that does not), then press Enter here."
        ).format(**values)
    if step.confirm:  # the switch sits in a small window, or the page asks to confirm the change
        instruction += " " + _(
            "If the switch is in a small window or the page asks you to confirm, press that window's "
            "own button (such as Done, Save or Confirm) before you press Enter."
        )
    # TRANSLATORS: {setting} is the setting's name on the page
    detail = Said(N_("{setting} switched by you"), setting=_what(step, item))
    if before == "absent":  # the control is not on the page: the engine's usual guided fallback
        by_hand(run, step, instruction, detail=detail)
    else:
        run.reporter.warn(
            # TRANSLATORS: {why} completes "objector …" (e.g. "could not tell whether it is on or off")
            _("{setting}: objector {why} — please switch it by hand").format(
                setting=shown(_what(step, item)), why=shown(why)
            )
        )
        if control == "ambiguous":  # which of the switches the person uses tells which one is meant
            _in_page(run, CHOICE_WATCH_JS)
        if not run.human.guide(_guidance(run, instruction)):
            raise FlowStop(
                Outcome.NEEDS_ATTENTION,
                Said(
                    N_("{setting}: not switched by hand, so nothing was changed"), setting=_what(step, item)
                ),
            )
        run.record_step(step, "manual", detail)
    used = (
        _in_page(run, "() => window.__objectorChoice ? window.__objectorChoice() : null")
        if control == "ambiguous"
        else None
    )
    chosen = used if isinstance(used, int) else None
    reading = _after_reload(run, step, chosen)
    after = reading.state
    run.save(f"setting-{number}-after.png", full_page_screenshot(run.page))
    facts: dict[str, Any] = {"why": why} | ({"control": control} if control else {})
    if reading.path == "yours" and chosen is not None:  # the person's switch, the n-th that could be it
        facts.update(_read_from_yours(run, step, item, chosen + 1))
    _entry(
        run, step, item, before=before, after=after, result="by-hand", approval={"answer": "by hand"}, **facts
    )
    if after != step.want:
        run.reporter.warn(
            # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON, OFF or UNKNOWN
            _("{setting}: objector reads {state} after a reload; check it in the browser").format(
                setting=shown(_what(step, item)), state=shown(_state(after))
            )
        )


def _read_from_yours(run: FlowRun, step: SettingStep, item: str | None, place: int) -> dict[str, Any]:
    """Said and recorded: the state was read from the switch the person used (``place``: 1, 2, …
    among the switches that could be the setting)."""
    run.reporter.info(
        # TRANSLATORS: {setting} is the setting's name on the page
        _("{setting}: read from the switch you used in the browser").format(setting=shown(_what(step, item)))
    )
    return {"control": "yours", "chosen": place}


def _in_page(run: FlowRun, script: str) -> Any:
    """``script``'s answer in the page's document; None while the page is between two documents."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        return in_document(run.page, script)
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
        return None


def _recheck(run: FlowRun, step: SettingStep, item: str | None, number: int, found: Found | None) -> None:
    """Read the setting; change nothing, ask nothing."""
    assert step.want is not None
    if found is None and step.optional:
        _entry(run, step, item, before="absent", after=None, result="absent")
        missing(run, step)
        return
    reading = None if found is None else settled_reading(run, step, found)
    place = run.switches_used.get(setting_key(step.setting_name, item))
    if reading is not None and reading.ambiguous and place is not None:
        assert found is not None
        reading = settled_reading(run, step, found, chosen=place - 1)  # the switch the person used
    state = "unknown" if reading is None else reading.state
    run.save(f"recheck-{number}.png", full_page_screenshot(run.page))
    result = "still-set" if state == step.want else "turned-back" if state != "unknown" else "unreadable"
    yours = reading is not None and reading.path == "yours" and place is not None
    facts = _read_from_yours(run, step, item, place) if yours and place is not None else {}
    _entry(run, step, item, before=state, after=state, result=result, **facts)
    what = _what(step, item)
    if result == "still-set":
        # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON or OFF
        run.done(step, Said(N_("{setting} is still {state}"), setting=what, state=_state(state)))
    elif result == "turned-back":
        # TRANSLATORS: {setting} is the setting's name on the page; {state} is ON or OFF
        again = Said(N_("{setting} is {state} again"), setting=what, state=_state(state))
        run.record_step(step, "turned-back", again)
        run.reporter.fail(again.shown)
    else:
        run.record_step(step, "unreadable", f"{what}: {'not found' if found is None else 'state unclear'}")
        if found is None:
            # TRANSLATORS: {setting} is the setting's name on the page
            run.reporter.fail(_("{setting}: not found").format(setting=shown(what)))
        else:
            # TRANSLATORS: {setting} is the setting's name on the page
            run.reporter.fail(_("{setting}: could not read its state").format(setting=shown(what)))


def _entry(
    run: FlowRun,
    step: SettingStep,
    item: str | None,
    *,
    before: str,
    after: str | None,
    result: str,
    approval: dict[str, Any] | None = None,
    **facts: Any,
) -> None:
    """One entry of ``record["settings"]``; ``facts``: control, saved_with, save_requests, why."""
    assert result in RESULTS
    entry: dict[str, Any] = {
        "name": step.setting_name,
        "item": item,
        "want": step.want,
        "before": before,
        "after_reload": after,
        "result": result,
        "url": run.sites.live_url(run.page.url),
        "at": iso(utc_now()),
    }
    if approval is not None:
        entry["approval"] = approval
    entry.update({key: value for key, value in facts.items() if value is not None})
    run.record["settings"].append(entry)


def _what(step: SettingStep, item: str | None) -> Said:
    """The setting's name (and the blog or site it is set for): as the flow writes it in the record,
    in the person's language when shown."""
    return _said_name(step.setting_name, item)


def _said_name(name: str, item: str | None) -> Said:
    said = Said(f"{name} ({item})" if item else name)
    said.shown = f"{flow_words(name)} ({item})" if item else flow_words(name)
    return said


def _joined(names: list[Said]) -> Said:
    """Names separated by commas, shown in the person's language."""
    said = Said(", ".join(names))
    said.shown = ", ".join(shown(name) for name in names)
    return said


def _state(state: str) -> Said:
    """A setting's state as a sentence names it: ``ON`` in the record, the person's word when shown."""
    word = Said(state.upper())
    if state == "on":
        word.shown = pgettext("setting state", "ON")
    elif state == "off":
        word.shown = pgettext("setting state", "OFF")
    elif state == "unknown":
        word.shown = pgettext("setting state", "UNKNOWN")
    return word


def _said_plural(pick: Callable[[Callable[[str, str, int], str]], str], **values: Any) -> Said:
    """A ``Said`` whose sentence has a plural form: English in the record, the person's language
    (as it counts) when shown. ``pick`` is ``lambda ngettext: ngettext("… setting", "… settings", n)``
    (so that the catalogue finds the message): called once in English, once in the language in use."""
    said = Said(pick(_ENGLISH.ngettext).format(**values))
    said.shown = pick(ngettext).format(**{k: shown(v) for k, v in values.items()})
    return said


def _guidance(run: FlowRun, instruction: str):  # -> Guidance
    from ..people.human import Guidance

    return Guidance(run.account.name, instruction, None)


# ------------------------------------------------------------------ items (blogs, sites)


def _items(run: FlowRun, step: SettingStep) -> list[tuple[str, str]]:
    """(name, address to open) of every item linked on the page, on the flow's own hosts only."""
    assert step.each
    if find(run.page, step.each, step.timeout or run.settings.step_timeout) is None:
        return []
    seen: dict[str, str] = {}
    for candidate in step.each:
        links = build(run.page, candidate).locator("visible=true").evaluate_all(LINKS_JS)
        for href, words in links:
            url = _openable(run, href)
            if url is None:
                if href.startswith("http"):
                    run.record.setdefault("items_skipped", []).append(run.sites.live_url(href)[:300])
                continue
            if url not in seen:
                name = _clip(words, 80) or urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or url
                seen[url] = name
    return [(name, url) for url, name in seen.items()]


def _openable(run: FlowRun, href: str) -> str | None:
    """The address to open for a link, when it leads to one of the flow's hosts (else None)."""
    if not href.startswith("http"):
        return None
    if run.allowed_url(href):
        return href
    rewritten = run.sites.rewrite(href)  # a live address on a page of the practice site
    return rewritten if run.allowed_url(rewritten) else None


# ------------------------------------------------------------------ the attempt's outcome


def settings_outcome(run: FlowRun) -> tuple[Outcome, str]:
    """The outcome of a setting flow from its entries (every step has run)."""
    entries: list[dict[str, Any]] = run.record["settings"]
    present = [e for e in entries if e["result"] != "absent"]
    service = run.service.name
    if not present:
        return Outcome.NEEDS_ATTENTION, Said(
            N_("none of the flow's settings was on the page; check the flow")
        )
    if run.recheck:
        return _recheck_outcome(run, present)
    if any(e["result"] == "dry-run" for e in present):
        return Outcome.DRY_RUN, Said(N_("dry run: shown, nothing switched"))
    failed = [e for e in present if e["result"] != "declined" and e["after_reload"] != e["want"]]
    if failed:
        return Outcome.NOT_CONFIRMED, _not_persisted(service, failed)
    declined = [e for e in present if e["result"] == "declined"]
    if declined:
        names = _joined([_named(e) for e in declined[:3]])
        no_answer = all(e.get("approval", {}).get("answer") == "none" for e in declined)
        if no_answer:
            return Outcome.DECLINED, Said(
                # TRANSLATORS: {settings} names the settings left as they were, separated by commas
                N_("no answer, so nothing was switched: {settings}"),
                settings=names,
            )
        # TRANSLATORS: {settings} names the settings left as they were, separated by commas
        return Outcome.DECLINED, Said(N_("you chose to leave {settings}"), settings=names)
    changed = sum(e["result"] in ("changed", "by-hand") for e in present)
    wanted = sorted({e["want"] for e in present}, key=str.upper)
    states = Said("/".join(state.upper() for state in wanted))
    states.shown = "/".join(shown(_state(state)) for state in wanted)
    count = len(present)
    return Outcome.CONFIRMED, _said_plural(
        # TRANSLATORS: {service} is Meta, Tumblr, …; {states} is ON or OFF (or ON/OFF); {changed} of the
        # {count} settings were switched in this run
        lambda ngettext: ngettext(
            "{service} shows {states} after reload: {count} setting ({changed} changed now)",
            "{service} shows {states} after reload: {count} settings ({changed} changed now)",
            count,
        ),
        service=service,
        states=states,
        count=count,
        changed=changed,
    )


def _not_persisted(service: str, failed: list[dict[str, Any]]) -> Said:
    """The outcome's message when the reloaded page does not show the wanted state."""
    first = failed[0]
    named, more = _named(first), len(failed) - 1
    if first["after_reload"] not in (None, "unknown"):
        state = _state(first["after_reload"])
        if more:
            return _said_plural(
                # TRANSLATORS: {service} is Meta, Tumblr, …; {state} is ON or OFF; {setting} the first setting
                # that did not change, {count} how many more did not
                lambda ngettext: ngettext(
                    "{service} still shows {state} after reload: {setting} (and {count} more)",
                    "{service} still shows {state} after reload: {setting} (and {count} more)",
                    more,
                ),
                service=service,
                state=state,
                setting=named,
                count=more,
            )
        return Said(
            # TRANSLATORS: {service} is Meta, Tumblr, …; {state} is ON or OFF; {setting} the setting's name
            N_("{service} still shows {state} after reload: {setting}"),
            service=service,
            state=state,
            setting=named,
        )
    if more:
        return _said_plural(
            # TRANSLATORS: {setting} is the first setting that did not change, {count} how many more did not
            lambda ngettext: ngettext(
                "{service} shows no readable state after reload: {setting} (and {count} more)",
                "{service} shows no readable state after reload: {setting} (and {count} more)",
                more,
            ),
            service=service,
            setting=named,
            count=more,
        )
    return Said(
        # TRANSLATORS: {service} is Meta, Tumblr, …; {setting} the setting's name
        N_("{service} shows no readable state after reload: {setting}"),
        service=service,
        setting=named,
    )


def _recheck_outcome(run: FlowRun, present: list[dict[str, Any]]) -> tuple[Outcome, str]:
    service = run.service.name
    back = [e for e in present if e["result"] == "turned-back"]
    unreadable = [e for e in present if e["result"] == "unreadable"]
    if back:
        first = back[0]
        run.record["recheck_result"] = "turned-on-again" if first["want"] == "off" else "turned-off-again"
        return Outcome.TURNED_BACK, Said(
            # TRANSLATORS: {service} is Meta, Tumblr, …; {state} is ON or OFF; {setting} the setting's name
            N_("{service} shows {state} again: {setting}"),
            service=service,
            state=_state(first["before"]),
            setting=_named(first),
        )
    if unreadable:
        return Outcome.NEEDS_ATTENTION, Said(
            # TRANSLATORS: {setting} is the setting's name on the page
            N_("could not read {setting}; check it in the browser"),
            setting=_named(unreadable[0]),
        )
    run.record["recheck_result"] = f"still-{present[0]['want']}"
    return Outcome.STILL_SET, Said(
        # TRANSLATORS: {service} is Meta, Tumblr, …; {state} is ON or OFF; {settings} the settings' names,
        # separated by commas
        N_("{service} still shows {state}: {settings}"),
        service=service,
        state=_state(present[0]["want"]),
        settings=_joined([_named(e) for e in present[:3]]),
    )


def _named(entry: dict[str, Any]) -> Said:
    """A record entry's setting (and its blog or site), shown in the person's language."""
    return _said_name(str(entry["name"]), entry["item"] if entry.get("item") else None)
