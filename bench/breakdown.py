"""Where objector's time goes: one flow run in-process through
``assistant.runner.execute`` (the code path ``objector run`` takes), with
wrappers timing each part — nothing in the package is edited, the wrappers are
put on the classes and module attributes for the length of this run only.

Each category's time is *exclusive*: a screenshot taken inside the review step
counts as "screenshots", not as "review". ``page.wait_for_timeout`` (fixed
pauses and polling sleeps) is counted separately, per step it happened in.

Also: how many messages each side sends to the Playwright driver (every
``locator.count()``, ``is_visible()``, ``evaluate()`` … is one round trip),
the cost of the imports a run needs (``-X importtime`` in a fresh interpreter),
and, if pyinstrument is installed, a wall-clock profile of the same run.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from collections import Counter, defaultdict
from contextlib import ExitStack

from common import CHROMIUM, COUNTRY_NAMES, PYTHON, RESULTS_DIR, forget_cookie_consent, summary

from assistant.cli import BROWSER_COMMAND_MODULES

# the modules ``objector run`` imports on its way to the first browser (cli.run, runner, engine)
RUN_IMPORTS = (
    "playwright.sync_api",
    "typer",
    "assistant.cli",
    *BROWSER_COMMAND_MODULES,
    "assistant.letters.text",
    "assistant.engine.browser",
    "babel",
)
RAW_IMPORTS = ("playwright.sync_api",)


LOCATE = "locating + filling (dismiss, wait, choose, fill, check)"
AFTER = "waits after submit (until the confirmation is seen, read, settled)"
SLEEPS = "sleeps: fixed pauses and polling (page.wait_for_timeout)"
SETUP = "run set-up (settings, accounts, flows, plan, texts, ledger read, browser discovery)"
PROOF = "proof writing (form/confirmation files, record.json, ledger, hashes)"
OTHER = "other (Rich output, home lock, glue)"
#: step action -> category
STEP_GROUPS = {
    "open": "page load (open the form)",
    "ensure_login": "login check",
    "dismiss": LOCATE,
    "wait": LOCATE,
    "choose": LOCATE,
    "fill": LOCATE,
    "check": LOCATE,
    "upload": LOCATE,
    "review_and_submit": "review: find Send, baseline, highlight, click Send",
    "code": AFTER,
    "expect": AFTER,
}


class Spans:
    """Exclusive wall time per category (a stack handles nesting), plus one row per flow step."""

    def __init__(self) -> None:
        self.excl: dict[str, float] = defaultdict(float)
        self.count: Counter[str] = Counter()
        self.stack: list[list] = []  # [label, start, time in children]
        self.steps: list[dict] = []
        self.current: dict | None = None
        self.missing: list[str] = []

    def _enter(self, label: str) -> None:
        self.stack.append([label, time.perf_counter(), 0.0])

    def _exit(self) -> float:
        label, start, child = self.stack.pop()
        elapsed = time.perf_counter() - start
        self.excl[label] += elapsed - child
        self.count[label] += 1
        if self.stack:
            self.stack[-1][2] += elapsed
        return elapsed

    def wrap(self, label: str, fn, *, field: str | None = None):
        """fn timed under label; with field, also added to the current step's row."""
        spans = self

        def wrapper(*args, **kwargs):
            spans._enter(label)
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = spans._exit()
                if field and spans.current is not None:
                    spans.current[field] = spans.current.get(field, 0.0) + elapsed

        return wrapper

    def wrap_step(self, fn):
        """A step function (run, step): timed under its action's category, one row each."""
        spans = self

        def wrapper(run, step, *args, **kwargs):
            action = getattr(step, "action", "?")
            value = getattr(step, "value", None)
            row = {
                "step": f"{action} {value}" if value else action,
                "optional": bool(getattr(step, "optional", False)),
                "sleeps_s": 0.0,
            }
            done_before = len(getattr(run, "steps_done", []))
            spans.current = row
            spans._enter(STEP_GROUPS.get(action, f"step {action}"))
            try:
                return fn(run, step, *args, **kwargs)
            finally:
                row["seconds"] = spans._exit()
                new = getattr(run, "steps_done", [])[done_before:]
                row["result"] = (
                    "; ".join(f"{s.get('status')}: {s.get('detail')}" for s in new) or "nothing done"
                )
                spans.steps.append(row)
                spans.current = None

        return wrapper


