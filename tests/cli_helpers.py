"""Running the real objector command and writing accounts files, for tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

#: Output width for the objector runs of the tests (subprocesses get it as COLUMNS). Wide enough that
#: no line holding a temporary path wraps: those paths are longer under pytest-xdist
#: (``.../popen-gw1/test_name0/home/...``) and a wrapped line splits the words a test looks for.
OUTPUT_COLUMNS = 240


def find_objector() -> list[str]:
    exe = shutil.which("objector", path=str(Path(sys.executable).parent)) or shutil.which("objector")
    return [exe] if exe else [sys.executable, "-m", "assistant.cli"]


def run_cli(
    args: list[str], env: dict[str, str], *, stdin: str = "", cwd: Path | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*find_objector(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or env.get("OBJECTOR_HOME"),
        timeout=timeout,
    )


ACCOUNT = {
    "name": "anna-instagram",
    "platform": "instagram",
    "email": "anna@example.org",
    "country": "DE",
    "language": "de",
}


def account_toml(**fields: object) -> str:
    data = {**ACCOUNT, **fields}
    lines = ["[[account]]"]
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            lines.append(f"{key} = [" + ", ".join(f'"{v}"' for v in value) + "]")
        else:
            lines.append(f'{key} = "{value}"')
    return "\n".join(lines) + "\n"


def refused_in_one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single 'objector: …' line of a command refused as a user error (exit 2, no traceback)."""
    text = result.stderr
    assert result.returncode == 2, (result.returncode, result.stdout[-800:], text[-1500:])
    assert "Traceback" not in text + result.stdout
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert lines[0].startswith("objector: ")
    return lines[0]
