"""Logins kept on this computer: the accounts' browser profiles, temporary ones, forgetting them all.

A kept profile (``HOME/profiles/<account>``) holds the account's login, so the person logs in
once. ``run --no-keep-login`` opens a temporary profile per account instead, in
``HOME/profiles/.temporary/`` (0700), deleted when the account's forms are done, however the run
ends; one a killed run left behind is deleted by the next one. ``objector forget --sessions``
deletes every profile, kept or temporary, and never the proof.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from ..config.accounts import NAME_RE
from ..config.home import TEMPORARY_PROFILES_DIR, Home
from ..errors import UserError
from ..i18n import _, ngettext
from ..people.human import Human
from ..storage import inside_home, private_dir

#: Temporary profiles live here, beside the kept ones (a name no account can have).
TEMPORARY_DIR = TEMPORARY_PROFILES_DIR
#: How long a profile's deletion may wait for a browser that is still ending (seconds).
REMOVE_PATIENCE = 3.0


def temporary_root(home: Path) -> Path:
    return Home(home).temporary_profiles


def kept_profiles(home: Path) -> list[Path]:
    """The kept profile folders of accounts (not temporary ones, never through a link)."""
    folder = Home(home).profiles
    if inside_home(home, folder.relative_to(home).as_posix()) is None or not folder.is_dir():
        return []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [p for p in entries if NAME_RE.fullmatch(p.name) and p.is_dir() and not p.is_symlink()]


def first_sessions(home: Path) -> bool:
    """No account has a kept profile yet: the run about to start is the first to keep logins."""
    return not kept_profiles(home)


def new_temporary_profile(home: Path, account: str) -> Path:
    """A new, private (0700) profile folder for one account's forms, deleted by ``remove_profile``."""
    from .profiles import prepare_profile, profile_path

    profile_path(home, account)  # refuses what is not an account name
    root = private_dir(temporary_root(home))
    try:
        path = Path(tempfile.mkdtemp(prefix=f"{account}-", dir=root))  # 0700 by definition
    except OSError as exc:
        from ..storage import StorageError

        raise StorageError(root, exc) from None
    return prepare_profile(path)


def remove_profile(path: Path, patience: float = REMOVE_PATIENCE) -> bool:
    """Delete a profile folder, waiting a little for a browser that is still ending to let go.

    Returns whether it is gone. A link is removed as a link, never followed.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            if path.is_symlink():
                path.unlink()
            else:
                shutil.rmtree(path)
        except OSError:
            # also FileNotFoundError: a file inside that an ending browser renamed or deleted while
            # rmtree walked the folder (the folder itself may well still be there: looked at next)
            pass
        if not os.path.lexists(path):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)  # the browser writes its last files while it ends


def remove_stale_temporary(home: Path) -> None:
    """Delete temporary profiles a killed run left behind (those no browser holds)."""
    from .browser import profile_in_use

    root = temporary_root(home)
    if inside_home(home, root.relative_to(home).as_posix()) is None or not root.is_dir():
        return
    with contextlib.suppress(OSError):
        for path in root.iterdir():
            if path.is_symlink() or not profile_in_use(path):
                remove_profile(path, patience=0)


def trace_folders(home: Path) -> list[Path]:
    """The accounts' trace folders (``run --trace``: they hold session cookies too)."""
    from .traces import traces_dir

    root = traces_dir(home)
    if inside_home(home, root.relative_to(home).as_posix()) is None or not root.is_dir():
        return []
    try:
        return [p for p in sorted(root.iterdir()) if NAME_RE.fullmatch(p.name) and p.is_dir()]
    except OSError:
        return []


def forget_sessions(home: Path, human: Human, console, *, assume_yes: bool = False) -> int:
    """Delete every account's browser profile (kept and temporary) and traces after one confirmation.

    The proof (evidence, ledger, time-stamps) is never touched. A profile that a browser holds is
    refused before anything is deleted. Returns the exit code.
    """
    from .browser import profile_busy_message, profile_in_use
    from .traces import forget_traces

    profiles = Home(home).profiles
    if os.path.lexists(profiles) and inside_home(home, profiles.relative_to(home).as_posix()) is None:
        raise UserError(
            # TRANSLATORS: {folder} is the folder of the browser profiles
            _(
                "{folder} is a link out of the home folder; objector does not follow it. "
                "Delete the browser profiles it points to yourself."
            ).format(folder=profiles)
        )
    kept = kept_profiles(home)
    root = temporary_root(home)
    temporary = root.is_dir() and not root.is_symlink() and any(True for _ in root.iterdir())
    traces = trace_folders(home)
    if not kept and not temporary and not traces:
        # TRANSLATORS: {folder} is the folder of the browser profiles
        console.print(_("No browser profiles in {folder}; nothing to forget.").format(folder=profiles))
        return 0
    for path in kept:
        if profile_in_use(path):
            raise UserError(profile_busy_message(path))
    # TRANSLATORS: in place of the accounts' names, when no account has a kept browser profile
    names = ", ".join(p.name for p in kept) or _("none kept")
    # TRANSLATORS: {accounts} names the accounts (separated by commas); {folder} is the profiles' folder
    question = _(
        "Delete the browser profiles of every account ({accounts}) in {folder}, and their traces? "
        "You will have to log in again next time; your proof stays"
    ).format(accounts=names, folder=profiles)
    if not assume_yes and not human.confirm(question):
        console.print(_("Nothing deleted."))
        return 1
    left = [p for p in kept if not remove_profile(p, patience=0)]
    remove_stale_temporary(home)
    if left:
        raise UserError(
            _(
                "{path}: could not be deleted completely. Close the browser and run "
                "'objector forget --sessions' again."
            ).format(path=left[0])
        )
    count = sum(forget_traces(home, folder.name) for folder in traces)
    # TRANSLATORS: part of "Deleted {profiles} ({folder}) …": how many browser profiles were deleted
    deleted = ngettext("{count} browser profile", "{count} browser profiles", len(kept)).format(
        count=len(kept)
    )
    if count:
        # TRANSLATORS: part of "Deleted {profiles} ({folder}) and {traces} …": how many traces were deleted
        also = ngettext("{count} trace", "{count} traces", count).format(count=count)
        # TRANSLATORS: {profiles} is e.g. "2 browser profiles", {folder} their folder, {traces} e.g.
        # "3 traces"
        line = _("Deleted {profiles} ({folder}) and {traces}; the proof is untouched.").format(
            profiles=deleted, folder=profiles, traces=also
        )
    else:
        # TRANSLATORS: {profiles} is e.g. "2 browser profiles", {folder} their folder
        line = _("Deleted {profiles} ({folder}); the proof is untouched.").format(
            profiles=deleted, folder=profiles
        )
    console.print(line)
    return 0
