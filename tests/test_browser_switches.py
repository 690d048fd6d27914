"""The switches objector starts Chromium with."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.engine.browser import (
    EXTRA_DISABLED_FEATURES,
    compile_cache_dir,
    discover,
    driver,
    open_profile,
    playwright_disabled_features,
    stop_driver,
)


def _browser_command_line(profile) -> list[str]:
    """The switches of the browser process (not its helpers) started on ``profile`` (Linux /proc)."""
    for entry in Path("/proc").iterdir():
        try:
            args = (entry / "cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        if f"--user-data-dir={profile}" in args and not any(a.startswith("--type=") for a in args):
            return args
    raise AssertionError(f"no browser process runs on {profile}")


@pytest.mark.browser
@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads the browser's switches from /proc")
def test_the_browser_keeps_playwrights_switched_off_features_and_loads_no_address_bar_page(tmp_path):
    """Chromium keeps only the last --disable-features switch: objector's must repeat the list
    Playwright passes (HttpsUpgrades keeps the practice site on http) and add its own."""
    p = driver()
    context = open_profile(p, discover(None, p), tmp_path / "profile", headless=True)
    try:
        browser = context.browser
        assert browser is not None
        found = browser.new_browser_cdp_session().send("Target.getTargets")["targetInfos"]
        targets = [target["url"] for target in found]
        switches = _browser_command_line(tmp_path / "profile")
    finally:
        context.close()
    last = [arg for arg in switches if arg.startswith("--disable-features=")][-1]
    features = set(last.split("=", 1)[1].split(","))
    assert {"HttpsUpgrades", "DestroyProfileOnBrowserClose"} <= set(playwright_disabled_features())
    assert set(playwright_disabled_features()) | set(EXTRA_DISABLED_FEATURES) <= features
    assert not [url for url in targets if "omnibox" in url], targets


@pytest.mark.browser
def test_the_driver_keeps_its_compiled_code_in_the_users_cache(tmp_path, monkeypatch):
    """Node (22.1 and later) writes its compile cache where objector points it; the setting is
    only for the driver, not left in objector's own environment."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NODE_COMPILE_CACHE", raising=False)
    stop_driver()
    try:
        driver().chromium.name  # noqa: B018 - one call through the new driver
    finally:
        stop_driver()
    assert compile_cache_dir() == tmp_path / "cache" / "objector" / "node-compile-cache"
    assert [path for path in compile_cache_dir().rglob("*") if path.is_file()]
    assert "NODE_COMPILE_CACHE" not in os.environ
