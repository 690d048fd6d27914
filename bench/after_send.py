"""Time from Send to the outcome, per confirmation style and language, on the practice site.

For each style × language (and the held-out wordings no list knows), one real run of the
engine in headless Chromium; the person answers "y" to Send and "y" if asked whether an
unrecognised page is a confirmation. Prints a Markdown table: the outcome, who confirmed,
the signals the engine recorded, and the seconds from the Send click to the outcome.

    python bench/after_send.py [--languages en,de] [--confirm-timeout 15] [--json FILE]

It only uses the engine's public entry points plus a timer around two of its methods, so
the same script measures an older version of the engine checked out elsewhere
(``PYTHONPATH=that-tree python bench/after_send.py``).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/scripted_human.py


def run_one(style: str, language: str, held_out: bool, confirm_timeout: float) -> dict:
    from rich.console import Console
    from scripted_human import ScriptedHuman  # tests/: the person answering from a list

    from assistant import engine
    from assistant.config.accounts import Account
    from assistant.config.flows import load_flows
    from assistant.config.settings import Settings
    from assistant.people.ui import Reporter
    from assistant.practice import PracticeConfig, PracticeSite
    from assistant.runner import RunRequest, execute

    marks: dict[str, float] = {}
    # where the engine waits for the page's answer, and where it writes the outcome; older
    # versions had both as FlowRun methods
    if hasattr(engine.FlowRun, "_await_result"):
        wait_owner, wait_name, finish_name = engine.FlowRun, "_await_result", "_finish"
    else:
        from assistant.engine import submit

        wait_owner, wait_name, finish_name = submit, "await_result", "finish"
    await_result, finish = getattr(wait_owner, wait_name), getattr(engine.FlowRun, finish_name)

    def timed_await(*args, **kwargs):  # the Send click has just happened
        marks.setdefault("send", time.monotonic())
        return await_result(*args, **kwargs)

    def timed_finish(self, outcome, message):
        marks["end"] = time.monotonic()
        return finish(self, outcome, message)

    setattr(wait_owner, wait_name, timed_await)
    setattr(engine.FlowRun, finish_name, timed_finish)
    config = PracticeConfig(
        auto_login=True,
        auto_login_delay=0.2,
        cookie_dialog=False,
        language=language,
        confirmation_style=style,
        held_out=held_out,
    )
    try:
        with tempfile.TemporaryDirectory() as tmp, PracticeSite(config) as site:
            home = Path(tmp)
            settings = Settings(
                home=home,
                headless=True,
                site_map=site.site_map,
                login_timeout=40,
                step_timeout=8,
                confirm_timeout=confirm_timeout,
            )
            account = Account.model_validate(
                {"name": "anna-instagram", "platform": "instagram", "email": "anna@example.org",
                 "country": "DE", "language": language}
            )  # fmt: skip
            human = ScriptedHuman(["y", "y"])
            console = Console(file=io.StringIO(), width=140)
            try:
                request = RunRequest(settings=settings, accounts=[account], flows=load_flows(None))
            except TypeError:  # versions before RunRequest took keywords only
                request = RunRequest(settings, [account], load_flows(None))  # type: ignore[misc]
            execute(request, human, Reporter(console))
            record = json.loads(next(home.glob("evidence/*/*/*/record.json")).read_text())
    finally:
        setattr(wait_owner, wait_name, await_result)
        setattr(engine.FlowRun, finish_name, finish)
    after = record.get("after_send") or {}
    return {
        "style": style,
        "language": language,
        "wording": "held-out" if held_out else "pool",
        "outcome": record["outcome"],
        "confirmed_by": record.get("confirmed_by", "page" if record["outcome"] == "confirmed" else "-"),
        "signals": after.get("signals", []),
        "seconds": round(marks["end"] - marks["send"], 2) if "send" in marks and "end" in marks else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", default="en,de")
    parser.add_argument("--confirm-timeout", type=float, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from assistant.practice import CONFIRMATION_STYLES

    rows = []
    for language in args.languages.split(","):
        for held_out in (False, True):
            for style in CONFIRMATION_STYLES:
                rows.append(run_one(style, language, held_out, args.confirm_timeout))
                print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    print("| style | language | wording | outcome | confirmed by | signals | Send → outcome (s) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        signals = "; ".join(r["signals"]) or "-"
        print(f"| {r['style']} | {r['language']} | {r['wording']} | {r['outcome']} | {r['confirmed_by']} "
              f"| {signals} | {r['seconds']} |")  # fmt: skip
    times = [r["seconds"] for r in rows if r["seconds"] is not None]
    if times:
        print(f"\nmedian Send → outcome: {statistics.median(times):.2f} s over {len(times)} runs")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
