"""Benchmark 3, scaling: 1, 5 and 20 practice accounts (acct-01 …, alternating
instagram / facebook) in one ``objector run`` each, every account a fresh home and
profile, so each logs in through the practice login page's auto-login (0.2 s delay,
then it types a user name and password, ~0.75 s) while objector waits and polls.

Per account: the time from its ``[k/N]`` heading to the next heading (or the
summary), from objector's own output lines, time-stamped as they arrive — so the
one-off start-up is not spread over the accounts. The login wait is *included*
(it is also reported on its own, and the time without it). One untimed browser start
comes first, so the single-account baseline does not pay for cold caches.

Memory: the RSS of the whole process tree (objector's Python, the Playwright driver,
every Chromium process) summed every 100 ms from /proc; PSS (shared pages split
among processes) every 500 ms. Peak values are reported.

Targets: the median time per account for 5 and 20 accounts is within ±20 % of the
single-account run; peak memory for 20 accounts is within 20 % of the peak for 1
(it must not grow with the number of accounts).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from common import (
    CHROMIUM,
    PYTHON,
    RAW_ARGS,
    MiB,
    account_toml,
    cli_env,
    objector_exe,
    practice_accounts,
    run_timed,
    summary,
    timeline,
)

COUNTS = (1, 5, 20)
TIME_TOLERANCE = 0.20
MEMORY_TOLERANCE = 0.20
LOGIN_DELAY = 0.2


def one(site, n: int, root: Path) -> dict[str, object]:
    home = home_for(root, n)
    home.mkdir(mode=0o700, parents=True)
    accounts = practice_accounts(n)
    (home / "accounts.toml").write_text(account_toml(accounts), encoding="utf-8")
    env = cli_env(home, site.site_map)
    before = len(site.confirmed)
    cmd = [*objector_exe(), "run"]
    run = run_timed(cmd, env=env, stdin="y\n" * n, cwd=home, sample_memory=True, timeout=600)
    confirmed = len(site.confirmed) - before
    if run.returncode != 0 or confirmed != n:
        raise RuntimeError(
            f"objector run with {n} accounts: exit {run.returncode}, {confirmed} confirmed\n"
            f"{run.output}\n{run.stderr}"
        )
    tl = timeline(run.lines)
    per_account = []
    for i, acct in enumerate(tl):
        end = tl[i + 1]["heading"] if i + 1 < len(tl) else acct.get("summary")
        login_wait = None
        if acct.get("logged_in") is not None and acct.get("opened") is not None:
            login_wait = acct["logged_in"] - acct["opened"]
        per_account.append(
            {
                "account": acct["account"],
                "seconds": end - acct["heading"],
                "login_wait_s": login_wait,
                "marks_s": {k: v for k, v in acct.items() if isinstance(v, float)},
            }
        )
    secs = [a["seconds"] for a in per_account]
    without_login = [a["seconds"] - (a["login_wait_s"] or 0.0) for a in per_account]
    sampler = run.sampler
    assert sampler is not None
    return {
        "accounts": n,
        "wall_s": run.wall,
        "wall_per_account_s": run.wall / n,
        "startup_to_first_heading_s": tl[0]["heading"] if tl else None,
        "per_account_s": secs,
        "per_account_stats_s": summary(secs),
        "per_account_without_login_stats_s": summary(without_login),
        "login_wait_stats_s": summary(
            [a["login_wait_s"] for a in per_account if a["login_wait_s"] is not None]
        ),
        "per_account_detail": per_account,
        "peak_rss_mib": sampler.peak_rss / MiB,
        "peak_pss_mib": sampler.peak_pss / MiB,
        "peak_processes": sampler.peak_procs,
        "rss_samples": [(t, round(b / MiB, 1), p) for t, b, p in sampler.samples],
        "pss_samples": [(t, round(b / MiB, 1)) for t, b in sampler.pss_samples],
    }


_WARM_UP = f"""
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    p.chromium.launch(executable_path={CHROMIUM!r}, args={RAW_ARGS!r}, headless=True).close()
"""


def warm_up() -> None:
    """One untimed browser start, so the first measured run does not pay for cold caches."""
    subprocess.run([PYTHON, "-c", _WARM_UP], capture_output=True, timeout=120)


def home_for(root: Path, n: int) -> Path:
    return root / f"home-{n}"


def run(
    counts: tuple[int, ...] = COUNTS,
    *,
    keep: bool = False,
    site=None,
    root: Path | None = None,
) -> dict[str, object]:
    """site and root: a running PracticeSite and a folder the caller owns (and removes)."""
    own_root = root is None
    root = root or Path(tempfile.mkdtemp(prefix="objector-bench-scaling-"))
    results = []
    warm_up()
    try:
        if site is None:
            from assistant.practice import PracticeConfig, PracticeSite

            with PracticeSite(PracticeConfig(auto_login=True, auto_login_delay=LOGIN_DELAY)) as own_site:
                results = [one(own_site, n, root) for n in counts]
        else:
            results = [one(site, n, root) for n in counts]
    finally:
        if own_root and not keep:
            shutil.rmtree(root, ignore_errors=True)
    base = results[0]
    base_time = base["per_account_stats_s"]["median"]
    base_rss = base["peak_rss_mib"]
    base_pss = base["peak_pss_mib"]
    for r in results:
        r["time_ratio"] = r["per_account_stats_s"]["median"] / base_time
        r["rss_ratio"] = r["peak_rss_mib"] / base_rss
        r["pss_ratio"] = r["peak_pss_mib"] / base_pss if base_pss else None
        r["time_pass"] = abs(r["time_ratio"] - 1) <= TIME_TOLERANCE
        r["memory_pass"] = r["rss_ratio"] <= 1 + MEMORY_TOLERANCE
    biggest = results[-1]
    detail = biggest["per_account_detail"]
    if len(detail) >= 10:
        k = len(detail) // 4
        first = statistics.median(a["seconds"] for a in detail[:k])
        last = statistics.median(a["seconds"] for a in detail[-k:])
        drift = {"first_quarter_median_s": first, "last_quarter_median_s": last, "ratio": last / first}
    else:
        drift = None
    return {
        "command": f"{' '.join(objector_exe())} run  (stdin: y per account; OBJECTOR_HEADLESS=1, fresh home)",
        "login": f"practice auto-login, {LOGIN_DELAY} s delay; included in the per-account time",
        "time_tolerance": TIME_TOLERANCE,
        "memory_tolerance": MEMORY_TOLERANCE,
        "runs": results,
        "drift_within_largest_run": drift,
        "pass_time": all(r["time_pass"] for r in results),
        "pass_memory": all(r["memory_pass"] for r in results),
        "kept_folder": str(root) if keep and own_root else None,
    }
