"""Reading a setting as a person does, switching the right control, and saving it the way the page
saves it — in real Chromium, judged by the practice server's own state (``PracticeSite.setting``,
``setting_changes``), never by what objector says.

The practice settings pages are switched into the behaviours real pages show: a greyed-out
placeholder in the wrong state before the real switch (``setting_first_paint``), a request that
never ends (``setting_long_poll``), a card whose switches share one row (``setting_markup =
"shared-card"``), switches of real component libraries (Material Web's ``md-switch``, Radix,
Headless UI), a page-level Save button or save bar (``setting_save``). A small fixture corpus
then states, page by page, which control the reader must take and what state it must read.
"""

from __future__ import annotations

import types

import pytest
from practice_helpers import account, run_practice

from assistant.config.flows import load_flows
from assistant.practice import PracticeConfig, PracticeSite
from assistant.practice.services import AUTO_LOGIN_USER
from assistant.practice.settings_pages import NEIGHBOUR_KEY

pytestmark = pytest.mark.browser

QUICK = {"setting_paint_delay": 0.5}
#: long enough for the placeholder to be what the page shows when the flow reaches the setting
PLACEHOLDER = {"setting_first_paint": "placeholder", "setting_paint_delay": 1.2}


@pytest.fixture(scope="module")
def running_site():
    with PracticeSite(PracticeConfig()) as site:
        yield site


@pytest.fixture
def site(running_site):
    running_site.reset()
    return running_site


def _configure(site: PracticeSite, **behaviours: object) -> PracticeSite:
    site.config = PracticeConfig(**{**QUICK, **behaviours})  # type: ignore[arg-type]
    return site


def _run(home, site, platform: str, answers: list, **options: object):
    return run_practice(
        home, site, [account(f"anna-{platform}", platform)], answers, logged_in=True, **options
    )


def _is_on(site: PracticeSite, service: str, key: str) -> bool:
    return site.setting(service, AUTO_LOGIN_USER, key)


def _neighbour_changes(site: PracticeSite) -> list:
    return [c for c in site.state.setting_changes if c.key == NEIGHBOUR_KEY]


def _entry(result) -> dict:
    (record,) = result.records()
    (entry,) = [e for e in record["settings"] if e["result"] != "absent"]
    return entry


# ------------------------------------------------------------------ 1. a settled page


def test_a_placeholder_in_the_wrong_state_is_not_taken_for_the_setting(home, site):
    """The page first draws a disabled switch showing OFF, then the real one (ON): objector waits
    for the real one, asks ON → OFF and the server ends OFF (it read "already off" before)."""
    _configure(site, **PLACEHOLDER)
    result = _run(home, site, "linkedin", ["y"])
    assert _is_on(site, "linkedin", "ai-training") is False
    entry = _entry(result)
    assert (entry["before"], entry["result"], entry["after_reload"]) == ("on", "changed", "off")
    assert result.human.setting_reviews[0].change == "ON → OFF"


def test_already_off_is_recorded_only_when_a_reload_agrees(home, site):
    """Already OFF, behind a placeholder showing ON: nothing is asked or switched, and the record
    says so only after a second reading on a fresh load."""
    _configure(site, **PLACEHOLDER, setting_already=True)
    result = _run(home, site, "linkedin", ["y"])
    assert result.human.asked == [] and site.state.setting_changes == []
    entry = _entry(result)
    assert (entry["before"], entry["after_reload"], entry["result"]) == ("off", "off", "already-off")
    assert "read again after a reload" in result.output
    (record,) = result.records()
    assert {"setting-1-before.png", "setting-1-after.png"} <= set(record["files"])  # both readings


def test_a_recheck_does_not_take_a_placeholder_for_a_setting_turned_back(home, site):
    _configure(site, **PLACEHOLDER, setting_already=True)
    result = _run(home, site, "linkedin", [], recheck=True)
    (record,) = result.records()
    assert record["outcome"] == "still-set" and record["settings"][0]["before"] == "off"


def test_a_request_that_never_ends_does_not_hold_the_run(home, site):
    """The page keeps a background request open (long polling), opened again after a change: the
    change's own request is waited for, not that one."""
    _configure(site, setting_long_poll=30.0)
    result = _run(home, site, "linkedin", ["y"])
    assert _is_on(site, "linkedin", "ai-training") is False
    assert _entry(result)["result"] == "changed"
    assert "still busy" not in result.output


