"""How progress, questions and summaries look in the terminal (Rich)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..config.flows import flow_words, unofficial_label
from ..i18n import N_, _, pgettext

if TYPE_CHECKING:
    from .asks import Guidance, SettingReview, SubmitReview


def make_console(file: TextIO | None = None, *, markup: bool = True) -> Console:
    """Rich console; when output is piped, wide enough that tables do not wrap (or $COLUMNS).

    ``markup=False`` for commands whose messages are built from names and paths
    alone, so a ``[`` in them is printed, never read as style.
    """
    stream = file or sys.stdout
    width = None
    if not stream.isatty():
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) >= 60 else 140
    return Console(file=stream, highlight=False, soft_wrap=False, width=width, markup=markup)


@dataclass
class Reporter:
    """Prints the engine's progress lines; keeps them for the attempt's record."""

    console: Console = field(default_factory=make_console)
    lines: list[str] = field(default_factory=list)
    practice: bool = False  # a site map is in use: every heading says PRACTICE
    _live: bool = False  # a progress line is on the screen, to be overwritten
    _said_minute: int = 0  # not a terminal: the last whole minute a progress line was printed for

    def _clear(self) -> None:
        """Remove the progress line (a terminal only) before a line that stays."""
        if self._live:
            self.console.file.write("\r\x1b[K")
            self._live = False

    def _say(self, mark: str, style: str, message: str) -> None:
        self._clear()
        self.lines.append(f"{mark} {message}")
        self.console.print(f"  [{style}]{mark}[/] {escape(message)}")

    def progress(self, waited: float, limit: float, doing: str, safe: str | None = None) -> None:
        """How long a wait has lasted and may last, what the person is expected to do, and that Ctrl-C
        is safe. On a terminal one line rewritten in place (call it about once a second); otherwise
        a plain line once a minute, so a log shows the wait without a line a second. Not kept in
        ``lines`` (the record keeps the wait's start and end, not its ticks)."""
        safe = _("Ctrl-C stops safely") if safe is None else safe
        # TRANSLATORS: a wait's clock, e.g. "  … 0:12 of 10:00 · log in in the browser · Ctrl-C stops safely"
        line = _("  … {waited} of {limit} · {doing} · {safe}").format(
            waited=_clock(waited), limit=_clock(limit), doing=doing, safe=safe
        )
        if self.console.is_terminal:
            self.console.file.write("\r\x1b[K" + line[: max(20, self.console.width - 1)])
            self.console.file.flush()
            self._live = True
        elif int(waited // 60) > self._said_minute:
            self._said_minute = int(waited // 60)
            self.console.print(escape(line), highlight=False)

    def ok(self, message: str) -> None:
        self._say("✓", "green", message)

    def wait(self, message: str) -> None:
        self._say("…", "yellow", message)

    def warn(self, message: str) -> None:
        self._say("!", "yellow", message)

    def fail(self, message: str) -> None:
        self._say("✗", "red", message)

    def info(self, message: str) -> None:
        self._clear()
        self.lines.append(message)
        self.console.print(escape(message), soft_wrap=True)  # commands in it must paste as one line

    def heading(self, message: str) -> None:
        if self.practice:
            # TRANSLATORS: the mark after each heading of a practice run (against objector's practice site)
            message = f"{message} · {_('PRACTICE')}"
        self._clear()
        self.lines.append(message)
        self.console.print()
        self.console.print(f"[bold]{escape(message)}[/]")


def _clock(seconds: float) -> str:
    """``4:05`` (minutes and seconds), ``1:02:03`` from an hour on."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def review_panel(review: SubmitReview) -> Panel:
    """What is about to be sent, every value shown literally (a value is never read as Rich markup)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    # the labels of the review's rows (short words: the context tells translators where they are)
    if review.unofficial:
        table.add_row(pgettext("review", "warning"), Text(review.unofficial.upper(), style="bold red"))
    table.add_row(pgettext("review", "account"), Text(f"{review.account} ({review.email})"))
    table.add_row(pgettext("review", "form"), Text(flow_words(review.flow_title)))
    table.add_row(pgettext("review", "address"), Text(review.url))
    if review.email_sent is not None and review.email_sent.lower() != review.email.lower():
        # TRANSLATORS: {sent}: the address the page's form holds; {email}: the account's address
        chosen = _("{sent} (chosen by the page, not {email})").format(
            sent=review.email_sent, email=review.email
        )
        table.add_row(pgettext("review", "e-mail sent"), Text(chosen))
    if review.shown_phone:
        table.add_row(pgettext("review", "phone"), Text(review.shown_phone))
    if review.filled:
        table.add_row(pgettext("review", "filled"), Text(", ".join(review.filled)))
    for note in review.notes:
        table.add_row(pgettext("review", "note"), Text(note, style="yellow"))
    # TRANSLATORS: the label of the letter's text in the review before Send
    table.add_row(pgettext("review", "text"), Text(review.shown_text))
    title = _("Dry run: this is what would be sent") if review.dry_run else _("Ready to submit")
    subtitle = _("The Send button is outlined in orange in the browser window.")
    return Panel(table, title=title, title_align="left", subtitle=subtitle, subtitle_align="left")


def setting_panel(review: SettingReview) -> Panel:
    """The setting about to be switched, its state now and the state wanted (values shown literally)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    if review.unofficial:
        table.add_row(pgettext("review", "warning"), Text(review.unofficial.upper(), style="bold red"))
    table.add_row(pgettext("review", "account"), Text(f"{review.account} ({review.email})"))
    table.add_row(pgettext("review", "service"), Text(flow_words(review.flow_title)))
    table.add_row(pgettext("review", "address"), Text(review.url))
    if review.item:
        # TRANSLATORS: the label of the blog or site a setting is made for
        table.add_row(pgettext("review", "for"), Text(review.item))
    table.add_row(pgettext("review", "setting"), Text(flow_words(review.setting)))
    table.add_row(pgettext("review", "change"), Text(review.change, style="bold"))
    title = _("Dry run: this is what would be switched") if review.dry_run else _("Ready to switch")
    return Panel(
        Group(Text(review.headline, style="bold"), Text(""), table),
        title=title,
        title_align="left",
        subtitle=_("The switch is outlined in orange in the browser window."),
        subtitle_align="left",
    )


def guidance_panel(guidance: Guidance) -> Panel:
    parts: list[RenderableType] = [Text(guidance.instruction)]
    if guidance.text_to_paste:
        paste = Panel(Text(guidance.text_to_paste), title=_("text to paste"), title_align="left")
        parts += [Text(""), paste]
    # TRANSLATORS: the title of a step the person does by hand; {account}: the account's short name
    title = _("Your turn ({account})").format(account=escape(guidance.account))
    return Panel(Group(*parts), title=title, title_align="left", border_style="yellow")


def accounts_table(accounts: list, width: int = 200) -> RenderableType:  # list[Account]
    """The accounts, fitted to ``width`` (``status_view.accounts_view``)."""
    from .status_view import accounts_view

    return accounts_view(accounts, width=width)


def status_table(
    accounts: list,
    ledger,
    setting_flows=frozenset(),
    now: datetime | None = None,
    *,
    width: int = 200,
    paths: bool = False,
) -> RenderableType:
    """Each account × flow with its standing outcome, fitted to ``width`` (``status_view``); every
    value from the ledger shown literally.

    For a setting (a flow in ``setting_flows``, or one a re-check was recorded
    for) the "confirmed on" column gives the date it was last confirmed or
    re-checked, and the outcome cell says when it was found changed back or has
    not been checked for a month (see ``setting_advice`` for the lines with the
    command to type).
    """
    from .status_view import status_rows, status_view

    return status_view(status_rows(accounts, ledger, setting_flows, now), width=width, paths=paths)


def setting_advice(
    accounts: list, ledger, setting_flows, commands: dict[str, str], now: datetime | None = None
) -> list[str]:
    """One line per setting of the accounts that needs the person: found changed back, or unchecked.

    ``commands`` maps ``run`` and ``recheck`` to those commands as the person
    types them (``commands.py``). The lines go below the status table, whole,
    so the command in them pastes as one line.
    """
    from ..recheck import setting_states

    now = now or datetime.now(UTC)
    states = setting_states(ledger.entries(), setting_flows, ledger.home)
    lines = []
    for account in accounts:
        for flow in account.flow_ids:
            state = states.get((account.name, flow))
            advice = state.advice(now, commands) if state else None
            if advice:
                lines.append(f"{account.name} · {flow}: {advice}")
    return lines


def flows_table(flows: dict) -> Group:  # dict[str, LoadedFlow]
    """The flows grouped by what objector does (objection forms, then AI-training settings), then by
    service: each with its kind, title, address and the file in use (a user file may replace a
    bundled one)."""
    from ..config.hosts import platform_title

    blocks: list[RenderableType] = []
    titles = {
        "form": N_("Objection forms"),
        "setting": N_("AI-training settings"),
    }  # what objector does there
    for kind, title in titles.items():
        by_platform: dict[str, list[tuple[str, Any]]] = {}
        for flow_id, loaded in sorted(flows.items()):
            if (getattr(loaded.flow, "kind", "form") == "setting") == (kind == "setting"):
                by_platform.setdefault(loaded.flow.platform, []).append((flow_id, loaded))
        if by_platform:
            blocks += [Text(_(title).upper(), style="bold"), Text("")]
        for platform in sorted(by_platform, key=lambda p: platform_title(p).lower()):
            blocks.append(Text(platform_title(platform), style="bold underline"))
            for flow_id, loaded in by_platform[platform]:
                blocks += [_flow_block(flow_id, loaded), Text("")]
    return Group(*blocks)


def _flow_block(flow_id: str, loaded) -> Text:  # LoadedFlow
    if loaded.source == "bundled":
        source = _("{path} (bundled)").format(path=loaded.path)
    elif loaded.overrides:
        source = _("{path} (yours, replaces the bundled one)").format(path=loaded.path)
    else:
        source = _("{path} (yours)").format(path=loaded.path)
    kind = getattr(loaded.flow, "kind", "form")  # a code, as flow files write it
    text = Text()
    text.append(flow_id, style="bold")
    # TRANSLATORS: {path}: the flow file in use, with where it comes from
    text.append(
        f"  ({kind})  {flow_words(loaded.flow.title)}\n  {loaded.flow.url}\n  "
        + _("file: {path}").format(path=source)
    )
    if getattr(loaded.flow, "unofficial", False):
        text.append(f"\n  {unofficial_label(loaded.flow.platform)}", style="bold red")
    return text
