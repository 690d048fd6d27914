"""``objector report``: the proof as one self-contained page to keep, show or print.

The page holds everything itself: screenshots are embedded as ``data:`` URIs,
the style sheet is inline, there is no script and nothing is loaded from the
network. It opens with the result of ``verify`` (so a report of changed proof
says so at the top) and the ledger's fingerprint, then a summary per account
and form, then every attempt with its facts, the text sent, the screenshots,
the confirmation e-mail and the SHA-256 of each file, and finally the ledger.

``--pdf`` prints the same page to an A4 PDF with the browser objector already
uses. Everything read from the proof is treated as data and escaped.
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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..config.flows import unofficial_label
from ..config.home import Home
from ..errors import UserError
from ..storage import atomic_write, inside_home, read_bounded
from .ledger import MAX_LEDGER_BYTES, iso, utc_now
from .outcome import PRACTICE_MARK
from .record import RECORD_FILE, read_record
from .report_page import esc, style_sheet
from .verify import Problem, Verification, verify_home

REPORT_DIR = "report"
REPORT_NAME = "objector-report.html"
MAIL_FILE = "mail-confirmation.eml"
MAX_IMAGE_BYTES = 25 * 1024 * 1024
MAX_MAIL_BODY = 4000

# outcome -> (label, tone); tone picks the badge colour
OUTCOMES: dict[str, tuple[str, str]] = {
    "confirmed": ("Confirmed", "ok"),
    "covered": ("Covered", "ok"),
    "declined": ("Skipped, not sent", "idle"),
    "dry-run": ("Dry run: not sent", "idle"),
    "not-confirmed": ("No confirmation seen", "warn"),
    "rejected": ("Refused by the page, not sent", "warn"),
    "not-kept": ("Not kept: the page asked to log in again", "warn"),
    "needs-attention": ("Needs attention", "warn"),
    "interrupted": ("Interrupted", "warn"),
    "awaiting-approval": ("Waiting for approval", "warn"),
    "submitting": ("Sending, no result recorded", "warn"),
    "blocked": ("Blocked", "bad"),
    "failed": ("Failed", "bad"),
    "still-set": ("Still set", "ok"),
    "turned-back": ("Changed back by the service", "bad"),
}
COMPACT_OUTCOMES = frozenset({"declined", "dry-run"})
SCREENSHOTS = (
    ("form.png", "The filled form, just before Send"),
    ("confirmation.png", "The page after Send"),
    ("failure.png", "The page where objector stopped"),
)
FILE_ROLES = {
    "form.png": "screenshot of the filled form",
    "confirmation.png": "screenshot of the confirmation",
    "failure.png": "screenshot where objector stopped",
    "form.mhtml": "archive of the form page",
    "confirmation.mhtml": "archive of the confirmation page",
    "record.json": "record of the attempt",
    "page.html": "page source when it went wrong",
    "console.txt": "browser console when it went wrong",
    MAIL_FILE: "confirmation e-mail",
}
PROBLEM_WORDS = {
    "missing": "missing",
    "modified": "changed",
    "unexpected": "not in the ledger",
    "ledger-edited": "ledger line edited",
    "chain-broken": "ledger chain broken",
    "ledger-unreadable": "ledger unreadable",
    "symlink": "a symbolic link, not proof",
    "not-a-file": "not an ordinary file",
    "outside-home": "points outside the home",
    "unreadable": "cannot be read",
    "stamp": "time-stamp does not verify",
}


class ReportError(UserError):
    pass


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
    """``27 Nov 2026, 05:06:31 UTC`` (escaped), or the raw value if it is not a time."""
    moment = _moment(value)
    if moment is None:
        return esc(value) if value else '<span class="faint">—</span>'
    fmt = "%d %b %Y, %H:%M:%S UTC" if seconds else "%d %b %Y, %H:%M UTC"
    return esc(moment.strftime(fmt))


def _day_time(value: Any) -> str:
    moment = _moment(value)
    if moment is None:
        return esc(value)
    return f'{esc(moment.strftime("%d %b %Y"))}<span class="sub">{esc(moment.strftime("%H:%M UTC"))}</span>'


def _clock(value: Any) -> str:
    moment = _moment(value)
    return esc(moment.strftime("%H:%M:%S")) if moment else esc(value)


def _mail_when(value: Any) -> str:
    if not isinstance(value, str) or not value:
        return ""
    with contextlib.suppress(TypeError, ValueError, IndexError):
        sent = parsedate_to_datetime(value)
        if sent.tzinfo is None:
            sent = sent.replace(tzinfo=UTC)
        return esc(sent.astimezone(UTC).strftime("%d %b %Y, %H:%M UTC"))
    moment = _moment(value)
    return esc(moment.strftime("%d %b %Y, %H:%M UTC")) if moment else esc(value)


def _language(code: Any) -> str:
    if not isinstance(code, str) or not code.strip():
        return '<span class="faint">not recorded</span>'
    name = ""
    with contextlib.suppress(Exception):
        from babel import Locale

        name = Locale.parse(code.strip().replace("-", "_")).get_display_name("en") or ""
    return f'{esc(name)} <span class="faint">({esc(code)})</span>' if name else esc(code)


def _country(code: Any) -> str:
    if not isinstance(code, str) or not code:
        return ""
    name = ""
    with contextlib.suppress(Exception):
        from babel import Locale

        name = Locale("en").territories.get(code.upper(), "")
    return f"{esc(name)} ({esc(code)})" if name else esc(code)


def badge(outcome: Any, *, submitted: bool = False) -> str:
    label, tone = (
        OUTCOMES.get(outcome, (_text(outcome) or "unknown", "idle"))
        if isinstance(outcome, str)
        else ("unknown", "idle")
    )
    if submitted and outcome not in ("confirmed", "covered", "submitting"):
        label += " (the form was sent)"
    return f'<span class="badge {tone}">{esc(label)}</span>'


def _platform(name: Any) -> str:
    from ..config.hosts import service_name

    return service_name(_text(name)) if name else ""


def _fingerprint(value: str | None) -> str:
    if not value or not re.fullmatch(r"[0-9a-f]{64}", value):
        return esc(value) if value else "—"
    return " ".join(value[i : i + 8] for i in range(0, 64, 8))


def _image_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width and height else None


def _approval(record: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    found = record.get("approval")
    approval: dict[str, Any] = found if isinstance(found, dict) else {}
    answer = approval.get("answer")
    if answer is None:
        answer = next((e.get("approval") for e in reversed(entries) if e.get("approval")), None)
    at = approval.get("at")
    stamp = f" at {_clock(at)} UTC" if _moment(at) else ""
    if approval.get("by") == "person clicked in the browser":
        return f"You clicked Send yourself in the browser window while objector was asking{stamp}."
    if answer == "by hand":
        return "You sent it yourself on the page the form had moved to; objector could not see it."
    if answer == "y":
        return f"You approved sending it in the terminal{stamp} (you answered “y”)."
    if answer == "m":
        seen = approval.get("clicked_seen_at")
        extra = f"; the click was seen at {_clock(seen)} UTC" if _moment(seen) else ""
        return f"You clicked Send yourself in the browser window{extra}."
    if answer == "n":
        return f"You chose not to send it{stamp}."
    if answer == "none":
        return f"No answer was given, so nothing was sent{stamp}."
    if answer == "dry-run":
        return "Dry run: objector filled the form and stopped before Send."
    if answer is None:
        return '<span class="faint">no approval recorded</span>'
    return esc(_text(answer))


# --------------------------------------------------------------------------- the page


def is_practice(entries: list[dict[str, Any]]) -> bool:
    """Whether ledger entries belong to a practice attempt (a site map was in use)."""
    return any(entry.get("practice") is True for entry in entries)


def practice_attempts(proof: Proof) -> tuple[int, int]:
    """(practice attempts, all attempts) in the proof."""
    views = list(proof.attempts.values())
    return sum(is_practice(v.entries) for v in views), len(views)


def _practice_banner(proof: Proof) -> str:
    practice, total = practice_attempts(proof)
    if not practice:
        return ""
    scope = "Every attempt here" if practice == total else f"{practice} of the {total} attempts"
    return (
        f'<div class="warnbox"><b>{PRACTICE_MARK}.</b> {scope} ran against objector’s practice '
        "site on this computer; nothing was sent to the service, and this is no proof of an "
        "objection or a setting.</div>"
    )


def render_html(home: Path, tsa_cafile: Path | None = None) -> str:
    """The report page for the proof in ``home``, as one self-contained HTML string."""
    return _render(read_proof(Path(home), tsa_cafile), generated=utc_now())


def _render(proof: Proof, *, generated: datetime) -> str:
    fingerprint = (
        proof.last_hash if proof.last_hash and re.fullmatch(r"[0-9a-f]{64}", proof.last_hash) else ""
    )
    footer = "objector proof report"
    if fingerprint:
        footer += f" · ledger fingerprint {fingerprint[:16]}"
    if not proof.verification.ok:
        footer += " · PROOF CHANGED (see page 1)"
    practice, total = practice_attempts(proof)
    title = "Proof of objection to AI at Meta – objector report"
    if practice:
        footer += f" · {PRACTICE_MARK}"
        title = f"{PRACTICE_MARK} – " + (
            "practice attempts – objector report" if practice == total else title
        )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # nothing on this page may load anything from anywhere
        (
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "img-src data:; style-src 'unsafe-inline'\">"
        ),
        '<meta name="referrer" content="no-referrer">',
        '<meta name="generator" content="objector ' + esc(__version__) + '">',
        f"<title>{esc(title)}</title>",
        f"<style>{style_sheet(footer)}</style>",
        "</head>",
        "<body>",
        "<main>",
        _practice_banner(proof),
        _head(proof, generated),
        _verification(proof),
    ]
    if not proof.entries:
        parts.append(_nothing_yet(proof))
    else:
        parts.append(_summary(proof))
        parts.append(_settings_history(proof))
        parts.append(_attempts(proof))
        parts.append(_stamps(proof))
        parts.append(_ledger_table(proof))
    parts.append(
        '<footer class="doc-foot">Made by objector '
        + esc(__version__)
        + " on "
        + esc(generated.strftime("%d %b %Y at %H:%M UTC"))
        + ". This page loads nothing from the internet; everything it shows is embedded in it.</footer>"
    )
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _head(proof: Proof, generated: datetime) -> str:
    items = []
    for account in proof.accounts:
        bits = [b for b in (_platform(account["platform"]), account["email"]) if b]
        country = _country(account["country"])
        detail = " · ".join(esc(b) for b in bits)
        if country:
            detail += (" · " if detail else "") + country
        items.append(
            f"<li><b>{esc(account['name'])}</b>"
            + (f' <span class="muted">{detail}</span>' if detail else "")
            + "</li>"
        )
    accounts = (
        f'<ul class="accounts">{"".join(items)}</ul>' if items else '<span class="faint">none yet</span>'
    )
    label = "Accounts" if len(items) != 1 else "Account"
    return (
        "<header>"
        '<div class="kicker">Proof of objection · AI at Meta</div>'
        "<h1>My objections to the use of my information for AI at Meta</h1>"
        '<p class="lede">What objector sent, for each of these accounts, through Meta’s own Help Centre '
        "forms, and what Meta’s pages answered: made from the proof objector kept on this computer "
        "(screenshots, the text sent, and a hash-chained ledger of every attempt).</p>"
        '<dl class="meta">'
        f"<dt>{label}</dt><dd>{accounts}</dd>"
        f"<dt>Report made</dt><dd>{when(iso(generated))}</dd>"
        f"<dt>Made with</dt><dd>objector {esc(__version__)}</dd>"
        "</dl>"
        "</header>"
    )


def _verification(proof: Proof) -> str:
    result = proof.verification
    if not proof.ledger_exists and result.ok:
        return (
            '<section class="verify none"><h2><span class="mark">–</span>No proof yet</h2>'
            "<p>There is no ledger in this objector folder, so there is nothing to check yet.</p></section>"
        )
    fingerprint = (
        '<div class="fingerprint"><span class="muted">Ledger fingerprint — the SHA-256 of the last '
        "ledger entry; it changes if anything recorded before it is changed. Note it down to check "
        "this report against the proof later.</span>"
        f'<b>Fingerprint</b><span class="hash">{_fingerprint(proof.last_hash)}</span>'
        f"<b>Checked</b><span>{result.entries} ledger entr{'y' if result.entries == 1 else 'ies'}, "
        f"{result.files} file{'s' * (result.files != 1)}</span></div>"
    )
    if result.ok:
        return (
            '<section class="verify ok" id="verification">'
            '<h2><span class="mark">✓</span>Proof intact</h2>'
            "<p>Every file still has the SHA-256 recorded in the ledger when it was saved, and every "
            "ledger entry follows the one before it: nothing has been changed, removed or added since.</p>"
            f"{fingerprint}</section>"
        )
    count = len(result.problems)
    items = "".join(
        f'<li><span class="kind">{esc(PROBLEM_WORDS.get(p.kind, p.kind))}:</span> '
        f'<span class="url">{esc(p.path)}</span> — {esc(p.detail)}</li>'
        for p in result.problems[:200]
    )
    more = f"<li>… and {count - 200} more</li>" if count > 200 else ""
    return (
        '<section class="verify bad" id="verification">'
        '<h2><span class="mark">✗</span>Warning: this proof was changed after it was recorded</h2>'
        f"<p><b>objector verify found {count} problem{'s' * (count != 1)}.</b> The files named below "
        "are not what objector recorded, so what this report shows for them cannot be relied on. "
        "Run <code>objector verify</code> for details.</p>"
        f'<ul class="problems">{items}{more}</ul>{fingerprint}</section>'
    )


def _nothing_yet(proof: Proof) -> str:
    if proof.ledger_exists:
        return (
            '<section class="summary"><h2>Summary</h2><div class="empty"><p><b>The ledger holds no '
            "readable entries.</b></p><p>See the verification above; <code>objector verify</code> lists "
            "what is wrong.</p></div></section>"
        )
    return (
        '<section class="summary"><h2>Summary</h2><div class="empty"><p><b>There is no proof yet.</b></p>'
        "<p>Nothing has been sent or recorded in this folder. Run <code>objector run</code> (or try "
        "<code>objector demo</code>) and make this report again afterwards.</p></div></section>"
    )


def proof_titles(proof: Proof) -> dict[str, str]:
    if proof.titles is None:
        proof.titles = _flow_titles(proof)
    return proof.titles


def _flow_titles(proof: Proof) -> dict[str, str]:
    titles: dict[str, str] = {}
    for view in proof.attempts.values():
        record, _ = read_record(proof.home, view.path)
        if record and isinstance(record.get("flow_title"), str) and record["flow_title"]:
            titles.setdefault(view.flow, record["flow_title"])
    return titles


def _summary(proof: Proof) -> str:
    titles = proof_titles(proof)
    rows = []
    for pair in proof.pairs:
        entry = pair.latest
        title = titles.get(pair.flow, "")
        form = f'{esc(title)}<span class="sub">{esc(pair.flow)}</span>' if title else esc(pair.flow)
        if entry is None:
            status, at = '<span class="badge idle">Not yet</span>', '<span class="faint">—</span>'
        else:
            status = badge(entry.get("outcome"), submitted=bool(entry.get("submitted")))
            at = _day_time(entry.get("at"))
        covered = ""
        if entry and entry.get("outcome") == "covered":
            covered = f'<span class="nowrap">{esc(entry.get("covered_via"))}</span>'
        if pair.mails:
            mail = pair.mails[-1]
            date = _mail_when(mail.get("mail_date")) or when(mail.get("at"), seconds=False)
            mail_cell = f'<b>Yes</b><span class="sub">{date}</span>'
        else:
            mail_cell = '<span class="faint">not yet</span>'
        rows.append(
            f'<tr><td class="nowrap"><b>{esc(pair.account)}</b></td><td>{form}</td><td>{status}</td>'
            f'<td class="nowrap">{at}</td><td>{covered or "<span class=faint>—</span>"}</td>'
            f"<td>{mail_cell}</td></tr>"
        )
    return (
        '<section class="summary"><h2>Summary</h2>'
        '<table class="summary-table"><thead><tr><th>Account</th><th class="col-form">Objection form</th>'
        "<th>Status</th><th>When</th><th>Covered via</th><th>E-mail confirmation</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        '<p class="note">Status is the result of the newest attempt for each account and form. '
        "“Covered via” names the account whose objection also covers this one (the same Accounts "
        "Centre). “E-mail confirmation” gives the date of Meta’s confirmation e-mail once it is stored with "
        "the proof. "
        "All times are UTC.</p></section>"
    )


def _attempts(proof: Proof) -> str:
    blocks = []
    for pair in proof.pairs:
        total = len(pair.attempts)
        newest_first = sorted(pair.attempts, key=lambda v: v.first_seq, reverse=True)
        for number, view in zip(range(total, 0, -1), newest_first, strict=True):
            blocks.append(_attempt(proof, view, number, total))
        for entry in reversed(pair.others):
            blocks.append(_other_entry(pair, entry))
    if not blocks:
        return ""
    count = len(proof.attempts)
    return (
        '<h2 class="part-title">The attempts</h2>'
        f'<p class="part-intro">{count} attempt{"s" * (count != 1)}, newest first for each account and form. '
        "Attempts that were not sent (skipped or dry runs) are shown in brief.</p>" + "".join(blocks)
    )


def _other_entry(pair: PairView, entry: dict[str, Any]) -> str:
    outcome = entry.get("outcome")
    if outcome == "covered":
        text = (
            f"No form was sent for this account: the objection sent for "
            f"<b>{esc(entry.get('covered_via'))}</b> covers it (the accounts share an Accounts Centre)."
        )
    else:
        text = "A ledger entry without an attempt folder."
    return (
        '<article class="covered">'
        '<div class="attempt-head">'
        f'<div class="crumbs"><b>{esc(pair.account)}</b> · {esc(pair.flow)}</div>'
        + (f"<div><b>{PRACTICE_MARK}</b></div>" if entry.get("practice") is True else "")
        + f'<div class="headline">{badge(outcome)}<span>{when(entry.get("at"))}</span>'
        f"<span>ledger entry {esc(entry.get('seq'))}</span></div></div>"
        f"<p>{text}</p></article>"
    )


def _unofficial(record: dict[str, Any], view: AttemptView) -> str | None:
    """The service this attempt's form was not an official form of, from the record or the ledger."""
    for source in (record, *view.entries):
        if isinstance(source.get("unofficial"), str) and source["unofficial"]:
            return source["unofficial"]
    return None


