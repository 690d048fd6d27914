"""Which contact forms exist, which fields each has (per drift variant), and validation.

The markup (``form_pages.py``) and the submit endpoint (``submit.py``) both work
from the same :class:`FormSpec`, so a field the page shows is a field the
server checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .config import OTHER_EMAIL, PRACTICE_EMAIL, PracticeConfig
from .countries import is_country
from .strings import Texts

IG_OBJECTION = "767264225370182"
FB_OBJECTION = "712876720715583"
FB_OBJECTION_2024 = "6359191084165019"
FB_THIRD_PARTY = "510058597920541"

SUBMIT_PATH = "/ajax/help/contact/submit/page"
MAX_UPLOAD_BYTES = 4 * 1024 * 1024
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".heif", ".heic", ".webp")
REQUEST_TYPES = ("access", "correct", "delete", "object")
ACCOUNT_CHOICES = ("own", "other")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)*\.[^@\s.]{2,}$")


@dataclass(frozen=True)
class FieldSpec:
    purpose: str  # key in Submission.fields
    name: str  # the input's name, Field<digits>
    # typeahead | country-select | email | reason | checkbox | account | radios | text
    # | textarea | file
    kind: str
    required: bool
    value: str = ""  # what the page prefills
    readonly: bool = False  # the page owns the value (a read-only box)
    maxlength: int | None = None  # the box's maxlength attribute
    counter: bool = False  # a visible "0/500" counter below the box
    limit: int | None = None  # the server refuses a longer value (characters as maxlength counts)


@dataclass(frozen=True)
class FormSpec:
    form_id: str
    host: str
    kind: str  # "objection" | "third_party"
    brand: str  # "Instagram" | "Facebook"
    variant: str | None
    fields: tuple[FieldSpec, ...]
    steps: str | None = None  # None | "same-page" | "navigate" (PracticeConfig.form_steps)
    markup: str | None = None  # the request type's markup (PracticeConfig.choice_markup)
    next_label: str = ""  # the words on the Next button of a form in steps
    next_link: bool = False  # that Next is a link styled as a button (PracticeConfig.next_as_link)

    def field(self, purpose: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.purpose == purpose), None)


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    size: int


# Field ids (digits) per form; "renamed" uses a second set, as a re-published form would.
_OBJECTION_IDS = {
    "Instagram": {
        None: {
            "country": "1320453931431581",
            "email": "1429473917298720",
            "reason": "1118927618459385",
            "confirm": "2254371998164327",
        },
        "renamed": {
            "country": "1776352097831740",
            "email": "2091730884534862",
            "reason": "1903846270318214",
            "confirm": "1688025430937615",
        },
    },
    "Facebook": {
        None: {
            "country": "2810572935822071",
            "email": "3045739284672108",
            "reason": "1508862935576312",
            "account": "1965047315842270",
        },
        "renamed": {
            "country": "3162458079135527",
            "email": "2438195607429416",
            "reason": "1347790264815923",
            "account": "2759301846627113",
        },
    },
}
_THIRD_PARTY_IDS = {
    "request_type": "1460393974583325",
    "country": "2204739146138820",
    "first_name": "1589620371937446",
    "last_name": "2971536648106294",
    "email": "1034582967813370",
    "prompts": "2647159023385712",
    "screenshot": "1873026459318654",
    "extra": "3098471256630958",
}

#: (live host, path) -> (form id, kind, brand)
FORM_PATHS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("help.instagram.com", f"/contact/{IG_OBJECTION}"): (IG_OBJECTION, "objection", "Instagram"),
    ("www.facebook.com", f"/help/contact/{FB_OBJECTION}"): (FB_OBJECTION, "objection", "Facebook"),
    ("www.facebook.com", f"/help/contact/{FB_OBJECTION_2024}"): (
        FB_OBJECTION_2024,
        "objection",
        "Facebook",
    ),
    ("www.facebook.com", f"/help/contact/{FB_THIRD_PARTY}"): (
        FB_THIRD_PARTY,
        "third_party",
        "Facebook",
    ),
}


def form_for_path(host: str, path: str) -> tuple[str, str, str] | None:
    return FORM_PATHS.get((host, path.rstrip("/") or "/"))


def form_by_id(host: str, form_id: str) -> tuple[str, str, str] | None:
    return next((v for (h, _), v in FORM_PATHS.items() if h == host and v[0] == form_id), None)


def build_spec(host: str, form_id: str, config: PracticeConfig) -> FormSpec | None:
    found = form_by_id(host, form_id)
    if found is None:
        return None
    _, kind, brand = found
    if kind == "third_party":
        ids = _THIRD_PARTY_IDS
        fields = (
            FieldSpec("request_type", f"Field{ids['request_type']}", "radios", True),
            FieldSpec("country", f"Field{ids['country']}", "country-select", True),
            FieldSpec("first_name", f"Field{ids['first_name']}", "text", True),
            FieldSpec("last_name", f"Field{ids['last_name']}", "text", True),
            _page_email(FieldSpec("email", f"Field{ids['email']}", "email", True), config),
            FieldSpec("prompts", f"Field{ids['prompts']}", "textarea", True),
            FieldSpec("screenshot", f"Field{ids['screenshot']}", "file", False),
            FieldSpec("extra", f"Field{ids['extra']}", "textarea", False),
        )
        return _in_steps(FormSpec(form_id, host, kind, brand, None, fields), config)

    variant = config.drift
    ids = _OBJECTION_IDS[brand]["renamed" if variant == "renamed" else None]
    country_kind = "typeahead" if brand == "Instagram" else "country-select"
    country = FieldSpec("country", f"Field{ids['country']}", country_kind, True)
    email = _page_email(FieldSpec("email", f"Field{ids['email']}", "email", True), config)
    reason = FieldSpec("reason", f"Field{ids['reason']}", "reason", config.reason_required)
    reason = _text_limits(reason, config)
    order = [email, reason, country] if variant == "renamed" else [country, email, reason]
    if not config.country_field:
        order.remove(country)
    if variant == "extra-field":
        if brand == "Instagram":
            order.append(FieldSpec("confirm", f"Field{ids['confirm']}", "checkbox", True))
        else:
            order.append(FieldSpec("account", f"Field{ids['account']}", "account", True))
    return _in_steps(FormSpec(form_id, host, kind, brand, variant, tuple(order)), config)


def _in_steps(spec: FormSpec, config: PracticeConfig) -> FormSpec:
    """The spec with the page's steps and choice markup (see ``form_steps.py``)."""
    from dataclasses import replace

    from .form_steps import next_label

    label = next_label(config, config.language) if config.form_steps else ""
    return replace(
        spec,
        steps=config.form_steps,
        markup=config.choice_markup,
        next_label=label,
        next_link=config.next_as_link and bool(config.form_steps),
    )


