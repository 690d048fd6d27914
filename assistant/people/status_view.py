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
from ..proof.outcome import PRACTICE_MARK

#: from this width on, tables; below it, one block per account
WIDE = 100

#: outcome values as the person reads them (stored values stay as they are)
OUTCOME_WORDS = {
    "declined": "skipped",  # the person said no, or did not click Send in time: not the service
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
    """``declined`` -> ``skipped``; other outcomes as they are."""
    return OUTCOME_WORDS.get(outcome, outcome)


@dataclass
class StatusRow:
    """One account × flow, every value as shown."""

    account: str
    flow: str
    outcome: Text  # the standing result (one line)
    when: str = ""  # the latest attempt, UTC
    day: str = ""  # the day it was confirmed, or "checked DAY" for a setting
    mail: str = ""  # "yes DAY" when the service's confirmation e-mail is kept
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
        shown = f"covered via {entry.get('covered_via', '?')}"
    elif entry.get("submitted") and outcome not in ("confirmed", "submitting"):
        shown += " (sent, not confirmed)"
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
            rows.append(StatusRow(name, flow, Text("not yet", style="dim")))
            continue
        done = confirmed.get((name, flow))
        state = states.get((name, flow))
        standing, notes = _outcome_text(entry), []
        if state is None and done is not None and entry.get("outcome") != "confirmed":
            standing = Text("confirmed", style="green")  # a later attempt does not undo it
            later = _outcome_text(entry)
            notes.append(Text(f"latest try: {later.plain} ({_when(entry)[:10]})", style="yellow"))
        if entry.get("practice"):
            standing.append(" · PRACTICE")
        if isinstance(entry.get("unofficial"), str):
            notes.append(Text(unofficial_label(entry["unofficial"]), style="bold red"))
        day = str(done["at"])[:10] if done else ""
        if state is not None:
            day = f"checked {state.last_checked:%Y-%m-%d}" if state.last_checked else ""
            flag = state.flag(now) if (name, flow) in ours else None
            if flag:
                notes.append(Text(flag, style="bold red" if state.turned_back else "yellow"))
        rows.append(
            StatusRow(
                name, flow, standing, when=_when(entry), day=day, notes=notes,
                mail=f"yes {mailed[(name, flow)][:10]}" if (name, flow) in mailed else "",
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
        caption = Text(f"{PRACTICE_MARK} (made against objector's practice site)")
        return Group(view, caption)
    return view


def _path_line(text: str) -> Text:
    """One line however long: the terminal wraps it, so it is copied and pasted whole."""
    return Text(text, no_wrap=True, overflow="ignore")


def _proof_lines(rows: list[StatusRow]) -> list[Text]:
    lines = [Text("Proof folders:", style="bold")]
    return lines + [_path_line(f"  {r.account} · {r.flow}: {r.proof}") for r in rows if r.proof]


def _status_table(rows: list[StatusRow]) -> Table:
    table = Table(title="Objections and settings", title_justify="left")
    table.add_column("account", no_wrap=True)  # names and ids are read whole; the outcome wraps
    table.add_column("flow", no_wrap=True)
    table.add_column("outcome", ratio=1, min_width=18)
    table.add_column("when (UTC)", no_wrap=True)
    table.add_column("confirmed on")
    if any(r.mail for r in rows):
        table.add_column("e-mail")
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
    parts: list[RenderableType] = [Text("Objections and settings", style="italic")]
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
                cell.append(f"\ne-mail confirmation kept ({r.mail.removeprefix('yes ')})")
            grid.add_row(Text(f"  {r.flow}"), cell)
            if paths and r.proof:  # a whole line of its own: a path is not folded into a column
                parts += [
                    grid,
                    Text("    proof folder:", style="dim"),
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
    table = Table(title="Accounts", title_justify="left")
    for column in columns:
        table.add_column(column, no_wrap=column in ("e-mail", "platform", "flows"))
    for a in accounts:
        linked = f"\n(linked with {a.linked_with})" if a.linked_with and not linked_column else ""
        values = {
            "name": a.name + (linked if "flows" not in columns else ""),
            "platform": a.platform, "e-mail": a.email, "country": a.country, "language": a.language,
            "lang": a.language, "linked with": a.linked_with,
            "flows": "\n".join(a.flow_ids) + linked,
        }  # fmt: skip
        table.add_row(*(Text(str(values[c] or "")) for c in columns))
    return table
