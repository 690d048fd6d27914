"""Steps that fill the form: cookie dialogs, waiting for the form, ticking, typing, attaching."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..config.flows import Step
from ..i18n import N_, _
from ..letters.text import browser_length
from ..proof.outcome import FlowStop, Outcome
from .common import Said, _bare, _clip
from .guide import by_hand, missing, not_found
from .locate import Found, visible_now
from .login import open_address
from .owned import fit_text, page_owned, read_box, settled_box, watch_posts
from .page_scripts import (
    DIALOG_XPATH,
    LABEL_OF_JS,
    TEXT_BOX_MARK_JS,
    VALUE_PRESENT_JS,
)
from .waiting import browser_gone, poll_until

# seconds a cookie dialog may take to show after the form did (it is looked for again before Send)
DIALOG_GRACE = 0.4

if TYPE_CHECKING:
    from .run import FlowRun


def dismiss_step(run: FlowRun, step: Step) -> None:
    found = find_dialog(run, step)
    if found is None:
        run.record_step(step, "absent", "no dialog")
        return
    dismiss(run, step, found)


def dismiss(run: FlowRun, step: Step, found: Found) -> None:
    from playwright.sync_api import Error as PlaywrightError

    dialog = found.locator.locator(f"xpath=ancestor::*[{DIALOG_XPATH}][1]")
    try:
        handle = dialog.element_handle(timeout=2000) if dialog.count() else None
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
        handle = None  # the dialog went away on its own: the button's own wait below says so
    run.click(found.locator, N_("dismiss the dialog"))
    try:
        found.locator.wait_for(state="hidden", timeout=3000)
        if handle is not None:
            handle.wait_for_element_state("hidden", timeout=3000)  # the dialog itself, not just its button
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
        run.reporter.warn(
            _("the cookie dialog is still on screen; going on (the form behind it may still work)")
        )
        run.record_step(step, "done", "cookie dialog clicked, still on screen")
        return
    run.done(step, Said(N_("cookie dialog dismissed")))


def find_dialog(run: FlowRun, step: Step) -> Found | None:
    """The dialog, looked for until the form itself shows (plus a moment), at most the step's timeout."""
    assert step.target
    target, form = step.target, run.ready_targets()
    grace: list[float] = []  # when the form showed, the dialog gets DIALOG_GRACE seconds more

    def look() -> Found | bool | None:
        found = visible_now(run.page, target)
        if found is not None:
            return found
        if grace and time.monotonic() >= grace[0]:
            return False
        if not grace and form and visible_now(run.page, form) is not None:
            grace.append(time.monotonic() + DIALOG_GRACE)
        return None

    result = poll_until(run.page, step.timeout or 4, look, every_ms=150)
    return result if isinstance(result, Found) else None


def wait_for_form(run: FlowRun, step: Step) -> None:
    found = run.find(step, default_timeout=run.settings.step_timeout)
    tried = [run.form_url]
    for other in run.flow.alternative_urls:  # no form here: the same form at its other address
        if found is not None:
            break
        url = run.sites.rewrite(other)
        if url in tried:
            continue
        tried.append(url)
        # TRANSLATORS: {address} and {other} are web addresses without https://
        run.reporter.warn(
            _("no form at {address}; trying {other}").format(address=_bare(run.flow.url), other=_bare(other))
        )
        run.form_url = url
        open_address(run, url)
        run.record["form_url_used"] = other
        found = run.find(step, default_timeout=run.settings.step_timeout)
    if found is not None:
        run.record_step(step, "done", "form ready")
        return
    by_hand(
        run,
        step,
        # TRANSLATORS: {what} names a button or field in the flow's words, {url} is a web address
        _(
            "The form did not show {what} where expected. Make sure the "
            "browser window shows the objection form ({url}), then press Enter here."
        ).format(what=step.describe or _("its Send button"), url=run.flow.url),
        detail=Said(N_("form opened by you")),
    )
    run.form_ready_at = time.monotonic()


def tick(run: FlowRun, step: Step) -> None:
    """Tick a checkbox the form requires (a statement the person sees before approving)."""
    found = run.find(step, default_timeout=run.settings.step_timeout)
    if found is None:
        not_found(
            run,
            step,
            _("Tick {what} in the browser window, then press Enter here.").format(
                what=step.describe or _("the required box")
            ),
            detail=Said(N_("box ticked by you")),
        )
        return
    run.guard(N_("tick the box"))
    run.not_a_password(found.locator, "the box")
    found.locator.check()
    label = found.locator.evaluate(LABEL_OF_JS)
    # TRANSLATORS: {label} is the box's label on the page
    run.done(step, Said(N_("ticked “{label}”"), label=_clip(label, 70)) if label else Said(N_("box ticked")))


