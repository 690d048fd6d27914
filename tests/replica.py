"""A Help Centre look-alike with markup and wording of its own, for tests of the engine.

It is deliberately unlike the bundled practice site: div-based fields, other
labels, confirmations and errors in whatever words a test gives it, shown in
several styles (a toast in a status region, a dialog, an icon-only heading, text
in place of the form, a separate thank-you page). The engine has to understand
it from structure and general words, not from the practice site's strings.

One loopback server per impersonated host; ``site_map`` points the flows at them.
"""

from __future__ import annotations

import html
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

FORM_PATH = "/contact/767264225370182"
OTHER_FORM_PATH = "/contact/233964459562201"  # the same form's other address (flows' alternative_urls)
SUBMIT_PATH = "/ajax/help/contact/submit/page"
HOSTS = ("help.instagram.com", "www.instagram.com", "help.meta.com", "evil.example")

WORDS = {
    "en": {
        "title": "Object to your information being used for AI at Meta",
        "email": "Your e-mail address",
        "reason": "Tell us how this processing impacts you",
        "send": "Send",
        "question": "Is your request about AI at Meta?",
        "yes": "Yes",
        "no": "No",
        "next": "Next",
        "error": "Something went wrong. Please try again later.",
        "save": "Save your login info?",
        "not_now": "Not now",
    },
    "de": {
        "title": "Widerspruch gegen die Verwendung deiner Informationen für KI bei Meta",
        "email": "Deine E-Mail-Adresse",
        "reason": "Bitte erkläre uns, wie sich diese Verarbeitung auf dich auswirkt",
        "send": "Senden",
        "question": "Bezieht sich deine Anfrage auf KI bei Meta?",
        "yes": "Ja",
        "no": "Nein",
        "next": "Weiter",
        "error": "Da ist etwas schiefgelaufen. Bitte versuche es später noch einmal.",
        "save": "Login-Informationen speichern?",
        "not_now": "Jetzt nicht",
    },
}

STYLES = ("toast", "dialog", "icon", "inplace", "page")


@dataclass
class ReplicaConfig:
    language: str = "en"
    confirmation: str = "Thank you, we have received your request."
    style: str = "toast"
    fail_first: int = 0  # this many submits fail before one succeeds
    failure: str = "alert"  # alert | status | form-again
    routing: str | None = None  # radios | buttons | select | listbox
    interstitial: bool = False
    interstitial_moves_on_ms: int | None = None  # the interstitial goes on to the form by itself
    interstitial_always: bool = False  # the form sends a logged-in person to the interstitial every time
    redirect_to: str | None = None  # help.meta.com | evil.example
    logged_in: bool = True  # the session cookie is set on the first visit
    country: str | None = None  # listbox: the country is chosen from a list that opens on a click
    cookie_markers: bool = False  # a cookie dialog whose buttons are known only by Meta's data attributes
    first_address_gone: bool = False  # the usual form address answers 404; the other one has the form
    box_after_reason_ms: int | None = None  # a box "the information is accurate" drawn after the reason


