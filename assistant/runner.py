"""A run over the person's accounts: plan, skip what is done, one browser
profile per account, the engine for each flow, and a summary.

Both ``objector run`` and ``objector demo`` come through here, so the demo
exercises exactly the code a real run uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .config.accounts import Account
from .config.flows import Flow, LoadedFlow, flow_words, unofficial_label, unofficial_service
from .config.hosts import service_name
from .config.settings import Settings
from .engine.common import shown
from .errors import UserError
from .i18n import _, ngettext
from .people.human import Human
from .people.status_view import outcome_words
from .people.ui import Reporter
from .proof.evidence import Attempt
from .proof.ledger import DONE_OUTCOMES, Ledger, is_pending
from .proof.outcome import Outcome
from .storage import HomeLock, private_dir, remove_stale_temps

if TYPE_CHECKING:
    from .engine import RunObserver
    from .engine.browser import BrowserSession


@dataclass(frozen=True)
class Pair:
    account: Account
    flow: LoadedFlow

    @property
    def key(self) -> tuple[str, str]:
        return self.account.name, self.flow.flow.id


@dataclass
class Summary:
    confirmed: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)  # forms in a re-check (nothing to read)
    interrupted: bool = False
    #: forms cut off while sending (``unknown``): the person decides before anything is sent
    uncertain: list[tuple[Pair, dict]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if (self.skipped or self.failed) else 0


@dataclass(kw_only=True)
class RunRequest:
    """What to run: for whom, which forms, and how (keyword arguments only)."""

    settings: Settings
    accounts: list[Account]
    flows: dict[str, LoadedFlow]
    account_names: list[str] = field(default_factory=list)
    flow_ids: list[str] = field(default_factory=list)
    again: bool = False
    dry_run: bool = False
    trace: bool = False
    keep_login: bool = True  # False: a temporary browser profile per account (``run --no-keep-login``)
    recheck: bool = False  # read each chosen setting again, change and ask nothing; forms are left out
    proof_hint: bool = True  # the demo's temporary home is deleted afterwards: no hint to it
    observer: RunObserver | None = None  # watches each attempt (tests and tools)
    accounts_path: Path | None = None  # the accounts file the accounts came from (for messages)
    #: A browser session the caller keeps open across runs (a program running several requests, the
    #: tests); None: this run finds the browser and opens its own session, closed at the end.
    browser: BrowserSession | None = None

    @property
    def accounts_file(self) -> Path:
        return self.accounts_path or self.settings.accounts_file


def plan(request: RunRequest) -> list[Pair]:
    """The (account, flow) pairs selected, linked accounts after the ones they follow."""
    known = {a.name for a in request.accounts}
    for name in request.account_names:
        if name not in known:
            raise UserError(
                _("--account {name}: no such account (accounts: {known}).").format(
                    name=name, known=", ".join(sorted(known)) or _("none")
                )
            )
    for flow_id in request.flow_ids:
        if flow_id not in request.flows:
            raise UserError(
                _("--flow {flow}: no such flow (flows: {flows}).").format(
                    flow=flow_id, flows=", ".join(sorted(request.flows))
                )
            )
    chosen = [a for a in request.accounts if not request.account_names or a.name in request.account_names]
    chosen.sort(key=lambda a: a.linked_with is not None)
    pairs: list[Pair] = []
    for account in chosen:
        for flow_id in account.flow_ids:
            if flow_id not in request.flows:
                raise UserError(
                    # TRANSLATORS: 'flows' is a field of the accounts file (not translated)
                    _(
                        "{file}: account ({account}): field 'flows': no flow '{flow}' (flows: {flows})."
                    ).format(
                        file=request.accounts_file,
                        account=account.name,
                        flow=flow_id,
                        flows=", ".join(sorted(request.flows)),
                    )
                )
            if request.flow_ids and flow_id not in request.flow_ids:
                continue
            _check_values(request.accounts_file, account, request.flows[flow_id].flow)
            unofficial_service(request.flows[flow_id].flow, request.settings.sites)  # refuses a remote map
            pairs.append(Pair(account, request.flows[flow_id]))
    return pairs


_ACCOUNT_VALUES = ("first_name", "last_name", "prompts")


def _check_values(accounts_file: Path, account: Account, flow: Flow) -> None:
    """A flow that needs account details the account does not have: say which, before any browser opens."""
    missing = [
        s.value
        for s in flow.steps
        if s.action == "fill"
        and not s.optional
        and s.value in _ACCOUNT_VALUES
        and not getattr(account, s.value)
    ]
    if missing:
        raise UserError(
            # TRANSLATORS: {fields} are field names of the accounts file (first_name, …), not translated
            ngettext(
                "{file}: account ({account}): the flow {flow} needs {fields}; add it to the account.",
                "{file}: account ({account}): the flow {flow} needs {fields}; add them to the account.",
                len(missing),
            ).format(file=accounts_file, account=account.name, flow=flow.id, fields=", ".join(missing))
        )


def prepare_texts(pairs: list[Pair], settings: Settings) -> dict[tuple[str, str], str]:
    """Every objection text, made before any browser opens (bad templates stop here).

    A setting flow sends no text: its pairs get an empty one.
    """
    from .letters.letters import text_for_account

    return {
        p.key: text_for_account(p.account, settings, p.flow.flow.text_max_length)
        if p.flow.flow.kind == "form"
        else ""
        for p in pairs
    }


def execute(request: RunRequest, human: Human, reporter: Reporter) -> Summary:
    settings = request.settings
    home = private_dir(settings.home)
    with HomeLock(home, "recheck" if request.recheck else "run"):
        from .proof.recovery import recover

        remove_stale_temps(home, recursive=False)
        remove_stale_temps(settings.layout.evidence)
        from .engine.sessions import remove_stale_temporary

        remove_stale_temporary(home)  # temporary browser profiles a killed run left behind
        for attempt in recover(home, Ledger(home)):
            reporter.warn(
                # TRANSLATORS: {attempt} is an attempt's folder; "interrupted" is an outcome code
                _("an earlier run was cut short; recorded {attempt} as interrupted").format(attempt=attempt)
            )
        summary = _execute(request, human, reporter)
        if not request.dry_run:  # the ledger head, RFC 3161 time-stamped (pending when offline)
            from .proof.stamps import after_run

            after_run(settings, reporter.ok, reporter.warn)
        return summary


def _execute(request: RunRequest, human: Human, reporter: Reporter) -> Summary:
    settings = request.settings
    ledger = Ledger(settings.home)
    pairs = plan(request)
    not_applicable = []
    if request.recheck:  # a re-check reads settings; a form has nothing to read
        not_applicable = [
            _("{account} · {flow} (a form: nothing to re-check)").format(
                account=p.account.name, flow=p.flow.flow.id
            )
            for p in pairs
            if p.flow.flow.kind == "form"
        ]
        pairs = [p for p in pairs if p.flow.flow.kind == "setting"]
    texts = prepare_texts(pairs, settings)
    todo, summary, reasons = triage(pairs, request, ledger)
    if (todo or summary.uncertain) and request.browser is None and not settings.headless:
        from .engine.browser import display_problem

        if problem := display_problem():  # said before any account's heading or question
            raise UserError(problem)
    todo += decide_uncertain(summary, human, ledger, reasons)
    summary.not_applicable = not_applicable
    seqs = {key: entry.get("seq", 0) for key, entry in ledger.latest().items()}

    from contextlib import nullcontext

    from .engine.browser import session

    opened = (
        nullcontext(request.browser)
        if request.browser is not None
        else session(
            settings.home,
            settings.browser,
            headless=settings.headless,
            needed=bool(todo),
            password_store=settings.password_store,
            keep_login=request.keep_login,
        )
    )
    with opened as browser:
        reporter.info(
            # TRANSLATORS: the run's first line; {browser} names the browser, {home} is objector's folder
            _("objector {version} · browser: {browser} · home: {home}").format(
                version=__version__, browser=browser.description, home=settings.home
            )
        )
        # the first run that keeps logins only; not the demo's temporary home (deleted, logins too)
        kept_home = request.browser is None and request.proof_hint and bool(todo)
        if kept_home and (notice := browser.fixed_key_notice()):
            reporter.warn(notice)
        accounts = {p.account.name for p in pairs}
        counted = ngettext("{count} account", "{count} accounts", len(accounts)).format(count=len(accounts))
        line = f"{counted} · {_to_do(todo, request.recheck)}"
        if summary.already:
            # TRANSLATORS: {count} forms or settings already done, {items} which (account · flow, …)
            done = _("{count} already done ({items})").format(
                count=len(summary.already), items="; ".join(summary.already)
            )
            line += f" · {done}"
        reporter.info(line)
        for pair in todo:
            if pair.key in reasons:
                reporter.warn(f"{pair.account.name} · {pair.flow.flow.id}: {reasons[pair.key]}")
        for item in summary.skipped:
            reporter.warn(item)
        for item in summary.not_applicable:
            reporter.info(f"  · {item}")
        try:
            _run_pairs(todo, request, texts, human, reporter, browser, ledger, summary, reasons)
        except KeyboardInterrupt:
            summary.interrupted = True
            reporter.fail(_("stopped with Ctrl-C; the ledger is consistent, run again to resume"))
    if request.recheck:
        print_recheck_summary(todo, seqs, reporter, settings.home)
    else:
        print_summary(summary, reporter, settings.home if request.proof_hint else None)
    return summary


def triage(pairs: list[Pair], request: RunRequest, ledger: Ledger) -> tuple[list[Pair], Summary, dict]:
    """Which pairs to run, which are done or waiting, and why a done-looking pair runs again.

    A setting whose newest read found it changed back by the service is not
    done: it runs again (with the usual approval), and the returned reasons say
    why. In re-check mode every chosen setting flow runs (the command chose
    them because they are done) and form flows are left out.
    """
    from .recheck import day, flow_kind, moment, newest_reads, read_record, unwanted_state

    summary = Summary()
    todo: list[Pair] = []
    reasons: dict[tuple[str, str], str] = {}
    entries = ledger.entries()
    confirmed = ledger.confirmed()
    latest = ledger.latest()
    reads = newest_reads(entries)
    for pair in pairs:
        last = latest.get(pair.key)
        read = reads.get(pair.key)
        if request.recheck:
            if flow_kind(pair.flow.flow) == "setting":
                todo.append(pair)
        elif request.again:
            todo.append(pair)
        elif read is not None and read.get("outcome") == Outcome.TURNED_BACK.value:
            unwanted = unwanted_state(read_record(request.settings.home, read))
            checked = moment(read.get("at"))
            reasons[pair.key] = _turned_back_reason(unwanted, day(checked) if checked else None)
            todo.append(pair)
        elif last and last.get("outcome") == Outcome.STILL_SET.value:
            summary.already.append(
                _("{account} · {flow} (still set, checked {day})").format(
                    account=pair.account.name, flow=pair.flow.flow.id, day=last["at"][:10]
                )
            )
        elif pair.key in confirmed:
            when = confirmed[pair.key]["at"][:10]
            summary.already.append(
                _("{account} · {flow} (confirmed {day})").format(
                    account=pair.account.name, flow=pair.flow.flow.id, day=when
                )
            )
        elif last and last.get("outcome") in DONE_OUTCOMES:
            summary.already.append(f"{pair.account.name} · {pair.flow.flow.id} ({last['outcome']})")
        elif last and last.get("outcome") == Outcome.UNKNOWN.value:
            summary.uncertain.append((pair, last))
        elif last and last.get("ledger_lost"):
            summary.skipped.append(
                # TRANSLATORS: {outcome} is an outcome code (confirmed, sent, …); {day} a date or "undated"
                _(
                    "{account} · {flow}: proof NOT intact — the ledger had lost this attempt, whose record "
                    "says {outcome} ({day}); nothing is sent again on its own. "
                    "Run 'objector verify', then use --again to send it once more"
                ).format(
                    account=pair.account.name,
                    flow=pair.flow.flow.id,
                    outcome=last.get("record_outcome", "sent"),
                    day=str(last.get("found_at") or "")[:10] or _("undated"),
                )
            )
        elif last and is_pending(last):
            summary.skipped.append(
                _(
                    "{account} · {flow}: submitted on {day} but not confirmed; check your e-mail, "
                    "then use --again to submit once more"
                ).format(account=pair.account.name, flow=pair.flow.flow.id, day=last["at"][:10])
            )
        else:
            todo.append(pair)
    return todo, summary, reasons


def decide_uncertain(
    summary: Summary, human: Human, ledger: Ledger, reasons: dict[tuple[str, str], str]
) -> list[Pair]:
    """Forms an earlier run was stopped while sending: it may or may not have reached the service.
    The person decides, by default not to send again; a "keep" is written to the ledger, after
    which the form counts as sent but not confirmed (``--again`` sends it once more)."""
    again: list[Pair] = []
    for pair, last in summary.uncertain:
        when = str(last.get("at", ""))[:16].replace("T", " ")
        question = _(
            "{account} · {title}: objector was stopped while sending this form ({when} UTC), so it may or "
            "may not have reached {service}. Check your e-mail for their confirmation first."
        ).format(
            account=pair.account.name,
            title=flow_words(pair.flow.flow.title),
            when=when,
            service=service_name(pair.flow.flow.platform),
        )
        if human.send_again(question):
            reasons[pair.key] = _("sent again at your word after a run was stopped while sending")
            again.append(pair)
            continue
        ledger.append(
            account=pair.account.name,
            flow=pair.flow.flow.id,
            outcome=Outcome.NOT_CONFIRMED.value,
            submitted=True,
            decided="kept as sent",
        )
        summary.skipped.append(
            _(
                "{account} · {flow}: kept as sent (stopped while sending on {day}); check your e-mail, "
                "then use --again to submit once more"
            ).format(account=pair.account.name, flow=pair.flow.flow.id, day=when[:10])
        )
    return again


#: after Send led to the login page (the request was not kept), the form is opened again this many
#: times in the same run, each with its own review and approval; then a plain next run retries
RETRIES_NOT_KEPT = 1


def _run_pairs(
    todo: list[Pair],
    request: RunRequest,
    texts: dict[tuple[str, str], str],
    human: Human,
    reporter: Reporter,
    browser: BrowserSession,
    ledger: Ledger,
    summary: Summary,
    reasons: dict[tuple[str, str], str],
) -> None:
    from .engine import FlowRun, RunObserver
    from .recheck import newest_reads, switches_used

    settings = request.settings
    last_reads = newest_reads(ledger.entries()) if request.recheck else {}  # for switches_used
    by_account: dict[str, list[Pair]] = {}
    for pair in todo:
        by_account.setdefault(pair.account.name, []).append(pair)
    number = 0
    for account_pairs in by_account.values():
        account = account_pairs[0].account
        context = None
        try:
            for pair in account_pairs:
                number += 1
                flow = pair.flow.flow
                reporter.heading(f"[{number}/{len(todo)}] {account.name} · {flow_words(flow.title)}")
                if pair.key in reasons:
                    reporter.warn(reasons[pair.key])
                covered = _covered_by(account, ledger) if not (request.again or request.recheck) else None
                if covered is not None:
                    ledger.append(
                        account=account.name,
                        flow=flow.id,
                        outcome=Outcome.COVERED.value,
                        covered_via=covered,
                        **({"practice": True} if settings.sites else {}),
                    )
                    reporter.ok(
                        # TRANSLATORS: {account} is the linked account whose objection covers this one
                        _("covered via {account} (same Accounts Centre); not submitted again").format(
                            account=covered
                        )
                    )
                    summary.confirmed.append(
                        _("{account} · {flow} (covered via {other})").format(
                            account=account.name, flow=flow.id, other=covered
                        )
                    )
                    continue
                if context is None:
                    context = browser.open(account.name, timeout=settings.step_timeout)
                page = context.pages[0] if context.pages else context.new_page()
                unofficial = unofficial_service(flow, settings.sites)
                if unofficial:
                    reporter.fail(f"{flow.id} ({pair.flow.path}): {unofficial_label(unofficial)}")
                for tries_left in range(RETRIES_NOT_KEPT, -1, -1):
                    attempt = Attempt(settings.home, account.name, flow.id, unofficial=unofficial)
                    result = FlowRun(
                        page=page,
                        flow=flow,
                        account=account,
                        text=texts[pair.key],
                        human=human,
                        reporter=reporter,
                        settings=settings,
                        attempt=attempt,
                        ledger=ledger,
                        dry_run=request.dry_run,
                        recheck=request.recheck,
                        switches_used=switches_used(settings.home, last_reads.get((account.name, flow.id))),
                        trace=request.trace,
                        observer=request.observer if request.observer is not None else RunObserver(),
                    ).run()
                    if result.outcome is not Outcome.NOT_KEPT or not tries_left or page.is_closed():
                        break
                    reporter.wait(
                        _(
                            "objector opens the form again: review it and answer again (nothing is sent "
                            "without your new answer)"
                        )
                    )
                label = f"{account.name} · {flow.id}"
                message = shown(result.message)  # English in the record, the person's language here
                if attempt.unofficial:  # every line about it says so, the summary's too
                    label += f" ({unofficial_label(attempt.unofficial)})"
                if result.outcome in (Outcome.CONFIRMED, Outcome.STILL_SET):
                    summary.confirmed.append(
                        label
                        if result.outcome is Outcome.CONFIRMED
                        else _("{label} (still set)").format(label=label)
                    )
                    reporter.ok(
                        ngettext(
                            "proof saved: {folder} ({count} file)",
                            "proof saved: {folder} ({count} files)",
                            len(attempt.files),
                        ).format(folder=attempt.relpath, count=len(attempt.files))
                    )
                elif result.outcome is Outcome.TURNED_BACK:
                    summary.failed.append(f"{label}: {outcome_words(result.outcome.value)} — {message}")
                elif result.outcome in (Outcome.DECLINED, Outcome.DRY_RUN):
                    summary.skipped.append(f"{label}: {message}")
                    reporter.warn(
                        # TRANSLATORS: {message} says why nothing was sent; {folder} the attempt's folder
                        _("{message} · record: {folder}").format(message=message, folder=attempt.relpath)
                    )
                else:
                    summary.failed.append(f"{label}: {outcome_words(result.outcome.value)} — {message}")
                    reporter.fail(f"{outcome_words(result.outcome.value)}: {message}")
                    if request.proof_hint:  # not the demo's temporary home: it is deleted at the end
                        reporter.info("  " + _("details: {folder}").format(folder=attempt.folder))
                if result.outcome is Outcome.INTERRUPTED:
                    browser.close(context)
                    context = None
        finally:
            browser.close(context)


def _to_do(todo: list[Pair], recheck: bool) -> str:
    """ "2 objections · 3 settings to do" (or "… to re-check")."""
    if not todo:
        return _("nothing to re-check") if recheck else _("nothing to do")
    forms = sum(1 for p in todo if p.flow.flow.kind == "form")
    settings = len(todo) - forms
    if recheck:
        if not forms:
            return ngettext("{count} setting to re-check", "{count} settings to re-check", settings).format(
                count=settings
            )
        if not settings:
            return ngettext("{count} objection to re-check", "{count} objections to re-check", forms).format(
                count=forms
            )
        # TRANSLATORS: {objections} is e.g. "2 objections", {settings} e.g. "3 settings"
        return _("{objections} · {settings} to re-check").format(
            objections=_objections(forms), settings=_settings(settings)
        )
    if not forms:
        return ngettext("{count} setting to do", "{count} settings to do", settings).format(count=settings)
    if not settings:
        return ngettext("{count} objection to do", "{count} objections to do", forms).format(count=forms)
    # TRANSLATORS: {objections} is e.g. "2 objections", {settings} e.g. "3 settings"
    return _("{objections} · {settings} to do").format(
        objections=_objections(forms), settings=_settings(settings)
    )


def _objections(count: int) -> str:
    return ngettext("{count} objection", "{count} objections", count).format(count=count)


def _settings(count: int) -> str:
    return ngettext("{count} setting", "{count} settings", count).format(count=count)


def _turned_back_reason(unwanted: str | None, day: str | None) -> str:
    """Why a setting found changed back at its last check runs again (it asks first)."""
    if unwanted and day:
        # TRANSLATORS: {state} is the setting's unwanted state (e.g. ON), {day} the check's date
        return _("found {state} again at the last check ({day}); you will be asked first").format(
            state=unwanted, day=day
        )
    if unwanted:
        # TRANSLATORS: {state} is the setting's unwanted state (e.g. ON)
        return _("found {state} again at the last check; you will be asked first").format(state=unwanted)
    if day:
        return _("found changed back at the last check ({day}); you will be asked first").format(day=day)
    return _("found changed back at the last check; you will be asked first")


def _covered_by(account: Account, ledger: Ledger) -> str | None:
    if not account.linked_with:
        return None
    for (name, _flow), entry in ledger.latest().items():
        if name == account.linked_with and entry.get("outcome") == "confirmed":
            return account.linked_with
    return None


def print_summary(summary: Summary, reporter: Reporter, home: Path | None = None) -> None:
    done = len(summary.confirmed) + len(summary.already)
    reporter.heading(
        # TRANSLATORS: the run's summary: how many forms and settings are confirmed (of them done in
        # an earlier run), skipped and failed
        _("Summary: {done} confirmed ({earlier} earlier) · {skipped} skipped · {failed} failed").format(
            done=done, earlier=len(summary.already), skipped=len(summary.skipped), failed=len(summary.failed)
        )
    )
    for item in summary.confirmed:
        reporter.ok(item)
    for item in summary.skipped:
        reporter.warn(item)
    for item in summary.failed:
        reporter.fail(item)
    if home is not None:
        from .commands import proof_hint

        reporter.info(proof_hint(home))


def print_recheck_summary(
    todo: list[Pair], seqs: dict[tuple[str, str], int], reporter: Reporter, home: Path
) -> None:
    """What each re-check found, read back from the ledger: one line per (account, setting)."""
    from .commands import next_home_default, objector_command, with_home
    from .config.hosts import service_name
    from .recheck import recheck_findings

    run_command = with_home(f"{objector_command()} run", home, next_home_default())
    due = [(service_name(p.flow.flow.platform), *p.key, seqs.get(p.key, 0)) for p in todo]
    findings = recheck_findings(home, due, Ledger(home).entries(), run_command)
    count = {tone: sum(f.tone == tone for f in findings) for tone in ("ok", "changed", "failed")}
    reporter.heading(
        # TRANSLATORS: the re-check's summary: how many settings are still set, changed back, not checked
        _("Re-check: {ok} still set · {changed} changed back · {failed} not checked").format(
            ok=count["ok"], changed=count["changed"], failed=count["failed"]
        )
    )
    for finding in findings:
        {"ok": reporter.ok, "changed": reporter.fail, "failed": reporter.warn}[finding.tone](finding.line)
