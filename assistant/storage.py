"""Private, atomic file writes: the only way objector puts anything on disk.

Folders are created 0700 and files 0600. A write goes to a temporary file in
the same folder, is flushed to disk, then renamed over the target, so a crash
never leaves a half-written file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import UserError

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with the leaf private to the user (0700).

    A folder that already exists is left as it is: objector never changes the
    permissions of a folder it did not make (think of ``OBJECTOR_HOME=~`` or ``/``);
    ``objector doctor`` warns when the home folder is readable by others.
    """
    try:
        if path.is_dir():
            return path
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(path, DIR_MODE)
    except (OSError, ValueError) as exc:
        raise StorageError(path, exc) from None
    return path


class StorageError(UserError):
    """A folder or file could not be written (read-only disk, full disk, permissions)."""

    def __init__(self, path: Path, exc: OSError | ValueError) -> None:
        reason = getattr(exc, "strerror", None) or str(exc)
        super().__init__(f"{path}: cannot write ({reason}). Check the folder's permissions and free space.")
        self.path = path


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` in one step (temp file, fsync, rename), mode 0600."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    private_dir(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except (OSError, ValueError) as exc:
        raise StorageError(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if os.name == "posix":
            os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StorageError(path, exc) from None
    return path


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temps(folder: Path, *, recursive: bool = True) -> None:
    """Delete temporary files a killed process may have left (``.name.*.tmp``)."""
    if not folder.is_dir():
        return
    for tmp in (folder.rglob if recursive else folder.glob)(".*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()


class HomeLock:
    """Keeps two runs from working on the same home folder at once."""

    def __init__(self, home: Path) -> None:
        self.path = home / ".lock"
        self._fh = None

    def __enter__(self) -> HomeLock:
        try:
            self._fh = os.fdopen(os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE), "r+")
        except OSError as exc:
            raise StorageError(self.path, exc) from None
        try:
            if os.name == "posix":
                import fcntl

                fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                import msvcrt

                msvcrt.locking(self._fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            self._fh.close()
            self._fh = None
            raise UserError(
                f"{self.path.parent}: another objector run is using this folder; "
                "wait for it to finish (or close it) and try again."
            ) from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
