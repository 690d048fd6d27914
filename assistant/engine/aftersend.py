"""What happened after Send: several signals read together, never one phrase list.

Meta words its confirmation differently per language and changes it, so no
list of sentences will ever be complete. After Send (ours or the person's own
click) the page is watched for:

- the background submit request and its HTTP status (Meta's Help Centre forms
  post to ``/ajax/help/contact/submit/page``), or a form post that navigates;
- the Send button (marked when the form was reviewed) going away;
- new content: a dialog, a ``status``/``alert``/live region, a heading, or any
  new line of text;
- words of thanks, receipt or confirmation in the ten page languages, and
  words of failure, anywhere in that new content;
- the flow's own confirmation patterns (its ``expect`` step).

``Verdict`` says what the evidence shows as early as it allows: the login page
(the session ended, the request was not kept), a challenge (a captcha, a
"security check", new boxes to fill that are not the form's: the person does it,
objector watches on), a confirmation in words, an error, a page that changed in
words we do not recognise (the person is then asked), the code screen, or
nothing at all. A login page, a challenge or a page without text is never put to
the person as a possible confirmation.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from ..config.flows import Candidate
from .waiting import QUIET_MS, browser_gone, in_document, until_changed, until_still

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Locator, Page, Request, Response

POLL_MS = 150
SETTLE_SECONDS = 0.3  # a recognised message may still be drawing: look once more after at most this,
# or as soon as the document has not changed for QUIET_MS
UNRECOGNISED_SETTLE = 1.5  # the page changed without known words: wait this long for more before asking
DEFAULT_SUBMIT_PATHS = (r"^/ajax/help/contact/submit",)

# Words that say "received / thank you / confirmed" in the languages Meta's forms come in.
# Stems, matched case-insensitively on new content only; several per language, no sentences.
CONFIRM_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        r"\bthanks?\b",
        r"thank you",
        r"\breceived\b",
        r"\bsubmitted\b",
        r"has been sent",
        r"was sent",
        r"\bconfirm(ed|ation)\b",
        r"we('ll| will) (review|honou?r|process|apply|look|get back|respond)",
        r"honou?r your",
        r"going forward",
        r"from now on",
        r"will be applied",
        r"successfully",
        r"you('ll| will) (get|receive) an? e-?mail",
        r"request (is|has been|was) (in|sent|recorded|logged)",
    ),
    "de": (
        r"danke",
        r"\bdank\b",
        r"erhalten",
        r"eingegangen",
        r"übermittelt",
        r"gesendet",
        r"versendet",
        r"bestätig",
        r"nachkommen",
        r"berücksichtig",
        r"bearbeite",
        r"ab sofort",
        r"künftig",
        r"erfolgreich",
        r"wir werden (dein|ihr|uns)",
    ),
    "fr": (
        r"merci",
        r"\breçue?s?\b",
        r"bien reçu",
        r"\benvoyée?s?\b",
        r"transmise?s?",
        r"confirm",
        r"désormais",
        r"appliquée?",
        r"nous (allons|examinerons|traiterons|reviendrons)",
        r"succès",
    ),
    "it": (
        r"grazie",
        r"ricevut",
        r"inviat",
        r"conferm",
        r"d'ora in avanti",
        r"applicat",
        r"riceverai",
        r"successo",
        r"esamineremo",
    ),
    "es": (
        r"gracias",
        r"recibid",
        r"enviad",
        r"confirm",
        r"a partir de ahora",
        r"se aplicará",
        r"recibirás",
        r"con éxito",
        r"revisaremos",
    ),
    "nl": (
        r"bedankt",
        r"dank je",
        r"dank u",
        r"ontvangen",
        r"verzonden",
        r"bevestig",
        r"voortaan",
        r"toegepast",
        r"gelukt",
        r"succesvol",
    ),
    "pl": (r"dziękuj", r"otrzyma", r"wysła", r"potwierdz", r"od teraz", r"zastosowan", r"pomyślnie"),
    "pt": (
        r"obrigad",
        r"recebid",
        r"enviad",
        r"confirm",
        r"a partir de agora",
        r"aplicad",
        r"receberá",
        r"sucesso",
    ),
    "sv": (r"\btack\b", r"mottag", r"skickat", r"skickad", r"bekräft", r"framöver", r"tillämpas"),
    "da": (r"\btak\b", r"modtaget", r"\bsendt\b", r"bekræft", r"fremover", r"anvendt"),
    "fi": (r"kiitos", r"vastaanotet", r"lähetetty", r"vahvist"),
    "hu": (r"köszönjük", r"megkaptuk", r"elküldt", r"megerősít"),
    "ro": (r"mulțumim", r"mulţumim", r"\bprimit", r"trimis", r"confirm"),
    "el": (r"ευχαριστ", r"λάβαμε", r"στάλθηκε", r"επιβεβαι"),
}
# Words that say "that did not work".
ERROR_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        r"went wrong",
        r"try again",
        r"\berror\b",
        r"couldn't",
        r"could not",
        r"unable to",
        r"\bfailed\b",
        r"not (be )?sent",
    ),
    "de": (
        r"fehler",
        r"schiefgelaufen",
        r"schiefgegangen",
        r"versuche es (später )?(noch einmal|erneut)",
        r"versuchen sie es",
        r"nicht möglich",
        r"fehlgeschlagen",
        r"nicht gesendet",
    ),
    "fr": (r"erreur", r"un problème", r"réessa", r"impossible", r"échoué"),
    "it": (r"errore", r"andato storto", r"riprova", r"impossibile"),
    "es": (r"\berror\b", r"salió mal", r"inténtalo", r"vuelve a intentar", r"no se pudo"),
    "nl": (r"\bfout\b", r"misgegaan", r"probeer het", r"mislukt"),
    "pl": (r"błąd", r"poszło nie tak", r"spróbuj ponownie", r"nie udało"),
    "pt": (r"\berro\b", r"deu errado", r"correu mal", r"tente novamente", r"tenta novamente"),
    "sv": (r"\bfel\b", r"gick fel", r"försök igen", r"misslyckades"),
    "da": (r"\bfejl\b", r"gik galt", r"prøv igen", r"mislykkedes"),
}

# Words that say "prove you are a person first" (a captcha, a security check), in the page languages.
CHALLENGE_WORDS: dict[str, tuple[str, ...]] = {
    "any": (r"\b(re|h)?captcha\b", r"\bturnstile\b"),
    "en": (
        r"security (check(?![ -]?ups?\b)|verification|challenge)",  # not Facebook's "Security Checkup"
        r"not a robot",
        r"(verify|prove|confirm) (that )?you('re| are) (a )?(human|real person|not a robot)",
        r"are you (a )?(human|robot)",
        r"unusual activity",
        r"suspicious activity",
    ),
    "de": (
        r"sicherheits(überprüfung|prüfung|check|kontrolle|abfrage)",
        r"kein roboter",
        r"ein mensch bist",
        r"ungewöhnliche aktivität",
    ),
    "fr": (
        r"(contrôle|vérification) de sécurité",
        r"pas un robot",
        r"êtes (bien )?(un humain|une personne)",
        r"activité inhabituelle",
    ),
    "it": (r"(controllo|verifica) di sicurezza", r"non sono un robot", r"attività insolita"),
    "es": (
        r"(control|comprobación|verificación) de seguridad",
        r"no soy un robot",
        r"actividad (inusual|sospechosa)",
    ),
    "nl": (r"(beveiligings|veiligheids)(controle|check)", r"geen robot", r"ongebruikelijke activiteit"),
    "pl": (
        r"(kontrola|weryfikacja|sprawdzenie) bezpieczeństwa",
        r"nie jestem robotem",
        r"nietypow\w* aktywnoś",
    ),
    "pt": (
        r"(verificação|controlo|controle) de segurança",
        r"não sou um robô",
        r"atividade (incomum|invulgar|suspeita)",
    ),
    "sv": (r"säkerhets(kontroll|koll)", r"inte en robot", r"ovanlig aktivitet"),
    "da": (r"sikkerheds(kontrol|tjek)", r"ikke en robot", r"usædvanlig aktivitet"),
}


def _compile(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for words in table.values() for w in words), re.IGNORECASE)


CONFIRM_RE = _compile(CONFIRM_WORDS)
ERROR_RE = _compile(ERROR_WORDS)
CHALLENGE_RE = _compile(CHALLENGE_WORDS)

# Marks the reviewed Send button and notes the person's own click on it (or the form's submit).
ARM_JS = """el => { window.__objectorSendClicked = false; if (!el) return;
  el.setAttribute('data-objector-send', '1');
  let region = el;  // the form's own part of the page: the Send button's nearest ancestor with fields
  while (region.parentElement && !region.querySelector('textarea, select, input:not([type=hidden])'))
    region = region.parentElement;
  region.setAttribute('data-objector-form', '1');
  const note = () => { window.__objectorSendClicked = true; };
  el.addEventListener('click', note, true);
  const form = el.closest('form'); if (form) form.addEventListener('submit', note, true); }"""
CLICKED_JS = "_root => window.__objectorSendClicked === true"

# Everything the verdict needs, in one round trip.
SNAPSHOT_JS = """_root => {
  const shown = el => { const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0'; };
  const clean = t => (t || '').replace(/\\s+/g, ' ').trim();
  const words = el => { const t = clean(el.innerText); if (t) return t;
    const named = [el, ...el.querySelectorAll('[aria-label], img[alt], svg title')];
    for (const n of named) {
      const a = clean(n.getAttribute('aria-label') || n.getAttribute('alt')
                      || (n.tagName === 'title' ? n.textContent : ''));
      if (a) return a; }
    return ''; };
  const pick = sel => Array.from(document.querySelectorAll(sel)).filter(shown).map(words).filter(Boolean);
  const send = document.querySelector('[data-objector-send]');
  const region = document.querySelector('[data-objector-form]');
  // away from the form: outside its part of the page, or anywhere once that part is gone (a new page)
  const far = el => region === null || (!region.contains(el) && !el.contains(region));
  const alertEls = Array.from(document.querySelectorAll('[role=alert], [aria-live=assertive]')).filter(shown);
  return {
    url: location.href,
    lines: document.body ? document.body.innerText.split('\\n').map(clean).filter(Boolean).slice(0, 600) : [],
    dialogs: pick('[role=dialog], [role=alertdialog], dialog[open], [aria-modal=true]'),
    live: pick('[role=status], [aria-live=polite], output'),
    alerts: alertEls.filter(e => !far(e)).map(words).filter(Boolean),
    far_alerts: alertEls.filter(far).map(words).filter(Boolean),
    headings: pick('h1, h2, h3, h4, [role=heading]'),
    marked: !!send,
    send: send ? shown(send) : false,
    inputs: Array.from(document.querySelectorAll(
        'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]), textarea'))
      .filter(shown).map(e => e.name || e.id || e.placeholder || e.getAttribute('aria-label') || e.type),
    checks: Array.from(document.querySelectorAll('input[type=checkbox], [role=checkbox]'))
      .filter(shown).map(e => e.name || e.id || e.getAttribute('aria-label') || words(e.parentElement || e)),
    password: Array.from(document.querySelectorAll('input[type=password]')).some(shown),
    captcha: Array.from(document.querySelectorAll(
        'iframe, [class*=captcha i], [id*=captcha i], [name*=captcha i], [data-sitekey]'))
      .filter(e => e.tagName !== 'IFRAME'
        || /captcha|turnstile|arkose|funcaptcha|challenge/i.test((e.src || '') + ' ' + (e.title || '')))
      .filter(shown).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (e.getAttribute('name') ? '[' + e.getAttribute('name') + ']' : '')
        + (e.tagName === 'IFRAME' ? ' ' + (e.title || e.src || '').slice(0, 60) : '')),
  };
}"""


@dataclass(frozen=True)
class Snapshot:
    url: str
    lines: frozenset[str]
    dialogs: tuple[str, ...]
    live: tuple[str, ...]
    alerts: tuple[str, ...]  # in the form's part of the page (all of them before the review marks it)
    headings: tuple[str, ...]
    marked: bool  # the reviewed Send button is still in the document
    send: bool  # ... and visible
    inputs: tuple[str, ...] = ()  # visible boxes the person could type into
    checks: tuple[str, ...] = ()  # visible checkboxes
    password: bool = False  # a visible password box
    captcha: tuple[str, ...] = ()  # visible captcha-like elements (a widget's frame, a "captcha" box)
    far_alerts: tuple[str, ...] = ()  # alerts elsewhere on the page (a site-wide notice, a banner)

    @classmethod
    def of(cls, data: dict[str, Any]) -> Snapshot:
        return cls(
            url=str(data.get("url", "")),
            lines=frozenset(data.get("lines") or ()),
            dialogs=tuple(data.get("dialogs") or ()),
            live=tuple(data.get("live") or ()),
            alerts=tuple(data.get("alerts") or ()),
            headings=tuple(data.get("headings") or ()),
            marked=bool(data.get("marked")),
            send=bool(data.get("send")),
            inputs=tuple(data.get("inputs") or ()),
            checks=tuple(data.get("checks") or ()),
            password=bool(data.get("password")),
            captcha=tuple(data.get("captcha") or ()),
            far_alerts=tuple(data.get("far_alerts") or ()),
        )


EMPTY = Snapshot("", frozenset(), (), (), (), (), False, False)


Kind = Literal["confirmed", "unrecognised", "rejected", "code", "left", "nothing", "login", "challenge"]
#: the signal of a challenge known only by its shape (new boxes to fill): the code screen, when the
#: flow knows it, comes first
MORE_INPUT = "the page asks for more input"


@dataclass(frozen=True)
class Verdict:
    kind: Kind
    text: str = ""
    signals: tuple[str, ...] = ()

    @property
    def by_shape_only(self) -> bool:
        """A challenge seen only as new boxes to fill (no words, no widget, no address)."""
        return self.kind == "challenge" and self.signals[-1:] == (MORE_INPUT,)

    def as_record(self) -> dict[str, Any]:
        return {"kind": self.kind, "signals": list(self.signals), "text": self.text[:500]}


@dataclass(frozen=True)
class SubmitResponse:
    path: str
    status: int | None  # None: the request failed (network error)
    failure: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400

    def describe(self) -> str:
        return f"HTTP {self.status}" if self.status is not None else f"failed ({self.failure})"


def _new(items: tuple[str, ...], before: tuple[str, ...]) -> list[str]:
    old = set(before)
    return [i for i in items if i not in old]


def _matches_target(target: list[Candidate], headings: list[str], texts: list[str]) -> str | None:
    """The flow's confirmation patterns tried on new content (role=heading names and text)."""
    for candidate in target:
        if candidate.role == "heading" and candidate.name:
            pool = headings
            pattern = candidate.name
        elif candidate.text:
            pool, pattern = texts, candidate.text
        elif candidate.role in ("status", "alert", "dialog") and candidate.name:
            pool, pattern = texts, candidate.name
        else:
            continue
        for item in pool:
            if re.search(pattern, item, re.IGNORECASE):
                return item
    return None


