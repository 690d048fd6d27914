"""The engine: one flow's steps on one page for one account.

``run`` holds the state a run shares and the small vocabulary of the steps; the
steps themselves are grouped by what they deal with: ``login`` (opening the form,
waiting for the person's login, hosts), ``fields`` (dialogs, filling, ticking,
attaching), ``choices`` (answers in any markup), ``submit`` (review, approval,
Send, the code, what the page answered), ``guide`` (what the person does by hand when
objector cannot), ``mailhelp`` (the optional mailbox) and ``check`` (looking without filling).

Beside them, what the steps stand on: ``browser`` (finding a browser, one profile per account,
``profiles`` where they live), ``hosts`` (the site map and the allowed hosts), ``locate`` (candidate
locators to elements), ``page_scripts`` (the JavaScript run in the page), ``waiting`` (one polling
loop; "the browser is gone"), ``aftersend`` (what the page answered Send), ``capture``
(screenshots and archives), ``uploads`` (a file checked before the page sees it) and ``traces``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..proof.outcome import FlowStop, Outcome
    from .run import AttemptResult, FlowRun, RunObserver, step_handler

__all__ = ["AttemptResult", "FlowRun", "FlowStop", "Outcome", "RunObserver", "step_handler"]


def __getattr__(name: str) -> Any:
    """The run's names, loaded when first asked for: importing one of the engine's plain modules
    (the browser, the locators) does not load the whole engine."""
    if name in ("FlowStop", "Outcome"):
        from ..proof import outcome

        return getattr(outcome, name)
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