# ------------------------------------------------------------------ 2. the right control, read the right way


def _person_uses(runs, *places: int):
    """The person, asked to switch it by hand: clicks the card's switches at ``places`` in turn."""

    def switch() -> str:
        for place in places:
            runs[-1].page.get_by_role("switch").nth(place).click()
            runs[-1].page.wait_for_timeout(300)
        return ""

    return switch


def test_a_card_with_several_switches_is_left_to_the_person_and_read_from_their_switch(home, site, runs):
    """Two switches named alike in one card with no row each, the target second: objector does
    not take the first one near the words; it asks the person, who switches the right one. After a
    reload it reads the switch they used (the second of the two), so the change is confirmed."""
    _configure(site, setting_markup="shared-card")
    result = _run(home, site, "pinterest", [_person_uses(runs, 1)], observer=runs)
    assert result.human.setting_reviews == [] and result.human.asked[0].startswith("guide:")
    assert _neighbour_changes(site) == []
    assert _is_on(site, "pinterest", "canvas-training") is False
    entry = _entry(result)
    assert entry["result"] == "by-hand" and "more than one switch" in entry["why"]
    assert (entry["control"], entry["chosen"], entry["after_reload"]) == ("yours", 2, "off")
    (record,) = result.records()
    assert record["outcome"] == "confirmed"
    assert "read from the switch you used" in result.output


def test_of_several_switches_the_one_whose_own_label_the_flow_names_is_switched(home, site):
    """Found by a drawn page (seed 88078): LinkedIn's switches drawn by Material Web, each in its
    own <label> row under a heading that repeats the setting's name. The heading was found first and
    the card above it holds two switches, so objector asked the person although the flow's own
    words name the second row's label and not the neighbour's. Now that one is switched."""
    _configure(site, setting_markup="md-switch")
    result = _run(home, site, "linkedin", ["y"])
    assert _is_on(site, "linkedin", "ai-training") is False and _neighbour_changes(site) == []
    entry = _entry(result)
    assert (entry["control"], entry["result"], entry["after_reload"]) == ("named", "changed", "off")
    assert result.human.setting_reviews[0].change == "ON → OFF"


def test_a_card_drawn_first_as_placeholders_is_read_from_the_real_switch_the_person_used(home, site, runs):
    """Found by a drawn page (seed 77005): the card's switches are first drawn as disabled
    placeholders; objector asked the person at once and noted the placeholders as the candidates,
    so the real switch the person then used was none of them, and the state stayed unknown. The
    candidates are now the switches the page draws once they can be used."""
    _configure(site, setting_markup="shared-card", **PLACEHOLDER)
    result = _run(home, site, "pinterest", [_person_uses(runs, 1)], observer=runs)
    assert _is_on(site, "pinterest", "canvas-training") is False and _neighbour_changes(site) == []
    entry = _entry(result)
    assert (entry["control"], entry["chosen"], entry["after_reload"]) == ("yours", 2, "off")
    assert result.records()[0]["outcome"] == "confirmed"


def test_a_recheck_reads_the_switch_the_person_used_last_time(home, site, runs):
    """After the person switched the second of the card's switches by hand, a re-check reads that
    one (it cannot tell them apart either): still OFF, then ON again once the service turned it
    back — never the neighbour, which stays ON all along."""
    _configure(site, setting_markup="shared-card")
    _run(home, site, "pinterest", [_person_uses(runs, 1)], observer=runs)
    for state, outcome in (("off", "still-set"), ("on", "turned-back")):
        if state == "on":  # the service turned it back on
            site.set_setting("pinterest", AUTO_LOGIN_USER, "canvas-training", True)
        result = _run(home, site, "pinterest", [], recheck=True)
        record = result.records()[-1]  # the newest attempt in the home: this re-check's
        assert record["outcome"] == outcome, result.output
        (entry,) = record["settings"]
        assert (entry["control"], entry["chosen"], entry["after_reload"]) == ("yours", 2, state)
        assert result.human.asked == []
    assert _neighbour_changes(site) == []