def _attempt(proof: Proof, view: AttemptView, number: int, total: int) -> str:
    record, record_problem = read_record(proof.home, view.path)
    rec = record or {}
    last = view.status_entry or {}
    outcome = last.get("outcome") or rec.get("outcome")
    submitted = bool(last.get("submitted") or rec.get("submitted"))
    compact = outcome in COMPACT_OUTCOMES and not submitted
    problems = {p.path: p for p in proof.verification.problems if p.path.startswith(view.path + "/")}
    started = rec.get("started_at") or (view.entries[0].get("at") if view.entries else None)
    finished = rec.get("finished_at") if record is not None else None
    out = [
        f'<article class="attempt {"compact" if compact else "full"}" id="{_anchor(view)}">',
        _attempt_head(proof, view, rec, outcome, submitted, started, f"attempt {number} of {total}"),
        *_attempt_warnings(view, rec, record is not None, record_problem, problems),
        _facts(rec, view, started, finished, compact),
    ]
    if rec.get("kind") == "setting":
        out.append(_setting_rows(rec))
    if compact:
        out.append(_thumbnails(proof, view, problems))
        text = rec.get("text")
        if isinstance(text, str) and text:
            out.append(
                f'<p class="note">The text ({len(text)} characters) was not sent; it is kept in '
                "record.json.</p>"
            )
    else:
        out += [*_sent_and_answer(rec, submitted), _steps(rec), _screenshots(proof, view, problems)]
    mail = _mail(proof, view)
    if mail:
        out.append(mail)
    out.append(_files(proof, view, problems))
    out.append("</article>")
    return "".join(out)


