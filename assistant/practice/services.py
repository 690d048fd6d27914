"""The AI-training settings of services beyond Meta that the practice site replicates.

One frozen table, ``SETTINGS_SERVICES`` (service id -> ``SettingsService``), says for
each service where it lives (live hosts, login page, session cookie) and which
settings switch AI training off (live settings URL, wanted state, default state,
markup of the control). Pages, routes, tests, the demo and flow authors import it,
so the addresses and keys are written down once.

Service ids and setting keys (``wanted`` is the opted-out state; every setting is in
the other state by default):

service / key                   wanted  live settings URL
------------------------------  ------  ----------------------------------------------------------------
linkedin / ai-training          off     https://www.linkedin.com/mypreferences/d/settings/
                                        data-for-ai-improvement
x / grok-training               off     https://x.com/settings/grok_settings
google / gemini-activity        off     https://myactivity.google.com/product/gemini
microsoft / text-training       off     https://copilot.microsoft.com/settings/privacy
microsoft / voice-training      off     https://copilot.microsoft.com/settings/privacy
pinterest / canvas-training     off     https://www.pinterest.com/settings/privacy
quora / llm-training            off     https://www.quora.com/settings/privacy
tumblr / third-party-sharing    on      https://www.tumblr.com/settings/blog/{item} (per blog)
wordpress / third-party-sharing on      https://wordpress.com/settings/general/{item} (per site)
adobe / content-analysis        off     https://account.adobe.com/privacy
chatgpt / model-training        off     https://chatgpt.com/#settings/DataControls (a dialog)
claude / model-training         off     https://claude.ai/settings/data-privacy-controls
perplexity / ai-data            off     https://www.perplexity.ai/settings/preferences
lechat / model-training         off     https://chat.mistral.ai/settings/privacy

ChatGPT, Claude, Perplexity and Le Chat are single-page apps (``assistant_pages.py``).

Tumblr's and WordPress's settings are per blog / per site (``item``); their blogs
and sites are ``PracticeConfig.blogs``, listed at ``https://www.tumblr.com/settings/blogs``
and ``https://wordpress.com/sites``.

Logins (session cookie): LinkedIn ``/login`` (``li_at``); X ``/i/flow/login``, user
name then password inside one page (``auth_token``); Google
``accounts.google.com/v3/signin/identifier`` -> password page -> with
``PracticeConfig.security_check`` a 2-step code page (``SID``); Microsoft
``login.live.com/`` -> password page -> "Stay signed in?" (``MSPAuth``); Pinterest
``/login/`` (``_pinterest_sess``); Quora's home page ``/`` (``m-b``); Tumblr ``/login``
(``logged_in``); WordPress.com ``/log-in`` (``wordpress_logged_in``); Adobe
``auth.services.adobe.com/en_US/index.html``, e-mail then password inside one page
(``ims_sid``). Each ``Setting`` names its markup (``control``, ``naming``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import urlsplit

#: what the practice login pages' self-typing stand-in (``auto_login``) types as the user name
AUTO_LOGIN_USER = "practice"

#: markup kinds of the settings controls (how the state is exposed)
CONTROL_KINDS: tuple[str, ...] = (
    "switch-button",  # <button role=switch aria-checked>
    "checkbox",  # native <input type=checkbox>, checked
    "checkbox-switch",  # <input type=checkbox role=switch>, checked
    "pressed-button",  # <button aria-pressed> showing its state as text
    "div-switch",  # <div role=switch tabindex=0 aria-checked>
    "menu-dialog",  # state as text ("On"/"Off"), a "Turn off" button -> menu -> dialog
    "dialog-switch",  # a row showing "On"/"Off" opens a sub-dialog with the switch and "Done"
)


@dataclass(frozen=True)
class Setting:
    """One setting that decides whether a service may train AI on a person's data."""

    key: str
    url: str  # the live settings page; "{item}" stands for the blog/site
    wanted: str  # "off" or "on": the opted-out state
    default_on: bool  # the state a new account has
    control: str  # one of CONTROL_KINDS
    naming: str  # how the control gets its accessible name (for the record)
    label_key: str  # text key of the label in static/strings/settings.json

    @property
    def wanted_on(self) -> bool:
        return self.wanted == "on"

    @property
    def path(self) -> str:
        return urlsplit(self.url).path


