"""What a form's box allows before anything is typed into it: whether the page owns it (read-only,
disabled), and how long a text it takes (``maxlength``, a live counter such as ``0/500`` or
"500 characters left"). The fill step reads this first, so that objector never types into a box
the page owns, records what such a box holds (it is what the page sends), and fits the letter to
the box instead of having the page cut it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..config.flows import Step
from ..i18n import N_, _
from ..letters.text import MIN_LENGTH, browser_length
from ..proof.outcome import FlowStop, Outcome
from .common import Said, shown

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

    from .run import FlowRun

#: the box's own state, its value, and the short texts around it that may be a counter: the
#: texts it is described by, and the leaf texts of its nearest container that has any
BOX_JS = """el => {
  const attr = n => (el.getAttribute(n) || '').toLowerCase();
  const texts = [];
  for (const id of (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)) {
    const d = document.getElementById(id);
    if (d) texts.push(d.textContent || '');
  }
  let box = el.parentElement;
  for (let i = 0; box && i < 3 && texts.length < 1; i++, box = box.parentElement) {
    for (const child of box.querySelectorAll('*')) {
      if (child !== el && !child.children.length && !child.contains(el)) texts.push(child.textContent || '');
    }
  }
  const value = ('value' in el && typeof el.value === 'string') ? el.value : (el.textContent || '');
  return {
    invalid: attr('aria-invalid') === 'true',
    name: el.getAttribute('name') || '',
    readonly: !!el.readOnly || attr('aria-readonly') === 'true',
    disabled: !!el.disabled || attr('aria-disabled') === 'true',
    password: attr('type') === 'password',
    value: value,
    maxlength: (typeof el.maxLength === 'number' && el.maxLength > 0) ? el.maxLength : null,
    texts: texts.map(t => t.trim()).filter(t => t && t.length <= 60),
  };
}"""

#: "12/500", "12 / 1,000", "12 of 500", "12 von 500 Zeichen": what the box holds, then its limit
_COUNTER = re.compile(r"^\D{0,20}?(\d[\d.,]*)\s*(?:/|\s\w{1,4}\s)\s*(\d[\d.,]*)\D{0,20}$")
_LEFT = re.compile(r"(\d[\d.,]*)")
#: "left" in the page languages, for counters that count down ("500 characters left")
LEFT_WORDS = (
    "left",
    "remaining",
    "übrig",
    "verbleib",
    "restant",
    "rimanent",
    "restante",
    "resterende",
    "resterande",
    "kvar",
    "tilbage",
    "over",
    "pozosta",
    "zbýv",
    "jäljellä",
    "maradt",
    "rămas",
)


@dataclass(frozen=True)
class Box:
    """One box as the page has it, read before typing."""

    readonly: bool
    disabled: bool
    password: bool
    value: str
    maxlength: int | None
    texts: tuple[str, ...]
    invalid: bool = False  # the page marks the box as wrong (aria-invalid)
    name: str = ""  # the name the form posts its value under (Field<digits> on Meta's forms)

    @property
    def owned(self) -> bool:
        """The page keeps this box's value: objector never types into it."""
        return self.readonly or self.disabled

    def counter_limit(self) -> int | None:
        """The limit a live counter near the box shows: ``12/500`` where 12 is what the box holds
        now, or ``488 characters left`` (then the limit is that plus what it holds)."""
        held = browser_length(self.value)
        for text in self.texts:
            found = _COUNTER.match(text)
            if found and _number(found.group(1)) == held:
                return _number(found.group(2))
            if any(word in text.lower() for word in LEFT_WORDS):
                numbers = _LEFT.findall(text)
                if len(numbers) == 1:
                    return _number(numbers[0]) + held
        return None

    def limits(self) -> dict[str, int]:
        """Every length limit the page shows for this box, by where it was read."""
        found: dict[str, int] = {}
        if self.maxlength is not None:
            found["maxlength"] = self.maxlength
        counter = self.counter_limit()
        if counter is not None:
            found["counter"] = counter
        return found


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text) or 0)


def read_box(locator: Locator) -> Box:
    data: dict[str, Any] = locator.evaluate(BOX_JS)
    return Box(
        readonly=bool(data["readonly"]),
        disabled=bool(data["disabled"]),
        password=bool(data["password"]),
        value=str(data["value"]),
        maxlength=data["maxlength"],
        texts=tuple(data["texts"]),
        invalid=bool(data.get("invalid")),
        name=str(data.get("name") or ""),
    )