def _attempt_head(
    proof: Proof, view: AttemptView, rec: dict, outcome: object, submitted: bool, started: object, count: str
) -> str:
    """The attempt's title block: account, service and flow, its outcome badge, when and by what."""
    title = _text(rec.get("flow_title")) or proof_titles(proof).get(view.flow) or view.flow
    platform = _platform(rec.get("platform"))
    crumbs = (
        f"<b>{esc(view.account)}</b>" + (f" · {esc(platform)}" if platform else "") + f" · {esc(view.flow)}"
    )
    version = (
        f"<span>recorded by objector {esc(_text(rec.get('objector_version')))}</span>"
        if rec.get("objector_version")
        else ""
    )
    practice = is_practice(view.entries)
    return (
        '<div class="attempt-head">'
        f'<div class="crumbs">{crumbs}</div>'
        + (f'<div class="warnbox soft"><b>{PRACTICE_MARK}</b></div>' if practice else "")
        + f"<h3>{esc(title)}</h3>"
        f'<div class="headline">{_setting_badge(rec) or badge(outcome, submitted=submitted)}'
        f"<span>{count}</span><span>{when(started, seconds=False)}</span>{version}</div>"
        "</div>"
    )


def _attempt_warnings(
    view: AttemptView, rec: dict, has_record: bool, record_problem: str, problems: dict
) -> list[str]:
    """What the reader must know before the details: an unofficial form, proof changed since it
    was recorded, a record that does not fit or is missing."""
    out = []
    service = _unofficial(rec, view)
    if service:
        out.append(
            f'<div class="warnbox unofficial"><b>{esc(unofficial_label(service))}.</b> This attempt used a '
            "flow file marked 'unofficial = true': the page was not on the service's own hosts.</div>"
        )
    if problems:
        items = "".join(
            f"<li><b>{esc(Path(p.path).name)}</b>: {esc(PROBLEM_WORDS.get(p.kind, p.kind))} — "
            f"{esc(p.detail)}</li>"
            for p in problems.values()
        )
        out.append(
            f'<div class="warnbox"><b>This attempt’s proof was changed after it was recorded.</b>'
            f"<ul>{items}</ul></div>"
        )
    if has_record and record_problem:
        out.append(
            f'<div class="warnbox"><b>{esc(record_problem)}.</b> What is shown of this attempt is '
            "what still fits; the ledger lists its files and their hashes below.</div>"
        )
    if not has_record and RECORD_FILE in view.files:
        out.append(
            f'<div class="warnbox"><b>{esc(record_problem)}.</b> The details of this attempt cannot be '
            "shown; the ledger still lists its files and their hashes below.</div>"
        )
    elif not has_record:
        out.append(
            '<div class="warnbox soft"><b>This attempt was not finished</b> (objector stopped before it '
            "wrote the attempt’s record), so only what the ledger holds is shown.</div>"
        )
    return out


