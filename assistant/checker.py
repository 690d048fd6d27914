"""``objector check``: is every step's target still where the flow expects it on the live form?"""

from __future__ import annotations

from dataclasses import dataclass

from .config.accounts import Account
from .config.flows import LoadedFlow, flow_words
from .config.settings import Settings
from .i18n import _
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
    from .engine.common import shown

    results: list[FlowCheck] = []
    with session(
        settings.home, settings.browser, headless=settings.headless, password_store=settings.password_store
    ) as browser:
        reporter.info(
            # TRANSLATORS: {browser} names the browser, e.g. "Chromium (/usr/bin/chromium)"
            _("browser: {browser} · nothing will be filled or submitted").format(browser=browser.description)
        )
        for account, loaded in pairs:
            flow = loaded.flow
            reporter.heading(f"{account.name} · {flow_words(flow.title)}")
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
                    results.append(FlowCheck(account.name, flow.id, [], shown(stop.message)))
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
            # TRANSLATORS: {what} is a part of the page ("the Send button"); {shows} and {wanted} are
            # a setting's state, ON or OFF
            line = _("{what}: found, shows {shows} (wanted {wanted})")
            reporter.ok(line.format(what=what, shows=shows.upper(), wanted=row["want"].upper()))
        else:
            # TRANSLATORS: {what} is a part of the page, e.g. "the Send button"
            reporter.ok(_("{what}: found").format(what=what))
    elif status in ("after-send", "next-screen"):
        reporter.info(f"  · {what}: {row['detail']}")
    elif status == "absent":
        # TRANSLATORS: {what} is a part of the page, e.g. "the e-mail address box"
        reporter.warn(_("{what}: not on this page (optional)").format(what=what))
    else:
        reporter.fail(
            # TRANSLATORS: {what} is a part of the page; {step} a flow step's name (e.g. fill): as it is
            _("{what}: not found — the flow '{step}' step needs it").format(what=what, step=row["step"])
        )
