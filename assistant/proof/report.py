"""``objector report``: the proof as one self-contained page to keep, show or print.

The page holds everything itself: screenshots are embedded as ``data:`` URIs,
the style sheet is inline, there is no script and nothing is loaded from the
network. It opens with the result of ``verify`` (so a report of changed proof
says so at the top) and the ledger's fingerprint, then a summary per account
and form, then every attempt with its facts, the text sent, the screenshots,
the confirmation e-mail and the SHA-256 of each file, and finally the ledger.

This module reads the proof and gathers what the page shows as plain values; the HTML is in
``templates/`` and is rendered by Jinja2 (``report_page.environment``), which escapes every
value and translates every sentence into the language in use (``assistant.i18n``). Dates and
numbers are written as that language writes them (Babel). Everything read from the proof is
treated as data.

``--pdf`` prints the same page to an A4 PDF with the browser objector already uses.
"""

from __future__ import annotations

import base64
import contextlib
import email
import email.policy
import html
import json
import re
import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import __version__
from ..config.flows import flow_words, unofficial_label
from ..config.home import Home
from ..errors import UserError
from ..i18n import N_, _, language, ngettext
from ..storage import atomic_write, inside_home, read_bounded
from .ledger import MAX_LEDGER_BYTES, iso, utc_now
from .outcome import PRACTICE_MARK
from .record import RECORD_FILE, read_record
from .report_page import (
    country_name,
    css_counter,
    css_string,
    environment,
    format_date,
    format_number,
    format_time,
    language_name,
)
from .verify import Problem, Verification, verify_home

REPORT_DIR = "report"
REPORT_NAME = "objector-report.html"
MAIL_FILE = "mail-confirmation.eml"
MAX_IMAGE_BYTES = 25 * 1024 * 1024
MAX_MAIL_BODY = 4000

# outcome -> (label, tone); tone picks the badge colour
OUTCOMES: dict[str, tuple[str, str]] = {
    "confirmed": (N_("Confirmed"), "ok"),
    "covered": (N_("Covered"), "ok"),
    "declined": (N_("Skipped, not sent"), "idle"),
    "skipped": (N_("Skipped, not sent"), "idle"),
    "dry-run": (N_("Dry run: not sent"), "idle"),
    "not-confirmed": (N_("No confirmation seen"), "warn"),
    "rejected": (N_("Refused by the page, not sent"), "warn"),
    "not-kept": (N_("Not kept: the page asked to log in again"), "warn"),
    "needs-attention": (N_("Needs attention"), "warn"),
    "interrupted": (N_("Interrupted"), "warn"),
    "awaiting-approval": (N_("Waiting for approval"), "warn"),
    "submitting": (N_("Sending, no result recorded"), "warn"),
    "blocked": (N_("Blocked"), "bad"),
    "failed": (N_("Failed"), "bad"),
    "still-set": (N_("Still set"), "ok"),
    "turned-back": (N_("Changed back by the service"), "bad"),
}
COMPACT_OUTCOMES = frozenset({"declined", "skipped", "dry-run"})
SCREENSHOTS = (
    ("form.png", N_("The filled form, just before Send")),
    ("confirmation.png", N_("The page after Send")),
    ("failure.png", N_("The page where objector stopped")),
)
FILE_ROLES = {
    "form.png": N_("screenshot of the filled form"),
    "confirmation.png": N_("screenshot of the confirmation"),
    "failure.png": N_("screenshot where objector stopped"),
    "form.mhtml": N_("archive of the form page"),
    "confirmation.mhtml": N_("archive of the confirmation page"),
    "record.json": N_("record of the attempt"),
    "page.html": N_("page source when it went wrong"),
    "console.txt": N_("browser console when it went wrong"),
    MAIL_FILE: N_("confirmation e-mail"),
}
PROBLEM_WORDS = {
    "missing": N_("missing"),
    "modified": N_("changed"),
    "unexpected": N_("not in the ledger"),
    "ledger-edited": N_("ledger line edited"),
    "chain-broken": N_("ledger chain broken"),
    "ledger-unreadable": N_("ledger unreadable"),
    "symlink": N_("a symbolic link, not proof"),
    "not-a-file": N_("not an ordinary file"),
    "outside-home": N_("points outside the home"),
    "unreadable": N_("cannot be read"),
    "stamp": N_("time-stamp does not verify"),
}
# a step of a flow (its action, and for some actions the value it handles) -> what it did, in words
STEP_NAMES: dict[str, str] = {
    "open": N_("Open the page"),
    "ensure_login": N_("Log in"),
    "dismiss": N_("Close a dialog (cookies)"),
    "wait": N_("Wait for the form"),
    "choose": N_("Choose an option"),
    "choose:country": N_("Choose the country"),
    "check": N_("Tick a box"),
    "fill": N_("Fill in a field"),
    "fill:email": N_("Fill in the e-mail address"),
    "fill:text": N_("Fill in the text"),
    "fill:country": N_("Fill in the country"),
    "fill:first_name": N_("Fill in the first name"),
    "fill:last_name": N_("Fill in the last name"),
    "fill:full_name": N_("Fill in the name"),
    "upload": N_("Attach a file"),
    "upload:screenshot": N_("Attach a screenshot"),
    "review_and_submit": N_("Review and send"),
    "code": N_("Enter the code from the e-mail"),
    "expect": N_("Look for the confirmation"),
    "setting": N_("Switch a setting"),
    "next": N_("Go to the next screen"),
}
# what became of a step -> in words
STEP_STATES: dict[str, str] = {
    "done": N_("Done"),
    "absent": N_("Not on this page (not needed)"),
    "missing": N_("Not found"),
    "found": N_("Found"),
    "manual": N_("Done by you in the browser"),
    "declined": N_("Left as it was"),
    "unreadable": N_("Could not be read"),
    "turned-back": N_("Turned back again"),
    "shown": N_("Shown only (dry run)"),
    "page-owned": N_("Set by the page"),
    "not-persisted": N_("Did not stay after a reload"),
    "after-send": N_("Comes after Send"),
    "next-screen": N_("On the next screen"),
}


def readable(code: str) -> str:
    """A code nobody gave words to yet, made readable: ``review_and_submit`` -> "Review and submit"."""
    words = " ".join(re.sub(r"[_\-:]+", " ", code).split())
    return words[:1].upper() + words[1:]