def _sent_and_answer(rec: dict, submitted: bool) -> list[str]:
    """The text (sent or not) and what the page said after Send, for an attempt shown in full."""
    out = []
    text = rec.get("text")
    if isinstance(text, str) and text:
        language = _language(rec.get("text_language")) if rec.get("text_language") else ""
        heading = "The text sent" if submitted else "The text (not sent)"
        meta = f"{len(text)} characters" + (f", {language}" if language else "")
        out.append(
            f'<h4>{heading} <span class="faint">· {meta}</span></h4><pre class="sent">{esc(text)}</pre>'
        )
    answer = rec.get("confirmation_text")
    if answer:
        who = (
            ' <span class="faint">· you confirmed that these words are a confirmation</span>'
            if rec.get("confirmed_by") == "person"
            else ""
        )
        out.append(
            f"<h4>What the page said after Send{who}</h4>"
            f'<blockquote class="answer">{esc(_text(answer))}</blockquote>'
        )
    return out


def _facts(rec: dict[str, Any], view: AttemptView, started: Any, finished: Any, compact: bool) -> str:
    rows: list[tuple[str, str]] = [("Started", when(started))]
    if finished:
        rows.append(("Finished", when(finished)))
    elif view.entries:
        rows.append(("Last recorded", when(view.entries[-1].get("at"))))
    form_url = rec.get("form_url")
    rows.append(
        (
            "Settings page (live address)" if rec.get("kind") == "setting" else "Form (live address)",
            f'<span class="url">{esc(form_url)}</span>'
            if form_url
            else '<span class="faint">not recorded</span>',
        )
    )
    if rec.get("practice") is True and isinstance(rec.get("practice_url"), str):
        rows.append(("Practice address used", f'<span class="url">{esc(rec["practice_url"])}</span>'))
    for key, label in (("submit_url", "Sent from page"), ("confirmation_url", "Confirmation page")):
        value = rec.get(key)
        if value and value != form_url:
            rows.append((label, f'<span class="url">{esc(value)}</span>'))
    rows.append(("Page language", _language(rec.get("page_language"))))
    who = [
        esc(rec["email"]) if isinstance(rec.get("email"), str) and rec.get("email") else "",
        _country(rec.get("country")),
    ]
    if any(who):
        rows.append(("E-mail · country", " · ".join(w for w in who if w)))
    rows += _page_owned_rows(rec)
    if rec.get("mode") == "recheck":
        rows.append(("Approval", "None needed: a re-check only reads the setting and changes nothing."))
    else:
        rows.append(("Approval", _approval(rec, view.entries)))
    message = rec.get("message")
    if message and _text(message) != _text(rec.get("outcome")) and rec.get("outcome") not in COMPACT_OUTCOMES:
        rows.append(("Result", esc(_text(message))))
    if rec.get("form_error"):
        rows.append(("Form error", esc(_text(rec.get("form_error")))))
    seqs = ", ".join(esc(e.get("seq")) for e in [*view.entries, *view.mails_sorted()])
    entries = "entry" if len(view.entries) + len(view.mails) == 1 else "entries"
    folder = (
        f'<span class="url">{esc(view.path)}</span>'
        f'<span class="faint"> · ledger {entries} {seqs or "—"}</span>'
    )
    rows.append(("Proof folder", folder))
    return '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _page_owned_rows(rec: dict[str, Any]) -> list[tuple[str, str]]:
    """What the page decided: an e-mail address it filled in itself (when not the account's), and
    a letter fitted to the form's length limit."""
    rows: list[tuple[str, str]] = []
    sent = rec.get("email_sent")
    if isinstance(sent, str) and sent.strip().lower() != str(rec.get("email") or "").strip().lower():
        rows.append(("E-mail sent (chosen by the page)", esc(sent)))
    fitted = rec.get("text_fitted")
    if isinstance(fitted, dict) and isinstance(fitted.get("limit"), int):
        where = {"maxlength": "its text box", "counter": "its counter", "error": "its error after Send"}
        told = where.get(str(fitted.get("limit_from")), "the flow")
        lengths = f"{_int(rec.get('text_length'))} of {_int(fitted.get('original_length'))}"
        line = (
            f"the form took at most {fitted['limit']} characters ({told}); the {fitted.get('variant')} "
            f"letter was sent ({lengths} characters, whole sentences)"
        )
        rows.append(("Text fitted", esc(line)))
    return rows


