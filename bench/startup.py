"""Benchmark 1, start-up: ``objector --help`` and ``objector --version`` against
``python -c "import typer"``, each a subprocess of the same interpreter, interleaved.

Target: the median of each objector command is at most 1.3 × the median of the
bare ``import typer`` (the floor any Typer CLI pays).
"""

from __future__ import annotations

import os
import subprocess
import time

from common import PYTHON, objector_exe, summary

TARGET = 1.3


def commands() -> dict[str, list[str]]:
    exe = objector_exe()
    return {
        "import typer": [PYTHON, "-c", "import typer"],
        "objector --help": [*exe, "--help"],
        "objector --version": [*exe, "--version"],
    }


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OBJECTOR_")}
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.update(NO_COLOR="1", COLUMNS="100")
    return env


def run(runs: int = 15, warmup: int = 2) -> dict[str, object]:
    cmds = commands()
    env = _env()
    samples: dict[str, list[float]] = {name: [] for name in cmds}
    names = list(cmds)
    for i in range(warmup + runs):
        # rotate the order every round so no command always runs first
        order = names[i % len(names) :] + names[: i % len(names)]
        for name in order:
            t0 = time.perf_counter()
            done = subprocess.run(cmds[name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            wall = time.perf_counter() - t0
            if done.returncode != 0:
                raise RuntimeError(f"{name} exited {done.returncode}")
            if i >= warmup:
                samples[name].append(wall)
    stats = {name: summary(values) for name, values in samples.items()}
    base = stats["import typer"]["median"]
    ratios = {name: stats[name]["median"] / base for name in cmds if name != "import typer"}
    min_ratios = {
        name: stats[name]["min"] / stats["import typer"]["min"] for name in cmds if name != "import typer"
    }
    return {
        "runs": runs,
        "warmup": warmup,
        "commands": {name: " ".join(cmd) for name, cmd in cmds.items()},
        "samples_s": samples,
        "stats_s": stats,
        "ratio_to_import_typer": ratios,
        "ratio_of_minimums": min_ratios,
        "target_ratio": TARGET,
        "pass": {name: r <= TARGET for name, r in ratios.items()},
        "importtime": importtime_top(),
        "split_ms": split(),
    }


_SPLIT = """
import contextlib, io, json, time
t0 = time.perf_counter()
import typer
t1 = time.perf_counter()
import assistant.cli as cli
t2 = time.perf_counter()
command = typer.main.get_command(cli.app)
t3 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    try:
        command.main(["--help"], prog_name="objector")
    except SystemExit:
        pass
t4 = time.perf_counter()
print(json.dumps({"import typer": t1 - t0, "import assistant.cli (beyond typer)": t2 - t1,
                  "build the Typer/Click command tree": t3 - t2, "parse + render --help": t4 - t3}))
"""


def split(runs: int = 5) -> dict[str, object]:
    """Where ``objector --help`` spends its time after the interpreter is up (in-process clock)."""
    import json
    import statistics

    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        done = subprocess.run([PYTHON, "-c", _SPLIT], capture_output=True, text=True, env=_env(), check=True)
        for name, secs in json.loads(done.stdout).items():
            samples.setdefault(name, []).append(secs * 1000)
    return {
        "median_ms": {k: round(statistics.median(v), 1) for k, v in samples.items()},
        "samples_ms": samples,
    }


def importtime_top(limit: int = 12) -> dict[str, object]:
    """``python -X importtime`` of ``objector --help``: the biggest top-level imports."""
    env = {**_env(), "PYTHONPROFILEIMPORTTIME": "1"}
    exe = objector_exe()
    done = subprocess.run([*exe, "--help"], capture_output=True, text=True, env=env)
    cmd = ["PYTHONPROFILEIMPORTTIME=1", *exe, "--help"]
    return {"command": " ".join(cmd), **parse_importtime(done.stderr, limit)}


def parse_importtime(text: str, limit: int = 12) -> dict[str, object]:
    """Top-level (depth 0) imports by cumulative time, and their total."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3:
            continue
        raw = parts[2]
        depth = (len(raw) - len(raw.lstrip(" ")) - 1) // 2
        rows.append((depth, raw.strip(), int(parts[0]), int(parts[1])))
    top = [r for r in rows if r[0] == 0]
    biggest = sorted(top, key=lambda r: -r[3])[:limit]
    # children are printed before their parent: collect depth-1 rows per depth-0 row
    children: dict[str, list[tuple[int, str, int, int]]] = {}
    pending: list[tuple[int, str, int, int]] = []
    for row in rows:
        if row[0] == 1:
            pending.append(row)
        elif row[0] == 0:
            children[row[1]] = pending
            pending = []
    cli = sorted(children.get("assistant.cli", []), key=lambda r: -r[3])[:limit]
    by_package: dict[str, int] = {}
    for row in rows:  # self time, summed per top-level package
        package = row[1].split(".", 1)[0]
        by_package[package] = by_package.get(package, 0) + row[2]
    packages = sorted(by_package.items(), key=lambda kv: -kv[1])[:limit]
    return {
        "total_ms": round(sum(r[3] for r in top) / 1000, 1),
        "top_ms": [{"module": r[1], "cumulative_ms": round(r[3] / 1000, 1)} for r in biggest],
        "assistant_cli_children_ms": [{"module": r[1], "cumulative_ms": round(r[3] / 1000, 1)} for r in cli],
        "self_ms_by_package": [{"package": p, "self_ms": round(us / 1000, 1)} for p, us in packages],
    }
