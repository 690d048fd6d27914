"""``objector status`` and ``objector accounts list`` as the person reads them, at any width.

The ledger keeps outcome values that never change meaning (``declined`` is
what the person answered); here they get the words a person reads (``skipped``:
you said no, or did not click in time). Nothing is renamed on disk, so every
home ever written still reads.

A confirmed objection stays the standing result of its form: a later attempt
that was skipped or failed (``run --again``) does not hide it; the cell says
``confirmed`` and, below, what the latest attempt was.

Two layouts, chosen by the console's width: below ``WIDE`` columns one block
per account (fits 80 columns), from ``WIDE`` on a table. Proof folders are
long, so they are shown only when asked for (``status --paths``, or
``status ACCOUNT``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..config.flows import unofficial_label
from ..i18n import N_, _, pgettext
from ..proof.outcome import PRACTICE_MARK

#: from this width on, tables; below it, one block per account
WIDE = 100

#: outcome values as the person reads them (stored values stay as they are)
OUTCOME_WORDS = {
    # TRANSLATORS: an outcome in status: the person said no, or did not click Send in time
    "declined": N_("skipped"),  # the person said no, or did not click Send in time: not the service
}

_STYLE = {
    "confirmed": "green",
    "covered": "green",
    "still-set": "green",
    "declined": "yellow",
    "dry-run": "yellow",
    "submitting": "yellow",
    "submitted": "yellow",
    "not-confirmed": "yellow",
}


def outcome_words(outcome: str) -> str:
    """``declined`` -> ``skipped``; other outcomes by their names (both in the language in use)."""
    if outcome in OUTCOME_WORDS:
        return _(OUTCOME_WORDS[outcome])
    return _outcome_names().get(outcome, outcome)


def _outcome_names() -> dict[str, str]:
    """The outcomes' names as status shows them (English: the stored value itself)."""
    return {
        "confirmed": pgettext("outcome", "confirmed"),
        "dry-run": pgettext("outcome", "dry-run"),
        "not-confirmed": pgettext("outcome", "not-confirmed"),
        "rejected": pgettext("outcome", "rejected"),
        "not-kept": pgettext("outcome", "not-kept"),
        "needs-attention": pgettext("outcome", "needs-attention"),
        "blocked": pgettext("outcome", "blocked"),
        "failed": pgettext("outcome", "failed"),
        "interrupted": pgettext("outcome", "interrupted"),
        "covered": pgettext("outcome", "covered"),
        "still-set": pgettext("outcome", "still-set"),
        "turned-back": pgettext("outcome", "turned-back"),
        "unknown": pgettext("outcome", "unknown"),
        "awaiting-approval": pgettext("outcome", "awaiting-approval"),
        "submitting": pgettext("outcome", "submitting"),
        "sent": pgettext("outcome", "sent"),
    }


@dataclass
class StatusRow:
    """One account × flow, every value as shown."""

    account: str
    flow: str
    outcome: Text  # the standing result (one line)
    when: str = ""  # the latest attempt, UTC
    day: str = ""  # the day it was confirmed, or "checked DAY" for a setting
    mail: str = ""  # "yes DAY" when the service's confirmation e-mail is kept
    mail_day: str = ""  # that DAY
    proof: str = ""  # the latest attempt's folder
    practice: bool = False
    notes: list[Text] = field(default_factory=list)  # lines below it: latest try, warnings, flags

    def cell(self, first_line_end: str = "") -> Text:
        """The outcome, ``first_line_end`` after its first line, then the notes one per line."""
        text = self.outcome.copy()
        if first_line_end:
            text.append(first_line_end, style="dim")
        for note in self.notes:
            text.append("\n")
            text.append_text(note)
        return text


def _outcome_text(entry: dict) -> Text:
    outcome = str(entry.get("outcome", "?"))
    shown = outcome_words(outcome)
    if outcome == "covered":
        # TRANSLATORS: an outcome in status; {account}: the linked account whose objection covers this one
        shown = _("covered via {account}").format(account=entry.get("covered_via", "?"))
    elif entry.get("submitted") and outcome not in ("confirmed", "submitting"):
        # TRANSLATORS: {outcome}: an outcome's name, e.g. unknown
        shown = _("{outcome} (sent, not confirmed)").format(outcome=shown)
    return Text(shown, style=_STYLE.get(outcome, "red"))