@dataclass
class Replica:
    config: ReplicaConfig = field(default_factory=ReplicaConfig)
    submissions: list[dict[str, str]] = field(default_factory=list)
    refused: int = 0
    form_opens: int = 0  # GET requests for the form's address
    _servers: dict[str, ThreadingHTTPServer] = field(default_factory=dict)

    def __enter__(self) -> Replica:
        for host in HOSTS:
            server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self, host))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self._servers[host] = server
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()

    def origin(self, host: str) -> str:
        return f"http://127.0.0.1:{self._servers[host].server_address[1]}"

    @property
    def site_map(self) -> str:
        return ",".join(f"{host}={self.origin(host)}" for host in HOSTS)

    # ------------------------------------------------------------ pages
    def form_page(self) -> str:
        c, w = self.config, WORDS[self.config.language]
        route = ""
        if c.routing == "radios":
            route = f"""<div id="route"><div role="radiogroup" aria-labelledby="q">
              <span id="q">{w["question"]}</span>
              <label><input type="radio" name="route" value="yes"> {w["yes"]}</label>
              <label><input type="radio" name="route" value="no"> {w["no"]}</label></div>
              <button type="button" id="next">{w["next"]}</button></div>"""
        elif c.routing == "select":
            route = f"""<div id="route"><label for="rq">{w["question"]}</label>
              <select id="rq"><option value="">—</option><option value="yes">{w["yes"]}</option>
              <option value="no">{w["no"]}</option></select>
              <button type="button" id="next">{w["next"]}</button></div>"""
        elif c.routing == "listbox":
            route = f"""<div id="route"><span id="lq">{w["question"]}</span>
              <div role="combobox" tabindex="0" aria-labelledby="lq" aria-controls="lb"
                   aria-expanded="false" id="cb">…</div>
              <ul role="listbox" id="lb" hidden><li role="option" data-v="yes">{w["yes"]}</li>
              <li role="option" data-v="no">{w["no"]}</li></ul>
              <button type="button" id="next">{w["next"]}</button></div>"""
        elif c.routing == "buttons":
            route = f"""<div id="route"><p>{w["question"]}</p>
              <button type="button" id="yes">{w["yes"]}</button>
              <button type="button" id="no">{w["no"]}</button></div>"""
        hidden = " hidden" if route else ""
        return f"""<!doctype html><html lang="{c.language}"><head><meta charset="utf-8">
<title>{w["title"]}</title></head><body>
<div class="top">Help</div>
{self._cookie_dialog()}
<main><div class="title" style="font-size:22px">{w["title"]}</div>{route}
<div id="box"{hidden}>{self._fields()}</div><div id="out"></div></main>
<script>const CFG = {
            json.dumps(
                {
                    "style": c.style,
                    "text": c.confirmation,
                    "failure": c.failure,
                    "error": w["error"],
                    "fields": self._fields(),
                    "boxAfterReasonMs": c.box_after_reason_ms,
                }
            )
        };
{SCRIPT}</script></body></html>"""

    def _cookie_dialog(self) -> str:
        if not self.config.cookie_markers:
            return ""
        return """<div data-testid="cookie-policy-manage-dialog" id="cd"
  style="position:fixed;inset:0;background:#fff;z-index:9"><p>Wir verwenden Kekse.</p>
  <button data-cookiebanner="accept_button" onclick="document.getElementById('cd').remove()">Alle</button>
  <button data-cookiebanner="accept_only_essential_button"
    onclick="document.getElementById('cd').remove()">Nur erforderliche</button></div>"""

    def _fields(self) -> str:
        w = WORDS[self.config.language]
        country = ""
        if self.config.country == "listbox":  # a button that opens a list, not a text box
            country = """<div class="row"><span id="lc">Country of residence</span>
  <button type="button" role="combobox" aria-labelledby="lc" aria-controls="cl" aria-expanded="false"
    id="cc" onclick="document.getElementById('cl').hidden = false">Choose…</button>
  <ul role="listbox" id="cl" hidden>
    <li role="option" onclick="pick(this)">France</li><li role="option" onclick="pick(this)">Germany</li>
  </ul><input type="hidden" name="country" id="cv"></div>"""
        return (
            country
            + f"""<div class="row"><span id="l1">{w["email"]}</span>
  <input aria-labelledby="l1" name="Field1" type="text" value=""></div>
<div class="row"><span id="l2">{w["reason"]}</span>
  <textarea aria-labelledby="l2" name="Field2" rows="4"></textarea></div>
<div class="err" role="alert"></div>
<div role="button" tabindex="0" id="send">{w["send"]}</div>"""
        )

    def thanks_page(self) -> str:
        return f"""<!doctype html><html lang="{self.config.language}"><body><div class="top">Help</div>
<main><p>{html.escape(self.config.confirmation)}</p></main></body></html>"""

    def interstitial_page(self, next_url: str) -> str:
        w = WORDS[self.config.language]
        return f"""<!doctype html><html lang="{self.config.language}"><body><main><h2>{w["save"]}</h2>
<a href="{html.escape(next_url)}" role="button">{w["not_now"]}</a></main>
{self._moving_on(next_url)}</body></html>"""

    def _moving_on(self, next_url: str) -> str:
        wait = self.config.interstitial_moves_on_ms
        if wait is None:
            return ""
        return f"<script>setTimeout(() => {{ location.href = {json.dumps(next_url)}; }}, {wait});</script>"

    def submit(self, body: bytes) -> tuple[int, dict[str, object]]:
        values = {k: v[0] for k, v in parse_qs(body.decode("utf-8")).items()}
        if self.refused < self.config.fail_first:
            self.refused += 1
            return (500 if self.config.failure == "status" else 200), {"ok": False}
        self.submissions.append(values)
        return 200, {"ok": True}