def fill_step(run: FlowRun, step: Step) -> None:
    value = value_for(run, step)
    if not value:
        if step.optional:
            return
        raise FlowStop(Outcome.NEEDS_ATTENTION, f"nothing to fill in for {step.value}")
    if step.value == "phone":  # the record keeps the number in full, however it gets typed
        run.record["phone"] = run.account.phone
    found = run.find(step, default_timeout=run.settings.step_timeout)
    if found is None and step.optional:
        missing(run, step)
        return
    if found is None:
        # TRANSLATORS: {name} is a field's name in the flow (email, phone, first_name, …)
        what = step.describe or _("the {name} field").format(name=step.value)
        if step.value == "text":
            by_hand(
                run,
                step,
                _(
                    "Paste the text shown below into {what} in the browser window, then press Enter here."
                ).format(what=what),
                paste=value,
                check=lambda: _text_present(run),
                # TRANSLATORS: {count} is a number of characters
                detail=Said(N_("reason pasted by you ({count} chars)"), count=browser_length(value)),
            )
            _pasted_box(run, step)
        else:
            # TRANSLATORS: {number} is the phone number, partly hidden
            shown = (
                _("your phone number ({number})").format(number=_masked(value))
                if step.value == "phone"
                else value
            )
            by_hand(
                run,
                step,
                # TRANSLATORS: {value} is what to type (an e-mail address, a name, a phone number)
                _("Type {value} into {what} in the browser window, then press Enter here.").format(
                    value=shown, what=what
                ),
                check=lambda: _value_present(run, value),
                # TRANSLATORS: {name} is a field's name in the flow (email, phone, first_name, …)
                detail=Said(N_("{name} typed by you"), name=step.value),
            )
        return
    box = settled_box(run.page, found.locator)
    watch_posts(run, step.value or "field", box)  # the record keeps what the submit carries
    if box.owned and not box.password:  # the page filled it and keeps it: never typed into
        page_owned(run, step, box)
        return
    typed = fit_text(run, box) if step.value == "text" else value  # the letter fitted to the box
    held = run.fill(found.locator, typed, step.describe or str(step.value))
    if held is not None:  # what the page holds now, as the record says it
        run.record.setdefault("fields", {})[step.value or "field"] = held
        if step.value == "email":
            run.record["email_sent"] = held
    if step.value == "text":
        from ..letters.text import language_name

        # TRANSLATORS: {count} is a number of characters, {language} the letter's language (English name)
        detail = Said(
            N_("reason ({count} chars, {language})"),
            count=browser_length(typed),
            language=language_name(run.account.language),
        )
    elif step.value == "email":
        detail = Said(N_("e-mail {address}"), address=value)
    elif step.value == "phone":  # the terminal shows it masked; the record keeps it in full
        detail = Said(N_("phone {number}"), number=_masked(value))
    else:
        # TRANSLATORS: {name} is a field's name in the flow (first_name, last_name, …)
        detail = Said(N_("{name} filled"), name=step.value)
    run.done(step, detail)


def upload(run: FlowRun, step: Step) -> None:
    path = run.account.screenshot
    if path is None:
        return
    found = run.find(step, default_timeout=run.settings.step_timeout)
    if found is None:
        not_found(
            run,
            step,
            _("Attach the file {path} with {what} in the browser window, then press Enter here.").format(
                path=path, what=step.describe or _("the upload button")
            ),
            detail=Said(N_("screenshot {name} attached by you"), name=path.name),
        )
        return
    run.guard(N_("upload the screenshot"))
    run.not_a_password(found.locator, "the upload field")
    found.locator.set_input_files(str(path))
    run.done(step, Said(N_("screenshot {name} attached"), name=path.name))


def _pasted_box(run: FlowRun, step: Step) -> None:
    """The box the person pasted the letter into, read as a box objector filled is. A box that
    cut the letter at its limit gets the account's letter fitted to that limit instead (as objector
    fills a box it found itself: a letter is never sent cut off); else what the box holds (the
    person may have changed it) is what the review shows and the record says. Either way, what the
    form's submit carries is kept."""
    if not _text_present(run):  # and the box holding it marked
        return
    locator = run.page.locator("[data-objector-text-box]").first
    box = read_box(locator)
    watch_posts(run, "text", box)
    held = box.value.replace("\r\n", "\n")
    if not held or held == run.text:
        return
    if run.text.startswith(held) and not box.owned:
        letter = run.text
        typed = fit_text(run, box)  # the letter fitted to the box's own limit, if it shows one
        if typed != letter:
            kept = run.fill(locator, typed, step.describe or N_("the text"))
            run.record.setdefault("fields", {})["text"] = kept if kept is not None else typed
            run.record_step(
                step,
                "done",
                f"the box cut the pasted letter at {browser_length(held)} characters; refilled with "
                f"{browser_length(typed)} characters",
            )
            return
    run.reporter.warn(
        # TRANSLATORS: {held} and {count} are numbers of characters
        _(
            "the box holds another text than the letter ({held} characters, not {count}): what it "
            "holds is what the review shows and what would be sent"
        ).format(held=browser_length(held), count=browser_length(run.text))
    )
    run.record.setdefault("text_filled", run.text)
    run.record.update(text=held, text_length=len(held))
    run.text = held


def _text_present(run: FlowRun) -> bool:
    return bool(run.page.evaluate(TEXT_BOX_MARK_JS, " ".join(run.text.split())[:30]))


def _value_present(run: FlowRun, value: str) -> bool:
    return bool(run.page.evaluate(VALUE_PRESENT_JS, value))


def value_for(run: FlowRun, step: Step) -> str | None:
    """The account's value a ``fill`` step types (or the objection text)."""
    account = run.account
    values = {
        "email": account.email,
        "country": account.country,
        "text": run.text,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "full_name": " ".join(p for p in (account.first_name, account.last_name) if p) or None,
        "prompts": account.prompts,
        "phone": _phone_for_form(account.phone),
    }
    return values.get(step.value or "")


def _masked(phone: str) -> str:
    from ..config.phones import mask_phone

    return mask_phone(phone)


def _phone_for_form(phone: str | None) -> str | None:
    """The number as a form's phone box expects it: international, with + and spaces."""
    from ..config.phones import international

    return international(phone) if phone else None