def _image(proof: Proof, view: AttemptView, name: str) -> tuple[str, tuple[int, int] | None] | None:
    data = _read_bytes(proof.home, f"{view.path}/{name}")
    if data is None:
        return None
    size = _image_size(data)
    if size is None:
        return "", None
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii"), size


def _figure(proof: Proof, view: AttemptView, name: str, caption: str, problems: dict[str, Problem]) -> str:
    found = _image(proof, view, name)
    digest = view.files.get(name, "")
    problem = problems.get(f"{view.path}/{name}")
    label = f"<b>{esc(caption)}</b> · {esc(name)}"
    if problem is not None:
        label += f' · <span class="state-bad">{esc(PROBLEM_WORDS.get(problem.kind, problem.kind))}</span>'
    elif digest:
        label += f' · <span class="mono">SHA-256 {esc(digest[:16])}…</span>'
    if found is None:
        return (
            f'<figure><div class="missing-shot">{esc(name)} is missing</div>'
            f"<figcaption>{label}</figcaption></figure>"
        )
    uri, size = found
    if not uri:
        return (
            f'<figure><div class="missing-shot">{esc(name)} is not a PNG image</div>'
            f"<figcaption>{label}</figcaption></figure>"
        )
    tall = size is not None and size[1] > size[0] * 1.2
    dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
    return (
        f'<figure class="{"tall" if tall else "wide"}" id="{_anchor(view, name)}">'
        f'<img src="{uri}"{dims} alt="{esc(caption)}">'
        f"<figcaption>{label}</figcaption></figure>"
    )


