"""The proof report's page: its style sheet and the small HTML helpers it is built with.

Everything here is plain strings: no template engine, no external fonts,
scripts or images. Every piece of text that comes from the proof goes through
:func:`esc` before it reaches the page.
"""

from __future__ import annotations

import html

SANS = (
    '-apple-system, BlinkMacSystemFont, "Segoe UI", "Helvetica Neue", Arial, '
    '"Liberation Sans", "DejaVu Sans", sans-serif'
)
MONO = '"SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace'


def esc(value: object) -> str:
    """Text from the proof, safe to put between tags or inside a quoted attribute."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def css_string(value: str) -> str:
    """A CSS string literal holding ``value`` (used for the printed page footer)."""
    safe = "".join(ch if ch.isalnum() or ch in " ·.,:-_()" else " " for ch in value)
    return f'"{safe}"'


def style_sheet(footer_left: str) -> str:
    return (
        STYLE.replace("__FOOTER_LEFT__", css_string(footer_left))
        .replace("__SANS__", SANS)
        .replace("__MONO__", MONO)
    )


STYLE = """
:root {
  --ink: #1b1e23; --muted: #5b6270; --faint: #8a909b; --line: #d8dbe0; --soft: #f5f6f8;
  --ok: #13653f; --ok-bg: #e5f4ec; --ok-line: #9fd3b6;
  --warn: #7a4d00; --warn-bg: #fff3d1; --warn-line: #f0cf7a;
  --bad: #a61b12; --bad-bg: #fdebe9; --bad-line: #f0a9a2;
  --idle: #474f5c; --idle-bg: #eceef2; --idle-line: #cdd1d8;
}
@page {
  size: A4;
  margin: 15mm 15mm 17mm 15mm;
  @bottom-left { content: __FOOTER_LEFT__; font: 7pt __SANS__; color: #80868f; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); font: 7pt __SANS__; color: #80868f; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; background: #e9ebef; color: var(--ink);
  font: 15px/1.5 __SANS__;
}
main { max-width: 900px; margin: 28px auto; background: #fff; padding: 44px 52px 36px;
       box-shadow: 0 1px 3px rgba(0,0,0,.12), 0 8px 28px rgba(0,0,0,.06); border-radius: 4px; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0; font-weight: 650; break-after: avoid-page; }
h1 { font-size: 27px; letter-spacing: -.01em; }
h2 { font-size: 20px; }
h3 { font-size: 16px; }
h4 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
     margin: 20px 0 7px; font-weight: 650; }
p { margin: 0 0 10px; }
code, .mono { font-family: __MONO__; font-size: .86em; }
.muted { color: var(--muted); }
.faint { color: var(--faint); }
.nowrap { white-space: nowrap; }
.url { font-family: __MONO__; font-size: .84em; overflow-wrap: anywhere; }

/* head of the document */
.kicker { font-size: 12px; text-transform: uppercase; letter-spacing: .12em; color: var(--muted);
          font-weight: 650; margin-bottom: 6px; }
