"""JavaScript the engine runs in the page, and how it finds dialogs: kept apart from the steps.

Each function is small and read-only, except ``HIGHLIGHT_JS`` and
``GROW_TEXTAREAS_JS``, which only change how the form looks for the review, and
``WATCH_JS``, which keeps two times on ``window``.
"""

_CHANGES = "{subtree: true, childList: true, characterData: true, attributes: true, attributeOldValue: true}"
# Whether a batch of changes may have shown something new: an element or some text added, an
# element un-hidden, or a visible element restyled. A list closing, an element hidden, a state
# attribute (aria-expanded, value) or a text changing in place show nothing new.
_SHOWS = """records => records.some(m => {
    if (m.type === 'childList') return Array.from(m.addedNodes).some(
      n => n.nodeType === 1 || (n.nodeType === 3 && n.textContent.trim() !== ''));
    if (m.type !== 'attributes' || m.target.nodeType !== 1) return false;
    const el = m.target, name = m.attributeName;
    if ((name === 'hidden' || name === 'open' || name === 'aria-hidden') && m.oldValue === null) return false;
    if (!['hidden', 'open', 'aria-hidden', 'style', 'class'].includes(name)) return false;
    return el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0; })"""
#: Installed before a document's own scripts run (main frame only): keeps on ``window`` the time
#: of the document's last change and of the last one that may have shown something new.
WATCH_JS = (
    """(() => { if (window !== window.top || window.__objectorChangedAt !== undefined) return;
  const shows = """
    + _SHOWS
    + """;
  window.__objectorChangedAt = window.__objectorShownAt = performance.now();
  new MutationObserver(records => {
    const now = performance.now();
    window.__objectorChangedAt = now;
    if (shows(records)) window.__objectorShownAt = now;
  }).observe(document, """
    + _CHANGES
    + """); })()"""
)
#: Resolves once the document has gone ``quiet`` ms without a change (true), or after ``most`` ms
#: while it keeps changing (false); with ``shown``, only changes that may show something new
#: count. The quiet counts from the last such change the watch saw, if any, but not from
#: earlier than ``since`` ms ago.
QUIET_JS = (
    """(_root, [quiet, most, since, shown]) => new Promise(resolve => {
  const shows = """
    + _SHOWS
    + """;
  const now = performance.now();
  const last = shown ? window.__objectorShownAt : window.__objectorChangedAt;
  const known = typeof last === 'number' && last <= now ? now - last : 0;
  const still = Math.min(quiet, known, since);
  let timer = 0;
  const finish = result => {
    observer.disconnect(); clearTimeout(timer); clearTimeout(limit); resolve(result);
  };
  const observer = new MutationObserver(records => {
    if (shown && !shows(records)) return;
    clearTimeout(timer); timer = setTimeout(finish, quiet, true);
  });
  observer.observe(document, """
    + _CHANGES
    + """);
  timer = setTimeout(finish, quiet - still, true);
  const limit = setTimeout(finish, most, false);
})"""
)
#: Resolves at the document's first change (true, not before ``least`` ms), or after ``most`` ms.
CHANGED_JS = (
    """(_root, [least, most]) => new Promise(resolve => {
  const start = performance.now();
  let done = false;
  const finish = changed => {
    if (done) return; done = true; observer.disconnect(); clearTimeout(limit); resolve(changed);
  };
  const observer = new MutationObserver(() => {
    observer.disconnect();
    setTimeout(finish, Math.max(0, least - (performance.now() - start)), true);
  });
  observer.observe(document, """
    + _CHANGES
    + """);
  const limit = setTimeout(finish, most, false);
})"""
)

DIALOG_XPATH = (
    "@role='dialog' or @role='alertdialog' or @aria-modal='true' or self::dialog"
    " or @data-testid='cookie-policy-manage-dialog'"
)
HIGHLIGHT_JS = """el => { el.scrollIntoView({block: 'center'});
  el.style.outline = '4px solid #f5820b'; el.style.outlineOffset = '3px'; }"""
GROW_TEXTAREAS_JS = """() => document.querySelectorAll('textarea').forEach(t => {
  if (t.scrollHeight > t.clientHeight) t.style.height = (t.scrollHeight + 6) + 'px'; })"""
# Is the objection text (its first words) in a visible text box of the page?
# Is the letter (its start) in a visible text box? The box holding it is marked data-objector-text-box.
TEXT_BOX_MARK_JS = """start => {
  const mark = 'data-objector-text-box';
  document.querySelectorAll(`[${mark}]`).forEach(e => e.removeAttribute(mark));
  const box = Array.from(document.querySelectorAll(
    'textarea, [contenteditable=""], [contenteditable=true], input[type=text], input:not([type])'))
    .find(e => e.offsetParent !== null &&
         ((e.value !== undefined ? e.value : e.innerText) || '').replace(/\\s+/g, ' ').includes(start));
  if (box) box.setAttribute(mark, '1');
  return !!box; }"""
