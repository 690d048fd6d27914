"""PracticeSite: one local HTTP server per impersonated host, plus a look-alike host."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from .chrome import decorate
from .config import LIVE_HOSTS, PracticeConfig, Submission
from .httpio import MAX_BODY_BYTES, Request, Response
from .routes import FOREIGN_HOST, route
from .services import SETTINGS_HOST_ALIASES, SETTINGS_HOSTS, SettingChange, services_on
from .settings_routes import current_setting, store_setting
from .state import PracticeState
from .whatsapp import WHATSAPP_HOST

log = logging.getLogger(__name__)

#: other spellings of the live hosts that url() accepts
_HOST_ALIASES = {
    "instagram.com": "www.instagram.com",
    "facebook.com": "www.facebook.com",
    "m.facebook.com": "www.facebook.com",
    "web.facebook.com": "www.facebook.com",
    "whatsapp.com": WHATSAPP_HOST,
    **SETTINGS_HOST_ALIASES,
}

#: every impersonated live host: Meta's, those of the settings services (services.py), WhatsApp's
ALL_LIVE_HOSTS: tuple[str, ...] = (*LIVE_HOSTS, *SETTINGS_HOSTS, WHATSAPP_HOST)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, site: PracticeSite, live_host: str, port: int = 0) -> None:
        self.site = site
        self.live_host = live_host
        super().__init__(("127.0.0.1", port), _Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes its connection before the answer is written (a page left, a
        window closed, a request the browser no longer needs) is no error of the site's: noted
        in the debug log, not printed as a traceback in the person's terminal. Anything else is
        logged as an error, with its traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            log.debug("%s: the browser closed the connection (%s)", self.live_host, error)
            return
        log.error("practice server error on %s:\n%s", self.live_host, traceback.format_exc())


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "PracticeHelpCentre/1.0"

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.server.live_host, format % args)

    def do_GET(self) -> None:
        self._answer(read_body=False)

    def do_HEAD(self) -> None:
        self._answer(read_body=False, head=True)

    def do_POST(self) -> None:
        self._answer(read_body=True)

    def _answer(self, *, read_body: bool, head: bool = False) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self._write(Response(413, b"too large", "text/plain"), head)
            self.close_connection = True
            return
        body = self.rfile.read(length) if read_body and length else b""
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        request = Request(
            method="HEAD" if head else self.command,
            target=self.path,
            path=parts.path or "/",
            query=query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        try:
            response = route(self.server.site, self.server.live_host, request)
        except Exception:  # noqa: BLE001 - any bug in a page becomes a 500, as on a real server
            log.error("practice server error:\n%s", traceback.format_exc())
            response = Response(500, b"practice server error", "text/plain")
        config = self.server.site.config
        if response.content_type.startswith("text/html"):
            response.body = decorate(response.body, config.chrome_language, config.alert_banner)
        self._write(response, head)

    def _write(self, response: Response, head: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(response.body)


class PracticeSite:
    """The practice Help Centre: local replicas of Meta's login pages and objection forms."""

    def __init__(self, config: PracticeConfig | None = None, *, base_port: int | None = None) -> None:
        """``base_port``: fixed ports from it, one per host in a fixed order (``objector practice``, so
        that a site map printed once stays right); None: free ports chosen by the system."""
        self.config: PracticeConfig = config or PracticeConfig()
        self.base_port = base_port
        self.state = PracticeState()
        self._servers: dict[str, _Server] = {}
        self._lock = threading.Lock()

    # -- lifecycle ------------------------------------------------------------
    def start(self) -> PracticeSite:
        with self._lock:
            if self._servers:
                return self
            for number, host in enumerate((*ALL_LIVE_HOSTS, FOREIGN_HOST)):
                try:
                    server = _Server(self, host, self.base_port + number if self.base_port else 0)
                except OSError:
                    self._close_all()  # a fixed port is taken: none stays half started
                    raise
                threading.Thread(target=server.serve_forever, name=f"practice-{host}", daemon=True).start()
                self._servers[host] = server
        return self

    @staticmethod
    def port_count() -> int:
        """How many ports the site takes (from ``base_port`` on)."""
        return len(ALL_LIVE_HOSTS) + 1

    def _close_all(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        self._servers = {}

    def stop(self) -> None:
        with self._lock:
            servers, self._servers = list(self._servers.values()), {}
        # shutdown() waits up to one poll interval (0.5 s) per server: wait for all at once
        stoppers = [threading.Thread(target=server.shutdown, daemon=True) for server in servers]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join()
        for server in servers:
            server.server_close()

    def __enter__(self) -> PracticeSite:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses ------------------------------------------------------------
    def _server(self, host: str) -> _Server:
        if not self._servers:
            raise RuntimeError("the practice site is not running; call start() first")
        try:
            return self._servers[host]
        except KeyError:
            raise ValueError(f"the practice site does not serve {host!r}") from None

    def origin(self, live_host: str) -> str:
        host = _HOST_ALIASES.get(live_host.lower(), live_host.lower())
        port = self._server(host).server_address[1]
        return f"http://127.0.0.1:{port}"

    @property
    def foreign_origin(self) -> str:
        return self.origin(FOREIGN_HOST)

    @property
    def site_map(self) -> str:
        return ",".join(f"{host}={self.origin(host)}" for host in ALL_LIVE_HOSTS)

    def own_origins(self) -> set[str]:
        return {self.origin(host) for host in ALL_LIVE_HOSTS}

    def url(self, live_url: str) -> str:
        """Rewrite a live https URL to the practice origin, keeping path, query and fragment."""
        parts = urlsplit(live_url)
        if not parts.hostname:
            raise ValueError(f"not an absolute URL: {live_url!r}")
        url = self.origin(parts.hostname) + (parts.path or "/")
        if parts.query:
            url += "?" + parts.query
        if parts.fragment:
            url += "#" + parts.fragment
        return url

    # -- logins ---------------------------------------------------------------
    @staticmethod
    def login_cookie(host: str) -> str:
        """The session cookie a login on ``host`` sets (a settings service's own, see services.py)."""
        for svc in services_on(host):
            return svc.cookie
        return "sessionid" if "instagram" in host else "c_user"

    def new_login(self, host: str, username: str) -> tuple[str, str]:
        """The session cookie (name, value) a login of ``username`` on ``host`` sets."""
        cookie = self.login_cookie(host)
        return cookie, self.state.new_session(username, numeric=cookie == "c_user", where=host)

    def user_for(self, host: str, req: Request) -> str | None:
        return self.state.user_for(req.cookies.get(self.login_cookie(host)))

    # -- records --------------------------------------------------------------
    @property
    def submissions(self) -> list[Submission]:
        return self.state.submissions

    @property
    def confirmed(self) -> list[Submission]:
        return [s for s in self.state.submissions if s.confirmed]

    @property
    def codes_sent(self) -> list[tuple[str, str]]:
        return self.state.codes_sent

    @property
    def foreign_hits(self) -> list[dict[str, object]]:
        return self.state.foreign_hits

    @property
    def refused_submits(self) -> int:
        """Valid submits the ``submit_error`` mode refused (never recorded as submissions)."""
        return self.state.refused_submits

    @property
    def rejected(self) -> list[dict[str, object]]:
        """Posts the submit endpoint refused (validation errors), for debugging."""
        return self.state.rejected

    @property
    def touched(self) -> list[dict[str, object]]:
        """Keys or text a real input event put into a box the page owns (read-only, disabled), a
        password box or a challenge's box (``data-practice-guard``), as ``practice.js`` reported
        them: ``{"kind", "event", "path", "name", "at"}``. A run that types only where it may
        leaves this empty."""
        return self.state.touched

    # -- settings of other services (services.SETTINGS_SERVICES) -------------------
    def setting(self, service: str, user: str, key: str, item: str | None = None) -> bool:
        """The current state of a setting (True: on), as its page shows it after a reload.

        ``item`` is the blog (Tumblr) or site (WordPress.com), one of ``config.blogs``.
        Raises ValueError for an unknown service, key or item.
        """
        return current_setting(self, service, user, key, item)

    def set_setting(self, service: str, user: str, key: str, on: bool, item: str | None = None) -> None:
        """Store a state as the service itself would (e.g. turning a setting on again)."""
        store_setting(self, service, user, key, on, item, "service")

    @property
    def setting_changes(self) -> list[SettingChange]:
        """Every stored change of a setting, oldest first (not those ``setting_no_persist`` dropped)."""
        return self.state.setting_changes

    def reset(self) -> None:
        self.state.reset()

    def state_json(self) -> dict[str, object]:
        data = self.state.as_json()
        data["config"] = self.config.public()
        return data