SCRIPT = """
const box = document.getElementById('box'), out = document.getElementById('out');
function pick(li) {
  document.getElementById('cc').textContent = li.textContent;
  document.getElementById('cv').value = li.textContent;
  document.getElementById('cl').hidden = true;
}
function wire() {
  const send = document.getElementById('send');
  send.addEventListener('click', go);
}
function show(text) {
  if (CFG.style === 'page') { location.href = '/contact/thanks'; return; }
  if (CFG.style === 'toast') { box.hidden = true; out.innerHTML = '<div role="status"></div>';
    out.firstChild.textContent = text; return; }
  if (CFG.style === 'dialog') { const d = document.createElement('div'); d.setAttribute('role', 'dialog');
    d.setAttribute('aria-modal', 'true'); d.innerHTML = '<p></p><button type="button">OK</button>';
    d.firstChild.textContent = text; document.body.appendChild(d); return; }
  if (CFG.style === 'icon') { box.hidden = true;
    out.innerHTML = '<h2><svg width="40" height="40" aria-label="✓" role="img">'
      + '<circle cx="20" cy="20" r="18"/></svg></h2><p></p>';
    out.lastChild.textContent = text; return; }
  box.innerHTML = '<p></p>'; box.firstChild.textContent = text;   // inplace
}
function fail(status) {
  if (CFG.failure === 'form-again') { box.innerHTML = '<div class="banner"></div>' + CFG.fields;
    box.firstChild.textContent = CFG.error; wire(); return; }
  const err = box.querySelector('[role=alert]'); err.textContent = CFG.error;
}
async function go() {
  const data = new URLSearchParams();
  box.querySelectorAll('input, textarea').forEach(e => {
    if (e.type !== 'checkbox' || e.checked) data.append(e.name, e.value); });
  const r = await fetch('/ajax/help/contact/submit/page', {method: 'POST', body: data});
  let ok = false; try { ok = (await r.json()).ok; } catch (e) { ok = false; }
  if (r.ok && ok) show(CFG.text); else fail(r.status);
}
wire();
if (CFG.boxAfterReasonMs !== null) {   // a box the form draws once the reason has been typed
  const reason = box.querySelector('textarea');
  reason.addEventListener('input', () => setTimeout(() => {
    if (box.querySelector('[name=accurate]')) return;
    const row = document.createElement('div'); row.className = 'row';
    row.innerHTML = '<label><input type="checkbox" name="accurate" value="yes"> I confirm that the '
      + 'information I have given is accurate</label>';
    box.insertBefore(row, document.getElementById('send'));
  }, CFG.boxAfterReasonMs), {once: true});
}
const route = document.getElementById('route');
if (route) {
  const open = () => { route.remove(); box.hidden = false; };
  const next = document.getElementById('next'), yes = document.getElementById('yes');
  const cb = document.getElementById('cb'), lb = document.getElementById('lb');
  if (cb) {
    cb.addEventListener('click', () => { lb.hidden = false; cb.setAttribute('aria-expanded', 'true'); });
    lb.querySelectorAll('[role=option]').forEach(o => o.addEventListener('click', () => {
      cb.textContent = o.textContent; cb.dataset.v = o.dataset.v; lb.hidden = true; }));
  }
  const chosen = () => {
    const radio = route.querySelector('input[value=yes]'), select = route.querySelector('select');
    if (radio) return radio.checked;
    if (select) return select.value === 'yes';
    return cb && cb.dataset.v === 'yes';
  };
  if (next) next.addEventListener('click', () => { if (chosen()) open(); });
  if (yes) yes.addEventListener('click', open);
}
"""


def _handler(replica: Replica, host: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _send(
            self, status: int, body: str, ctype: str = "text/html; charset=utf-8", **headers: str
        ) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(data)

        def _logged_in(self) -> bool:
            return "sessionid=" in (self.headers.get("Cookie") or "")

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            c = replica.config
            if host == "help.instagram.com" and parts.path == FORM_PATH and c.first_address_gone:
                return self._send(404, "not found", "text/plain")
            if host == "help.instagram.com" and parts.path in (FORM_PATH, OTHER_FORM_PATH):
                replica.form_opens += 1
                if c.redirect_to:
                    target = replica.origin(c.redirect_to) + "/support/privacy"
                    return self._send(302, "", Location=target)
                if not self._logged_in():
                    if c.logged_in and not c.interstitial:
                        return self._send(
                            200, replica.form_page(), Set_Cookie="sessionid=abc; Path=/; SameSite=Lax"
                        )
                    back = quote(replica.origin(host) + FORM_PATH, safe="")
                    login = replica.origin("www.instagram.com") + f"/accounts/login/?next={back}"
                    return self._send(302, "", Location=login)
                if c.interstitial_always:
                    back = quote(replica.origin(host) + FORM_PATH, safe="")
                    here = replica.origin("www.instagram.com") + f"/accounts/onetap/?next={back}"
                    return self._send(302, "", Location=here)
                return self._send(200, replica.form_page())
            if host == "help.instagram.com" and parts.path == "/contact/thanks":
                return self._send(200, replica.thanks_page())
            if host == "www.instagram.com" and parts.path.startswith("/accounts/login"):
                next_url = parse_qs(parts.query).get("next", [replica.origin("help.instagram.com")])[0]
                if c.interstitial:
                    here = replica.origin(host) + "/accounts/onetap/?next=" + quote(next_url, safe="")
                    return self._send(
                        302, "", Location=here, Set_Cookie="sessionid=abc; Path=/; SameSite=Lax"
                    )
                return self._send(
                    302, "", Location=next_url, Set_Cookie="sessionid=abc; Path=/; SameSite=Lax"
                )
            if host == "www.instagram.com" and parts.path.startswith("/accounts/onetap"):
                next_url = parse_qs(parts.query).get("next", ["/"])[0]
                return self._send(200, replica.interstitial_page(next_url))
            if host == "help.meta.com":
                return self._send(
                    200, "<html><body><h1>Privacy help</h1><p>How can we help?</p></body></html>"
                )
            if host == "evil.example":
                return self._send(200, "<html><body><h1>Instagram Help</h1><input type=email></body></html>")
            return self._send(404, "not found", "text/plain")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            if urlsplit(self.path).path == SUBMIT_PATH:
                status, payload = replica.submit(body)
                return self._send(status, json.dumps(payload), "application/json")
            return self._send(404, "not found", "text/plain")

    return Handler
