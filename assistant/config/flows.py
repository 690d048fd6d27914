"""Flow files: the schema (pydantic, unknown keys rejected) and the loader.

A flow describes one official form as data: where it lives, which hosts it may
act on, how to tell that the person is logged in, and an ordered list of steps
from a small vocabulary. Each step's target is a list of candidate locators
tried in order: role + accessible name, label, placeholder, visible text, and
CSS as a last resort. Names are regular expressions, matched case-insensitively,
with alternatives for every supported language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, get_args
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import UserError, shown
from ..i18n import N_, _
from .hosts import SiteMap

if TYPE_CHECKING:
    from ..engine.common import Said

FLOW_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{1,63}")  # always used with fullmatch

ValueKey = Literal[
    "email",
    "country",
    "text",
    "first_name",
    "last_name",
    "full_name",
    "prompts",
    "screenshot",
    "phone",
]
_LOCATOR_KINDS = ("role", "label", "placeholder", "text", "css")
# a flow is a form (one review_and_submit, then expect) or a setting flow (setting steps only)
_FORM_ONLY = ("review_and_submit", "expect", "code")


def _check_regex(value: str) -> str:
    if "\x00" in value:
        raise ValueError(_("contains a NUL character"))
    try:
        re.compile(value)
    except (re.error, OverflowError, RecursionError) as exc:
        raise ValueError(
            # TRANSLATORS: {error} is Python's own (English) description of the mistake
            _("'{value}' is not a valid regular expression ({error})").format(value=value, error=exc)
        ) from None
    if re.match(r"\(\?[aiLmsux]+[:)]", value):
        raise ValueError(_("write names without inline flags; matching is always case-insensitive"))
    return value


def _https(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        # TRANSLATORS: follows "field 'url': " (the subject is the address)
        raise ValueError(_("must be an https:// address of the official form"))
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise ValueError(_("must not carry a user name or password (user:password@); give the plain address"))
    try:
        port = parts.port
    except ValueError:
        raise ValueError(_("has a port that is not a number; give the plain address")) from None
    if port not in (None, 443):
        raise ValueError(
            _("uses port {port}; official forms are on the usual https port (leave the port out)").format(
                port=port
            )
        )
    return value


class Candidate(BaseModel):
    """One way to find an element; exactly one of role/label/placeholder/text/css."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: str | None = None
    name: str | None = None
    label: str | None = None
    placeholder: str | None = None
    text: str | None = None
    css: str | None = None

    @field_validator("name", "label", "placeholder", "text")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        return None if value is None else _check_regex(value)

    @model_validator(mode="after")
    def _one_kind(self) -> Candidate:
        kinds = [k for k in _LOCATOR_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(_("each candidate needs exactly one of role, label, placeholder, text or css"))
        if self.name is not None and self.role is None:
            raise ValueError(_("'name' goes with 'role'"))
        return self

    @property
    def kind(self) -> str:
        return next(k for k in _LOCATOR_KINDS if getattr(self, k) is not None)

    def describe(self) -> str:
        if self.role:
            return f"{self.role} named /{self.name}/" if self.name else self.role
        return f"{self.kind} /{getattr(self, self.kind)}/"


Target = list[Candidate]


class _Step(BaseModel):
    """What every step has. Each action is its own model below (``Step`` is their union, chosen by
    ``action``); ``target`` and ``value`` live here so code that walks all steps can read them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    optional: bool = False
    timeout: float | None = Field(None, gt=0, le=3600)
    describe: str | None = Field(None, description="the element in words, for guidance by hand")
    target: Target | None = None
    value: ValueKey | None = None

    #: whether a flow may mark this action optional
    can_be_optional: ClassVar[bool] = True

    @model_validator(mode="after")
    def _optional_allowed(self) -> _Step:
        if self.optional and not self.can_be_optional:
            raise ValueError(_("an '{action}' step cannot be optional").format(action=self.action_name))
        return self

    @property
    def action_name(self) -> str:
        return str(getattr(self, "action", "?"))

    @property
    def label(self) -> str:
        return f"{self.action_name}({self.value})" if self.value else self.action_name


class _Untargeted(_Step):
    can_be_optional: ClassVar[bool] = False

    @model_validator(mode="after")
    def _nothing_to_find(self) -> _Untargeted:
        for key in ("target", "value"):
            if getattr(self, key) is not None:
                raise ValueError(
                    _("an '{action}' step takes no '{key}'").format(action=self.action_name, key=key)
                )
        return self


class _Targeted(_Step):
    target: Target = Field(min_length=1)

    @model_validator(mode="after")
    def _no_value(self) -> _Targeted:
        if self.value is not None and not isinstance(self, (ChooseStep, FillStep, UploadStep)):
            raise ValueError(_("an '{action}' step takes no 'value'").format(action=self.action_name))
        return self


class OpenStep(_Untargeted):
    """Open the form's address."""

    action: Literal["open"]


class EnsureLoginStep(_Untargeted):
    """Wait until the person is logged in (they log in themselves)."""

    action: Literal["ensure_login"]


class DismissStep(_Targeted):
    """Close a dialog (cookies) with the button that declines the most."""

    action: Literal["dismiss"]


class WaitStep(_Targeted):
    """Wait until the form itself is on the page."""

    action: Literal["wait"]


class ChooseStep(_Targeted):
    """Answer a question: the country (``value``) or one of the ``option`` candidates."""

    action: Literal["choose"]
    value: Literal["country"] | None = None
    option: Target | None = Field(None, description="the option to pick (radio, menu item)")
    next: Target | None = Field(
        None, description="a Next/Continue button to press after choosing, when the page shows one"
    )

    @model_validator(mode="after")
    def _what_to_choose(self) -> ChooseStep:
        if self.value is None and not self.option:
            raise ValueError(_("a 'choose' step needs a 'value' (country) or an 'option' list"))
        return self


class CheckStep(_Targeted):
    """Tick a box."""

    action: Literal["check"]


class FillStep(_Targeted):
    """Type one of the account's values (or the objection text) into a box."""

    action: Literal["fill"]
    value: ValueKey


class UploadStep(_Targeted):
    """Attach the account's screenshot."""

    action: Literal["upload"]
    value: Literal["screenshot"]


class ReviewStep(_Targeted):
    """Show everything, ask the person, and send on their answer."""

    action: Literal["review_and_submit"]
    can_be_optional: ClassVar[bool] = False


class CodeStep(_Targeted):
    """The code the service e-mailed, typed into ``target`` and sent with ``submit``."""

    action: Literal["code"]
    submit: Target = Field(min_length=1, description="the button that sends the code")


class ExpectStep(_Targeted):
    """The page's confirmation."""

    action: Literal["expect"]
    can_be_optional: ClassVar[bool] = False


class SettingStep(_Targeted):
    """A switch to set to ``want``: read, asked, switched, read again after a reload."""

    action: Literal["setting"]
    want: Literal["off", "on"] = Field(description="the state the control should have")
    name: str | None = Field(
        None, min_length=2, max_length=120, description="the setting's name, for the review and record"
    )
    menu: Target | None = Field(
        None, description="the menu item to pick after clicking the control (never a 'delete' one)"
    )
    confirm: Target | None = Field(
        None, description="the confirming button of a dialog that may follow the change"
    )
    each: Target | None = Field(
        None, description="links to each item (blog, site) on the page; the control is set in each"
    )
    state_on: str | None = Field(None, description="regex for a state shown as text meaning on")
    state_off: str | None = Field(None, description="regex for a state shown as text meaning off")

    @field_validator("state_on", "state_off")
    @classmethod
    def _state_regex(cls, value: str | None) -> str | None:
        return None if value is None else _check_regex(value)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError(_("'name' is empty"))
        return value

    @property
    def label(self) -> str:
        return f"setting({self.name or self.describe or 'control'})"

    @property
    def setting_name(self) -> str:
        """What the person reads in the review and the record (as written: show it with ``flow_words``)."""
        return self.name or self.describe or N_("the setting")


STEP_MODELS: tuple[type[_Step], ...] = (
    OpenStep,
    EnsureLoginStep,
    DismissStep,
    WaitStep,
    ChooseStep,
    CheckStep,
    FillStep,
    UploadStep,
    ReviewStep,
    CodeStep,
    ExpectStep,
    SettingStep,
)
#: one step of a flow: the model of its ``action``
Step = Annotated[
    OpenStep
    | EnsureLoginStep
    | DismissStep
    | WaitStep
    | ChooseStep
    | CheckStep
    | FillStep
    | UploadStep
    | ReviewStep
    | CodeStep
    | ExpectStep
    | SettingStep,
    Field(discriminator="action"),
]
#: the action of each step model, and the model of each action
ACTIONS: dict[str, type[_Step]] = {
    get_args(model.model_fields["action"].annotation)[0]: model for model in STEP_MODELS
}


class LoginSpec(BaseModel):
    """How to tell whether the person is logged in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    cookies: list[str] = Field(default_factory=list)
    login_paths: list[str] = Field(default_factory=list, description="URL path regexes of login pages")
    checkpoint_paths: list[str] = Field(
        default_factory=list, description="URL path regexes of security checks (2FA, captcha)"
    )
    providers: list[str] = Field(
        default_factory=list,
        description="hosts of other companies' sign-in pages the service offers (Sign in with Google, "
        "Apple, Microsoft): there the person is still logging in; objector only waits, never acts there",
    )

    @field_validator("login_paths", "checkpoint_paths")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        return [_check_regex(v) for v in value]

    @field_validator("providers")
    @classmethod
    def _providers(cls, value: list[str]) -> list[str]:
        hosts = [h.strip().lower() for h in value]
        for host in hosts:
            if not host or "/" in host or ":" in host or "*" in host:
                raise ValueError(
                    _("'{host}' must be a plain host name like accounts.google.com").format(host=host)
                )
        return hosts


class Flow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str = Field(min_length=3, max_length=200)
    platform: str
    url: str
    alternative_urls: list[str] = Field(
        default_factory=list,
        description="other addresses of the same form, tried in order when `url` shows none",
    )
    allowed_hosts: list[str] = Field(min_length=1)
    submit_paths: list[str] = Field(
        default_factory=lambda: [r"^/ajax/help/contact/submit"],
        description="URL path regexes of the background request that sends the form",
    )
    login: LoginSpec = Field(
        default_factory=lambda: LoginSpec(url=""),
        description="how to tell that the person is logged in; left out for a form that does not "
        "check who you are (WhatsApp's): then the flow has no 'ensure_login' step",
    )
    text_max_length: int = Field(3000, ge=100, le=100_000)
    steps: list[Step] = Field(min_length=3)
    unofficial: bool = Field(False, description="acts on hosts that are not the service's own")

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not FLOW_ID_RE.fullmatch(value):
            # TRANSLATORS: follows "field 'id': " (a flow's id)
            raise ValueError(_("use lower-case letters, digits and - (for example instagram-ai-objection)"))
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return _https(value)

    @field_validator("alternative_urls")
    @classmethod
    def _urls(cls, value: list[str]) -> list[str]:
        return [_https(v) for v in value]

    @field_validator("submit_paths")
    @classmethod
    def _paths(cls, value: list[str]) -> list[str]:
        return [_check_regex(v) for v in value]

    @field_validator("allowed_hosts")
    @classmethod
    def _hosts(cls, value: list[str]) -> list[str]:
        hosts = [h.strip().lower() for h in value]
        for host in hosts:
            if not host or "/" in host or ":" in host or "*" in host:
                raise ValueError(
                    _("'{host}' must be a plain host name like help.instagram.com").format(host=host)
                )
        return hosts

    @model_validator(mode="after")
    def _coherent(self) -> Flow:
        for address in (self.url, *self.alternative_urls):
            host = urlsplit(address).hostname
            if host not in self.allowed_hosts:
                raise ValueError(_("allowed_hosts must include the form's own host {host}").format(host=host))
        actions = [s.action for s in self.steps]
        if actions[0] != "open":
            raise ValueError(_("the first step must be 'open'"))
        if actions.count("open") != 1:
            raise ValueError(_("a flow needs exactly one 'open' step"))
        if self.needs_login and actions.count("ensure_login") != 1:
            raise ValueError(_("a flow needs exactly one 'ensure_login' step"))
        if not self.needs_login and "ensure_login" in actions:
            raise ValueError(
                _("an 'ensure_login' step needs a [login] table (how to tell you are logged in)")
            )
        if not self.needs_login and "setting" in actions:
            raise ValueError(
                _("a flow with 'setting' steps needs a [login] table and an 'ensure_login' step")
            )
        if "setting" in actions:
            form_steps = sorted({a for a in actions if a in _FORM_ONLY})
            if form_steps:
                raise ValueError(
                    _(
                        "a flow with 'setting' steps switches settings and sends no form: remove its "
                        "'{action}' step (or make two flows)"
                    ).format(action=form_steps[0])
                )
            if actions.index("setting") < actions.index("ensure_login"):
                raise ValueError(_("'setting' steps come after 'ensure_login'"))
            return self
        if actions.count("review_and_submit") != 1:
            raise ValueError(
                _(
                    "a flow needs exactly one 'review_and_submit' step "
                    "(or 'setting' steps, for a setting flow)"
                )
            )
        submit_at = actions.index("review_and_submit")
        if "expect" not in actions[submit_at:]:
            raise ValueError(_("an 'expect' step (the confirmation) must follow 'review_and_submit'"))
        if "code" in actions and actions.index("code") < submit_at:
            raise ValueError(_("the 'code' step must come after 'review_and_submit'"))
        return self

    @property
    def needs_login(self) -> bool:
        """Does the form know who you are (a [login] table)? WhatsApp's form does not: anyone may
        send it, and the answer comes by e-mail."""
        return "login" in self.model_fields_set

    @property
    def kind(self) -> Literal["form", "setting"]:
        """A *form* flow sends one form (review_and_submit + expect); a *setting* flow switches settings."""
        return "setting" if any(s.action == "setting" for s in self.steps) else "form"

    @property
    def urls(self) -> list[str]:
        """The form's addresses, the usual one first."""
        return [self.url, *self.alternative_urls]

    @property
    def submit_step(self) -> Step | None:
        """The Send step of a form flow (None for a setting flow)."""
        return next((s for s in self.steps if s.action == "review_and_submit"), None)

    def after_submit(self, action: str) -> Step | None:
        seen = False
        for step in self.steps:
            seen = seen or step.action == "review_and_submit"
            if seen and step.action == action:
                return step
        return None


@dataclass(frozen=True)
class LoadedFlow:
    flow: Flow
    path: Path
    source: Literal["bundled", "user"]
    overrides: Path | None = None  # the bundled file a user file replaces


def load_flow_file(path: Path) -> Flow:
    """One flow file: a regular file of bounded size, valid TOML of sane depth, valid schema.

    A file read before in this process and not changed since (same size and modification time)
    is not read and checked again: a flow is immutable once loaded.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise UserError(_("{path}: no such flow file.").format(path=path)) from None
    return _load_flow_file(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _load_flow_file(path: Path, _size: int, _mtime_ns: int) -> Flow:
    from ..storage import parse_toml, read_bounded

    try:
        data = parse_toml(path, read_bounded(path))
    except FileNotFoundError:
        raise UserError(_("{path}: no such flow file.").format(path=path)) from None
    try:
        return Flow.model_validate(data)
    except ValidationError as exc:
        # TRANSLATORS: {path} is a flow file, {problem} a sentence about what is wrong in it
        raise UserError(_("{path}: {problem}").format(path=path, problem=_describe(exc, data))) from None
    except RecursionError:
        raise UserError(_("{path}: nested too deeply to be a flow file.").format(path=path)) from None


def _describe(exc: ValidationError, data: dict) -> str:
    """The first problem of a flow file in one line: the step, its action, the field, what is wrong."""
    return _printable(_first_problem(exc, data))


def _first_problem(exc: ValidationError, data: dict) -> str:
    err = exc.errors()[0]
    loc = list(err["loc"])
    where = step_no = ""
    action = "?"
    if loc[:1] == ["steps"] and len(loc) > 1 and isinstance(loc[1], int):
        index = loc[1]
        steps = data.get("steps") or []
        step = steps[index] if index < len(steps) and isinstance(steps[index], dict) else {}
        action = str(step.get("action", "?"))
        label = action if action.isprintable() and 0 < len(action) <= 40 else shown(action, 40)
        # TRANSLATORS: where in a flow file a problem is: the step's position
        step_no = _("step {number}").format(number=index + 1)
        # TRANSLATORS: where in a flow file a problem is: the step's position and its action (an id)
        where = _("step {number} ({action})").format(number=index + 1, action=label)
        loc = loc[2:]
        if loc[:1] == [action]:  # the union's tag: which action's model answered
            loc = loc[1:]
    field = ".".join(str(p) for p in loc)
    message = err["msg"].removeprefix("Value error, ")
    if err["type"] == "union_tag_invalid":
        if step_no:
            return _("{step}: {action} is not an action; use one of {actions}.").format(
                step=step_no, action=shown(action, 40), actions=", ".join(ACTIONS)
            )
        return _("flow: {action} is not an action; use one of {actions}.").format(
            action=shown(action, 40), actions=", ".join(ACTIONS)
        )
    if err["type"] == "extra_forbidden":
        taken = _not_for_this_action(field, action) if where else None
        if taken is not None:
            return _("{where}: {problem}.").format(where=where, problem=taken)
        # TRANSLATORS: follows "field 'xyz': " (a key the flow file may not have)
        message = _("unknown key")
    elif err["type"] == "missing":
        if where and len(loc) == 1:
            if field == "target":
                return _("{where}: a '{action}' step needs a 'target' list.").format(
                    where=where, action=action
                )
            return _("{where}: a '{action}' step needs '{field}'.").format(
                where=where, action=action, field=field
            )
        # TRANSLATORS: follows "field 'xyz': "
        message = _("is missing")
    if where and field:
        return _("{where}, field '{field}': {problem}.").format(where=where, field=field, problem=message)
    if where:
        return _("{where}: {problem}.").format(where=where, problem=message)
    if field:
        return _("field '{field}': {problem}.").format(field=field, problem=message)
    return _("flow: {problem}.").format(problem=message)


def _printable(text: str) -> str:
    """``text`` with control characters escaped (a key or value from the file may hold any)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _not_for_this_action(key: str, action: str) -> str | None:
    """ "only a 'choose' step takes 'option'" for a key another action has; None for an unknown key."""
    takers = [name for name, model in ACTIONS.items() if key in model.model_fields and name != action]
    if not takers:
        return None
    if len(takers) == 1:
        return _("only a '{action}' step takes '{key}'").format(action=takers[0], key=key)
    return _("an '{action}' step takes no '{key}'").format(action=action, key=key)


#: the words every record, table and report uses for a form outside the service's official hosts
# TRANSLATORS: {service} is the name of a service, like Instagram
UNOFFICIAL_LABEL = N_("not an official form of {service}")


def flow_words(text: str | None) -> str:
    """A flow file's words for the person (its title, a step's ``describe``, a setting's name) in the
    person's language: the catalogue's translation when it has one (``scripts/i18n extract`` collects
    them from flows/*.toml), else as written, so a person's own flow file shows its own words. Only
    for what is shown: records keep the words as written."""
    return _(text) if text else (text or "")


def flow_said(text: str | None) -> Said | str:
    """A flow file's words as a ``Said`` (a value of another ``Said``): as written in the record,
    in the person's language when shown (``flow_words``). An empty text (or none) is ""."""
    if not text:
        return text or ""
    from ..engine.common import Said

    return Said(text)


def unofficial_label(service: str, *, translated: bool = True) -> str:
    """The words every record, table and report uses for a form outside the service's official hosts
    (``translated=False``: in English, for what is kept as proof)."""
    return (_(UNOFFICIAL_LABEL) if translated else UNOFFICIAL_LABEL).format(service=service.title())


def flow_hosts(flow: Flow) -> set[str]:
    """Every host a flow opens or acts on: its allowed hosts, the form's and the login page's."""
    pages = (*flow.urls, flow.login.url)
    return {
        *(h.lower() for h in flow.allowed_hosts),
        *((urlsplit(u).hostname or "").lower() for u in pages if u),
    }


def official_hosts(bundled: dict[str, LoadedFlow]) -> dict[str, set[str]]:
    """Per service (platform), every host the bundled flows act on: the official ones."""
    found: dict[str, set[str]] = {}
    for loaded in bundled.values():
        found.setdefault(loaded.flow.platform, set()).update(flow_hosts(loaded.flow))
    return found


def _check_official(path: Path, flow: Flow, official: dict[str, set[str]]) -> None:
    """A user flow that acts on other hosts than its service's own must say so (``unofficial = true``).

    Look-alike pages of Meta's forms exist; a flow file pointing at one must
    never pass for the real thing without the person having written that down.
    """
    strange = sorted(flow_hosts(flow) - official.get(flow.platform, set()))
    if strange and not flow.unofficial:
        known = ", ".join(sorted(official.get(flow.platform, ())))
        if not known:
            raise UserError(
                _(
                    "{path}: {hosts} is not an official host of {platform} (official: none); "
                    "if you really mean to use this form, add 'unofficial = true' to the file, "
                    "and every record will say it is not an official form."
                ).format(path=path, hosts=", ".join(strange), platform=flow.platform)
            )
        raise UserError(
            _(
                "{path}: {hosts} is not an official host of {platform} (official: {official}); "
                "if you really mean to use this form, add 'unofficial = true' to the file, "
                "and every record will say it is not an official form."
            ).format(path=path, hosts=", ".join(strange), platform=flow.platform, official=known)
        )


def unofficial_service(flow: Flow, sites: SiteMap) -> str | None:
    """The service whose form this is *not* an official one of, or None for an official form.

    A flow marked ``unofficial`` is one; so is any flow whose hosts the site map
    sends to another computer (a map to this computer is the practice site).
    Raises UserError when the site map sends an official flow elsewhere.
    """
    remote = sorted(h for h in flow_hosts(flow) if sites.sends_away(h))
    if remote and not flow.unofficial:
        raise UserError(
            # TRANSLATORS: {host} is a host name, {target} the address it is sent to, {flow} a flow id
            _(
                "OBJECTOR_SITE_MAP sends {host} to {target}, which is not this "
                "computer; flow {flow} may go there only from a flow file of your own with "
                "'unofficial = true'."
            ).format(host=remote[0], target=sites.targets[remote[0]], flow=flow.id)
        )
    return flow.platform if flow.unofficial else None


def bundled_flow_dir() -> Path:
    return Path(str(resources.files("objector_flows")))


def load_flows(user_dir: Path | None = None) -> dict[str, LoadedFlow]:
    """Every flow by id: the bundled ones, replaced by user files with the same id."""
    flows: dict[str, LoadedFlow] = {}
    for path in sorted(bundled_flow_dir().glob("*.toml")):
        flow = load_flow_file(path)
        flows[flow.id] = LoadedFlow(flow, path, "bundled")
    if user_dir is not None and user_dir.is_dir():
        seen: dict[str, Path] = {}
        official = official_hosts(flows)
        for path in sorted(user_dir.glob("*.toml")):
            flow = load_flow_file(path)
            _check_official(path, flow, official)
            if flow.id in seen:
                raise UserError(
                    _("{path}: flow id '{flow}' is also used by {other}.").format(
                        path=path, flow=flow.id, other=seen[flow.id]
                    )
                )
            seen[flow.id] = path
            bundled = flows.get(flow.id)
            flows[flow.id] = LoadedFlow(flow, path, "user", bundled.path if bundled else None)
    return flows
