"""Shared helpers for the benchmarks: statistics, the machine, timed subprocesses,
practice homes, and a /proc sampler for the memory of a whole process tree.

Nothing here imports the ``assistant`` package at module level, so the start-up
benchmark is not disturbed by it.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
PYTHON = sys.executable


def objector_browser() -> str:
    """The browser executable objector itself would use (its own discovery), so both sides match."""
    sys.path.insert(0, str(ROOT))
    from assistant.engine.browser import _channel_path, discover, driver, stop_driver

    choice = discover(os.environ.get("OBJECTOR_BROWSER"), driver())
    stop_driver()  # the benchmarks start their own
    exe = choice.executable or _channel_path(choice.channel or "")
    if exe is None:
        raise SystemExit(f"bench: cannot find the executable of {choice.description}")
    return str(exe)


CHROMIUM = objector_browser()
RAW_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


# ---------------------------------------------------------------- statistics
def compile_bytecode() -> str:
    """Compile objector's own modules to bytecode first, as installing the package does.

    An installed package (``pip install .``, a wheel) comes with its ``.pyc`` files; so does a
    checkout once Python has written them. Where nothing writes them (an editable install
    with ``PYTHONDONTWRITEBYTECODE`` set) every ``objector`` command would compile its modules
    from source again, a cost no installed copy has; the raw script's imports (Playwright's,
    from site-packages) are compiled already. The ``.pyc`` files go to ``__pycache__``
    (ignored by git).
    """
    import compileall

    ok = all(compileall.compile_dir(ROOT / name, quiet=1) for name in ("assistant", "flows"))
    return "objector's modules compiled to bytecode first" if ok else "bytecode compile failed"


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100), like numpy's default."""
    data = sorted(values)
    if not data:
        return float("nan")
    if len(data) == 1:
        return data[0]
    pos = (len(data) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "median": statistics.median(values) if values else float("nan"),
        "min": min(values) if values else float("nan"),
        "p90": percentile(values, 90),
        "max": max(values) if values else float("nan"),
        "mean": statistics.fmean(values) if values else float("nan"),
    }


# ---------------------------------------------------------------- the machine
def objector_exe() -> list[str]:
    exe = Path(PYTHON).parent / "objector"
    if exe.is_file():
        return [str(exe)]
    found = shutil.which("objector")
    return [found] if found else [PYTHON, "-m", "assistant.cli"]


def machine() -> dict[str, object]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        chromium = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        chromium = "?"
    try:
        from importlib.metadata import version as dist_version

        pw_version = dist_version("playwright")
    except Exception:  # noqa: BLE001
        pw_version = "?"
    try:
        version = subprocess.run(
            [*objector_exe(), "--version"], capture_output=True, text=True, timeout=60
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        version = "?"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": mem_gib,
        "python": platform.python_version(),
        "python_executable": PYTHON,
        "chromium": chromium,
        "playwright": pw_version,
        "objector": version,
        "kernel": platform.release(),
    }


def package_fingerprint() -> str:
    """SHA-256 over the package's code and flows, to notice edits made during a run."""
    import hashlib

    digest = hashlib.sha256()
    files = sorted(
        p
        for folder in (ROOT / "assistant", ROOT / "flows")
        if folder.is_dir()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in (".py", ".toml", ".js")
    )
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# ---------------------------------------------------------------- processes
def page_size() -> int:
    return os.sysconf("SC_PAGE_SIZE")


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name may contain spaces and parentheses: split after the last ')'
        rest = stat[stat.rfind(b")") + 2 :].split()
        kids.setdefault(int(rest[1]), []).append(int(entry.name))
    return kids


def tree(pid: int) -> list[int]:
    """pid and all its descendants (one scan of /proc)."""
    kids = _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * page_size()
    except (OSError, IndexError, ValueError):
        return 0


def pss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


