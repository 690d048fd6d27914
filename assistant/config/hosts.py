"""Live hosts, the site map that rewrites them, and the allowed-origin check.

A site map such as ``help.instagram.com=http://127.0.0.1:8001`` sends every URL
of a live host to another origin (the practice Help Centre, or any replica).
Allowed-host checks are done on the rewritten origin and compare scheme, host
and port, so a redirect to another local port counts as a foreign host.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from ..errors import UserError, shown
from ..i18n import _

Origin = tuple[str, str, int]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> Origin | None:
    """(scheme, host, port) of an http(s) URL, or None for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname.lower(), port or _DEFAULT_PORTS[scheme]


def _valid_host(host: str) -> bool:
    if not host or len(host) > 253:
        return False
    allowed = set("abcdefghijklmnopqrstuvwxyz0123456789-.")
    return set(host) <= allowed and not host.startswith((".", "-"))


@dataclass(frozen=True)
class SiteMap:
    """Rewrites live hosts to other origins (empty: everything goes live)."""

    targets: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str | None, *, source: str = "OBJECTOR_SITE_MAP") -> SiteMap:
        targets: dict[str, str] = {}
        for raw in (text or "").split(","):
            item = raw.strip()
            if not item:
                continue
            host, sep, origin = item.partition("=")
            host, origin = host.strip().lower(), origin.strip().rstrip("/")
            if not sep or not _valid_host(host):
                raise UserError(
                    # TRANSLATORS: {source} is an environment variable name, {item} the person's entry, quoted
                    _(
                        "{source}: {item} is not 'live.host=http://127.0.0.1:PORT'; "
                        "separate entries with commas."
                    ).format(source=source, item=shown(item))
                )
            try:
                parts = urlsplit(origin)
            except ValueError:
                parts = None
            if parts is None or origin_of(origin) is None or parts.path or parts.query or parts.fragment:
                raise UserError(
                    _(
                        "{source}: {origin} for {host} must be an origin like "
                        "http://127.0.0.1:8001 (scheme, host and port only)."
                    ).format(source=source, origin=shown(origin), host=host)
                )
            if host in targets:
                raise UserError(_("{source}: {host} is mapped twice.").format(source=source, host=host))
            targets[host] = origin
        return cls(targets)

    def __bool__(self) -> bool:
        return bool(self.targets)

    def rewrite(self, url: str) -> str:
        """The URL to open for a live URL (unchanged when its host is not mapped)."""
        parts = urlsplit(url)
        origin = self.targets.get((parts.hostname or "").lower())
        if origin is None:
            return url
        new = urlsplit(origin)
        return urlunsplit((new.scheme, new.netloc, parts.path, parts.query, parts.fragment))

    def host_origin(self, host: str) -> Origin:
        origin = self.targets.get(host.lower())
        if origin is None:
            return "https", host.lower(), 443
        found = origin_of(origin)
        assert found is not None  # validated in parse()
        return found

    def sends_away(self, host: str) -> bool:
        """Is ``host`` mapped to another computer (not 127.0.0.1, ::1 or localhost)?"""
        if host.lower() not in self.targets:
            return False
        _scheme, target, _port = self.host_origin(host)
        return not _is_loopback(target)

    def allowed_origins(self, hosts: list[str]) -> frozenset[Origin]:
        return frozenset(self.host_origin(h) for h in hosts)

    def live_url(self, url: str) -> str:
        """The live URL a rewritten URL stands for (for display and records)."""
        here = origin_of(url)
        for host, origin in self.targets.items():
            if origin_of(origin) == here:
                parts = urlsplit(url)
                return urlunsplit(("https", host, parts.path, parts.query, parts.fragment))
        return url


#: registrable domains that belong to Meta: a page there is Meta's own, if not the form's
META_DOMAINS = (
    "facebook.com",
    "instagram.com",
    "meta.com",
    "fb.com",
    "messenger.com",
    "threads.net",
    "threads.com",
    "whatsapp.com",
    "facebookmail.com",
    "metamail.com",
)


def is_meta_host(host: str) -> bool:
    """A host under one of Meta's own domains (help.meta.com, accountscenter.instagram.com, ...)."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in META_DOMAINS)


#: each service's own registrable domains (a page there is the service's, if not the flow's);
#: a service not listed here owns the domains of its flows' hosts
SERVICE_DOMAINS: dict[str, tuple[str, ...]] = {
    "instagram": META_DOMAINS,
    "facebook": META_DOMAINS,
    "linkedin": ("linkedin.com",),
    "x": ("x.com", "twitter.com"),
    "google": ("google.com",),
    "microsoft": ("microsoft.com", "live.com", "microsoftonline.com", "bing.com"),
    "pinterest": ("pinterest.com",),
    "quora": ("quora.com",),
    "tumblr": ("tumblr.com",),
    "wordpress": ("wordpress.com",),
    "adobe": ("adobe.com",),
    "whatsapp": ("whatsapp.com",),
    "chatgpt": ("chatgpt.com", "openai.com"),
    "claude": ("claude.ai", "anthropic.com"),
    "perplexity": ("perplexity.ai",),
    "lechat": ("mistral.ai",),
}
#: how the terminal names a service's company (its pages, its e-mails)
SERVICE_NAMES: dict[str, str] = {
    "instagram": "Meta",
    "facebook": "Meta",
    "linkedin": "LinkedIn",
    "x": "X",
    "google": "Google",
    "microsoft": "Microsoft",
    "pinterest": "Pinterest",
    "quora": "Quora",
    "tumblr": "Tumblr",
    "wordpress": "WordPress.com",
    "adobe": "Adobe",
    "whatsapp": "WhatsApp",
    "chatgpt": "ChatGPT",
    "claude": "Claude",
    "perplexity": "Perplexity",
    "lechat": "Le Chat",
}


#: how a platform is written for people (``objector flows``, tables): its company's name, but
#: Meta's two platforms by their own
PLATFORM_TITLES: dict[str, str] = {**SERVICE_NAMES, "instagram": "Instagram", "facebook": "Facebook"}


def platform_title(platform: str) -> str:
    return PLATFORM_TITLES.get(platform, platform.title())


def service_name(platform: str | None) -> str:
    """``LinkedIn`` for ``linkedin``: the service as the person knows it ("?" when unknown)."""
    return platform_title(platform.lower()) if platform else "?"


@dataclass(frozen=True)
class Service:
    """The company behind a flow: its name and the domains that are its own."""

    name: str
    domains: tuple[str, ...]

    def owns(self, host: str) -> bool:
        """A host under one of the service's own domains (another page of it, not a look-alike)."""
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)


def _registrable(host: str) -> str:
    """The last two labels of a host (``www.linkedin.com`` -> ``linkedin.com``): enough for the
    services objector knows, whose flows all live under a plain second-level domain."""
    return ".".join(host.lower().rstrip(".").split(".")[-2:])


def service_of(flow: object) -> Service:
    """The service of a flow (anything with ``platform``, ``allowed_hosts`` and ``login.url``)."""
    platform = str(getattr(flow, "platform", ""))
    domains = SERVICE_DOMAINS.get(platform)
    if domains is None:
        hosts = [*getattr(flow, "allowed_hosts", ())]
        login = getattr(getattr(flow, "login", None), "url", "")
        hosts.append(urlsplit(login).hostname or "")
        domains = tuple(sorted({_registrable(h) for h in hosts if h}))
    return Service(SERVICE_NAMES.get(platform, platform.title()), domains)


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_allowed(url: str, allowed: frozenset[Origin]) -> bool:
    found = origin_of(url)
    return found is not None and found in allowed
