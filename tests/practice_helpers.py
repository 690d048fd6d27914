"""Running the real engine in-process against the practice Help Centre."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from cli_helpers import OUTPUT_COLUMNS
from rich.console import Console
from scripted_human import ScriptedHuman
from shared_browser import SharedProfiles

from assistant.config.accounts import Account
from assistant.config.flows import load_flows
from assistant.config.settings import Settings
from assistant.people.ui import Reporter
from assistant.proof.ledger import Ledger
from assistant.runner import RunRequest, Summary, execute


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
    overrides = dict(options.pop("settings_overrides", {}) or {})  # type: ignore[call-overload]
    settings = Settings(
        home=home,
        headless=True,
        site_map=site.site_map,
        login_timeout=float(options.pop("login_timeout", 40)),
        confirm_timeout=15,
        step_timeout=8,
        manual_timeout=30,
        **overrides,
    )
    buffer = io.StringIO()
    console = Console(file=buffer, width=OUTPUT_COLUMNS, highlight=False, color_system=None)
    human = ScriptedHuman(list(answers))
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
