"""Clean proof screenshots: the practice page's sticky header is drawn once, at the top,
never over the form; objector's browser profiles do not offer to save passwords."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from assistant.config.settings import Settings
from assistant.engine.browser import LAUNCH_ARGS
from assistant.engine.capture import full_page_screenshot
from assistant.engine.profiles import prepare_profile
from assistant.practice import PracticeSite

FB_FORM = "https://www.facebook.com/help/contact/712876720715583"

# Rows of a PNG (read back in the browser) whose pixel at column x has the given colour.
_ROWS_WITH_COLOUR = """async ([png, x, rgb]) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + png;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const column = ctx.getImageData(x, 0, 1, img.height).data;
  const rows = [];
  for (let y = 0; y < img.height; y++) {
    const [r, g, b] = column.slice(y * 4, y * 4 + 3);
    if (Math.abs(r - rgb[0]) + Math.abs(g - rgb[1]) + Math.abs(b - rgb[2]) < 30) rows.push(y);
  }
  return rows;
}"""
LOGO_BLUE = (0x08, 0x66, 0xFF)


@pytest.fixture(scope="module")
def form_page(browser) -> Iterator[Page]:
    """The practice Facebook form, logged in, in a short window scrolled to the bottom."""
    with PracticeSite() as site:
        context = browser.new_context(viewport={"width": 1000, "height": 420})
        origin = site.origin("www.facebook.com")
        context.add_cookies(
            [
                {"name": "sessionid", "value": site.state.new_session("tester"), "url": origin},
                {"name": "c_user", "value": site.state.new_session("tester", numeric=True), "url": origin},
                {"name": "practice_consent", "value": "all", "url": origin},
            ]
        )
        page = context.new_page()
        page.goto(Settings(site_map=site.site_map).sites.rewrite(FB_FORM))
        page.wait_for_selector("form")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        yield page
        context.close()


def _logo_rows(page: Page, png: bytes) -> list[int]:
    box = page.locator(".topbar .logo-fb").bounding_box()
    assert box is not None, "the practice page has no header logo"
    x = int(box["x"] + box["width"] / 2)
    return page.evaluate(_ROWS_WITH_COLOUR, [base64.b64encode(png).decode(), x, list(LOGO_BLUE)])


@pytest.mark.browser
def test_sticky_header_is_drawn_once_at_the_top_not_over_the_form(form_page):
    page = form_page
    header = page.evaluate("document.querySelector('.topbar').offsetHeight")
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > header, "the practice form should be taller than the short window"

    plain = _logo_rows(page, page.screenshot(full_page=True))
    assert any(row >= header for row in plain), "the plain capture paints the header mid-page (the bug)"

    clean = _logo_rows(page, full_page_screenshot(page))
    assert clean, "the header is in the clean capture"
    assert max(clean) < header, f"header logo painted at rows {clean[0]}..{clean[-1]}, below the top"

    # restored: the page behaves as before
    assert page.evaluate("getComputedStyle(document.querySelector('.topbar')).position") == "sticky"
    assert page.evaluate("document.querySelector('.topbar').style.position") == ""
    assert page.evaluate("window.scrollY") == scrolled


@pytest.mark.browser
def test_an_inline_position_is_restored_exactly(form_page):
    page = form_page
    page.evaluate("document.querySelector('.topbar').style.setProperty('position', 'fixed', 'important')")
    full_page_screenshot(page)
    style = page.evaluate(
        "[document.querySelector('.topbar').style.position,"
        " document.querySelector('.topbar').style.getPropertyPriority('position')]"
    )
    page.evaluate("document.querySelector('.topbar').style.removeProperty('position')")
    assert style == ["fixed", "important"]


def test_profiles_never_offer_to_save_passwords(tmp_path):
    assert "--password-store=basic" in LAUNCH_ARGS
    profile = tmp_path / "anna-instagram"
    prefs = profile / "Default" / "Preferences"
    prefs.parent.mkdir(parents=True)
    prefs.write_text(json.dumps({"profile": {"name": "Person 1"}, "intl": {"accept_languages": "de"}}))
    prepare_profile(profile)
    written = json.loads(prefs.read_text())
    assert written["credentials_enable_service"] is False
    assert written["profile"] == {"name": "Person 1", "password_manager_enabled": False}
    assert written["intl"] == {"accept_languages": "de"}  # the browser's own settings stay

    fresh = tmp_path / "new"
    prepare_profile(fresh)
    assert json.loads((fresh / "Default" / "Preferences").read_text())["credentials_enable_service"] is False

    broken = tmp_path / "broken"
    (broken / "Default").mkdir(parents=True)
    (broken / "Default" / "Preferences").write_text("{not json")
    prepare_profile(broken)
    assert (broken / "Default" / "Preferences").read_text() == "{not json"