def _patch(
    stack: ExitStack,
    spans: Spans,
    owner,
    attr: str,
    label: str | None = None,
    *,
    field: str | None = None,
    step: bool = False,
) -> None:
    original = getattr(owner, attr, None)
    if original is None:
        spans.missing.append(f"{getattr(owner, '__name__', owner)}.{attr}")
        return
    wrapped = spans.wrap_step(original) if step else spans.wrap(label, original, field=field)
    setattr(owner, attr, wrapped)
    stack.callback(setattr, owner, attr, original)


class _DriverCounter:
    """Counts the messages the Python side sends to the Playwright driver."""

    def __init__(self, stack: ExitStack) -> None:
        from playwright._impl.connection import Connection

        self.methods: Counter[str] = Counter()
        original = Connection.send_message_to_server
        counter = self

        def counting(self, object, method, params, options):
            if method != "__waitInfo__":
                counter.methods[f"{object._type}.{method}"] += 1
            return original(self, object, method, params, options)

        Connection.send_message_to_server = counting
        stack.callback(setattr, Connection, "send_message_to_server", original)

    @property
    def total(self) -> int:
        return sum(self.methods.values())


def instrumented_objector(bench, *, profile: bool = True) -> dict[str, object]:
    """One ``objector run --again`` for the bench's account, in-process, timed by category."""
    import playwright.sync_api as sync_api

    from assistant import engine, runner
    from assistant.config.accounts import load_accounts
    from assistant.config.flows import load_flows
    from assistant.config.settings import load_settings
    from assistant.engine import browser
    from assistant.people.human import TerminalHuman
    from assistant.people.ui import Reporter, make_console
    from assistant.proof.evidence import Attempt
    from assistant.proof.ledger import Ledger

    forget_cookie_consent(bench.objector_profile)
    spans = Spans()
    out = io.StringIO()
    with ExitStack() as stack:
        drv = _DriverCounter(stack)
        original_sp = sync_api.sync_playwright

        def timed_sync_playwright():
            cm = original_sp()

            class Timed:
                def start(self):
                    return spans.wrap("Playwright driver start", cm.start)()

                def __enter__(self):
                    return self.start()

                def __exit__(self, *exc):
                    return spans.wrap("Playwright driver stop", cm.__exit__)(*exc)

            return Timed()

        sync_api.sync_playwright = timed_sync_playwright
        stack.callback(setattr, sync_api, "sync_playwright", original_sp)

        for owner, attr in (
            (runner, "plan"),
            (runner, "prepare_texts"),
            (browser, "discover"),
            (Ledger, "confirmed"),
            (Ledger, "latest"),
        ):
            _patch(stack, spans, owner, attr, SETUP)
        _patch(stack, spans, browser, "open_profile", "browser launch (persistent context)")
        _patch(stack, spans, runner, "_close", "browser close")
        from assistant.engine import choices, run, submit

        for handler in run._handlers().values():  # each action's step function, in its module
            _patch(stack, spans, sys.modules[handler.__module__], handler.__name__, step=True)
        _patch(stack, spans, submit, "await_result", AFTER)
        _patch(stack, spans, engine.FlowRun, "finish", PROOF)
        _patch(stack, spans, choices, "_country_names", "country names (babel)")
        _patch(
            stack,
            spans,
            TerminalHuman,
            "approve_submit",
            "approval round trip (review panel, read the answer)",
        )
        for attr in ("save", "write_record", "log"):
            _patch(stack, spans, Attempt, attr, PROOF)
        _patch(
            stack, spans, sync_api.Page, "screenshot", "screenshots (full page, PNG)", field="screenshot_s"
        )
        _patch(stack, spans, sync_api.Page, "wait_for_timeout", SLEEPS, field="sleeps_s")

        profiler = None
        if profile:
            try:
                from pyinstrument import Profiler

                profiler = Profiler(interval=0.001)
            except ImportError:
                profiler = None

        before = len(bench.site.confirmed)
        t0 = time.perf_counter()
        cpu0 = time.thread_time()
        if profiler:
            profiler.start()
        browser.stop_driver()  # the run starts its own driver, as `objector run` does
        summary_ = spans.wrap(OTHER, _cli_like_run)(
            bench,
            spans,
            load_settings,
            load_accounts,
            load_flows,
            TerminalHuman,
            Reporter,
            make_console,
            out,
            runner,
        )
        # `objector run` stops the driver as it exits; the raw side's run (next) starts its own
        spans.wrap("Playwright driver stop", browser.stop_driver)()
        if profiler:
            profiler.stop()
        total = time.perf_counter() - t0
        cpu = time.thread_time() - cpu0
    if summary_.exit_code != 0 or len(bench.site.confirmed) != before + 1:
        raise RuntimeError("in-process objector run did not confirm:\n" + out.getvalue())
    categories = dict(sorted(spans.excl.items(), key=lambda kv: -kv[1]))
    profile_file = None
    profile_top: list[str] = []
    if profiler:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        text = profiler.output_text(unicode=True, color=False, show_all=False)
        profile_file = RESULTS_DIR / "profile_objector.txt"
        profile_file.write_text(text, encoding="utf-8")
        profile_top = text.splitlines()[:80]
    return {
        "total_s": total,
        "main_thread_cpu_s": cpu,
        "categories_s": categories,
        "calls": dict(spans.count),
        "steps": spans.steps,
        "not_instrumented": spans.missing,
        "driver_messages": drv.total,
        "driver_messages_by_method": dict(drv.methods.most_common()),
        "output": out.getvalue(),
        "pyinstrument": str(profile_file) if profile_file else None,
        "pyinstrument_top": profile_top,
    }