#: seconds a disabled box gets to become enabled (a page still loading draws its boxes disabled)
DISABLED_GRACE = 2.0


def settled_box(page: Page, locator: Locator) -> Box:
    """The box as the page has it once a disabled one had a moment to be enabled: a form still
    loading may draw its boxes disabled first, and such a box is not yet the page's own."""
    from .waiting import poll_until

    last = [read_box(locator)]

    def enabled() -> Box | None:
        last[0] = read_box(locator)
        return last[0] if not last[0].disabled or last[0].readonly else None

    if last[0].disabled and not last[0].readonly:
        poll_until(page, DISABLED_GRACE, enabled, every_ms=150)
    return last[0]


def page_owned(run: FlowRun, step: Step, box: Box) -> None:
    """A box the page filled and keeps (read-only or disabled): left as it is, and what it holds is
    recorded. A read-only box is sent as it is, so its value is what the page sends (``email_sent``);
    a disabled one is not sent with the form, so the page alone decides what goes instead. An
    e-mail other than the account's is said out loud (in the review too): the page, not
    accounts.toml, decides where Meta answers."""
    # TRANSLATORS: how a box on the page is locked, shown after "the e-mail address … (…)"
    how = Said(N_("read-only")) if box.readonly else Said(N_("disabled"))
    name = step.value or "field"
    if step.value == "text":  # the letter cannot go into this box: nothing may claim it was sent
        raise FlowStop(
            Outcome.NEEDS_ATTENTION,
            f"the form's text box is {how}, so the objection text cannot be entered; "
            "check the form in the browser (it may have changed)",
        )
    run.record.setdefault("fields", {})[name] = box.value
    run.record.setdefault("page_owned", []).append(name)
    value = box.value or Said(N_("(empty)"))
    if step.value == "email":
        if box.readonly:
            run.record["email_sent"] = box.value
        other = box.value.strip().lower() != run.account.email.strip().lower()
        if other or box.disabled:
            note = _email_note(box.readonly, other, value, how, run.account.email)
            run.record["email_note"] = note
            run.notes.append(shown(note))
            run.reporter.warn(shown(note))
        # TRANSLATORS: {address} is the e-mail address, {how} read-only or disabled
        detail = Said(N_("e-mail {address} (set by the page, {how})"), address=value, how=how)
        run.record_step(step, "page-owned", detail)
        run.reporter.ok(shown(detail))
        return
    run.record_step(step, "page-owned", f"{name} {value} (set by the page, {how})")
    # TRANSLATORS: {name} is a field's name in the flow (email, phone, …), {how} read-only or disabled
    run.reporter.ok(_("{name} left as the page has it ({how})").format(name=name, how=shown(how)))


def _email_note(readonly: bool, other: bool, value: str, how: str, account_email: str) -> Said:
    """The word on an e-mail box the page filled itself (record, review and terminal)."""
    if readonly and other:
        message = N_(
            "the form sends the e-mail address {value}, which the page filled in itself ({how}); "
            "the account's address {email} is not used"
        )
    elif readonly:
        message = N_("the form sends the e-mail address {value}, which the page filled in itself ({how})")
    elif other:
        message = N_(
            "the form shows (in a box it does not send) the e-mail address {value}, which the page "
            "filled in itself ({how}); the account's address {email} is not used"
        )
    else:
        message = N_(
            "the form shows (in a box it does not send) the e-mail address {value}, which the page "
            "filled in itself ({how})"
        )
    return Said(message, value=value, how=how, email=account_email)


def fit_text(run: FlowRun, box: Box) -> str:
    """The letter fitted to the smaller of the page's limits and the flow's: unchanged when it fits,
    else the account's shorter letter (see ``letters.fit``); the text the review shows and the
    record keeps is then this one. A page that takes less than the letter's legal core stops the
    attempt (needs attention): a text is never cut."""
    limits = {**box.limits(), "flow": run.flow.text_max_length}
    where, limit = min(limits.items(), key=lambda item: item[1])
    if browser_length(run.text) > limit:
        _fit(run, limit, where)
    return run.text


