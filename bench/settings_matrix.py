"""Every setting flow against every practice variant: what the run records, and how long it takes.

For each service beyond Meta and each variant of its practice settings page, one real run of
the runner and engine in headless Chromium (the person answers "y" to every switch):

- ``default``: the setting in its default state (AI training allowed);
- ``already``: already as wanted (nothing may be asked or changed);
- ``dialog``: the page asks to confirm the change in a dialog;
- ``not-kept``: the page shows the change but the service does not keep it (reload shows the old state);
- ``turned-back``: switched off earlier, then the service turned it on again; ``recheck`` reads it.

Prints a Markdown table (service × variant × language → outcome, per-switch results, seconds).

    python bench/settings_matrix.py [--languages en,de] [--services linkedin,x] [--json FILE]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/scripted_human.py

VARIANTS = ("default", "already", "dialog", "not-kept", "turned-back")


def run_one(service: str, variant: str, language: str) -> dict:
    from rich.console import Console
    from scripted_human import ScriptedHuman

    from assistant.config.accounts import Account
    from assistant.config.flows import load_flows
    from assistant.config.settings import Settings
    from assistant.people.ui import Reporter
    from assistant.practice import PracticeConfig, PracticeSite
    from assistant.practice.services import AUTO_LOGIN_USER, SETTINGS_SERVICES
    from assistant.runner import RunRequest, execute

    config = PracticeConfig(
        language=language,
        auto_login=True,
        auto_login_delay=0.2,
        setting_already=variant == "already",
        setting_confirm=variant == "dialog",
        setting_no_persist=variant == "not-kept",
    )
    account = Account.model_validate(
        {"name": f"anna-{service}", "platform": service, "email": "anna@example.org", "country": "DE",
         "language": language}
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp, PracticeSite(config) as site:
        home = Path(tmp) / "home"
        home.mkdir(mode=0o700)
        if variant == "turned-back":
            svc = SETTINGS_SERVICES[service]
            for setting in svc.settings:
                for item in config.blogs if svc.items else (None,):
                    site.set_setting(service, AUTO_LOGIN_USER, setting.key, not setting.wanted_on, item)
        settings = Settings(home=home, headless=True, site_map=site.site_map, login_timeout=30)
        console = Console(file=io.StringIO(), width=140, color_system=None)
        request = RunRequest(
            settings=settings,
            accounts=[account],
            flows=load_flows(home / "flows"),
            recheck=variant == "turned-back",  # objector recheck: read, change nothing
        )
        started = time.monotonic()
        execute(request, ScriptedHuman(["y"] * 10), Reporter(console))
        seconds = time.monotonic() - started
        (path,) = sorted(home.glob("evidence/*/*/*/record.json"))[-1:]
        record = json.loads(path.read_text(encoding="utf-8"))
    return {
        "service": service,
        "variant": variant,
        "language": language,
        "outcome": record["outcome"],
        "results": [e["result"] for e in record.get("settings", [])],
        "recheck": record.get("recheck_result"),
        "seconds": round(seconds, 1),
    }


def main() -> None:
    from assistant.practice.services import SETTINGS_SERVICES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", default="en,de")
    parser.add_argument("--services", default=",".join(SETTINGS_SERVICES))
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    print("| service | variant | lang | outcome | each switch | seconds |")
    print("|---|---|---|---|---|---|")
    for service in args.services.split(","):
        for variant in args.variants.split(","):
            for language in args.languages.split(","):
                row = run_one(service, variant, language)
                rows.append(row)
                switches = ", ".join(row["results"]) + (f" ({row['recheck']})" if row["recheck"] else "")
                cells = (service, variant, language, row["outcome"], switches, row["seconds"])
                print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
