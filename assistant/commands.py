"""Commands objector prints for the person to type next, in a form that works as printed.

After ``pip install`` into a virtual environment that is not activated,
``objector`` is not on the PATH; a hint saying ``objector status`` would then
be ``command not found``. These helpers name the command the way this process
was started, and add ``--home`` when the next command would otherwise look
elsewhere.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from .i18n import _


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def objector_command(argv0: str | None = None, which=shutil.which) -> str:
    """``objector`` when that name on the PATH is this program, else a path or ``python -m`` form."""
    started = Path(argv0 if argv0 is not None else sys.argv[0])
    if started.stem != "objector":  # started as ``python -m assistant.cli`` or from a test
        return f"{shlex.quote(sys.executable)} -m assistant.cli"
    on_path = which("objector")
    if on_path and _same_file(Path(on_path), started):
        return "objector"
    return shlex.quote(os.path.abspath(started))


def with_home(command: str, home: Path, default_home: Path | None) -> str:
    """``command`` plus ``--home HOME`` unless the next run finds that home by itself."""
    if default_home is not None and _same_file(home, default_home):
        return command
    return f"{command} --home {shlex.quote(str(home))}"


def next_home_default() -> Path | None:
    """The home a new ``objector`` command in this environment would use (None if unreadable)."""
    from .config.settings import load_settings
    from .errors import UserError

    try:
        return load_settings().home
    except UserError:
        return None


def proof_hint(home: Path) -> str:
    """The closing line of a run: where to look at the proof, as a command that works as printed."""
    base = objector_command()
    status = with_home(f"{base} status", home, next_home_default())
    report = with_home(f"{base} report --open", home, next_home_default())
    # TRANSLATORS: {status} and {report} are commands to type (objector status, objector report --open)
    return _("Proof: {status}    Report: {report}").format(status=status, report=report)
