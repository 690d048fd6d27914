"""The background submit endpoint of the contact forms (and its code step)."""

from __future__ import annotations

import logging
import secrets
import time
from typing import TYPE_CHECKING

from .after_send import gate_submit
from .config import LANGUAGES, PracticeConfig, Submission
from .form_pages import (
    code_step_html,
    confirmation_dialog_html,
    confirmation_html,
    confirmation_texts,
    form_again_html,
)
from .forms import FORM_PATHS, FormSpec, build_spec, validate
from .httpio import Request, Response
from .state import PendingCode
from .strings import Texts, texts
from .wording import wording_for

if TYPE_CHECKING:
    from .server import PracticeSite

log = logging.getLogger(__name__)


def _language(values: dict[str, str], default: str) -> str:
    lang = values.get("support_form_locale_id", "").split("_")[0].lower()
    return lang if lang in LANGUAGES else default


def thanks_path(host: str, form_id: str) -> str:
    """The address of the separate thanks page (confirmation style "navigate")."""
    path = next(p for (h, p), found in FORM_PATHS.items() if h == host and found[0] == form_id)
    return f"{path}/submitted/"


def _done(
    config: PracticeConfig, t: Texts, submission: Submission, kind: str, variant: str | None
) -> Response:
    """The answer to an accepted submit, in the configured confirmation style."""
    words = wording_for(config, t.language)
    style = config.confirmation_style
    payload: dict[str, object] = {
        "ok": True,
        "step": "done",
        "html": confirmation_html(t, kind, words, style),
    }
    if style != "in-place":
        payload["style"] = style
    if style == "toast":
        payload["message"] = confirmation_texts(t, kind, words)[0]
    elif style == "navigate":
        payload["redirect"] = thanks_path(submission.host, submission.form_id)
    if style == "dialog" or variant == "in-place":
        payload["dialog"] = confirmation_dialog_html(t, kind, words)
    return Response.json(payload)


def _refused(config: PracticeConfig, t: Texts, spec: FormSpec) -> Response:
    """The answer to a submit the ``submit_error`` mode turns away."""
    message = wording_for(config, t.language).submit_error
    if config.submit_error == "status":
        return Response.json({"ok": False, "error": message}, status=500)
    if config.submit_error == "form-again":
        return Response.json({"ok": False, "step": "form", "html": form_again_html(spec, t, message)})
    return Response.json({"ok": False, "errors": {"__form__": message}})


def handle_submit(site: PracticeSite, host: str, req: Request) -> Response:
    config = site.config
    site.state.record_arrival(host)  # the request left the browser, whatever the server then says
    if config.submit_delay:
        time.sleep(config.submit_delay)  # a slow server; each request has its own thread
    values, uploads = req.form()
    t = texts(_language(values, config.language))
    if "submission_ref" in values or "confirmation_code" in values:
        return _check_code(site, values, t)

    spec = build_spec(host, values.get("support_form_id", ""), config)
    if spec is None:
        return Response.json({"ok": False, "errors": {"__form__": t("err_generic")}}, status=400)
    fields, errors = validate(spec, values, uploads, config, t)
    if errors:
        site.state.add_rejected({"form_id": spec.form_id, "host": host, "errors": errors, "at": time.time()})
        return Response.json({"ok": False, "errors": errors})
    stopped = gate_submit(site, host, req, values, spec.form_id, t)  # a login or a check first
    if stopped is not None:
        return stopped
    if config.submit_error and site.state.refuse_submit(config.submit_error_times):
        return _refused(config, t, spec)

    submission = Submission(
        form_id=spec.form_id,
        host=host,
        language=t.language,
        user=site.user_for(host, req),
        fields=fields,
        confirmed=not config.code_step,
        at=time.time(),
    )
    site.state.add_submission(submission)
    if not config.code_step:
        return _done(config, t, submission, spec.kind, spec.variant)

    code = config.code or f"{secrets.randbelow(10**6):06d}"
    email = fields.get("email", "")
    ref = site.state.send_code(PendingCode(submission, code, spec.kind, spec.variant))
    if config.on_code is not None:
        try:
            config.on_code(email, code)
        except Exception:  # the practice site keeps working if the callback fails
            log.exception("practice on_code callback failed")
    return Response.json({"ok": True, "step": "code", "html": code_step_html(t, email, ref, spec.variant)})


def _check_code(site: PracticeSite, values: dict[str, str], t: Texts) -> Response:
    pending = site.state.pending(values.get("submission_ref", ""))
    if pending is None:
        return Response.json({"ok": False, "errors": {"__form__": t("err_generic")}})
    entered = "".join(values.get("confirmation_code", "").split())
    if entered != pending.code:
        return Response.json({"ok": False, "errors": {"confirmation_code": t("err_code")}})
    site.state.confirm(values["submission_ref"])
    return _done(site.config, t, pending.submission, pending.kind, pending.variant)
