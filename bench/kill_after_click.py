"""Stopped just after a click in the browser: many trials, the practice server counting submissions.

Each trial runs the real ``objector run`` against the practice site, where a stand-in for the
person clicks the outlined Send button about 0.7 s after objector outlines it; objector is
stopped with a signal at a drawn moment around that click (``--window`` seconds after the ledger
said ``awaiting-approval``), then a plain ``objector run`` follows with "y" typed ahead for every
question. Prints, per signal, how many trials stopped objector before the form left the browser,
after, and how many ended with a second submission (the promise: none).

    python bench/kill_after_click.py [--trials 50] [--signals KILL,INT,HUP] [--window 0.1,0.9] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=50, help="trials per signal")
    parser.add_argument("--signals", default="KILL,INT,HUP")
    parser.add_argument("--window", default="0.1,0.9", help="stop this many seconds after the question")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()

    from kill_trials import SIGNALS, kill_after_click

    low, high = (float(x) for x in args.window.split(","))
    rng = random.Random(args.seed)
    names = [name.strip().upper() for name in args.signals.split(",") if name.strip()]
    unknown = [n for n in names if n not in SIGNALS]
    if unknown:
        parser.error(f"unknown signal(s): {', '.join(unknown)} (use {', '.join(SIGNALS)})")
    env = {k: v for k, v in os.environ.items() if not k.startswith("OBJECTOR_")}
    env.update(
        OBJECTOR_HEADLESS="1", NO_COLOR="1", OBJECTOR_LOGIN_TIMEOUT="60", OBJECTOR_CONFIRM_TIMEOUT="20"
    )
    table: dict[str, Counter[str]] = {}
    started = time.monotonic()
    for name in names:
        counts: Counter[str] = Counter()
        for number in range(args.trials):
            delay = rng.uniform(low, high)
            with tempfile.TemporaryDirectory(prefix="objector-kill-") as scratch:
                home = Path(scratch) / "home"
                home.mkdir(mode=0o700)
                trial = kill_after_click(
                    home, {**env, "OBJECTOR_HOME": str(home)}, Path(scratch), name, delay
                )
            left = "left before the stop" if trial.after_stop else "held or not clicked yet"
            counts[left] += 1
            counts[f"ledger at the stop: {trial.at_stop[-1] if trial.at_stop else '(empty)'}"] += 1
            if trial.duplicate:
                counts["DUPLICATE"] += 1
            print(
                f"SIG{name} {number + 1}/{args.trials} at {delay:.2f}s: {left}; ledger {trial.at_stop[-2:]}; "
                f"server {trial.after_stop} → {trial.total}{' DUPLICATE' if trial.duplicate else ''}",
                flush=True,
            )
        table[name] = counts
    print(
        f"\n{sum(sum(1 for _ in range(args.trials)) for _ in names)} trials in "
        f"{(time.monotonic() - started) / 60:.1f} min (seed {args.seed}, window {low}-{high} s)"
    )
    for name, counts in table.items():
        print(f"SIG{name}: " + ", ".join(f"{k} ×{v}" for k, v in sorted(counts.items())))
    duplicates = sum(c["DUPLICATE"] for c in table.values())
    print(f"second submissions: {duplicates}")
    return 1 if duplicates else 0


if __name__ == "__main__":
    raise SystemExit(main())