def _shots_for(view: AttemptView) -> list[tuple[str, str]]:
    files = view.files
    shots = [(n, c) for n, c in SCREENSHOTS if n in files]
    shots += [
        (n, _setting_shot_caption(n)) for n in sorted(files, key=_setting_shot_order) if SETTING_SHOT.match(n)
    ]
    if "form.png" not in files and not shots:
        shots = [SCREENSHOTS[0]]  # say it is missing rather than show nothing
    return shots


def _screenshots(proof: Proof, view: AttemptView, problems: dict[str, Problem]) -> str:
    shots = _shots_for(view)
    return "".join(_figure(proof, view, n, c, problems) for n, c in shots)


def _thumbnails(proof: Proof, view: AttemptView, problems: dict[str, Problem]) -> str:
    shots = _shots_for(view)
    return '<div class="thumbs">' + "".join(_figure(proof, view, n, c, problems) for n, c in shots) + "</div>"


def _mail(proof: Proof, view: AttemptView) -> str:
    if MAIL_FILE not in view.files and not view.mails:
        return ""
    entry = view.mails_sorted()[-1] if view.mails else {}
    raw = _read_bytes(proof.home, f"{view.path}/{MAIL_FILE}", 10 * 1024 * 1024)
    rows: list[tuple[str, str]] = []
    body = ""
    if raw is not None:
        with contextlib.suppress(Exception):
            message = email.message_from_bytes(raw, policy=email.policy.default)
            for header, label in (("From", "From"), ("To", "To"), ("Date", "Date"), ("Subject", "Subject")):
                value = message.get(header)
                if value:
                    rows.append((label, esc(_text(str(value)))))
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
            rows.append(("Subject", esc(_text(entry.get("mail_subject")))))
        if entry.get("mail_date"):
            rows.append(("Date", esc(_text(entry.get("mail_date")))))
    note = "" if raw is not None else f'<p class="state-bad">{esc(MAIL_FILE)} is missing.</p>'
    stored = f" · stored {when(entry.get('at'), seconds=False)}" if entry.get("at") else ""
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'<h4>Confirmation e-mail <span class="faint">{stored}</span></h4><div class="mail">{note}'
        f"<dl>{dl}</dl>" + (f"<pre>{esc(body)}</pre>" if body else "") + "</div>"
    )


