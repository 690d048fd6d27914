"""Addresses as step lines show them: the live page objector means, and where it really is.

With a site map (practice), the browser is on ``http://127.0.0.1:PORT/…`` while
objector means ``https://www.instagram.com/…``. A step line names the live
address (what the person would see for real) and, in practice, the local copy
it uses. Redirect parameters such as ``?next=http%3A%2F%2F127.0.0.1…`` are
noise in a progress line (and mix a live host with a local address), so a
query that carries an address or is long is left out; the record keeps the
full address.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from ..config.hosts import SiteMap
from ..i18n import _

_MAX_QUERY = 40


def _without_noise(url: str) -> str:
    """``host/path`` plus a short query that names no other address."""
    parts = urlsplit(url)
    shown = f"{parts.netloc}{parts.path}"
    values = [v for _k, v in parse_qsl(parts.query, keep_blank_values=True)]
    if parts.query and len(parts.query) <= _MAX_QUERY and not any("://" in v or "/" in v for v in values):
        shown += f"?{parts.query}"
    return shown


def shown_address(sites: SiteMap, url: str) -> str:
    """The live address for a step line; in practice also the local copy, e.g.
    ``www.instagram.com/accounts/login/ (practice copy: 127.0.0.1:41234)``."""
    live = sites.live_url(url)
    shown = _without_noise(live)
    if sites and live != url:
        # TRANSLATORS: {address}: the live address; {local}: the practice copy's host, e.g. 127.0.0.1:41234
        shown = _("{address} (practice copy: {local})").format(address=shown, local=urlsplit(url).netloc)
    return shown