def step_name(action: Any, value: Any = None) -> str:
    """What a step did, in the words of the report's language (a readable fallback for a new one)."""
    action = _text(action)
    if not action:
        return "—"
    label = STEP_NAMES.get(f"{action}:{value}") if isinstance(value, str) else None
    label = label or STEP_NAMES.get(action)
    return _(label) if label else readable(action)


def step_state(status: Any) -> str:
    """What became of a step, in words (a readable fallback for a state not in the table)."""
    status = _text(status)
    if not status:
        return "—"
    label = STEP_STATES.get(status)
    return _(label) if label else readable(status)


class ReportError(UserError):
    pass


# the languages a report can be made in (``objector report --lang``): objector's letter languages
REPORT_LANGUAGES = ("cs", "da", "de", "el", "en", "es", "fi", "fr", "hu", "it", "nl", "pl", "pt", "ro", "sv")


@contextlib.contextmanager
def in_language(code: str | None) -> Iterator[None]:
    """Speak ``code`` while the report is made (``report --lang``), then the language spoken before.
    ``None``: the language in use, unchanged."""
    if code is None or code == language():
        yield
        return
    if code not in REPORT_LANGUAGES:
        raise ReportError(
            _("--lang: {code} is not a report language; use one of {codes}.").format(
                code=repr(code), codes=" ".join(REPORT_LANGUAGES)
            )
        )
    from .. import i18n

    use = getattr(i18n, "use", None)
    if use is None:  # assistant.i18n without use(): this objector speaks English only
        raise ReportError(_("--lang: this objector can make the report in English only."))
    before = language()
    why = i18n.choice() if hasattr(i18n, "choice") else None
    use(code)
    try:
        yield
    finally:
        if why is not None:
            use(before, why)
        else:
            use(before)


@dataclass
class ReportResult:
    html: Path
    pdf: Path | None
    attempts: int
    pdf_pages: int | None


# --------------------------------------------------------------------------- reading the proof


@dataclass
class AttemptView:
    path: str
    account: str
    flow: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    mails: list[dict[str, Any]] = field(default_factory=list)

    @property
    def first_seq(self) -> int:
        return _int(self.entries[0].get("seq")) if self.entries else 0

    @property
    def files(self) -> dict[str, str]:
        """The files of the newest ledger entry for this attempt (it lists them all)."""
        for entry in reversed([*self.entries, *self.mails_sorted()]):
            if isinstance(entry.get("files"), dict):
                return {str(k): str(v) for k, v in entry["files"].items()}
        return {}

    def mails_sorted(self) -> list[dict[str, Any]]:
        return sorted(self.mails, key=lambda e: _int(e.get("seq")))

    @property
    def status_entry(self) -> dict[str, Any] | None:
        return self.entries[-1] if self.entries else None


@dataclass
class PairView:
    account: str
    flow: str
    attempts: list[AttemptView] = field(default_factory=list)
    others: list[dict[str, Any]] = field(default_factory=list)  # entries without an attempt (covered)
    mails: list[dict[str, Any]] = field(default_factory=list)
    latest: dict[str, Any] | None = None


@dataclass
class Proof:
    home: Path
    entries: list[dict[str, Any]]
    verification: Verification
    accounts: list[dict[str, str]]
    pairs: list[PairView]
    attempts: dict[str, AttemptView]
    last_hash: str | None
    ledger_exists: bool
    titles: dict[str, str] | None = None


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)


def read_entries(home: Path) -> list[dict[str, Any]]:
    """The ledger's entries, skipping lines that are not entries (``verify`` reports those)."""
    path = Home(home).ledger_file
    try:
        lines = read_bounded(path, MAX_LEDGER_BYTES).decode("utf-8", errors="replace").splitlines()
    except (OSError, UserError):
        return []
    entries = []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def _load_accounts(home: Path) -> list[dict[str, Any]]:
    try:
        from ..config.accounts import load_accounts

        accounts = load_accounts(Home(home).accounts_file)
    except Exception:  # noqa: BLE001 - a broken accounts file must not stop the report
        return []
    found: list[dict[str, Any]] = []
    for account in accounts:
        found.append(
            {
                "name": account.name,
                "platform": str(account.platform),
                "email": account.email,
                "country": account.country,
                "flows": list(account.flow_ids),
                "linked_with": account.linked_with or "",
            }
        )
    return found


def read_proof(home: Path, tsa_cafile: Path | None = None) -> Proof:
    entries = read_entries(home)
    verification = verify_home(home, tsa_cafile=tsa_cafile)
    accounts = _load_accounts(home)
    attempts: dict[str, AttemptView] = {}
    pairs: dict[tuple[str, str], PairView] = {}
    for known_account in accounts:
        for flow in known_account["flows"]:
            pairs.setdefault((known_account["name"], flow), PairView(known_account["name"], flow))
    for entry in entries:
        account, flow = _text(entry.get("account")), _text(entry.get("flow"))
        attempt = entry.get("attempt") if isinstance(entry.get("attempt"), str) else None
        if not account and not flow and not attempt:
            continue
        is_mail = entry.get("kind") == "mail"
        view = None
        if attempt:
            view = attempts.get(attempt)
            if view is None:
                view = attempts[attempt] = AttemptView(attempt, account or "?", flow or "?")
            account, flow = account or view.account, flow or view.flow
        pair = pairs.setdefault((account, flow), PairView(account, flow))
        if is_mail:
            pair.mails.append(entry)
            if view is not None:
                view.mails.append(entry)
                if view not in pair.attempts:
                    pair.attempts.append(view)
            continue
        pair.latest = entry
        if view is not None:
            view.entries.append(entry)
            if view not in pair.attempts:
                pair.attempts.append(view)
        else:
            pair.others.append(entry)
    # accounts named only in the ledger come after the accounts file's, in ledger order
    known = {a["name"] for a in accounts}
    for name, _flow in pairs:
        if name not in known:
            known.add(name)
            accounts.append(
                {"name": name, "platform": "", "email": "", "country": "", "flows": [], "linked_with": ""}
            )
    order = {a["name"]: i for i, a in enumerate(accounts)}
    ordered = sorted(pairs.values(), key=lambda p: order.get(p.account, len(order)))
    last = entries[-1].get("hash") if entries else None
    return Proof(
        home,
        entries,
        verification,
        accounts,
        ordered,
        attempts,
        last if isinstance(last, str) else None,
        Home(home).ledger_file.exists(),
    )


