"""Private, atomic file writes: the only way objector puts anything on disk.

Folders are created 0700 and files 0600. A write goes to a temporary file in
the same folder, is flushed to disk, then renamed over the target, so a crash
never leaves a half-written file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .config.home import Home
from .errors import UserError
from .i18n import _, ngettext

DIR_MODE = 0o700
FILE_MODE = 0o600


# the most objector reads of a settings-like file (accounts, flows, templates, .env);
# the real ones are a few kilobytes, so anything near this is a mistake (or /dev/zero)
MAX_CONFIG_BYTES = 1 << 20
# the ledger grows by a few hundred bytes per attempt; this is tens of thousands of attempts
MAX_LEDGER_BYTES = 64 << 20


def _not_regular(path: Path, mode: int) -> str:
    """What a non-regular file is, in words a person recognises: the whole line naming the file."""
    if stat.S_ISDIR(mode):
        return _("{path}: is a folder, not an ordinary file; objector reads only ordinary files.").format(
            path=path
        )
    if stat.S_ISFIFO(mode):
        return _(
            "{path}: is a named pipe (FIFO), not an ordinary file; objector reads only ordinary files."
        ).format(path=path)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("{path}: is a device, not an ordinary file; objector reads only ordinary files.").format(
            path=path
        )
    if stat.S_ISSOCK(mode):
        return _("{path}: is a socket, not an ordinary file; objector reads only ordinary files.").format(
            path=path
        )
    return _("{path}: is not an ordinary file; objector reads only ordinary files.").format(path=path)


def inside_home(home: Path, relative: str) -> Path | None:
    """``home/relative`` if it is a real path inside the home folder, with no link on the way.

    A ledger line is data, not a path to trust: ``..``, an absolute path or a symbolic link
    anywhere (which ``verify`` names as a problem) is never read, so what is shown of the proof
    is exactly what ``verify`` checked and ``export`` ships.
    """
    if not relative or "\x00" in relative or relative.startswith("/"):
        return None
    if any(part in ("", ".", "..") for part in relative.split("/")):
        return None
    base = home.resolve()
    lexical = base / relative
    try:
        path = lexical.resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    return path if path == lexical and path.is_relative_to(base) else None


def read_bounded(path: Path, limit: int = MAX_CONFIG_BYTES) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes.

    The file's type and size are checked *before* it is opened for reading, so a
    named pipe never blocks and a device such as /dev/zero is never read; it is
    then opened non-blocking and checked again, so swapping the file in between
    changes nothing. A missing file raises FileNotFoundError (callers decide
    whether that is fine); every other problem is a UserError naming the file.
    """
    try:
        info = os.stat(path)
        _check_regular(path, info.st_mode, info.st_size, limit)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise ReadError(path, exc) from None
    try:
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            _check_regular(path, info.st_mode, info.st_size, limit)
            data = fh.read(limit + 1)
    except OSError as exc:
        raise ReadError(path, exc) from None
    if len(data) > limit:
        raise UserError(
            # TRANSLATORS: {size} is a size such as "1 MiB"
            _("{path}: is larger than {size}; this is not a file objector wrote or expects.").format(
                path=path, size=_size(limit)
            )
        )
    return data


def _check_regular(path: Path, mode: int, size: int, limit: int) -> None:
    if not stat.S_ISREG(mode):
        raise UserError(_not_regular(path, mode))
    if size > limit:
        raise UserError(
            # TRANSLATORS: {size} and {limit} are sizes such as "3 MiB" or "2,000 bytes"
            _(
                "{path}: is {size}, more than the {limit} objector reads; "
                "this is not a file objector wrote or expects."
            ).format(path=path, size=_size(size), limit=_size(limit))
        )


def _size(count: int) -> str:
    if count >= 1 << 20:
        # TRANSLATORS: a file size in mebibytes
        return _("{size} MiB").format(size=f"{count / (1 << 20):.0f}")
    return ngettext("{count} byte", "{count} bytes", count).format(count=f"{count:,}")


