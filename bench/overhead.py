"""Benchmark 2, machine overhead per flow: one logged-in practice account end to end
through the real ``objector run`` (a subprocess, answer "y" piped on stdin) against
``raw_flow.py`` (a minimal hand-written Playwright script, also a subprocess) doing
the same steps on the same practice page with the same browser. Alternating pairs.

Both sides are logged in beforehand, so no login wait is measured: one objector
warm-up run logs in through the practice login page's auto-login, and the raw
script's profile is a copy of that logged-in profile (same cookies, same cache).
Before every measured run the practice site's cookie-consent cookie is removed from
the profile, so both sides meet (and dismiss) the cookie dialog every time.
``--again`` makes every objector run really submit. A second, smaller set of runs
keeps the consent cookie ("consent remembered"), as on any later real run.

Target: objector's median wall time is at most 1.25 × the raw script's.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from common import (
    BENCH_DIR,
    CHROMIUM,
    COUNTRY_NAMES,
    PYTHON,
    TimedRun,
    account_toml,
    cli_env,
    forget_cookie_consent,
    objector_exe,
    run_timed,
    summary,
    timeline,
)

TARGET = 1.25
ACCOUNT = {
    "name": "acct-01",
    "platform": "instagram",
    "email": "acct01@example.org",
    "country": "DE",
    "language": "en",
}
FORM_PATH = "/contact/767264225370182"

#: (label, objector: (from marker, to marker), raw: (from mark, to mark)); None = process start/end
PHASES = (
    ("interpreter, imports, config, Playwright driver start", (None, "first_output"), (None, "driver_start")),
    ("browser launch + open the form", ("first_output", "opened"), ("driver_start", "page_load")),
    ("login check", ("opened", "logged_in"), None),
    ("cookie dialog", ("logged_in", "dismissed"), ("page_load", "cookie_dialog")),
    ("locate + fill (form, country, e-mail, text)", ("dismissed", "reason"), ("cookie_dialog", "fill")),
    (
        "form screenshot (objector: + optional steps absent from the page, highlight, review panel)",
        ("reason", "prompt"),
        ("fill", "form_screenshot"),
    ),
    ("approval round trip + click Send", ("prompt", "submitted"), ("form_screenshot", "click_send")),
    (
        "wait for confirmation + screenshot",
        ("submitted", "confirmed"),
        ("click_send", "confirmation_screenshot"),
    ),
    ("proof writing (record.json, ledger)", ("confirmed", "proof"), None),
    ("browser close", ("proof", "summary"), ("confirmation_screenshot", "browser_close")),
    ("Playwright driver stop + interpreter exit", ("summary", None), ("browser_close", None)),
)


class Bench:
    def __init__(self, site, root: Path, home: Path | None = None) -> None:
        self.site = site
        self.root = root
        self.home = home or root / "home"
        self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
        (self.home / "accounts.toml").write_text(account_toml([ACCOUNT]), encoding="utf-8")
        self.env = cli_env(self.home, site.site_map)
        self.raw_profile = root / "raw-profile"
        self.raw_out = root / "raw-out"
        self.text_file = root / "reason.txt"
        self.url = site.url("https://help.instagram.com" + FORM_PATH)
        self.raw_runs = 0

    @property
    def objector_profile(self) -> Path:
        return self.home / "profiles" / ACCOUNT["name"]

    def write_text(self) -> str:
        """The exact objection text objector sends for this account (from its own CLI)."""
        done = subprocess.run(
            [*objector_exe(), "text", "--account", ACCOUNT["name"]],
            capture_output=True,
            text=True,
            env=self.env,
            check=True,
        )
        text = done.stdout.rstrip("\n")
        self.text_file.write_text(text, encoding="utf-8")
        return text

    def objector(
        self, *, again: bool = True, dialog: bool = True, importtime: bool = False, submits: int = 1
    ) -> TimedRun:
        if dialog:
            forget_cookie_consent(self.objector_profile)
        before = len(self.site.confirmed)
        cmd = [*objector_exe(), "run", *(["--again"] if again else [])]
        env = {**self.env, "PYTHONPROFILEIMPORTTIME": "1"} if importtime else self.env
        run = run_timed(cmd, env=env, stdin="y\n", cwd=self.home)
        if run.returncode != 0 or len(self.site.confirmed) != before + submits:
            raise RuntimeError(f"objector run failed (exit {run.returncode}):\n{run.output}\n{run.stderr}")
        return run

    def raw(self, *, login: bool = False, dialog: bool = True) -> TimedRun:
        if dialog:
            forget_cookie_consent(self.raw_profile)
        before = len(self.site.confirmed)
        self.raw_runs += 1
        cmd = [
            PYTHON,
            str(BENCH_DIR / "raw_flow.py"),
            "--browser",
            CHROMIUM,
            "--url",
            self.url,
            "--profile",
            str(self.raw_profile),
            "--out",
            str(self.raw_out / str(self.raw_runs)),
            "--country",
            COUNTRY_NAMES[ACCOUNT["country"]],
            "--email",
            ACCOUNT["email"],
            "--text-file",
            str(self.text_file),
            "--platform",
            ACCOUNT["platform"],
        ]
        if login:
            cmd.append("--login")
        env = {k: v for k, v in self.env.items() if not k.startswith("OBJECTOR_")}
        run = run_timed(cmd, env=env, cwd=self.root)
        if run.returncode != 0 or len(self.site.confirmed) != before + 1:
            raise RuntimeError(f"raw_flow.py failed (exit {run.returncode}):\n{run.output}\n{run.stderr}")
        return run


def raw_marks(run: TimedRun) -> dict[str, float]:
    """Time (since process start, on the caller's clock) each raw step ended."""
    marks = json.loads(run.lines[-1][1])
    # the script's own clock starts after the interpreter is up; align its last mark
    # ("driver_stop") with the moment its JSON line arrived
    offset = run.lines[-1][0] - marks["driver_stop"]
    return {name: t + offset for name, t in marks.items()}


def _gap(marks: dict, a: str, b: str) -> float | None:
    return (
        marks[b] - marks[a] if isinstance(marks.get(a), float) and isinstance(marks.get(b), float) else None
    )


def phases(obj: TimedRun, raw: TimedRun) -> dict[str, dict[str, float | None]]:
    tl = timeline(obj.lines)[0]
    om = {k: v for k, v in tl.items() if isinstance(v, float)}
    rm = raw_marks(raw)
    out: dict[str, dict[str, float | None]] = {}
    for label, o, r in PHASES:

        def span(marks: dict[str, float], pair, wall: float):
            if pair is None:
                return None
            a = 0.0 if pair[0] is None else marks.get(pair[0])
            b = wall if pair[1] is None else marks.get(pair[1])
            return None if a is None or b is None else b - a

        out[label] = {"objector": span(om, o, obj.wall), "raw": span(rm, r, raw.wall)}
    return out


def run(
    pairs: int = 5,
    remembered: int = 1,
    *,
    breakdown: bool = True,
    keep: bool = False,
    deadline: float | None = None,
    site=None,
    home: Path | None = None,
) -> dict[str, object]:
    """deadline (a time.perf_counter() value): the extras (the in-process breakdown, the
    consent-remembered runs) are skipped when they would not finish before it.

    site and home: a running PracticeSite and a home in which ``ACCOUNT`` is already logged
    in on that site (bench/run.py passes the 1-account home of the scaling benchmark, which
    logged in there through the auto-login); without them the site is started here and a
    warm-up run logs in.
    """
    root = Path(tempfile.mkdtemp(prefix="objector-bench-overhead-"))
    try:
        if site is None:
            from assistant.practice import PracticeConfig, PracticeSite

            with PracticeSite(PracticeConfig(auto_login=True, auto_login_delay=0.2)) as own_site:
                result = _run(own_site, root, None, pairs, remembered, breakdown, deadline)
        else:
            result = _run(site, root, home, pairs, remembered, breakdown, deadline)
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    result["kept_folder"] = str(root) if keep else None
    return result


def _room(deadline: float | None, needed: float) -> bool:
    return deadline is None or time.perf_counter() + needed <= deadline


def _run(
    site,
    root: Path,
    home: Path | None,
    pairs: int,
    remembered: int,
    breakdown: bool,
    deadline: float | None,
) -> dict[str, object]:
    first_submission = len(site.confirmed)
    bench = Bench(site, root, home)
    text = bench.write_text()
    if home is None:
        # warm-up: log in once (auto-login); it also records -X importtime of a real run
        warm_obj = bench.objector(again=False, importtime=True)
        warmup = "objector run (logs in through the auto-login)"
    else:
        # already logged in (and confirmed): a run with nothing to do loads every module a
        # run loads (all but babel) and starts the Playwright driver, without a browser
        warm_obj = bench.objector(again=False, dialog=False, importtime=True, submits=0)
        warmup = "objector run with nothing to do (account already logged in and confirmed)"
    # the raw script starts from a copy of that logged-in profile (same cookies, same cache)
    t0 = time.perf_counter()
    shutil.copytree(
        bench.objector_profile, bench.raw_profile, symlinks=True, ignore=shutil.ignore_patterns("Singleton*")
    )
    copy_s = time.perf_counter() - t0
    objector_runs: list[TimedRun] = []
    raw_runs: list[TimedRun] = []
    for i in range(pairs):  # alternate which side goes first
        if i % 2 == 0:
            objector_runs.append(bench.objector())
            raw_runs.append(bench.raw())
        else:
            raw_runs.append(bench.raw())
            objector_runs.append(bench.objector())
    skipped: list[str] = []
    obj_med = statistics.median(r.wall for r in objector_runs)
    raw_med = statistics.median(r.wall for r in raw_runs)
    detail = None
    if breakdown:
        if _room(deadline, obj_med + raw_med + 5):
            import breakdown as breakdown_mod

            detail = breakdown_mod.run(bench)
        else:
            skipped.append("in-process breakdown")
    # consent remembered: no cookie dialog on the page (as on any later real run); objector only
    rem_obj: list[TimedRun] = []
    for _ in range(remembered):
        if not _room(deadline, obj_med + 5):
            skipped.append("consent-remembered run")
            break
        rem_obj.append(bench.objector(dialog=False))
    submissions = len(site.confirmed) - first_submission

    obj_wall = [r.wall for r in objector_runs]
    raw_wall = [r.wall for r in raw_runs]
    ratio = statistics.median(obj_wall) / statistics.median(raw_wall)
    per_pair = [o / r for o, r in zip(obj_wall, raw_wall, strict=True)]
    phase_samples = [phases(o, r) for o, r in zip(objector_runs, raw_runs, strict=True)]
    phase_median: dict[str, dict[str, float | None]] = {}
    for label, _, _ in PHASES:
        row: dict[str, float | None] = {}
        for side in ("objector", "raw"):
            vals = [p[label][side] for p in phase_samples if p[label][side] is not None]
            row[side] = statistics.median(vals) if vals else None
        phase_median[label] = row
    rem = None
    if rem_obj:
        walls = [r.wall for r in rem_obj]
        rem = {
            "objector_wall_s": walls,
            "ratio_to_raw_median": statistics.median(walls) / statistics.median(raw_wall),
            # no dialog now: from the form being ready (logged in) to the country chosen
            "objector_ready_to_country_s": [
                _gap(timeline(o.lines)[0], "logged_in", "country") for o in rem_obj
            ],
            "raw_ready_to_country_with_dialog_s": [
                _gap(raw_marks(r), "page_load", "country") for r in raw_runs
            ],
        }
    from startup import parse_importtime

    return {
        "pairs": pairs,
        "account": ACCOUNT,
        "text_length": len(text),
        "objector_command": (
            f"{' '.join(objector_exe())} run --again  (stdin: y; OBJECTOR_HEADLESS=1, OBJECTOR_SITE_MAP=…)"
        ),
        "raw_command": f"{PYTHON} bench/raw_flow.py --url … --profile … --text-file …",
        "objector_wall_s": obj_wall,
        "raw_wall_s": raw_wall,
        "stats_s": {"objector": summary(obj_wall), "raw": summary(raw_wall)},
        "ratio_median": ratio,
        "ratio_per_pair": per_pair,
        "target_ratio": TARGET,
        "pass": ratio <= TARGET,
        "phases_median_s": phase_median,
        "phases_per_pair_s": phase_samples,
        "warmup": warmup,
        "warmup_s": {"objector": warm_obj.wall, "raw_profile_copy": copy_s},
        "consent_remembered": rem,
        "objector_run_importtime": parse_importtime(warm_obj.stderr, limit=15),
        "submissions_confirmed": submissions,
        "objector_output_sample": objector_runs[0].output if objector_runs else "",
        "breakdown": detail,
        "skipped": skipped,
    }