VALUE_PRESENT_JS = """value => Array.from(document.querySelectorAll('input, textarea'))
  .some(e => e.type !== 'password' && (e.value || '').trim().toLowerCase() === value.toLowerCase())"""
LABEL_OF_JS = """el => { const by = el.getAttribute('aria-labelledby');
  const t = by ? by.split(/\\s+/).map(i => (document.getElementById(i) || {}).innerText || '').join(' ')
    : (el.labels && el.labels[0] ? el.labels[0].innerText : el.getAttribute('aria-label') || '');
  return t.replace(/\\s+/g, ' ').trim(); }"""
# The name a person reads on a control: its label, else its own text or value
NAME_OF_JS = """el => { const by = el.getAttribute('aria-labelledby');
  if (by) return by.split(/\\s+/).map(i => (document.getElementById(i) || {}).innerText || '').join(' ');
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
  if (el.labels && el.labels[0]) return el.labels[0].innerText;
  return el.innerText || el.value || ''; }"""
# Visible required controls still empty; returns their labels (or names).
REQUIRED_EMPTY_JS = """() => {
  const label = el => { const by = el.getAttribute('aria-labelledby');
    const t = by ? by.split(/\\s+/).map(i => (document.getElementById(i) || {}).innerText || '').join(' ')
      : (el.labels && el.labels[0] ? el.labels[0].innerText : el.getAttribute('aria-label') || el.name || '');
    return t.replace(/\\s+/g, ' ').trim(); };
  const seen = new Set(); const out = [];
  for (const el of document.querySelectorAll('[required], [aria-required=true]')) {
    if (el.offsetParent === null || el.disabled) continue;
    let empty;
    if (el.type === 'checkbox') empty = !el.checked;
    else if (el.type === 'radio') { if (seen.has(el.name)) continue; seen.add(el.name);
      empty = !document.querySelector(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`); }
    else if (el.getAttribute('role') === 'radiogroup')
      empty = !el.querySelector('[aria-checked=true], :checked');
    else if (el.getAttribute('role') === 'checkbox') empty = el.getAttribute('aria-checked') !== 'true';
    else if (el.getAttribute('role') === 'combobox' && !/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) {
      // a list opened by a click
      const list = document.getElementById(el.getAttribute('aria-controls') || '');
      empty = list ? !list.querySelector('[aria-selected=true]') : !el.innerText.trim(); }
    else if (el.getAttribute('role') === 'group')  // a row of toggle buttons
      empty = !el.querySelector('[aria-pressed=true], [aria-checked=true], :checked');
    else if ('value' in el) empty = !String(el.value).trim();
    else empty = !el.innerText.trim();
    if (empty) out.push(label(el) || el.tagName.toLowerCase());
  }
  return out; }"""
