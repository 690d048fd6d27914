"""Copying text to the system clipboard with the tools the system already has."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from .i18n import N_, _

# (program, arguments), tried in order; the first one installed is used.
_TOOLS: list[tuple[str, list[str]]] = [
    ("pbcopy", []),  # macOS
    ("clip.exe", []),  # Windows, and WSL
    ("wl-copy", []),  # Wayland
    ("xclip", ["-selection", "clipboard"]),  # X11
    ("xsel", ["--clipboard", "--input"]),  # X11
]

NO_CLIPBOARD = N_(
    "no clipboard is available here (on Linux install wl-clipboard or xclip); "
    "select the text above and copy it instead."
)


def copy(text: str) -> str | None:
    """Copy ``text``; None when it worked, else the reason in one line."""
    for program, args in _TOOLS:
        if program in ("wl-copy",) and not os.environ.get("WAYLAND_DISPLAY"):
            continue
        if program in ("xclip", "xsel") and not os.environ.get("DISPLAY"):
            continue
        exe = shutil.which(program)
        if exe is None:
            continue
        encoding = "utf-16-le" if program == "clip.exe" or sys.platform == "win32" else "utf-8"
        try:
            done = subprocess.run([exe, *args], input=text.encode(encoding), timeout=10, capture_output=True)
        except (OSError, subprocess.TimeoutExpired) as exc:
            # TRANSLATORS: {program} is a clipboard program (xclip, pbcopy, …), {error} its error
            return _("{program} failed ({error}); select the text above and copy it instead.").format(
                program=program, error=exc
            )
        if done.returncode == 0:
            return None
        # TRANSLATORS: {program} is a clipboard program (xclip, pbcopy, …), {code} its exit code
        return _("{program} failed (exit {code}); select the text above and copy it instead.").format(
            program=program, code=done.returncode
        )
    return _(NO_CLIPBOARD)