def _read_bytes(home: Path, relative: str, limit: int = MAX_IMAGE_BYTES) -> bytes | None:
    path = inside_home(home, relative)
    if path is None or not path.is_file():
        return None
    try:
        if path.stat().st_size > limit:
            return None
        return path.read_bytes()
    except OSError:
        return None


# --------------------------------------------------------------------------- formatting
#
# These give plain text (the templates escape it) or small lists of (text, css class) pieces for
# a cell that mixes plain and faint text; none of them builds HTML.

Pieces = list[tuple[str, str]]
DASH: Pieces = [("—", "faint")]


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def when(value: Any, *, seconds: bool = True) -> str:
    """``27 Nov 2026, 05:06:31 UTC`` in the report's language, the value as it is if it is not a
    time, "" when there is none."""
    moment = _moment(value)
    if moment is None:
        return _text(value)
    return _("{date}, {time} UTC").format(
        date=format_date(moment),
        time=format_time(moment, seconds=seconds),
    )


def day_time(value: Any) -> dict[str, str]:
    """A time as its day and, below it, its hour (``{"date", "time"}``), or ``{"raw"}``."""
    moment = _moment(value)
    if moment is None:
        return {"raw": _text(value)}
    return {
        "date": format_date(moment),
        "time": _("{time} UTC").format(time=format_time(moment, seconds=False)),
    }


def clock(value: Any) -> str:
    moment = _moment(value)
    return format_time(moment) if moment else _text(value)


def mail_when(value: Any) -> str:
    if not isinstance(value, str) or not value:
        return ""
    with contextlib.suppress(TypeError, ValueError, IndexError):
        sent = parsedate_to_datetime(value)
        if sent.tzinfo is None:
            sent = sent.replace(tzinfo=UTC)
        return when(sent.astimezone(UTC).isoformat(), seconds=False)
    return when(value, seconds=False)


def number(value: int) -> str:
    return format_number(value)


def language_pieces(code: Any) -> Pieces:
    """``English (en)``: a language code from the proof, named in the report's language."""
    if not isinstance(code, str) or not code.strip():
        return [(_("not recorded"), "faint")]
    name = language_name(code)
    return [(name, ""), (" ", ""), (f"({code})", "faint")] if name else [(code, "")]


def country(code: Any) -> str:
    """``Ireland (IE)`` in the report's language, or the code as it is."""
    if not isinstance(code, str) or not code:
        return ""
    name = country_name(code)
    return f"{name} ({code})" if name else code


def badge(outcome: Any, *, submitted: bool = False) -> dict[str, str]:
    """An outcome's badge: its words and its tone (``ok``, ``warn``, ``bad``, ``idle``)."""
    if isinstance(outcome, str) and outcome in OUTCOMES:
        label, tone = OUTCOMES[outcome]
        label = _(label)
    else:
        label, tone = (_text(outcome) or _("unknown")), "idle"
    if submitted and outcome not in ("confirmed", "covered", "submitting"):
        label = _("{outcome} (the form was sent)").format(outcome=label)
    return {"label": label, "tone": tone}


def problem_words(kind: str) -> str:
    return _(PROBLEM_WORDS[kind]) if kind in PROBLEM_WORDS else kind


def _platform(name: Any) -> str:
    from ..config.hosts import service_name

    return service_name(_text(name)) if name else ""


def _fingerprint(value: str | None) -> str:
    if not value or not re.fullmatch(r"[0-9a-f]{64}", value):
        return value or "—"
    return " ".join(value[i : i + 8] for i in range(0, 64, 8))


def _image_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width and height else None


def _approval(record: dict[str, Any], entries: list[dict[str, Any]]) -> Pieces:
    found = record.get("approval")
    approval: dict[str, Any] = found if isinstance(found, dict) else {}
    answer = approval.get("answer")
    if answer is None:
        answer = next((e.get("approval") for e in reversed(entries) if e.get("approval")), None)
    at = approval.get("at")
    timed = _moment(at) is not None
    values = {"time": clock(at)}
    if approval.get("by") == "person clicked in the browser":
        text = (
            _("You clicked Send yourself in the browser window while objector was asking at {time} UTC.")
            if timed
            else _("You clicked Send yourself in the browser window while objector was asking.")
        )
    elif answer == "by hand":
        text = _("You sent it yourself on the page the form had moved to; objector could not see it.")
    elif answer == "y":
        text = (
            _("You approved sending it in the terminal at {time} UTC.")
            if timed
            else _("You approved sending it in the terminal.")
        )
    elif answer == "m":
        seen = approval.get("clicked_seen_at")
        values["seen"] = clock(seen)
        text = (
            _("You clicked Send yourself in the browser window; the click was seen at {seen} UTC.")
            if _moment(seen)
            else _("You clicked Send yourself in the browser window.")
        )
    elif answer == "n":
        text = _("You chose not to send it at {time} UTC.") if timed else _("You chose not to send it.")
    elif answer == "none":
        text = (
            _("No answer was given, so nothing was sent at {time} UTC.")
            if timed
            else _("No answer was given, so nothing was sent.")
        )
    elif answer == "dry-run":
        text = _("Dry run: objector filled the form and stopped before Send.")
    elif answer is None:
        return [(_("no approval recorded"), "faint")]
    else:
        return [(_text(answer), "")]
    return [(text.format(**values), "")]


def confirmation_words(value: Any) -> str:
    """What the page said after Send, once. objector keeps the page's answer as the parts it read
    joined with " · " (the whole message, then its heading, then its body, and marks such as ✓),
    so the same words came up to three times: each part is shown only when no other part holds it."""
    parts = []
    for part in _text(value).split(" · "):
        part = _strip_marks(part)
        if part and part not in parts:
            parts.append(part)
    kept = [p for p in parts if not any(p != other and p in other for other in parts)]
    return " · ".join(kept)


def _strip_marks(text: str) -> str:
    """``text`` without the marks (✓, ✔, •) and spaces around it that objector read with the words."""
    start, end = 0, len(text)
    while start < end and (
        text[start].isspace() or unicodedata.category(text[start]) == "So" or text[start] == "•"
    ):
        start += 1
    while end > start and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) == "So"):
        end -= 1
    return text[start:end]


