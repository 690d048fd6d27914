"""``objector check``: open each form logged in and look for every step's target; nothing is filled."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..config.flows import SettingStep, Step, flow_words
from ..i18n import N_, _
from . import screens
from .fields import find_dialog
from .locate import find
from .run import step_handler

if TYPE_CHECKING:
    from .run import FlowRun


def inspect(run: FlowRun) -> list[dict[str, Any]]:
    """``objector check``: open the form (logged in) and look for every step's target.

    Nothing is filled, clicked or submitted; no proof is written.
    """
    rows: list[dict[str, Any]] = []
    for step in run.flow.steps:
        if step.action in ("open", "ensure_login"):
            step_handler(step.action)(run, step)
            rows.append({"step": step.label, "status": "done", "detail": run.steps_done[-1]["detail"]})
            continue
        if step.action in ("code", "expect"):
            rows.append(
                {
                    "step": step.label,
                    "what": _what(step),
                    "status": "after-send",
                    "detail": _("appears only after Send; not checked"),
                }
            )
            continue
        if isinstance(step, SettingStep):
            rows.append(_setting_row(run, step))
            continue
        assert step.target
        if step.action == "dismiss":
            found = find_dialog(run, step)
        else:  # looked for as a run looks: an optional field is not waited for once the form shows
            found = run.find(step, default_timeout=run.settings.step_timeout if step.action == "wait" else 2)
        if found is not None:
            rows.append(
                {
                    "step": step.label,
                    "what": _what(step),
                    "status": "found",
                    "detail": f"candidate {found.index + 1}: {found.candidate.describe()}",
                }
            )
        elif not step.optional and screens.behind_next(run):
            rows.append(
                {
                    "step": step.label,
                    "what": _what(step),
                    "status": "next-screen",
                    "detail": _(
                        "not on the form's first screen (a check presses no Next; a run goes on "
                        "to the next screen)"
                    ),
                }
            )
        else:
            rows.append(
                {
                    "step": step.label,
                    "what": _what(step),
                    "status": "absent" if step.optional else "missing",
                    "detail": flow_words(step.describe) + (" (optional)" if step.optional else ""),
                }
            )
    return rows


#: what a step looks for, in words, when its flow does not say (``describe``); shown as
#: "the Send button: found", "a box to tick: not on this page (optional)"
_ACTION_WORDS = {
    "dismiss": N_("a dialog to close"),
    "wait": N_("the form"),
    "fill": N_("a box to fill in"),
    "choose": N_("a question to answer"),
    "check": N_("a box to tick"),
    "upload": N_("a file to attach"),
    # TRANSLATORS: the form's button that sends it, as 'objector check' names it ("the Send button: found")
    "review_and_submit": N_("the Send button"),
    "code": N_("the box for the e-mailed code"),
    "expect": N_("the page's confirmation"),
}


def _what(step: Step) -> str:
    """The step's target in the flow's own words (its ``describe``), else in general words."""
    if isinstance(step, SettingStep):
        return flow_words(step.setting_name)
    if step.describe:
        return flow_words(step.describe)
    words = _ACTION_WORDS.get(step.action_name)
    return _(words) if words is not None else step.label


def _setting_row(run: FlowRun, step: SettingStep) -> dict[str, Any]:
    """A setting's control: found or not, and the state it shows now (nothing is switched)."""
    from .setting_read import settled_reading

    timeout = step.timeout or (run.settings.step_timeout if not step.optional else 3)
    if step.each:
        found = find(run.page, step.each, timeout)
        if found is None:
            return _not_there(step, "no links to blogs or sites")
        return {
            "step": step.label,
            # TRANSLATORS: {setting} is the setting's name on the page (shown as "…: found")
            "what": _("{setting}: the links to each blog or site").format(
                setting=flow_words(step.setting_name)
            ),
            "status": "found",
            "detail": f"links to each item: candidate {found.index + 1}: {found.candidate.describe()} "
            "(each item's control is looked at when run)",
        }
    found = find(run.page, step.target, timeout)
    if found is None:
        return _not_there(step, flow_words(step.describe or step.setting_name))
    reading = settled_reading(run, step, found)  # a placeholder is not the setting's state
    state = reading.state
    chosen = "" if reading.path == "itself" else f"; the control: {reading.path}"
    return {
        "step": step.label,
        "what": flow_words(step.setting_name),
        "status": "found",
        "detail": f"candidate {found.index + 1}: {found.candidate.describe()}{chosen}; shows {state.upper()} "
        f"(wanted {step.want.upper()})",
        "state": state,
        "want": step.want,
    }


def _not_there(step: Step, what: str) -> dict[str, Any]:
    return {
        "step": step.label,
        "what": _what(step),
        "status": "absent" if step.optional else "missing",
        "detail": what + (" (optional)" if step.optional else ""),
    }


# ---------------------------------------------------------------- steps