@dataclass(frozen=True)
class SettingsService:
    """A service whose settings page the practice site replicates."""

    id: str
    name: str
    login_url: str  # live address of the (first) login page
    cookie: str  # the session cookie a login sets
    next_param: str  # the query parameter that says where a login goes back to
    save_path: str  # where the page POSTs a change (same host; "{item}" for the blog/site)
    settings: tuple[Setting, ...]
    extra_hosts: tuple[str, ...] = ()  # other live hosts (login host, help host)
    listing_url: str | None = None  # live address of the blog/site listing (per-item settings)
    items: str | None = None  # "blogs" or "sites" for per-item settings

    @property
    def settings_host(self) -> str:
        return urlsplit(self.settings[0].url).hostname or ""

    @property
    def login_host(self) -> str:
        return urlsplit(self.login_url).hostname or ""

    @property
    def login_path(self) -> str:
        return urlsplit(self.login_url).path or "/"

    @property
    def hosts(self) -> tuple[str, ...]:
        found = [self.settings_host, self.login_host, *self.extra_hosts]
        return tuple(dict.fromkeys(found))

    def setting(self, key: str) -> Setting:
        for setting in self.settings:
            if setting.key == key:
                return setting
        keys = ", ".join(s.key for s in self.settings)
        raise ValueError(f"{self.id} has no setting {key!r} (settings: {keys})")


_LINKEDIN_URL = "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"

#: the AI assistants that train on the person's own chats: single-page apps whose pages are
#: drawn by assistant_pages.py (addresses, logins and cookies from the live sites' public
#: behaviour, unverified; see the flows' comments)
ASSISTANT_SERVICES: tuple[SettingsService, ...] = (
    SettingsService(
        id="chatgpt",
        name="ChatGPT",
        login_url="https://auth.openai.com/log-in",
        cookie="__Secure-next-auth.session-token",
        next_param="next",
        save_path="/backend-api/settings/account_user_setting",
        settings=(
            Setting(
                "model-training",
                "https://chatgpt.com/#settings/DataControls",
                "off",
                True,
                "dialog-switch",
                "row button (text state) + switch in a sub-dialog with Done",
                "cg_label",
            ),
        ),
    ),
    SettingsService(
        id="claude",
        name="Claude",
        login_url="https://claude.ai/login",
        cookie="sessionKey",
        next_param="returnTo",
        save_path="/api/account/settings",
        settings=(
            Setting(
                "model-training",
                "https://claude.ai/settings/data-privacy-controls",
                "off",
                True,
                "switch-button",
                "aria-labelledby (placeholder first)",
                "cl_label",
            ),
        ),
    ),
    SettingsService(
        id="perplexity",
        name="Perplexity",
        login_url="https://www.perplexity.ai/auth/signin",
        cookie="__Secure-next-auth.session-token",
        next_param="callbackUrl",
        save_path="/rest/user/settings",
        settings=(
            Setting(
                "ai-data",
                "https://www.perplexity.ai/settings/preferences",
                "off",
                True,
                "checkbox-switch",
                "label-for (placeholder first)",
                "px_label",
            ),
        ),
    ),
    SettingsService(
        id="lechat",
        name="Le Chat",
        login_url="https://auth.mistral.ai/ui/login",
        cookie="ory_kratos_session",
        next_param="return_to",
        save_path="/api/trpc/user.updateSettings",
        settings=(
            Setting(
                "model-training",
                "https://chat.mistral.ai/settings/privacy",
                "off",
                True,
                "switch-button",
                "aria-label (placeholder first)",
                "lc_label",
            ),
        ),
        extra_hosts=("console.mistral.ai",),
    ),
)
#: their ids: their pages and routes are assistant_pages.py's
ASSISTANT_IDS: tuple[str, ...] = tuple(service.id for service in ASSISTANT_SERVICES)

