"""The attempt record (``record.json``): its format, defined once.

Every attempt folder under ``evidence/`` holds one ``record.json`` written by the
engine when the attempt ends. ``AttemptRecord`` *is* that format: the engine
validates what it writes against it (a misspelt or mistyped key fails at once,
in the tests, not in a person's proof), and ``docs/proof-format.md`` is generated
from it (``python -m assistant.proof.record``; a test fails when the file is out of
date).

Readers (report, status, mail check) must stay defensive: a proof file may have
been edited by hand. ``read_record`` keeps only the fields that still have the
documented type and says which did not.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..i18n import _
from .outcome import Outcome

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "proof-format.md"
RECORD_FILE = "record.json"
MAX_RECORD_BYTES = 5 << 20  # a record is a few kilobytes; a larger file is not one


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Approval(_Part):
    """What the person answered before anything was sent."""

    answer: Literal["y", "n", "m", "none", "dry-run", "by hand"] = Field(
        description="y: objector sent it; m: the person clicked Send; n/none: nothing was sent; "
        "by hand: the person sent it on a page the form had moved to"
    )
    by: str | None = Field(None, description="where the answer came from (terminal, own-click, …)")
    at: str | None = Field(None, description="UTC time of the answer (ISO 8601)")
    clicked_seen_at: str | None = Field(None, description="when the person's own click was seen")


class StepRecord(_Part):
    """One step of the flow as it happened."""

    action: str = Field(
        description="the flow action (open, fill, setting, …; next: a form in steps went to its next screen)"
    )
    value: str | None = Field(None, description="what was filled (email, text, country, …)")
    status: Literal[
        "done",
        "manual",
        "absent",
        "page-owned",
        "shown",
        "declined",
        "not-persisted",
        "turned-back",
        "unreadable",
    ] = Field(
        description="done by objector, done by the person (manual), not on the page (absent), filled "
        "by the page itself and read-only or disabled (page-owned: left as it was); for a setting also "
        "shown (dry run), declined, not-persisted, turned-back or unreadable"
    )
    detail: str = Field(description="what was done, in words")
    at: str = Field(description="UTC time (ISO 8601)")


class AfterSend(_Part):
    """What the page showed after Send."""

    kind: Literal["confirmed", "unrecognised", "rejected", "code", "left", "nothing", "login", "challenge"]
    signals: list[str] = Field(default_factory=list, description="the evidence, in words")
    text: str = Field("", description="the new text on the page (up to 500 characters)")


class LedgerHead(_Part):
    """Where the ledger stood when the record was written (its last entry then)."""

    seq: int = Field(description="that entry's sequence number (0: the ledger was empty)")
    hash: str = Field(description="that entry's hash (all zeros when the ledger was empty)")


class TextFitted(_Part):
    """The letter was made shorter to fit the form's limit (``text`` is the fitted letter)."""

    limit: int = Field(description="the most characters the form takes (the smallest limit found)")
    limit_from: Literal["maxlength", "counter", "flow", "error"] = Field(
        description="where that limit was read: the box's maxlength, a counter near it, the flow, or "
        "the page's error after a first Send (the text was then fitted, shown and approved again)"
    )
    original_length: int = Field(description="the account's own letter's length")
    variant: str = Field(description="the letter variant the text came from (short, standard, detailed)")
    dropped: int = Field(description="sentences (reasons, signature, …) left out of that variant")


class FallbackCandidate(_Part):
    step: str
    candidate: str = Field(description="the locator that matched when the first one did not")


class MailConfirmation(_Part):
    subject: str
    sender: str = Field(alias="from")
    date: str

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class RefusedBrowser(_Part):
    """The service's sign-in page refused the browser objector drives."""

    text: str = Field(description="what the page said")
    done_by_person: bool = Field(description="the person said they did it in their own browser")
    at: str