def parse_toml(path: Path, raw: bytes) -> dict:
    """``raw`` (the bytes of ``path``) as TOML; every problem is one line naming the file.

    Nesting deep enough to exhaust Python's recursion (``a = [[[[…]]]]``) is a
    problem like any other syntax error, not a crash.
    """
    import tomllib

    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise UserError(
            _("{path}: is not UTF-8 text (bad byte at offset {offset}).").format(path=path, offset=exc.start)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(
            # TRANSLATORS: {error} is the TOML reader's own (English) description of the mistake
            _("{path}: not valid TOML ({error}). Fix the file or remove it.").format(path=path, error=exc)
        ) from None
    except RecursionError:
        raise UserError(
            _("{path}: nested too deeply to be a file objector expects; fix the file.").format(path=path)
        ) from None


def path_problem(exc: OSError) -> str:
    """A file-system error in a few words (an overlong path gets a hint)."""
    if exc.errno == errno.ENAMETOOLONG:
        # TRANSLATORS: shown in parentheses after "cannot write" or "cannot be read"
        return _("the path is too long for this system; use a shorter folder")
    if exc.errno == errno.ELOOP:
        # TRANSLATORS: shown in parentheses after "cannot write" or "cannot be read"
        return _("too many symbolic links in the path")
    return exc.strerror or str(exc)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) with the leaf private to the user (0700).

    A folder that already exists is left as it is: objector never changes the
    permissions of a folder it did not make (think of ``OBJECTOR_HOME=~`` or ``/``);
    ``objector doctor`` warns when the home folder is readable by others.
    """
    try:
        if path.is_dir():
            return path
        missing = [path, *(p for p in path.parents if not p.exists())]
        for folder in reversed(missing):  # each folder objector makes is private, parents too
            folder.mkdir(mode=DIR_MODE, exist_ok=True)
            if os.name == "posix":
                os.chmod(folder, DIR_MODE)
    except (OSError, ValueError) as exc:
        raise StorageError(path, exc) from None
    return path


class StorageError(UserError):
    """A folder or file could not be written (read-only disk, full disk, permissions)."""

    def __init__(self, path: Path, exc: OSError | ValueError) -> None:
        reason = path_problem(exc) if isinstance(exc, OSError) else str(exc)
        super().__init__(
            # TRANSLATORS: {reason} is the system's reason, e.g. "Permission denied"
            _("{path}: cannot write ({reason}). Check the folder's permissions and free space.").format(
                path=path, reason=reason
            )
        )
        self.path = path


class ReadError(UserError):
    """A file objector needs could not be read (permissions, an overlong path, a broken disk)."""

    def __init__(self, path: Path, exc: OSError | ValueError) -> None:
        reason = path_problem(exc) if isinstance(exc, OSError) else str(exc)
        super().__init__(_("{path}: cannot be read ({reason}).").format(path=path, reason=reason))
        self.path = path


#: the signals that end objector (Ctrl-C, kill's default, a closed terminal)
STOPPING_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP while the block runs; they arrive right after it.

    For writes that must be whole before the process may stop, such as the ledger line that says
    a form is being sent. (A kill -9 cannot be held back; the atomic write still keeps the file
    whole.) Where signals cannot be blocked (Windows, or outside the main thread), it does nothing.
    """
    import signal
    import threading

    wanted = {getattr(signal, name) for name in STOPPING_SIGNALS if hasattr(signal, name)}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


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
    """Keeps two objector commands from writing to the same home folder at once.

    The lock is an advisory ``flock`` on ``HOME/.lock``, released by the system
    when the process ends however it ends. The holder writes its command name
    and process id into the file, so the one that is refused can say who has it.
    """

    def __init__(self, home: Path, command: str = "run") -> None:
        self.path = Home(home).lock_file
        self.command = command
        self._fd: int | None = None

    def __enter__(self) -> HomeLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as exc:
            raise StorageError(self.path, exc) from None
        try:
            _lock(fd)
        except OSError:
            holder = _holder(fd)
            os.close(fd)
            if holder is None:
                raise UserError(
                    _(
                        "{path}: another objector command is using this folder; "
                        "wait for it to finish (or close it) and try again."
                    ).format(path=self.path.parent)
                ) from None
            command, pid = holder
            raise UserError(
                # TRANSLATORS: {command} is a command such as 'objector run' (keep its quotes), {pid} a number
                _(
                    "{path}: {command} (process {pid}) is using this folder; "
                    "wait for it to finish (or close it) and try again."
                ).format(path=self.path.parent, command=command, pid=pid)
            ) from None
        self._fd = fd
        with contextlib.suppress(OSError):  # a full disk must not hide the error that matters
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{self.command} {os.getpid()}\n".encode())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


def _lock(fd: int) -> None:
    if os.name == "posix":
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]


def _holder(fd: int) -> tuple[str, str] | None:
    """("'objector run'", "4242") from the lock file, or None if it says nothing usable."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        words = os.read(fd, 200).decode("utf-8").split()
    except (OSError, UnicodeDecodeError):
        words = []
    if len(words) == 2 and words[0].replace("-", "").isalpha() and words[1].isdigit():
        return f"'objector {words[0].replace('-', ' ')}'", words[1]
    return None