def _page_email(spec: FieldSpec, config: PracticeConfig) -> FieldSpec:
    """The e-mail box as ``readonly_email`` has it: prefilled by the page and read-only, or open."""
    if config.readonly_email is None:
        return spec
    value = PRACTICE_EMAIL if config.readonly_email == "same" else OTHER_EMAIL
    return replace(spec, value=value, readonly=True)


def _text_limits(spec: FieldSpec, config: PracticeConfig) -> FieldSpec:
    """The text box's limits: ``maxlength`` and a counter (``text_maxlength``), or only the
    server's refusal (``length_error``), or the 3000 a box has by default."""
    if config.text_maxlength is not None:
        limit = config.text_maxlength
        return replace(spec, maxlength=limit, counter=True, limit=limit)
    if config.length_error is not None:
        return replace(spec, limit=config.length_error)
    return replace(spec, maxlength=3000)


def _length(value: str) -> int:
    """Characters as the browser's maxlength counts them (UTF-16 code units)."""
    return len(value.encode("utf-16-le", "surrogatepass")) // 2


def _is_image(upload: Upload) -> bool:
    return upload.content_type.startswith("image/") or upload.filename.lower().endswith(IMAGE_EXTENSIONS)


def validate(
    spec: FormSpec,
    values: dict[str, str],
    uploads: dict[str, Upload],
    config: PracticeConfig,
    t: Texts,
) -> tuple[dict[str, str], dict[str, str]]:
    """Check posted values against the form; returns (fields by purpose, errors by input name)."""
    fields: dict[str, str] = {}
    errors: dict[str, str] = {}
    for f in spec.fields:
        raw = values.get(f.name, "")
        value = raw.strip()
        if f.kind in ("typeahead", "country-select"):
            code = values.get(f"{f.name}_iso2_country_code", "") if f.kind == "typeahead" else raw
            code = code.strip().upper()
            if is_country(code):
                fields["country"] = code
            else:
                errors[f.name] = t("err_country")
        elif f.kind == "email":
            if EMAIL_RE.match(value):
                fields["email"] = value
            else:
                errors[f.name] = t("err_email")
        elif f.kind == "reason":
            if config.reason_required and len(value) < 100:
                errors[f.name] = t("err_reason")
            elif f.limit is not None and _length(value) > f.limit:
                errors[f.name] = t("err_reason_long", limit=str(f.limit))
            fields["reason"] = value
        elif f.kind == "checkbox":
            if value.lower() in ("1", "on", "true", "yes"):
                fields[f.purpose] = "yes"
            else:
                errors[f.name] = t("err_confirm")
        elif f.kind == "account":
            if value in ACCOUNT_CHOICES:
                fields[f.purpose] = value
            else:
                errors[f.name] = t("err_account")
        elif f.kind == "radios":
            if value in REQUEST_TYPES:
                fields[f.purpose] = value
            else:
                errors[f.name] = t("tp_err_type")
        elif f.kind == "file":
            upload = uploads.get(f.name)
            if upload is None or not upload.filename:
                if f.required:
                    errors[f.name] = t("err_required")
            elif upload.size > MAX_UPLOAD_BYTES:
                errors[f.name] = t("tp_err_file_big")
            elif not _is_image(upload):
                errors[f.name] = t("tp_err_file_type")
            else:
                fields["screenshot_name"] = upload.filename
                fields["screenshot_size"] = str(upload.size)
        else:  # text, textarea
            if f.required and not value:
                errors[f.name] = t("err_required")
            elif value:
                fields[f.purpose] = value
    return fields, errors
