"""Reading Meta's e-mails: MIME decoding, sender checks, code and confirmation detection.

Pure functions on raw RFC 822 bytes; no network. `assistant.mail.client` uses them
after fetching messages over IMAP, and tests can use them directly.

What counts:

* A *trusted sender* is a From address at facebookmail.com, mail.instagram.com,
  instagram.com, facebook.com or meta.com (or a subdomain of one of them), in a
  message that no Authentication-Results header marks as failing DMARC.
* A *code mail* holds a standalone six-digit number close to a word meaning
  "code" (code, Code, código, codice, kod, kode, koodi, kód, κωδικός, …).
* A *confirmation mail* says, in one of the supported languages, that an
  objection (or a request about AI at Meta) will be honoured or applied.
* A *WhatsApp answer* comes from whatsapp.com (WhatsApp's support answers the privacy
  contact form by e-mail) and speaks of the request or the objection: WhatsApp's
  answer is a reply in a conversation, not a promise worded like Meta's notices.
"""

from __future__ import annotations

import email
import email.policy
import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html.parser import HTMLParser
from typing import ClassVar

__all__ = [
    "TRUSTED_DOMAINS",
    "ParsedMail",
    "addressed_to",
    "extract_code",
    "guess_language",
    "is_confirmation",
    "is_trusted_sender",
    "is_whatsapp_answer",
    "parse_mail",
]

# Meta's sending domains. A sender qualifies if its domain is one of these or a
# subdomain of one ("mail.instagram.com", "mail.facebook.com", …).
TRUSTED_DOMAINS: tuple[str, ...] = (
    "facebookmail.com",
    "mail.instagram.com",
    "instagram.com",
    "facebook.com",
    "meta.com",
    "whatsapp.com",  # WhatsApp's support (support.whatsapp.com) answers its contact form
)
#: the domains WhatsApp's answers come from (a subset of TRUSTED_DOMAINS)
WHATSAPP_DOMAINS: tuple[str, ...] = ("whatsapp.com",)


# ---------------------------------------------------------------------------
# MIME decoding
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedMail:
    """The parts of a message that matter here, decoded to text."""

    subject: str
    sender: str  # bare From address, lower case ("" if none)
    sender_display: str  # the From header as decoded text
    recipients: tuple[str, ...]  # To and Cc addresses, lower case
    date: datetime | None  # the Date header, aware UTC; None if missing/garbled
    text: str  # the readable body: text/plain parts, else text from HTML parts
    content_language: str | None  # primary tag from Content-Language or <html lang>
    dmarc_failed: bool  # an Authentication-Results header reports dmarc=fail


class _TextFromHTML(HTMLParser):
    """Collect the visible text of an HTML document, one block per line."""

    _BLOCK: ClassVar[frozenset[str]] = frozenset(
        {
            "br",
            "p",
            "div",
            "tr",
            "li",
            "table",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "td",
            "th",
            "ul",
            "ol",
            "section",
            "article",
            "header",
            "footer",
            "center",
            "blockquote",
        }
    )
    _SKIP: ClassVar[frozenset[str]] = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lang: str | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag == "html" and self.lang is None:
            for name, value in attrs:
                if name.lower() == "lang" and value:
                    self.lang = value
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.lower() in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Return (visible text, lang attribute of <html> or None)."""
    parser = _TextFromHTML()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # noqa: BLE001 - malformed HTML: fall back to crude stripping
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
        text = re.sub(r"(?s)<[^>]*>", " ", text)
        return html.unescape(text), None
    return "".join(parser.parts), parser.lang


def _part_text(part: Message) -> str:
    """Decode one text part (transfer encoding and charset), never raising."""
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - unknown charset, broken base64, …
        content = None
    if isinstance(content, str):
        return content
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except LookupError:
        return payload.decode("utf-8", "replace")


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # noqa: BLE001 - a header the policy cannot parse
        value = None
    if value is None:
        raw = msg.get_all(name, failobj=[]) if hasattr(msg, "get_all") else []
        value = raw[0] if raw else ""
    return str(value)


def _primary_language(tag: str | None) -> str | None:
    if not tag:
        return None
    first = tag.split(",")[0].strip().lower()
    first = first.replace("_", "-").split("-")[0]
    return first if re.fullmatch(r"[a-z]{2,3}", first) else None


def parse_mail(raw: bytes) -> ParsedMail:
    """Decode a raw RFC 822 message into the fields used for matching."""
    msg: EmailMessage = email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[assignment,unused-ignore]

    subject = " ".join(_header(msg, "Subject").split())
    from_header = _header(msg, "From")
    sender = parseaddr(from_header)[1].strip().lower()

    recipients: list[str] = []
    for name in ("To", "Cc"):
        values = [str(v) for v in (msg.get_all(name) or [])]
        for _display, addr in getaddresses(values):
            if addr:
                recipients.append(addr.strip().lower())

    date: datetime | None = None
    date_header = _header(msg, "Date")
    if date_header:
        try:
            date = parsedate_to_datetime(date_header)
        except (TypeError, ValueError, IndexError):
            date = None
        if date is not None:
            if date.tzinfo is None:  # "-0000": time is UTC, zone unknown
                date = date.replace(tzinfo=UTC)
            date = date.astimezone(UTC)

    plain: list[str] = []
    htmls: list[str] = []
    html_lang: str | None = None
    for part in msg.walk():
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment":
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain":
            plain.append(_part_text(part))
        elif ctype == "text/html":
            text, lang = html_to_text(_part_text(part))
            htmls.append(text)
            html_lang = html_lang or lang
    # Plain text first; the HTML text too, because some senders put only a
    # stub ("view this e-mail in your browser") into the text/plain part.
    body = "\n".join(plain + htmls)
    body = unicodedata.normalize("NFC", body)

    content_language = _primary_language(_header(msg, "Content-Language")) or _primary_language(html_lang)

    dmarc_failed = any(
        re.search(r"\bdmarc\s*=\s*fail\b", str(v), re.IGNORECASE)
        for v in (msg.get_all("Authentication-Results") or [])
    )

    return ParsedMail(
        subject=unicodedata.normalize("NFC", subject),
        sender=sender,
        sender_display=" ".join(from_header.split()),
        recipients=tuple(recipients),
        date=date,
        text=body,
        content_language=content_language,
        dmarc_failed=dmarc_failed,
    )


# ---------------------------------------------------------------------------
# Sender and recipient checks
# ---------------------------------------------------------------------------


def is_trusted_sender(mail: ParsedMail) -> bool:
    """True if the From address is at one of Meta's domains and DMARC did not fail."""
    if mail.dmarc_failed or mail.sender.count("@") != 1:
        return False
    domain = mail.sender.rsplit("@", 1)[1].rstrip(".")
    return any(domain == d or domain.endswith("." + d) for d in TRUSTED_DOMAINS)