def _fit(run: FlowRun, limit: int, where: str) -> None:
    """Make ``run.text`` the account's letter fitted to ``limit`` and say so (record, review)."""
    from ..errors import UserError
    from ..letters.letters import fitted_for_account

    try:
        fitted = fitted_for_account(run.account, run.settings, limit)
    except UserError as exc:
        problem = getattr(exc, "said", str(exc))  # English in the record, the person's language shown
        # TRANSLATORS: {problem} says why no letter fits (e.g. "account anna: the page takes at most …")
        message = Said(N_("the letter does not fit the form: {problem}"), problem=problem)
        raise FlowStop(Outcome.NEEDS_ATTENTION, message) from None
    note = fitted.describe(run.account.text_variant)
    run.record["text_fitted"] = {
        "limit": limit,
        "limit_from": where,
        "original_length": fitted.original_length,
        "variant": fitted.variant,
        "dropped": len(fitted.dropped),
    }
    run.text = fitted.text
    run.record.update(text=run.text, text_length=len(run.text))
    run.notes.append(note)
    run.reporter.warn(note)


def named_limit(error: str, length: int) -> int | None:
    """The limit an error about length names: the largest number in it that is at least the
    shortest letter and below the text's length ("at most 300 characters" → 300)."""
    numbers = [_number(n) for n in re.findall(r"\d[\d.,]*\d|\d", error)]
    fitting = [n for n in numbers if MIN_LENGTH <= n < length]
    return max(fitting) if fitting else None


def refit_after_error(run: FlowRun) -> bool:
    """After Send, the page refused the text as too long and named its limit (the form stays, the
    text box marked as wrong or described by the error): the letter is fitted to that limit and
    typed again, and True is returned, so that the person sees the new text and approves again.
    The limit is read from the box's own error first (the page may show other alerts too, e.g. a
    site-wide banner), then from the error the page showed after Send. Once per attempt; False
    (the refusal stands) for any other error."""
    from .locate import visible_now

    fitted = run.record.get("text_fitted") or {}
    step = next((s for s in run.flow.steps if s.action == "fill" and s.value == "text" and s.target), None)
    if fitted.get("limit_from") == "error" or step is None:
        return False
    found = visible_now(run.page, step.target or [])
    if found is None:
        return False
    box = read_box(found.locator)
    error = str(run.record.get("form_error") or "")
    about_box = box.invalid or bool(error) and any(error[:40] in text for text in box.texts)
    texts = [*(box.texts if box.invalid else ()), error]
    named = [n for n in (named_limit(t, browser_length(run.text)) for t in texts) if n is not None]
    if box.owned or not about_box or not named:
        return False
    limit = max(named)  # "at least 100 … at most 300": the most the box takes
    _fit(run, limit, "error")
    held = run.fill(found.locator, run.text, step.describe or N_("the text"))
    run.record.setdefault("fields", {})["text"] = held if held is not None else run.text
    run.record_step(
        step,
        "done",
        f"the page refused the text as longer than {limit} characters; refilled with "
        f"{browser_length(run.text)} characters",
    )
    return True


def watch_posts(run: FlowRun, purpose: str, box: Box) -> None:
    """Keep, in ``record.posted``, what the form's submit request carries under this box's name:
    the value the service received, whoever pressed Send and whatever the page or the person did
    to the box after it was filled. When the posted text is not the text the record holds, the
    record takes the posted one (and says so): the proof holds what was sent."""
    if not box.name:
        return
    names: dict[str, str] | None = getattr(run, "_posted_names", None)
    if names is None:
        names = {}
        run._posted_names = names  # type: ignore[attr-defined]
        run.page.on("request", lambda request: _posted(run, names, request))
    names[box.name] = purpose


def _posted(run: FlowRun, names: dict[str, str], request: Any) -> None:
    """One request leaving the page: a form-encoded submit is read for the watched names."""
    from urllib.parse import parse_qs

    try:
        if not run.after.is_submit(request):
            return
        kind = (request.headers.get("content-type") or "").lower()
        body = request.post_data if kind.startswith("application/x-www-form-urlencoded") else None
    except Exception:  # noqa: BLE001 - a request the driver cannot describe is not the form's
        return
    values = parse_qs(body or "", keep_blank_values=True)
    posted = {purpose: values[name][-1] for name, purpose in names.items() if name in values}
    if not posted:
        return
    run.record["posted"] = posted
    text = posted.get("text")
    if text is not None and text != run.record.get("text"):  # changed after filling: keep both
        run.record.setdefault("text_filled", run.record.get("text"))
        run.record.update(text=text, text_length=len(text))
    if "email" in posted:
        run.record["email_sent"] = posted["email"]