QUOTED_CONFIRMATION = re.compile(r'(?s)^(\w[\w -]*): "(.+?)…?"(.*)$')


def _step_detail(step: dict[str, Any], rec: dict[str, Any]) -> Pieces:
    """A step's detail; for the step that saw the confirmation, without quoting the page's words a
    second time (they are shown once, under "What the page said after Send")."""
    detail = _text(step.get("detail"))
    answer = _text(rec.get("confirmation_text"))
    match = QUOTED_CONFIRMATION.match(detail)
    if step.get("action") == "expect" and answer and match:
        quoted = match.group(2).rstrip(" …")
        if quoted[:40] and quoted[:40] in answer:
            return [
                (match.group(1) + match.group(3), ""),
                (" · " + _("the page’s words are shown above"), "faint"),
            ]
    return [(detail, "")]


# --------------------------------------------------------------------------- the page


def is_practice(entries: list[dict[str, Any]]) -> bool:
    """Whether ledger entries belong to a practice attempt (a site map was in use)."""
    return any(entry.get("practice") is True for entry in entries)


def practice_attempts(proof: Proof) -> tuple[int, int]:
    """(practice attempts, all attempts) in the proof."""
    views = list(proof.attempts.values())
    return sum(is_practice(v.entries) for v in views), len(views)


def render_html(home: Path, tsa_cafile: Path | None = None) -> str:
    """The report page for the proof in ``home``, as one self-contained HTML string, in the
    language in use (``assistant.i18n``)."""
    return _render(read_proof(Path(home), tsa_cafile), generated=utc_now())


def _render(proof: Proof, *, generated: datetime) -> str:
    env = environment()
    practice, total = practice_attempts(proof)
    mark = _(PRACTICE_MARK)
    fingerprint = (
        proof.last_hash if proof.last_hash and re.fullmatch(r"[0-9a-f]{64}", proof.last_hash) else ""
    )
    footer = _("objector proof report")
    if fingerprint:
        footer += " · " + _("ledger fingerprint {start}").format(start=fingerprint[:16])
    if not proof.verification.ok:
        footer += " · " + _("PROOF CHANGED (see page 1)")
    title = _("Proof of objection to AI at Meta – objector report")
    if practice:
        footer += f" · {mark}"
        title = f"{mark} – " + (_("practice attempts – objector report") if practice == total else title)
    code = language()
    # the style sheet is a template of its own (not autoescaped: CSS is not HTML); the only values
    # in it are built by css_string from a closed set of characters, so it is safe as it is
    style = Markup(
        env.get_template("report.css").render(
            footer_left=css_string(footer), page_counter=css_counter(_("page {page} of {pages}"))
        )
    )
    context: dict[str, Any] = {
        "lang": code,
        "language_shown": language_name(code, code, capital=True) or code,
        "version": __version__,
        "title": title,
        "style": style,
        "practice_mark": mark,
        "practice": {"count": practice, "total": total},
        "head": _head(proof, generated),
        "verification": _verification(proof),
        "has_entries": bool(proof.entries),
        "ledger_exists": proof.ledger_exists,
        "generated": {"date": format_date(generated), "time": format_time(generated, seconds=False)},
    }
    if proof.entries:
        context |= {
            "summary": _summary(proof),
            "settings_history": _settings_history(proof),
            "attempts": _attempts(proof),
            "attempt_count": len(proof.attempts),
            "stamps": _stamps(proof),
            "ledger": _ledger(proof),
        }
    return env.get_template("report.html").render(context)


def _head(proof: Proof, generated: datetime) -> dict[str, Any]:
    accounts = []
    for account in proof.accounts:
        bits = [
            b for b in (_platform(account["platform"]), account["email"], country(account["country"])) if b
        ]
        accounts.append({"name": account["name"], "detail": " · ".join(bits)})
    return {"accounts": accounts, "made": when(iso(generated))}


def _verification(proof: Proof) -> dict[str, Any]:
    result = proof.verification
    state = "ok" if result.ok else "bad"
    if not proof.ledger_exists and result.ok:
        state = "none"
    return {
        "state": state,
        "fingerprint": _fingerprint(proof.last_hash),
        "entries": result.entries,
        "files": result.files,
        "problems": [
            {"kind": problem_words(p.kind), "path": p.path, "detail": p.detail} for p in result.problems[:200]
        ],
        "count": len(result.problems),
        "more": max(0, len(result.problems) - 200),
    }


def proof_titles(proof: Proof) -> dict[str, str]:
    if proof.titles is None:
        proof.titles = _flow_titles(proof)
    return proof.titles


def _flow_titles(proof: Proof) -> dict[str, str]:
    titles: dict[str, str] = {}
    for view in proof.attempts.values():
        record, _problem = read_record(proof.home, view.path)
        if record and isinstance(record.get("flow_title"), str) and record["flow_title"]:
            titles.setdefault(view.flow, record["flow_title"])
    return titles


def _summary(proof: Proof) -> list[dict[str, Any]]:
    titles = proof_titles(proof)
    rows = []
    for pair in proof.pairs:
        entry = pair.latest
        mail = None
        if pair.mails:
            last = pair.mails[-1]
            mail = mail_when(last.get("mail_date")) or when(last.get("at"), seconds=False)
        rows.append(
            {
                "account": pair.account,
                "flow": pair.flow,
                "title": flow_words(titles.get(pair.flow, "")),
                "badge": badge(entry.get("outcome"), submitted=bool(entry.get("submitted")))
                if entry
                else None,
                "at": day_time(entry.get("at")) if entry else None,
                "covered": _text(entry.get("covered_via"))
                if entry and entry.get("outcome") == "covered"
                else "",
                "mail": mail,
            }
        )
    return rows


def _attempts(proof: Proof) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for pair in proof.pairs:
        total = len(pair.attempts)
        newest_first = sorted(pair.attempts, key=lambda v: v.first_seq, reverse=True)
        for number_, view in zip(range(total, 0, -1), newest_first, strict=True):
            blocks.append(_attempt(proof, view, number_, total))
        for entry in reversed(pair.others):
            blocks.append(_other_entry(pair, entry))
    return blocks


