"""``objector check``: open each form logged in and look for every step's target; nothing is filled."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..locate import find
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
                    "status": "after-send",
                    "detail": "appears only after Send; not checked",
                }
            )
            continue
        assert step.target
        timeout = step.timeout or (run.settings.step_timeout if step.action == "wait" else 2)
        found = find(run.page, step.target, timeout)
        if found is not None:
            rows.append(
                {
                    "step": step.label,
                    "status": "found",
                    "detail": f"candidate {found.index + 1}: {found.candidate.describe()}",
                }
            )
        else:
            rows.append(
                {
                    "step": step.label,
                    "status": "absent" if step.optional else "missing",
                    "detail": (step.describe or "") + (" (optional)" if step.optional else ""),
                }
            )
    return rows


# ---------------------------------------------------------------- steps