def _cli_like_run(
    bench, spans, load_settings, load_accounts, load_flows, TerminalHuman, Reporter, make_console, out, runner
):
    """What ``objector run --again`` does after its imports (see cli.run)."""
    environ = dict(bench.env)
    settings = spans.wrap(SETUP, lambda: load_settings(environ))()
    accounts = spans.wrap(SETUP, load_accounts)(settings.accounts_file)
    flows = spans.wrap(SETUP, load_flows)(settings.home / "flows")
    console = make_console(out)
    human = TerminalHuman(console, stdin=io.StringIO("y\n"))
    request = runner.RunRequest(settings=settings, accounts=accounts, flows=flows, again=True)
    return runner.execute(request, human, Reporter(console))


def instrumented_raw(bench) -> dict[str, object]:
    """The raw script's run_flow in-process, for its driver message count and step times."""
    import raw_flow

    forget_cookie_consent(bench.raw_profile)
    text = bench.text_file.read_text(encoding="utf-8")
    before = len(bench.site.confirmed)
    with ExitStack() as stack:
        drv = _DriverCounter(stack)
        t0 = time.perf_counter()
        cpu0 = time.thread_time()
        raw_flow.T0 = t0
        raw_flow.CHROMIUM = CHROMIUM
        marks = raw_flow.run_flow(
            bench.url,
            str(bench.raw_profile),
            str(bench.raw_out / "in-process"),
            COUNTRY_NAMES[bench_account(bench)["country"]],
            bench_account(bench)["email"],
            text,
            platform=bench_account(bench)["platform"],
        )
        total = time.perf_counter() - t0
        cpu = time.thread_time() - cpu0
    if len(bench.site.confirmed) != before + 1:
        raise RuntimeError("in-process raw run did not confirm")
    return {
        "total_s": total,
        "main_thread_cpu_s": cpu,
        "marks_s": marks,
        "driver_messages": drv.total,
        "driver_messages_by_method": dict(drv.methods.most_common()),
    }


def bench_account(bench) -> dict[str, str]:
    from overhead import ACCOUNT

    return ACCOUNT


def import_costs(runs: int = 2) -> dict[str, object]:
    """Fresh interpreters: bare start, the raw script's imports, objector run's imports."""
    from startup import parse_importtime

    cases = {
        "python -c pass": "pass",
        "raw script imports (playwright.sync_api)": "import " + ", ".join(RAW_IMPORTS),
        "objector run imports": "import " + ", ".join(RUN_IMPORTS),
    }
    walls: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, code in cases.items():
            t0 = time.perf_counter()
            subprocess.run([PYTHON, "-c", code], check=True)
            walls[name].append(time.perf_counter() - t0)
    detail = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", cases["objector run imports"]],
        capture_output=True,
        text=True,
        check=True,
    )
    parsed = parse_importtime(detail.stderr, limit=20)
    # the top-level statements of the -c line, in order (first import of a module pays for it)
    per_module = [row for row in parsed["top_ms"] if row["module"] in RUN_IMPORTS]
    return {
        "wall_s": {name: summary(v) for name, v in walls.items()},
        "samples_s": walls,
        "importtime_total_ms": parsed["total_ms"],
        "importtime_by_statement_ms": per_module,
        "modules": list(RUN_IMPORTS),
    }


def run(bench) -> dict[str, object]:
    result: dict[str, object] = {}
    result["objector_in_process"] = instrumented_objector(bench)
    result["raw_in_process"] = instrumented_raw(bench)
    result["imports"] = import_costs()
    return result


if __name__ == "__main__":  # pragma: no cover - run via bench/run.py
    raise SystemExit("run: python bench/run.py --only overhead")