def _other_entry(pair: PairView, entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "other": True,
        "account": pair.account,
        "flow": pair.flow,
        "practice": entry.get("practice") is True,
        "covered_via": _text(entry.get("covered_via")) if entry.get("outcome") == "covered" else None,
        "badge": badge(entry.get("outcome")),
        "at": when(entry.get("at")),
        "seq": _text(entry.get("seq")),
    }


def _unofficial(record: dict[str, Any], view: AttemptView) -> str | None:
    """The service this attempt's form was not an official form of, from the record or the ledger."""
    for source in (record, *view.entries):
        if isinstance(source.get("unofficial"), str) and source["unofficial"]:
            return str(source["unofficial"])
    return None


def _attempt(proof: Proof, view: AttemptView, number_: int, total: int) -> dict[str, Any]:
    record, record_problem = read_record(proof.home, view.path)
    rec = record or {}
    last = view.status_entry or {}
    outcome = last.get("outcome") or rec.get("outcome")
    submitted = bool(last.get("submitted") or rec.get("submitted"))
    compact = outcome in COMPACT_OUTCOMES and not submitted
    problems = {p.path: p for p in proof.verification.problems if p.path.startswith(view.path + "/")}
    started = rec.get("started_at") or (view.entries[0].get("at") if view.entries else None)
    finished = rec.get("finished_at") if record is not None else None
    text = rec.get("text") if isinstance(rec.get("text"), str) and rec.get("text") else ""
    shots = [_figure(proof, view, name, caption, problems) for name, caption in _shots_for(view)]
    return {
        "other": False,
        "anchor": _anchor(view),
        "compact": compact,
        "head": _attempt_head(proof, view, rec, outcome, submitted, started, number_, total),
        "warnings": _attempt_warnings(view, rec, record is not None, record_problem, problems),
        "facts": _facts(rec, view, started, finished),
        "settings": _setting_table(rec) if rec.get("kind") == "setting" else None,
        "figures": shots,
        "unsent_length": number(len(text)) if compact and text else None,
        "text": None if compact else _text_block(rec, submitted),
        "answer": None if compact else _answer(rec),
        "steps": None if compact else _steps(rec),
        "mail": _mail(proof, view),
        "files": _files(view, problems),
    }


def _attempt_head(
    proof: Proof,
    view: AttemptView,
    rec: dict[str, Any],
    outcome: object,
    submitted: bool,
    started: object,
    number_: int,
    total: int,
) -> dict[str, Any]:
    """The attempt's title block: account, service and flow, its outcome badge, when and by what."""
    return {
        "account": view.account,
        "platform": _platform(rec.get("platform")),
        "flow": view.flow,
        "practice": is_practice(view.entries),
        # the flow's title as written in the record, in the report's language when the catalogue has it
        "title": flow_words(_text(rec.get("flow_title")) or proof_titles(proof).get(view.flow)) or view.flow,
        "badge": _setting_badge(rec) or badge(outcome, submitted=submitted),
        "count": _("attempt {number} of {total}").format(number=number(number_), total=number(total)),
        "started": when(started, seconds=False),
        "version": _text(rec.get("objector_version")),
    }


def _attempt_warnings(
    view: AttemptView,
    rec: dict[str, Any],
    has_record: bool,
    record_problem: str,
    problems: dict[str, Problem],
) -> list[dict[str, Any]]:
    """What the reader must know before the details: an unofficial form, proof changed since it
    was recorded, a record that does not fit or is missing."""
    out: list[dict[str, Any]] = []
    service = _unofficial(rec, view)
    if service:
        out.append({"kind": "unofficial", "label": unofficial_label(service)})
    if problems:
        items = [
            {"name": Path(p.path).name, "kind": problem_words(p.kind), "detail": p.detail}
            for p in problems.values()
        ]
        out.append({"kind": "changed", "files": items})
    if has_record and record_problem:
        out.append({"kind": "record-problem", "problem": record_problem})
    if not has_record and RECORD_FILE in view.files:
        out.append({"kind": "no-record", "problem": record_problem})
    elif not has_record:
        out.append({"kind": "unfinished"})
    return out


def _text_block(rec: dict[str, Any], submitted: bool) -> dict[str, Any] | None:
    text = rec.get("text")
    if not isinstance(text, str) or not text:
        return None
    code = rec.get("text_language")
    name = language_name(code) if isinstance(code, str) and code.strip() else ""
    length = ngettext("{num} character", "{num} characters", len(text)).format(num=number(len(text)))
    if code:
        meta = f"{length}, {name} ({code})" if name else f"{length}, {code}"
    else:
        meta = length
    return {"text": text, "sent": submitted, "meta": meta}


def _answer(rec: dict[str, Any]) -> dict[str, Any] | None:
    answer = rec.get("confirmation_text")
    if not answer:
        return None
    return {
        "words": confirmation_words(answer) or _text(answer),
        "by_person": rec.get("confirmed_by") == "person",
    }


def _facts(rec: dict[str, Any], view: AttemptView, started: Any, finished: Any) -> list[tuple[str, Pieces]]:
    def at(value: Any) -> Pieces:
        shown = when(value)
        return [(shown, "")] if shown else DASH

    rows: list[tuple[str, Pieces]] = [(_("Started"), at(started))]
    if finished:
        rows.append((_("Finished"), at(finished)))
    elif view.entries:
        rows.append((_("Last recorded"), at(view.entries[-1].get("at"))))
    form_url = rec.get("form_url")
    rows.append(
        (
            _("Settings page (live address)") if rec.get("kind") == "setting" else _("Form (live address)"),
            [(_text(form_url), "url")] if form_url else [(_("not recorded"), "faint")],
        )
    )
    if rec.get("practice") is True and isinstance(rec.get("practice_url"), str):
        rows.append((_("Practice address used"), [(rec["practice_url"], "url")]))
    for key, label in (("submit_url", N_("Sent from page")), ("confirmation_url", N_("Confirmation page"))):
        value = rec.get(key)
        if value and value != form_url:
            rows.append((_(label), [(_text(value), "url")]))
    rows.append((_("Page language"), language_pieces(rec.get("page_language"))))
    who = [
        rec["email"] if isinstance(rec.get("email"), str) and rec.get("email") else "",
        country(rec.get("country")),
    ]
    if any(who):
        rows.append((_("E-mail · country"), [(" · ".join(w for w in who if w), "")]))
    rows += _page_owned_rows(rec)
    if rec.get("mode") == "recheck":
        rows.append(
            (_("Approval"), [(_("None needed: a re-check only reads the setting and changes nothing."), "")])
        )
    else:
        rows.append((_("Approval"), _approval(rec, view.entries)))
    message = rec.get("message")
    if message and _text(message) != _text(rec.get("outcome")) and rec.get("outcome") not in COMPACT_OUTCOMES:
        rows.append((_("Result"), [(_text(message), "")]))
    if rec.get("form_error"):
        rows.append((_("Form error"), [(_text(rec.get("form_error")), "")]))
    seqs = ", ".join(_text(e.get("seq")) for e in [*view.entries, *view.mails_sorted()])
    count = len(view.entries) + len(view.mails)
    entries = ngettext("ledger entry {seqs}", "ledger entries {seqs}", count).format(seqs=seqs or "—")
    rows.append((_("Proof folder"), [(view.path, "url"), (" · " + entries, "faint")]))
    return rows


