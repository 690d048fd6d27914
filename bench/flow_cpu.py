"""CPU per flow run: what one practice flow costs the machine, not only the clock.

    .venv/bin/python bench/flow_cpu.py [--runs 6]

The engine runs in this process, as the integration tests run it (``runner.execute``
with scripted answers), on one logged-in practice Instagram account with ``again``, one
run after the other in the same home. For each run: the wall time and the CPU time the
whole machine spent (every process: Python, Playwright's Node driver, each Chromium
process), read from ``/proc/stat`` before and after — so run it on an otherwise idle
machine. Linux only. The first run logs in through the practice login page and starts the
driver; it is reported apart from the median of the others.

This is the number that decides how long the test suite takes on a small machine: the
suite runs hundreds of such flows and is CPU-bound on 2 cores.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def busy_seconds() -> float:
    """CPU seconds the machine has spent outside idle and I/O wait since boot."""
    with open("/proc/stat", encoding="ascii") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    return (user + nice + system + irq + softirq) / 100


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=6, help="flow runs (the first is reported apart)")
    args = ap.parse_args(argv)
    if not Path("/proc/stat").is_file():
        raise SystemExit("bench/flow_cpu.py reads /proc/stat: Linux only")

    from practice_helpers import account, run_practice

    from assistant.practice import PracticeConfig, PracticeSite

    rows: list[tuple[float, float]] = []
    with PracticeSite(PracticeConfig(auto_login=True, auto_login_delay=0.2)) as site:
        with tempfile.TemporaryDirectory(prefix="objector-bench-") as tmp:
            home = Path(tmp) / "home"
            home.mkdir()
            for _ in range(max(2, args.runs)):
                site.reset()
                wall, cpu = time.perf_counter(), busy_seconds()
                outcome = run_practice(home, site, [account()], ["y"], again=True)
                rows.append((time.perf_counter() - wall, busy_seconds() - cpu))
                if outcome.summary.exit_code != 0:
                    raise SystemExit("the practice flow did not confirm:\n" + outcome.output)
    first, rest = rows[0], rows[1:]
    print("| run | wall | CPU (whole machine) |")
    print("|---|---|---|")
    print(f"| first (login, driver start) | {first[0]:.2f} s | {first[1]:.2f} s |")
    print(
        f"| later, median of {len(rest)} | {statistics.median(w for w, _ in rest):.2f} s "
        f"| {statistics.median(c for _, c in rest):.2f} s |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
