"""The long run of the page-mutation property: many drawn pages, every invariant judged by the server.

Draws practice pages with random combinations of behaviours (``assistant/practice/behaviours.py``),
runs the real runner and engine in headless Chromium against each (a person who says yes to
everything; in half of the draws, or as ``--person`` says, one who also does by hand what they
are asked), and holds each run's proof against what the practice server kept
(``assistant/practice/judge.py``). Prints how many pages were tried, how many invariants broke
(with the seed that draws each failing page again), and a table of behaviour × service →
outcomes reached.

    python bench/mutations.py [--pages 200] [--seed 1] [--kind form|settings|both] [--held-out]
                              [--minutes 30] [--person drawn|careful|hasty] [--json FILE]

A failing page is drawn again by ``--seed <its seed> --pages 1`` with the same ``--kind`` and
``--held-out``. The test suite runs a few pages with a fixed seed (tests/test_page_mutations.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100, help="how many pages to draw")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="first seed (one per page)")
    parser.add_argument("--kind", choices=("form", "settings", "both"), default="both")
    parser.add_argument("--held-out", action="store_true", help="draw the held-out behaviours too")
    parser.add_argument("--minutes", type=float, default=0, help="stop after this long (0: no limit)")
    parser.add_argument(
        "--person",
        choices=("drawn", "careful", "hasty"),
        default="drawn",
        help="whether the person asked to do something by hand does it (default: drawn per page)",
    )
    parser.add_argument("--json", type=Path, help="write every verdict here")
    args = parser.parse_args()

    from mutation_helpers import FORM, SETTINGS, draw_page, run_drawn

    kinds = {"form": (FORM,), "settings": (SETTINGS,), "both": (FORM, SETTINGS)}[args.kind]
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else None
    table: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    failures: list[dict[str, object]] = []
    verdicts: list[dict[str, object]] = []
    tried = 0
    started = time.monotonic()
    for number in range(args.pages):
        if deadline is not None and time.monotonic() > deadline:
            break
        seed = args.seed + number
        kind = kinds[number % len(kinds)]
        page = draw_page(random.Random(seed), kind, held_out=args.held_out)
        if args.person != "drawn":
            page = dataclasses.replace(page, careful=args.person == "careful")
        verdict = run_drawn(page)
        tried += 1
        outcome = "/".join(verdict.outcomes) or "no record"
        for name, value in page.behaviours.items() or {"(defaults)": ""}.items():
            table[(f"{name}={value}" if value != "" else name, page.platform)][outcome] += 1
        entry = {
            "seed": seed,
            "page": str(page),
            "outcomes": verdict.outcomes,
            "seconds": round(verdict.seconds, 1),
            "broken": [str(b) for b in verdict.broken],
        }
        verdicts.append(entry)
        mark = "ok" if verdict.held else "BROKEN"
        print(f"[{tried}] seed {seed} {mark} {outcome} {verdict.seconds:.1f}s  {page}", flush=True)
        if not verdict.held:
            failures.append(entry)
            for broken in verdict.broken:
                print(f"      - {broken}", flush=True)
    elapsed = time.monotonic() - started
    print()
    print(
        f"drawn pages tried: {tried} in {elapsed / 60:.1f} min (seeds {args.seed}..{args.seed + tried - 1}, "
        f"kind {args.kind}, held-out {'yes' if args.held_out else 'no'})"
    )
    print(f"invariants broken: {sum(len(f['broken']) for f in failures)} on {len(failures)} page(s)")  # type: ignore[arg-type]
    print()
    print("| behaviour | service | outcomes |")
    print("|---|---|---|")
    for (behaviour, platform), counts in sorted(table.items()):
        said = ", ".join(f"{outcome} ×{n}" for outcome, n in counts.most_common())
        print(f"| {behaviour} | {platform} | {said} |")
    if args.json:
        args.json.write_text(json.dumps({"tried": tried, "verdicts": verdicts}, indent=1), encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
