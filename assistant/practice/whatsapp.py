"""A practice copy of WhatsApp's privacy contact form (``www.whatsapp.com/contact/forms/…``).

The form has no login: anyone may send it. It asks what the message is about (the objection is
"How can I make an objection to the processing of my information?"), an e-mail address, the
WhatsApp phone number with its country code and a message, and answers in place that the message
was received (the answer itself comes by e-mail). The topic comes as radios (default), a native
list, a list that opens on a click or a row of buttons (``PracticeConfig.choice_markup``); a
cookie dialog comes first when ``cookie_dialog`` is on. A kept post is a ``Submission`` (user
None: nobody is logged in), so tests judge by the server's state.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from .config import Submission
from .httpio import Request, Response
from .pages import cookie_dialog, esc, help_header, html_document
from .strings import texts

if TYPE_CHECKING:
    from .server import PracticeSite

WHATSAPP_HOST = "www.whatsapp.com"
FORM_ID = "382532939919295"
FORM_PATH = f"/contact/forms/{FORM_ID}"
SUBMIT_PATH = "/contact/forms/submit/"
CONSENT_COOKIE = "practice_consent"
#: the topics, in the page's order; "objection" is the one the flow chooses
TOPICS = ("access", "objection", "delete", "other")

# Per page language: the form's words (en and de as WhatsApp's pages put them, the others in the
# same plain register). Keys: title, intro, question, the topics, email, phone, phone_hint,
# message, send, done_title, done_text ({email}), and the errors.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Privacy questions",
        "intro": "Use this form for questions about your privacy and how your information is processed. "
        "We will reply by email.",
        "question": "What can we help you with?",
        "access": "How can I access my information?",
        "objection": "How can I make an objection to the processing of my information?",
        "delete": "How can I delete my information?",
        "other": "I have another privacy question",
        "email": "Email address",
        "phone": "Phone number",
        "phone_hint": "Your WhatsApp number with country code, for example +44 7911 123456",
        "message": "Your message",
        "send": "Send",
        "done_title": "Thanks for contacting WhatsApp",
        "done_text": "We've received your message. We'll reply to {email} as soon as we can.",
        "err_topic": "Choose what we can help you with.",
        "err_email": "Enter a valid email address.",
        "err_phone": "Enter your phone number with country code, starting with +.",
        "err_message": "Write your message.",
    },
    "de": {
        "title": "Fragen zum Datenschutz",
        "intro": "Nutze dieses Formular für Fragen zu deiner Privatsphäre und dazu, wie deine Informationen "
        "verarbeitet werden. Wir antworten dir per E-Mail.",
        "question": "Wobei können wir dir helfen?",
        "access": "Wie kann ich auf meine Informationen zugreifen?",
        "objection": "Wie kann ich der Verarbeitung meiner Informationen widersprechen?",
        "delete": "Wie kann ich meine Informationen löschen?",
        "other": "Ich habe eine andere Frage zum Datenschutz",
        "email": "E-Mail-Adresse",
        "phone": "Telefonnummer",
        "phone_hint": "Deine WhatsApp-Nummer mit Ländervorwahl, zum Beispiel +49 1512 3456789",
        "message": "Deine Nachricht",
        "send": "Senden",
        "done_title": "Danke für deine Nachricht an WhatsApp",
        "done_text": "Wir haben deine Nachricht erhalten. Wir antworten dir so bald wie möglich an {email}.",
        "err_topic": "Wähle aus, wobei wir dir helfen können.",
        "err_email": "Gib eine gültige E-Mail-Adresse ein.",
        "err_phone": "Gib deine Telefonnummer mit Ländervorwahl ein, beginnend mit +.",
        "err_message": "Schreib deine Nachricht.",
    },
    "fr": {
        "title": "Questions sur la confidentialité",
        "intro": "Utilisez ce formulaire pour vos questions sur votre vie privée et le traitement de vos "
        "informations. Nous vous répondrons par e-mail.",
        "question": "Comment pouvons-nous vous aider ?",
        "access": "Comment puis-je accéder à mes informations ?",
        "objection": "Comment puis-je m'opposer au traitement de mes informations ?",
        "delete": "Comment puis-je supprimer mes informations ?",
        "other": "J'ai une autre question sur la confidentialité",
        "email": "Adresse e-mail",
        "phone": "Numéro de téléphone",
        "phone_hint": "Votre numéro WhatsApp avec l'indicatif du pays, par exemple +33 6 12 34 56 78",
        "message": "Votre message",
        "send": "Envoyer",
        "done_title": "Merci d'avoir contacté WhatsApp",
        "done_text": "Nous avons bien reçu votre message. Nous vous répondrons à {email} dès que possible.",
        "err_topic": "Choisissez le sujet de votre demande.",
        "err_email": "Saisissez une adresse e-mail valide.",
        "err_phone": "Saisissez votre numéro avec l'indicatif du pays, en commençant par +.",
        "err_message": "Écrivez votre message.",
    },
    "it": {
        "title": "Domande sulla privacy",
        "intro": "Usa questo modulo per domande sulla tua privacy e sul trattamento delle tue informazioni. "
        "Ti risponderemo via e-mail.",
        "question": "Come possiamo aiutarti?",
        "access": "Come posso accedere alle mie informazioni?",
        "objection": "Come posso oppormi al trattamento delle mie informazioni?",
        "delete": "Come posso eliminare le mie informazioni?",
        "other": "Ho un'altra domanda sulla privacy",
        "email": "Indirizzo e-mail",
        "phone": "Numero di telefono",
        "phone_hint": "Il tuo numero WhatsApp con il prefisso internazionale, ad esempio +39 312 345 6789",
        "message": "Il tuo messaggio",
        "send": "Invia",
        "done_title": "Grazie per aver contattato WhatsApp",
        "done_text": "Abbiamo ricevuto il tuo messaggio. Ti risponderemo a {email} il prima possibile.",
        "err_topic": "Scegli l'argomento della richiesta.",
        "err_email": "Inserisci un indirizzo e-mail valido.",
        "err_phone": "Inserisci il numero con il prefisso internazionale, a partire da +.",
        "err_message": "Scrivi il tuo messaggio.",
    },
    "es": {
        "title": "Preguntas sobre privacidad",
        "intro": "Usa este formulario para preguntas sobre tu privacidad y el tratamiento de tu información. "
        "Te responderemos por correo electrónico.",
        "question": "¿En qué podemos ayudarte?",
        "access": "¿Cómo puedo acceder a mi información?",
        "objection": "¿Cómo puedo oponerme al tratamiento de mi información?",
        "delete": "¿Cómo puedo eliminar mi información?",
        "other": "Tengo otra pregunta sobre privacidad",
        "email": "Correo electrónico",
        "phone": "Número de teléfono",
        "phone_hint": "Tu número de WhatsApp con el prefijo del país, por ejemplo +34 612 34 56 78",
        "message": "Tu mensaje",
        "send": "Enviar",
        "done_title": "Gracias por contactar con WhatsApp",
        "done_text": "Hemos recibido tu mensaje. Te responderemos a {email} lo antes posible.",
        "err_topic": "Elige el tema de tu consulta.",
        "err_email": "Introduce un correo electrónico válido.",
        "err_phone": "Introduce tu número con el prefijo del país, empezando por +.",
        "err_message": "Escribe tu mensaje.",
    },
    "nl": {
        "title": "Vragen over privacy",
        "intro": "Gebruik dit formulier voor vragen over je privacy en de verwerking van je gegevens. "
        "We antwoorden je per e-mail.",
        "question": "Waarmee kunnen we je helpen?",
        "access": "Hoe krijg ik toegang tot mijn gegevens?",
        "objection": "Hoe kan ik bezwaar maken tegen de verwerking van mijn gegevens?",
        "delete": "Hoe kan ik mijn gegevens verwijderen?",
        "other": "Ik heb een andere vraag over privacy",
        "email": "E-mailadres",
        "phone": "Telefoonnummer",
        "phone_hint": "Je WhatsApp-nummer met landcode, bijvoorbeeld +31 6 12345678",
        "message": "Je bericht",
        "send": "Verzenden",
        "done_title": "Bedankt voor je bericht aan WhatsApp",
        "done_text": "We hebben je bericht ontvangen. We antwoorden zo snel mogelijk naar {email}.",
        "err_topic": "Kies waarmee we je kunnen helpen.",
        "err_email": "Vul een geldig e-mailadres in.",
        "err_phone": "Vul je nummer met landcode in, te beginnen met +.",
        "err_message": "Schrijf je bericht.",
    },
    "pl": {
        "title": "Pytania o prywatność",
        "intro": "Skorzystaj z tego formularza, jeśli masz pytania o prywatność i przetwarzanie Twoich "
        "informacji. Odpowiemy e-mailem.",
        "question": "W czym możemy pomóc?",
        "access": "Jak mogę uzyskać dostęp do moich informacji?",
        "objection": "Jak mogę wnieść sprzeciw wobec przetwarzania moich informacji?",
        "delete": "Jak mogę usunąć moje informacje?",
        "other": "Mam inne pytanie dotyczące prywatności",
        "email": "Adres e-mail",
        "phone": "Numer telefonu",
        "phone_hint": "Twój numer WhatsApp z numerem kierunkowym kraju, na przykład +48 512 345 678",
        "message": "Twoja wiadomość",
        "send": "Wyślij",
        "done_title": "Dziękujemy za kontakt z WhatsApp",
        "done_text": "Otrzymaliśmy Twoją wiadomość. Odpowiemy na adres {email} najszybciej, jak to możliwe.",
        "err_topic": "Wybierz, w czym możemy pomóc.",
        "err_email": "Wpisz prawidłowy adres e-mail.",
        "err_phone": "Wpisz numer z numerem kierunkowym kraju, zaczynając od +.",
        "err_message": "Napisz wiadomość.",
    },
    "pt": {
        "title": "Perguntas sobre privacidade",
        "intro": "Utiliza este formulário para perguntas sobre a tua privacidade e o tratamento das tuas "
        "informações. Responderemos por e-mail.",
        "question": "Como podemos ajudar?",
        "access": "Como posso aceder às minhas informações?",
        "objection": "Como posso opor-me ao tratamento das minhas informações?",
        "delete": "Como posso eliminar as minhas informações?",
        "other": "Tenho outra pergunta sobre privacidade",
        "email": "Endereço de e-mail",
        "phone": "Número de telefone",
        "phone_hint": "O teu número do WhatsApp com o indicativo do país, por exemplo +351 912 345 678",
        "message": "A tua mensagem",
        "send": "Enviar",
        "done_title": "Obrigado por contactares o WhatsApp",
        "done_text": "Recebemos a tua mensagem. Responderemos para {email} assim que possível.",
        "err_topic": "Escolhe o assunto do teu pedido.",
        "err_email": "Introduz um endereço de e-mail válido.",
        "err_phone": "Introduz o número com o indicativo do país, a começar por +.",
        "err_message": "Escreve a tua mensagem.",
    },
    "sv": {
        "title": "Frågor om integritet",
        "intro": "Använd det här formuläret för frågor om din integritet och hur din information behandlas. "
        "Vi svarar via e-post.",
        "question": "Vad kan vi hjälpa dig med?",
        "access": "Hur får jag tillgång till min information?",
        "objection": "Hur kan jag invända mot behandlingen av min information?",
        "delete": "Hur kan jag radera min information?",
        "other": "Jag har en annan fråga om integritet",
        "email": "E-postadress",
        "phone": "Telefonnummer",
        "phone_hint": "Ditt WhatsApp-nummer med landsnummer, till exempel +46 70 123 45 67",
        "message": "Ditt meddelande",
        "send": "Skicka",
        "done_title": "Tack för att du kontaktade WhatsApp",
        "done_text": "Vi har tagit emot ditt meddelande. Vi svarar till {email} så snart vi kan.",
        "err_topic": "Välj vad vi kan hjälpa dig med.",
        "err_email": "Ange en giltig e-postadress.",
        "err_phone": "Ange ditt nummer med landsnummer, med + först.",
        "err_message": "Skriv ditt meddelande.",
    },
    "da": {
        "title": "Spørgsmål om privatliv",
        "intro": "Brug denne formular til spørgsmål om dit privatliv og behandlingen af dine oplysninger. "
        "Vi svarer via e-mail.",
        "question": "Hvad kan vi hjælpe dig med?",
        "access": "Hvordan får jeg adgang til mine oplysninger?",
        "objection": "Hvordan kan jeg gøre indsigelse mod behandlingen af mine oplysninger?",
        "delete": "Hvordan kan jeg slette mine oplysninger?",
        "other": "Jeg har et andet spørgsmål om privatliv",
        "email": "E-mailadresse",
        "phone": "Telefonnummer",
        "phone_hint": "Dit WhatsApp-nummer med landekode, for eksempel +45 20 12 34 56",
        "message": "Din besked",
        "send": "Send",
        "done_title": "Tak for din besked til WhatsApp",
        "done_text": "Vi har modtaget din besked. Vi svarer til {email} så hurtigt som muligt.",
        "err_topic": "Vælg, hvad vi kan hjælpe dig med.",
        "err_email": "Angiv en gyldig e-mailadresse.",
        "err_phone": "Angiv dit nummer med landekode, begyndende med +.",
        "err_message": "Skriv din besked.",
    },
}


def whatsapp_route(site: PracticeSite, req: Request) -> Response:
    """What the practice www.whatsapp.com answers: the form, its submit endpoint, else 404."""
    if req.method == "POST" and req.path == SUBMIT_PATH:
        return _submit(site, req)
    if req.path.rstrip("/") == FORM_PATH:
        return Response.html(form_page(site, req))
    return Response(404, b"not found", "text/plain")


def form_page(site: PracticeSite, req: Request) -> str:
    config = site.config
    t = texts(config.language)
    w = WORDS[config.language]
    dialog = ""
    if config.cookie_dialog and CONSENT_COOKIE not in req.cookies:
        dialog = cookie_dialog(t, "WhatsApp")
    card = (
        f'<h1>{esc(w["title"])}</h1><div class="intro"><p>{esc(w["intro"])}</p></div>'
        f'<form class="contact-form" id="wa-form" method="post" action="{SUBMIT_PATH}" novalidate>'
        f"{_topic_html(w, config.choice_markup)}"
        f"{_field('wa-email', 'email', 'email', w['email'], autocomplete='email')}"
        f"{_field('wa-phone', 'phone', 'tel', w['phone'], hint=w['phone_hint'], autocomplete='tel')}"
        '<div class="field"><label class="label" for="wa-message">'
        f'{esc(w["message"])}</label><textarea id="wa-message" name="message" rows="6" '
        'aria-required="true"></textarea>'
        '<div class="field-error" role="alert" data-error-for="message" hidden></div></div>'
        '<div class="field-error" role="alert" data-error-for="__form__" hidden></div>'
        f'<div class="actions"><button type="submit" class="btn primary" data-practice-send>'
        f"{esc(w['send'])}</button></div></form>"
    )
    body = (
        f"{help_header(t, 'WhatsApp', None)}"
        f'<main class="help-main"><div class="card contact-card" id="contact-root">{card}</div></main>'
        f"{dialog}"
    )
    js_config = {"page": "whatsapp", "submitUrl": SUBMIT_PATH, "autoSend": config.auto_send_when_highlighted}
    return html_document(
        t=t,
        title=f"WhatsApp · {w['title']}",
        stylesheet="practice.css",
        body_class="theme-fb",
        content=body,
        js_config=js_config,
        scripts=("whatsapp.js",),
    )


def _field(fid: str, name: str, kind: str, label: str, *, hint: str = "", autocomplete: str = "") -> str:
    hint_html = f'<div class="hint" id="{fid}-hint">{esc(hint)}</div>' if hint else ""
    described = f' aria-describedby="{fid}-hint"' if hint else ""
    return (
        f'<div class="field"><label class="label" for="{fid}">{esc(label)}</label>'
        f'<input type="{kind}" id="{fid}" name="{name}" autocomplete="{autocomplete}" '
        f'aria-required="true"{described}>{hint_html}'
        f'<div class="field-error" role="alert" data-error-for="{name}" hidden></div></div>'
    )


def _topic_html(w: dict[str, str], markup: str | None) -> str:
    """The question what the message is about: radios, a native list, a list that opens on a
    click (an ARIA combobox) or a row of buttons."""
    pairs = [(value, w[value]) for value in TOPICS]
    error = '<div class="field-error" role="alert" data-error-for="topic" hidden></div>'
    question = esc(w["question"])
    if markup == "select":
        options = '<option value="">—</option>' + "".join(
            f'<option value="{v}">{esc(text)}</option>' for v, text in pairs
        )
        return (
            f'<div class="field"><label class="label" for="wa-topic">{question}</label>'
            f'<select id="wa-topic" name="topic" aria-required="true">{options}</select>{error}</div>'
        )
    hidden = '<input type="hidden" name="topic" value="">'
    if markup == "combobox":
        options = "".join(
            f'<li role="option" aria-selected="false" data-value="{v}">{esc(text)}</li>' for v, text in pairs
        )
        return (
            f'<div class="field"><div class="label" id="wa-topic-label">{question}</div>'
            f'<div class="choice-combobox" data-choice-combobox>{hidden}'
            '<button type="button" id="wa-topic" class="btn secondary" role="combobox" '
            'aria-haspopup="listbox" aria-expanded="false" aria-controls="wa-topic-list" '
            'aria-labelledby="wa-topic-label">—</button>'
            '<ul id="wa-topic-list" role="listbox" aria-labelledby="wa-topic-label" '
            f'class="typeahead-list" hidden>{options}</ul></div>{error}</div>'
        )
    if markup == "buttons":
        buttons = "".join(
            f'<button type="button" class="btn secondary" aria-pressed="false" data-value="{v}">'
            f"{esc(text)}</button>"
            for v, text in pairs
        )
        return (
            f'<div class="field"><div class="label" id="wa-topic-label">{question}</div>'
            '<div role="group" class="choice-buttons" aria-labelledby="wa-topic-label" '
            f"data-choice-buttons>{hidden}{buttons}</div>{error}</div>"
        )
    radios = "".join(
        f'<div class="radio-option"><input type="radio" id="wa-topic-{v}" name="topic" value="{v}">'
        f'<label for="wa-topic-{v}">{esc(text)}</label></div>'
        for v, text in pairs
    )
    return (
        '<div class="field" role="radiogroup" aria-labelledby="wa-topic-label" aria-required="true">'
        f'<div class="label" id="wa-topic-label">{question}</div>{radios}{error}</div>'
    )


def _errors(values: dict[str, str], w: dict[str, str]) -> dict[str, str]:
    """What the page refuses, as WhatsApp's form would: no topic, no e-mail, a number without its
    country code, an empty message."""
    errors: dict[str, str] = {}
    if values.get("topic") not in TOPICS:
        errors["topic"] = w["err_topic"]
    email = values.get("email", "").strip()
    if "@" not in email or "." not in email.rsplit("@", 1)[-1]:
        errors["email"] = w["err_email"]
    if not _valid_phone(values.get("phone", "")):
        errors["phone"] = w["err_phone"]
    if not values.get("message", "").strip():
        errors["message"] = w["err_message"]
    return errors


def _valid_phone(value: str) -> bool:
    """A number in international format that libphonenumber knows (the page's own check, not
    objector's: the practice server judges what the engine typed on its own)."""
    import phonenumbers

    if not value.strip().startswith("+"):
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, None))
    except phonenumbers.NumberParseException:
        return False


def _submit(site: PracticeSite, req: Request) -> Response:
    config = site.config
    w = WORDS[config.language]
    values, _uploads = req.form()
    errors = _errors(values, w)
    if errors:
        site.state.add_rejected(
            {"form_id": FORM_ID, "host": WHATSAPP_HOST, "errors": errors, "at": time.time()}
        )
        return Response.json({"ok": False, "errors": errors})
    fields = {key: values.get(key, "") for key in ("topic", "email", "phone", "message")}
    site.state.add_submission(
        Submission(
            form_id=FORM_ID,
            host=WHATSAPP_HOST,
            language=config.language,
            user=None,  # the form has no login: nobody is known to the server
            fields=fields,
            confirmed=True,
            at=time.time(),
        )
    )
    done = (
        '<div class="confirmation" role="status"><div class="check-icon" aria-hidden="true">✓</div>'
        f'<h2 tabindex="-1">{esc(w["done_title"])}</h2>'
        f"<p>{esc(w['done_text'].format(email=fields['email']))}</p></div>"
    )
    return Response.json({"ok": True, "html": done})