class SettingApproval(_Part):
    """The person's answer before one switch."""

    answer: Literal["y", "n", "m", "none", "browser", "dry-run", "by hand"]
    by: str | None = None
    at: str | None = None
    switched_seen_at: str | None = Field(None, description="when the person's own switch was seen")


class SaveRequest(_Part):
    """The server's answer to a request a setting's change sent (the page's own save)."""

    method: str = Field(description="POST, PUT, PATCH, …")
    status: int = Field(description="the HTTP status the server answered")


def setting_key(name: object, item: object) -> str:
    """A setting (and its blog or site) as one key: ``name`` or ``name (item)``."""
    return f"{name} ({item})" if item else str(name)


class SettingState(_Part):
    """One switch of a setting flow (per blog or site where the service has several)."""

    name: str = Field(description="the setting, in words (e.g. Data for Generative AI Improvement)")
    item: str | None = Field(None, description="the blog or site it belongs to, if any")
    want: Literal["off", "on"] = Field(description="the state that means no AI training")
    before: Literal["on", "off", "unknown", "absent"] = Field(
        "unknown", description="the state objector read first (absent: the control was not on the page)"
    )
    after_reload: Literal["on", "off", "unknown", "absent"] | None = Field(
        None, description="the state read after reloading the page (the only one that counts)"
    )
    result: Literal[
        "changed",
        "already-off",
        "already-on",
        "not-persisted",
        "by-hand",
        "declined",
        "absent",
        "dry-run",
        "still-set",
        "turned-back",
        "unreadable",
    ]
    url: str | None = Field(None, description="the page the state was read on")
    at: str | None = Field(None, description="UTC time of the last reading")
    approval: SettingApproval | None = None
    control: str | None = Field(
        None,
        description="how the control was told from the others: itself, label, labelledby, row, button "
        "(ambiguous: more than one could be meant; named: of those, the only one whose own label or row "
        "the flow names; yours: of those, the one the person used by hand, in this attempt or, for a "
        "re-check, in the last one that read it)",
    )
    chosen: int | None = Field(
        None, ge=1, description="with control 'yours': its place (1, 2, …) among those that could be it"
    )
    saved_with: str | None = Field(None, description="the page's own Save button pressed after the switch")
    save_requests: list[SaveRequest] = Field(
        default_factory=list, description="the server's answers to the requests the change sent"
    )
    why: str | None = Field(None, description="why the person was asked to switch it by hand")