@dataclass
class TreeSampler:
    """Samples the RSS of a process tree every ``interval`` seconds in a thread.

    RSS is summed over the processes (shared pages of Chromium's processes are
    counted in each; the figure is an upper bound). Every ``pss_every``-th sample
    also sums PSS (shared pages divided among their users), which is the fairer
    "memory of the tree" but costs more to read.
    """

    pid: int
    interval: float = 0.1
    pss_every: int = 5
    samples: list[tuple[float, int, int]] = field(default_factory=list)  # (t, rss, nprocs)
    pss_samples: list[tuple[float, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> TreeSampler:
        self._t0 = time.perf_counter()
        self._thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)
        self._thread.start()
        return self

    def _loop(self) -> None:
        n = 0
        while not self._stop.is_set():
            pids = tree(self.pid)
            t = time.perf_counter() - self._t0
            self.samples.append((round(t, 3), sum(rss_bytes(p) for p in pids), len(pids)))
            if n % self.pss_every == 0:
                self.pss_samples.append((round(t, 3), sum(pss_bytes(p) for p in pids)))
            n += 1
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(5)

    @property
    def peak_rss(self) -> int:
        return max((s[1] for s in self.samples), default=0)

    @property
    def peak_pss(self) -> int:
        return max((s[1] for s in self.pss_samples), default=0)

    @property
    def peak_procs(self) -> int:
        return max((s[2] for s in self.samples), default=0)


MiB = 1024 * 1024


# ---------------------------------------------------------------- timed runs
@dataclass
class TimedRun:
    wall: float
    returncode: int
    lines: list[tuple[float, str]]  # (seconds since start, line)
    stderr: str = ""
    sampler: TreeSampler | None = None

    @property
    def output(self) -> str:
        return "\n".join(line for _, line in self.lines)


def run_timed(
    cmd: list[str],
    *,
    env: dict[str, str],
    stdin: str = "",
    cwd: Path | None = None,
    sample_memory: bool = False,
    timeout: float = 300,
) -> TimedRun:
    """Run cmd, time-stamping each stdout line as it arrives (child must not buffer)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    sampler = TreeSampler(proc.pid).start() if sample_memory else None
    err_chunks: list[str] = []
    err_thread = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)
    err_thread.start()
    try:
        if stdin:
            proc.stdin.write(stdin)
        proc.stdin.close()
    except BrokenPipeError:
        pass
    lines: list[tuple[float, str]] = []
    deadline = t0 + timeout
    for line in proc.stdout:
        lines.append((time.perf_counter() - t0, line.rstrip("\n")))
        if time.perf_counter() > deadline:
            proc.kill()
            break
    rc = proc.wait()
    wall = time.perf_counter() - t0
    if sampler:
        sampler.stop()
    err_thread.join(5)
    return TimedRun(wall, rc, lines, "".join(err_chunks), sampler)


def wall_of(cmd: list[str], *, env: dict[str, str] | None = None) -> tuple[float, int]:
    t0 = time.perf_counter()
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env).returncode
    return time.perf_counter() - t0, rc


# ---------------------------------------------------------------- practice homes
COUNTRY_NAMES = {"DE": "Germany", "IE": "Ireland", "FR": "France"}


def account_toml(accounts: list[dict[str, str]]) -> str:
    out = []
    for data in accounts:
        out.append("[[account]]")
        out.extend(f'{k} = "{v}"' for k, v in data.items())
        out.append("")
    return "\n".join(out)


def practice_accounts(n: int) -> list[dict[str, str]]:
    """acct-01 … acct-NN, alternating instagram / facebook."""
    return [
        {
            "name": f"acct-{i:02d}",
            "platform": "instagram" if i % 2 else "facebook",
            "email": f"acct{i:02d}@example.org",
            "country": "DE",
            "language": "en",
        }
        for i in range(1, n + 1)
    ]


def cli_env(home: Path, site_map: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OBJECTOR_")}
    env.update(
        OBJECTOR_HOME=str(home),
        OBJECTOR_HEADLESS="1",
        OBJECTOR_BROWSER=CHROMIUM,
        OBJECTOR_SITE_MAP=site_map,
        NO_COLOR="1",
        COLUMNS="100",
        PYTHONUNBUFFERED="1",
        OBJECTOR_LOGIN_TIMEOUT="60",
        OBJECTOR_CONFIRM_TIMEOUT="30",
    )
    return env


def forget_cookie_consent(profile: Path) -> int:
    """Delete the practice site's cookie-consent cookie from a closed Chromium profile,
    so the next visit shows the cookie dialog again (the login cookie stays)."""
    removed = 0
    for db in profile.glob("**/Cookies"):
        con = sqlite3.connect(db)
        try:
            removed += con.execute("DELETE FROM cookies WHERE name = 'practice_consent'").rowcount
            con.commit()
        finally:
            con.close()
    return removed


# ---------------------------------------------------------------- output timelines
_HEADING = re.compile(r"^\[(\d+)/(\d+)\] (\S+)")

#: the objector output lines that mark the end of a phase (first match wins)
MARKERS = (
    ("first_output", re.compile(r"^objector \S+ · browser:")),
    ("heading", _HEADING),
    ("opened", re.compile(r"^\s*✓ opened")),
    ("login_wait", re.compile(r"^\s*… not logged in")),
    ("logged_in", re.compile(r"^\s*✓ logged in")),
    ("dismissed", re.compile(r"^\s*✓ cookie dialog dismissed")),
    ("country", re.compile(r"^\s*✓ country ")),
    ("email", re.compile(r"^\s*✓ e-mail ")),
    ("reason", re.compile(r"^\s*✓ reason ")),
    ("review", re.compile(r"^╭─ Ready to submit")),
    ("prompt", re.compile(r"^\s*Submit now\?")),
    ("submitted", re.compile(r"^\s*✓ submitted")),
    ("confirmed", re.compile(r"^\s*✓ confirmed:")),
    ("proof", re.compile(r"^\s*✓ proof saved")),
    ("summary", re.compile(r"^Summary:")),
)


def timeline(lines: list[tuple[float, str]]) -> list[dict[str, object]]:
    """Per account: the time each marker line appeared (seconds since process start).

    Returns one dict per account heading; the part before the first heading is in
    the first dict under 'first_output'.
    """
    accounts: list[dict[str, object]] = []
    head: dict[str, float] = {}
    current: dict[str, object] | None = None
    for t, line in lines:
        m = _HEADING.match(line)
        if m:
            current = {"account": m.group(3), "heading": t}
            accounts.append(current)
            continue
        for name, pattern in MARKERS:
            if name == "heading":
                continue
            if pattern.match(line):
                target = current if (current is not None and name != "summary") else head
                target.setdefault(name, t)
                break
    for acct in accounts:
        acct.setdefault("first_output", head.get("first_output"))
    if accounts:
        accounts[-1]["summary"] = head.get("summary")
    return accounts