def _files(proof: Proof, view: AttemptView, problems: dict[str, Problem]) -> str:
    rows = []
    listed = view.files
    for name in sorted(listed):
        digest = listed[name]
        problem = problems.get(f"{view.path}/{name}")
        if problem is None:
            state = '<span class="state-ok">✓ matches</span>'
        else:
            state = f'<span class="state-bad">✗ {esc(PROBLEM_WORDS.get(problem.kind, problem.kind))}</span>'
        role = FILE_ROLES.get(name, "") or (
            _setting_shot_caption(name).lower() if SETTING_SHOT.match(name) else ""
        )
        rows.append(
            f"<tr><td><b>{esc(name)}</b>"
            + (f'<span class="role">{esc(role)}</span>' if role else "")
            + f'</td><td class="hash">{esc(digest)}</td><td class="nowrap">{state}</td></tr>'
        )
    for path, problem in sorted(problems.items()):
        name = path[len(view.path) + 1 :]
        if name not in listed:
            rows.append(
                f'<tr><td><b>{esc(name)}</b></td><td class="hash">—</td><td class="nowrap">'
                f'<span class="state-bad">✗ {esc(PROBLEM_WORDS.get(problem.kind, problem.kind))}'
                "</span></td></tr>"
            )
    if not rows:
        return (
            '<h4>Files and their SHA-256</h4><p class="faint">The ledger lists no files for this attempt.</p>'
        )
    return (
        '<h4>Files and their SHA-256 <span class="faint">· as recorded in the ledger</span></h4>'
        '<table class="files"><thead><tr><th>File</th><th>SHA-256</th><th>Now</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# --------------------------------------------------------------------------- settings


SETTING_SHOT = re.compile(r"(setting)-(\d{1,4})-(before|after)\.png|(recheck)-(\d{1,4})\.png")
# a setting's result -> (words, tone); "{want}" and "{other}" are its wanted state and the other one
SETTING_RESULTS: dict[str, tuple[str, str]] = {
    "changed": ("Switched {want}", "ok"),
    "already-off": ("Already off", "ok"),
    "already-on": ("Already on", "ok"),
    "not-persisted": ("Did not stay {want} after reload", "bad"),
    "by-hand": ("Switched {want} by you", "ok"),
    "declined": ("Left as it was (you said no)", "idle"),
    "absent": ("Not found on the page", "warn"),
    "still-set": ("Still {want}", "ok"),
    "turned-back": ("Turned {other} again", "bad"),
}
STATES = ("on", "off", "unknown")


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
        return f"Setting {int(match.group(5))} as the re-check read it"
    when_taken = "before objector changed anything" if match.group(3) == "before" else "after a reload"
    return f"Setting {int(match.group(2))} {when_taken}"


def _setting_items(rec: dict[str, Any]) -> list[dict[str, Any]]:
    items = rec.get("settings")
    return [i for i in items[:100] if isinstance(i, dict)] if isinstance(items, list) else []


def _state(value: Any) -> str:
    return esc(value) if value in STATES else '<span class="faint">unknown</span>'


def _result(item: dict[str, Any]) -> str:
    result = _text(item.get("result"))
    want = str(item["want"]) if item.get("want") in ("on", "off") else "as wanted"
    other = {"on": "off", "off": "on"}.get(want, "back")
    words, tone = SETTING_RESULTS.get(result, (result or "not recorded", "idle"))
    return f'<span class="badge {tone}">{esc(words.format(want=want, other=other))}</span>'


def _setting_badge(rec: dict[str, Any]) -> str:
    """ "Already off" (or on) for a setting attempt that found every setting as wanted and changed nothing."""
    items = _setting_items(rec)
    if rec.get("kind") != "setting" or not items or rec.get("mode") == "recheck":
        return ""
    results = {i.get("result") for i in items}
    if results == {"already-off"}:
        return '<span class="badge ok">Already off: nothing to change</span>'
    if results == {"already-on"}:
        return '<span class="badge ok">Already on: nothing to change</span>'
    return ""


def _setting_rows(rec: dict[str, Any]) -> str:
    """The settings of one setting attempt: name, item, the state before → after a reload, the result."""
    items = _setting_items(rec)
    if not items:
        return '<p class="note">No setting was read in this attempt.</p>'
    rows = []
    for number, item in enumerate(items, start=1):
        name = esc(_text(item.get("name"))) or '<span class="faint">—</span>'
        part = f'<span class="sub">{esc(_text(item.get("item")))}</span>' if item.get("item") else ""
        want = esc(item.get("want")) if item.get("want") in ("on", "off") else "—"
        rows.append(
            f"<tr><td>{number}</td><td>{name}{part}</td><td>{want}</td>"
            f'<td class="nowrap">{_state(item.get("before"))} → {_state(item.get("after_reload"))}</td>'
            f"<td>{_result(item)}</td></tr>"
        )
    heading = "What the re-check read" if rec.get("mode") == "recheck" else "The settings"
    return (
        f'<h4>{heading} <span class="faint">· state before → after a reload of the page</span></h4>'
        '<table class="steps settings"><thead><tr><th>#</th><th>Setting</th><th>Wanted</th>'
        f"<th>Before → after reload</th><th>Result</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _setting_views(proof: Proof) -> list[tuple[AttemptView, dict[str, Any]]]:
    """Every attempt whose record says it is a setting attempt, with its record, in ledger order."""
    found = []
    for view in sorted(proof.attempts.values(), key=lambda v: v.first_seq):
        record, _ = read_record(proof.home, view.path)
        if record is not None and record.get("kind") == "setting":
            found.append((view, record))
    return found


def _shot_link(view: AttemptView, name: str) -> str:
    if name not in view.files:
        return '<span class="faint">—</span>'
    return f'<a href="#{_anchor(view, name)}">{esc(name)}</a>'


def _history_rows(view: AttemptView, rec: dict[str, Any]) -> list[tuple[tuple, str]]:
    """(sort key, table row) for each setting an attempt read; one row when it read none."""
    recheck = rec.get("mode") == "recheck"
    at = rec.get("started_at") or (view.entries[0].get("at") if view.entries else "")
    what = "Re-check" if recheck else "Set"
    outcome = (view.status_entry or {}).get("outcome") or rec.get("outcome")
    items = _setting_items(rec)
    if not items:
        cells = (
            f"<td>{what}</td><td>{esc(view.account)}</td><td>"
            '<span class="faint">no setting read</span></td><td>—</td>'
            f'<td>{badge(outcome)}</td><td><a href="#{_anchor(view)}">attempt</a></td>'
        )
        return [((view.account, "", _text(at)), f'<tr><td class="nowrap">{_day_time(at)}</td>{cells}</tr>')]
    rows = []
    for number, item in enumerate(items, start=1):
        name = _text(item.get("name"))
        part = f'<span class="sub">{esc(_text(item.get("item")))}</span>' if item.get("item") else ""
        if recheck:
            read = _state(item.get("after_reload"))
            shot = _shot_link(view, f"recheck-{number}.png")
        else:
            read = f"{_state(item.get('before'))} → {_state(item.get('after_reload'))}"
            shot = _shot_link(view, f"setting-{number}-after.png")
        rows.append(
            (
                (view.account, name, _text(item.get("item")), _text(at)),
                f'<tr><td class="nowrap">{_day_time(at)}</td><td>{what}</td><td>{esc(view.account)}</td>'
                f'<td>{esc(name)}{part}</td><td class="nowrap">{read}</td><td>{_result(item)}</td>'
                f"<td>{shot}</td></tr>",
            )
        )
    return rows


def _settings_history(proof: Proof) -> str:
    """Per service, every time each (account, setting) was set or re-checked, oldest first."""
    by_service: dict[str, list[tuple[tuple, str]]] = {}
    from ..config.hosts import service_name

    for view, rec in _setting_views(proof):
        service = service_name(rec.get("platform") if isinstance(rec.get("platform"), str) else view.flow)
        by_service.setdefault(service, []).extend(_history_rows(view, rec))
    if not by_service:
        return ""
    tables = []
    for service in sorted(by_service):
        rows = "".join(row for _key, row in sorted(by_service[service], key=lambda r: r[0]))
        tables.append(
            f"<h3>{esc(service)}</h3>"
            '<table class="summary-table settings-history"><thead><tr><th>When</th><th>What</th>'
            "<th>Account</th><th>Setting</th><th>State read</th><th>Result</th><th>Screenshot</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )
    return (
        '<section class="summary settings-part"><h2>Settings</h2>'
        '<p class="part-intro">Every time objector set a setting or read it again (a re-check), per '
        "service and per account and setting, oldest first. “State read” is the state before → after a "
        "reload of the page when objector set it, and the state it found when it re-checked it. The "
        "screenshot link leads to the picture in that attempt below. All times are UTC.</p>"
        + "".join(tables)
        + "</section>"
    )


def _steps(rec: dict[str, Any]) -> str:
    steps = rec.get("steps")
    if not isinstance(steps, list) or not steps:
        return ""
    rows = []
    for step in steps[:200]:
        if not isinstance(step, dict):
            continue
        rows.append(
            f'<tr><td class="when">{_clock(step.get("at"))}</td><td>{esc(_text(step.get("action")))}</td>'
            f"<td>{esc(_text(step.get('detail')))}</td><td>{esc(_text(step.get('status')))}</td></tr>"
        )
    return (
        '<h4>What objector did <span class="faint">· times in UTC</span></h4>'
        '<table class="steps"><thead><tr><th>Time</th><th>Step</th><th>Detail</th><th>Result</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _stamps(proof: Proof) -> str:
    """The time-stamp tokens of the ledger with their details (``stamps.py``)."""
    from .stamps import stamps_html

    problems = {p.path: p.detail for p in proof.verification.problems if p.kind == "stamp"}
    return stamps_html(proof.entries, problems)


def _ledger_table(proof: Proof) -> str:
    rows = []
    for entry in proof.entries:
        what = esc(_text(entry.get("outcome")))
        if entry.get("kind") == "mail":
            what = "confirmation e-mail stored"
        elif entry.get("kind") == "stamp":
            what = f"time-stamp of entry {esc(_text(entry.get('head_seq')))}"
        elif entry.get("outcome") == "covered":
            what += f" via {esc(_text(entry.get('covered_via')))}"
        rows.append(
            f'<tr><td>{esc(entry.get("seq"))}</td><td class="nowrap">{when(entry.get("at"))}</td>'
            f'<td><b class="nowrap">{esc(_text(entry.get("account")))}</b>'
            f'<span class="sub">{esc(_text(entry.get("flow")))}</span></td>'
            f'<td class="nowrap">{what}</td><td class="hash">{esc(_text(entry.get("hash")))}</td></tr>'
        )
    return (
        '<section class="ledger-part"><h2>The ledger</h2>'
        '<p class="part-intro">Every entry objector wrote, in order. Each holds the SHA-256 of the entry '
        "before it, so an entry cannot be changed, removed or inserted without breaking the chain; the "
        "hash of the last entry is the fingerprint on page 1.</p>"
        '<table class="ledger"><thead><tr><th>#</th><th>Time</th><th>Account · form</th><th>Entry</th>'
        f"<th>Entry hash (SHA-256)</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


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
        raise ReportError(f"{target}: the report is a web page; give a file name ending in .html.")
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
            f"could not make the PDF with the browser ({first}); the HTML report is at {html_file}."
        ) from None


def count_pdf_pages(data: bytes) -> int:
    """Pages in a PDF as Chromium writes it (no object streams): its ``/Type /Page`` objects."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