SETTINGS_SERVICES: Mapping[str, SettingsService] = MappingProxyType(
    {
        service.id: service
        for service in (
            SettingsService(
                id="linkedin",
                name="LinkedIn",
                login_url="https://www.linkedin.com/login",
                cookie="li_at",
                next_param="session_redirect",
                save_path="/voyager/api/settings/dataForGenerativeAiImprovement",
                settings=(
                    Setting(
                        "ai-training",
                        _LINKEDIN_URL,
                        "off",
                        True,
                        "switch-button",
                        "aria-labelledby",
                        "li_label",
                    ),
                ),
            ),
            SettingsService(
                id="x",
                name="X",
                login_url="https://x.com/i/flow/login",
                cookie="auth_token",
                next_param="redirect_after_login",
                save_path="/i/api/1.1/account/settings.json",
                settings=(
                    Setting(
                        "grok-training",
                        "https://x.com/settings/grok_settings",
                        "off",
                        True,
                        "checkbox",
                        "label-for",
                        "x_label",
                    ),
                ),
            ),
            SettingsService(
                id="google",
                name="Google",
                login_url="https://accounts.google.com/v3/signin/identifier",
                cookie="SID",
                next_param="continue",
                save_path="/_/FootprintsMyactivityUi/data/batchexecute",
                settings=(
                    Setting(
                        "gemini-activity",
                        "https://myactivity.google.com/product/gemini",
                        "off",
                        True,
                        "menu-dialog",
                        "heading + text state",
                        "g_title",
                    ),
                ),
            ),
            SettingsService(
                id="microsoft",
                name="Microsoft Copilot",
                login_url="https://login.live.com/",
                cookie="MSPAuth",
                next_param="ru",
                save_path="/c/api/user/settings",
                settings=(
                    Setting(
                        "text-training",
                        "https://copilot.microsoft.com/settings/privacy",
                        "off",
                        True,
                        "switch-button",
                        "aria-label",
                        "ms_text",
                    ),
                    Setting(
                        "voice-training",
                        "https://copilot.microsoft.com/settings/privacy",
                        "off",
                        True,
                        "switch-button",
                        "aria-label",
                        "ms_voice",
                    ),
                ),
            ),
            SettingsService(
                id="pinterest",
                name="Pinterest",
                login_url="https://www.pinterest.com/login/",
                cookie="_pinterest_sess",
                next_param="next",
                save_path="/resource/UserSettingsResource/update/",
                settings=(
                    Setting(
                        "canvas-training",
                        "https://www.pinterest.com/settings/privacy",
                        "off",
                        True,
                        "checkbox-switch",
                        "wrapping label",
                        "pin_label",
                    ),
                ),
            ),
            SettingsService(
                id="quora",
                name="Quora",
                login_url="https://www.quora.com/",
                cookie="m-b",
                next_param="redirect_url",
                save_path="/graphql/gql_para_POST",
                settings=(
                    Setting(
                        "llm-training",
                        "https://www.quora.com/settings/privacy",
                        "off",
                        True,
                        "pressed-button",
                        "aria-labelledby + text state",
                        "q_label",
                    ),
                ),
            ),
            SettingsService(
                id="tumblr",
                name="Tumblr",
                login_url="https://www.tumblr.com/login",
                cookie="logged_in",
                next_param="redirect_to",
                save_path="/api/v2/blog/{item}/settings",
                settings=(
                    Setting(
                        "third-party-sharing",
                        "https://www.tumblr.com/settings/blog/{item}",
                        "on",
                        False,
                        "div-switch",
                        "aria-label",
                        "tb_label",
                    ),
                ),
                listing_url="https://www.tumblr.com/settings/blogs",
                items="blogs",
            ),
            SettingsService(
                id="wordpress",
                name="WordPress.com",
                login_url="https://wordpress.com/log-in",
                cookie="wordpress_logged_in",
                next_param="redirect_to",
                save_path="/wpcom/v2/sites/{item}/settings",
                settings=(
                    Setting(
                        "third-party-sharing",
                        "https://wordpress.com/settings/general/{item}",
                        "on",
                        False,
                        "checkbox",
                        "label-for",
                        "wp_label",
                    ),
                ),
                listing_url="https://wordpress.com/sites",
                items="sites",
            ),
            SettingsService(
                id="adobe",
                name="Adobe",
                login_url="https://auth.services.adobe.com/en_US/index.html",
                cookie="ims_sid",
                next_param="callback",
                save_path="/api/profile/privacy/preferences",
                settings=(
                    Setting(
                        "content-analysis",
                        "https://account.adobe.com/privacy",
                        "off",
                        True,
                        "checkbox-switch",
                        "aria-labelledby (heading) + text state",
                        "ad_title",
                    ),
                ),
            ),
            *ASSISTANT_SERVICES,
        )
    }
)

#: LinkedIn's "Data Processing Objection" form (object to / restrict processing)
LINKEDIN_OBJECTION_URL = "https://www.linkedin.com/help/linkedin/ask/TS-DPRO"
LINKEDIN_OBJECTION_ID = "TS-DPRO"

#: every live host of the settings services, one practice server each
SETTINGS_HOSTS: tuple[str, ...] = tuple(
    dict.fromkeys(host for service in SETTINGS_SERVICES.values() for host in service.hosts)
)

#: other spellings of those hosts that PracticeSite.url() accepts
SETTINGS_HOST_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "linkedin.com": "www.linkedin.com",
        "twitter.com": "x.com",
        "www.x.com": "x.com",
        "pinterest.com": "www.pinterest.com",
        "quora.com": "www.quora.com",
        "tumblr.com": "www.tumblr.com",
        "www.wordpress.com": "wordpress.com",
    }
)


def services_on(host: str) -> list[SettingsService]:
    """The services that use ``host`` (a login host can serve only one; settings hosts one each)."""
    return [service for service in SETTINGS_SERVICES.values() if host in service.hosts]


def service(service_id: str) -> SettingsService:
    try:
        return SETTINGS_SERVICES[service_id]
    except KeyError:
        known = ", ".join(SETTINGS_SERVICES)
        raise ValueError(f"no practice service {service_id!r} (services: {known})") from None


@dataclass(frozen=True)
class SettingChange:
    """One stored change of a practice setting (by the page, or by ``PracticeSite.set_setting``)."""

    service: str
    user: str
    key: str
    item: str | None
    on: bool
    at: float
    by: str = "page"  # "page": a POST from the settings page; "service": set_setting()
