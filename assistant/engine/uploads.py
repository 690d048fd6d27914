"""Checking a file before the browser sees it: Meta's screenshot upload takes
JPG, PNG, GIF, TIFF, HEIF or WebP images under 4 MB."""

from __future__ import annotations

import stat
from pathlib import Path

from ..errors import shown
from ..i18n import N_, _

MAX_BYTES = 4 * 1024 * 1024
# TRANSLATORS: the image formats Meta's form takes (shown as "… is not a JPG, PNG, … or WebP image")
KINDS = N_("JPG, PNG, GIF, TIFF, HEIF or WebP")
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def image_kind(head: bytes) -> str | None:
    """The image format from the file's first bytes (not from its name)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "HEIF"
    return None


def screenshot_problem(path: Path) -> str | None:
    """Why ``path`` cannot be uploaded as the screenshot, or None if it can."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return _("{path} does not exist (or is not a file)").format(path=shown(path))
    except OSError as exc:  # a name too long for the file system, a folder that may not be entered …
        # TRANSLATORS: {error} is the system's own reason, in English
        return _("{path} cannot be used ({error})").format(path=shown(path), error=exc.strerror or exc)
    if not stat.S_ISREG(info.st_mode):
        return _("{path} does not exist (or is not a file)").format(path=shown(path))
    size = info.st_size
    if size == 0:
        return _("{path} is empty").format(path=shown(path))
    if size >= MAX_BYTES:
        # TRANSLATORS: {size} is the file's size in megabytes, e.g. 5.2
        return _("{path} is {size} MB; Meta takes screenshots under 4 MB").format(
            path=shown(path), size=f"{size / 1024 / 1024:.1f}"
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        # TRANSLATORS: {error} is the system's own reason, in English
        return _("{path} cannot be read ({error})").format(path=shown(path), error=exc.strerror or exc)
    if image_kind(head) is None:
        # TRANSLATORS: {kinds} is the list of image formats, e.g. "JPG, PNG, GIF, TIFF, HEIF or WebP"
        return _("{path} is not a {kinds} image").format(path=shown(path), kinds=_(KINDS))
    return None
