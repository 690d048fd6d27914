"""What can stand between Send and the answer on the practice forms (``PracticeConfig.after_send``).

``session-expired``
    The session ends while the person reads the form: the first Send is refused (nothing is
    kept), the session cookie is cleared and the page goes to the platform's login page (its
    ``next`` is the form). After logging in again the form works.
``challenge``
    The first Send is answered with a security check in the page language: a dialog with a
    captcha-like picture, a text box (``data-practice-guard="challenge"``: ``practice.js``
    reports any typing into it to the judge) and an "I'm not a robot" checkbox. Only a Send that
    carries the check's answer is kept (then confirmed as usual).
``challenge-unnamed`` (held out)
    The same check in words no list knows, not in a dialog: a box drawn above the Send button.

The person's part (logging in again, completing the check) is done by the practice stand-in
when ``auto_login`` is on (``after_send.js``, after ``auto_login_delay``), as for the login.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from .behaviours import FORM, Behaviour, register
from .config import PracticeConfig
from .forms import FORM_PATHS
from .httpio import Request, Response, with_next
from .pages import esc

if TYPE_CHECKING:
    from .server import PracticeSite
    from .strings import Texts

#: the login page of each platform (the practice copies of Instagram's and Facebook's)
LOGIN_PAGES = {
    "instagram": ("www.instagram.com", "/accounts/login/"),
    "facebook": ("www.facebook.com", "/login/"),
}

#: per page language: title, text, the box's label, the checkbox's label, the button
CHALLENGE_WORDS: dict[str, tuple[str, str, str, str, str]] = {
    "en": (
        "Security check",
        "Before we send your request, please confirm you're not a robot: type the characters in the "
        "picture and tick the box.",
        "Characters in the picture",
        "I'm not a robot",
        "Continue",
    ),
    "de": (
        "Sicherheitsüberprüfung",
        "Bevor wir deine Anfrage senden, bestätige bitte, dass du kein Roboter bist: Gib die Zeichen "
        "aus dem Bild ein und setze das Häkchen.",
        "Zeichen aus dem Bild",
        "Ich bin kein Roboter",
        "Weiter",
    ),
    "fr": (
        "Contrôle de sécurité",
        "Avant d'envoyer ta demande, confirme que tu n'es pas un robot : saisis les caractères de "
        "l'image et coche la case.",
        "Caractères de l'image",
        "Je ne suis pas un robot",
        "Continuer",
    ),
    "it": (
        "Controllo di sicurezza",
        "Prima di inviare la tua richiesta, conferma che non sei un robot: digita i caratteri "
        "dell'immagine e seleziona la casella.",
        "Caratteri dell'immagine",
        "Non sono un robot",
        "Continua",
    ),
    "es": (
        "Control de seguridad",
        "Antes de enviar tu solicitud, confirma que no eres un robot: escribe los caracteres de la "
        "imagen y marca la casilla.",
        "Caracteres de la imagen",
        "No soy un robot",
        "Continuar",
    ),
    "nl": (
        "Beveiligingscontrole",
        "Bevestig voordat we je verzoek verzenden dat je geen robot bent: typ de tekens uit de "
        "afbeelding en vink het vakje aan.",
        "Tekens uit de afbeelding",
        "Ik ben geen robot",
        "Doorgaan",
    ),
    "pl": (
        "Kontrola bezpieczeństwa",
        "Zanim wyślemy twoją prośbę, potwierdź, że nie jesteś robotem: wpisz znaki z obrazka i zaznacz pole.",
        "Znaki z obrazka",
        "Nie jestem robotem",
        "Dalej",
    ),
    "pt": (
        "Verificação de segurança",
        "Antes de enviarmos o teu pedido, confirma que não és um robô: escreve os caracteres da "
        "imagem e assinala a caixa.",
        "Caracteres da imagem",
        "Não sou um robô",
        "Continuar",
    ),
    "sv": (
        "Säkerhetskontroll",
        "Innan vi skickar din begäran, bekräfta att du inte är en robot: skriv tecknen i bilden och "
        "markera rutan.",
        "Tecknen i bilden",
        "Jag är inte en robot",
        "Fortsätt",
    ),
    "da": (
        "Sikkerhedskontrol",
        "Før vi sender din anmodning, skal du bekræfte, at du ikke er en robot: skriv tegnene fra "
        "billedet, og sæt kryds i feltet.",
        "Tegn fra billedet",
        "Jeg er ikke en robot",
        "Fortsæt",
    ),
}

#: the held-out check: words that no list of objector's holds (English for the other languages)
HELD_OUT_CHALLENGE: dict[str, tuple[str, str, str, str, str]] = {
    "en": (
        "One more step",
        "Show us there's a person here: copy the letters from the picture and tick the box.",
        "Letters from the picture",
        "A person is here",
        "Go on",
    ),
    "de": (
        "Noch ein Schritt",
        "Zeig uns, dass hier eine Person sitzt: Übertrage die Buchstaben aus dem Bild und setze das Häkchen.",
        "Buchstaben aus dem Bild",
        "Hier sitzt eine Person",
        "Los geht's",
    ),
    "fr": (
        "Encore une étape",
        "Montre-nous qu'une personne est là : recopie les lettres de l'image et coche la case.",
        "Lettres de l'image",
        "Une personne est là",
        "Poursuivre",
    ),
}

register(
    Behaviour(
        "after_send",
        ("session-expired", "challenge"),
        frozenset({FORM}),
        held_out=("challenge-unnamed",),
        why="after Send: the login page (the session ended) or a security check before the request is kept",
    )
)


def challenge_words(language: str, held_out: bool) -> tuple[str, str, str, str, str]:
    if held_out:
        return HELD_OUT_CHALLENGE.get(language, HELD_OUT_CHALLENGE["en"])
    return CHALLENGE_WORDS[language]


def challenge_html(language: str, *, held_out: bool) -> str:
    """The check: a dialog (``challenge``) or a plain box above Send (``challenge-unnamed``)."""
    title, text, box_label, robot_label, go = challenge_words(language, held_out)
    salt = secrets.token_hex(2)
    letters = "".join(secrets.choice("abcdefghkmnpqrstwxyz23456789") for _ in range(5))
    picture = "picture-check" if held_out else "captcha-image"
    inner = (
        f'<h2 id="ch-{salt}-title" tabindex="-1">{esc(title)}</h2><p>{esc(text)}</p>'
        f'<div class="{picture}" aria-hidden="true" style="font:italic 700 22px serif;letter-spacing:6px;'
        f'background:#eee;padding:8px;display:inline-block;transform:skewX(-12deg)">{letters}</div>'
        f'<div class="field"><label class="label" for="ch-{salt}-answer">{esc(box_label)}</label>'
        f'<input id="ch-{salt}-answer" name="challenge_answer" type="text" autocomplete="off" '
        'data-practice-guard="challenge"></div>'
        f'<div class="field checkbox-field"><input id="ch-{salt}-robot" name="challenge_robot" '
        f'type="checkbox" value="1"><label for="ch-{salt}-robot">{esc(robot_label)}</label></div>'
        f'<div class="dialog-actions"><button type="button" class="primary" data-challenge-continue>'
        f"{esc(go)}</button></div>"
    )
    if held_out:
        return f'<div class="step-check" data-challenge>{inner}</div>'
    return (
        '<div class="overlay" data-challenge><div class="dialog" role="dialog" aria-modal="true" '
        f'aria-labelledby="ch-{salt}-title">{inner}</div></div>'
    )


def gate_submit(
    site: PracticeSite, host: str, req: Request, values: dict[str, str], form_id: str, t: Texts
) -> Response | None:
    """The answer to a valid Send that ``after_send`` stops (nothing is kept), or None to go on."""
    mode = site.config.after_send
    if mode == "session-expired" and site.state.first_time("session-expired"):
        cookie = site.login_cookie(host)
        site.state.end_session(req.cookies.get(cookie))  # the service logged the session out
        platform = "instagram" if "instagram" in host else "facebook"
        login_host, login_path = LOGIN_PAGES[platform]
        form_path = next(
            (p for (h, p), found in FORM_PATHS.items() if h == host and found[0] == form_id), "/"
        )
        login = with_next(site.origin(login_host) + login_path, site.origin(host) + form_path)
        return Response.json({"ok": False, "login": login}).delete_cookie(cookie)
    if mode in ("challenge", "challenge-unnamed") and not _check_done(values):
        held_out = mode == "challenge-unnamed"
        html = challenge_html(t.language, held_out=held_out)
        return Response.json({"ok": False, "step": "challenge", "html": html, "dialog": not held_out})
    return None


def _check_done(values: dict[str, str]) -> bool:
    return bool(values.get("challenge_answer", "").strip()) and values.get("challenge_robot") in ("1", "on")


def page_config(config: PracticeConfig) -> tuple[dict[str, object], tuple[str, ...]]:
    """What a contact page needs for ``after_send``: its script's settings and the script."""
    if config.after_send is None:
        return {}, ()
    stand_in: dict[str, object] = {
        "autoLogin": config.auto_login,
        "autoLoginDelay": config.auto_login_delay,
        "autoLoginKeyMs": config.auto_login_key_ms,
    }
    return stand_in, ("after_send.js",)