def _when(entry: dict) -> str:
    return str(entry.get("at", "")).replace("T", " ").rstrip("Z")


def _folder(home, attempt: object) -> str:
    """The attempt's proof folder as a full path (a person opens it from there)."""
    if not isinstance(attempt, str) or not attempt:
        return ""
    return str(home / attempt) if home is not None else attempt


def status_rows(
    accounts: list, ledger, setting_flows=frozenset(), now: datetime | None = None
) -> list[StatusRow]:
    """Each account × flow (and anything the ledger has beyond the accounts file), newest first read."""
    from ..recheck import setting_states

    latest = ledger.latest()
    confirmed = ledger.confirmed()
    mailed = ledger.mail_confirmed()
    now = now or datetime.now(UTC)
    states = setting_states(ledger.entries(), setting_flows, ledger.home)
    ours = {(a.name, f) for a in accounts for f in a.flow_ids}
    pairs = [(a.name, f) for a in accounts for f in a.flow_ids]
    pairs += [key for key in latest if key not in pairs]
    rows = []
    for name, flow in pairs:
        entry = latest.get((name, flow))
        if entry is None:
            rows.append(StatusRow(name, flow, Text(_("not yet"), style="dim")))
            continue
        done = confirmed.get((name, flow))
        state = states.get((name, flow))
        standing, notes = _outcome_text(entry), []
        if state is None and done is not None and entry.get("outcome") != "confirmed":
            standing = Text(outcome_words("confirmed"), style="green")  # a later attempt does not undo it
            later = _outcome_text(entry)
            # TRANSLATORS: below a confirmed objection; {outcome}: the latest attempt's outcome
            latest_try = _("latest try: {outcome} ({day})").format(outcome=later.plain, day=_when(entry)[:10])
            notes.append(Text(latest_try, style="yellow"))
        if entry.get("practice"):
            # TRANSLATORS: the mark after each heading of a practice run (against objector's practice site)
            standing.append(f" · {_('PRACTICE')}")
        if isinstance(entry.get("unofficial"), str):
            notes.append(Text(unofficial_label(entry["unofficial"]), style="bold red"))
        day = str(done["at"])[:10] if done else ""
        if state is not None:
            # TRANSLATORS: the day a setting was last checked, e.g. "checked 2025-03-12"
            day = (
                _("checked {day}").format(day=f"{state.last_checked:%Y-%m-%d}") if state.last_checked else ""
            )
            flag = state.flag(now) if (name, flow) in ours else None
            if flag:
                notes.append(Text(flag, style="bold red" if state.turned_back else "yellow"))
        mail_day = mailed[(name, flow)][:10] if (name, flow) in mailed else ""
        rows.append(
            StatusRow(
                name, flow, standing, when=_when(entry), day=day, notes=notes,
                # TRANSLATORS: the e-mail column: the service's confirmation e-mail is kept, from {day}
                mail=_("yes {day}").format(day=mail_day) if mail_day else "", mail_day=mail_day,
                proof=_folder(ledger.home, entry.get("attempt")), practice=bool(entry.get("practice")),
            )
        )  # fmt: skip
    return rows


def status_view(rows: list[StatusRow], *, width: int, paths: bool = False) -> RenderableType:
    """The rows as a table (``width`` >= WIDE) or as one block per account; a PRACTICE caption."""
    view: RenderableType = _status_table(rows) if width >= WIDE else _status_blocks(rows, paths)
    if paths and width >= WIDE:
        view = Group(view, *_proof_lines(rows))
    if any(r.practice for r in rows):
        # TRANSLATORS: {mark}: "PRACTICE — nothing was sent to the service", as translated
        caption = Text(_("{mark} (made against objector's practice site)").format(mark=_(PRACTICE_MARK)))
        return Group(view, caption)
    return view


def _path_line(text: str) -> Text:
    """One line however long: the terminal wraps it, so it is copied and pasted whole."""
    return Text(text, no_wrap=True, overflow="ignore")


