"""Page chrome in languages no flow names, and a site-wide alert banner: noise around the form.

Real help centres and settings pages wrap the part a flow cares about in a site header, a
search box, a language menu, a footer and now and then a banner about maintenance. Those words
come in whatever language the site is set to, which need not be the form's. The behaviours here
put such chrome on every HTML page of the practice site, in any of the 24 official EU languages
or Norwegian or Icelandic, so that a drawn page tries whether objector mistakes any of it for
the form (a search box is not the text box; a language menu is not the country; an alert about
maintenance is not the answer to Send).

``chrome_language``
    None (default: no chrome) or one of ``CHROME_LANGUAGES``: a navigation bar with a search
    box and a footer with a language menu, both marked ``data-practice-guard="chrome"`` so that
    typing into them or changing them is reported to the server (``PracticeSite.touched``).
``alert_banner``
    None, ``static`` (a ``role=alert`` banner about maintenance, there from the start) or
    ``late`` (the same banner drawn 0.8 s after the page loaded).
"""

from __future__ import annotations

from html import escape

#: language -> (help, privacy, terms, search placeholder, banner, language menu label)
CHROME_TEXTS: dict[str, tuple[str, str, str, str, str, str]] = {
    "bg": (
        "Помощ",
        "Поверителност",
        "Условия",
        "Търсене в помощния център",
        "Обновяваме системите си. Някои страници може да се зареждат бавно.",
        "Език",
    ),
    "cs": (
        "Nápověda",
        "Soukromí",
        "Podmínky",
        "Hledat v centru nápovědy",
        "Aktualizujeme naše systémy. Některé stránky se mohou načítat pomaleji.",
        "Jazyk",
    ),
    "da": (
        "Hjælp",
        "Privatliv",
        "Vilkår",
        "Søg i Hjælpecenter",
        "Vi opdaterer vores systemer. Nogle sider kan indlæses langsomt.",
        "Sprog",
    ),
    "de": (
        "Hilfe",
        "Datenschutz",
        "Nutzungsbedingungen",
        "Im Hilfebereich suchen",
        "Wir aktualisieren unsere Systeme. Einige Seiten laden möglicherweise langsam.",
        "Sprache",
    ),
    "el": (
        "Βοήθεια",
        "Απόρρητο",
        "Όροι",
        "Αναζήτηση στο Κέντρο βοήθειας",
        "Ενημερώνουμε τα συστήματά μας. Ορισμένες σελίδες ενδέχεται να φορτώνουν αργά.",
        "Γλώσσα",
    ),
    "en": (
        "Help",
        "Privacy",
        "Terms",
        "Search the Help Centre",
        "We are updating our systems. Some pages may load slowly.",
        "Language",
    ),
    "es": (
        "Ayuda",
        "Privacidad",
        "Condiciones",
        "Buscar en el servicio de ayuda",
        "Estamos actualizando nuestros sistemas. Algunas páginas pueden tardar en cargar.",
        "Idioma",
    ),
    "et": (
        "Abi",
        "Privaatsus",
        "Tingimused",
        "Otsi abikeskusest",
        "Uuendame oma süsteeme. Mõned lehed võivad laadida aeglaselt.",
        "Keel",
    ),
    "fi": (
        "Ohje",
        "Tietosuoja",
        "Ehdot",
        "Hae ohjekeskuksesta",
        "Päivitämme järjestelmiämme. Jotkin sivut voivat latautua hitaasti.",
        "Kieli",
    ),
    "fr": (
        "Aide",
        "Confidentialité",
        "Conditions",
        "Rechercher dans l’Espace d’aide",
        "Nous mettons à jour nos systèmes. Certaines pages peuvent se charger lentement.",
        "Langue",
    ),
    "ga": (
        "Cabhair",
        "Príobháideachas",
        "Téarmaí",
        "Cuardaigh an tIonad Cabhrach",
        "Táimid ag nuashonrú ár gcóras. D’fhéadfadh roinnt leathanach a bheith mall ag lódáil.",
        "Teanga",
    ),
    "hr": (
        "Pomoć",
        "Privatnost",
        "Uvjeti",
        "Pretraži centar za pomoć",
        "Ažuriramo sustave. Neke se stranice mogu sporije učitavati.",
        "Jezik",
    ),
    "hu": (
        "Súgó",
        "Adatvédelem",
        "Feltételek",
        "Keresés a Súgóközpontban",
        "Frissítjük rendszereinket. Egyes oldalak lassabban töltődhetnek be.",
        "Nyelv",
    ),
    "is": (
        "Hjálp",
        "Persónuvernd",
        "Skilmálar",
        "Leita í hjálparmiðstöðinni",
        "Við erum að uppfæra kerfin okkar. Sumar síður gætu hlaðist hægt.",
        "Tungumál",
    ),
    "it": (
        "Assistenza",
        "Privacy",
        "Condizioni",
        "Cerca nel Centro assistenza",
        "Stiamo aggiornando i nostri sistemi. Alcune pagine potrebbero caricarsi lentamente.",
        "Lingua",
    ),
    "lt": (
        "Pagalba",
        "Privatumas",
        "Sąlygos",
        "Ieškoti pagalbos centre",
        "Atnaujiname savo sistemas. Kai kurie puslapiai gali būti įkeliami lėtai.",
        "Kalba",
    ),
    "lv": (
        "Palīdzība",
        "Privātums",
        "Noteikumi",
        "Meklēt palīdzības centrā",
        "Mēs atjauninām savas sistēmas. Dažas lapas var ielādēties lēni.",
        "Valoda",
    ),
    "mt": (
        "Għajnuna",
        "Privatezza",
        "Termini",
        "Fittex fiċ-Ċentru tal-Għajnuna",
        "Qed naġġornaw is-sistemi tagħna. Xi paġni jistgħu jitgħabbew bil-mod.",
        "Lingwa",
    ),
    "nl": (
        "Help",
        "Privacy",
        "Voorwaarden",
        "Zoeken in het Helpcentrum",
        "We werken onze systemen bij. Sommige pagina's laden mogelijk traag.",
        "Taal",
    ),
    "no": (
        "Hjelp",
        "Personvern",
        "Vilkår",
        "Søk i brukerstøtten",
        "Vi oppdaterer systemene våre. Noen sider kan lastes inn sakte.",
        "Språk",
    ),
    "pl": (
        "Pomoc",
        "Prywatność",
        "Warunki",
        "Szukaj w Centrum pomocy",
        "Aktualizujemy nasze systemy. Niektóre strony mogą ładować się wolniej.",
        "Język",
    ),
    "pt": (
        "Ajuda",
        "Privacidade",
        "Termos",
        "Pesquisar na Central de Ajuda",
        "Estamos a atualizar os nossos sistemas. Algumas páginas podem carregar lentamente.",
        "Idioma",
    ),
    "ro": (
        "Ajutor",
        "Confidențialitate",
        "Termeni",
        "Caută în Centrul de ajutor",
        "Ne actualizăm sistemele. Unele pagini se pot încărca mai lent.",
        "Limbă",
    ),
    "sk": (
        "Pomocník",
        "Súkromie",
        "Podmienky",
        "Hľadať v centre pomoci",
        "Aktualizujeme naše systémy. Niektoré stránky sa môžu načítavať pomalšie.",
        "Jazyk",
    ),
    "sl": (
        "Pomoč",
        "Zasebnost",
        "Pogoji",
        "Iskanje v centru za pomoč",
        "Posodabljamo naše sisteme. Nekatere strani se morda nalagajo počasi.",
        "Jezik",
    ),
    "sv": (
        "Hjälp",
        "Integritet",
        "Villkor",
        "Sök i hjälpcentret",
        "Vi uppdaterar våra system. Vissa sidor kan laddas långsamt.",
        "Språk",
    ),
}