class AttemptRecord(_Part):
    """``record.json``: one attempt of one flow for one account."""

    objector_version: str
    started_at: str = Field(description="UTC time the attempt began (ISO 8601)")
    finished_at: str | None = Field(None, description="UTC time the record was written")
    account: str = Field(description="the account's local name")
    platform: str = Field(description="the service (instagram, facebook, linkedin, …)")
    email: str
    country: str | None = None
    flow: str = Field(description="the flow id")
    flow_title: str
    kind: Literal["form", "setting"] = Field("form", description="an objection form or a setting")
    mode: Literal["set", "recheck"] = Field("set", description="recheck: the state was only read")
    form_url: str = Field(description="the official address of the form or setting")
    form_url_used: str | None = Field(None, description="the address that showed it, when not the usual one")
    practice: bool = Field(False, description="true: the practice site, nothing reached the service")
    practice_url: str | None = None
    unofficial: str | None = Field(None, description="set when the form is not the service's own")
    warning: str | None = None
    text: str = Field("", description="the objection text, exactly as filled in")
    text_language: str | None = None
    text_length: int = 0
    text_fitted: TextFitted | None = Field(None, description="set when the letter was fitted to a limit")
    email_sent: str | None = Field(
        None, description="the e-mail address the form held when it was sent (read back from the page)"
    )
    email_note: str | None = Field(
        None, description="set when the page chose another e-mail address than the account's"
    )
    phone: str | None = Field(
        None, description="the phone number filled in, in E.164 (a WhatsApp account is its number)"
    )
    identity_checked: bool = Field(
        True, description="false: the form does not check who sends it (no login; WhatsApp's)"
    )
    fields: dict[str, str] = Field(
        default_factory=dict,
        description="what each filled box held after filling, read back (email, text, …)",
    )
    page_owned: list[str] = Field(
        default_factory=list,
        description="boxes the page filled and kept read-only or disabled (never typed into)",
    )
    posted: dict[str, str] = Field(
        default_factory=dict,
        description="what the form's submit request carried for each filled box, read from the request "
        "(form-encoded posts only); text and email_sent follow it",
    )
    text_filled: str | None = Field(
        None,
        description="the text objector filled in (or asked the person to paste), when the form then held "
        "or sent another (text: that one)",
    )
    dry_run: bool = False
    outcome: Outcome = Field(description="how the attempt ended (see the ledger's outcomes)")
    message: str = Field(description="the one line shown to the person")
    submitted: bool = Field(description="true once the form was sent (by objector or by the person)")
    steps: list[StepRecord] = Field(default_factory=list)
    approval: Approval | None = None
    page_language: str | None = None
    submit_url: str | None = None
    after_send: AfterSend | None = None
    seconds_to_outcome: float | None = None
    form_error: str | None = Field(None, description="the page's error after Send")
    code_source: Literal["mailbox", "typed"] | None = None
    confirmation_url: str | None = None
    confirmation_text: str | None = None
    confirmed_by: Literal["page", "person"] | None = None
    email_confirmation: MailConfirmation | None = None
    moved_to: str | None = Field(None, description="where the form had moved (another host of the service)")
    last_url: str | None = None
    popups: list[str] = Field(default_factory=list, description="windows the page opened (never used)")
    fallback_candidates: list[FallbackCandidate] = Field(default_factory=list)
    archive_errors: list[str] = Field(default_factory=list)
    settings: list[SettingState] = Field(default_factory=list, description="setting flows: every switch")
    items: list[str] = Field(default_factory=list, description="the blogs or sites found on the listing page")
    refused_by_service: RefusedBrowser | None = Field(
        None, description="the service refused to sign in in the automated browser (handed to the person)"
    )
    items_skipped: list[str] = Field(default_factory=list, description="links to items not on the service")
    confirmed_dialogs: list[str] = Field(
        default_factory=list, description="settings whose change was confirmed in a dialog"
    )
    recheck_result: Literal["still-off", "still-on", "turned-on-again", "turned-off-again"] | None = None
    trace: str | None = None
    trace_error: str | None = None
    ledger_head: LedgerHead | None = Field(
        None, description="the ledger's last entry when this record was written (a lost ledger shows)"
    )
    files: list[str] = Field(default_factory=list, description="the attempt's files, hashed in the ledger")
    format_problems: list[str] = Field(
        default_factory=list, description="fields that did not fit this format when it was written (a bug)"
    )

    @classmethod
    def problems(cls, data: dict[str, Any]) -> list[str]:
        """Where ``data`` does not fit the documented format ("steps.2.status: …"); empty when it does."""
        try:
            cls.model_validate(data)
        except ValidationError as exc:
            return [f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in exc.errors()]
        return []

    @classmethod
    def fitting(cls, data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """A record read back from disk, defensively: the fields that fit the documented format,
        and the names of those that did not (left out). A field that is absent is no problem here:
        readers ask for what they need and do without."""
        try:
            cls.model_validate(data)
            return data, []
        except ValidationError as exc:
            bad = sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"] and e["type"] != "missing"})
        return {key: value for key, value in data.items() if key not in bad}, bad


def read_record(home: Path, attempt: str) -> tuple[dict[str, Any] | None, str]:
    """``home/attempt/record.json`` as its readers (report, re-check, mail check) see it: only the
    fields that fit the documented format, and in words what was wrong ("" when nothing was).

    None when there is no record to read: missing, not a real file inside the home (a link is
    never followed), larger than a record can be, not JSON, or not a JSON object.
    """
    from ..errors import UserError
    from ..storage import inside_home, read_bounded

    path = inside_home(home, f"{attempt}/{RECORD_FILE}")
    if path is None or not path.is_file():
        # TRANSLATORS: {file} is the file name record.json
        return None, _("{file} is missing").format(file=RECORD_FILE)
    try:
        data = json.loads(read_bounded(path, MAX_RECORD_BYTES).decode("utf-8"))
    except (OSError, UserError):
        return None, _("{file} cannot be read").format(file=RECORD_FILE)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, _("{file} cannot be read (it is not valid JSON)").format(file=RECORD_FILE)
    if not isinstance(data, dict):
        return None, _("{file} does not hold a record").format(file=RECORD_FILE)
    fields, bad = AttemptRecord.fitting(data)
    if bad:
        # TRANSLATORS: {fields} is a list of field names of record.json
        return fields, _("{file} has fields that do not fit its format, left out: {fields}").format(
            file=RECORD_FILE, fields=", ".join(bad)
        )
    return fields, ""


# ------------------------------------------------------------------ documentation


def _type_name(annotation: Any) -> str:
    """A field's type in plain words for the table (``str or None``, ``list[StepRecord]``)."""
    if isinstance(annotation, type) and not get_args(annotation):
        return annotation.__name__
    text = re.sub(r"<class '([\w.]+)'>", r"\1", str(annotation))
    text = re.sub(r"\b(?:[A-Za-z_]\w*\.)+(\w+)", r"\1", text)  # typing.X, assistant.proof.record.X, …
    return text.replace(" | ", " or ")


def _table(model: type[BaseModel]) -> list[str]:
    lines = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        shown = info.alias or name
        required = "yes" if info.is_required() else ""
        lines.append(
            f"| `{shown}` | `{_type_name(info.annotation)}` | {required} | {info.description or ''} |"
        )
    return lines


def markdown() -> str:
    """``docs/proof-format.md``, generated from the models above."""
    out = [
        "# The proof format",
        "",
        "Generated by `python -m assistant.proof.record` from `assistant/proof/record.py`;",
        "do not edit by hand.",
        "",
        "An objector home keeps its proof in `ledger.jsonl` (one hash-chained JSON line per event)",
        "and one folder per attempt under `evidence/<account>/<flow>/<UTC time>/`, holding",
        "`record.json` (below), screenshots (`form.png`, `form-screen-N.png` of each earlier screen of",
        "a form in steps, `confirmation.png`, `setting-N-before.png`,",
        "`setting-N-after.png`, `recheck-N.png`, …), page archives (`*.mhtml`) and, on failure,",
        "`failure.png`, `page.html` and `console.txt`. Every file's SHA-256 is in the ledger entry",
        "written after it; `objector verify` checks them all.",
        "",
        "## Outcomes",
        "",
        "| outcome | ends the (account, flow) | written while running |",
        "|---|---|---|",
        *(f"| `{o.value}` | {'yes' if o.done else ''} | {'yes' if o.in_progress else ''} |" for o in Outcome),
        "",
        "## record.json",
        "",
        *_table(AttemptRecord),
    ]
    parts: list[type[BaseModel]] = [
        Approval,
        StepRecord,
        AfterSend,
        SettingState,
        SettingApproval,
        SaveRequest,
        RefusedBrowser,
        TextFitted,
    ]
    parts += [FallbackCandidate, MailConfirmation]
    for part in parts:
        out += ["", f"### {part.__name__}", "", (part.__doc__ or "").strip(), "", *_table(part)]
    return "\n".join(line.rstrip() for line in out).replace("\n\n\n", "\n\n") + "\n"


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(0 if DOC_PATH.read_text(encoding="utf-8") == markdown() else 1)
    DOC_PATH.parent.mkdir(exist_ok=True)
    DOC_PATH.write_text(markdown(), encoding="utf-8")
    print(DOC_PATH)
