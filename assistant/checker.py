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
                mark = {
                    "found": reporter.ok,
                    "done": reporter.ok,
                    "missing": reporter.fail,
                    "absent": reporter.warn,
                    "after-send": reporter.info,
                    "next-screen": reporter.info,
                }[row["status"]]
                if row["status"] in ("after-send", "next-screen"):
                    mark(f"  · {row['step']}: {row['detail']}")
                else:
                    mark(f"{row['step']}: {row['detail']}" if row["status"] != "done" else row["detail"])
    return results
