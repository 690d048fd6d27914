"""``objector check``: is every step's target still where the flow expects it on the live form?"""

from __future__ import annotations

from dataclasses import dataclass

from .config.accounts import Account
from .config.flows import LoadedFlow
from .config.settings import Settings
from .people.human import Human
from .people.ui import Reporter


@dataclass
class FlowCheck:
    account: str
    flow: str
    rows: list[dict]
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not any(r["status"] == "missing" for r in self.rows)


def check_forms(
    settings: Settings, pairs: list[tuple[Account, LoadedFlow]], human: Human, reporter: Reporter
) -> list[FlowCheck]:
    from playwright.sync_api import Error as PlaywrightError

    from .engine import FlowRun, FlowStop
    from .engine.browser import session
    from .engine.check import inspect

    results: list[FlowCheck] = []
    with session(
        settings.home, settings.browser, headless=settings.headless, password_store=settings.password_store
    ) as browser:
        reporter.info(f"browser: {browser.description} · nothing will be filled or submitted")
        for account, loaded in pairs:
            flow = loaded.flow
            reporter.heading(f"{account.name} · {flow.title}")
            context = browser.open(account.name)
            try:
                page = context.pages[0] if context.pages else context.new_page()
                run = FlowRun(
                    page=page,
                    flow=flow,
                    account=account,
                    text="",
                    human=human,
                    reporter=reporter,
                    settings=settings,
                    attempt=None,
                    ledger=None,
                )
                try:
                    rows = inspect(run)
                    results.append(FlowCheck(account.name, flow.id, rows))
                except FlowStop as stop:
                    results.append(FlowCheck(account.name, flow.id, [], stop.message))
                except PlaywrightError as exc:
                    results.append(FlowCheck(account.name, flow.id, [], str(exc).splitlines()[0]))
            finally:
                browser.close(context)
            result = results[-1]
            if result.error:
                reporter.fail(result.error)
            for row in result.rows:
                _say_row(reporter, row)
    return results


def _say_row(reporter: Reporter, row: dict) -> None:
    """One step of a check in the flow's own words ("the Send button: found"); opening and logging
    in were said as they happened, and the patterns a flow looks for stay in the flow file."""
    status, what = row["status"], row.get("what") or row["step"]
    if status == "done":
        return
    if status == "found":
        shows = row.get("state")
        if shows:
            reporter.ok(f"{what}: found, shows {shows.upper()} (wanted {row['want'].upper()})")
        else:
            reporter.ok(f"{what}: found")
    elif status in ("after-send", "next-screen"):
        reporter.info(f"  · {what}: {row['detail']}")
    elif status == "absent":
        reporter.warn(f"{what}: not on this page (optional)")
    else:
        reporter.fail(f"{what}: not found — the flow '{row['step']}' step needs it")
