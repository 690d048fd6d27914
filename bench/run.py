"""Run objector's benchmarks and print a Markdown table; raw samples go to
``bench/results/latest.json`` (and the table to ``bench/results/latest.md``).

    python bench/run.py                      # all three, 3½–5 minutes on 2 cores
    python bench/run.py --only startup       # startup, overhead, scaling (comma-separated)

Benchmarks measure and report; they assert nothing. Use the interpreter objector
is installed in (the start-up benchmark runs ``objector`` next to it).
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import RESULTS_DIR, compile_bytecode, load_average, machine, package_fingerprint


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="objector benchmarks")
    ap.add_argument(
        "--only",
        default="startup,overhead,scaling",
        help="comma-separated: startup, overhead, scaling (default: all)",
    )
    ap.add_argument("--startup-runs", type=int, default=12, help="runs per start-up command (≥ 10)")
    ap.add_argument("--pairs", type=int, default=5, help="objector/raw pairs for the overhead (≥ 5)")
    ap.add_argument(
        "--remembered",
        type=int,
        default=1,
        help="extra objector runs with the cookie consent remembered (no dialog); 0 to skip",
    )
    ap.add_argument("--counts", default="1,5,20", help="account counts for the scaling benchmark")
    ap.add_argument(
        "--no-breakdown", action="store_true", help="skip the in-process breakdown of one objector flow"
    )
    ap.add_argument(
        "--budget",
        type=float,
        default=290,
        help="seconds; the overhead extras (consent-remembered run, breakdown) are skipped "
        "when they would end the whole run later than this (default 290)",
    )
    ap.add_argument("--keep", action="store_true", help="keep the temporary homes and profiles")
    ap.add_argument("--out", type=Path, default=RESULTS_DIR / "latest.json")
    args = ap.parse_args(argv)
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    unknown = set(wanted) - {"startup", "overhead", "scaling"}
    if unknown:
        ap.error(f"--only: unknown benchmark(s) {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    results: dict[str, object] = {
        "command": shlex.join([sys.executable, "bench/run.py", *(sys.argv[1:] if argv is None else argv)]),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_start": load_average(),
        "package_fingerprint_start": package_fingerprint(),
    }
    _log("machine …")
    results["machine"] = machine()
    results["bytecode"] = compile_bytecode()
    timings: dict[str, float] = {}

    if "startup" in wanted:
        import startup

        _log(f"start-up: {args.startup_runs} interleaved runs of 3 commands …")
        t = time.perf_counter()
        results["startup"] = startup.run(runs=args.startup_runs)
        timings["startup"] = time.perf_counter() - t
        results["load_after_startup"] = load_average()
    # one practice Help Centre for scaling and overhead: the overhead benchmark reuses the
    # 1-account home of the scaling run, in which acct-01 has just logged in on this site
    import overhead
    import scaling

    from assistant.practice import PracticeConfig, PracticeSite

    shared = Path(tempfile.mkdtemp(prefix="objector-bench-"))
    try:
        with PracticeSite(PracticeConfig(auto_login=True, auto_login_delay=scaling.LOGIN_DELAY)) as site:
            counts = tuple(int(c) for c in args.counts.split(","))
            if "scaling" in wanted:
                _log(f"scaling: {', '.join(map(str, counts))} accounts …")
                t = time.perf_counter()
                results["scaling"] = scaling.run(counts, site=site, root=shared)
                timings["scaling"] = time.perf_counter() - t
                results["load_after_scaling"] = load_average()
            if "overhead" in wanted:
                home = scaling.home_for(shared, 1)
                reuse = home.is_dir() and scaling.practice_accounts(1)[0] == overhead.ACCOUNT
                _log(
                    f"overhead: {args.pairs} pairs, then (time permitting) the in-process breakdown and "
                    f"{args.remembered} consent-remembered run(s) …"
                )
                t = time.perf_counter()
                results["overhead"] = overhead.run(
                    pairs=args.pairs,
                    remembered=args.remembered,
                    breakdown=not args.no_breakdown,
                    keep=args.keep,
                    deadline=started + args.budget,
                    site=site,
                    home=home if reuse else None,
                )
                timings["overhead"] = time.perf_counter() - t
                results["load_after_overhead"] = load_average()
    finally:
        if args.keep:
            results["kept_folder"] = str(shared)
        else:
            shutil.rmtree(shared, ignore_errors=True)
    results["load_end"] = load_average()
    results["package_fingerprint_end"] = package_fingerprint()
    results["package_changed_during_run"] = (
        results["package_fingerprint_end"] != results["package_fingerprint_start"]
    )
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["elapsed_s"] = time.perf_counter() - started
    results["elapsed_by_benchmark_s"] = timings

    from report import markdown

    table = markdown(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(table + "\n", encoding="utf-8")
    print(table)
    if results["package_changed_during_run"]:
        _log("warning: assistant/ or flows/ changed during the run; the numbers mix two versions")
    _log(f"done in {results['elapsed_s']:.0f} s; JSON: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
