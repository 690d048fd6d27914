"""Guided fallback: when a required target is missing, the person does the step by hand."""

from __future__ import annotations

import io

import pytest
from practice_helpers import account
from rich.console import Console
from shared_browser import SharedProfiles

from assistant.config.flows import bundled_flow_dir, load_flows
from assistant.config.settings import Settings
from assistant.people.human import TerminalHuman
from assistant.people.ui import Reporter
from assistant.practice import PracticeConfig, PracticeSite
from assistant.runner import RunRequest, execute

pytestmark = pytest.mark.browser


@pytest.fixture
def site():
    with PracticeSite(PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0.3)) as running:
        yield running


def _override_reason_target(home):
    """A user flow whose reason-box candidates match nothing on the page."""
    text = (bundled_flow_dir() / "instagram-ai-objection.toml").read_text()
    start = text.index('value = "text"')
    end = text.index("[[steps]]", start)
    block = text[start:end]
    target_at = block.index("target = [")
    broken = block[:target_at] + 'target = [ { css = "#no-such-box" } ]\n\n'
    (home / "flows").mkdir()
    (home / "flows" / "instagram-ai-objection.toml").write_text(text[:start] + broken + text[end:])


class ActingStdin(io.StringIO):
    """Standard input whose first answer comes after the 'person' acted in the browser."""

    def __init__(self, act, answers: str):
        super().__init__(answers)
        self.act = act
        self.acted = False

    def isatty(self) -> bool:
        return False

    def readline(self, *args):
        if not self.acted:
            self.acted = True
            self.act()
            return "\n"
        return super().readline(*args)


def _run(home, site, stdin, observer=None):
    buffer = io.StringIO()
    console = Console(file=buffer, width=110, color_system=None)
    settings = Settings(home=home, headless=True, site_map=site.site_map, step_timeout=2, confirm_timeout=15)
    request = RunRequest(
        settings=settings,
        accounts=[account()],
        flows=load_flows(home / "flows"),
        observer=observer,
        browser=SharedProfiles(home),
    )
    summary = execute(request, TerminalHuman(console, stdin), Reporter(console))
    return summary, buffer.getvalue()


def test_missing_reason_box_is_pasted_by_the_person_and_recorded_as_manual(home, site, runs):
    _override_reason_target(home)

    def paste():
        runs[-1].page.get_by_role("textbox", name="affects you").fill(runs[-1].text)

    summary, output = _run(home, site, ActingStdin(paste, "y\n"), observer=runs)
    assert summary.exit_code == 0, output
    assert "Paste the text shown below" in output and "done by hand" in output
    assert site.confirmed and site.confirmed[0].fields["reason"] == runs[-1].text
    manual = [s for s in runs[-1].steps_done if s["status"] == "manual"]
    assert manual and manual[0]["value"] == "text"
    print(output)


def test_a_step_left_undone_ends_as_needs_attention_without_submitting(home, site):
    _override_reason_target(home)
    summary, output = _run(home, site, ActingStdin(lambda: None, "y\n"))
    assert summary.exit_code == 1
    assert "still looks empty" in output
    assert site.submissions == []


def test_end_of_input_at_the_guidance_ends_as_needs_attention(home, site):
    _override_reason_target(home)
    summary, output = _run(home, site, io.StringIO(""))
    assert summary.exit_code == 1 and "not done by hand" in output
    assert site.submissions == []