def addressed_to(mail: ParsedMail, address: str) -> bool:
    """True if `address` is among the To/Cc addresses (case-insensitive, exact)."""
    wanted = address.strip().lower()
    return bool(wanted) and wanted in mail.recipients


# ---------------------------------------------------------------------------
# Code mails
# ---------------------------------------------------------------------------

# Words that mean "code", matched on case-folded text, also inside compounds
# ("Bestätigungscode", "bekræftelseskode", "vahvistuskoodisi"): en/de/fr/nl
# "code", it "codice", es/pt "código", ro "cod", pl/sv/cs/tr/hu "kod"/"kód",
# da/no "kode", fi "koodi", el "κωδικός".
_CODE_NOUN = re.compile(
    r"(?<!\w)(?:\w*(?:code|codice|c[oó]dig|kod|kód|koodi|κωδικ)\w*|cod(?:ul)?)(?!\w)",
    re.IGNORECASE,
)
# A standalone six-digit number: not part of a longer number, a word, a URL,
# a date or a phone number.
_SIX_DIGITS = re.compile(r"(?<![\w/=.+#&%-])(\d{6})(?![\w/=%-]|[.,:]\d)")
_NEAR = 120  # characters between the code and a "code" word


def _code_candidates(text: str) -> list[tuple[int, str]]:
    """(distance to the nearest 'code' word, code) for each qualifying number."""
    folded = text.casefold()
    nouns = [m.start() for m in _CODE_NOUN.finditer(folded)]
    found: list[tuple[int, str]] = []
    if not nouns:
        return found
    for m in _SIX_DIGITS.finditer(folded):  # same offsets as the nouns
        distance = min((abs(m.start() - n) if n <= m.start() else n - m.end()) for n in nouns)
        if distance <= _NEAR:
            found.append((distance, m.group(1)))
    return found


def extract_code(mail: ParsedMail) -> str | None:
    """The six-digit code the mail offers, or None.

    The subject wins over the body ("123456 is your confirmation code"); within
    a text the number closest to a "code" word wins.
    """
    for text in (mail.subject, mail.text):
        candidates = _code_candidates(text)
        if candidates:
            return min(candidates)[1]
    return None


# ---------------------------------------------------------------------------
# Confirmation mails
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Phrases:
    # Words naming the objection (or the request that carries it).
    subject: str
    # Words saying it is honoured / granted / applied.
    positive: str
    # Mentions that place the mail in the AI-at-Meta objection topic.
    topic: str
    # Negations that, just before a "honoured" word, turn it around (each
    # alternative states its own word ending).
    negation: str