def _page_owned_rows(rec: dict[str, Any]) -> list[tuple[str, Pieces]]:
    """What the page decided: an e-mail address it filled in itself (when not the account's), and
    a letter fitted to the form's length limit."""
    rows: list[tuple[str, Pieces]] = []
    sent = rec.get("email_sent")
    if isinstance(sent, str) and sent.strip().lower() != str(rec.get("email") or "").strip().lower():
        rows.append((_("E-mail sent (chosen by the page)"), [(sent, "")]))
    fitted = rec.get("text_fitted")
    if isinstance(fitted, dict) and isinstance(fitted.get("limit"), int):
        where = {
            "maxlength": N_("its text box"),
            "counter": N_("its counter"),
            "error": N_("its error after Send"),
        }
        told = _(where.get(str(fitted.get("limit_from")), N_("the flow")))
        line = _(
            "the form took at most {limit} characters ({told}); the {variant} letter was sent "
            "({length} of {original} characters, whole sentences)"
        ).format(
            limit=number(fitted["limit"]),
            told=told,
            variant=_text(fitted.get("variant")),
            length=number(_int(rec.get("text_length"))),
            original=number(_int(fitted.get("original_length"))),
        )
        rows.append((_("Text fitted"), [(line, "")]))
    return rows


def _image(proof: Proof, view: AttemptView, name: str) -> tuple[str, tuple[int, int] | None] | None:
    data = _read_bytes(proof.home, f"{view.path}/{name}")
    if data is None:
        return None
    size = _image_size(data)
    if size is None:
        return "", None
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii"), size


def _figure(
    proof: Proof, view: AttemptView, name: str, caption: str, problems: dict[str, Problem]
) -> dict[str, Any]:
    found = _image(proof, view, name)
    problem = problems.get(f"{view.path}/{name}")
    uri, size = found if found is not None else ("", None)
    return {
        "name": name,
        "caption": caption,
        "problem": problem_words(problem.kind) if problem is not None else None,
        "digest": view.files.get(name, "")[:16],
        "state": "missing" if found is None else ("not-png" if not uri else "ok"),
        # a data: URI built here from the image's own bytes in base64: nothing in it can be markup
        "uri": uri,
        "size": size,
        "tall": size is not None and size[1] > size[0] * 1.2,
        "anchor": _anchor(view, name),
    }


def _shots_for(view: AttemptView) -> list[tuple[str, str]]:
    files = view.files
    shots = [(n, _(c)) for n, c in SCREENSHOTS if n in files]
    shots += [
        (n, _setting_shot_caption(n)) for n in sorted(files, key=_setting_shot_order) if SETTING_SHOT.match(n)
    ]
    if "form.png" not in files and not shots:
        shots = [(SCREENSHOTS[0][0], _(SCREENSHOTS[0][1]))]  # say it is missing rather than show nothing
    return shots


def _mail(proof: Proof, view: AttemptView) -> dict[str, Any] | None:
    if MAIL_FILE not in view.files and not view.mails:
        return None
    entry = view.mails_sorted()[-1] if view.mails else {}
    raw = _read_bytes(proof.home, f"{view.path}/{MAIL_FILE}", 10 * 1024 * 1024)
    rows: list[tuple[str, str]] = []
    body = ""
    headers = (("From", N_("From")), ("To", N_("To")), ("Date", N_("Date")), ("Subject", N_("Subject")))
    if raw is not None:
        with contextlib.suppress(Exception):
            message = email.message_from_bytes(raw, policy=email.policy.default)
            for header, label in headers:
                value = message.get(header)
                if value:
                    rows.append((_(label), _text(str(value))))
            part = message.get_body(preferencelist=("plain", "html"))
            if part is not None:
                content = part.get_content()
                if part.get_content_subtype() == "html":
                    content = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", content)
                    content = re.sub(r"(?s)<[^>]+>", " ", content)
                    content = html.unescape(content)
                content = re.sub(r"[ \t]+", " ", content)
                content = re.sub(r"\n\s*\n\s*\n+", "\n\n", content).strip()
                if len(content) > MAX_MAIL_BODY:
                    content = content[:MAX_MAIL_BODY].rstrip() + " …"
                body = content
    if not rows:
        if entry.get("mail_subject"):
            rows.append((_("Subject"), _text(entry.get("mail_subject"))))
        if entry.get("mail_date"):
            rows.append((_("Date"), _text(entry.get("mail_date"))))
    return {
        "file": MAIL_FILE,
        "missing": raw is None,
        "stored": when(entry.get("at"), seconds=False) if entry.get("at") else "",
        "rows": rows,
        "body": body,
    }


def _files(view: AttemptView, problems: dict[str, Problem]) -> list[dict[str, Any]]:
    rows = []
    listed = view.files
    for name in sorted(listed):
        problem = problems.get(f"{view.path}/{name}")
        role = _(FILE_ROLES[name]) if name in FILE_ROLES else ""
        if not role and SETTING_SHOT.match(name):
            role = _setting_shot_role(name)
        rows.append(
            {
                "name": name,
                "role": role,
                "digest": listed[name],
                "problem": problem_words(problem.kind) if problem is not None else None,
            }
        )
    for path, problem in sorted(problems.items()):
        name = path[len(view.path) + 1 :]
        if name not in listed:
            rows.append({"name": name, "role": "", "digest": None, "problem": problem_words(problem.kind)})
    return rows


