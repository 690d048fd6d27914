"""Per-account browser profiles: where they live and how to forget one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..config.accounts import NAME_RE
from ..config.home import EVIDENCE_DIR, Home
from ..errors import UserError, shown
from ..i18n import _, ngettext
from ..people.human import Human

# Chromium preferences for objector's profiles: no "Save password?" bubble over the form
# under review (and objector never wants the browser to keep a password).
QUIET_PREFERENCES: dict[str, dict | bool] = {
    "credentials_enable_service": False,
    "profile": {"password_manager_enabled": False},
}


def profile_path(home: Path, account: str) -> Path:
    if not NAME_RE.fullmatch(account):
        raise UserError(
            _("{name} is not an account name (letters, digits, - and _ only).").format(name=shown(account))
        )
    return Home(home).profile(account)


def _merged(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def prepare_profile(path: Path) -> Path:
    """Write ``QUIET_PREFERENCES`` into the profile's ``Default/Preferences`` before the browser starts.

    The browser's own preferences are kept; a file that is not JSON is left
    alone (the browser repairs its own file, and objector does not guess).
    """
    from ..storage import atomic_write

    prefs = path / "Default" / "Preferences"
    try:
        current = json.loads(prefs.read_text(encoding="utf-8")) if prefs.exists() else {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return path
    if not isinstance(current, dict):
        return path
    wanted = _merged(current, QUIET_PREFERENCES)
    if wanted != current:
        atomic_write(prefs, json.dumps(wanted, separators=(",", ":")))
    return path


def forget_profile(home: Path, account: str, human: Human, console, *, assume_yes: bool = False) -> int:
    """Delete the account's browser profile after the person confirms. Returns the exit code."""
    path = profile_path(home, account)
    if not path.exists():
        console.print(
            # TRANSLATORS: {account} is the account's short name, {folder} the folder of the browser profiles
            _("No browser profile for {account} in {folder}; nothing to forget.").format(
                account=account, folder=Home(home).profiles
            )
        )
        return 0
    # TRANSLATORS: {account} is the account's short name, {path} its browser profile's folder
    question = _(
        "Delete the browser profile of {account} ({path})? You will have to log in again next time."
    ).format(account=account, path=path)
    if not assume_yes and not human.confirm(question):
        console.print(_("Nothing deleted."))
        return 1
    try:
        shutil.rmtree(path)
    except OSError as exc:
        raise UserError(
            # TRANSLATORS: {error} is the system's own reason, in English
            _("{path}: could not be deleted ({error}). Close the browser and try again.").format(
                path=path, error=exc.strerror or exc
            )
        ) from None
    console.print(_("Deleted the browser profile of {account}.").format(account=account))
    return 0


def forget_evidence(home: Path, account: str, human: Human, console) -> int:
    """Delete the account's proof after an explicit confirmation; the ledger records it."""
    from ..proof.ledger import Ledger

    folder = Home(home).evidence_of(profile_path(home, account).name)
    if not folder.exists():
        console.print(_("No proof for {account}; nothing to delete.").format(account=account))
        return 0
    attempts = sum(1 for p in folder.glob("*/*") if p.is_dir())
    # TRANSLATORS: {account} is the account's short name, {count} how many attempt folders, {folder} where
    question = ngettext(
        "Delete ALL proof of {account} ({count} attempt folder in {folder})? "
        "It cannot be undone, and the proof will be gone if you ever need it",
        "Delete ALL proof of {account} ({count} attempt folders in {folder})? "
        "It cannot be undone, and the proof will be gone if you ever need it",
        attempts,
    ).format(account=account, count=attempts, folder=folder)
    if not human.confirm(question):
        console.print(_("Proof kept."))
        return 0  # keeping it is the person's choice, not a failure
    try:
        shutil.rmtree(folder)
    except OSError as exc:
        raise UserError(
            # TRANSLATORS: {error} is the system's own reason, in English
            _("{path}: could not be deleted ({error}).").format(path=folder, error=exc.strerror or exc)
        ) from None
    Ledger(home).append(
        kind="forget", account=account, forgotten=f"{EVIDENCE_DIR}/{account}", attempts=attempts
    )
    console.print(_("Deleted the proof of {account}; the ledger notes the deletion.").format(account=account))
    return 0