.lede { color: var(--muted); margin: 10px 0 18px; max-width: 46em; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0 0 22px;
        padding: 12px 0 0; border-top: 2px solid var(--ink); font-size: 13.5px; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.accounts { list-style: none; padding: 0; margin: 0; }
.accounts li { margin: 0 0 2px; }
.accounts b { font-weight: 650; }

/* verification */
.verify { border: 1.5px solid; border-radius: 6px; padding: 14px 18px 12px; margin: 0 0 26px;
          break-inside: avoid-page; }
.verify.ok { border-color: var(--ok-line); background: var(--ok-bg); }
.verify.bad { border-color: var(--bad); background: var(--bad-bg); border-width: 3px; }
.verify.none { border-color: var(--idle-line); background: var(--soft); }
.verify h2 { font-size: 18px; display: flex; align-items: center; gap: 10px; }
.verify.ok h2 { color: var(--ok); }
.verify.bad h2 { color: var(--bad); font-size: 21px; }
.verify p { margin: 6px 0 8px; font-size: 14px; }
.mark { display: inline-flex; width: 26px; height: 26px; border-radius: 50%; align-items: center;
        justify-content: center; color: #fff; font-size: 16px; flex: none; }
.ok .mark { background: var(--ok); }
.bad .mark { background: var(--bad); }
.none .mark { background: var(--faint); }
.problems { margin: 6px 0 10px; padding-left: 20px; font-size: 13.5px; }
.problems li { margin: 3px 0; }
.problems .kind { font-weight: 650; color: var(--bad); }
.fingerprint { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; align-items: baseline;
               font-size: 13px; border-top: 1px solid rgba(0,0,0,.1); padding-top: 8px; margin-top: 8px; }
.fingerprint .hash { font-family: __MONO__; font-size: 12.5px; letter-spacing: .02em; word-spacing: .2em; }
.fingerprint .muted { grid-column: 1 / -1; font-size: 12px; }

/* summary */
section.summary { margin: 0 0 28px; }
section.summary h2 { margin-bottom: 10px; }
table { border-collapse: collapse; width: 100%; }
.summary-table { font-size: 13.5px; }
.summary-table th { text-align: left; font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em;
                    color: var(--muted); font-weight: 650; border-bottom: 2px solid var(--ink); padding: 6px 8px; }
.summary-table td { border-bottom: 1px solid var(--line); padding: 8px 8px; vertical-align: top; }
.summary-table tr { break-inside: avoid; }
.summary-table .sub { display: block; font-size: 11.5px; color: var(--faint); }
.summary-table .col-form { width: 36%; }
.summary-table td:first-child { white-space: nowrap; }
.note { font-size: 12.5px; color: var(--muted); margin-top: 10px; }

/* outcome badges */
.badge { display: inline-block; border: 1px solid; border-radius: 999px; padding: 1px 9px;
         font-size: 12px; font-weight: 650; white-space: nowrap; line-height: 1.5; }
.badge.ok { color: var(--ok); background: var(--ok-bg); border-color: var(--ok-line); }
.badge.warn { color: var(--warn); background: var(--warn-bg); border-color: var(--warn-line); }
.badge.bad { color: var(--bad); background: var(--bad-bg); border-color: var(--bad-line); }
.badge.idle { color: var(--idle); background: var(--idle-bg); border-color: var(--idle-line); }

/* attempts */
.part-title { margin: 34px 0 4px; font-size: 22px; break-before: page; }
.part-intro { color: var(--muted); font-size: 13.5px; margin-bottom: 6px; }
article.attempt { margin: 22px 0 0; }
article.attempt.full { break-before: page; padding-top: 0; }
article.attempt.full:first-of-type { break-before: auto; }
article.attempt.compact, article.covered { break-inside: avoid-page; border: 1px solid var(--line);
  border-radius: 6px; padding: 12px 16px 10px; }
.attempt-head { border-bottom: 2px solid var(--ink); padding-bottom: 8px; margin-bottom: 12px;
                break-inside: avoid; break-after: avoid-page; }
.compact .attempt-head, .covered .attempt-head { border-bottom-width: 1px; border-color: var(--line); }
.crumbs { font-size: 12.5px; color: var(--muted); letter-spacing: .02em; }
.crumbs b { color: var(--ink); }
.attempt-head h3 { font-size: 18px; margin: 2px 0 6px; }
.compact .attempt-head h3, .covered .attempt-head h3 { font-size: 15px; }
.headline { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; font-size: 13px; color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 5px 18px; margin: 0; font-size: 13.5px;
         break-inside: avoid; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; min-width: 0; }
.warnbox { border-left: 4px solid var(--bad); background: var(--bad-bg); padding: 8px 12px; margin: 12px 0;
           font-size: 13.5px; break-inside: avoid; }
.warnbox.soft { border-color: var(--warn-line); background: var(--warn-bg); }
.warnbox ul { margin: 4px 0 0; padding-left: 18px; }
blockquote.answer { margin: 0; padding: 8px 14px; border-left: 4px solid var(--ok-line); background: var(--ok-bg);
                    font-size: 14px; break-inside: avoid; }
pre.sent { white-space: pre-wrap; overflow-wrap: anywhere; font: 13px/1.5 __SANS__; margin: 0;
           padding: 12px 16px; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; }
figure { margin: 16px 0 0; break-inside: avoid; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #b9bec6; margin: 0 auto;
             background: #fff; }
figcaption { font-size: 12.5px; color: var(--muted); margin-top: 5px; text-align: center; }
figcaption b { color: var(--ink); font-weight: 650; }
.missing-shot { border: 1.5px dashed var(--bad-line); background: var(--bad-bg); color: var(--bad);
                padding: 18px; text-align: center; font-size: 13.5px; }
.thumbs { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.thumbs figure { margin-top: 10px; }
.mail { border: 1px solid var(--line); border-radius: 4px; padding: 10px 14px; font-size: 13px; break-inside: avoid; }
.mail dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 8px; }
.mail dt { color: var(--muted); }
.mail dd { margin: 0; overflow-wrap: anywhere; }
.mail pre { white-space: pre-wrap; overflow-wrap: anywhere; font: 12px/1.45 __SANS__; margin: 0;
            border-top: 1px solid var(--line); padding-top: 8px; color: #30353d; }
.files, .steps, .ledger { font-size: 12px; }
.files th, .steps th, .ledger th { text-align: left; font-weight: 650; color: var(--muted); font-size: 11px;
  text-transform: uppercase; letter-spacing: .04em; border-bottom: 1px solid var(--ink); padding: 4px 6px; }
.files td, .steps td, .ledger td { border-bottom: 1px solid var(--line); padding: 4px 6px; vertical-align: top; }
.files tr, .steps tr, .ledger tr { break-inside: avoid; }
.files td.hash, .ledger td.hash { font-family: __MONO__; font-size: 10.5px; overflow-wrap: anywhere; }
.files .role { display: block; color: var(--faint); font-size: .9em; line-height: 1.3; }
.files { break-inside: avoid; }
.ledger-part h2, .ledger-part .part-intro { break-after: avoid-page; }
.files .state-ok { color: var(--ok); font-weight: 650; }
.files .state-bad { color: var(--bad); font-weight: 650; }
.steps td.when { white-space: nowrap; color: var(--muted); }
.steps .sub { display: block; color: var(--faint); font-size: .9em; }
.settings-part h3 { margin: 16px 0 6px; }
.settings-history a { color: inherit; }
.ledger-part { margin-top: 34px; }
.ledger .sub { display: block; color: var(--faint); white-space: nowrap; }
footer.doc-foot { margin-top: 30px; padding-top: 10px; border-top: 1px solid var(--line); font-size: 12px;
                  color: var(--faint); }
.empty { border: 1px dashed var(--line); border-radius: 6px; padding: 22px; text-align: center; color: var(--muted); }

@media screen {
  article.attempt.full { margin-top: 64px; padding-top: 30px; border-top: 5px solid var(--soft); }
  article.attempt.compact, article.covered { margin-top: 28px; }
}
@media print {
  body { background: none; font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; border-radius: 0; }
  h1 { font-size: 19pt; }
  h2 { font-size: 14pt; }
  .verify.bad h2 { font-size: 15pt; }
  .attempt-head h3 { font-size: 13pt; }
  .compact .attempt-head h3, .covered .attempt-head h3 { font-size: 11pt; }
  .kicker { font-size: 8pt; }
  .lede { font-size: 9.5pt; }
  .meta, .facts, .summary-table, .verify p, .problems, .part-intro { font-size: 9pt; }
  .summary-table th, h4 { font-size: 7.5pt; }
  .summary-table .sub, .crumbs, .headline, figcaption, .note, .fingerprint .muted { font-size: 8pt; }
  .fingerprint { font-size: 8.5pt; }
  .fingerprint .hash { font-size: 8.5pt; }
  .badge { font-size: 8pt; }
  pre.sent { font-size: 9pt; padding: 8px 12px; }
  blockquote.answer, .warnbox { font-size: 9pt; }
  .mail { font-size: 8.5pt; }
  .mail pre { font-size: 8pt; }
  .files, .steps, .ledger { font-size: 8pt; }
  .files th, .steps th, .ledger th { font-size: 7pt; }
  .files td.hash, .ledger td.hash { font-size: 7.5pt; }
  figure img { max-height: 96mm; width: auto; }
  figure { margin-top: 10px; }
  .facts { gap: 3px 16px; }
  .steps td, .files td, .ledger td { padding: 2.5px 6px; }
  .steps { font-size: 7.5pt; }
  figure.tall img { max-height: 225mm; }
  .thumbs figure img { max-height: 60mm; }
  .part-title { font-size: 16pt; margin-top: 0; }
  h4 { margin: 12px 0 5px; }
}
"""