# Each pattern is matched on case-folded, NFC-normalised text with whitespace
# collapsed. Word beginnings only (a leading \b), endings are open.
_LANGS: dict[str, _Phrases] = {
    "en": _Phrases(
        subject=r"objection|right to object|your request",
        positive=r"honou?r|uphold|grant(?:ed)?\b|approved|accepted|(?:be|been) applied|will apply|"
        r"appl(?:y|ied) (?:going forward|from now)",
        topic=r"objection|right to object|ai at meta|meta ai",
        negation=r"not\b|\w+n[’']t\b|cannot\b|unable\b|never\b|no longer\b",
    ),
    "de": _Phrases(
        subject=r"widerspruch|einspruch|anfrage|antrag|anliegen",
        positive=r"nachkommen|nachgekommen|stattgeben|stattgegeben|entsprechen|entsprochen|"
        r"berücksichtig|angewendet|angewandt|umgesetzt|akzeptiert|angenommen|respektieren",
        topic=r"widerspruch|widerspruchsrecht|einspruch|ki bei meta|meta ki|meta ai",
        negation=r"nicht\b|kein\w*|nie\b",
    ),
    "fr": _Phrases(
        subject=r"opposition|objection|demande|requête",
        positive=r"respect(?:er|erons|ée)|honor(?:er|erons|ée)|accept(?:ée|ons|er)|"
        r"appliqu(?:ée|erons|er)|accéd|faire droit|fait droit|prise en compte|pris en compte|"
        r"accueilli",
        topic=r"opposition|droit d[’']opposition|objection|ia chez meta|ia de meta|meta ai",
        negation=r"ne\b|n[’']|pas\b|jamais\b",
    ),
    "it": _Phrases(
        subject=r"opposizione|obiezione|richiesta",
        positive=r"rispett(?:eremo|are|ata)|accolt|accogli|applicat|onor(?:eremo|are)|accettat|"
        r"verrà applicat|sarà applicat",
        topic=r"opposizione|diritto di opposizione|obiezione|ia di meta|ia in meta|meta ai",
        negation=r"non\b|mai\b",
    ),
    "es": _Phrases(
        subject=r"oposición|objeción|solicitud|petición",
        positive=r"respet(?:aremos|ar|ada)|aceptad|acept(?:amos|aremos)|aplicar(?:á|emos)?|"
        r"aplicad|atender(?:emos)?|atendid|concedid|estimad|tendremos en cuenta",
        topic=r"oposición|derecho de oposición|objeción|ia de meta|ia en meta|meta ai",
        negation=r"no\b|nunca\b",
    ),
    "nl": _Phrases(
        subject=r"bezwaar|verzoek|aanvraag",
        positive=r"honoreren|gehonoreerd|inwilligen|ingewilligd|toegepast|toepassen|"
        r"accepteren|geaccepteerd|gehoor geven|respecteren|gerespecteerd|toegekend",
        topic=r"bezwaar|recht van bezwaar|recht om bezwaar|ai bij meta|ai van meta|meta ai",
        negation=r"niet\b|geen\b|nooit\b",
    ),
    "pl": _Phrases(
        subject=r"sprzeciw|wniosek|wniosku|prośb|żądani",
        positive=r"uwzględni|respektow|zaakceptow|zastosow|stosowan|przyjęt|przyjmiemy|"
        r"rozpatrzon\w* pozytywnie",
        topic=r"sprzeciw|prawo do sprzeciwu|ai w meta|sztucznej inteligencji w meta|meta ai",
        negation=r"nie\b|nigdy\b",
    ),
    "pt": _Phrases(
        subject=r"oposição|objeção|objecção|pedido|solicitação",
        positive=r"respeit(?:ar|aremos|ada)|aceit|aplicad|aplicar(?:á|emos)?|acat(?:ar|aremos|ada)|"
        r"deferid|atendid|atender(?:emos)?",
        topic=r"oposição|direito de oposição|objeção|ia da meta|ia na meta|meta ai",
        negation=r"não\b|nunca\b",
    ),
    "sv": _Phrases(
        subject=r"invändning|begäran|förfrågan",
        positive=r"respekter|godkän|godta|tillämpa|beviljad|tillmötesgå|accepter",
        topic=r"invändning|rätt att invända|ai hos meta|ai på meta|meta ai",
        negation=r"inte\b|ej\b|aldrig\b",
    ),
    "da": _Phrases(
        subject=r"indsigelse|anmodning",
        positive=r"imødekomm|respekter|accepter|anvendt|anvende|efterkomm|godkend|taget til følge",
        topic=r"indsigelse|ret til indsigelse|ai hos meta|ai fra meta|meta ai",
        negation=r"ikke\b|aldrig\b",
    ),
    "nb": _Phrases(
        subject=r"innsigelse|protest|forespørsel",
        positive=r"etterkomm|respekter|godta|godkjen|tatt til følge|anvendt|bli brukt",
        topic=r"innsigelse|protest|ai hos meta|ai fra meta|meta ai",
        negation=r"ikke\b|aldri\b",
    ),
    "fi": _Phrases(
        subject=r"vastustus|vastustamis|vastalause|pyyntö",
        positive=r"hyväksy|noudat|kunnioit|otetaan huomioon|sovelle",
        topic=r"vastustus|vastustamisoikeu|vastalause|meta ai|metan tekoäly",
        negation=r"ei\b|emme\b|eivät\b",
    ),
}
_PROXIMITY = 160  # characters between the objection word and the "honoured" word


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + pattern + r")")


