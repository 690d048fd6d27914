"""Which time-stamping authorities to ask (OBJECTOR_TSA_URL), spelled once for settings and proof.

The stamps themselves are ``proof/stamps.py``'s business; this is only the setting's value.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..errors import shown
from ..i18n import _

#: Free public TSAs tried in order when OBJECTOR_TSA_URL is not set. DigiCert's and Sectigo's
#: tokens chain to roots in the usual system trust store; FreeTSA's root is its own, so its
#: tokens are accepted only with OBJECTOR_TSA_CAFILE pointing at FreeTSA's cacert.pem.
DEFAULT_TSA_URLS = (
    "http://timestamp.digicert.com",
    "http://timestamp.sectigo.com",
    "https://freetsa.org/tsr",
)


def parse_tsa_urls(value: str | None) -> tuple[str, ...]:
    """The TSA addresses of an OBJECTOR_TSA_URL value: () for ``off``, the defaults for None or blank.

    Raises ValueError with the reason, which the settings turn into one line naming the variable.
    """
    if value is None or not value.strip():
        return DEFAULT_TSA_URLS
    text = value.strip()
    if text.lower() == "off":
        return ()
    urls = []
    for part in (p.strip() for p in text.split(",")):
        parts = urlsplit(part) if part.isprintable() and " " not in part else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                # TRANSLATORS: {value} is what the person wrote, quoted; keep "off" (the value to type)
                _(
                    "{value} is not an http:// or https:// address; give TSA addresses "
                    "separated by commas, or off"
                ).format(value=shown(part))
            )
        try:
            parts.port  # noqa: B018 - raises on a port that is not a number
        except ValueError:
            raise ValueError(_("{value} has a port that is not a number").format(value=shown(part))) from None
        urls.append(part)
    return tuple(urls)
