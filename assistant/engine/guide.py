"""The guided fallback: a step objector cannot do on this page is done by the person in the
browser window, then checked as far as objector can; an optional step that is not there is noted."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..config.flows import Step, flow_said
from ..i18n import N_, _
from ..people.human import Guidance
from ..proof.outcome import FlowStop, Outcome
from .common import Said, _fields, shown

if TYPE_CHECKING:
    from .run import FlowRun


def not_found(run: FlowRun, step: Step, instruction: str, *, detail: str) -> None:
    """A step's target is not on the page: nothing to do if it is optional, else the person does it."""
    if step.optional:
        missing(run, step)
    else:
        by_hand(run, step, instruction, detail=detail)


def missing(run: FlowRun, step: Step) -> None:
    """An optional step's target is not on the page: nothing to do."""
    run.record_step(step, "absent", "not on this page")


def by_hand(
    run: FlowRun,
    step: Step,
    instruction: str,
    *,
    detail: str,
    paste: str | None = None,
    check: Callable[[], bool] | None = None,
    still_empty: Callable[[], list[str]] | None = None,
) -> None:
    """Guided fallback: the person does the step in the browser, then we check what we can.

    ``still_empty`` names the fields that are still empty afterwards (the message names them).
    """
    what = flow_said(step.describe) or step.label
    # TRANSLATORS: {what} names a field or button of the form, in the flow's words
    run.reporter.warn(
        _("could not find {what} on the page — please do this step by hand").format(what=shown(what))
    )
    try:
        run.page.bring_to_front()
    except Exception:  # noqa: BLE001 - bringing the window forward is a courtesy
        pass
    done = run.human.guide(Guidance(run.account.name, instruction, paste))
    if not done:
        raise FlowStop(
            Outcome.NEEDS_ATTENTION,
            Said(N_("{what}: not done by hand, so nothing was submitted; run again to retry"), what=what),
        )
    empty = still_empty() if still_empty is not None else []
    if empty:
        if len(empty) == 1:
            # TRANSLATORS: {fields} is one field's label in quotes
            looks = N_("{fields} still looks empty, so nothing was submitted; run again to retry")
        else:
            # TRANSLATORS: {fields} is a list of field labels in quotes, separated by ";"
            looks = N_("{fields} still look empty, so nothing was submitted; run again to retry")
        message = Said(looks, fields=_fields(empty))
        raise FlowStop(Outcome.NEEDS_ATTENTION, message)
    if check is not None and not check():
        raise FlowStop(
            Outcome.NEEDS_ATTENTION,
            Said(N_("{what} still looks empty, so nothing was submitted; run again to retry"), what=what),
        )
    run.record_step(step, "manual", detail)
    # TRANSLATORS: {detail} says what was done (e.g. "country Germany")
    run.reporter.ok(_("{detail} (done by hand)").format(detail=shown(detail)))