# A setting's control and what it shows, in one evaluation. The found element may be the control
# itself, a <label> for it, the text it is labelled by (aria-labelledby), a text inside a <label>
# around it, or its name in a row that holds no other control; ``path`` says which. Where the row
# holds several controls (a card with no row per setting) none is taken: ``path`` is "ambiguous".
# A web component's state is read from the control in its open shadow root (never its ``value``).
# ``settled`` is false while the control or a container is disabled, busy or a placeholder. The
# control is marked data-objector-setting, and what to click data-objector-click (the label of an
# input drawn invisibly under a styled switch).
SETTING_STATE_JS = """(el, chosen) => {
  const kinds = 'input[type=checkbox], input[type=radio], [role=switch], [role=checkbox], [role=radio], ' +
    '[role=menuitemcheckbox], [aria-checked], [aria-pressed]';
  const inner = e => e && e.shadowRoot ? e.shadowRoot.querySelector(kinds) : null;
  const isControl = e => e.matches(kinds) || !!inner(e);
  const outer = e => { const root = e.getRootNode(); return root instanceof ShadowRoot ? root.host : null; };
  const nested = e => { for (let p = e.parentElement; p; p = p.parentElement) if (isControl(p)) return true;
    return false; };
  // a copy kept out of the accessibility tree (a form input a library draws beside its switch) is no control
  const exposed = e => !e.closest('[aria-hidden=true], [hidden], [inert]');
  const controlsIn = root => Array.from(root.querySelectorAll('*'))
    .filter(e => isControl(e) && exposed(e) && !nested(e));
  let many = [];  // the controls that made the choice ambiguous, in document order
  const pick = (found, path) =>
    found.length === 1 ? [found[0], path] : found.length > 1 ? (many = found, [null, 'ambiguous']) : null;
  const choose = () => {
    if (isControl(el) || outer(el)) return [el, 'itself'];
    if (el.tagName === 'LABEL') return (el.control && [el.control, 'label']) || pick(controlsIn(el), 'label');
    const own = controlsIn(el);
    if (own.length) return pick(own, 'row');
    if (el.id) {
      const names = e => e.getAttribute('aria-labelledby').split(/\\s+/).includes(el.id);
      const by = Array.from(document.querySelectorAll('[aria-labelledby]')).filter(
        e => (isControl(e) || e.matches('input, select, textarea')) && names(e));
      const chosen = pick(by, 'labelledby');
      if (chosen) return chosen;
    }
    const label = el.closest('label');
    if (label) {
      const chosen = (label.control && [label.control, 'label']) || pick(controlsIn(label), 'label');
      if (chosen) return chosen;
    }
    for (let p = el.parentElement, i = 0; p && p !== document.body && i < 3; p = p.parentElement, i++) {
      const chosen = pick(controlsIn(p), 'row');
      if (chosen) return chosen;
      const buttons = i === 0 && !el.matches('button') ? p.querySelectorAll('button') : [];
      if (buttons.length === 1) return [buttons[0], 'button'];
    }
    return [el, 'itself'];
  };
  for (const mark of ['data-objector-setting', 'data-objector-click', 'data-objector-candidate'])
    document.querySelectorAll(`[${mark}]`).forEach(e => e.removeAttribute(mark));
  let [c, path] = choose();
  // where it could be more than one: the one at ``chosen.place`` (chosen.path: "yours", the one the
  // person used; "named", the only one whose own words the flow names)
  if (!c && chosen && Number.isInteger(chosen.place) && chosen.place >= 0 && chosen.place < many.length)
    [c, path] = [many[chosen.place], chosen.path];
  const off = e => e.disabled === true || e.getAttribute('aria-disabled') === 'true';
  const drafted = e => e.closest('[aria-busy=true], [aria-disabled=true], fieldset[disabled], ' +
    '[class*=skeleton], [class*=placeholder], [class*=shimmer], [data-placeholder]');
  // a candidate's own words: its name, its <label>, else the text of the largest box around it that
  // holds no other candidate (its own row; none in a card that holds them all)
  const words = e => {
    const by = e.getAttribute('aria-labelledby');
    if (by) return by.split(/\\s+/).map(i => (document.getElementById(i) || {}).innerText || '').join(' ');
    const label = e.closest('label') || (e.labels && e.labels[0]);
    if (label) return label.innerText;
    let row = e;
    const alone = box => !many.some(o => o !== e && box.contains(o));
    while (row.parentElement && alone(row.parentElement)) row = row.parentElement;
    return (row.innerText || '') + ' ' + (e.getAttribute('aria-label') || '');
  };
  if (!c) {  // settled once every candidate can be used (not a placeholder the page draws first)
    many.forEach((e, i) => e.setAttribute('data-objector-candidate', String(i)));
    return {path: 'ambiguous', candidates: many.length, settled: !many.some(e => off(e) || drafted(e)),
            names: many.map(e => words(e).replace(/\\s+/g, ' ').trim().slice(0, 300)),
            tag: '', type: '', checked: null, ariaChecked: null, ariaPressed: null, own: [], near: []};
  }
  const host = outer(c) || c, shadow = inner(c), s = shadow || c;
  host.setAttribute('data-objector-setting', '1');
  const input = s.tagName === 'INPUT', box = s.getBoundingClientRect();
  const hidden = !shadow && input && (box.width < 4 || box.height < 4 || getComputedStyle(s).opacity === '0');
  ((hidden && s.labels && s.labels[0]) || host).setAttribute('data-objector-click', '1');
  const lines = t => String(t || '').split('\\n').map(x => x.replace(/\\s+/g, ' ').trim())
    .filter(Boolean).slice(0, 30);
  const text = input || shadow ? '' : (host.innerText || host.getAttribute('aria-label') || '');
  const near = [];
  for (let p = host.parentElement, i = 0; p && i < 2; p = p.parentElement, i++)
    near.push(...lines(p.innerText));
  const tickable = input && (s.type === 'checkbox' || s.type === 'radio');
  const aria = name => host.getAttribute(name) || (shadow ? shadow.getAttribute(name) : null);
  const waiting = drafted(host);
  return {path: path, tag: host.tagName.toLowerCase(), type: (s.getAttribute('type') || '').toLowerCase(),
          checked: tickable ? s.checked : null,
          ariaChecked: aria('aria-checked'), ariaPressed: aria('aria-pressed'),
          disabled: off(host) || off(s), settled: !(off(host) || off(s) || waiting),
          own: lines(text), near: near.slice(0, 30)};
}"""
# Where objector could not tell which of several switches is the setting (SETTING_STATE_JS marked
# them data-objector-candidate=N): which of them the person uses while they switch it by hand.
# __objectorChoice() is the place of the one they used, or null when they used none or more than one.
CHOICE_WATCH_JS = """() => {
  window.__objectorUsed = new Set();
  if (window.__objectorWatchingChoice) return;
  window.__objectorWatchingChoice = true;
  const note = ev => {
    if (ev.type === 'keydown' && ev.key !== ' ' && ev.key !== 'Enter') return;
    for (const e of ev.composedPath()) {
      if (e instanceof Element && e.hasAttribute('data-objector-candidate')) {
        window.__objectorUsed.add(Number(e.getAttribute('data-objector-candidate')));
        return;
      }
    }
  };
  for (const kind of ['click', 'change', 'keydown']) document.addEventListener(kind, note, true);
  window.__objectorChoice = () =>
    window.__objectorUsed.size === 1 ? Array.from(window.__objectorUsed)[0] : null;
}"""
# Marks every button that is disabled or hidden now (data-objector-was-off), before a switch: a
# page-level Save button that a change enables or shows is told apart afterwards.
SAVE_SNAPSHOT_JS = """() => {
  document.querySelectorAll('[data-objector-was-off]')
    .forEach(e => e.removeAttribute('data-objector-was-off'));
  document.querySelectorAll('button, [role=button], input[type=submit], input[type=button]').forEach(b => {
    const shown = b.checkVisibility ? b.checkVisibility() : b.getClientRects().length > 0;
    if (b.disabled || b.getAttribute('aria-disabled') === 'true' || !shown)
      b.setAttribute('data-objector-was-off', '1'); }); }"""