_COMPILED = {
    lang: (
        _compiled(p.subject),
        _compiled(p.positive),
        _compiled(p.topic),
        _compiled(p.negation),
    )
    for lang, p in _LANGS.items()
}
_NEGATION_WINDOW = 40  # characters before a "honoured" word searched for a negation


def confirmation_language(mail: ParsedMail) -> str | None:
    """The language in which the mail confirms the objection, or None."""
    text = _fold(mail.subject + "\n" + mail.text)
    preferred = mail.content_language
    order = sorted(_COMPILED, key=lambda lang: lang != preferred)
    for lang in order:
        subject_re, positive_re, topic_re, negation_re = _COMPILED[lang]
        if not topic_re.search(text):
            continue
        subjects = [m.start() for m in subject_re.finditer(text)]
        if not subjects:
            continue
        for pos in positive_re.finditer(text):
            before = text[max(0, pos.start() - _NEGATION_WINDOW) : pos.start()]
            if negation_re.search(before):
                continue
            if any(abs(pos.start() - s) <= _PROXIMITY for s in subjects):
                return lang
    return None


def is_confirmation(mail: ParsedMail) -> bool:
    """True if the mail says the objection will be honoured (any supported language)."""
    return confirmation_language(mail) is not None


# Words of a WhatsApp support answer about the request: the objection, the request or the
# ticket it opened, or the processing of information, in the languages of the practice pages.
_WHATSAPP_TOPIC = _compiled(
    r"objection|object to|your request|ticket|processing|"
    r"widerspruch|widersprech|anfrage|anliegen|verarbeitung|"
    r"opposition|opposer|demande|traitement|"
    r"opposizione|opporsi|richiesta|trattamento|"
    r"oposición|oponerse|solicitud|tratamiento|"
    r"bezwaar|verzoek|verwerking|"
    r"sprzeciw|zgłoszeni|wniosek|przetwarzani|"
    r"oposição|opor-se|pedido|"
    r"invändning|ärende|begäran|behandling|"
    r"indsigelse|henvendelse|anmodning"
)


def is_whatsapp_answer(mail: ParsedMail) -> bool:
    """True for WhatsApp's answer to its privacy contact form: from one of WhatsApp's domains and
    about the request (``is_trusted_sender`` checks DMARC; this checks whose mail it is)."""
    if mail.sender.count("@") != 1:
        return False
    domain = mail.sender.rsplit("@", 1)[1].rstrip(".")
    if not any(domain == d or domain.endswith("." + d) for d in WHATSAPP_DOMAINS):
        return False
    text = _fold(mail.subject + "\n" + mail.text)
    return "whatsapp" in text and _WHATSAPP_TOPIC.search(text) is not None


# ---------------------------------------------------------------------------
# Language guess
# ---------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words("the and your you we will this that is to of for with have your"),
    "de": _words("der die das und ist nicht dein deine wir ihr sie mit für dass wird werden ein eine"),
    "fr": _words("le la les et est vous votre nous pour que une des du avec ce ne pas"),
    "it": _words("il la le che per tua tuo di è una con non sono della questo ciò"),
    "es": _words("el la los las que tu para una con por del esto es hemos su no"),
    "nl": _words("de het een en je jouw we is van voor niet dat wordt met ons dit"),
    "pl": _words("i w na że się nie jest twój twoja twoje to do dla z przez"),
    "pt": _words("o a os as que para uma com não seu sua você é do da isso"),
    "sv": _words("och att det är du din ditt vi för på med inte som en ett"),
    "da": _words("og at det er du din dit vi for på med ikke som en et"),
}


def guess_language(mail: ParsedMail) -> str | None:
    """Content-Language (or <html lang>), else the confirmation's language, else stopwords."""
    if mail.content_language:
        return mail.content_language
    lang = confirmation_language(mail)
    if lang:
        return lang
    words = re.findall(r"\w+", _fold(mail.subject + " " + mail.text))
    if not words:
        return None
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] >= 2 and ranked[0] > ranked[1]:
        return best
    return None