# --------------------------------------------------------------------------- settings


SETTING_SHOT = re.compile(r"(setting)-(\d{1,4})-(before|after)\.png|(recheck)-(\d{1,4})\.png")
# a setting's result -> (words, tone); "{want}" and "{other}" are its wanted state and the other one
SETTING_RESULTS: dict[str, tuple[str, str]] = {
    "changed": (N_("Switched {want}"), "ok"),
    "already-off": (N_("Already off"), "ok"),
    "already-on": (N_("Already on"), "ok"),
    "not-persisted": (N_("Did not stay {want} after reload"), "bad"),
    "by-hand": (N_("Switched {want} by you"), "ok"),
    "declined": (N_("Left as it was (you said no)"), "idle"),
    "skipped": (N_("Left as it was (you said no)"), "idle"),
    "absent": (N_("Not found on the page"), "warn"),
    "still-set": (N_("Still {want}"), "ok"),
    "turned-back": (N_("Turned {other} again"), "bad"),
}
# the state of a setting as objector read it -> in words
SETTING_STATES: dict[str, str] = {
    "on": N_("on"),
    "off": N_("off"),
    "unknown": N_("unknown"),
    "absent": N_("not on the page"),
}


def _anchor(view: AttemptView, name: str = "") -> str:
    """An id inside the page for an attempt (and one of its screenshots), for links from the tables."""
    base = "attempt-" + re.sub(r"[^A-Za-z0-9-]", "-", view.path.removeprefix("evidence/"))
    return base + ("--" + re.sub(r"[^A-Za-z0-9-]", "-", name) if name else "")


def _setting_shot_order(name: str) -> tuple[int, int]:
    match = SETTING_SHOT.fullmatch(name)
    if not match:
        return (0, 0)
    if match.group(4):
        return (int(match.group(5)), 2)
    return (int(match.group(2)), 0 if match.group(3) == "before" else 1)


def _setting_shot_caption(name: str) -> str:
    match = SETTING_SHOT.fullmatch(name)
    if not match:
        return name
    if match.group(4):
        return _("Setting {n} as the re-check read it").format(n=number(int(match.group(5))))
    if match.group(3) == "before":
        return _("Setting {n} before objector changed anything").format(n=number(int(match.group(2))))
    return _("Setting {n} after a reload").format(n=number(int(match.group(2))))


def _setting_shot_role(name: str) -> str:
    match = SETTING_SHOT.fullmatch(name)
    if not match:
        return ""
    if match.group(4):
        return _("screenshot of setting {n} as the re-check read it").format(n=number(int(match.group(5))))
    if match.group(3) == "before":
        return _("screenshot of setting {n} before objector changed anything").format(
            n=number(int(match.group(2)))
        )
    return _("screenshot of setting {n} after a reload").format(n=number(int(match.group(2))))


def _setting_items(rec: dict[str, Any]) -> list[dict[str, Any]]:
    items = rec.get("settings")
    return [i for i in items[:100] if isinstance(i, dict)] if isinstance(items, list) else []


def _state(value: Any) -> Pieces:
    if isinstance(value, str) and value in SETTING_STATES and value != "unknown":
        return [(_(SETTING_STATES[value]), "")]
    return [(_("unknown"), "faint")]


def _want(item: dict[str, Any]) -> str:
    return _(SETTING_STATES[item["want"]]) if item.get("want") in ("on", "off") else ""


def _result(item: dict[str, Any]) -> dict[str, str]:
    result = _text(item.get("result"))
    want = item.get("want") if item.get("want") in ("on", "off") else None
    words = {
        "want": _(SETTING_STATES[want]) if want else _("as wanted"),
        "other": _(SETTING_STATES[{"on": "off", "off": "on"}[want]]) if want else _("back"),
    }
    if result in SETTING_RESULTS:
        label, tone = SETTING_RESULTS[result]
        return {"label": _(label).format(**words), "tone": tone}
    return {"label": readable(result) if result else _("not recorded"), "tone": "idle"}


def _setting_badge(rec: dict[str, Any]) -> dict[str, str] | None:
    """ "Already off" (or on) for a setting attempt that found every setting as wanted and changed nothing."""
    items = _setting_items(rec)
    if rec.get("kind") != "setting" or not items or rec.get("mode") == "recheck":
        return None
    results = {i.get("result") for i in items}
    if results == {"already-off"}:
        return {"label": _("Already off: nothing to change"), "tone": "ok"}
    if results == {"already-on"}:
        return {"label": _("Already on: nothing to change"), "tone": "ok"}
    return None


def _setting_table(rec: dict[str, Any]) -> dict[str, Any]:
    """The settings of one setting attempt: name, item, the state before → after a reload, the result."""
    rows = [
        {
            "number": number(n),
            "name": flow_words(_text(item.get("name"))),
            "item": _text(item.get("item")),
            "want": _want(item),
            "before": _state(item.get("before")),
            "after": _state(item.get("after_reload")),
            "result": _result(item),
        }
        for n, item in enumerate(_setting_items(rec), start=1)
    ]
    return {"recheck": rec.get("mode") == "recheck", "rows": rows}


def _setting_views(proof: Proof) -> list[tuple[AttemptView, dict[str, Any]]]:
    """Every attempt whose record says it is a setting attempt, with its record, in ledger order."""
    found = []
    for view in sorted(proof.attempts.values(), key=lambda v: v.first_seq):
        record, _problem = read_record(proof.home, view.path)
        if record is not None and record.get("kind") == "setting":
            found.append((view, record))
    return found


def _shot_link(view: AttemptView, name: str) -> dict[str, str] | None:
    return {"anchor": _anchor(view, name), "name": name} if name in view.files else None