CHROME_LANGUAGES: tuple[str, ...] = tuple(sorted(CHROME_TEXTS))
ALERT_BANNERS: tuple[str, ...] = ("static", "late")

_GUARD = 'data-practice-guard="chrome"'
_STYLE = (
    "<style>.practice-chrome{display:flex;gap:16px;align-items:center;padding:6px 16px;"
    "background:#f0f2f5;font:13px sans-serif}.practice-chrome input{flex:0 1 260px}"
    ".practice-banner{padding:8px 16px;background:#fff4ce;border-bottom:1px solid #e0c060;"
    "font:14px sans-serif}.practice-footer{padding:12px 16px;font:12px sans-serif;color:#65676b}</style>"
)


def _banner(text: str, kind: str | None) -> str:
    if kind is None:
        return ""
    block = f'<div class="practice-banner" role="alert">{escape(text)}</div>'
    if kind == "static":
        return block
    # drawn after the page has loaded, as a site-wide notice fetched by the page often is
    return (
        "<script>setTimeout(function(){var d=document.createElement('div');d.innerHTML="
        f"{_js_string(block)};document.body.insertBefore(d.firstChild,document.body.firstChild);"
        "},800);</script>"
    )


def _js_string(text: str) -> str:
    import json

    return json.dumps(text).replace("</", "<\\/")


def _nav(texts: tuple[str, str, str, str, str, str]) -> str:
    help_, privacy, terms, search, _banner_text, _language = texts
    return (
        f'<nav class="practice-chrome" aria-label="{escape(help_)}">'
        f'<a href="/">{escape(help_)}</a><a href="/">{escape(privacy)}</a><a href="/">{escape(terms)}</a>'
        f'<input type="search" name="q" {_GUARD} placeholder="{escape(search)}" '
        f'aria-label="{escape(search)}"></nav>'
    )


def _footer(language: str, texts: tuple[str, str, str, str, str, str]) -> str:
    options = "".join(
        f'<option value="{code}"{" selected" if code == language else ""}>{code.upper()}</option>'
        for code in CHROME_LANGUAGES
    )
    label = escape(texts[5])
    return (
        f'<footer class="practice-footer"><label>{label} '
        f'<select name="site_language" {_GUARD}>{options}</select></label></footer>'
    )


def decorate(html: bytes, language: str | None, banner: str | None) -> bytes:
    """``html`` with the chrome of ``language`` and the ``banner`` (both may be None: unchanged)."""
    if language is None and banner is None:
        return html
    text = html.decode("utf-8")
    open_at = text.find("<body")
    close_at = text.rfind("</body>")
    if open_at < 0 or close_at < 0:
        return html
    body_start = text.index(">", open_at) + 1
    texts = CHROME_TEXTS[language or "en"]
    top = _STYLE + _banner(texts[4], banner) + (_nav(texts) if language else "")
    bottom = _footer(language, texts) if language else ""
    return (text[:body_start] + top + text[body_start:close_at] + bottom + text[close_at:]).encode("utf-8")