def _proof_lines(rows: list[StatusRow]) -> list[Text]:
    lines = [Text(_("Proof folders:"), style="bold")]
    return lines + [_path_line(f"  {r.account} · {r.flow}: {r.proof}") for r in rows if r.proof]


def _status_table(rows: list[StatusRow]) -> Table:
    table = Table(title=_("Objections and settings"), title_justify="left")
    # names and ids are read whole; the outcome wraps
    table.add_column(pgettext("status column", "account"), no_wrap=True)
    table.add_column(pgettext("status column", "flow"), no_wrap=True)
    table.add_column(pgettext("status column", "outcome"), ratio=1, min_width=18)
    table.add_column(pgettext("status column", "when (UTC)"), no_wrap=True)
    table.add_column(pgettext("status column", "confirmed on"))
    if any(r.mail for r in rows):
        table.add_column(pgettext("status column", "e-mail"))
    for r in rows:
        cells: list[RenderableType] = [
            Text(r.account),
            Text(r.flow),
            r.cell(),
            Text(r.when[:16]),
            Text(r.day),
        ]
        if any(x.mail for x in rows):
            cells.append(Text(r.mail))
        table.add_row(*cells)
    return table


def _status_blocks(rows: list[StatusRow], paths: bool) -> Group:
    """One block per account: its flows, each with its outcome and day, folded to the width."""
    parts: list[RenderableType] = [Text(_("Objections and settings"), style="italic")]
    by_account: dict[str, list[StatusRow]] = {}
    for r in rows:
        by_account.setdefault(r.account, []).append(r)
    for account, own in by_account.items():
        parts += [Text(""), Text(account, style="bold")]
        grid = _block_grid()
        for r in own:
            day = r.day or r.when[:10]
            cell = r.cell(f" · {day}" if day else "")
            if r.mail:
                cell.append("\n" + _("e-mail confirmation kept ({day})").format(day=r.mail_day))
            grid.add_row(Text(f"  {r.flow}"), cell)
            if paths and r.proof:  # a whole line of its own: a path is not folded into a column
                parts += [
                    grid,
                    Text(_("    proof folder:"), style="dim"),
                    _path_line(f"    {r.proof}"),
                ]
                grid = _block_grid()
        parts.append(grid)
    return Group(*parts)


def _block_grid() -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(overflow="fold")
    grid.add_column(overflow="fold")
    return grid


def accounts_view(accounts: list, *, width: int) -> Table:  # list[Account]
    """The accounts; by priority, narrower widths drop the "linked with" column (said below the
    account's flows, or its name) and then the flows (``status`` shows them); e-mails stay whole."""
    columns = ["name", "platform", "e-mail", "country", "language", "flows", "linked with"]
    linked_column = width >= 130 and any(a.linked_with for a in accounts)
    if not linked_column:
        columns.remove("linked with")
    if width < WIDE:
        columns.remove("flows")
        columns[columns.index("language")] = "lang"
    headers = {
        "name": pgettext("accounts column", "name"),
        "platform": pgettext("accounts column", "platform"),
        "e-mail": pgettext("accounts column", "e-mail"),
        "country": pgettext("accounts column", "country"),
        "language": pgettext("accounts column", "language"),
        # TRANSLATORS: a short "language" for a narrow terminal
        "lang": pgettext("accounts column", "lang"),
        "flows": pgettext("accounts column", "flows"),
        "linked with": pgettext("accounts column", "linked with"),
    }
    table = Table(title=_("Accounts"), title_justify="left")
    for column in columns:
        table.add_column(headers[column], no_wrap=column in ("e-mail", "platform", "flows"))
    for a in accounts:
        # TRANSLATORS: {account}: the Meta account this one is linked with (one objection covers both)
        linked = "\n" + _("(linked with {account})").format(account=a.linked_with)
        linked = linked if a.linked_with and not linked_column else ""
        values = {
            "name": a.name + (linked if "flows" not in columns else ""),
            "platform": a.platform, "e-mail": a.email, "country": a.country, "language": a.language,
            "lang": a.language, "linked with": a.linked_with,
            "flows": "\n".join(a.flow_ids) + linked,
        }  # fmt: skip
        table.add_row(*(Text(str(values[c] or "")) for c in columns))
    return table