def _history_rows(view: AttemptView, rec: dict[str, Any]) -> list[tuple[tuple[str, ...], dict[str, Any]]]:
    """(sort key, table row) for each setting an attempt read; one row when it read none."""
    recheck = rec.get("mode") == "recheck"
    at = rec.get("started_at") or (view.entries[0].get("at") if view.entries else "")
    what = _("Re-check") if recheck else _("Set")
    outcome = (view.status_entry or {}).get("outcome") or rec.get("outcome")
    items = _setting_items(rec)
    if not items:
        row: dict[str, Any] = {
            "at": day_time(at),
            "what": what,
            "account": view.account,
            "none": True,
            "badge": badge(outcome),
            "anchor": _anchor(view),
        }
        return [((view.account, "", _text(at)), row)]
    rows: list[tuple[tuple[str, ...], dict[str, Any]]] = []
    for n, item in enumerate(items, start=1):
        name = flow_words(_text(item.get("name")))
        if recheck:
            read = _state(item.get("after_reload"))
            shot = _shot_link(view, f"recheck-{n}.png")
        else:
            read = [*_state(item.get("before")), (" → ", ""), *_state(item.get("after_reload"))]
            shot = _shot_link(view, f"setting-{n}-after.png")
        row = {
            "at": day_time(at),
            "what": what,
            "account": view.account,
            "none": False,
            "name": name,
            "item": _text(item.get("item")),
            "read": read,
            "result": _result(item),
            "shot": shot,
        }
        rows.append(((view.account, name, _text(item.get("item")), _text(at)), row))
    return rows


def _settings_history(proof: Proof) -> list[dict[str, Any]]:
    """Per service, every time each (account, setting) was set or re-checked, oldest first."""
    from ..config.hosts import service_name

    by_service: dict[str, list[tuple[tuple[str, ...], dict[str, Any]]]] = {}
    for view, rec in _setting_views(proof):
        service = service_name(rec.get("platform") if isinstance(rec.get("platform"), str) else view.flow)
        by_service.setdefault(service, []).extend(_history_rows(view, rec))
    return [
        {"service": service, "rows": [row for _key, row in sorted(by_service[service], key=lambda r: r[0])]}
        for service in sorted(by_service)
    ]


def _steps(rec: dict[str, Any]) -> list[dict[str, Any]]:
    steps = rec.get("steps")
    if not isinstance(steps, list):
        return []
    return [
        {
            "at": clock(step.get("at")),
            "name": step_name(step.get("action"), step.get("value")),
            "detail": _step_detail(step, rec),
            "state": step_state(step.get("status")),
        }
        for step in steps[:200]
        if isinstance(step, dict)
    ]


def _stamps(proof: Proof) -> dict[str, Any] | None:
    """The time-stamp tokens of the ledger with their details (``stamps.py`` keeps and checks them)."""
    from .stamps import KIND, unstamped

    problems = {p.path: p.detail for p in proof.verification.problems if p.kind == "stamp"}
    stamps = [e for e in proof.entries if e.get("kind") == KIND]
    if not stamps:
        return None
    rows = [
        {
            "head_seq": _text(entry.get("head_seq")),
            "time": _text(entry.get("time")),
            "tsa_name": _text(entry.get("tsa_name")),
            "tsa": _text(entry.get("tsa")),
            "serial": _text(entry.get("serial")),
            "policy": _text(entry.get("policy")),
            "token": _text(entry.get("token")),
            "imprint": _text(entry.get("imprint")),
            "problem": problems.get(str(entry.get("token"))),
        }
        for entry in stamps
    ]
    return {"rows": rows, "waiting": unstamped(proof.entries)}


def _ledger(proof: Proof) -> list[dict[str, Any]]:
    rows = []
    for entry in proof.entries:
        outcome = _text(entry.get("outcome"))
        if entry.get("kind") == "mail":
            what = _("confirmation e-mail stored")
        elif entry.get("kind") == "stamp":
            what = _("time-stamp of entry {seq}").format(seq=_text(entry.get("head_seq")))
        elif entry.get("outcome") == "covered":
            what = _("{outcome} via {account}").format(
                outcome=outcome,
                account=_text(entry.get("covered_via")),
            )
        else:
            what = outcome
        rows.append(
            {
                "seq": _text(entry.get("seq")),
                "at": when(entry.get("at")),
                "account": _text(entry.get("account")),
                "flow": _text(entry.get("flow")),
                "what": what,
                "hash": _text(entry.get("hash")),
            }
        )
    return rows


# --------------------------------------------------------------------------- writing it


def build_report(
    home: Path,
    out: Path | None = None,
    *,
    pdf: bool = False,
    browser: str | None = None,
    tsa_cafile: Path | None = None,
) -> ReportResult:
    """Write the report page (and with ``pdf`` the PDF beside it); default ``home/report/``."""
    home = Path(home).expanduser()
    proof = read_proof(home, tsa_cafile)
    page = _render(proof, generated=utc_now())
    target = Path(out).expanduser() if out else home / REPORT_DIR / REPORT_NAME
    if target.suffix.lower() not in (".html", ".htm"):
        raise ReportError(
            _("{file}: the report is a web page; give a file name ending in .html.").format(file=target)
        )
    atomic_write(target, page.encode("utf-8"))
    pdf_path, pages = None, None
    if pdf:
        pdf_path = target.with_suffix(".pdf")
        data = render_pdf(target, browser)
        atomic_write(pdf_path, data)
        pages = count_pdf_pages(data)
    return ReportResult(target, pdf_path, len(proof.attempts), pages)


def render_pdf(html_file: Path, browser: str | None = None) -> bytes:
    """Print the report page to an A4 PDF with the browser objector uses (headless, offline)."""
    from playwright.sync_api import Error as PlaywrightError

    from ..engine.browser import discover, driver, launch_args

    try:
        playwright = driver()
        choice = discover(browser, playwright)
        chromium = playwright.chromium.launch(headless=True, args=launch_args(), **choice.launch_options())
        try:
            context = chromium.new_context(offline=True, java_script_enabled=False)
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
                ),
            )
            page = context.new_page()
            page.goto(html_file.absolute().as_uri(), wait_until="load")
            page.emulate_media(media="print")
            return page.pdf(
                format="A4", print_background=True, prefer_css_page_size=True, outline=True, tagged=True
            )
        finally:
            chromium.close()
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReportError(
            _("could not make the PDF with the browser ({reason}); the HTML report is at {file}.").format(
                reason=first, file=html_file
            )
        ) from None


def count_pdf_pages(data: bytes) -> int:
    """Pages in a PDF as Chromium writes it (no object streams): its ``/Type /Page`` objects."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