def words_of(pattern: re.Pattern[str], text: str) -> list[str]:
    return sorted({m.group(0).lower() for m in pattern.finditer(text)})


@dataclass
class AfterSend:
    """Watches one form from the review until the page has answered Send."""

    page: Page
    submit_paths: tuple[str, ...] = DEFAULT_SUBMIT_PATHS
    expect: list[Candidate] = field(default_factory=list)
    code: list[Candidate] = field(default_factory=list)
    responses: list[SubmitResponse] = field(default_factory=list)
    requests: int = 0  # submit requests seen leaving the page
    baseline: Snapshot | None = None
    #: what an address is for the flow's service: "login" (its sign-in page), "checkpoint" (its
    #: security check) or None (set at the review, from the flow's ``[login]``)
    where: Callable[[str], str | None] | None = None
    last_look: Snapshot | None = None  # the page as the last verdict (or non-verdict) read it
    visited: list[str] = field(default_factory=list)  # addresses the page went to since the 'before'
    session: str | None = None  # the service's session cookie at the review (see barriers.py)
    _responses_at_look: int = 0  # how many submit answers had come by then
    _listening: bool = False
    clicked: bool = False  # the send gate let the person's own click through (gate.py)

    # ------------------------------------------------------------ set-up
    def arm(self, send: Locator | None) -> None:
        """At the review: remember the page as it is, mark Send, and start listening. A review
        shown again (the page refused the first send) starts from no click: only one made since
        it counts as the person's."""
        self.clicked = False
        if send is not None:
            send.evaluate(ARM_JS)
        else:
            self._evaluate("_root => { window.__objectorSendClicked = false; }")
        self.rebase()
        if not self._listening:
            self.page.on("request", self._on_request)
            self.page.on("response", self._on_response)
            self.page.on("requestfailed", self._on_failed)
            self.page.on("framenavigated", self._on_navigated)
            self._listening = True

    def rebase(self, seen: Snapshot | None = None) -> None:
        """Take the page as it is now as the 'before' (e.g. before a code is sent); or, with
        ``seen``, as it was at the last look (``last_look``): what came since then, answers
        included, is still new (a challenge the person completed while objector spoke)."""
        if seen is not None and seen is self.last_look:
            self.baseline = seen
            del self.responses[: self._responses_at_look]
        else:
            self.baseline = self.snapshot()
            self.responses.clear()
        self.requests = 0
        self.visited.clear()

    def close(self) -> None:
        if self._listening:
            for event, handler in (
                ("request", self._on_request),
                ("response", self._on_response),
                ("requestfailed", self._on_failed),
                ("framenavigated", self._on_navigated),
            ):
                try:
                    self.page.remove_listener(event, handler)
                except Exception:  # noqa: BLE001 - the page may be gone; nothing to undo then
                    pass
            self._listening = False

    def is_submit(self, request: Request) -> bool:
        """Does ``request`` send the form (a POST to a submit path, or a form post that navigates)?"""
        if request.method != "POST":
            return False
        if request.resource_type == "document" and request.frame == self.page.main_frame:
            return True  # a plain form post that navigates
        path = urlsplit(request.url).path
        return any(re.search(p, path) for p in self.submit_paths)

    def _on_request(self, request: Request) -> None:
        if self.is_submit(request):
            self.requests += 1

    def _on_response(self, response: Response) -> None:
        if self.is_submit(response.request):
            self.responses.append(SubmitResponse(urlsplit(response.url).path, response.status))

    def _on_navigated(self, frame: Frame) -> None:
        if frame == self.page.main_frame:
            self.visited.append(frame.url)

    def _on_failed(self, request: Request) -> None:
        if self.is_submit(request):
            failure = request.failure or "failed"
            self.responses.append(SubmitResponse(urlsplit(request.url).path, None, str(failure)))

    # ------------------------------------------------------------ looking
    def snapshot(self) -> Snapshot:
        return Snapshot.of(self._evaluate(SNAPSHOT_JS))

    def _evaluate(self, script: str) -> Any:
        """Run a script in the current document; a page stuck between two documents (a host
        that never answers) raises after a moment instead of blocking forever."""
        return in_document(self.page, script)

    def person_sent(self) -> bool:
        """Did the form leave the page by the person's own hand (request seen, or Send clicked)?"""
        self.page.wait_for_timeout(1)  # lets the browser's events reach us
        if self.clicked or self.requests or self.responses:
            return True
        from playwright.sync_api import Error as PlaywrightError

        try:
            return bool(self._evaluate(CLICKED_JS))
        except PlaywrightError as exc:
            if browser_gone(exc):
                raise
            return False  # a navigating page: the request listener decides

    def read(self, now: Snapshot) -> Verdict | None:
        """A verdict from one look, or None when the page has not answered yet.

        The login page and a challenge are told first: their words ("confirm you are not a
        robot", "we received too many requests") must never read as a confirmation or an error.
        """
        base = self.baseline or EMPTY
        signals = [f"submit request: {r.describe()}" for r in self.responses]
        barrier = self._barrier(now, base, signals)
        if barrier is not None:
            return barrier
        # an alert away from the form (a site-wide notice about maintenance) is its answer only when
        # its words say something failed
        far = [a for a in _new(now.far_alerts, base.far_alerts) if ERROR_RE.search(a)]
        alerts = [*_new(now.alerts, base.alerts), *far]
        # a live region may announce success too: only one that does not read as thanks is an error
        new_alerts = [a for a in alerts if ERROR_RE.search(a) or not CONFIRM_RE.search(a)]
        new_dialogs = _new(now.dialogs, base.dialogs)
        new_live = _new(now.live, base.live)
        new_headings = _new(now.headings, base.headings)
        new_lines = sorted(now.lines - base.lines, key=len, reverse=True)
        gone = base.marked and not now.send
        if gone:
            signals.append("the form went away")
        for name, items in (("dialog", new_dialogs), ("status message", new_live), ("heading", new_headings)):
            if items:
                signals.append(f"new {name}")
        structured = [*new_dialogs, *new_live, *(a for a in alerts if a not in new_alerts), *new_headings]
        text = " · ".join(dict.fromkeys([*structured, *new_lines]))

        failed = [r for r in self.responses if not r.ok]
        if new_alerts or failed:
            shown = " · ".join(new_alerts) or next((line for line in new_lines if ERROR_RE.search(line)), "")
            message = shown or f"the submit request answered {failed[0].describe()}"
            return Verdict("rejected", message, (*signals, "error shown" if new_alerts else "error status"))
        more_input = bool(set(now.inputs) - set(base.inputs) or set(now.checks) - set(base.checks))
        flow_match = _matches_target(self.expect, new_headings, [*structured, *new_lines])
        confirm = words_of(CONFIRM_RE, text)
        errors = words_of(ERROR_RE, text)
        if not more_input and flow_match is not None:
            return Verdict("confirmed", text, (*signals, "the flow's confirmation pattern"))
        if not more_input and confirm and not errors:
            return Verdict("confirmed", text, (*signals, f"words: {', '.join(confirm[:4])}"))
        if errors and not confirm:
            return Verdict("rejected", text, (*signals, f"error words: {', '.join(errors[:3])}"))
        if more_input:  # new boxes that are not the form's and no confirmation: the person's to fill
            return Verdict("challenge", text, (*signals, MORE_INPUT))
        if (gone or structured) and text.strip():  # a change without text is not an answer (yet)
            return Verdict("unrecognised", text, tuple(signals))
        return None

    def _barrier(self, now: Snapshot, base: Snapshot, signals: list[str]) -> Verdict | None:
        """The login page (the request was not kept) or a challenge in words, a widget or the
        service's security-check address; None when the page shows neither."""
        place = self.where(now.url) if self.where is not None and now.url != base.url else None
        if self.where is not None and any(self.where(url) == "login" for url in self.visited):
            place = "login"  # it went through the login page, even if a quick login has left it
        new_lines = sorted(now.lines - base.lines, key=len, reverse=True)
        text = " · ".join(dict.fromkeys([*_new(now.dialogs, base.dialogs), *_new(now.headings, base.headings),
                                         *new_lines]))  # fmt: skip
        if place == "login" or (now.password and not base.password):
            why = "the service's login page" if place == "login" else "a password box"
            return Verdict("login", text, (*signals, why))
        captcha = _new(now.captcha, base.captcha)
        words = words_of(CHALLENGE_RE, text)
        more = set(now.inputs) - set(base.inputs) or set(now.checks) - set(base.checks)
        if words and not more and CONFIRM_RE.search(text):
            words = []  # a confirmation that mentions such words, with nothing to fill in, is read on
        if place == "checkpoint" or captcha or words:
            why = (
                "the service's security-check page"
                if place == "checkpoint"
                else f"a captcha ({captcha[0]})"
                if captcha
                else f"challenge words: {', '.join(words[:3])}"
            )
            return Verdict("challenge", text, (*signals, why))
        return None

    def code_screen(self) -> bool:
        if not self.code:
            return False
        from .locate import visible_now

        return visible_now(self.page, self.code) is not None

    def wait(self, timeout: float, *, is_allowed: Any, tick: Any = None) -> Verdict:
        """Watch until the page answers (or ``timeout`` seconds pass); decides as early as it can.

        ``is_allowed(url)`` says whether the page is still on the form's hosts; ``tick()``, when
        given, is called between two looks (the terminal's clock of a long wait).
        """
        deadline = time.monotonic() + timeout
        unsure: Verdict | None = None
        unsure_since = 0.0
        while True:
            verdict = self._look()
            url = self.page.url
            if not is_allowed(url) and (self.where is None or self.where(url) is None):
                return Verdict("left", url, ("the page left the form's hosts",))  # not even its sign-in
            if verdict is not None and verdict.kind in ("login", "challenge") and not verdict.by_shape_only:
                return verdict  # the service's own sign-in or check, on any of its hosts
            if self.code_screen():
                return Verdict("code", "", ("the code screen",))
            if verdict is not None and verdict.kind == "challenge":
                return verdict  # new boxes to fill: the person's, whatever they say
            now = time.monotonic()
            if verdict is not None and verdict.kind in ("confirmed", "rejected"):
                self.settle()
                again = self._look()  # the same message, fully drawn
                return again if again is not None and again.kind == verdict.kind else verdict
            if verdict is not None:  # changed, words unknown: give the page a moment to say more
                if unsure is None or unsure.text != verdict.text:
                    unsure, unsure_since = verdict, now  # still changing: the wait starts again
                if now - unsure_since >= UNRECOGNISED_SETTLE or now >= deadline:
                    return verdict
            if now >= deadline:
                return Verdict("nothing", "", ())
            if tick is not None:
                tick()
            # the next look as soon as the page changes (its answer), at the latest after POLL_MS
            # (a submit request's status, the address, a document still loading)
            until_changed(self.page, min(POLL_MS, max(1, int((deadline - now) * 1000))))

    def settle(self) -> bool:
        """Let a message that is still being drawn finish: until the document has not changed
        for QUIET_MS (True), at most SETTLE_SECONDS (False). A page that navigates meanwhile is
        measured again in its next document, within what is left of the pause."""
        return until_still(self.page, SETTLE_SECONDS, quiet_ms=QUIET_MS)

    def _look(self) -> Verdict | None:
        from playwright.sync_api import Error as PlaywrightError

        try:
            now = self.snapshot()
            self.last_look, self._responses_at_look = now, len(self.responses)
            return self.read(now)
        except PlaywrightError as exc:
            if browser_gone(exc):
                raise
            return None  # the page is navigating: look again on the next poll