def test_a_card_whose_switches_the_person_all_touched_is_not_read_from_any(home, site, runs):
    """The person flips the neighbour, back again, then the right one: objector cannot tell from
    that which one is meant, so it does not read one and does not call it confirmed."""
    _configure(site, setting_markup="shared-card")
    result = _run(home, site, "pinterest", [_person_uses(runs, 0, 0, 1)], observer=runs)
    assert _is_on(site, "pinterest", "canvas-training") is False  # the server holds it …
    entry = _entry(result)
    assert (entry["control"], entry["after_reload"]) == ("ambiguous", "unknown")  # … objector cannot read it
    assert "chosen" not in entry
    (record,) = result.records()
    assert record["outcome"] == "not-confirmed"


def test_a_web_component_switch_already_off_is_read_off_not_by_its_value(home, site):
    """Material Web's md-switch has value "on" whatever its state: read through its shadow root,
    an OFF switch is OFF — nothing is asked, and AI training is not switched on."""
    _configure(site, setting_markup="md-switch", setting_already=True)
    result = _run(home, site, "pinterest", ["y"])
    assert result.human.asked == []
    assert _is_on(site, "pinterest", "canvas-training") is False and site.state.setting_changes == []
    assert _entry(result)["result"] == "already-off"


@pytest.mark.parametrize(
    ("markup", "path"), [("md-switch", "label"), ("radix", "itself"), ("headless", "row")]
)
def test_switches_of_component_libraries_are_switched_and_their_neighbour_is_not(home, site, markup, path):
    _configure(site, setting_markup=markup)
    result = _run(home, site, "pinterest", ["y"])
    assert _is_on(site, "pinterest", "canvas-training") is False
    assert _neighbour_changes(site) == []
    entry = _entry(result)
    assert (entry["before"], entry["result"], entry["control"]) == ("on", "changed", path)


# ------------------------------------------------------------------ 3. saved the way the page saves it


@pytest.mark.parametrize(
    ("platform", "service", "key", "save", "words"),
    [
        ("linkedin", "linkedin", "ai-training", "save-button", "Save settings"),
        ("x", "x", "grok-training", "sticky-bar", "Save changes"),
    ],
)
def test_the_pages_save_button_is_pressed_as_part_of_the_change(
    home, site, platform, service, key, save, words
):
    _configure(site, setting_save=save)
    result = _run(home, site, platform, ["y"])
    assert _is_on(site, service, key) is False
    (review,) = result.human.setting_reviews
    assert review.then_press == words and review.headline.endswith(f"ON → OFF, then press “{words}”")
    entry = _entry(result)
    assert entry["result"] == "changed" and entry["saved_with"] == words
    assert {"method": "POST", "status": 200} in entry["save_requests"]


def test_with_m_objector_waits_for_the_persons_save_before_reloading(home, site, runs, monkeypatch):
    """The person switches it and presses Save a moment later: the reload waits for their Save
    (a Save button still to press is waited for longer than a page that saves by itself)."""
    from assistant.engine import setting

    monkeypatch.setattr(setting, "FINISH_WAIT", 0.3, raising=False)
    _configure(site, setting_save="save-button")

    def person_switches_then_saves() -> str:
        page = runs[-1].page
        page.get_by_role("switch", name="training").click()
        page.evaluate("() => setTimeout(() => document.querySelector('[data-page-save]').click(), 1200)")
        return "m"

    result = _run(home, site, "linkedin", [person_switches_then_saves], observer=runs)
    assert _is_on(site, "linkedin", "ai-training") is False
    entry = _entry(result)
    assert entry["result"] == "changed" and entry["approval"]["answer"] == "m"
    assert result.human.asked == ["setting"]  # not asked to press Enter: their Save was seen


# ------------------------------------------------------------------ the practice pages themselves


@pytest.fixture
def signed_in_page(site, browser):
    """A page of a fresh context holding a practice login for every settings service."""
    from assistant.practice.services import SETTINGS_SERVICES

    context = browser.new_context()
    cookies = {}
    for svc in SETTINGS_SERVICES.values():
        name, value = site.new_login(svc.login_host, AUTO_LOGIN_USER)
        cookies[name] = {"name": name, "value": value, "domain": "127.0.0.1", "path": "/"}
        if name.startswith("__Secure-"):  # the browser takes such a cookie only as a secure one
            cookies[name]["secure"] = True
    context.add_cookies(list(cookies.values()))
    yield context.new_page()
    context.close()


