"""The baseline for benchmark 2: a minimal hand-written Playwright script doing
the same steps objector does on the same practice form, with the same browser.

    python bench/raw_flow.py --url URL --profile DIR --out DIR --country Germany \
        --email anna@example.org --text-file reason.txt [--login]

Steps: launch a persistent context, open the form, dismiss the cookie dialog,
choose the country, fill e-mail and reason, full-page screenshot, click Send,
wait for the confirmation, full-page screenshot, close. It knows this page's
markup by heart (no candidate lists, no checks, no waits of its own, no proof
files) — the floor that any tool driving this form through Playwright pays.
``--login`` (warm-up only) waits for the practice login page to log itself in.

Prints one JSON line: seconds since the script started (after the interpreter
was up) at the end of each step; the caller measures the whole wall time.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = ""  # the browser executable: --browser, the same one objector uses
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def run_flow(
    url: str,
    profile: str,
    out: str,
    country: str,
    email: str,
    text: str,
    *,
    login: bool = False,
    platform: str = "instagram",
) -> dict[str, float]:
    marks: dict[str, float] = {"imports": time.perf_counter() - T0}

    def mark(name: str) -> None:
        marks[name] = time.perf_counter() - T0

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        mark("driver_start")
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
        )
        mark("browser_launch")
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(url, wait_until="domcontentloaded")
        if login:  # warm-up only: the practice login page logs itself in
            page.wait_for_url(re.compile(r"/contact/"), timeout=60_000)
            page.wait_for_load_state("domcontentloaded")
        mark("page_load")
        consent = page.locator("[data-consent=essential]")
        if consent.is_visible():
            consent.click()
        mark("cookie_dialog")
        if platform == "instagram":
            box = page.get_by_role("combobox")
            box.fill(country)
            page.get_by_role("option", name=country, exact=True).click()
        else:
            page.locator("form select").select_option(label=country)
        mark("country")
        page.locator("input[type=email]").fill(email)
        page.locator("form textarea").fill(text)
        mark("fill")
        page.screenshot(path=str(folder / "form.png"), full_page=True)
        mark("form_screenshot")
        page.locator("[data-practice-send]").click()
        mark("click_send")
        page.locator(".confirmation h2").wait_for()
        mark("confirmation_wait")
        page.screenshot(path=str(folder / "confirmation.png"), full_page=True)
        mark("confirmation_screenshot")
        context.close()
        mark("browser_close")
    mark("driver_stop")
    return marks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", required=True)
    ap.add_argument("--profile", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--country", default="Germany")
    ap.add_argument("--email", default="anna@example.org")
    ap.add_argument("--text-file", required=True)
    ap.add_argument("--platform", default="instagram", choices=("instagram", "facebook"))
    ap.add_argument("--login", action="store_true")
    ap.add_argument("--browser", required=True)
    a = ap.parse_args()
    global CHROMIUM
    CHROMIUM = a.browser
    marks = run_flow(
        a.url,
        a.profile,
        a.out,
        a.country,
        a.email,
        Path(a.text_file).read_text(encoding="utf-8"),
        login=a.login,
        platform=a.platform,
    )
    print(json.dumps(marks), flush=True)


if __name__ == "__main__":
    main()