# The buttons of the page that could save the marked control's change, each marked
# data-objector-save-candidate=N: its words, whether it can be pressed now, whether it was off
# before the change, whether it is in the control's form, and how many levels up from the control
# the nearest element holding both is (the nearest first). Buttons in dialogs are left out.
SAVE_CANDIDATES_JS = """() => {
  const control = document.querySelector('[data-objector-setting]');
  if (!control) return [];
  document.querySelectorAll('[data-objector-save-candidate]')
    .forEach(e => e.removeAttribute('data-objector-save-candidate'));
  const up = []; for (let p = control.parentElement; p; p = p.parentElement) up.push(p);
  const form = control.closest('form') || (control.form || null);
  const out = [];
  document.querySelectorAll('button, [role=button], input[type=submit], input[type=button]').forEach(b => {
    if (b === control || control.contains(b)) return;
    if (b.closest('[role=dialog], [role=alertdialog], dialog')) return;
    const depth = up.findIndex(p => p.contains(b));
    const words = (b.getAttribute('aria-label') || b.innerText || b.value || '').replace(/\\s+/g, ' ').trim();
    const shown = b.checkVisibility ? b.checkVisibility() : b.getClientRects().length > 0;
    b.setAttribute('data-objector-save-candidate', String(out.length));
    out.push({index: out.length, words: words.slice(0, 80), depth: depth < 0 ? 99 : depth,
              usable: shown && !b.disabled && b.getAttribute('aria-disabled') !== 'true',
              wasOff: b.hasAttribute('data-objector-was-off'), sameForm: !!form && form.contains(b)});
  });
  return out.sort((a, b) => a.depth - b.depth); }"""
# every matching link's address and words (for settings made per blog or site)
LINKS_JS = """els => els.map(a => [a.href || '',
  (a.innerText || a.getAttribute('aria-label') || a.title || '').replace(/\\s+/g, ' ').trim()])"""
# The title of the dialog an element is in (its label, else its first heading); null outside one
DIALOG_TITLE_JS = """el => {
  const d = el.closest('[role=dialog], [role=alertdialog], [aria-modal=true], dialog');
  if (!d) return null; const by = d.getAttribute('aria-labelledby');
  const t = d.getAttribute('aria-label')
    || (by ? by.split(/\\s+/).map(i => (document.getElementById(i) || {}).innerText || '').join(' ') : '')
    || (d.querySelector('h1, h2, h3, [role=heading]') || {}).innerText || '';
  return t.replace(/\\s+/g, ' ').trim(); }"""