def test_a_save_button_page_keeps_a_change_only_when_save_is_pressed(site, signed_in_page):
    from playwright.sync_api import expect

    from assistant.practice.services import SETTINGS_SERVICES

    _configure(site, setting_save="save-button", setting_first_paint="placeholder", setting_paint_delay=1.0)
    page = signed_in_page
    page.goto(site.url(SETTINGS_SERVICES["linkedin"].settings[0].url), wait_until="domcontentloaded")
    switch = page.get_by_role("switch", name="training")
    expect(switch).to_be_disabled()  # the placeholder first, in the wrong state
    expect(switch).to_have_attribute("aria-checked", "false")
    expect(switch).to_be_enabled()
    expect(switch).to_have_attribute("aria-checked", "true")
    save = page.get_by_role("button", name="Save settings")
    expect(save).to_be_disabled()
    switch.click()
    expect(save).to_be_enabled()
    page.wait_for_timeout(200)
    assert site.state.setting_changes == []  # switched on the page, not kept
    save.click()
    expect(save).to_be_disabled()
    expect(save).not_to_have_attribute("aria-busy", "true")  # the server has answered the save
    assert _is_on(site, "linkedin", "ai-training") is False


# ------------------------------------------------------------------ the reader's fixture corpus

SWITCH = """<div class="row"><span id="n">Use my data for AI training</span>
  <button role="switch" aria-labelledby="n" aria-checked="{state}"></button></div>"""
SHADOW = """<script>
customElements.define('x-switch', class extends HTMLElement {
  static formAssociated = true;
  constructor() { super(); this.value = 'on'; }
  connectedCallback() { this.attachShadow({mode: 'open'}).innerHTML =
    '<input type="checkbox" role="switch"' + (this.hasAttribute('selected') ? ' checked' : '') + '>'; }
});
</script>"""

#: (page, what the flow finds, expected state, expected path, settled)
CORPUS = {
    "two switches in one card": (
        '<div class="card"><span>Show my profile</span><button role="switch" aria-checked="true"></button>'
        '<span>Use my data for AI training</span><button role="switch" aria-checked="true"></button></div>',
        "text=Use my data for AI training",
        ("unknown", "ambiguous", True),
    ),
    "checked is not aria-checked": (
        '<label><input type="checkbox" role="switch" aria-checked="true">Use my data for AI training</label>',
        "text=Use my data for AI training",
        ("off", "label", True),
    ),
    "aria-checked mixed": (SWITCH.format(state="mixed"), "#n", ("unknown", "labelledby", True)),
    "a disabled switch": (
        SWITCH.format(state="true").replace("<button", "<button disabled"),
        "#n",
        ("on", "labelledby", False),
    ),
    "a busy container": (
        f'<div aria-busy="true">{SWITCH.format(state="false")}</div>',
        "#n",
        ("off", "labelledby", False),
    ),
    "shadow host in a label": (
        f"{SHADOW}<label><span>Use my data for AI training</span><x-switch></x-switch></label>",
        "text=Use my data for AI training",
        ("off", "label", True),
    ),
    "value on, unchecked web component": (
        f'{SHADOW}<div class="row"><span>Use my data for AI training</span><x-switch></x-switch></div>',
        "text=Use my data for AI training",
        ("off", "row", True),
    ),
    "selected web component": (
        f'{SHADOW}<div class="row"><span>Use my data for AI training</span>'
        "<x-switch selected></x-switch></div>",
        "text=Use my data for AI training",
        ("on", "row", True),
    ),
    "a switch with a hidden form copy beside it (Radix in a form)": (
        '<form><div class="row"><span>Use my data for AI training</span>'
        '<button role="switch" aria-checked="true" value="on"></button><input type="checkbox" '
        'aria-hidden="true" tabindex="-1" checked style="position:absolute;opacity:0"></div></form>',
        "text=Use my data for AI training",
        ("on", "row", True),
    ),
    "hidden input under a styled label": (
        '<label class="sw"><input type="checkbox" checked style="opacity:0;position:absolute;width:1px">'
        "<span>Use my data for AI training</span></label>",
        "text=Use my data for AI training",
        ("on", "label", True),
    ),
}


@pytest.fixture(scope="module")
def corpus_page(browser):
    page = browser.new_page()
    yield page
    page.close()


