"""Running the real engine in-process against the practice Help Centre."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from cli_helpers import OUTPUT_COLUMNS
from rich.console import Console
from scripted_human import ScriptedHuman
from shared_browser import STATE_FILE, SharedProfiles

from assistant.config.accounts import Account
from assistant.config.flows import load_flows
from assistant.config.settings import Settings
from assistant.engine import RunObserver
from assistant.people.ui import Reporter
from assistant.proof.ledger import Ledger
from assistant.runner import RunRequest, Summary, execute


class RunsSeen(RunObserver, list):
    """An observer that keeps every FlowRun of a run (pass it as ``observer=``), so a test or a
    stand-in person can act in the page as the person would."""

    def started(self, run) -> None:
        self.append(run)


def account(name: str = "anna-instagram", platform: str = "instagram", **fields: object) -> Account:
    data = {
        "name": name,
        "platform": platform,
        "email": "anna@example.org",
        "country": "DE",
        "language": "en",
        **fields,
    }
    return Account.model_validate(data)


@dataclass
class Outcome:
    summary: Summary
    human: ScriptedHuman
    output: str
    home: Path

    def records(self, name: str | None = None) -> list[dict]:
        found = []
        for path in sorted((self.home / "evidence").glob("*/*/*/record.json")):
            record = read_record(path)
            record["_folder"] = path.parent
            if name is None or record["account"] == name:
                found.append(record)
        return found

    @property
    def ledger(self) -> Ledger:
        return Ledger(self.home)


def run_practice(home: Path, site, accounts: list[Account], answers: list, **options: object) -> Outcome:
    """Run ``accounts`` in-process against ``site`` with scripted ``answers``.

    ``logged_in``: True (every account) or the names of the accounts whose profiles already hold
    a practice login when the run starts, as a person's profile does on a later run; the others
    log in through the practice login page. For tests whose subject comes after the login: the
    login page costs each flow about a third more CPU, and the login itself has tests of its own.
    """
    overrides = dict(options.pop("settings_overrides", {}) or {})  # type: ignore[call-overload]
    logged_in = options.pop("logged_in", False)
    for person in accounts:
        if logged_in is True or (logged_in and person.name in logged_in):  # type: ignore[operator]
            give_practice_login(home, site, person.name)
    site_map = overrides.pop("site_map", site.site_map)
    timeouts = {"confirm_timeout": 15, "step_timeout": 8, "manual_timeout": 30, **overrides}
    settings = Settings(
        home=home,
        headless=True,
        site_map=site_map,
        login_timeout=float(options.pop("login_timeout", 40)),
        **timeouts,
    )
    buffer = io.StringIO()
    console = Console(file=buffer, width=OUTPUT_COLUMNS, highlight=False, color_system=None)
    human = options.pop("human", None) or ScriptedHuman(list(answers))
    request = RunRequest(
        settings=settings,
        accounts=accounts,
        flows=load_flows(home / "flows"),
        **{"browser": SharedProfiles(home), **options},  # type: ignore[arg-type]
    )
    summary = execute(request, human, Reporter(console))
    return Outcome(summary, human, buffer.getvalue(), home)


def read_record(path: Path) -> dict:
    """A ``record.json`` an integration test produced, checked against the documented format."""
    from assistant.proof.record import AttemptRecord

    record = json.loads(path.read_text(encoding="utf-8"))
    problems = AttemptRecord.problems(record) + record.get("format_problems", [])
    assert not problems, f"{path} does not fit docs/proof-format.md: {problems}"
    return record


#: the hosts whose practice logins give a session to Instagram's and Facebook's forms
META_LOGIN_HOSTS = ("www.instagram.com", "www.facebook.com")


def give_practice_login(home: Path, site, account_name: str) -> None:
    """Put a practice login in the account's profile, unless it holds one already: the session
    cookies of Instagram's and Facebook's practice copies and of every settings service's. Only
    for :class:`SharedProfiles` runs."""
    from assistant.engine.browser import profile_dir
    from assistant.practice.services import AUTO_LOGIN_USER, SETTINGS_SERVICES
    from assistant.storage import private_dir

    state = private_dir(profile_dir(home, account_name)) / STATE_FILE
    if state.is_file():
        return
    cookies: dict[str, dict] = {}
    hosts = [*META_LOGIN_HOSTS, *(service.login_host for service in SETTINGS_SERVICES.values())]
    for host in hosts:  # every practice host is 127.0.0.1: a cookie does not tell ports apart
        if site.login_cookie(host) in cookies:
            continue  # another host's login gives this one too
        name, value = site.new_login(host, AUTO_LOGIN_USER)
        cookie = {"name": name, "value": value, "domain": "127.0.0.1", "path": "/", "expires": -1}
        secure = name.startswith(("__Secure-", "__Host-"))  # kept only with Secure (also on 127.0.0.1)
        cookies[name] = {**cookie, "httpOnly": True, "secure": secure, "sameSite": "Lax"}
    state.write_text(json.dumps({"cookies": list(cookies.values()), "origins": []}), encoding="utf-8")
