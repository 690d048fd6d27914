"""The engine: one flow's steps on one page for one account.

``run`` holds the state a run shares and the small vocabulary of the steps; the
steps themselves are grouped by what they deal with: ``login`` (opening the form,
waiting for the person's login, hosts), ``fields`` (dialogs, filling, ticking,
attaching), ``choices`` (answers in any markup), ``submit`` (review, approval,
Send, the code, what the page answered), ``guide`` (what the person does by hand when
objector cannot), ``mailhelp`` (the optional mailbox) and ``check`` (looking without filling).
"""

from ..proof.outcome import FlowStop, Outcome
from .run import AttemptResult, FlowRun, RunObserver, step_handler

__all__ = ["AttemptResult", "FlowRun", "FlowStop", "Outcome", "RunObserver", "step_handler"]