def _step():
    flow = load_flows()["linkedin-ai-training"].flow
    return next(s for s in flow.steps if s.action == "setting")


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_the_reader_takes_the_right_control_and_reads_its_checked_state(corpus_page, case):
    from assistant.engine.setting_read import reading_of

    html, target, expected = CORPUS[case]
    corpus_page.set_content(f"<!doctype html><html><body>{html}</body></html>")
    run = types.SimpleNamespace(page=corpus_page)
    reading = reading_of(run, corpus_page.locator(target).first, _step())  # type: ignore[arg-type]
    assert (reading.state, reading.path, reading.settled) == expected, case
    if case == "hidden input under a styled label":
        assert corpus_page.locator("[data-objector-click]").evaluate("e => e.tagName") == "LABEL"


def test_a_state_that_comes_late_is_waited_for(corpus_page):
    """A switch first drawn without a state, and disabled, gets both 300 ms later: the settled
    reading is the late one."""
    from assistant.engine.locate import Found
    from assistant.engine.setting_read import settled_reading

    corpus_page.set_content(
        "<!doctype html><html><body>"
        + SWITCH.format(state="mixed").replace("<button", "<button disabled")
        + "<script>setTimeout(() => { const b = document.querySelector('button');"
        " b.disabled = false; b.setAttribute('aria-checked', 'false'); }, 300)</script></body></html>"
    )
    step = _step()
    found = Found(corpus_page.locator("#n"), step.target[0], 0)
    reading = settled_reading(types.SimpleNamespace(page=corpus_page), step, found, 3.0)  # type: ignore[arg-type]
    assert (reading.state, reading.settled) == ("off", True)


# ------------------------------------------------------------------ the page's Save button

SAVE_PAGE = """<!doctype html><html><body><form><div class="card">
<label><input type="checkbox" id="c" checked>Use my data for AI training</label>
<button type="button" id="other">Learn more</button>
<button type="button" id="go" disabled>{words}</button><button type="button" id="no" disabled>Discard</button>
</div></form><script>
document.getElementById('c').addEventListener('change', () => {{
  document.getElementById('go').disabled = false; document.getElementById('no').disabled = false; }});
</script></body></html>"""


@pytest.mark.parametrize(("words", "how"), [("Einstellungen speichern", "words"), ("Done", "became-enabled")])
def test_the_save_button_is_told_by_its_words_or_by_becoming_usable_with_the_change(corpus_page, words, how):
    """A button whose words say Save, in a page language; else the one button (not Discard) that
    the change enabled. Buttons that were usable before the change are never taken for it."""
    from assistant.engine.setting_read import reading_of
    from assistant.engine.setting_save import note_buttons, save_button

    corpus_page.set_content(SAVE_PAGE.format(words=words))
    run = types.SimpleNamespace(page=corpus_page)
    reading_of(run, corpus_page.locator("#c"), _step())  # type: ignore[arg-type]
    note_buttons(run)  # type: ignore[arg-type]
    assert save_button(run, expected=False) is None  # nothing changed yet: nothing to press  # type: ignore[arg-type]
    corpus_page.locator("#c").uncheck()
    found = save_button(run, expected=False)  # type: ignore[arg-type]
    assert found is not None and (found.words, found.how) == (words, how)


@pytest.mark.parametrize(
    "words",
    [
        "Save",
        "Save settings",
        "Save changes",
        "Apply",
        "Änderungen speichern",
        "Enregistrer les modifications",
        "Salva modifiche",
        "Guardar cambios",
        "Wijzigingen opslaan",
        "Zapisz zmiany",
        "Salvar alterações",
        "Spara ändringar",
        "Gem ændringer",
    ],
)
def test_save_words_in_the_page_languages(words):
    from assistant.engine.setting_save import NOT_SAVE, SAVE_WORDS

    assert SAVE_WORDS.search(words) and not NOT_SAVE.search(words)


@pytest.mark.parametrize(
    "words", ["Discard", "Verwerfen", "Annuler", "Cancel", "Delete activity", "Learn more"]
)
def test_words_that_are_not_save(words):
    from assistant.engine.setting_save import NOT_SAVE, SAVE_WORDS

    assert NOT_SAVE.search(words) or not SAVE_WORDS.search(words)
