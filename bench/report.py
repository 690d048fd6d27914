"""The Markdown tables (ready to paste into the README) from the results dict."""

from __future__ import annotations


def _s(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f} s"


def _ms(x: float | None) -> str:
    return "–" if x is None else f"{x * 1000:.0f} ms"


def _stat(st: dict[str, float], digits: int = 2) -> str:
    return (
        f"median {st['median']:.{digits}f} s (min {st['min']:.{digits}f}, "
        f"p90 {st['p90']:.{digits}f}; n={st['n']})"
    )


def _verdict(ok: bool) -> str:
    return "**PASS**" if ok else "**MISS**"


def markdown(results: dict) -> str:
    m = results["machine"]
    lines: list[str] = []
    lines.append(f"### Benchmarks ({results['finished_at']})")
    lines.append("")
    lines.append(
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB RAM · Python {m['python']} · "
        f"{m['chromium']} (headless) · Playwright {m['playwright']} · {m['objector']}. "
        f"Load average (1 min) at start / end: {results['load_start'][0]} / {results['load_end'][0]}."
    )
    lines.append("")
    lines.append(
        f"Command: `{results['command']}` (from the repository root; took "
        f"{results['elapsed_s']:.0f} s). Raw samples: `bench/results/latest.json`. "
        f"Code measured: `assistant/` + `flows/` fingerprint {results['package_fingerprint_end']}."
    )
    lines.append("")
    if results.get("package_changed_during_run"):
        lines.append(
            "**Warning: `assistant/` or `flows/` changed while the benchmarks ran; these numbers mix "
            "two versions of the code. Run again.**"
        )
        lines.append("")
    lines.append("| benchmark | objector | baseline | ratio | target | result |")
    lines.append("|---|---|---|---|---|---|")
    st = results.get("startup")
    if st:
        base = st["stats_s"]["import typer"]
        for name in ("objector --help", "objector --version"):
            lines.append(
                f'| start-up: `{name}` | {_stat(st["stats_s"][name], 3)} | `python -c "import typer"` '
                f"{_stat(base, 3)} | {st['ratio_to_import_typer'][name]:.2f}× | ≤ {st['target_ratio']}× | "
                f"{_verdict(st['pass'][name])} |"
            )
    ov = results.get("overhead")
    if ov:
        lines.append(
            f"| overhead per flow: `objector run --again`, 1 logged-in account, answer `y` | "
            f"{_stat(ov['stats_s']['objector'])} | `bench/raw_flow.py` (hand-written Playwright) "
            f"{_stat(ov['stats_s']['raw'])} | {ov['ratio_median']:.2f}× | ≤ {ov['target_ratio']}× | "
            f"{_verdict(ov['pass'])} |"
        )
    sc = results.get("scaling")
    if sc:
        runs = sc["runs"]
        base = runs[0]
        for r in runs[1:]:
            lines.append(
                f"| scaling: time per account, {r['accounts']} accounts in one run | "
                f"{_stat(r['per_account_stats_s'])} | {base['accounts']} account: "
                f"{base['per_account_stats_s']['median']:.2f} s | {r['time_ratio']:.2f}× | within ±"
                f"{sc['time_tolerance'] * 100:.0f} % | {_verdict(r['time_pass'])} |"
            )
        for r in runs[1:]:
            lines.append(
                f"| scaling: peak memory of the process tree, {r['accounts']} accounts | "
                f"RSS {r['peak_rss_mib']:.0f} MiB (PSS {r['peak_pss_mib']:.0f} MiB) | {base['accounts']} "
                f"account: RSS {base['peak_rss_mib']:.0f} MiB (PSS {base['peak_pss_mib']:.0f} MiB) | "
                f"{r['rss_ratio']:.2f}× | does not grow (≤ {1 + sc['memory_tolerance']:.1f}×) | "
                f"{_verdict(r['memory_pass'])} |"
            )
    lines.append("")
    if st and st.get("split_ms"):
        parts = ", ".join(f"{k} {v:.0f} ms" for k, v in st["split_ms"]["median_ms"].items())
        mins = ", ".join(f"`{k}` {v:.2f}×" for k, v in st["ratio_of_minimums"].items())
        lines.append(
            f"Start-up, ratio of the fastest runs (less sensitive to load): {mins}. "
            f"Split of `objector --help` in one interpreter (medians): {parts}."
        )
        lines.append("")
    if ov and ov.get("skipped"):
        lines.append(f"Skipped to stay within the time budget (`--budget`): {', '.join(ov['skipped'])}.")
        lines.append("")

    if ov:
        lines.append(
            "#### Overhead per flow: where the time goes (medians over the pairs, from each side's own output)"
        )
        lines.append("")
        lines.append("| phase | objector | raw script | difference |")
        lines.append("|---|---|---|---|")
        tot_o = tot_r = 0.0
        for label, row in ov["phases_median_s"].items():
            o, r = row["objector"], row["raw"]
            tot_o += o or 0.0
            tot_r += r or 0.0
            diff = (o or 0.0) - (r or 0.0)
            lines.append(f"| {label} | {_s(o)} | {_s(r)} | {diff:+.2f} s |")
        lines.append(f"| **sum of the medians** | {_s(tot_o)} | {_s(tot_r)} | {tot_o - tot_r:+.2f} s |")
        lines.append("")
        rem = ov.get("consent_remembered")
        if rem:

            def med(v: list) -> float | None:
                v = [x for x in v if x is not None]
                return sorted(v)[len(v) // 2] if v else None

            lines.append(
                f"Consent remembered (no cookie dialog on the page, as on every later run of a real "
                f"profile; objector only, n={len(rem['objector_wall_s'])}): objector "
                f"{_s(med(rem['objector_wall_s']))} ({rem['ratio_to_raw_median']:.2f}× the raw median above); "
                f"from the form being ready to the country chosen: objector "
                f"{_s(med(rem['objector_ready_to_country_s']))}, raw (with the dialog) "
                f"{_s(med(rem['raw_ready_to_country_with_dialog_s']))}."
            )
            lines.append("")
        it = ov.get("objector_run_importtime")
        if it:
            lines.append(
                f"Imports of a real `objector run` (`PYTHONPROFILEIMPORTTIME=1` on the {ov.get('warmup', 'warm-up')}; "
                f"every module it loads): {it['total_ms']:.0f} ms in total; by package (self time): "
                + ", ".join(
                    f"{row['package']} {row['self_ms']:.0f} ms" for row in it["self_ms_by_package"][:8]
                )
                + "; biggest first imports: "
                + ", ".join(f"{row['module']} {row['cumulative_ms']:.0f} ms" for row in it["top_ms"][:6])
                + "."
            )
            lines.append("")
        bd = ov.get("breakdown")
        if bd:
            ip = bd["objector_in_process"]
            raw = bd["raw_in_process"]
            imp = bd["imports"]
            lines.append(
                f"#### One objector flow in-process (`assistant.runner.execute`, same account), by category "
                f"(exclusive time; total {ip['total_s']:.2f} s; raw script's `run_flow` in-process: "
                f"{raw['total_s']:.2f} s)"
            )
            lines.append("")
            lines.append("| category | time | share |")
            lines.append("|---|---|---|")
            for name, secs in ip["categories_s"].items():
                lines.append(f"| {name} | {_ms(secs)} | {secs / ip['total_s'] * 100:.0f} % |")
            lines.append("")
            lines.append(
                "Per step of the flow (inclusive time; sleeps = `page.wait_for_timeout` inside the step):"
            )
            lines.append("")
            lines.append("| step | optional | time | of which sleeps | result |")
            lines.append("|---|---|---|---|---|")
            for row in ip["steps"]:
                lines.append(
                    f"| {row['step']} | {'yes' if row['optional'] else 'no'} | {_ms(row['seconds'])} | "
                    f"{_ms(row['sleeps_s'])} | {_clip(row['result'], 60)} |"
                )
            lines.append("")
            lines.append(
                f"Python main-thread CPU during the run: objector {ip['main_thread_cpu_s']:.2f} s of "
                f"{ip['total_s']:.2f} s wall, raw script {raw['main_thread_cpu_s']:.2f} s of {raw['total_s']:.2f} s."
            )
            w = imp["wall_s"]
            lines.append(
                f"Driver round trips: objector {ip['driver_messages']}, raw script {raw['driver_messages']}. "
                f"Interpreter + imports in a fresh process (wall, median of {w['python -c pass']['n']}): "
                f"bare `python -c pass` {_ms(w['python -c pass']['median'])}, the raw script's imports "
                f"{_ms(w['raw script imports (playwright.sync_api)']['median'])}, the imports of `objector run` "
                f"{_ms(w['objector run imports']['median'])} (`-X importtime`: "
                + ", ".join(
                    f"{row['module']} {row['cumulative_ms']:.0f} ms"
                    for row in imp["importtime_by_statement_ms"][:6]
                )
                + ")."
            )
            if ip.get("pyinstrument"):
                lines.append(f"pyinstrument profile of the same run: `{_rel(ip['pyinstrument'])}`.")
            lines.append("")

    if sc:
        lines.append(
            "#### Scaling detail (one `objector run` per row; fresh home; practice auto-login "
            "0.2 s, login wait included in the time per account)"
        )
        lines.append("")
        lines.append(
            "| accounts | wall | wall / account | per account (heading to heading) | of which login wait "
            "| per account without login | peak RSS (tree) | peak PSS (tree) | processes |"
        )
        lines.append("|---|---|---|---|---|---|---|---|---|")
        for r in sc["runs"]:
            lines.append(
                f"| {r['accounts']} | {_s(r['wall_s'], 1)} | {_s(r['wall_per_account_s'])} | "
                f"{_stat(r['per_account_stats_s'])} | median {_s(r['login_wait_stats_s']['median'])} | "
                f"median {_s(r['per_account_without_login_stats_s']['median'])} | "
                f"{r['peak_rss_mib']:.0f} MiB | {r['peak_pss_mib']:.0f} MiB | {r['peak_processes']} |"
            )
        drift = sc.get("drift_within_largest_run")
        if drift:
            lines.append("")
            lines.append(
                f"Within the largest run: first quarter of the accounts median "
                f"{drift['first_quarter_median_s']:.2f} s, last quarter {drift['last_quarter_median_s']:.2f} s "
                f"({drift['ratio']:.2f}×)."
            )
        lines.append("")
    return "\n".join(lines)


def _rel(path: str) -> str:
    marker = "/bench/"
    return "bench/" + path.split(marker, 1)[1] if marker in path else path


def _clip(text: str, width: int) -> str:
    text = text.replace("|", "/")
    return text if len(text) <= width else text[: width - 1] + "…"
