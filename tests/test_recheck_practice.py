"""``objector run`` on a pair whose last check found it changed back: it runs again, asks, and says why.

The practice Help Centre has forms only, so a bundled form flow stands in for the setting here: the
run's triage reads the ledger's outcomes, not the flow's kind. The ledger is written through
objector's own writers (setting_helpers).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from practice_helpers import account, run_practice
from setting_helpers import record_setting

from assistant.practice import PracticeConfig, PracticeSite
from assistant.proof.ledger import utc_now
from assistant.proof.verify import verify_home

pytestmark = pytest.mark.browser

FLOW = "instagram-ai-objection"


def test_run_asks_again_for_a_setting_found_on_again_and_says_why(home):
    now = utc_now()
    back = datetime(now.year, 12, 3, 8, tzinfo=now.tzinfo)
    back = back if back < now else back.replace(year=now.year - 1)
    record_setting(home, "anna-instagram", FLOW, at=back - timedelta(days=90))
    record_setting(home, "anna-instagram", FLOW, at=back, outcome="turned-back")
    record_setting(home, "ben-instagram", FLOW, at=now - timedelta(days=2), outcome="still-set")
    accounts = [account("anna-instagram"), account("ben-instagram", email="ben@example.org")]
    with PracticeSite(PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0.3)) as site:
        result = run_practice(home, site, accounts, ["n"])
        assert site.submissions == []
    out = result.output
    why = f"found on again at the last check (3 Dec {back.year}); you will be asked first"
    intro, _, rest = out.partition("[1/1]")
    assert f"anna-instagram · {FLOW}: {why}" in intro
    assert "1 objection to do" in intro and f"ben-instagram · {FLOW} (still set, checked " in intro
    assert why in rest  # said again where the pair's turn comes
    assert result.human.asked == ["submit"]  # the usual approval was asked, and declined
    assert result.records("anna-instagram")[-1]["outcome"] == "declined"
    assert result.summary.exit_code == 1
    assert verify_home(home).ok
